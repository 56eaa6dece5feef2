"""Stored keys never move: the settings hash of every generation in the laptop snapshot, and of a few
synthetic run specs, is pinned. A renamed, added or dropped decoding key re-keys every stored run (its
samples would be generated again beside the old ones), so it must fail here first. The hashes were
computed before the run-spec refactor, from the dict `evaluate` then built by hand."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from lrcg.generation import prompting
from lrcg.generation.backends import BACKENDS, backend_module
from lrcg.spec import run_spec
from lrcg.store import Store, settings_hash

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshots" / "laptop-results.sqlite.gz"
PROMPT = "def f():\n"

# (run_spec keywords, chat, stop strings, the settings dict as stored, its hash before the refactor)
PINNED = [
    (dict(max_new_tokens=384, loop_stop=64), True, (),
     {"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 384, "seed": 0, "chat": True, "quantization": None,
      "dtype": "auto", "loop_stop": 64}, "9743e10a45830fb5"),
    (dict(samples=2, temperature=0.8, max_new_tokens=24), False, ("\ndef", "\n#"),
     {"temperature": 0.8, "top_p": 0.95, "max_new_tokens": 24, "seed": 0, "chat": False, "quantization": None,
      "dtype": "auto"}, "b9a7e9f0b028e73c"),
    (dict(temperature=0.2, max_new_tokens=512, seed=3, quantization="4bit", dtype="bfloat16",
          backend="hf-generate"), False, ("\n}",),
     {"temperature": 0.2, "top_p": 0.95, "max_new_tokens": 512, "seed": 3, "chat": False, "quantization": "4bit",
      "dtype": "bfloat16"}, "2f2527185846e09c"),
    (dict(max_new_tokens=384, backend="llamacpp"), True, (),
     {"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 384, "seed": 0, "chat": True, "quantization": None,
      "dtype": None, "engine": "llamacpp"}, "330b3268a4b03026"),
    (dict(max_new_tokens=1024, backend="openai", endpoint={"base_url": "http://h/v1",
                                                           "extra_body": {"repeat_penalty": 1.0}}), False, ("\n}",),
     {"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 1024, "seed": 0, "chat": False, "quantization": None,
      "dtype": None, "engine": "openai", "extra_body": {"repeat_penalty": 1.0}}, "7df11c33520a52e9"),
    (dict(max_new_tokens=1024, backend="openai", endpoint={"base_url": "http://h/v1"}), True, (),
     {"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 1024, "seed": 0, "chat": True, "quantization": None,
      "dtype": None, "engine": "openai"}, "28aab02919c5d5d6"),
]


def stored_settings(spec, chat: bool, stop) -> dict:
    """The settings `evaluate` stores a sample of `spec` under (its technique's default token budget)."""
    decoding = spec.decoding.with_max_new_tokens(prompting.get_technique(spec.technique).max_new_tokens)
    fields = backend_module(BACKENDS[spec.backend]).settings_fields(spec)
    return decoding.settings(chat=chat, model_fields=fields, stop=stop)


@pytest.mark.parametrize("keywords, chat, stop, settings, digest", PINNED)
def test_pinned_settings_hashes(keywords, chat, stop, settings, digest):
    built = stored_settings(run_spec(model="m", languages="py", **keywords), chat, stop)
    assert built == {**settings, "stop": list(stop)}
    assert settings_hash(PROMPT, built) == digest


@pytest.fixture(scope="module")
def laptop_rows(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("snapshot") / "laptop.sqlite"
    with gzip.open(SNAPSHOT, "rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with Store(path) as db:
        return db.rows()


def test_laptop_snapshot_keys_are_what_its_profile_builds(laptop_rows):
    """Every stored generation's settings and hash, rebuilt from the laptop-smollm2 profile's run specs (the snapshot is its run) (the stored
    prompt stands for the chat template, which needs the model's tokenizer)."""
    import yaml

    from lrcg.generation.models import model_info

    profile = yaml.safe_load((SNAPSHOT.parent.parent / "params" / "laptop-smollm2.yaml").read_text())
    specs = {run["technique"]: run_spec(**run) for run in profile["live"]["runs"]}
    assert len(laptop_rows) == 1727
    for r in laptop_rows:
        spec = specs[r["technique"]]
        chat = model_info(spec.model).chat and prompting.get_technique(spec.technique).chat
        assert chat  # a chat run: no stop strings (the response is cut by extraction)
        settings = stored_settings(spec, chat, ())
        assert json.dumps(settings, sort_keys=True) == r["settings"], r["problem"]
        assert settings_hash(r["prompt"], settings) == r["settings_hash"], r["problem"]


# (technique, language) -> samples passed of the 157, as stored (all judged under the reference budget)
LAPTOP_PASSED = {("baseline", "java"): 1, ("baseline", "lua"): 0, ("baseline", "py"): 8, ("baseline", "r"): 0,
                 ("baseline", "rkt"): 0, ("few-shot", "r"): 1, ("few-shot", "rkt"): 0,
                 ("translation-examples", "r"): 0, ("translation-examples", "rkt"): 0,
                 ("translation-rules", "r"): 0, ("translation-rules", "rkt"): 0}


def test_laptop_snapshot_pass_at_1_is_unchanged(laptop_rows):
    from lrcg.analysis.passk import PassSummary

    runs: dict[tuple[str, str], list[dict]] = {}
    for r in laptop_rows:
        runs.setdefault((r["technique"], r["language"]), []).append(r)
    assert set(runs) == set(LAPTOP_PASSED)
    for key, rows in runs.items():
        s = PassSummary.of((r["problem"], r["status"], r["time_budget"]) for r in rows)
        assert (s.problems, s.executed, s.passed, s.time_budget) == (157, 157, LAPTOP_PASSED[key], "reference"), key
        assert s.pass_at_1 == LAPTOP_PASSED[key] / 157


def test_laptop_snapshot_python_programs_are_judged_as_stored(laptop_rows):
    """The stored Python programs of the baseline run, judged again by the one judge (process mode, the
    reference): every pass and the first failures get the status stored with them."""
    from conftest import needs_toolchain
    from lrcg.execution import Program
    from lrcg.execution.judge import ExecutionPolicy, judge_programs

    needs_toolchain("py")
    rows = [r for r in laptop_rows if (r["technique"], r["language"]) == ("baseline", "py")
            and r["status"] != "Timeout"]
    chosen = [r for r in rows if r["status"] == "OK"] + [r for r in rows if r["status"] != "OK"][:12]
    outcomes = judge_programs([Program("py", r["program"]) for r in chosen], ExecutionPolicy(isolation="process"),
                              progress=False)
    assert [o.status for o in outcomes] == [r["status"] for r in chosen]
