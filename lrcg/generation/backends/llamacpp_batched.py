"""`--backend llamacpp-batched`: a GGUF through llama.cpp's batch API, `batch_size` sequences at once and each
finished one replaced by the next prompt at once (`generation.llamacpp_batched`). The prompt is the text the
GGUF's own chat template renders (stored as such), so its runs are keyed apart from `--backend llamacpp`'s,
which stores the chat messages."""
from __future__ import annotations

from .llamacpp import LlamaSession, model_key  # noqa: F401  (the same GGUF, keyed the same way)


def settings_fields(spec) -> dict:
    return {"quantization": spec.quantization, "engine": "llamacpp-batched", "dtype": None}


class BatchedLlamaSession(LlamaSession):
    """The llamacpp session (the same GGUF, loaded the same way) with its own prompt and generation."""

    def __init__(self, spec):
        super().__init__(spec)
        self.settings_fields = settings_fields(spec)

    def prompt(self, technique, problem, chat: bool) -> str:
        from ..llamacpp_batched import render_chat
        from .openai import chat_or_completion_prompt

        prompt = chat_or_completion_prompt(technique, problem, chat)
        return render_chat(self.llm, prompt) if chat else prompt

    def generate(self, requests, decoding, *, chat, progress, on_batch) -> dict:
        from ..batched import progress_bar, unique_requests
        from ..llamacpp_batched import generate_llamacpp_batched

        # A chat prompt is the rendered template, special tokens included; a completion prompt gets BOS.
        tokenize = lambda text: self.llm.tokenize(text.encode(), add_bos=not chat, special=chat)  # noqa: E731
        unique = unique_requests(requests, decoding.temperature)
        counts: dict = {}
        with progress_bar(len(requests), progress, "generating (llama.cpp batched)") as advance:
            for done in generate_llamacpp_batched(self.llm, tokenize, [requests[g[0]] for g in unique],
                                                  rows=self.spec.batch_size,
                                                  temperature=decoding.temperature, top_p=decoding.top_p,
                                                  max_new_tokens=decoding.max_new_tokens, seed=decoding.seed,
                                                  loop_stop=decoding.loop_stop, stats=counts):
                done = [(i, text) for k, text in done for i in unique[k]]
                on_batch(done)
                advance(len(done))
        return counts


def open_session(spec) -> BatchedLlamaSession:
    return BatchedLlamaSession(spec)
