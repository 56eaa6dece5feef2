"""Early stopping of chat responses on real model output: SmolLM2-135M-Instruct's full-length responses
(tests/fixtures/smollm2_responses.jsonl, made by scripts/make_smollm2_fixtures.py). Wherever
`chat_completion_final` says a response is settled, the completion kept from that prefix must equal, byte for
byte, the completion of the full-length response."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lrcg.benchmarks import load_benchmark
from lrcg.generation.postprocess import chat_completion_final, completion_from_chat

FIXTURES = Path(__file__).parent / "fixtures" / "smollm2_responses.jsonl"
ROWS = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines()]


def _problem(row):
    (problem,) = load_benchmark("multipl-e", row["language"], problems=[row["problem"]])
    return problem


def _stop_points(text: str):
    """Every prefix length where generation could stop: a token ending at or a few characters after a line
    break or backtick (where `final` is consulted), and the end."""
    for i, c in enumerate(text):
        if c in "\n`":
            yield from range(i + 1, min(i + 6, len(text)) + 1)
    yield len(text)


def test_the_fixtures_cover_every_language_and_technique():
    assert len(ROWS) >= 30
    assert {r["language"] for r in ROWS} >= {"py", "java", "lua", "r", "rkt", "jl"}
    assert {r["technique"] for r in ROWS} >= {"baseline", "few-shot", "translation-rules", "translation-examples"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['language']}-{r['technique']}-{r['problem']}" for r in ROWS])
def test_a_settled_prefix_keeps_the_full_responses_completion(row):
    problem, text = _problem(row), row["response"]
    full = completion_from_chat(problem, text)
    for end in sorted(set(_stop_points(text))):
        if chat_completion_final(problem, text[:end]):
            assert completion_from_chat(problem, text[:end]) == full, (end, text[:end])


def test_responses_that_answer_the_question_settle_early():
    """Settling needs a closed function in the asked language: SmolLM2 writes one for most Python prompts; in
    the low-resource languages it mostly answers in prose or Python, or rambles, and runs to the cap."""
    settled, saved, total = [], 0, 0
    for row in ROWS:
        problem, text = _problem(row), row["response"]
        first = next((e for e in sorted(set(_stop_points(text))) if chat_completion_final(problem, text[:e])), None)
        if first is not None and first < len(text):
            settled.append(row["language"])
            saved, total = saved + len(text) - first, total + len(text)
    assert settled.count("py") >= 3 and len(settled) >= 6, settled
    assert saved >= total // 3  # what settles, settles well before the cap
