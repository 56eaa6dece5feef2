"""Training-data builders: CodeM records, MultiPL-T generation and translation pairs, split, length filter, masking."""
from __future__ import annotations

import json

import pytest

from lrcg.errors import LrcgError
from lrcg.training.data import (CODEM_TRAINING_PROMPT, IGNORE_INDEX, Example, collate, format_prompt, generation_pair,
                                load_examples, match_key, split_train_validation, tokenize_example,
                                tokenize_examples)

FIGURE_2 = ("Below is an instruction that describes a task, paired with an input that provides further context. "
            "Write a response that appropriately completes the request.\n\n### Instruction:\n{problem}\n\n"
            "### Response:\n{response}")

RACKET = '''#lang racket

;; Return the sum of the squares of the numbers in lst.
(define (sum_squares lst)
  (apply + (map (lambda (x) (* x x)) lst)))
'''
LUA = '''-- Return the largest element of t.
local function maxElement(t)
  local m = t[1]
  for _, v in ipairs(t) do if v > m then m = v end end
  return m
end
'''
R_CODE = '''# Count the vowels in a string.
count_vowels <- function(s) {
  sum(strsplit(s, "")[[1]] %in% c("a", "e", "i", "o", "u"))
}
'''
PY_SQUARES = 'def sum_squares(lst):\n    """Return the sum of the squares of the numbers in lst."""\n    return sum(x * x for x in lst)\n'
PY_MAX = 'def max_element(t):\n    """Return the largest element of t."""\n    return max(t)\n'
PY_OTHER = 'def sum_squares(lst):\n    """Something else entirely."""\n    return 0\n'


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.fixture(scope="module")
def tokenizer():
    from lrcg.generation.tiny import make_tokenizer

    return make_tokenizer()


def test_codem_prompt_is_figure_2_verbatim():
    assert CODEM_TRAINING_PROMPT == FIGURE_2
    assert format_prompt("Sort a list.", "codem") == FIGURE_2.format(problem="Sort a list.", response="")


def test_codem_local_file_and_instruction_fields(tmp_path):
    path = tmp_path / "python.json"
    path.write_text(json.dumps([{"instruction": "Add two numbers.", "output": "def add(a, b): return a + b"},
                                {"instruction": "Negate.", "input": "x = 3", "output": "-x"}]))
    examples = load_examples(f"codem:{path}")
    assert examples[0] == Example("Add two numbers.", "def add(a, b): return a + b")
    assert examples[1].instruction == "Negate.\nx = 3"  # a non-empty Alpaca-style input is appended


def test_missing_field_names_the_file_and_field(tmp_path):
    path = _jsonl(tmp_path / "bad.jsonl", [{"instruction": "ok", "output": "ok"}, {"instruction": "no answer"}])
    with pytest.raises(LrcgError) as e:
        load_examples(str(path))
    msg = str(e.value)
    assert "bad.jsonl" in msg and "record 1" in msg and "output" in msg and "instruction" in msg
    with pytest.raises(LrcgError, match="content"):
        load_examples(f"multipl-t:rkt:{_jsonl(tmp_path / 'racket.jsonl', [{'code': RACKET}])}")


def test_bad_specs_are_clear_errors(tmp_path):
    with pytest.raises(LrcgError, match="unknown data spec"):
        load_examples("nonsense")
    with pytest.raises(LrcgError, match="unknown CodeM language 'cobol'"):
        load_examples("codem:cobol")
    with pytest.raises(LrcgError, match="unknown MultiPL-T language"):
        load_examples("multipl-t:java")
    with pytest.raises(LrcgError, match="does not exist"):
        load_examples(str(tmp_path / "missing.jsonl"))


@pytest.mark.parametrize("code,language,doc,signature,body_start", [
    (RACKET, "rkt", ";; Return the sum of the squares", "(define (sum_squares lst)", "  (apply +"),
    (LUA, "lua", "-- Return the largest element", "local function maxElement(t)", "  local m = t[1]"),
    (R_CODE, "r", "# Count the vowels", "count_vowels <- function(s) {", "  sum(strsplit"),
])
def test_generation_pair_is_docstring_plus_signature_then_body(code, language, doc, signature, body_start):
    pair = generation_pair(code, language)
    assert pair is not None
    assert pair.instruction.startswith(("#lang racket\n\n" if language == "rkt" else "") + doc)
    assert pair.instruction.rstrip().endswith(signature)
    assert pair.response.startswith(body_start)
    assert signature not in pair.response


def test_multipl_t_local_file_language_from_name(tmp_path):
    path = _jsonl(tmp_path / "racket.jsonl", [{"content": RACKET}, {"content": "no function here"}])
    examples = load_examples(f"multipl-t:{path}")
    assert len(examples) == 1 and "sum_squares" in examples[0].instruction


def test_translation_pairs_match_by_normalised_name_and_docstring(tmp_path):
    assert match_key(PY_SQUARES, "py") == match_key(RACKET, "rkt")
    assert match_key(PY_MAX, "py") == match_key(LUA, "lua")  # maxElement ~ max_element
    assert match_key(PY_OTHER, "py") != match_key(RACKET, "rkt")  # same name, different docstring
    py = _jsonl(tmp_path / "python.jsonl", [{"content": PY_OTHER}, {"content": PY_SQUARES}, {"content": PY_MAX}])
    rkt = _jsonl(tmp_path / "racket.jsonl", [{"content": RACKET}, {"content": "(define (unmatched x) x)"}])
    pairs = load_examples(f"translation:rkt:{py}:{rkt}")
    assert pairs == [Example("Translate the following Python function to Racket:\n\n" + PY_SQUARES, RACKET)]
    with pytest.raises(LrcgError, match="empty: no target function matched"):
        load_examples(f"translation:rkt:{_jsonl(tmp_path / 'only_other.jsonl', [{'content': PY_OTHER}])}:{rkt}")


def test_split_is_seeded_disjoint_and_complete():
    examples = [Example(f"i{n}", f"r{n}") for n in range(40)]
    train, val = split_train_validation(examples, 0.1, seed=3)
    assert len(val) == 4 and len(train) == 36
    assert sorted(train + val, key=lambda e: int(e.instruction[1:])) == examples
    assert split_train_validation(examples, 0.1, seed=3) == (train, val)
    assert split_train_validation(examples, 0.1, seed=4) != (train, val)


def test_length_filter_reports_dropped_and_errors_when_empty(tokenizer, caplog):
    examples = [Example("short", "x"), Example("long " * 200, "y " * 200), Example("short2", "z")]
    limit = len(tokenize_example(examples[1], tokenizer, "codem")["input_ids"]) - 1
    assert limit > len(tokenize_example(examples[2], tokenizer, "codem")["input_ids"])
    with caplog.at_level("WARNING"):
        data = tokenize_examples(examples, tokenizer, "codem", max_length=limit)
    assert (len(data.rows), data.dropped_too_long, data.total) == (2, 1, 3)
    assert "dropped 1 of 3" in caplog.text
    with pytest.raises(LrcgError, match="empty after length filtering"):
        tokenize_examples(examples, tokenizer, "codem", max_length=5)


@pytest.mark.parametrize("style", ["codem", "chat"])
def test_prompt_tokens_carry_label_minus_100(tokenizer, style):
    examples = [Example("Add two numbers.", "return a + b"), Example("Square it, please.", "return x * x")]
    rows = tokenize_examples(examples, tokenizer, style, max_length=2048).rows
    batch = collate(rows, tokenizer.pad_token_id)
    for i, ex in enumerate(examples):
        ids, labels, mask = batch["input_ids"][i], batch["labels"][i], batch["attention_mask"][i]
        supervised = labels != IGNORE_INDEX
        assert (labels[supervised] == ids[supervised]).all()
        assert tokenizer.decode(ids[supervised]) == ex.response + tokenizer.eos_token
        prompt = ids[(~supervised) & (mask == 1)]
        assert tokenizer.decode(prompt, skip_special_tokens=True) == format_prompt(ex.instruction, style, tokenizer)
        assert (labels[mask == 0] == IGNORE_INDEX).all()  # padding is ignored too
    assert batch["attention_mask"].sum().item() == sum(len(r["input_ids"]) for r in rows)
