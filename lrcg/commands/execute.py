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


def execute_jobs(jobs: list[ProblemJob], output_dir: str | Path, *, policy=None, timeout: float | None = None,
                 progress: bool = True) -> dict[str, Any]:
    """Run every sample of every job over one work queue under `policy` (an `execution.judge.ExecutionPolicy`;
    default: warm, reference budget), write result files, return the summary."""
    from ..analysis.passk import PassSummary
    from ..execution import Program
    from ..execution.judge import ExecutionPolicy, judge_programs
    from ..execution.multiple_io import result_entry, result_file_path, write_json_file, write_result_file

    policy = policy or ExecutionPolicy()
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
    outcomes = iter(judge_programs(programs, policy, canonical=canonical, progress=progress))
    judged: dict[str, list[tuple[str, str, str]]] = {}  # language -> (problem, status, time budget)
    problems: Counter = Counter()
    for job in jobs:
        results = []
        for source in job.programs:
            o = next(outcomes)
            judged.setdefault(job.language, []).append((job.name, o.status, o.time_budget))
            results.append(result_entry(source, o.status, o.exit_code, o.stdout, o.stderr))
        write_result_file(output_dir, job.fields, results)
        problems[job.language] += 1
    summary = {"output_dir": str(output_dir), "languages": {}}
    for lang in sorted(problems):
        s = PassSummary.of(judged.get(lang, []))
        summary["languages"][lang] = {
            "problems": problems[lang], "samples": s.executed, "passed": s.passed,
            "pass@1": s.pass_at_1 if s.executed else 0.0, "statuses": s.statuses,
            "time_budget": s.time_budget,  # the policy that judged the outcomes
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


def run(args) -> int:
    from .options import policy_from_args

    if args.multipl_e_dir:
        if args.completions or args.benchmark or args.language:
            raise LrcgError("--multipl-e-dir takes no --completions/--benchmark/--language (the files name their language)")
        jobs = jobs_from_multipl_e_dir(args.multipl_e_dir)
    else:
        if not (args.completions and args.benchmark and args.language):
            raise LrcgError("give either --multipl-e-dir DIR, or --benchmark, --language and --completions together")
        jobs = jobs_from_jsonl(args.benchmark, args.language, args.completions)
    summary = execute_jobs(jobs, args.output, policy=policy_from_args(args), timeout=args.timeout,
                           progress=not args.no_progress)
    print(format_summary(summary))
    return 0


def register(sub) -> None:
    from .options import add_policy_arguments

    p = sub.add_parser("execute", help="run completions; write MultiPL-E result files and a pass@1 summary",
                       description=__doc__)
    p.add_argument("--multipl-e-dir", metavar="DIR", help="directory of MultiPL-E completion files (*.json.gz)")
    p.add_argument("--benchmark", help="benchmark of the --completions rows (multipl-e, humaneval-x, ...)")
    p.add_argument("--language", help="language of the --completions rows")
    p.add_argument("--completions", metavar="FILE", help="JSONL of {\"problem\": task_id, \"completion\": ...}")
    p.add_argument("--output", "-o", metavar="DIR", required=True, help="where result files and summary.json go")
    p.add_argument("--timeout", type=float, default=None, help="run-step timeout in seconds (default: per language)")
    add_policy_arguments(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
