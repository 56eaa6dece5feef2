"""Training on a laptop CPU: bf16 detection, bf16 autocast, tokens/s, progress lines, and a run killed mid-way
(SIGKILL, between or during checkpoint writes) that resumes to the same adapter as an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from lrcg.training import Example, train
from lrcg.training.train import last_complete_checkpoint, read_summary

DATA = [Example(f"Write a function add{n} that adds {n} to x.", f"def add{n}(x):\n    return x + {n}\n")
        for n in range(12)]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from lrcg.generation.tiny import make_tiny_model

    return str(make_tiny_model(tmp_path_factory.mktemp("tiny") / "llama"))


def test_bf16_is_detected_from_the_cpu_flags(tmp_path, monkeypatch):
    from lrcg import hardware

    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 avx512_vnni\n\nprocessor\t: 1\n")
    assert hardware.cpu_bf16(hardware.cpu_flags(str(info)))
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2\n")
    hardware.cpu_flags.cache_clear()
    assert not hardware.cpu_bf16(hardware.cpu_flags(str(info)))
    assert hardware.cpu_flags(str(tmp_path / "missing")) == frozenset()
    hardware.cpu_flags.cache_clear()
    monkeypatch.setattr(hardware, "cuda_available", lambda: False)
    monkeypatch.setattr(hardware, "cpu_bf16", lambda flags=None: False)
    assert hardware.training_precision() == "fp32" and hardware.training_precision("bf16") == "bf16"
    monkeypatch.setattr(hardware, "cpu_bf16", lambda flags=None: True)
    assert hardware.training_precision() == "bf16"
    with pytest.raises(Exception, match="unknown precision 'half'"):
        hardware.training_precision("half")


def test_bf16_autocast_trains_and_reports_tokens_per_second(tiny, tmp_path, capsys):
    out = train(tiny, DATA, "lora", preset="laptop", output_dir=tmp_path / "bf16", validation=DATA[:4], epochs=3,
                learning_rate=5e-3, batch_size=4, gradient_accumulation=1, save_checkpoints=False, precision="bf16",
                logging_steps=1, progress=True)
    s = read_summary(out)
    assert s["precision"] == "bf16" and s["lora"]["r"] == 16 and s["preset"]["name"] == "laptop"
    assert s["eval_loss_after"] < s["eval_loss_before"]
    assert s["train_tokens"] > 0 and s["train_tokens_per_second"] > 0  # non-padding tokens of 9 steps
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("step ")]
    assert len(lines) == s["global_step"] == 9
    assert lines[-1].startswith("step 9/9 (100%)") and "tokens/s" in lines[-1] and "left" in lines[-1]


def _cli(tiny, data, out, *extra):
    return [sys.executable, "-m", "lrcg", "train", "--model", tiny, "--data", str(data), "--output", str(out),
            "--preset", "laptop", "--max-steps", "24", "--save-steps", "1", "--batch-size", "2",
            "--gradient-accumulation", "1", "--learning-rate", "5e-3", "--precision", "fp32",
            "--validation-fraction", "0", "--no-progress", *extra]


@pytest.mark.slow
def test_a_killed_run_resumes_to_the_same_adapter(tiny, tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"instruction": e.instruction, "output": e.response}) + "\n" for e in DATA))
    env = {**os.environ, "TQDM_DISABLE": "1"}
    whole = subprocess.run(_cli(tiny, data, tmp_path / "whole"), capture_output=True, text=True, env=env, timeout=600)
    assert whole.returncode == 0, whole.stderr[-2000:]

    killed = tmp_path / "killed"
    proc = subprocess.Popen(_cli(tiny, data, killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        last = last_complete_checkpoint(killed)
        if last is not None and int(last.rpartition("-")[2]) >= 5:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not (killed / "lrcg_training.json").exists()
    at = int(last_complete_checkpoint(killed).rpartition("-")[2])
    assert 5 <= at < 24

    resumed = subprocess.run(_cli(tiny, data, killed, "--resume"), capture_output=True, text=True, env=env,
                             timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    s, w = read_summary(killed), read_summary(tmp_path / "whole")
    assert s["resumed_from"] == str(killed / f"checkpoint-{at}")
    assert s["global_step"] == w["global_step"] == 24
    assert s["final_weights"] == w["final_weights"]  # the same adapter as the run nobody interrupted
    assert s["initial_weights"] == w["initial_weights"]


def test_a_partial_checkpoint_is_skipped(tmp_path):
    for step, files in ((2, ("adapter_model.safetensors", "optimizer.pt", "trainer_state.json")),
                        (4, ("adapter_model.safetensors",))):  # killed while writing checkpoint-4
        d = tmp_path / f"checkpoint-{step}"
        d.mkdir()
        for f in files:
            (d / f).write_text("x")
    assert last_complete_checkpoint(tmp_path) == str(tmp_path / "checkpoint-2")
    assert last_complete_checkpoint(tmp_path / "nothing") is None
