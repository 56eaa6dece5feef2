"""`--backend llamacpp`: a GGUF in-process through llama-cpp-python (`generation.llamacpp_backend`);
`spec.n_ctx` its context (default `llamacpp_backend.DEFAULT_N_CTX`)."""
from __future__ import annotations

from .openai import chat_or_completion_prompt


def settings_fields(spec) -> dict:
    """What the engine is given is the prompt; what it adds to it, this says."""
    return {"quantization": spec.quantization, "engine": "llamacpp", "dtype": None}


def model_key(spec) -> str:
    from ..llamacpp_backend import model_key as key

    return key(spec.model)


class LlamaSession:
    def __init__(self, spec):
        from .. import llamacpp_backend

        self.spec = spec
        self.model_key = model_key(spec)
        self.settings_fields = settings_fields(spec)
        self.llm = llamacpp_backend.load_llama(llamacpp_backend.gguf_file(spec.model),
                                               n_ctx=spec.n_ctx or llamacpp_backend.DEFAULT_N_CTX)

    def chat(self) -> bool:
        from ..llamacpp_backend import is_chat_model

        return is_chat_model(self.spec.model, self.llm)

    def prompt(self, technique, problem, chat: bool) -> str:
        return chat_or_completion_prompt(technique, problem, chat)

    def generate(self, requests, decoding, *, chat, progress, on_batch) -> dict:
        from ..llamacpp_backend import generate_llamacpp

        counts: dict = {}
        for done in generate_llamacpp(self.llm, requests, chat=chat, temperature=decoding.temperature,
                                      top_p=decoding.top_p, max_new_tokens=decoding.max_new_tokens,
                                      seed=decoding.seed, progress=progress, stats=counts):
            on_batch(done)
        return counts


def open_session(spec) -> LlamaSession:
    return LlamaSession(spec)
