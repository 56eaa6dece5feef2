"""Tiny causal LMs for tests, smoke runs and benchmarks — made locally, no Hub needed.

`make_tiny_model(path)` trains a byte-level BPE tokenizer on a few lines of code with `tokenizers`,
builds a small randomly initialised Llama or GPTBigCode model and saves both with `save_pretrained`,
so they load through exactly the code path a real model takes (`lrcg.generation.models.load_model(path)`).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import unknown_choice

ARCHITECTURES = ("llama", "gpt_bigcode")

CHAT_TEMPLATE = (
    "{% for message in messages %}{% if message['role'] == 'user' %}### Instruction:\n{{ message['content'] }}\n"
    "{% elif message['role'] == 'assistant' %}### Response:\n{{ message['content'] }}{{ eos_token }}\n"
    "{% else %}{{ message['content'] }}\n{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}### Response:\n{% endif %}"
)

_CORPUS = [
    "def add(a, b):\n    return a + b\n",
    "function add(a, b) { return a + b; }\n",
    "add <- function(a, b) {\n  a + b\n}\n",
    "(define (add a b)\n  (+ a b))\n",
    "local function add(a, b)\n  return a + b\nend\n",
    "function add(a, b)\n    return a + b\nend\n",
    "public static long add(long a, long b) {\n        return a + b;\n    }\n",
    "int add(int a, int b) {\n    return a + b;\n}\n",
    "func Add(a int, b int) int {\n    return a + b\n}\n",
    "### Instruction:\nComplete the code.\n### Response:\n```python\nreturn x\n```\n",
    "for i in range(10):\n    if i % 2 == 0:\n        print(i)\n",
    "while (x < 10) { x = x * 2; }\n",
]


def make_tokenizer(vocab_size: int = 512):
    """A byte-level BPE tokenizer (PreTrainedTokenizerFast) trained on a few lines of code."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<s>", "</s>", "<pad>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>")
    fast.chat_template = CHAT_TEMPLATE
    return fast


def make_tiny_model(path: str | Path, architecture: str = "llama", *, hidden_size: int = 64, layers: int = 2,
                    heads: int = 4, max_positions: int = 2048, seed: int = 0) -> Path:
    """Write a tiny random model + tokenizer to `path` (a directory) and return it."""
    import torch
    from transformers import AutoModelForCausalLM, GPTBigCodeConfig, LlamaConfig

    if architecture not in ARCHITECTURES:
        raise unknown_choice("tiny-model architecture", architecture, ARCHITECTURES)
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tokenizer = make_tokenizer()
    common = dict(vocab_size=len(tokenizer), bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                  pad_token_id=tokenizer.pad_token_id)
    if architecture == "llama":
        cfg = LlamaConfig(hidden_size=hidden_size, intermediate_size=hidden_size * 2, num_hidden_layers=layers,
                          num_attention_heads=heads, num_key_value_heads=heads, max_position_embeddings=max_positions,
                          tie_word_embeddings=False, **common)
    else:
        cfg = GPTBigCodeConfig(n_embd=hidden_size, n_layer=layers, n_head=heads, n_positions=max_positions,
                               multi_query=True, **common)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(cfg)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path
