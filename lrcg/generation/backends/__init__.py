"""Generation backends: one module per backend, chosen from one table.

A backend module has `open_session(spec) -> Session` (base.py: the model key, chat or completion, the
prompt it sends, `generate(requests, decoding, ...)` handing back finished batches and returning token
counts), `settings_fields(spec)`, what it adds to the settings every sample is stored (and keyed) under, and
`model_key(spec)`, what the store records as the model (the session's `model_key`, known without loading it).
A new backend is one module here and one row of `BACKENDS`.

  hf.py           lrcg's decode loop over transformers (the default)
  hf_generate.py  transformers' own `generate`, the reference
  vllm.py         vLLM on GPUs
  openai.py       an OpenAI-compatible endpoint
  llamacpp.py     a GGUF in-process through llama-cpp-python, one sequence at a time
  llamacpp_batched.py  the same GGUF through llama.cpp's batch API, many sequences at once (continuous batching)
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from ...errors import LrcgError, unknown_choice
from .base import DECODING_FIELDS, Decoding, GenerationStats, Session

AUTO = "auto"  # vllm where it can run, else hf (`resolve_backend`)


@dataclass(frozen=True)
class Backend:
    name: str
    module: str  # under lrcg.generation.backends
    loop_stop: bool = False  # can end a sequence once it loops (`batched.ends_in_loop`)
    local_weights: bool = True  # loads the weights itself: takes --adapter and --quantization
    kept: bool = True  # the opened model is kept for the next run (an endpoint is checked afresh each run)
    continuous: bool = False  # takes batching="continuous" (refills finished rows)
    description: str = ""


BACKENDS: dict[str, Backend] = {b.name: b for b in [
    Backend("hf", "hf", loop_stop=True, continuous=True,
            description="lrcg's decode loop over transformers (default)"),
    Backend("hf-generate", "hf_generate", loop_stop=True, description="transformers' generate, the reference"),
    Backend("vllm", "vllm", description="vLLM (GPUs)"),
    Backend("openai", "openai", local_weights=False, kept=False,
            description="an OpenAI-compatible server (--model is the served name)"),
    Backend("llamacpp", "llamacpp", local_weights=False, description="a GGUF through llama-cpp-python"),
    Backend("llamacpp-batched", "llamacpp_batched", loop_stop=True, local_weights=False,
            description="a GGUF through llama.cpp's batch API, --batch-size sequences at once, refilled"),
]}
BACKEND_CHOICES = (AUTO, *BACKENDS)


def vllm_available() -> bool:
    try:
        import vllm  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_backend(name: str, *, adapter: str | None = None, quantization: str | None = None,
                    loop_stop: int = 0, batching: str = "static") -> Backend:
    """The row of `name`, checked against what the run asks of it. "auto" -> vllm when importable, a GPU is
    there and neither an adapter nor bitsandbytes is asked for; else "hf"."""
    if name not in BACKEND_CHOICES:
        raise unknown_choice("generation backend", name, BACKEND_CHOICES)
    if name == "vllm" and not vllm_available():
        raise LrcgError("--backend vllm needs vllm (pip install vllm, on a machine with a GPU)")
    if name == AUTO:
        import torch

        ok = vllm_available() and torch.cuda.is_available() and adapter is None and quantization is None
        name = "vllm" if ok else "hf"
    backend = BACKENDS[name]
    if not backend.local_weights and (adapter is not None or quantization is not None):
        raise LrcgError(f"--backend {name} runs the model as it is served or stored: no --adapter or "
                        f"--quantization (merge the adapter, quantize the GGUF)")
    if loop_stop and not backend.loop_stop:
        names = ", ".join(b.name for b in BACKENDS.values() if b.loop_stop)
        raise LrcgError(f"loop_stop works with the {names} backends, not {name!r}")
    if batching == "continuous" and not backend.continuous:
        names = " and ".join(b.name for b in BACKENDS.values() if b.continuous)
        raise LrcgError(f"batching continuous works with the {names} backend, not {name!r} "
                        f"(llamacpp-batched always refills finished sequences)")
    return backend


def backend_module(backend: Backend):
    return importlib.import_module(f"{__name__}.{backend.module}")


_open: dict[tuple, Session] = {}  # the model of the latest run, shared across its languages and later runs


def open_session(backend: Backend, spec) -> Session:
    """The backend's session for `spec`'s model, kept until another model is opened (or `release_model`)."""
    if not backend.kept:
        return backend_module(backend).open_session(spec)
    key = (backend.name, spec.model, spec.adapter, spec.quantization, spec.dtype, spec.n_ctx)
    if key not in _open:
        _open.clear()
        _open[key] = backend_module(backend).open_session(spec)
    return _open[key]


def release_model() -> None:
    """Drop the model kept between runs (frees its memory)."""
    _open.clear()


__all__ = ["AUTO", "BACKENDS", "BACKEND_CHOICES", "DECODING_FIELDS", "Backend", "Decoding", "GenerationStats",
           "Session", "backend_module", "open_session", "release_model", "resolve_backend", "vllm_available"]
