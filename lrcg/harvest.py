"""Fine-tuning data the MultiPL-T way: a model writes solutions, the tests keep the ones that pass.

`make_data(DataSettings(model=...))` generates solutions for problems that carry their own tests (MultiPL-T's
problem sets `multipl-t` / `multipl-t-python`, or any benchmark lrcg loads) through `lrcg.evaluate`, so every
sample and outcome lands in a results store and a rerun only does what is missing. `multipl-t-python` is
MultiPL-T's own prompt (the canonical Python as comments above the docstring), made for completion models; an
instruct model given it in its chat template answers in Python (Qwen2.5-Coder-0.5B: all of 16 Racket answers), so
the default is `multipl-t`. Then, per language:

- the passing samples (status OK) become code-generation pairs (paper A technique 5): instruction = the
  problem's docstring + signature (MultiPL-T's plain prompt, also when the solutions were generated from the
  prompt that shows the canonical Python), response = the body that passed;
- pairs whose function name or a long word n-gram matches an evaluation prompt are dropped
  (`decontaminate`), each with its reason;
- where the canonical Python is known (from the `multipl-t-python` file, whichever set was generated for),
  each kept pair also gives a translation
  pair (technique 6, stage 1): "Translate the following Python function to <language>:" + Python -> the
  validated target function.

Files in `output_dir`: `<lang>-generation.jsonl` and `<lang>-translation.jsonl` (fields `instruction` and
`output`, which `lrcg train --data FILE` reads, plus provenance: model, backend, benchmark, problem, sample,
status, settings_hash), `<lang>-dropped.jsonl` (problem, name, reason) and `summary.json` (problems tried,
passed, kept and dropped per language, wall time, generated tokens and tokens/s).
"""
from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import LrcgError
from .training.decontaminate import DEFAULT_NGRAM, DEFAULT_REFERENCE, build_reference, contamination

log = logging.getLogger(__name__)

CANONICAL_MARKER = "## Canonical Python Solution ##"
SUMMARY_FILE = "summary.json"
# benchmark whose prompts are the pair's instruction: the plain prompt of the same problem
PLAIN_PROMPTS = {"multipl-t-python": "multipl-t"}
PYTHON_PROMPTS = "multipl-t-python"  # the problem set that shows the canonical Python


@dataclass(frozen=True)
class DataSettings:
    """What `make_data` generates with, for which problems, and where it writes."""
    model: str
    languages: tuple[str, ...] = ("rkt", "lua")
    problems: str = "multipl-t"  # the benchmark generated for (its prompts are what the model sees)
    backend: str = "hf"
    dtype: str = "auto"
    samples: int = 1
    temperature: float = 0.0
    max_new_tokens: int = 384
    loop_stop: int = 0
    batch_size: int = 16
    start: int = 0  # the slice of the problem set: problems[start:start + limit]
    limit: int | None = None
    names: tuple[str, ...] = ()  # or these problems by name
    store: str = "runs/finetune/data.sqlite"
    output_dir: str = "runs/finetune/data"
    ngram: int = DEFAULT_NGRAM
    reference: tuple[tuple[str, str], ...] = DEFAULT_REFERENCE
    progress: bool = True
    evaluate_options: dict = field(default_factory=dict, compare=False)  # any other evaluate() keyword


def select_problems(settings: DataSettings, language: str) -> list:
    from .benchmarks import load_benchmark

    if settings.names:
        return load_benchmark(settings.problems, language, problems=list(settings.names))
    items = load_benchmark(settings.problems, language)
    end = None if settings.limit is None else settings.start + settings.limit
    chosen = items[settings.start:end]
    if not chosen:
        raise LrcgError(f"{settings.problems}/{language}: no problem in [{settings.start}:{end}] "
                        f"(it has {len(items)})")
    return chosen


def _evaluate(settings: DataSettings, language: str, names: list[str]) -> tuple[str, dict]:
    """Generate and execute through lrcg's evaluate (the one call this module makes to it); returns the model's
    key in the store and what generation did (sequences, new tokens, seconds)."""
    from .evaluate import evaluate
    from .spec import run_spec

    spec = run_spec("make-data", model=settings.model, benchmark=settings.problems, languages=[language],
                    technique="baseline", samples=settings.samples, temperature=settings.temperature,
                    max_new_tokens=settings.max_new_tokens, store=settings.store, problems=names,
                    dtype=settings.dtype, backend=settings.backend, batch_size=settings.batch_size,
                    loop_stop=settings.loop_stop, progress=settings.progress, **settings.evaluate_options)
    result = evaluate(spec)
    made = result.generation
    stats = {"sequences": sum(s.sequences for s in made), "new_tokens": sum(s.new_tokens for s in made),
             "seconds": sum(s.seconds for s in made)}
    return result.model_key, stats


def _decoding_matches(row: dict, settings: DataSettings) -> bool:
    decoding = json.loads(row["settings"])
    return (decoding.get("temperature") == float(settings.temperature)
            and decoding.get("max_new_tokens") == settings.max_new_tokens
            and decoding.get("loop_stop", 0) == settings.loop_stop and row["sample"] < settings.samples)


# ---------------------------------------------------------------- the canonical Python of a MultiPL-T problem

def _comment_text(line: str, comment: str) -> str | None:
    """The text of a comment line (`;; x` and `; x` alike in Racket), or None for a line that is not a comment."""
    m = re.match(rf"\s*(?:{re.escape(comment)})+ ?", line)
    return line[m.end():] if m else None


def _parameters(signature: str, language: str) -> list[str]:
    if language == "rkt":
        m = re.search(r"\(define\s+\(\s*[^\s()]+([^)]*)\)?", signature)
        return m.group(1).split() if m else []
    m = re.search(r"\(([^)]*)\)", signature)
    return [p.strip() for p in m.group(1).split(",") if p.strip()] if m else []


def canonical_python(prompt_with_python: str, plain_prompt: str, language: str, name: str) -> str | None:
    """The Python function a MultiPL-T problem was translated from: `def name(params):`, the docstring (the plain
    prompt's comment) and the canonical body written as comments in the `-with-python` prompt. None when the
    prompt carries no canonical solution or the result is not valid Python. Parameter names are the target
    signature's (MultiPL-E keeps them); defaults and annotations of the original are not in the prompt."""
    from .execution.languages import get_language
    from .training.data import split_docstring

    comment = get_language(language).comment
    lines = prompt_with_python.split("\n")
    try:
        at = next(i for i, line in enumerate(lines) if CANONICAL_MARKER in line)
    except StopIteration:
        return None
    body = []
    for line in lines[at + 1:]:
        text = _comment_text(line, comment)
        if text is None or not text.strip():
            break
        body.append(text[2:] if text.startswith("# ") else text[1:] if text.startswith("#") else text)
    if not body:
        return None
    doc, signature = split_docstring(plain_prompt, language)
    doc_lines = [_comment_text(x, comment) for x in doc.split("\n") if not x.strip().startswith("#lang")]
    docstring = "\n    ".join(x for x in doc_lines if x is not None).strip()
    params = ", ".join(_parameters(signature, language))
    out = f"def {name}({params}):\n"
    if docstring:
        out += f'    """{docstring}"""\n'
    out += "".join(f"    {b}\n" if b.strip() else "\n" for b in body)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. `x is 1`: valid, and what the canonical solution says
        try:
            compile(out, name, "exec")
        except (SyntaxError, ValueError):  # a body the comments do not hold whole (1% of MultiPL-T's)
            return None
    return out


# ---------------------------------------------------------------- pairs

@dataclass(frozen=True)
class LanguageData:
    generation: list[dict]
    translation: list[dict]
    dropped: list[dict]
    tried: int
    passed: int  # problems with at least one passing sample
    passing_samples: int
    executed: int


def language_pairs(rows: list[dict], problems: list, plain: dict, python: dict, reference, model: str,
                   backend: str) -> LanguageData:
    """Pairs from the stored rows of one language (see the module docstring). `plain`: task_id -> plain prompt,
    `python`: task_id -> canonical Python (may be empty)."""
    from .training.data import translation_instruction

    by_id = {p.task_id: p for p in problems}
    executed = [r for r in rows if r["status"] is not None and r["problem"] in by_id]
    passing = [r for r in executed if r["status"] == "OK"]
    generation, translation, dropped = [], [], []
    seen: set[tuple[str, str]] = set()
    for r in sorted(passing, key=lambda r: (r["index"], r["sample"])):
        p = by_id[r["problem"]]
        if (p.task_id, r["completion"]) in seen:  # the same passing body from two samples is one pair
            continue
        seen.add((p.task_id, r["completion"]))
        instruction = plain.get(p.task_id, p.prompt)
        provenance = {"language": p.language, "problem": p.task_id, "name": p.entry_point, "model": model,
                      "backend": backend, "benchmark": p.benchmark, "sample": r["sample"], "status": r["status"],
                      "settings_hash": r["settings_hash"]}
        reason = contamination(p.entry_point, instruction, r["completion"], reference)
        if reason is not None:
            dropped.append({"problem": p.task_id, "name": p.entry_point, "sample": r["sample"], "reason": reason})
            continue
        generation.append({"instruction": instruction, "output": r["completion"], **provenance})
        source = python.get(p.task_id)
        if source is not None:
            target = instruction + r["completion"]
            translation.append({"instruction": translation_instruction(p.language) + source, "output": target,
                                **provenance})
    return LanguageData(generation, translation, dropped, tried=len(by_id),
                        passed=len({r["problem"] for r in passing}), passing_samples=len(passing),
                        executed=len(executed))


def _prompts(benchmark: str, language: str) -> dict[str, str]:
    from .benchmarks import load_benchmark

    try:
        return {p.task_id: p.prompt for p in load_benchmark(benchmark, language)}
    except LrcgError as e:
        log.warning("%s/%s not loaded (%s)", benchmark, language, e)
        return {}


def _write_jsonl(path: Path, records: list[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    tmp.replace(path)


def make_data(settings: DataSettings, log_line=print) -> dict:
    """Generate, execute, keep what passes, decontaminate, write the pairs (see the module docstring).
    Returns the summary also written to `output_dir/summary.json`."""
    from .benchmarks import normalize_benchmark

    bench = normalize_benchmark(settings.problems)
    if settings.samples < 1:
        raise LrcgError(f"samples must be >= 1, not {settings.samples}")
    reference = build_reference(settings.reference, settings.ngram)
    out = Path(settings.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = {"settings": {k: v for k, v in asdict(settings).items() if k != "evaluate_options"},
               "reference": list(reference.sources), "languages": {}}
    from .store import stored_rows

    for language in settings.languages:
        problems = select_problems(settings, language)
        names = [p.task_id for p in problems]
        started = time.perf_counter()
        mkey, generated = _evaluate(settings, language, names)
        wall = time.perf_counter() - started
        rows = [r for r in stored_rows(settings.store, executed_only=True, model=mkey, adapter="",
                                       technique="baseline", benchmark=bench, language=language)
                if _decoding_matches(r, settings)]
        plain_bench = PLAIN_PROMPTS.get(bench)
        plain = _prompts(plain_bench, language) if plain_bench else {p.task_id: p.prompt for p in problems}
        with_python = _prompts(PYTHON_PROMPTS, language) if bench in ("multipl-t", PYTHON_PROMPTS) else {}
        python = {}
        for p in problems:
            if p.task_id in with_python:
                source = canonical_python(with_python[p.task_id], plain.get(p.task_id, p.prompt), language,
                                          p.entry_point)
                if source is not None:
                    python[p.task_id] = source
        data = language_pairs(rows, problems, plain, python, reference, mkey, settings.backend)
        _write_jsonl(out / f"{language}-generation.jsonl", data.generation)
        _write_jsonl(out / f"{language}-translation.jsonl", data.translation)
        _write_jsonl(out / f"{language}-dropped.jsonl", data.dropped)
        reasons: dict[str, int] = {}
        for d in data.dropped:
            kind = d["reason"].split(":")[0]
            reasons[kind] = reasons.get(kind, 0) + 1
        tokens, seconds = generated["new_tokens"], generated["seconds"]
        summary["languages"][language] = line = {
            "tried": data.tried, "executed": data.executed, "passed": data.passed,
            "passing_samples": data.passing_samples, "kept": len(data.generation),
            "translation_pairs": len(data.translation), "dropped": len(data.dropped), "dropped_by": reasons,
            "wall_seconds": round(wall, 1), "generated_sequences": generated["sequences"],
            "generated_tokens": tokens, "generation_seconds": round(seconds, 1),
            "tokens_per_second": round(tokens / seconds, 1) if seconds else None,
        }
        rate = f", {line['tokens_per_second']} tokens/s" if line["tokens_per_second"] else " (all generations stored before)"
        log_line(f"{language}: tried {data.tried}, passed {data.passed}, kept {len(data.generation)} "
                 f"(dropped {len(data.dropped)}: {reasons or 'none'}), {len(data.translation)} translation pairs; "
                 f"{wall:.0f} s{rate}")
    (out / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def read_data_summary(output_dir: str | Path) -> dict:
    from .training.train import read_json_summary

    return read_json_summary(output_dir, SUMMARY_FILE, "run lrcg make-data first")
