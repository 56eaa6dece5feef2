"""The seams: one run spec (CLI, profiles and Python build the same RunSpec), one backend table, one judge and
its policy on every command, and generation statistics returned by `evaluate` rather than left in a global."""
from __future__ import annotations

import argparse

import pytest

from conftest import needs_toolchain
from fixtures_models import tiny_llama  # noqa: F401  (pytest fixture)
from lrcg.errors import LrcgError
from lrcg.execution.judge import ExecutionPolicy, passed
from lrcg.generation.backends import (BACKEND_CHOICES, BACKENDS, Decoding, GenerationStats, backend_module,
                                      resolve_backend)
from lrcg.spec import DEFAULT_STORE, RUN_KEYS, RunSpec, run_spec


def test_run_spec_from_flat_keywords():
    spec = run_spec(model="m", languages="r,racket", samples=3, temperature=0.2, loop_stop=8,
                    time_budget="adaptive", isolation="process", workers=2, shard="2/4", problems="a,b")
    assert spec.languages == ("r", "rkt") and spec.store == DEFAULT_STORE and spec.shard == (2, 4)
    assert spec.problems == ("a", "b")
    assert spec.decoding == Decoding(samples=3, temperature=0.2, loop_stop=8)
    assert spec.execution == ExecutionPolicy(isolation="process", time_budget="adaptive", workers=2)


@pytest.mark.parametrize("keywords, message", [
    ({"temprature": 0.2}, "here: unknown key 'temprature' (valid: "),
    ({"samples": 0}, "--samples must be >= 1, not 0"),
    ({"loop_stop": -1}, "loop_stop must be a whole number of tokens >= 0"),
    ({"isolation": "docker"}, "unknown isolation mode 'docker' (valid: process, warm)"),
    ({"time_budget": "fast"}, "unknown time budget 'fast' (valid: adaptive, reference)"),
    ({"quantization": "3bit"}, "unknown quantization '3bit' (valid: 4bit, 8bit)"),
    ({"languages": ""}, "no languages given"),
    ({"shard": "5/4"}, "--shard '5/4'"),
])
def test_run_spec_errors_name_the_key(keywords, message):
    with pytest.raises(LrcgError) as e:
        run_spec("here", **{"model": "m", "languages": "py", **keywords})
    assert message in str(e.value)


def test_a_bad_key_in_a_profile_names_the_file_the_key_and_the_valid_keys(tmp_path):
    from lrcg.params import load_profile

    path = tmp_path / "bad.yaml"
    path.write_text("source: runs/x/results.sqlite\nlive:\n  runs:\n"
                    "    - {model: runs/x/tiny, languages: [py], temprature: 0.2}\n")
    with pytest.raises(LrcgError) as e:
        load_profile(path)
    text = str(e.value)
    assert text.startswith(f"{path}: live.runs: unknown key 'temprature' (valid: ")
    assert all(key in text for key in RUN_KEYS if key != "store") and "store" not in text.split("valid:")[1]


def test_every_profile_run_builds_a_spec():
    import yaml

    from lrcg.config import PARAMS_DIR

    for path in sorted(PARAMS_DIR.glob("*.yaml")):
        for run in (yaml.safe_load(path.read_text()).get("live") or {}).get("runs", []):
            assert isinstance(run_spec(str(path), **run), RunSpec)


def test_the_cli_builds_the_spec_python_builds():
    from lrcg.cli import build_parser
    from lrcg.commands.evaluate import spec_from_args

    args = build_parser().parse_args(["evaluate", "--model", "m", "--languages", "py,lua", "--samples", "2",
                                      "--temperature", "0.2", "--max-new-tokens", "64", "--loop-stop", "16",
                                      "--isolation", "process", "--time-budget", "adaptive", "--workers", "3",
                                      "--problems", "a,b", "--store", "s.sqlite", "--no-progress"])
    assert spec_from_args(args) == run_spec(model="m", languages=["py", "lua"], samples=2, temperature=0.2,
                                            max_new_tokens=64, loop_stop=16, isolation="process",
                                            time_budget="adaptive", workers=3, problems=["a", "b"],
                                            store="s.sqlite", progress=False)


def test_every_command_that_runs_programs_takes_the_policy():
    from lrcg.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for command in ("evaluate", "execute", "validate"):
        options = {o for a in sub.choices[command]._actions for o in a.option_strings}
        assert {"--isolation", "--time-budget", "--workers"} <= options, command


def test_the_backend_table():
    assert BACKEND_CHOICES == ("auto", "hf", "hf-generate", "vllm", "openai", "llamacpp", "llamacpp-batched")
    for backend in BACKENDS.values():
        module = backend_module(backend)
        assert callable(module.open_session) and callable(module.settings_fields) and callable(module.model_key), \
            backend.name
    assert [b.name for b in BACKENDS.values() if b.loop_stop] == ["hf", "hf-generate", "llamacpp-batched"]
    assert [b.name for b in BACKENDS.values() if b.continuous] == ["hf"]
    with pytest.raises(LrcgError, match="unknown generation backend 'tgi'"):
        resolve_backend("tgi")
    with pytest.raises(LrcgError, match="--backend openai runs the model as it is served"):
        resolve_backend("openai", adapter="runs/ft")
    with pytest.raises(LrcgError, match="loop_stop works with the hf, hf-generate, llamacpp-batched "
                                        "backends, not 'llamacpp'"):
        resolve_backend("llamacpp", loop_stop=8)
    with pytest.raises(LrcgError, match="batching continuous works with the hf backend, not 'hf-generate'"):
        resolve_backend("hf-generate", batching="continuous")
    with pytest.raises(LrcgError, match=r"unknown batching 'dynamic' \(valid: continuous, static\)"):
        run_spec(model="m", languages="py", batching="dynamic")


def test_one_pass_rule():
    assert passed("OK") and not any(passed(s) for s in ("Exception", "SyntaxError", "Timeout", "AssertionError", None))


def test_evaluate_returns_the_summary_and_what_generation_did(tiny_llama, tmp_path):
    from lrcg.evaluate import evaluate

    needs_toolchain("py")
    spec = run_spec(model=str(tiny_llama), languages="py", limit=2, max_new_tokens=8, samples=2, temperature=0.8,
                    store=str(tmp_path / "s.sqlite"), progress=False, workers=2)
    first = evaluate(spec)
    assert list(first.summary["executed"]) == [4]
    (stats,) = first.generation
    assert isinstance(stats, GenerationStats) and (stats.language, stats.technique) == ("py", "baseline")
    assert stats.sequences == 4 and 0 < stats.new_tokens <= 4 * 8 and stats.seconds > 0
    again = evaluate(spec)
    assert again.generation == () and again.summary.equals(first.summary)  # nothing left to generate
