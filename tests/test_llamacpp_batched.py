"""`--backend llamacpp-batched` on the real SmolLM2 GGUF: many sequences in one llama.cpp context, refilled as
they finish. Its prompts are the GGUF's own chat template rendered (what the hf backends send), every sample is
generated, extracted, executed and stored, and a rerun does nothing."""
from __future__ import annotations

import pytest

from conftest import needs_toolchain

VARIANT = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"
EASY = ["HumanEval_23_strlen", "HumanEval_53_add", "HumanEval_28_concatenate", "HumanEval_30_get_positive",
        "HumanEval_35_max_element", "HumanEval_42_incr_list"]


@pytest.fixture(scope="module")
def llm():
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is a dev dependency (pip install -e .[dev])")
    from lrcg.generation.llamacpp_backend import load_llama
    from lrcg.generation.models import fetch_model

    return load_llama(fetch_model("smollm2-135m-instruct", log=lambda *a: None), n_ctx=2048)


@pytest.mark.slow
def test_the_rendered_prompt_is_the_transformers_chat_template(llm):
    import json

    from lrcg.generation.llamacpp_batched import render_chat
    from lrcg.generation.models import load_tokenizer, resolve_model

    messages = [{"role": "user", "content": "Write a function."}]
    tokenizer = load_tokenizer(resolve_model(VARIANT))
    assert render_chat(llm, json.dumps(messages)) == tokenizer.apply_chat_template(messages, tokenize=False,
                                                                                   add_generation_prompt=True)


@pytest.mark.slow
def test_rows_are_refilled_and_each_request_ends_once(llm):
    from lrcg.generation import Request
    from lrcg.generation.llamacpp_batched import generate_llamacpp_batched

    tokenize = lambda text: llm.tokenize(text.encode(), add_bos=True, special=False)  # noqa: E731
    prompts = ["def add(a, b):\n", "# Lua\nlocal function f(x)\n", "x <- function(a) {\n", "(define (f x)\n",
               "function add(a, b) {", "int main() {\n"]
    stops = [("\n",) if k % 2 else () for k in range(len(prompts))]  # rows end at different steps
    stats: dict = {}
    order, texts = [], {}
    for done in generate_llamacpp_batched(llm, tokenize, [Request(p, stop=s) for p, s in zip(prompts, stops)],
                                          rows=2, max_new_tokens=24, stats=stats):
        for i, text in done:
            assert i not in texts
            texts[i], order = text, order + [i]
    assert sorted(texts) == list(range(len(prompts))) and stats["sequences"] == len(prompts)
    assert all("\n" not in texts[k] for k in range(1, len(prompts), 2))  # cut at their stop
    assert stats["new_tokens"] <= 24 * len(prompts)
    alone = {}
    for k in (0, 3):  # a request decoded alone begins as it did among others (greedy)
        [(_, alone[k])] = [d for done in generate_llamacpp_batched(llm, tokenize, [Request(prompts[k], stop=stops[k])],
                                                                   rows=1, max_new_tokens=24) for d in done]
        assert alone[k][:8] == texts[k][:8], (alone[k], texts[k])


@pytest.mark.slow
def test_evaluate_through_llamacpp_batched_stores_executed_samples(llm, tmp_path):
    needs_toolchain("py")
    from lrcg.evaluate import evaluate
    from lrcg.spec import run_spec
    from lrcg.store import load_outcomes

    store = tmp_path / "results.sqlite"
    spec = run_spec(model=VARIANT, backend="llamacpp-batched", languages="py", problems=EASY, max_new_tokens=192,
                    loop_stop=32, batch_size=4, store=str(store), progress=False)
    result = evaluate(spec)
    frame = load_outcomes(store)
    assert len(frame) == len(EASY) and frame["status"].notna().all()
    assert frame["model"].unique().tolist() == ["llamacpp:" + VARIANT]
    import sqlite3

    with sqlite3.connect(store) as db:
        prompts = [p for (p,) in db.execute("SELECT prompt FROM generations")]
    assert all(p.startswith("<|im_start|>system") for p in prompts)  # the rendered chat template
    assert (frame["status"] == "OK").sum() >= 1, frame[["problem", "status", "completion"]].to_string()
    assert sum(s.sequences for s in result.generation) == len(EASY)
    again = evaluate(spec)
    assert sum(s.sequences for s in again.generation) == 0  # everything was stored
