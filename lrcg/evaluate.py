"""`evaluate(spec)`: model x benchmark x languages x technique -> stored per-sample outcomes -> pass@1 per language.

Resumable at any moment: the store is asked what exists, only missing samples are generated (each batch
stored as soon as it is generated) and only unexecuted generations are run (each chunk of outcomes stored as
soon as it is executed). A killed run loses at most the batch in flight; running the same call again
finishes the job, and a finished job re-run does nothing but print the summary.

The spec (`lrcg.spec.RunSpec`) says what to run; the backend (`generation.backends`) generates; the judge
(`execution.judge`) runs and judges the programs under the spec's execution policy.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from .config import adapter_key
from .generation.backends import release_model  # noqa: F401  (lrcg.evaluate.release_model, as before)
from .spec import DEFAULT_STORE, RunSpec, run_spec  # noqa: F401  (re-exported: what evaluate takes)

log = logging.getLogger(__name__)

SUMMARY_COLUMNS = ["language", "problems", "samples", "executed", "passed", "pass@1", "time_budget"]


@dataclass(frozen=True)
class Task:
    """One (problem, sample) to generate and execute, with its prompt and the key it is stored under."""
    problem: object  # benchmarks.Problem
    prompt: str
    stop: tuple[str, ...]
    sample: int
    settings_hash: str

    @property
    def key(self) -> tuple[str, int, str]:
        return self.problem.task_id, self.sample, self.settings_hash


@dataclass(frozen=True)
class RunKey:
    """The store's name for one run of a language: everything but the language, problem and sample."""
    model: str
    adapter: str
    technique: str
    benchmark: str


@dataclass(frozen=True)
class Evaluation:
    summary: object  # pandas DataFrame, SUMMARY_COLUMNS: pass@1 per language
    generation: tuple  # generation.backends.GenerationStats of each generating step of this call
    model_key: str = ""  # the model as the store records it (the backend's key)


def evaluate(spec: RunSpec) -> Evaluation:
    """Generate what is missing, execute what is unexecuted, return pass@1 per language and what generation did."""
    from .generation.backends import open_session
    from .store import Store

    # Everything that can be wrong with the input is checked before a model is loaded.
    technique, per_language, decoding, backend = _resolved(spec)
    session = open_session(backend, spec)
    chat = session.chat() and technique.chat
    run = RunKey(session.model_key, adapter_key(spec.adapter), technique.name, _benchmark(spec))
    stats = []
    with Store(spec.store) as db:
        tasks = {lang: _tasks(session, technique, problems, decoding, chat, spec)
                 for lang, problems in per_language.items()}
        for lang, wanted in tasks.items():
            stored = db.stored_keys(run.model, run.adapter, run.technique, run.benchmark, lang)
            missing = [t for t in wanted if t.key not in stored]
            if missing:
                stats.append(_generate_missing(db, session, missing, run, decoding, chat, spec.progress))
        for lang, wanted in tasks.items():
            _execute_unexecuted(db, lang, wanted, run, spec.execution, spec.progress)
        return Evaluation(summarize(db, run, tasks), tuple(stats), run.model)


def stored_selection(spec: RunSpec):
    """`row -> bool`: whether a stored sample (a `Store.rows` row) is one of `spec`'s, without loading its model:
    its model, adapter, technique and benchmark, one of its languages' problems, a sample below its count, and
    stored under the settings its decoding keys samples by (`Decoding.settings`, less `chat` and `stop`, which
    the model's template and the problem decide). So two runs of one model in one store (a 384- and a
    1,024-token run) stay apart when a profile reads the store."""
    import json
    from functools import lru_cache

    from .generation.backends import backend_module

    technique, per_language, decoding, backend = _resolved(spec)
    module = backend_module(backend)
    run = RunKey(module.model_key(spec), adapter_key(spec.adapter), technique.name, _benchmark(spec))
    tasks = {(lang, p.task_id) for lang, problems in per_language.items() for p in problems}
    settings = decoding.settings(chat=False, model_fields=module.settings_fields(spec), stop=())
    wanted = {k: v for k, v in settings.items() if k not in ("chat", "stop")}

    @lru_cache(maxsize=None)
    def same_settings(text: str) -> bool:
        stored = json.loads(text)
        return {k: v for k, v in stored.items() if k not in ("chat", "stop")} == wanted

    def selects(row) -> bool:
        return (RunKey(row["model"], row["adapter"] or "", row["technique"], row["benchmark"]) == run
                and (row["language"], row["problem"]) in tasks and row["sample"] < decoding.samples
                and same_settings(row["settings"]))
    return selects


def _resolved(spec: RunSpec):
    """(technique, {language: problems}, decoding, backend) of the spec, checked, before any model is loaded."""
    from .generation.backends import resolve_backend

    technique, per_language = _problems(spec)
    decoding = spec.decoding.with_max_new_tokens(technique.max_new_tokens)
    backend = resolve_backend(spec.backend, adapter=spec.adapter, quantization=spec.quantization,
                              loop_stop=decoding.loop_stop, batching=spec.batching)
    return technique, per_language, decoding, backend


def _benchmark(spec: RunSpec) -> str:
    from .benchmarks import normalize_benchmark

    return normalize_benchmark(spec.benchmark)


def _problems(spec: RunSpec):
    """(technique, {language: problems}) of the spec, every language checked against the technique."""
    from .benchmarks import common_problem_indices, load_benchmark
    from .generation import prompting

    bench = _benchmark(spec)
    technique = prompting.get_technique(spec.technique)
    for lang in spec.languages:
        prompting.check_technique(technique, lang)
    if not spec.common_with:
        return technique, {lang: load_benchmark(bench, lang, limit=spec.limit, problems=spec.problems)
                           for lang in spec.languages}
    # the same problems in every language: the first `limit` shared ones by HumanEval number (a file's own order
    # differs between languages: MultiPL-E's Python is in HumanEval order, its Java, Lua, R and Racket are not)
    keep = set(common_problem_indices(bench, spec.common_with)[:spec.limit])
    return technique, {lang: [p for p in load_benchmark(bench, lang, problems=spec.problems) if p.index in keep]
                       for lang in spec.languages}


def _tasks(session, technique, problems, decoding, chat: bool, spec: RunSpec) -> list[Task]:
    """Every (problem, sample) of one language that this shard runs, keyed as the store keys it."""
    from .generation import prompting
    from .merge import shard_of
    from .store import settings_hash

    tasks = []
    for p in problems:
        prompt = session.prompt(technique, p, chat)
        stop = () if chat else prompting.stop_strings(technique, p)
        digest = settings_hash(prompt, decoding.settings(chat=chat, model_fields=session.settings_fields, stop=stop))
        greedy = decoding.temperature == 0
        tasks += [Task(p, prompt, stop, s, digest) for s in range(decoding.samples)
                  if spec.shard is None or shard_of(p.benchmark, p.language, p.task_id, s, spec.shard[1], greedy)
                  == spec.shard[0]]
    return tasks


def _generate_missing(db, session, missing: list[Task], run: RunKey, decoding, chat: bool, progress: bool):
    """Generate `missing`, storing each batch as it comes; returns what generation did (`GenerationStats`)."""
    import json
    from functools import partial

    from .generation import prompting
    from .generation.backends import GenerationStats
    from .generation.batched import Request
    from .generation.postprocess import chat_completion_final
    from .store import Generation

    # one `final` per problem, so identical greedy requests still share one generation
    finals = {t.problem.task_id: partial(chat_completion_final, t.problem) for t in missing} if chat else {}
    requests = [Request(t.prompt, t.sample, t.stop, finals.get(t.problem.task_id)) for t in missing]
    settings = {t.settings_hash: json.dumps(decoding.settings(chat=chat, model_fields=session.settings_fields,
                                                              stop=t.stop), sort_keys=True) for t in missing}

    def keep(done) -> None:
        rows = []
        for i, response in done:
            t = missing[i]
            completion = prompting.completion_from_response(t.problem, response, run.technique, chat)
            rows.append(Generation(run.model, run.adapter, run.technique, t.problem.benchmark, t.problem.language,
                                   t.problem.task_id, t.problem.index, t.sample, t.settings_hash,
                                   settings[t.settings_hash], t.prompt, response, completion))
        db.add_generations(rows)

    started = time.perf_counter()
    counts = session.generate(requests, decoding, chat=chat, progress=progress, on_batch=keep)
    stats = GenerationStats.from_counts(counts, language=missing[0].problem.language, technique=run.technique,
                                        seconds=time.perf_counter() - started)
    log.info("generated %d sequences, %d new tokens in %.1f s (%.1f tokens/s; %d prompt tokens, %d reused "
             "from a shared prefix)", stats.sequences, stats.new_tokens, stats.seconds, stats.tokens_per_second,
             stats.prompt_tokens, stats.prefix_tokens_reused)
    if summary := stats.decoding_summary():
        log.info("%s", summary)
    return stats


def _execute_unexecuted(db, lang: str, tasks: list[Task], run: RunKey, policy, progress: bool) -> None:
    """Judge the stored generations of `tasks` that have no outcome yet, storing outcomes as they come: chunk
    by chunk, or all of the language at once where the policy judges programs together."""
    from .benchmarks import build_program
    from .execution import Program, default_workers
    from .execution.judge import judge_programs

    wanted = {t.key: t.problem for t in tasks}
    todo = [r for r in db.unexecuted(run.model, run.adapter, run.technique, run.benchmark, lang)
            if (r["problem"], r["sample"], r["settings_hash"]) in wanted]
    if not todo:
        return
    problem_of = lambda r: wanted[(r["problem"], r["sample"], r["settings_hash"])]  # noqa: E731
    canonical = []
    if policy.judges_together:
        chunk = len(todo)
        problems = {r["problem"]: problem_of(r) for r in todo}
        canonical = [Program(lang, build_program(p, p.canonical_solution), problem=name)
                     for name, p in problems.items() if p.canonical_solution is not None]
    else:
        chunk = max(8, 4 * (policy.workers or default_workers()))
    for start in range(0, len(todo), chunk):
        part = todo[start:start + chunk]
        sources = [build_program(problem_of(r), r["completion"]) for r in part]
        programs = [Program(lang, s, problem=r["problem"]) for r, s in zip(part, sources)]
        outcomes = judge_programs(programs, policy, canonical=canonical, progress=progress,
                                  desc=f"executing {lang}")
        db.add_outcomes([(r["id"], o, s) for r, o, s in zip(part, outcomes, sources)])


def summarize(db, run: RunKey, tasks: dict[str, list[Task]]):
    """pass@1 per language over the requested (problem, sample, settings) rows."""
    import pandas as pd

    from .analysis.passk import PassSummary

    lines = []
    for lang, items in tasks.items():
        wanted = {t.key for t in items}
        rows = [r for r in db.rows(model=run.model, adapter=run.adapter, technique=run.technique,
                                   benchmark=run.benchmark, language=lang)
                if (r["problem"], r["sample"], r["settings_hash"]) in wanted]
        s = PassSummary.of((r["problem"], r["status"], r["time_budget"]) for r in rows if r["status"] is not None)
        lines.append({"language": lang, "problems": len({t.problem.task_id for t in items}), "samples": len(rows),
                      "executed": s.executed, "passed": s.passed, "pass@1": s.pass_at_1,
                      "time_budget": s.time_budget})  # the policies that judged the outcomes
    return pd.DataFrame(lines, columns=SUMMARY_COLUMNS)
