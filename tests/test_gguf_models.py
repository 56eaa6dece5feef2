"""GGUF models and the registry's offline fallback: which file a name or path resolves to, the store key that
says where the weights came from, clear errors. The real GGUF (SmolLM2) is converted in test_real_model.py."""
from __future__ import annotations

import pytest

from lrcg.generation import models
from lrcg.errors import LrcgError
from lrcg.generation.models import MODEL_REGISTRY, find_gguf, model_info, model_key, resolve_model

SMOL = MODEL_REGISTRY["smollm2-135m-instruct"]
VARIANT = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No Hub (neither cached nor reachable) and an empty lrcg cache."""
    monkeypatch.setenv("LRCG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(models, "hub_reachable", lambda timeout=3.0: False)
    monkeypatch.setattr(models, "_hub_cached", lambda hub_id: False)
    return tmp_path / "cache"


def _fake_fetch(cache) -> None:
    path = cache / "models" / SMOL.name / "SmolLM2-135M-Instruct.Q4_1.gguf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF")


def test_a_gguf_file_or_a_folder_holding_one_is_found(tmp_path):
    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    assert find_gguf(tmp_path / "m.gguf") == tmp_path / "m.gguf"
    assert find_gguf(tmp_path) == tmp_path / "m.gguf"
    (tmp_path / "n.gguf").write_bytes(b"GGUF")
    with pytest.raises(LrcgError, match="holds 2 GGUF files.*m.gguf, n.gguf"):
        find_gguf(tmp_path)
    (tmp_path / "config.json").write_text("{}")
    assert find_gguf(tmp_path) is None  # a transformers folder, whatever else it holds


def test_offline_the_registry_name_needs_a_fetch_and_says_so(offline):
    with pytest.raises(LrcgError, match="unreachable and its GGUF is not fetched; run `lrcg models fetch "
                                        "smollm2-135m-instruct`"):
        resolve_model("smollm2-135m-instruct")


def test_offline_the_registry_name_resolves_to_the_fetched_gguf(offline, monkeypatch):
    _fake_fetch(offline)
    converted = []
    monkeypatch.setattr(models, "gguf_to_transformers", lambda path: converted.append(path) or "/converted")
    assert resolve_model("smollm2-135m-instruct") == "/converted"
    assert converted[0].name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert model_key("smollm2-135m-instruct") == VARIANT  # never mixed with the Hub weights' results
    assert model_info(VARIANT) is SMOL and model_key(VARIANT) == VARIANT


def test_online_the_registry_name_is_the_hub_model(offline, monkeypatch):
    _fake_fetch(offline)
    monkeypatch.setattr(models, "_hub_cached", lambda hub_id: True)
    assert resolve_model("smollm2-135m-instruct") == SMOL.hub_id
    assert model_key("smollm2-135m-instruct") == "smollm2-135m-instruct"
    assert model_key(VARIANT) == VARIANT  # the explicit variant stays the GGUF


def test_models_without_a_packaged_gguf_cannot_be_fetched(offline):
    with pytest.raises(LrcgError, match="no packaged GGUF.*models with one: smollm2-135m-instruct"):
        models.fetch_model("deepseek-coder-1.3b-instruct")
    with pytest.raises(LrcgError, match="unknown model"):
        models.fetch_model("no-such-model")
    assert model_info("smollm2-135m-instruct@other.gguf") is None


def test_an_unreadable_gguf_is_a_clear_error(offline, tmp_path):
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"not a gguf file at all")
    with pytest.raises(LrcgError, match="cannot read GGUF file .*broken.gguf"):
        resolve_model(str(bad))
