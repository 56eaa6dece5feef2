"""Developer check of HumanEval-C problem files, without the sandbox (fast feedback while writing them).

    .venv/bin/python scripts/humaneval_c/check.py [N ...]

For each problem: the canonical solution must compile with gcc -std=c11 -Wall -Werror and pass under
-fsanitize=address,undefined; the wrong body must compile and fail. The tests do the same through lrcg.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import make_humaneval_c as mk  # noqa: E402

FLAGS = ["-std=c11", "-Wall", "-Werror", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]


def run(source: str) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as d:
        Path(d, "p.c").write_text(source)
        c = subprocess.run(["gcc", *FLAGS, "p.c", "-o", "p", "-lm"], cwd=d, capture_output=True, text=True)
        if c.returncode:
            return "compile", c.stderr[-1500:]
        try:
            r = subprocess.run(["./p"], cwd=d, capture_output=True, text=True, timeout=20)
        except subprocess.TimeoutExpired:
            return "timeout", ""
        return ("ok" if r.returncode == 0 else "fail"), r.stderr[-1500:]


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
