"""Session-scoped tiny models for the model/generation/evaluate tests (import the fixtures you use)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory):
    from lrcg.generation.tiny import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("models") / "tiny-llama", "llama")


@pytest.fixture(scope="session")
def tiny_bigcode(tmp_path_factory):
    from lrcg.generation.tiny import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("models") / "tiny-bigcode", "gpt_bigcode")


@pytest.fixture(scope="session")
def tiny_lora(tiny_llama, tmp_path_factory):
    """A LoRA adapter for tiny_llama with non-zero B (so it changes the outputs), saved with peft."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(tiny_llama)
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"],
                                            init_lora_weights=False, task_type="CAUSAL_LM"))
    torch.manual_seed(1)
    path = tmp_path_factory.mktemp("adapters") / "tiny-lora"
    model.save_pretrained(path)
    return path
