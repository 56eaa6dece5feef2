"""`--backend hf`: lrcg's decode loop over transformers (`batched.generate_batches`; shared-prefix KV cache,
finished rows leave the batch). The weights load at the first generation, so a finished run loads only
the tokenizer."""
from __future__ import annotations

from pathlib import Path

from ...errors import LrcgError

REFERENCE = False  # hf-generate: transformers' own `generate`, batch by batch


def settings_fields(spec) -> dict:
    return {"quantization": spec.quantization, "dtype": spec.dtype}


def model_key(spec) -> str:
    from ..models import model_key as key

    return key(spec.model)


class TransformersSession:
    def __init__(self, spec, reference: bool):
        from ..models import load_tokenizer, resolve_model

        if spec.adapter is not None and not (Path(spec.adapter).expanduser() / "adapter_config.json").is_file():
            raise LrcgError(f"adapter {spec.adapter!r} is not a directory with adapter_config.json "
                            "(a peft save_pretrained)")
        self.spec, self.reference = spec, reference
        self.model_key = model_key(spec)
        self.settings_fields = settings_fields(spec)
        self.tokenizer = load_tokenizer(resolve_model(spec.model))
        self.model = None

    def chat(self) -> bool:
        from ..models import uses_chat_template

        return uses_chat_template(self.spec.model, self.tokenizer)

    def prompt(self, technique, problem, chat: bool) -> str:
        from .. import prompting

        return prompting.build_prompt(technique, problem, tokenizer=self.tokenizer, chat=chat)

    def load(self):
        from ..models import load_model

        return load_model(self.spec.model, dtype=self.spec.dtype, quantization=self.spec.quantization,
                          adapter=self.spec.adapter)[0]

    def generate(self, requests, decoding, *, chat, progress, on_batch) -> dict:
        from ..batched import generate_batches
        from ..continuous import generate_continuous

        if self.model is None:
            self.model = self.load()
        counts: dict = {}
        common = dict(temperature=decoding.temperature, top_p=decoding.top_p, max_new_tokens=decoding.max_new_tokens,
                      seed=decoding.seed, batch_size=self.spec.batch_size, progress=progress, stats=counts,
                      loop_stop=decoding.loop_stop)
        if self.spec.batching == "continuous":  # resolve_backend allows it on hf only, never the reference
            batches = generate_continuous(self.model, self.tokenizer, requests, **common)
        else:
            batches = generate_batches(self.model, self.tokenizer, requests, reference=self.reference, **common)
        for done in batches:
            on_batch(done)
        return counts


def open_session(spec) -> TransformersSession:
    return TransformersSession(spec, reference=REFERENCE)
