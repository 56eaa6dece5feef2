"""Model registry and loading (full precision, 4-bit, LoRA) and batched generation on tiny local models."""
from __future__ import annotations

import pytest

from fixtures_models import tiny_bigcode, tiny_llama, tiny_lora  # noqa: F401  (pytest fixtures)
from lrcg.errors import LrcgError
from lrcg.generation.models import MODEL_REGISTRY, load_model, resolve_model, uses_chat_template

PROMPTS = ["def add(a, b):\n", "local function f(x)\n  return", "x <- function(a) {\n"]


def test_registry_has_the_papers_models():
    ids = {m.hub_id for m in MODEL_REGISTRY.values()}
    assert {"deepseek-ai/deepseek-coder-1.3b-instruct", "deepseek-ai/deepseek-coder-6.7b-instruct",
            "deepseek-ai/deepseek-coder-33b-instruct", "codellama/CodeLlama-7b-Instruct-hf",
            "codellama/CodeLlama-13b-Instruct-hf", "bigcode/starcoderbase-7b"} <= ids
    assert resolve_model("deepseek-coder-1.3b-instruct") == "deepseek-ai/deepseek-coder-1.3b-instruct"
    assert resolve_model("bigcode/starcoderbase-7b") == "bigcode/starcoderbase-7b"
    assert MODEL_REGISTRY["starcoderbase-7b"].chat is False and MODEL_REGISTRY["codellama-7b-instruct"].chat


@pytest.mark.parametrize("bad", ["./no/such/model", "/nonexistent/model-dir", "not-a-hub-id"])
def test_unknown_model_path_is_a_clear_error(bad):
    with pytest.raises(LrcgError, match="is neither a local model directory"):
        resolve_model(bad)


def test_directory_without_config_is_refused(tmp_path):
    with pytest.raises(LrcgError, match="no config.json"):
        resolve_model(str(tmp_path))


def test_load_model_left_pads_and_uses_the_chat_template_flag(tiny_llama):
    model, tok = load_model(str(tiny_llama))
    assert tok.padding_side == "left" and tok.pad_token is not None
    assert uses_chat_template(str(tiny_llama), tok)  # the tiny tokenizer has a chat template
    assert not uses_chat_template("starcoderbase-7b", tok)  # the registry flag wins


def test_4bit_quantization_replaces_linear_layers(tiny_bigcode):
    import bitsandbytes as bnb

    model, _ = load_model(str(tiny_bigcode), quantization="4bit")
    assert any(isinstance(m, bnb.nn.Linear4bit) for m in model.modules())
    with pytest.raises(LrcgError, match="unknown quantization"):
        load_model(str(tiny_bigcode), quantization="3bit")


def test_adapter_loads_and_changes_outputs(tiny_llama, tiny_lora):
    import torch

    from peft import PeftModel

    base, tok = load_model(str(tiny_llama))
    adapted, _ = load_model(str(tiny_llama), adapter=str(tiny_lora))
    assert type(adapted) is type(base)  # the adapter is folded into the weights
    unmerged = PeftModel.from_pretrained(load_model(str(tiny_llama))[0], str(tiny_lora)).eval()
    enc = tok(["def f(x):"], return_tensors="pt")
    with torch.no_grad():
        assert not torch.allclose(base(**enc).logits, adapted(**enc).logits)
        assert torch.allclose(unmerged(**enc).logits, adapted(**enc).logits, atol=1e-4)
    with pytest.raises(LrcgError, match="adapter_config.json"):
        load_model(str(tiny_llama), adapter=str(tiny_llama))


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_bigcode"])
def test_batched_generation_equals_one_prompt_at_a_time(fixture, request):
    from lrcg.generation import generate

    model, tok = load_model(str(request.getfixturevalue(fixture)))
    batched = generate(model, tok, PROMPTS, n_samples=2, max_new_tokens=12, batch_size=8, progress=False)
    single = [generate(model, tok, [p], n_samples=2, max_new_tokens=12, batch_size=1, progress=False)[0]
              for p in PROMPTS]
    assert batched == single
    assert all(s[0] == s[1] for s in batched)  # greedy: samples are identical


def test_sampling_is_reproducible_per_sample_whatever_the_batch(tiny_llama):
    from lrcg.generation import generate

    model, tok = load_model(str(tiny_llama))
    kw = dict(temperature=0.8, top_p=0.95, max_new_tokens=10, progress=False)
    a = generate(model, tok, PROMPTS, n_samples=3, seed=7, batch_size=8, **kw)
    b = [generate(model, tok, [p], n_samples=3, seed=7, batch_size=2, **kw)[0] for p in PROMPTS]
    c = generate(model, tok, PROMPTS, n_samples=3, seed=8, batch_size=8, **kw)
    assert a == b
    assert a != c
    assert len({s for row in a for s in row}) > 3  # samples differ from each other


def test_stop_strings_end_generation_and_are_cut(tiny_llama):
    from lrcg.generation import cut_at_stop, generate

    model, tok = load_model(str(tiny_llama))
    free = generate(model, tok, PROMPTS, max_new_tokens=24, progress=False)
    # pick a stop string that occurs in the middle of each free-running text
    for prompt, [text] in zip(PROMPTS, free):
        stop = text[6:9]
        if not stop:
            continue
        [[cut]] = generate(model, tok, [prompt], max_new_tokens=24, stop=[stop], progress=False)
        assert cut == text[:text.find(stop)]
    assert cut_at_stop("x = 1\ndef g():\n#", ["\n#", "\ndef"]) == "x = 1"
    assert cut_at_stop("abc", []) == "abc"
