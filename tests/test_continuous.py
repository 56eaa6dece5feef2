"""Continuous batching (`lrcg.generation.continuous`): rows that finish are refilled with waiting prompts, and
every request still gets the tokens transformers' `generate` gives it (tiny local models, fp32)."""
from __future__ import annotations

import pytest

from fixtures_models import tiny_bigcode, tiny_llama  # noqa: F401  (pytest fixtures)
from lrcg.generation import Request, generate
from lrcg.generation.backends import GenerationStats
from lrcg.generation.batched import cut_at_stop
from lrcg.generation.continuous import continuous_supported, decode_continuous
from lrcg.generation.models import load_model

SHARED = "Here are some general mapping rules to translate Python code into Lua code:\n" * 3
PROMPTS = ["def add(a, b):\n", "local function f(x)\n  return", "x <- function(a) {\n", "(define (f x)\n",
           "function add(a, b) {", "int add(int a, int b) {\n", "fn main() {", "public class A {"]


def _continuous(model, tok, requests, rows, **kw):
    stats: dict = {}
    kw = dict(dict(temperature=0.0, top_p=0.95, max_new_tokens=24, seed=0, loop_stop=0), **kw)
    finished_order, texts = [], {}
    for done in decode_continuous(model, tok, requests, rows=rows, stats=stats, **kw):
        for i, text in done:
            assert i not in texts  # each request finishes once
            texts[i] = text
            finished_order.append(i)
    return [texts[i] for i in range(len(requests))], finished_order, stats


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_bigcode"])
@pytest.mark.parametrize("prefix", ["", SHARED])
def test_refilled_rows_get_the_tokens_generate_gives(fixture, prefix, request):
    model, tok = load_model(str(request.getfixturevalue(fixture)))
    assert continuous_supported(model)
    prompts = [prefix + p for p in PROMPTS]
    # a stop string on every other request: rows end at different steps, so refills happen mid-batch
    stops = [("e",) if k % 2 else () for k in range(len(prompts))]
    texts, order, stats = _continuous(model, tok, [Request(p, stop=s) for p, s in zip(prompts, stops)], rows=3)
    for p, s, got in zip(prompts, stops, texts):  # each alone through generate, cut at its stop
        [[full]] = generate(model, tok, [p], max_new_tokens=24, batch_size=1, progress=False, reference=True)
        assert got == cut_at_stop(full, s)
    assert stats["sequences"] == len(prompts) and stats["joins"] > 0
    assert (stats.get("prefix_tokens_reused", 0) > 0) == bool(prefix)
    assert order != sorted(order)  # requests finished out of order: rows were refilled while others ran
    # where the time went is counted: every step ran at most `rows` rows over a cache at least one column wide
    assert 0 < stats["row_steps"] / stats["steps"] <= 3 and stats["cache_columns"] > stats["steps"]
    summary = GenerationStats.from_counts(stats, language="py", technique="baseline", seconds=60).decoding_summary()
    assert f"{stats['steps']} decoding steps" in summary and "cache copies" in summary


def test_continuous_samples_each_request_from_its_own_stream(tiny_llama):
    model, tok = load_model(str(tiny_llama))
    requests = [Request(p, sample=s) for p in PROMPTS[:3] for s in range(2)]
    kw = dict(temperature=0.8, top_p=0.95, seed=3, max_new_tokens=10)
    texts, _, _ = _continuous(model, tok, requests, rows=4, **kw)
    reference = generate(model, tok, PROMPTS[:3], n_samples=2, temperature=0.8, top_p=0.95, seed=3,
                         max_new_tokens=10, batch_size=6, progress=False, reference=True)
    assert texts == [t for pair in reference for t in pair]


def test_max_new_tokens_and_loop_stop_end_rows(tiny_llama):
    model, tok = load_model(str(tiny_llama))
    requests = [Request(p) for p in PROMPTS]
    full, _, full_stats = _continuous(model, tok, requests, rows=8, max_new_tokens=40)
    cut, _, cut_stats = _continuous(model, tok, requests, rows=3, max_new_tokens=40, loop_stop=4)
    assert all(f.startswith(c) for f, c in zip(full, cut))
    assert full_stats["new_tokens"] <= 40 * len(PROMPTS)
    assert cut_stats["new_tokens"] < full_stats["new_tokens"]  # random tiny models loop


def test_new_rows_are_computed_alone_without_padding(tiny_llama):
    """Prompts of different lengths join the batch without their padding being computed: the prompt positions
    the model runs are exactly the prompts' tokens beyond the shared prefix (computed once)."""
    model, tok = load_model(str(tiny_llama))
    prompts = [SHARED + p for p in PROMPTS]
    computed = []
    forward = model.forward

    def counting(*args, **kwargs):
        if kwargs["input_ids"].shape[1] > 1:
            computed.append(kwargs["input_ids"].numel())
        return forward(*args, **kwargs)

    model.forward = counting
    _, _, stats = _continuous(model, tok, [Request(p) for p in prompts], rows=3)
    lengths = [len(tok(p)["input_ids"]) for p in prompts]
    assert len(set(lengths)) > 1 and stats["prefix_tokens_reused"] > 0
    shared = stats["prefix_tokens_reused"] // len(prompts)
    assert sum(computed) == shared + sum(n - shared for n in lengths) == stats["prompt_tokens"]
