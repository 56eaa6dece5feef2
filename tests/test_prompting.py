"""Prompts per technique: golden files (reviewed by hand), CodeM's template as SPEC.md prints it, bad input.

Regenerate the golden files after a deliberate change with
`LRCG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_prompting.py`, then review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lrcg.benchmarks import load_benchmark
from lrcg.errors import LrcgError
from lrcg.generation.prompting import (TECHNIQUES, build_prompt, check_technique, completion_from_response,
                                       get_technique, load_examples)

GOLDEN = Path(__file__).parent / "golden" / "prompts"

# Copied from SPEC.md (paper B, Figure 3) independently of lrcg.generation.prompting.
SPEC_CODEM = ("Below is an instruction that describes a task. Write a response that appropriately completes the "
              "request.\\n\\n### Instruction:\\nComplete the {language} code for this problem:\\n{problem}\\n\\n"
              "### Response:\\n{signature}")


def problem(benchmark, language, index):
    return next(p for p in load_benchmark(benchmark, language) if p.index == index)


CASES = [
    ("baseline", "multipl-e", "r", 23, False),
    ("baseline", "humaneval-x", "cpp", 0, False),
    ("baseline", "multipl-e", "lua", 23, True),
    *[(t, "multipl-e", lang, 23, False) for t in ("translation-examples", "translation-rules", "few-shot")
      for lang in ("r", "rkt", "lua", "jl")],
    ("few-shot", "multipl-e", "r", 89, False),
    *[("codem", "humaneval-x", lang, 0, False) for lang in ("py", "cpp", "java", "js", "go")],
    ("codem", "multipl-e", "rkt", 23, False),
    ("codem", "humanevalpack", "java", 10, False),
    ("codem", "multipl-e", "py", 23, True),  # chat=True does not wrap CodeM's own format
]


def golden_path(case) -> Path:
    technique, bench, lang, index, chat = case
    return GOLDEN / f"{technique}{'-chat' if chat else ''}__{bench}__{lang}__{index}.txt"


@pytest.fixture(scope="module")
def tokenizer():
    from lrcg.generation.tiny import make_tokenizer

    return make_tokenizer()


@pytest.mark.parametrize("case", CASES, ids=lambda c: golden_path(c).stem)
def test_prompt_matches_golden_file(case, tokenizer):
    technique, bench, lang, index, chat = case
    text = build_prompt(technique, problem(bench, lang, index), tokenizer=tokenizer, chat=chat)
    path = golden_path(case)
    if os.environ.get("LRCG_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_codem_prompt_is_spec_figure_3_character_for_character():
    template = SPEC_CODEM.replace("\\n", "\n")
    spec = Path(__file__).resolve().parents[2] / "shared" / "SPEC.md"
    if spec.exists():  # the copy above is the one in SPEC.md
        assert SPEC_CODEM in spec.read_text(encoding="utf-8")
    p = problem("humaneval-x", "cpp", 0)
    signature = "bool has_close_elements(vector<float> numbers, float threshold){\n"
    assert p.prompt.endswith(signature)
    expected = template.format(language="C++", problem=p.prompt.strip("\n"), signature=signature)
    assert build_prompt("codem", p) == expected
    assert build_prompt("codem", p).startswith("Below is an instruction that describes a task. Write a response")


def test_codem_signature_for_python_includes_the_docstring_so_completions_append_to_the_prompt():
    p = problem("humaneval-x", "py", 0)
    text = build_prompt("codem", p)
    signature = text.split("### Response:\n", 1)[1]
    assert signature.startswith("def has_close_elements(") and p.prompt.endswith(signature)


@pytest.mark.parametrize("technique", ["translation-examples", "few-shot"])
def test_icl_prefixes_contain_both_examples_before_the_benchmark_prompt(technique):
    p = problem("multipl-e", "lua", 23)
    text = build_prompt(technique, p)
    assert text.endswith(p.prompt)
    for ex in load_examples("lua"):
        assert ex.target.strip() in text
        assert (ex.python.strip() in text) == (technique == "translation-examples")


def test_chat_wraps_the_technique_text_in_the_tokenizers_template(tokenizer):
    p = problem("multipl-e", "r", 23)
    text = build_prompt("translation-rules", p, tokenizer=tokenizer, chat=True)
    plain = build_prompt("translation-rules", p)
    assert text == f"### Instruction:\n{plain}\n### Response:\n"


def test_max_new_tokens_follow_paper_a():
    assert {n: t.max_new_tokens for n, t in TECHNIQUES.items()} == {
        "baseline": 1024, "codem": 1024, "few-shot": 2048, "translation-examples": 3072, "translation-rules": 3072}


def test_unknown_technique_names_the_valid_ones():
    with pytest.raises(LrcgError, match=r"unknown technique 'zero-shot' \(valid: baseline, codem, few-shot, "
                                        r"translation-examples, translation-rules\)"):
        get_technique("zero-shot")
    with pytest.raises(LrcgError, match="unknown technique"):
        build_prompt("zero-shot", problem("multipl-e", "r", 23))


def test_technique_not_available_for_a_language():
    with pytest.raises(LrcgError, match=r"technique 'few-shot' is not available for 'cpp' \(available: jl, lua, r, rkt\)"):
        check_technique("few-shot", "cpp")
    with pytest.raises(LrcgError, match="not available for 'java'"):
        build_prompt("translation-rules", problem("multipl-e", "java", 23))
    with pytest.raises(LrcgError, match="not available for 'py'"):
        completion_from_response(problem("multipl-e", "py", 23), "x", "few-shot")
    assert check_technique("few-shot", "racket").name == "few-shot"  # aliases resolve
    assert check_technique("codem", "cpp").name == "codem"


def test_chat_without_a_chat_template_is_a_clear_error():
    with pytest.raises(LrcgError, match="needs a tokenizer with a chat template"):
        build_prompt("baseline", problem("multipl-e", "r", 23), tokenizer=None, chat=True)
