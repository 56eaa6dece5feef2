"""Developer check of HumanEval-C problem files, without the sandbox (fast feedback while writing them).

    .venv/bin/python scripts/humaneval_c/check.py [N ...]

For each problem: the canonical solution must compile with gcc -std=c11 -Wall -Werror and pass under
-fsanitize=address,undefined; the wrong body must compile and fail. The tests do the same through lrcg.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import make_humaneval_c as mk  # noqa: E402

FLAGS = ["-std=c11", "-Wall", "-Werror", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
# LeakSanitizer on: tests free what the functions return (the same_* helpers do).
SANITIZER_ENV = {"ASAN_OPTIONS": "detect_leaks=1", "UBSAN_OPTIONS": "print_stacktrace=1"}


def run(source: str) -> tuple[str, str]:
    """("ok" | "compile" | "fail" | "timeout", the tail of the compiler's or the program's stderr)."""
    with tempfile.TemporaryDirectory() as d:
        Path(d, "p.c").write_text(source)
        c = subprocess.run(["gcc", *FLAGS, "p.c", "-o", "p", "-lm"], cwd=d, capture_output=True, text=True)
        if c.returncode:
            return "compile", c.stderr[-1500:]
        try:
            r = subprocess.run(["./p"], cwd=d, capture_output=True, text=True, timeout=20,
                               env={**os.environ, **SANITIZER_ENV})
        except subprocess.TimeoutExpired:
            return "timeout", ""
        return ("ok" if r.returncode == 0 else "fail"), r.stderr[-1500:]


def defined_functions(declaration: str) -> list[str]:
    """Names of the functions a prompt's declaration defines or declares at top level (helpers, entry point)."""
    return re.findall(r"^[A-Za-z_][\w \t*]*?\b(\w+)\s*\(", declaration, re.M)


def run_together(programs: list[tuple[str, str, list[str]]], workers: int | None = None) -> tuple[str, str]:
    """Like `run` for many programs at once, much faster: each (tag, source, global names) is compiled as its
    own translation unit with its global names and `main` renamed by tag, and all are linked into one
    sanitized binary whose `main` runs them in turn. ("ok" | "compile" | "fail" | "timeout", log); a
    failure names the tag (compile) or the renamed function (run)."""
    with tempfile.TemporaryDirectory() as d:
        def compile_one(item: tuple[str, str, list[str]]) -> tuple[str, int, str]:
            tag, source, names = item
            Path(d, f"{tag}.c").write_text(source)
            renames = [f"-D{name}={name}_{tag}" for name in names] + [f"-Dmain=main_{tag}"]
            c = subprocess.run(["gcc", *FLAGS, *renames, "-c", f"{tag}.c", "-o", f"{tag}.o"], cwd=d,
                               capture_output=True, text=True)
            return tag, c.returncode, c.stderr[-1500:]

        with ThreadPoolExecutor(workers or os.cpu_count() or 1) as ex:
            compiled = list(ex.map(compile_one, programs))
        errors = [f"{tag}: {err}" for tag, code, err in compiled if code]
        if errors:
            return "compile", "\n".join(errors)
        tags = [tag for tag, _, _ in programs]
        driver = "".join(f"int main_{t}(void);\n" for t in tags) + "int main(void) {\n" + "".join(
            f"    if (main_{t}() != 0) return 1;\n" for t in tags) + "    return 0;\n}\n"
        Path(d, "driver.c").write_text(driver)
        objects = [f"{t}.o" for t in tags]
        c = subprocess.run(["gcc", *FLAGS, "driver.c", *objects, "-o", "all", "-lm"], cwd=d, capture_output=True,
                           text=True)
        if c.returncode:
            return "compile", c.stderr[-3000:]
        try:
            r = subprocess.run(["./all"], cwd=d, capture_output=True, text=True, timeout=120,
                               env={**os.environ, **SANITIZER_ENV})
        except subprocess.TimeoutExpired:
            return "timeout", ""
        return ("ok" if r.returncode == 0 else "fail"), r.stderr[-3000:]


def check(n: int, cpp: dict) -> str:
    path = mk.problem_path(n)
    if not path.exists():
        return f"{n}: not yet done"
    sec = mk.parse_problem_file(path)
    if "excluded" in sec:
        return f"{n}: excluded"
    row = mk.build_row(n, cpp, sec)
    good, err = run(row["prompt"] + row["canonical_solution"] + "\n" + row["test"])
    bad, err2 = run(row["prompt"] + row["wrong_solution"] + "\n" + row["test"])
    ok = good == "ok" and bad in ("fail",)
    msg = f"{n}: {'OK' if ok else 'PROBLEM'} canonical={good} wrong={bad}"
    if good != "ok":
        msg += "\n" + err
    if bad != "fail":
        msg += "\n" + err2
    return msg


def main() -> int:
    with gzip.open(mk.default_source(), "rt") as f:
        rows = {int(r["task_id"].split("/")[1]): r for r in (json.loads(x) for x in f)}
    wanted = [int(a) for a in sys.argv[1:]] or list(range(mk.N_PROBLEMS))
    with ThreadPoolExecutor(4) as ex:
        results = list(ex.map(lambda n: check(n, rows[n]), wanted))
    print("\n".join(results))
    return 0 if all(" OK " in r or r.endswith(("not yet done", "excluded")) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
