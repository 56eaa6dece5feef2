"""`--backend hf-generate`: the reference, transformers' own `generate` batch by batch (what the decode loop
of `--backend hf` must match)."""
from __future__ import annotations

from .hf import TransformersSession, model_key, settings_fields

__all__ = ["model_key", "open_session", "settings_fields"]


def open_session(spec) -> TransformersSession:
    return TransformersSession(spec, reference=True)
