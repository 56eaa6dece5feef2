"""Fine-tuning on a tiny local model: loss drops, adapters round-trip, resume, two-stage, CLI, bad input."""
from __future__ import annotations

import json
import os
import sys

import pytest

from lrcg.errors import LrcgError
from lrcg.training import Example, train, train_two_stage
from lrcg.training.train import read_summary

# A fixed, learnable dataset: the response is a deterministic function of the instruction.
DATA = [Example(f"Write a function add{n} that adds {n} to x.", f"def add{n}(x):\n    return x + {n}\n")
        for n in range(12)]
# fp32: these tests compare logits and weights exactly (bf16 autocast has its own test)
FAST = dict(preset="paper-a", batch_size=4, gradient_accumulation=1, warmup_steps=0, logging_steps=1000, precision="fp32")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from lrcg.generation.tiny import make_tiny_model

    return str(make_tiny_model(tmp_path_factory.mktemp("tiny") / "llama"))


def _probe_logits(model, tokenizer):
    import torch

    ids = tokenizer("def add(a, b):\n    return a + b", return_tensors="pt")["input_ids"]
    was_training = model.training
    model.eval()
    with torch.no_grad():
        logits = model(input_ids=ids.to(model.device)).logits.float().cpu()
    model.train(was_training)
    return logits


def _capture_final_logits(store: dict):
    from transformers import TrainerCallback

    class FinalLogits(TrainerCallback):
        def on_train_end(self, args, state, control, model=None, processing_class=None, **kwargs):
            store["logits"] = _probe_logits(model, processing_class)

    return FinalLogits()


@pytest.mark.slow
def test_training_lowers_validation_loss(tiny, tmp_path):
    out = train(tiny, DATA, "full", output_dir=tmp_path / "full", validation=DATA[:4], epochs=6,
                learning_rate=2e-3, save_checkpoints=False, **FAST)
    s = read_summary(out)
    assert s["global_step"] == 18 and s["dropped_too_long"] == 0
    assert s["eval_loss_after"] < s["eval_loss_before"] - 1.0, s
    assert (out / "model.safetensors").is_file() and (out / "tokenizer.json").is_file()


@pytest.mark.parametrize("method", ["lora", "qlora"])
def test_adapter_saves_reloads_and_gives_the_same_logits(tiny, tmp_path, method):
    import torch

    from lrcg.generation.models import load_model

    seen: dict = {}
    out = train(tiny, DATA, method, output_dir=tmp_path / method, max_steps=3, learning_rate=5e-3,
                validation_fraction=0, save_checkpoints=False, callbacks=[_capture_final_logits(seen)], **FAST)
    assert (out / "adapter_config.json").is_file() and read_summary(out)["output"] == "adapter"
    model, tokenizer = load_model(tiny, quantization="4bit" if method == "qlora" else None, adapter=str(out))
    reloaded = _probe_logits(model, tokenizer)
    base, _ = load_model(tiny, quantization="4bit" if method == "qlora" else None)
    assert not torch.allclose(_probe_logits(base, tokenizer), seen["logits"], atol=1e-4)  # the adapter did learn
    torch.testing.assert_close(reloaded, seen["logits"], atol=1e-5, rtol=1e-5)


def test_resume_continues_at_the_right_step_with_the_same_optimizer_state(tiny, tmp_path):
    import torch
    from transformers import TrainerCallback

    kw = dict(epochs=3, learning_rate=5e-3, validation_fraction=0, **{**FAST, "batch_size": 4})
    data = DATA[:8]  # 2 steps per epoch -> checkpoints at steps 2, 4, 6
    full = train(tiny, data, "lora", output_dir=tmp_path / "a", **kw)
    checkpoint = tmp_path / "a" / "checkpoint-4"
    assert {p.name for p in (tmp_path / "a").glob("checkpoint-*")} == {"checkpoint-2", "checkpoint-4", "checkpoint-6"}

    seen: dict = {}

    class AtStart(TrainerCallback):
        def on_train_begin(self, args, state, control, optimizer=None, **kwargs):
            seen["step"] = state.global_step
            # copies: training goes on to update these tensors in place
            seen["optimizer"] = {i: {k: v.clone() for k, v in st.items()} for i, st in optimizer.state_dict()["state"].items()}

    resumed = train(tiny, data, "lora", output_dir=tmp_path / "a", resume=checkpoint, callbacks=[AtStart()], **kw)
    assert seen["step"] == 4
    saved = torch.load(checkpoint / "optimizer.pt", weights_only=False)
    assert saved["state"].keys() == seen["optimizer"].keys() and saved["state"]
    for key, state in saved["state"].items():
        for name in ("exp_avg", "exp_avg_sq", "step"):
            torch.testing.assert_close(seen["optimizer"][key][name], state[name], atol=0, rtol=0)
    s = read_summary(resumed)
    assert s["global_step"] == 6 and s["resumed_from"] == str(checkpoint)
    assert s["final_weights"] == read_summary(full)["final_weights"]  # same data order, RNG and optimizer state
    with pytest.raises(LrcgError, match="no complete checkpoint"):
        train(tiny, data, "lora", output_dir=tmp_path / "empty", resume=True, **kw)


def test_two_stage_stage2_starts_from_stage1(tiny, tmp_path):
    translation = [Example(f"Translate the following Python function to Racket:\n\ndef f{n}(x): return x",
                           f"(define (f{n} x) x)") for n in range(8)]
    out = train_two_stage(tiny, translation, DATA[:8], "lora", output_dir=tmp_path / "two", max_steps=2,
                          learning_rate=5e-3, validation_fraction=0, save_checkpoints=False, **FAST)
    stage1, stage2 = read_summary(tmp_path / "two" / "stage1-translation"), read_summary(out)
    assert out == tmp_path / "two" / "stage2-generation"
    assert stage2["init_adapter"] == str(tmp_path / "two" / "stage1-translation")
    assert stage2["initial_weights"] == stage1["final_weights"]  # stage 2 starts exactly where stage 1 ended
    assert stage2["final_weights"] != stage1["final_weights"] and stage1["initial_weights"] != stage1["final_weights"]


def test_cli_train_writes_an_adapter_evaluate_can_load(tiny, tmp_path, capsys):
    from lrcg.cli import main
    from lrcg.generation.models import load_model

    data = tmp_path / "rkt.jsonl"
    data.write_text("".join(json.dumps({"instruction": e.instruction, "output": e.response}) + "\n" for e in DATA))
    out = tmp_path / "cli"
    rc = main(["train", "--model", tiny, "--data", str(data), "--method", "lora", "--output", str(out),
               "--max-steps", "2", "--batch-size", "4", "--gradient-accumulation", "1", "--validation-fraction", "0.25"])
    text = capsys.readouterr().out
    assert rc == 0 and f"adapter saved to {out}" in text and f"--adapter {out}" in text
    import torch

    model, _ = load_model(tiny, adapter=str(out))
    base, _ = load_model(tiny)
    changed = [k for k, v in base.state_dict().items() if not torch.equal(v, model.state_dict()[k])]
    assert changed and all("proj" in k for k in changed)  # the trained LoRA folded into the projections


def test_bad_input_is_a_clear_error(tiny, tmp_path, monkeypatch, capsys):
    from lrcg.cli import main

    with pytest.raises(LrcgError, match=r"unknown training method 'adapter' \(valid: full, lora, qlora\)"):
        train(tiny, DATA, "adapter", output_dir=tmp_path / "x")
    with pytest.raises(LrcgError, match="unknown training preset"):
        train(tiny, DATA, "lora", "codex", output_dir=tmp_path / "x")
    with pytest.raises(LrcgError, match="empty after length filtering"):
        train(tiny, DATA, "lora", output_dir=tmp_path / "x", max_length=8, validation_fraction=0)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"prompt_text": "x", "output": "y"}) + "\n")
    assert main(["train", "--model", tiny, "--data", str(bad), "--output", str(tmp_path / "y")]) == 2
    assert "bad.jsonl" in capsys.readouterr().err
    assert main(["train", "--model", tiny, "--data", "multipl-t:rkt", "--output", str(tmp_path / "y"), "--two-stage"]) == 2
    assert "--two-stage needs --translation-data" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "bitsandbytes", None)  # import bitsandbytes now raises ImportError
    with pytest.raises(LrcgError, match="needs bitsandbytes"):
        train(tiny, DATA, "qlora", output_dir=tmp_path / "x")


def test_lora_merge_saves_a_full_model_with_the_adapters_logits(tiny, tmp_path):
    import torch

    from lrcg.generation.models import load_model

    seen: dict = {}
    out = train(tiny, DATA, "lora", output_dir=tmp_path / "merged", merge=True, max_steps=2, learning_rate=5e-3,
                validation_fraction=0, save_checkpoints=False, callbacks=[_capture_final_logits(seen)], **FAST)
    assert read_summary(out)["output"] == "model" and not (out / "adapter_config.json").exists()
    model, tokenizer = load_model(str(out))
    torch.testing.assert_close(_probe_logits(model, tokenizer), seen["logits"], atol=1e-4, rtol=1e-4)
    with pytest.raises(LrcgError, match="merge applies to method 'lora' only"):
        train(tiny, DATA, "qlora", output_dir=tmp_path / "x", merge=True)


@pytest.mark.slow
def test_two_process_data_parallel_run_on_cpu(tiny, tmp_path):
    """The distribution is the Trainer's: `torchrun` (as `accelerate launch` on GPUs) runs the unchanged command."""
    import subprocess
    from pathlib import Path

    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"instruction": e.instruction, "output": e.response}) + "\n" for e in DATA))
    torchrun = Path(sys.executable).with_name("torchrun")
    r = subprocess.run([str(torchrun), "--standalone", "--nproc_per_node", "2", "-m", "lrcg", "train", "--model", tiny,
                        "--data", str(data), "--output", str(tmp_path / "ddp"), "--max-steps", "2", "--batch-size", "2",
                        "--gradient-accumulation", "1", "--validation-fraction", "0"],
                       capture_output=True, text=True, timeout=600, env={**os.environ, "TQDM_DISABLE": "1"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.count("adapter saved to") == 1  # rank 0 reports
    s = read_summary(tmp_path / "ddp")
    # 12 examples, 2 processes x batch 2 -> 3 steps per epoch; one process alone would need 6
    assert s["global_step"] == 2
    state = json.loads((tmp_path / "ddp" / "checkpoint-2" / "trainer_state.json").read_text())
    assert state["epoch"] == pytest.approx(2 / 3, abs=0.01)
