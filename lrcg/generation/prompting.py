"""Prompting techniques: one named `Technique` per row of paper A's Table III plus CodeM's prompt.

`build_prompt(technique, problem)` is the text fed to the model; `completion_from_response(...)` turns
what the model said into the completion that `benchmarks.build_program(problem, completion)` appends to
`problem.prompt`.

Techniques
- `baseline`: the benchmark prompt as is (completion models continue it; instruct models get it as the
  user message of their own chat template).
- `translation-examples` / `translation-rules` / `few-shot` (paper A's in-context learning): a prefix
  before the benchmark prompt. The examples and rules are package data under `lrcg/generation/prompts/<lang>/`
  (`examples.json`: two Python functions and their equivalents; `rules.md`: numbered Python->target
  rules), for R, Racket, Lua and Julia.
- `codem`: CodeM's inference prompt (Zan et al. 2023, Figure 3). It is an instruction format of its own
  and is never wrapped in a chat template. `{problem}` is the benchmark prompt (surrounding blank lines
  stripped) and `{signature}` is the prompt's suffix from the line that starts the entry function's
  definition (`def`/`function`/`(define (`/the signature line) to the end, so the model continues right
  after the signature and its continuation appends to `problem.prompt` unchanged. For Python prompts the
  suffix includes the docstring that follows the `def` line (as do the few HumanEval-X C++ prompts whose
  comment follows the signature); otherwise it is the signature line itself (for HumanEval-X and
  HumanEvalPack, the last line of `problem.declaration`). Comments are skipped when looking for it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..benchmarks import Problem
from ..errors import LrcgError, unknown_choice
from ..execution.languages import get_language
from . import postprocess
from .batched import cut_at_stop

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"  # package data (pyproject: generation/prompts/**/*)
# The languages with in-context-learning prompt data: a folder of their own under prompts/ (examples, rules)
ICL_LANGUAGES = tuple(sorted(d.name for d in PROMPTS_DIR.iterdir() if (d / "examples.json").is_file()))

CODEM_TEMPLATE = (
    "Below is an instruction that describes a task. Write a response that appropriately completes the request."
    "\n\n### Instruction:\nComplete the {language} code for this problem:\n{problem}\n\n### Response:\n{signature}"
)
# Where a CodeM-style response stops being code (the model starts a new turn or closes its block).
CODEM_STOPS = ("\n```", "\n### ", "</s>", "<|endoftext|>")


@dataclass(frozen=True)
class Technique:
    name: str
    description: str
    languages: tuple[str, ...] | None  # None: every language
    max_new_tokens: int  # paper A: 1024, 2048 for few-shot, 3072 for the translation techniques
    chat: bool = True  # False: never wrapped in a chat template (the prompt is an instruction format itself)
    stops: tuple[str, ...] = ()  # stop strings of a completion prompt, beside the problem's own


TECHNIQUES: dict[str, Technique] = {
    t.name: t
    for t in [
        Technique("baseline", "the benchmark prompt alone", None, 1024),
        Technique("translation-examples", "two Python functions and their equivalents before the prompt",
                  ICL_LANGUAGES, 3072),
        Technique("translation-rules", "~25 numbered Python->target translation rules before the prompt",
                  ICL_LANGUAGES, 3072),
        Technique("few-shot", "two target-language functions before the prompt", ICL_LANGUAGES, 2048),
        Technique("codem", "CodeM's inference prompt (Zan et al. 2023, Figure 3), primed with the signature",
                  None, 1024, chat=False, stops=CODEM_STOPS),
    ]
}


def get_technique(name: str | Technique) -> Technique:
    if isinstance(name, Technique):
        return name
    technique = TECHNIQUES.get(str(name).strip().lower())
    if technique is None:
        raise unknown_choice("technique", name, TECHNIQUES)
    return technique


def check_technique(name: str | Technique, language: str) -> Technique:
    """The technique, or an LrcgError when it has no prompt data for `language`."""
    technique = get_technique(name)
    lang = get_language(language).name
    if technique.languages is not None and lang not in technique.languages:
        raise LrcgError(f"technique {technique.name!r} is not available for {lang!r} "
                        f"(available: {', '.join(sorted(technique.languages))})")
    return technique


@dataclass(frozen=True)
class Example:
    name: str
    python: str
    target: str
    inputs: tuple  # argument lists (JSON values) the test runs both versions on


@lru_cache(maxsize=None)
def load_examples(language: str) -> tuple[Example, ...]:
    """The two (Python, target) example pairs of `lrcg/generation/prompts/<lang>/examples.json`."""
    check_technique("translation-examples", language)
    lang = get_language(language).name
    path = PROMPTS_DIR / lang / "examples.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Example(r["name"], r["python"], r["target"], tuple(tuple(a) for a in r["inputs"]))
                     for r in rows)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise LrcgError(f"{path}: unreadable prompt examples ({e})") from None


@lru_cache(maxsize=None)
def load_rules(language: str) -> str:
    """The numbered rules of `lrcg/generation/prompts/<lang>/rules.md` (without heading or closing instruction)."""
    check_technique("translation-rules", language)
    lang = get_language(language).name
    path = PROMPTS_DIR / lang / "rules.md"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise LrcgError(f"{path}: unreadable translation rules ({e.strerror})") from None


def _translation_examples_prefix(display: str, examples: tuple[Example, ...]) -> str:
    parts = []
    for i, ex in enumerate(examples):
        intro = "This is an example of Python function:" if i == 0 else "This is another example of Python function:"
        parts.append(f"{intro}\n{ex.python.strip()}\nThis is the equivalent in {display}:\n{ex.target.strip()}\n\n")
    return "".join(parts)


def _rules_prefix(display: str, rules: str) -> str:
    return (f"Here are some general mapping rules to translate Python code into {display} code:\n{rules}\n\n"
            f"Employ these rules to generate {display} code, leveraging your Python knowledge. "
            f"First try to understand the code and then convert it to {display}.\n\n")


def _few_shot_prefix(examples: tuple[Example, ...]) -> str:
    return "".join(ex.target.strip() + "\n\n" for ex in examples)


def codem_signature(problem: Problem) -> str:
    """The prompt's suffix from the start of the entry function's definition (see the module docstring)."""
    start = postprocess.signature_start(problem.prompt, problem.language, problem.entry_point)
    return problem.prompt[start:]


def prompt_text(technique: str | Technique, problem: Problem) -> str:
    """The technique's text for `problem`, before any chat template."""
    technique = check_technique(technique, problem.language)
    lang = get_language(problem.language)
    if technique.name == "baseline":
        return problem.prompt
    if technique.name == "translation-examples":
        return _translation_examples_prefix(lang.display, load_examples(lang.name)) + problem.prompt
    if technique.name == "translation-rules":
        return _rules_prefix(lang.display, load_rules(lang.name)) + problem.prompt
    if technique.name == "few-shot":
        return _few_shot_prefix(load_examples(lang.name)) + problem.prompt
    if technique.name == "codem":
        return CODEM_TEMPLATE.format(language=lang.display, problem=problem.prompt.strip("\n"),
                                     signature=codem_signature(problem))
    raise AssertionError(technique.name)  # every TECHNIQUES entry is handled above


def stop_strings(technique: str | Technique, problem: Problem) -> tuple[str, ...]:
    """Where a completion prompt's generation stops: the benchmark's stop tokens (as MultiPL-E does) and the
    technique's own (`codem`: a closing fence or a new `###` section)."""
    return tuple(problem.stop_tokens) + get_technique(technique).stops


def build_prompt(technique: str | Technique, problem: Problem, tokenizer=None, chat: bool = False) -> str:
    """The text fed to the model. With `chat=True` (instruct models) the technique's text is the user
    message of the tokenizer's own chat template, with the generation prompt added."""
    technique = check_technique(technique, problem.language)
    text = prompt_text(technique, problem)
    if not (chat and technique.chat):
        return text
    if tokenizer is None or not getattr(tokenizer, "chat_template", None):
        raise LrcgError(f"technique {technique.name!r} with chat=True needs a tokenizer with a chat template")
    return tokenizer.apply_chat_template([{"role": "user", "content": text}], tokenize=False,
                                         add_generation_prompt=True)


def completion_from_response(problem: Problem, response: str, technique: str | Technique = "baseline",
                             chat: bool = False) -> str:
    """The completion appended to `problem.prompt` for what the model generated after the prompt.

    Completion models (and `codem`, whose response continues after the signature): cut at the
    benchmark's stop tokens (as MultiPL-E does; `codem` also stops at a closing fence or a new `###`
    section), then to the first complete function. Chat responses: extract the code, keep what follows
    the re-stated signature, then cut to the first complete function.
    """
    technique = check_technique(technique, problem.language)
    if chat and technique.chat:
        return postprocess.completion_from_chat(problem, response)
    completion = cut_at_stop(response, stop_strings(technique, problem))
    return postprocess.cut_to_first_function(problem, completion)
