"""The whole fine-tuning chain on the real SmolLM2-135M-Instruct, on a tiny slice: a plan makes MultiPL-T data
(real generation and execution through the store), trains both techniques' LoRA adapters (a few steps, bf16 where
native), and evaluate() runs the base model and an adapter on MultiPL-E, whose paired outcomes make a transfer table.

SmolLM2 solves no MultiPL-T problem, so after its real attempt the pair files are fed known-correct solutions
(tests/fixtures/multipl_t_solutions.jsonl, checked by lrcg's engine here) before training."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import needs_toolchain

VARIANT = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"
SOLUTIONS = Path(__file__).parent / "fixtures" / "multipl_t_solutions.jsonl"
EVAL_PROBLEMS = ["HumanEval_53_add", "HumanEval_23_strlen"]


@pytest.fixture(scope="module")
def smollm2():
    from lrcg.generation.models import fetch_model

    return fetch_model("smollm2-135m-instruct", log=lambda *a: None)


def _known_correct_pairs(language: str):
    from lrcg.benchmarks import build_program, load_benchmark
    from lrcg.execution import Program, run_programs
    from lrcg.training.decontaminate import build_reference
    from lrcg.harvest import canonical_python, language_pairs

    mine = [json.loads(x) for x in SOLUTIONS.read_text().splitlines() if json.loads(x)["language"] == language]
    problems = load_benchmark("multipl-t-python", language, problems=[s["problem"] for s in mine])
    outcomes = run_programs([Program(language, build_program(p, s["completion"])) for p, s in zip(problems, mine)],
                            progress=False)
    rows = [{"problem": p.task_id, "index": p.index, "sample": 0, "status": o.status, "completion": s["completion"],
             "settings_hash": "fixture"} for p, s, o in zip(problems, mine, outcomes)]
    assert all(r["status"] == "OK" for r in rows)
    plain = {p.task_id: p.prompt for p in load_benchmark("multipl-t", language)}
    python = {p.task_id: canonical_python(p.prompt, plain[p.task_id], language, p.entry_point) for p in problems}
    return language_pairs(rows, problems, plain, python, build_reference(), "fixture", "none")


def _loss(model: str, adapter, pairs: Path) -> float:
    import torch

    from lrcg.generation.models import load_model
    from lrcg.training.data import collate, load_examples, tokenize_examples

    net, tokenizer = load_model(model, adapter=None if adapter is None else str(adapter))
    rows = tokenize_examples(load_examples(str(pairs)), tokenizer, "chat", 512).rows
    with torch.no_grad():
        return float(net(**collate(rows, tokenizer.pad_token_id)).loss)


@pytest.mark.slow
def test_data_train_and_evaluate_chain_on_smollm2(smollm2, tmp_path):
    needs_toolchain("lua")
    from lrcg.analysis.finetuning import transfer_table
    from lrcg.evaluate import evaluate
    from lrcg.spec import run_spec
    from lrcg.store import load_outcomes
    from lrcg.harvest import read_data_summary
    from lrcg.training.plan import adapter_dir, data_files, load_plan, run_plan
    from lrcg.training.train import read_summary

    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(json.dumps({
        "model": VARIANT, "adapters_dir": str(tmp_path / "adapters"), "preset": "laptop",
        "data": {"languages": ["lua"], "problems": "multipl-t-python",
                 "names": ["HumanEval_115127_plusone", "HumanEval_68615_is_even"], "max_new_tokens": 96,
                 "loop_stop": 32, "batch_size": 2, "store": str(tmp_path / "data.sqlite"),
                 "output_dir": str(tmp_path / "data"), "progress": False},
        "train": {"max_steps": 6, "batch_size": 2, "gradient_accumulation": 1, "learning_rate": 2e-3,
                  "validation_fraction": 0, "save_steps": 3}}))
    plan = load_plan(plan_file)

    # 1. data: the real model's solutions, generated and executed through the store
    run_plan(plan, steps=("data",))
    summary = read_data_summary(plan.data.output_dir)["languages"]["lua"]
    assert summary["tried"] == summary["executed"] == 2 and summary["generated_tokens"] > 0
    assert summary["kept"] + summary["dropped"] <= summary["passed"] <= 2
    stored = load_outcomes(plan.data.store)
    assert len(stored) == 2 and set(stored["benchmark"]) == {"multipl-t-python"}
    run_plan(plan, steps=("data",))  # a rerun generates nothing: the summary says so
    assert read_data_summary(plan.data.output_dir)["languages"]["lua"]["generated_tokens"] == 0

    # SmolLM2 passes (nearly) nothing: add known-correct pairs so both techniques train on real data
    generation, translation = data_files(plan, "lua")
    fixture = _known_correct_pairs("lua")
    for path, records in ((generation, fixture.generation), (translation, fixture.translation)):
        kept = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        path.write_text("".join(json.dumps(r) + "\n" for r in kept + records))

    # 2. adapters: technique 5 and technique 6 (two stages, one adapter)
    run_plan(plan, steps=("train",))
    t5, t6 = adapter_dir(plan, "lua", "generation"), adapter_dir(plan, "lua", "two-stage")
    s5, s6 = read_summary(t5), read_summary(t6)
    stage1 = read_summary(t6.parent / "stage1-translation")
    assert s5["global_step"] == 6 and s5["train_tokens_per_second"] > 0 and s5["output"] == "adapter"
    assert s6["init_adapter"] == str(t6.parent / "stage1-translation")
    assert s6["initial_weights"] == stage1["final_weights"] != stage1["initial_weights"]
    # the adapter lowered the loss on its training pairs (a forward pass of base and adapter on the same batch)
    assert _loss(VARIANT, None, generation) > _loss(VARIANT, t5, generation)

    # 3. evaluation: the base model and the adapter, one store, told apart by the adapter key
    store = tmp_path / "results.sqlite"
    common = dict(model=VARIANT, benchmark="multipl-e", languages=["lua"], problems=EVAL_PROBLEMS, max_new_tokens=64,
                  loop_stop=32, batch_size=2, store=str(store), progress=False)
    evaluate(run_spec("chain", **common))
    evaluate(run_spec("chain", **common, adapter=str(t5)))
    frame = load_outcomes(store)
    assert sorted(frame["adapter"].unique()) == ["", str(t5.resolve())] and len(frame) == 4
    assert frame["status"].notna().all()
    with_adapter = frame[frame["adapter"] != ""]["completion"].tolist()
    table = transfer_table(frame, VARIANT, [str(t5.resolve())], ["lua"])
    assert list(table["adapter"]) == ["lua/generation"] and table.iloc[0]["n_pairs"] == 2
    assert with_adapter  # what the adapter wrote was executed and stored
