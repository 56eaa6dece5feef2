"""What this machine's processor can do fast: the one place lrcg decides between bf16 and fp32.

`native_bf16()` says whether the CPU computes bfloat16 in hardware (x86 flags `avx512_bf16` or `amx_bf16`, read
from /proc/cpuinfo; on a CPU without them torch emulates bf16 and autocast is slower than fp32), or, with a CUDA
GPU, whether the GPU supports it. `training_precision()` turns that into the precision `lrcg train` uses.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import unknown_choice

BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")
PRECISIONS = ("auto", "bf16", "fp16", "fp32")


@lru_cache(maxsize=None)
def cpu_flags(cpuinfo: str = "/proc/cpuinfo") -> frozenset[str]:
    """The CPU feature flags of the first processor in `cpuinfo` (empty where there is no such file)."""
    try:
        text = Path(cpuinfo).read_text(errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return frozenset(value.split())
    return frozenset()


def cpu_bf16(flags: frozenset[str] | None = None) -> bool:
    """Whether the CPU has bfloat16 arithmetic in hardware (AVX-512 BF16 or AMX)."""
    flags = cpu_flags() if flags is None else flags
    return any(f in flags for f in BF16_CPU_FLAGS)


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def native_bf16() -> bool:
    """bf16 in hardware where training and decoding run: the CUDA GPU when there is one, else the CPU."""
    if cuda_available():
        import torch

        return torch.cuda.is_bf16_supported()
    return cpu_bf16()


def training_precision(requested: str = "auto") -> str:
    """`bf16` (autocast; the trainable weights stay fp32) where bf16 is native, `fp16` on a GPU without it,
    else `fp32`. An explicit request is returned as is (bf16 on a CPU without it works, slowly)."""
    if requested not in PRECISIONS:
        raise unknown_choice("precision", requested, PRECISIONS)
    if requested != "auto":
        return requested
    if native_bf16():
        return "bf16"
    return "fp16" if cuda_available() else "fp32"


def describe() -> str:
    """One line for reports: where lrcg computes and in which precision it trains."""
    where = "CUDA GPU" if cuda_available() else "CPU"
    flags = [f for f in BF16_CPU_FLAGS if f in cpu_flags()]
    detail = f" ({', '.join(flags)})" if flags and where == "CPU" else ""
    return f"{where}{detail}: native bf16 {'yes' if native_bf16() else 'no'}, training precision {training_precision()}"
