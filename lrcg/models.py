"""The papers' models by short name, and `load_model` for any causal LM on the Hub or on disk.

`load_model(name_or_path, quantization="4bit", adapter="runs/lora")` returns `(model, tokenizer)` ready for
batched generation: left padding, a pad token, eval mode, 8/4-bit through bitsandbytes, LoRA through peft.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import LrcgError, unknown_choice

log = logging.getLogger(__name__)

QUANTIZATIONS = (None, "8bit", "4bit")
DTYPES = ("auto", "float32", "float16", "bfloat16")


@dataclass(frozen=True)
class ModelInfo:
    name: str  # short name used on the command line and in the store
    hub_id: str
    family: str  # deepseek-coder, codellama, starcoder
    chat: bool  # instruct model: prompts go through the tokenizer's chat template
    paper: str  # "A" (No Silver Bullet), "B" (CodeM)


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
    ]
}
_BY_HUB_ID = {m.hub_id.lower(): m for m in MODEL_REGISTRY.values()}


def model_info(name_or_path: str) -> ModelInfo | None:
    """The registry entry for a short name or a Hub id (any case), else None."""
    key = str(name_or_path).strip()
    return MODEL_REGISTRY.get(key.lower()) or _BY_HUB_ID.get(key.lower())


def resolve_model(name_or_path: str) -> str:
    """What to pass to `from_pretrained`: an existing local directory, a registry Hub id, or a Hub id as given.

    A value that looks like a path (starts with '.', '/', '~' or names an existing file) but is not a model
    directory is an error here, so a typo never turns into a Hub lookup.
    """
    value = str(name_or_path).strip()
    if not value:
        raise LrcgError("empty model name (give a registry name, a Hub id or a local model directory)")
    path = Path(value).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise LrcgError(f"model directory {value!r} has no config.json (not a saved transformers model)")
        return str(path)
    info = model_info(value)
    if info is not None:
        return info.hub_id
    looks_local = value.startswith((".", "/", "~")) or path.exists() or value.count("/") != 1
    if looks_local:
        raise LrcgError(f"model {value!r} is neither a local model directory nor a Hub id 'owner/name' "
                        f"(registry: {', '.join(MODEL_REGISTRY)})")
    return value


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
    """(model, tokenizer) for a registry name, Hub id or local directory, optionally quantized and with a LoRA adapter."""
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
    if model.generation_config.pad_token_id is None:
        model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.eval()
    return model, tokenizer
