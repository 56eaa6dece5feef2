"""`--backend llamacpp-batched`: a GGUF through llama.cpp's batch API, `batch_size` sequences at once and each
finished one replaced by the next prompt at once (`generation.llamacpp_batched`). The prompt is the text the
GGUF's own chat template renders (stored as such), so its runs are keyed apart from `--backend llamacpp`'s,
which stores the chat messages."""
from __future__ import annotations


def settings_fields(spec) -> dict:
    return {"quantization": spec.quantization, "engine": "llamacpp-batched", "dtype": None}


class BatchedLlamaSession:
    def __init__(self, spec):
        from .. import llamacpp_backend

        self.spec = spec
        self.model_key = llamacpp_backend.model_key(spec.model)
        self.settings_fields = settings_fields(spec)
        self.llm = llamacpp_backend.load_llama(llamacpp_backend.gguf_file(spec.model),
                                               n_ctx=spec.n_ctx or llamacpp_backend.DEFAULT_N_CTX)

    def chat(self) -> bool:
        from ..llamacpp_backend import is_chat_model

        return is_chat_model(self.spec.model, self.llm)

    def prompt(self, technique, problem, chat: bool) -> str:
        from ..llamacpp_batched import render_chat
        from .openai import chat_or_completion_prompt

        prompt = chat_or_completion_prompt(technique, problem, chat)
        return render_chat(self.llm, prompt) if chat else prompt

    def generate(self, requests, decoding, *, chat, progress, on_batch) -> dict:
        from ..llamacpp_batched import generate_llamacpp_batched

        # A chat prompt is the rendered template, special tokens included; a completion prompt gets BOS.
        tokenize = lambda text: self.llm.tokenize(text.encode(), add_bos=not chat, special=chat)  # noqa: E731
        groups: dict[tuple, list[int]] = {}  # greedy requests with one prompt and stops are one generation
        for i, r in enumerate(requests):
            key = (r.prompt, r.stop) if decoding.temperature == 0 else (r.prompt, r.stop, r.sample)
            groups.setdefault(key, []).append(i)
        unique = list(groups.values())
        counts: dict = {}
        bar = None
        if progress:
            from tqdm.auto import tqdm
            bar = tqdm(total=len(requests), desc="generating (llama.cpp batched)", unit="sample", leave=False)
        try:
            for done in generate_llamacpp_batched(self.llm, tokenize, [requests[g[0]] for g in unique],
                                                  rows=self.spec.batch_size,
                                                  temperature=decoding.temperature, top_p=decoding.top_p,
                                                  max_new_tokens=decoding.max_new_tokens, seed=decoding.seed,
                                                  loop_stop=decoding.loop_stop, stats=counts):
                done = [(i, text) for k, text in done for i in unique[k]]
                on_batch(done)
                if bar is not None:
                    bar.update(len(done))
        finally:
            if bar is not None:
                bar.close()
        return counts


def open_session(spec) -> BatchedLlamaSession:
    return BatchedLlamaSession(spec)
