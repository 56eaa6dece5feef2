"""lrcg's decode loop against transformers' `generate` (the reference) on tiny local models: same tokens,
a shared prompt prefix computed once, finished rows leaving the batch, `final` ending a request early."""
from __future__ import annotations

import pytest

from fixtures_models import tiny_bigcode, tiny_llama  # noqa: F401  (pytest fixtures)
from lrcg.generation import Request, generate, generate_batches
from lrcg.generation.models import load_model

SHARED = "Here are some general mapping rules to translate Python code into Lua code:\n" * 3
PROMPTS = ["def add(a, b):\n", "local function f(x)\n  return", "x <- function(a) {\n", "(define (f x)\n"]


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_bigcode"])
@pytest.mark.parametrize("prefix", ["", SHARED])
def test_decode_loop_gives_the_tokens_generate_gives(fixture, prefix, request):
    model, tok = load_model(str(request.getfixturevalue(fixture)))
    prompts = [prefix + p for p in PROMPTS]
    kw = dict(max_new_tokens=16, batch_size=4, progress=False)
    loop_stats: dict = {}
    loop = generate(model, tok, prompts, stats=loop_stats, **kw)
    reference = generate(model, tok, prompts, reference=True, **kw)
    assert loop == reference
    assert (loop_stats.get("prefix_tokens_reused", 0) > 0) == bool(prefix)


def test_decode_loop_samples_as_the_reference_does(tiny_llama):
    model, tok = load_model(str(tiny_llama))
    kw = dict(n_samples=3, temperature=0.8, top_p=0.95, seed=3, max_new_tokens=10, batch_size=6, progress=False)
    assert generate(model, tok, PROMPTS, **kw) == generate(model, tok, PROMPTS, reference=True, **kw)


def test_final_ends_rows_early_and_finished_rows_leave_the_batch(tiny_llama):
    model, tok = load_model(str(tiny_llama))
    prompts = ["function add(a, b) {", "local function f(x)\n  return", "def add(a, b):\n", "int add(int a, int b) {\n"]
    free = [t for [t] in generate(model, tok, prompts, max_new_tokens=40, batch_size=4, progress=False)]
    marks = lambda text: "\n" in text or "`" in text  # noqa: E731  (where `final` is consulted at all)
    assert 0 < sum(map(marks, free)) < len(free), free  # some rows end early, some run to max_new_tokens
    stats: dict = {}
    requests = [Request(p, final=marks) for p in prompts]
    texts = dict(t for done in generate_batches(model, tok, requests, max_new_tokens=40, batch_size=4,
                                                progress=False, stats=stats) for t in done)
    for i, full in enumerate(free):
        if marks(full):
            assert marks(texts[i]) and full.startswith(texts[i]) and len(texts[i]) < len(full)
        else:
            assert texts[i] == full
    full_stats: dict = {}
    list(generate_batches(model, tok, [Request(p) for p in prompts], max_new_tokens=40, batch_size=4,
                          progress=False, stats=full_stats))
    assert stats["new_tokens"] < full_stats["new_tokens"]
    assert stats["row_steps"] < full_stats["row_steps"]  # finished rows stopped costing decoding steps


def test_in_place_cache_holds_what_dynamic_cache_holds(tiny_llama, monkeypatch):
    import copy

    import torch
    from transformers import DynamicCache

    from lrcg.generation import batched

    monkeypatch.setattr(batched, "KV_ROOM_TOKENS", 1)  # buffers fill and grow often
    model, _ = load_model(str(tiny_llama))
    ours, ref = batched._kv_cache(model), DynamicCache(config=model.config)
    assert {type(layer).__name__ for layer in ours.layers} == {"InPlaceLayer"}
    rng = torch.Generator().manual_seed(0)

    def update(caches, rows, tokens):
        for layer in range(len(ref.layers)):
            k, v = torch.randn(2, rows, 2, tokens, 8, generator=rng)
            outs = [c.update(k, v, layer) for c in caches]
            assert all(torch.equal(a, b) for o in outs[1:] for a, b in zip(outs[0], o))

    def same(a, b):
        return all(torch.equal(x.keys, y.keys) and torch.equal(x.values, y.values) for x, y in zip(a.layers, b.layers))

    update([ours, ref], 3, 5)
    for _ in range(9):
        update([ours, ref], 3, 1)
    for cache in (ours, ref):
        cache.batch_select_indices(torch.tensor([0, 2]))  # finished rows leave
    update([ours, ref], 2, 1)
    copies = [copy.deepcopy(ours), copy.deepcopy(ref)]  # the shared prefix, copied for each batch
    for cache in copies:
        cache.batch_repeat_interleave(3)
    update(copies, 6, 1)
    update([ours, ref], 2, 4)
    assert same(ours, ref) and same(*copies) and ours.get_seq_length() == ref.get_seq_length() == 19


def test_decode_loop_with_cache_buffers_that_grow_every_step(tiny_llama, monkeypatch):
    from lrcg.generation import batched

    monkeypatch.setattr(batched, "KV_ROOM_TOKENS", 1)
    model, tok = load_model(str(tiny_llama))
    prompts = [SHARED + p for p in PROMPTS]
    kw = dict(max_new_tokens=24, batch_size=4, progress=False)
    assert generate(model, tok, prompts, **kw) == generate(model, tok, prompts, reference=True, **kw)


def test_ends_in_loop_needs_a_block_repeated_over_the_span():
    from lrcg.generation.batched import ends_in_loop

    block = [5, 6, 7, 8]
    assert ends_in_loop([1, 2] + block * 4, 16)  # 16 tokens, 4 blocks
    assert not ends_in_loop([1, 2] + block * 4, 17)  # the loop is shorter than the span
    assert not ends_in_loop(block * 4 + [9], 16)  # the last token breaks it
    assert ends_in_loop([9] * 3, 3) and not ends_in_loop([9] * 2, 2)  # at least three blocks, even of one token
    assert not ends_in_loop([1, 2] + block * 2, 8)  # two blocks of four cover the span, but two are too few
    assert not ends_in_loop(list(range(100)), 16)
    assert not ends_in_loop([], 16)


def test_loop_stop_ends_looping_rows_as_the_reference_does(tiny_llama):
    """Random tiny models loop; with `loop_stop` each row is its full-length text cut where the loop shows, in
    the decode loop and in transformers' `generate` (the reference) alike, and costs fewer tokens."""
    model, tok = load_model(str(tiny_llama))
    prompts = PROMPTS + [SHARED + p for p in PROMPTS]
    kw = dict(max_new_tokens=48, batch_size=4, progress=False)
    full_stats, cut_stats = {}, {}
    full = generate(model, tok, prompts, stats=full_stats, **kw)
    cut = generate(model, tok, prompts, loop_stop=6, stats=cut_stats, **kw)
    assert cut == generate(model, tok, prompts, loop_stop=6, reference=True, **kw)
    assert all(f[0].startswith(c[0]) for f, c in zip(full, cut))
    assert sum(len(f[0]) > len(c[0]) for f, c in zip(full, cut)) >= 2, (full, cut)
    assert cut_stats["new_tokens"] < full_stats["new_tokens"]
    with pytest.raises(Exception, match="loop_stop"):
        generate(model, tok, prompts, loop_stop=-1, **kw)
