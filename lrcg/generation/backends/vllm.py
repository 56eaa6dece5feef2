"""`--backend vllm` (GPUs): a `vllm.LLM` over every visible GPU, through `batched.generate_batches`."""
from __future__ import annotations

from .hf import TransformersSession, model_key, settings_fields

__all__ = ["model_key", "open_session", "settings_fields"]


class VllmSession(TransformersSession):  # pragma: no cover - needs vllm and a GPU
    def load(self):
        from ..batched import load_vllm

        return load_vllm(self.spec.model, dtype=self.spec.dtype)


def open_session(spec) -> VllmSession:  # pragma: no cover - needs vllm and a GPU
    return VllmSession(spec, reference=False)
