"""`evaluate`: model x benchmark x languages x technique -> stored per-sample outcomes -> pass@1 per language.

Resumable at any moment: the store is asked what exists, only missing samples are generated (each batch
stored as soon as it is generated) and only unexecuted generations are run (each chunk of outcomes stored as
soon as it is executed). A killed run loses at most the batch in flight; running the same call again
finishes the job, and a finished job re-run does nothing but print the summary.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .errors import LrcgError

log = logging.getLogger(__name__)

DEFAULT_STORE = "runs/results.sqlite"
SUMMARY_COLUMNS = ["language", "problems", "samples", "executed", "passed", "pass@1", "time_budget"]


@dataclass(frozen=True)
class Task:
    """One (problem, sample) to generate and execute, with its prompt and the key it is stored under."""
    problem: object  # benchmarks.Problem
    prompt: str
    stop: tuple[str, ...]
    sample: int
    settings_hash: str


def model_key(name_or_path: str) -> str:
    from .generation.models import model_key as key

    return key(name_or_path)


def adapter_key(adapter: str | None) -> str:
    return str(Path(adapter).expanduser().resolve()) if adapter else ""


def _languages(languages: str | Sequence[str]) -> list[str]:
    from .execution.languages import parse_languages

    names = [lang.name for lang in parse_languages(languages)]
    if not names:
        raise LrcgError("no languages given (e.g. --languages r,rkt)")
    return names


def evaluate(model: str, benchmark: str, languages: str | Sequence[str], technique: str = "baseline", samples: int = 1,
             temperature: float = 0.0, top_p: float = 0.95, max_new_tokens: int | None = None,
             limit: int | None = None, store: str | Path = DEFAULT_STORE, quantization: str | None = None,
             adapter: str | None = None, seed: int = 0, batch_size: int = 8, workers: int | None = None,
             problems: Iterable[str] | None = None, dtype: str = "auto", backend: str = "hf",
             progress: bool = True, common_with: Sequence[str] | None = None,
             shard: str | tuple[int, int] | None = None, endpoint=None, n_ctx: int | None = None,
             time_budget: str = "reference", loop_stop: int = 0, continuous: bool = False):
    """Generate what is missing, execute what is unexecuted, return pass@1 per language (a DataFrame).

    `common_with`: only the problems (by HumanEval number) that every one of these languages has in the
    benchmark (paper A's 157 for java, py, jl, lua, r, rkt). `shard`: "K/N" keeps the K-th of N disjoint parts
    of the tasks (`lrcg.merge.shard_of`); run K = 1..N anywhere, then `lrcg merge` their stores.
    `backend="openai"`: `model` is the served model name and `endpoint` an `openai_backend.Endpoint`
    (or a dict of its fields) saying where and how; `backend="llamacpp"`: `model` names a GGUF, `n_ctx` its
    context (default `llamacpp_backend.DEFAULT_N_CTX`). `time_budget`: "reference" (MultiPL-E's limits) or
    "adaptive" (lrcg.execution.budget; it judges a language's unexecuted programs in one batch). `loop_stop`
    N > 0 (hf backends): a sequence ends once its last N or more tokens are one block repeated
    (`generation.batched.ends_in_loop`); stored with the settings, so such samples are a run of their own.
    `continuous` (hf backend): finished rows are refilled with waiting requests (`generation.continuous`)."""
    from .generation import prompting
    from .benchmarks import load_benchmark, normalize_benchmark
    from .generation.batched import pick_backend
    from .merge import parse_shard, shard_of
    from .generation.models import QUANTIZATIONS, load_tokenizer, resolve_model, uses_chat_template
    from .execution.budget import check_time_budget
    from .store import Store, settings_hash

    # Everything that can be wrong with the input is checked before a model is loaded.
    check_time_budget(time_budget)
    if samples < 1:
        raise LrcgError(f"--samples must be >= 1, not {samples}")
    if not isinstance(loop_stop, int) or isinstance(loop_stop, bool) or loop_stop < 0:
        raise LrcgError(f"loop_stop must be a whole number of tokens >= 0 (0 = off), not {loop_stop!r}")
    shard = parse_shard(shard)
    if quantization not in QUANTIZATIONS:
        from .errors import unknown_choice
        raise unknown_choice("quantization", quantization, [q for q in QUANTIZATIONS if q])
    bench = normalize_benchmark(benchmark)
    langs = _languages(languages)
    tech = prompting.get_technique(technique)
    for lang in langs:
        prompting.check_technique(tech, lang)
    problem_ids = list(problems) if problems is not None else None
    per_language = {lang: load_benchmark(bench, lang, limit=limit, problems=problem_ids) for lang in langs}
    if common_with:
        from .benchmarks import common_problem_indices

        keep = set(common_problem_indices(bench, _languages(common_with)))
        per_language = {lang: [p for p in items if p.index in keep] for lang, items in per_language.items()}
    backend = pick_backend(backend, adapter=adapter, quantization=quantization)
    if loop_stop and backend not in ("hf", "hf-generate"):
        raise LrcgError(f"loop_stop works with the hf and hf-generate backends, not {backend!r}")
    max_new = int(max_new_tokens or tech.max_new_tokens)
    engine = None  # openai_backend.Endpoint, or the llama.cpp model, for the backends outside transformers
    if backend == "openai":
        from .generation import openai_backend

        engine = endpoint if isinstance(endpoint, openai_backend.Endpoint) else \
            openai_backend.Endpoint(model=model, **(endpoint or {}))
        mkey, chat = openai_backend.model_key(engine.model), _endpoint_chat(engine, model) and tech.chat
        openai_backend.check_endpoint(openai_backend.make_client(engine), engine)
    elif backend == "llamacpp":
        from .generation import llamacpp_backend

        gguf = llamacpp_backend.gguf_file(model)
        mkey = llamacpp_backend.model_key(model)
        engine = _loaded_llama(gguf, n_ctx or llamacpp_backend.DEFAULT_N_CTX)
        chat = llamacpp_backend.is_chat_model(model, engine) and tech.chat
    else:
        source = resolve_model(model)
        if adapter is not None and not (Path(adapter).expanduser() / "adapter_config.json").is_file():
            raise LrcgError(f"adapter {adapter!r} is not a directory with adapter_config.json "
                            "(a peft save_pretrained)")
        mkey = model_key(model)
    akey = adapter_key(adapter)

    with Store(store) as db:
        tokenizer = load_tokenizer(source) if engine is None else None
        if engine is None:
            chat = uses_chat_template(model, tokenizer) and tech.chat
        decoding = {"temperature": float(temperature), "top_p": float(top_p), "max_new_tokens": max_new,
                    "seed": int(seed), "chat": chat, "quantization": quantization, "dtype": dtype,
                    **({"loop_stop": loop_stop} if loop_stop else {})}  # absent when off: older runs keep their hash
        if engine is not None:  # what the engine is given is the prompt; what it adds to it, this says
            decoding = {**decoding, "engine": backend, "dtype": None,
                        **({"extra_body": engine.extra_body} if backend == "openai" and engine.extra_body else {})}
        tasks: dict[str, list[Task]] = {}
        for lang, items in per_language.items():
            stored = db.stored_keys(mkey, akey, tech.name, bench, lang)
            tasks[lang] = []
            for p in items:
                if engine is None:
                    prompt = prompting.build_prompt(tech, p, tokenizer=tokenizer, chat=chat)
                elif chat:  # the messages the engine's own chat template is applied to
                    prompt = json.dumps([{"role": "user", "content": prompting.prompt_text(tech, p)}])
                else:
                    prompt = prompting.prompt_text(tech, p)
                stop = () if chat else tuple(p.stop_tokens) + (prompting.CODEM_STOPS if tech.name == "codem" else ())
                settings = {**decoding, "stop": list(stop)}
                digest = settings_hash(prompt, settings)
                tasks[lang] += [Task(p, prompt, stop, s, digest) for s in range(samples)
                                if shard is None or shard_of(bench, lang, p.task_id, s, shard[1], temperature == 0)
                                == shard[0]]
            missing = [t for t in tasks[lang] if (t.problem.task_id, t.sample, t.settings_hash) not in stored]
            if missing:
                _generate_missing(db, missing, model=model, mkey=mkey, akey=akey, technique=tech.name, chat=chat,
                                  decoding=decoding, quantization=quantization, adapter=adapter, dtype=dtype,
                                  batch_size=batch_size, backend=backend, progress=progress, engine=engine,
                                  continuous=continuous)
        for lang in langs:
            _execute_unexecuted(db, lang, tasks[lang], mkey=mkey, akey=akey, technique=tech.name, bench=bench,
                                workers=workers, progress=progress, time_budget=time_budget)
        return summarize(db, mkey, akey, tech.name, bench, tasks)


GENERATION_STATS: list[dict] = []  # one entry per generating step of this process (tokens, seconds), for reports
_loaded: dict[tuple, tuple] = {}  # the model of the current evaluate call, shared across its languages


def _endpoint_chat(endpoint, model: str) -> bool:
    """Chat or completion endpoint: the endpoint's `chat` when set, else the registry's flag for a model it
    knows (also by Hub id, the name vLLM serves it under), else chat (what hosted APIs serve)."""
    from .generation.models import model_info

    if endpoint.chat is not None:
        return endpoint.chat
    info = model_info(endpoint.model)
    return info.chat if info is not None else True


def _loaded_llama(gguf: Path, n_ctx: int):
    from .generation.llamacpp_backend import load_llama

    key = ("llamacpp", str(gguf), n_ctx)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = (load_llama(gguf, n_ctx=n_ctx), None)
    return _loaded[key][0]


def _generate_missing(db, missing: list[Task], *, model, mkey, akey, technique, chat, decoding, quantization, adapter,
                      dtype, batch_size, backend, progress, engine=None, continuous=False) -> None:
    from .generation import prompting
    from .generation.batched import Request, generate_batches, load_vllm
    from .generation.models import load_model
    from .store import Generation

    key = (model, quantization, adapter, dtype, backend)
    if engine is None and key not in _loaded:
        _loaded.clear()
        if backend == "vllm":  # pragma: no cover - GPU only
            llm = load_vllm(model, dtype=dtype)
            _loaded[key] = (llm, llm.get_tokenizer())
        else:
            _loaded[key] = load_model(model, dtype=dtype, quantization=quantization, adapter=adapter)
    lm, tokenizer = _loaded[key] if engine is None else (None, None)
    finals = {}  # one per problem, so identical greedy requests still share one generation
    if chat:
        from functools import partial

        from .generation.postprocess import chat_completion_final
        for t in missing:
            finals.setdefault(t.problem.task_id, partial(chat_completion_final, t.problem))
    requests = [Request(t.prompt, t.sample, t.stop, finals.get(t.problem.task_id)) for t in missing]
    stats: dict = {}
    started = time.perf_counter()
    settings = {t.settings_hash: json.dumps({**decoding, "stop": list(t.stop)}, sort_keys=True) for t in missing}
    sampling = dict(temperature=decoding["temperature"], top_p=decoding["top_p"],
                    max_new_tokens=decoding["max_new_tokens"], seed=decoding["seed"], progress=progress, stats=stats)
    if backend == "openai":
        from .generation.openai_backend import generate_openai
        batches = generate_openai(engine, requests, chat=chat, check=False, **sampling)  # checked before
    elif backend == "llamacpp":
        from .generation.llamacpp_backend import generate_llamacpp
        batches = generate_llamacpp(engine, requests, chat=chat, **sampling)
    else:
        batches = generate_batches(lm, tokenizer, requests, batch_size=batch_size,
                                   reference=backend == "hf-generate", loop_stop=decoding.get("loop_stop", 0),
                                   continuous=continuous, **sampling)
    for done in batches:
        rows = []
        for i, response in done:
            t = missing[i]
            completion = prompting.completion_from_response(t.problem, response, technique, chat)
            rows.append(Generation(mkey, akey, technique, t.problem.benchmark, t.problem.language, t.problem.task_id,
                                   t.problem.index, t.sample, t.settings_hash, settings[t.settings_hash], t.prompt,
                                   response, completion))
        db.add_generations(rows)
    seconds = time.perf_counter() - started
    log.info("generated %d sequences, %d new tokens in %.1f s (%.1f tokens/s; %d prompt tokens, %d reused "
             "from a shared prefix)", stats.get("sequences", 0), stats.get("new_tokens", 0), seconds,
             stats.get("new_tokens", 0) / max(seconds, 1e-9), stats.get("prompt_tokens", 0),
             stats.get("prefix_tokens_reused", 0))
    GENERATION_STATS.append({**stats, "seconds": seconds, "language": missing[0].problem.language,
                             "technique": technique})


def release_model() -> None:
    """Drop the model kept between calls (frees its memory)."""
    _loaded.clear()


def _execute_unexecuted(db, lang: str, tasks: list[Task], *, mkey, akey, technique, bench, workers,
                        progress, time_budget: str = "reference") -> None:
    from .benchmarks import build_program
    from .execution import Program, default_workers, run_programs, run_with_time_budget

    wanted = {(t.problem.task_id, t.sample, t.settings_hash): t.problem for t in tasks}
    todo = [r for r in db.unexecuted(mkey, akey, technique, bench, lang)
            if (r["problem"], r["sample"], r["settings_hash"]) in wanted]
    if time_budget != "reference" and todo:
        # An adaptive budget needs every program of the language before it judges a timeout, so the
        # language's outcomes are stored together at the end, not chunk by chunk.
        sources = [build_program(wanted[(r["problem"], r["sample"], r["settings_hash"])], r["completion"])
                   for r in todo]
        programs = [Program(lang, s, problem=r["problem"]) for r, s in zip(todo, sources)]
        problems = {r["problem"]: wanted[(r["problem"], r["sample"], r["settings_hash"])] for r in todo}
        canonical = [Program(lang, build_program(p, p.canonical_solution), problem=name)
                     for name, p in problems.items() if p.canonical_solution is not None]
        outcomes = run_with_time_budget(programs, time_budget=time_budget, canonical=canonical, workers=workers,
                                        progress=progress, desc=f"executing {lang}")
        db.add_outcomes([(r["id"], o, s) for r, o, s in zip(todo, outcomes, sources)])
        return
    chunk = max(8, 4 * (workers or default_workers()))
    for start in range(0, len(todo), chunk):
        part = todo[start:start + chunk]
        sources = [build_program(wanted[(r["problem"], r["sample"], r["settings_hash"])], r["completion"])
                   for r in part]
        outcomes = run_programs([Program(lang, s) for s in sources], workers=workers, progress=progress,
                                desc=f"executing {lang}")
        db.add_outcomes([(r["id"], o, s) for r, o, s in zip(part, outcomes, sources)])


def summarize(db, mkey: str, akey: str, technique: str, bench: str, tasks: dict[str, list[Task]]):
    """pass@1 per language over the requested (problem, sample, settings) rows."""
    import pandas as pd

    from .analysis.passk import pass_at_k

    lines = []
    for lang, items in tasks.items():
        wanted = {(t.problem.task_id, t.sample, t.settings_hash) for t in items}
        rows = [r for r in db.rows(model=mkey, adapter=akey, technique=technique, benchmark=bench, language=lang)
                if (r["problem"], r["sample"], r["settings_hash"]) in wanted]
        per_problem: dict[str, list[bool]] = {}
        budgets = set()
        for r in rows:
            if r["status"] is not None:
                per_problem.setdefault(r["problem"], []).append(r["status"] == "OK")
                budgets.add(r["time_budget"])
        scores = [pass_at_k(len(v), sum(v), 1) for v in per_problem.values()]
        lines.append({"language": lang, "problems": len({t.problem.task_id for t in items}), "samples": len(rows),
                      "executed": sum(len(v) for v in per_problem.values()),
                      "passed": sum(sum(v) for v in per_problem.values()),
                      "pass@1": sum(scores) / len(scores) if scores else float("nan"),
                      "time_budget": "+".join(sorted(budgets))})  # the policies that judged the outcomes
    return pd.DataFrame(lines, columns=SUMMARY_COLUMNS)
