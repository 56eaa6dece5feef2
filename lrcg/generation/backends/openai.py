"""`--backend openai`: an OpenAI-compatible endpoint (`generation.openai_backend`). `spec.model` is the
served model name, `spec.endpoint` an `openai_backend.Endpoint` or a dict of its fields."""
from __future__ import annotations

import json


def endpoint_of(spec):
    from ..openai_backend import Endpoint

    return spec.endpoint if isinstance(spec.endpoint, Endpoint) else Endpoint(model=spec.model, **(spec.endpoint or {}))


def settings_fields(spec) -> dict:
    """What the engine is given is the prompt; what it adds to it, this says."""
    extra = endpoint_of(spec).extra_body
    return {"quantization": spec.quantization, "engine": "openai", "dtype": None,
            **({"extra_body": extra} if extra else {})}


def model_key(spec) -> str:
    from ..openai_backend import model_key as key

    return key(endpoint_of(spec).model)


def endpoint_chat(endpoint) -> bool:
    """Chat or completion endpoint: the endpoint's `chat` when set, else the registry's flag for a model it
    knows (also by Hub id, the name vLLM serves it under), else chat (what hosted APIs serve)."""
    from ..models import model_info

    if endpoint.chat is not None:
        return endpoint.chat
    info = model_info(endpoint.model)
    return info.chat if info is not None else True


class EndpointSession:
    def __init__(self, spec):
        from .. import openai_backend

        self.endpoint = endpoint_of(spec)
        self.model_key = model_key(spec)
        self.settings_fields = settings_fields(spec)
        openai_backend.check_endpoint(openai_backend.make_client(self.endpoint), self.endpoint)

    def chat(self) -> bool:
        return endpoint_chat(self.endpoint)

    def prompt(self, technique, problem, chat: bool) -> str:
        return chat_or_completion_prompt(technique, problem, chat)

    def generate(self, requests, decoding, *, chat, progress, on_batch) -> dict:
        from ..openai_backend import generate_openai

        counts: dict = {}
        for done in generate_openai(self.endpoint, requests, chat=chat, temperature=decoding.temperature,
                                    top_p=decoding.top_p, max_new_tokens=decoding.max_new_tokens,
                                    seed=decoding.seed, progress=progress, stats=counts, check=False):
            on_batch(done)
        return counts


def chat_or_completion_prompt(technique, problem, chat: bool) -> str:
    """An engine's prompt: the messages its own chat template is applied to (JSON), or the completion text."""
    from .. import prompting

    text = prompting.prompt_text(technique, problem)
    return json.dumps([{"role": "user", "content": text}]) if chat else text


def open_session(spec) -> EndpointSession:
    return EndpointSession(spec)
