"""`lrcg execute`: run completions and write MultiPL-E result files plus a pass@1 summary.

Input is either (a) a JSONL of `{"problem": task_id, "completion": ...}` rows for one benchmark and
language (several rows per problem = several samples), or (b) a directory of MultiPL-E completion files.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LrcgError


@dataclass(frozen=True)
class ProblemJob:
    """One problem's samples: the fields echoed into its result file and the programs to run."""
    name: str
    language: str
    fields: dict[str, Any]
    programs: tuple[str, ...]
    canonical: str | None = None  # the canonical solution as a program, where the benchmark has one


def read_completion_rows(path: str | Path) -> list[tuple[int, str, str]]:
    """(line number, problem, completion) of every row of a `{problem, completion}` JSONL file."""
    path = Path(path)
    if not path.is_file():
        raise LrcgError(f"{path}: no such completions file")
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise LrcgError(f"{path}:{lineno}: not valid JSON ({e.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("problem"), str) \
                    or not isinstance(row.get("completion"), str):
                raise LrcgError(f"{path}:{lineno}: a row needs string fields 'problem' and 'completion'")
            rows.append((lineno, row["problem"], row["completion"]))
    if not rows:
        raise LrcgError(f"{path}: no completions in it")
    return rows


def jobs_from_jsonl(benchmark: str, language: str, path: str | Path) -> list[ProblemJob]:
    from ..benchmarks import build_program, load_benchmark

    problems = load_benchmark(benchmark, language)
    by_id = {p.task_id: p for p in problems}
    grouped: dict[str, list[str]] = {}
    for lineno, task_id, completion in read_completion_rows(path):
        problem = by_id.get(task_id)
        if problem is None:
            examples = ", ".join(list(by_id)[:3])
            raise LrcgError(f"{path}:{lineno}: no problem {task_id!r} in {problem_set(problems)} "
                            f"(valid: {examples}, ... {len(by_id)} in all)")
        grouped.setdefault(task_id, []).append(build_program(problem, completion))
    jobs = []
    for task_id, programs in grouped.items():
        p = by_id[task_id]
        fields = {"name": p.task_id, "language": p.language, "benchmark": p.benchmark, "prompt": p.prompt,
                  "tests": p.tests, "stop_tokens": list(p.stop_tokens)}
        canonical = build_program(p, p.canonical_solution) if p.canonical_solution is not None else None
        jobs.append(ProblemJob(p.task_id, p.language, fields, tuple(programs), canonical))
    return jobs


def problem_set(problems) -> str:
    return f"{problems[0].benchmark}/{problems[0].language}" if problems else "the benchmark"


def jobs_from_multipl_e_dir(directory: str | Path) -> list[ProblemJob]:
    from ..execution.multiple_io import read_completion_dir

    return [ProblemJob(cf.name, cf.language, cf.fields, tuple(cf.program(c) for c in cf.completions))
            for cf in read_completion_dir(directory)]


def execute_jobs(jobs: list[ProblemJob], output_dir: str | Path, *, workers: int | None = None,
                 timeout: float | None = None, progress: bool = True, isolation: str | None = None,
                 time_budget: str = "reference") -> dict[str, Any]:
    """Run every sample of every job over one work queue, write result files, return the summary."""
    from ..execution import Program, run_with_time_budget
    from ..execution.budget import check_time_budget
    from ..execution.multiple_io import result_entry, result_file_path, write_json_file, write_result_file
    from ..analysis.passk import mean_pass_at_k

    check_time_budget(time_budget)

    output_dir = Path(output_dir)
    seen: dict[Path, str] = {}
    for job in jobs:
        path = result_file_path(output_dir, job.name)
        if path in seen:
            raise LrcgError(f"two problems named {job.name!r} ({seen[path]} and {job.language}) would share "
                            f"{path.name}: execute one language per directory")
        seen[path] = job.language
    programs = [Program(job.language, source, timeout, problem=job.name) for job in jobs for source in job.programs]
    canonical = [Program(job.language, job.canonical, timeout, problem=job.name) for job in jobs if job.canonical]
    mode = {"isolation": isolation} if isolation else {}
    outcomes = iter(run_with_time_budget(programs, time_budget=time_budget, canonical=canonical, workers=workers,
                                         progress=progress, **mode))
    per_language: dict[str, dict[str, Any]] = {}
    for job in jobs:
        results, budgets = [], set()
        for source in job.programs:
            o = next(outcomes)
            budgets.add(o.time_budget)
            results.append(result_entry(source, o.status, o.exit_code, o.stdout, o.stderr))
        write_result_file(output_dir, job.fields, results)
        stats = per_language.setdefault(job.language, {"counts": [], "statuses": Counter(), "budgets": set()})
        stats["counts"].append((len(results), sum(r["status"] == "OK" and r["exit_code"] == 0 for r in results)))
        stats["statuses"].update(r["status"] for r in results)
        stats["budgets"].update(budgets)
    summary = {"output_dir": str(output_dir), "languages": {}}
    for lang, stats in sorted(per_language.items()):
        counts = [c for c in stats["counts"] if c[0] > 0]
        summary["languages"][lang] = {
            "problems": len(stats["counts"]),
            "samples": sum(n for n, _ in stats["counts"]),
            "passed": sum(c for _, c in stats["counts"]),
            "pass@1": mean_pass_at_k(counts, 1) if counts else 0.0,
            "statuses": dict(sorted(stats["statuses"].items())),
            "time_budget": "+".join(sorted(stats["budgets"])),  # the policy that judged the outcomes
        }
    write_json_file(output_dir / "summary.json", summary)
    return summary


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"{'language':<9} {'problems':>8} {'samples':>8} {'pass@1':>7} {'budget':>9}  statuses"]
    for lang, s in summary["languages"].items():
        statuses = ", ".join(f"{k} {v}" for k, v in s["statuses"].items())
        lines.append(f"{lang:<9} {s['problems']:>8} {s['samples']:>8} {s['pass@1']:>7.4f} {s['time_budget']:>9}  "
                     f"{statuses}")
    lines.append(f"result files and summary.json in {summary['output_dir']}")
    return "\n".join(lines)


def add_time_budget_argument(parser) -> None:
    from ..execution.budget import TIME_BUDGETS

    parser.add_argument("--time-budget", choices=TIME_BUDGETS, default="reference",
                        help="run-step time limits: reference (default: MultiPL-E's per-language limits) or "
                             "adaptive (a factor of what a passing program of the problem needs, with a floor; "
                             "see lrcg.execution.budget)")


def run(args) -> int:
    if args.multipl_e_dir:
        if args.completions or args.benchmark or args.language:
            raise LrcgError("--multipl-e-dir takes no --completions/--benchmark/--language (the files name their language)")
        jobs = jobs_from_multipl_e_dir(args.multipl_e_dir)
    else:
        if not (args.completions and args.benchmark and args.language):
            raise LrcgError("give either --multipl-e-dir DIR, or --benchmark, --language and --completions together")
        jobs = jobs_from_jsonl(args.benchmark, args.language, args.completions)
    summary = execute_jobs(jobs, args.output, workers=args.workers, timeout=args.timeout,
                           progress=not args.no_progress, isolation=args.isolation, time_budget=args.time_budget)
    print(format_summary(summary))
    return 0


def register(sub) -> None:
    p = sub.add_parser("execute", help="run completions; write MultiPL-E result files and a pass@1 summary",
                       description=__doc__)
    p.add_argument("--multipl-e-dir", metavar="DIR", help="directory of MultiPL-E completion files (*.json.gz)")
    p.add_argument("--benchmark", help="benchmark of the --completions rows (multipl-e, humaneval-x, ...)")
    p.add_argument("--language", help="language of the --completions rows")
    p.add_argument("--completions", metavar="FILE", help="JSONL of {\"problem\": task_id, \"completion\": ...}")
    p.add_argument("--output", "-o", metavar="DIR", required=True, help="where result files and summary.json go")
    p.add_argument("--workers", type=int, default=None, help="parallel programs (default: CPU count)")
    p.add_argument("--timeout", type=float, default=None, help="run-step timeout in seconds (default: per language)")
    p.add_argument("--isolation", choices=("warm", "process"), default=None,
                   help="execution mode (default: lrcg.execution's default; process is the reference)")
    add_time_budget_argument(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
