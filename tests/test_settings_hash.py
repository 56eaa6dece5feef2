"""Stored keys never move: the settings hash of every generation in the laptop snapshot, and of a few
synthetic decoding records, is pinned. A renamed, added or dropped decoding key re-keys every stored run
(its samples would be generated again beside the old ones), so it must fail here first."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from lrcg.store import Store, settings_hash

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshots" / "laptop-results.sqlite.gz"
PROMPT = "def f():\n"

# (decoding settings as `evaluate` hashes them, stop strings, the hash computed before the run-spec refactor)
PINNED = [
    ({"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 384, "seed": 0, "chat": True, "quantization": None,
      "dtype": "auto", "loop_stop": 64}, (), "9743e10a45830fb5"),
    ({"temperature": 0.8, "top_p": 0.95, "max_new_tokens": 24, "seed": 0, "chat": False, "quantization": None,
      "dtype": "auto"}, ("\ndef", "\n#"), "b9a7e9f0b028e73c"),
    ({"temperature": 0.2, "top_p": 0.95, "max_new_tokens": 512, "seed": 3, "chat": False, "quantization": "4bit",
      "dtype": "bfloat16"}, ("\n}",), "2f2527185846e09c"),
    ({"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 384, "seed": 0, "chat": True, "quantization": None,
      "dtype": None, "engine": "llamacpp"}, (), "330b3268a4b03026"),
    ({"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 1024, "seed": 0, "chat": False, "quantization": None,
      "dtype": None, "engine": "openai", "extra_body": {"repeat_penalty": 1.0}}, ("\n}",), "7df11c33520a52e9"),
    ({"temperature": 0.0, "top_p": 0.95, "max_new_tokens": 1024, "seed": 0, "chat": True, "quantization": None,
      "dtype": None, "engine": "openai"}, (), "28aab02919c5d5d6"),
]


@pytest.fixture(scope="module")
def laptop_rows(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("snapshot") / "laptop.sqlite"
    with gzip.open(SNAPSHOT, "rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with Store(path) as db:
        return db.rows()


@pytest.mark.parametrize("settings, stop, digest", PINNED)
def test_pinned_settings_hashes(settings, stop, digest):
    assert settings_hash(PROMPT, {**settings, "stop": list(stop)}) == digest


def test_laptop_snapshot_settings_hash_is_its_stored_settings(laptop_rows):
    assert len(laptop_rows) == 1727
    for r in laptop_rows:
        assert settings_hash(r["prompt"], json.loads(r["settings"])) == r["settings_hash"], r["problem"]
