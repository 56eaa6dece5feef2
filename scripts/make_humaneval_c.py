"""Regenerate HumanEval-C (lrcg/data/humaneval-c/) from HumanEval-X C++ and the hand-written problem files.

    .venv/bin/python scripts/make_humaneval_c.py            # writes humaneval-c.jsonl and excluded.csv
    .venv/bin/python scripts/make_humaneval_c.py --check    # exit 1 if the shipped files differ

Each problem n has a file scripts/humaneval_c/problems/<n>.c (n zero-padded to 3 digits) made of sections
that start with a line `//@ <name>`:

    //@ signature      the C function declaration, without `{` (one line)
    //@ canonical      the reference body, ending with the function's closing `}`
    //@ wrong          a trivial wrong body (returns a zero value), which the tests must reject
    //@ test           the test program (a `main` with asserts) that follows the function
    //@ docstring      optional: replaces the docstring taken from the C++ prompt
    //@ notes          optional: what differs from the C++ problem, one paragraph
    //@ helper         optional: code the C++ prompt gives before the function (e.g. is_palindrome for 10)
    //@ excluded       instead of all the above: the reason the problem has no reasonable C form

The docstring comes from the HumanEval-X C++ prompt, reworded for C by cpp_docstring; the prompt is that
docstring as a comment, the fixed C headers (C_HEADERS), and the signature with `{`. Every test starts with
TEST_PRELUDE (assert enabled, array-literal macros) and the comparison helpers it names. Problems with no file
are "not yet done" and are reported, not shipped.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBLEMS_DIR = REPO / "scripts" / "humaneval_c" / "problems"
OUT_DIR = REPO / "lrcg" / "data" / "humaneval-c"
DEFAULT_SOURCE = "humaneval-x/cpp.jsonl.gz"  # under LRCG_DATA_DIR
N_PROBLEMS = 164

C_HEADERS = tuple(f"#include <{h}.h>" for h in ("stdbool", "stddef", "stdint", "stdlib", "string", "stdio", "math",
                                                  "limits", "ctype"))
# A completion is cut at the first of these: they start what follows the function in a C file.
STOP_TOKENS = ("\nint main(", "\n#", "\n/*", "\n//")

TEST_PRELUDE = """\
#undef NDEBUG
#include <assert.h>
/* Array literal plus its length, as two arguments: f(INTS(1, 2, 3)) is f((int[]){1, 2, 3}, 3). */
#define INTS(...) ((int[]){__VA_ARGS__}), (sizeof((int[]){__VA_ARGS__}) / sizeof(int))
#define LONGS(...) ((long long[]){__VA_ARGS__}), (sizeof((long long[]){__VA_ARGS__}) / sizeof(long long))
#define FLOATS(...) ((float[]){__VA_ARGS__}), (sizeof((float[]){__VA_ARGS__}) / sizeof(float))
#define DOUBLES(...) ((double[]){__VA_ARGS__}), (sizeof((double[]){__VA_ARGS__}) / sizeof(double))
#define STRS(...) ((const char *[]){__VA_ARGS__}), (sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *))
"""

# Comparison helpers: each takes a result the function returned (malloc'd), compares it with the expected
# values, and frees it, so tests stay leak-free under LeakSanitizer. Added to a test only when it uses them.
TEST_HELPERS = {
    "same_ints": """\
static inline bool same_ints(int *got, size_t got_len, const int *want, size_t want_len) {
    bool same = got_len == want_len;
    for (size_t i = 0; same && i < want_len; i++) same = got[i] == want[i];
    free(got);
    return same;
}
""",
    "same_longs": """\
static inline bool same_longs(long long *got, size_t got_len, const long long *want, size_t want_len) {
    bool same = got_len == want_len;
    for (size_t i = 0; same && i < want_len; i++) same = got[i] == want[i];
    free(got);
    return same;
}
""",
    "same_floats": """\
static inline bool same_floats(float *got, size_t got_len, const float *want, size_t want_len) {
    bool same = got_len == want_len;
    for (size_t i = 0; same && i < want_len; i++) same = fabsf(got[i] - want[i]) < 1e-4f;
    free(got);
    return same;
}
""",
    "same_doubles": """\
static inline bool same_doubles(double *got, size_t got_len, const double *want, size_t want_len) {
    bool same = got_len == want_len;
    for (size_t i = 0; same && i < want_len; i++) same = fabs(got[i] - want[i]) < 1e-4;
    free(got);
    return same;
}
""",
    "same_strs": """\
static inline bool same_strs(char **got, size_t got_len, const char *const *want, size_t want_len) {
    bool same = got_len == want_len;
    for (size_t i = 0; same && i < want_len; i++) same = strcmp(got[i], want[i]) == 0;
    for (size_t i = 0; i < got_len; i++) free(got[i]);
    free(got);
    return same;
}
""",
    "same_str": """\
static inline bool same_str(char *got, const char *want) {
    bool same = strcmp(got, want) == 0;
    free(got);
    return same;
}
""",
}

SECTION = re.compile(r"^//@ (\w+)[ \t]*(.*)$", re.M)
REQUIRED = ("signature", "canonical", "wrong", "test")
OPTIONAL = ("docstring", "notes", "helper")


def problem_path(n: int) -> Path:
    return PROBLEMS_DIR / f"{n:03d}.c"


def parse_problem_file(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    matches = list(SECTION.finditer(text))
    if not matches or text[: matches[0].start()].strip():
        raise SystemExit(f"{path}: must start with a `//@ <section>` line")
    sections: dict[str, str] = {}
    for m, nxt in zip(matches, matches[1:] + [None]):
        name = m.group(1)
        if name not in REQUIRED + OPTIONAL + ("excluded",):
            raise SystemExit(f"{path}: unknown section {name!r} (valid: {', '.join(REQUIRED + OPTIONAL)}, excluded)")
        if name in sections:
            raise SystemExit(f"{path}: section {name!r} appears twice")
        body = text[m.end() + 1: nxt.start() if nxt else len(text)]
        sections[name] = (m.group(2) + "\n" + body) if m.group(2) else body
    if "excluded" in sections:
        return {"excluded": " ".join(sections["excluded"].split())}
    missing = [s for s in REQUIRED if s not in sections]
    if missing:
        raise SystemExit(f"{path}: missing section {missing[0]!r}")
    return sections


def cpp_docstring(prompt: str, entry_point: str) -> str:
    """The C++ prompt's docstring reworded for C. HumanEval-X rewrote Python's "list" as "vector", also inside
    example calls (incr_list shown as incr_vector); here vector becomes array, and a call whose name contains
    "vector" gets the function's real name."""
    m = re.match(r"\s*/\*\n?(.*?)\*/", prompt, re.S)
    if not m:
        raise SystemExit(f"C++ prompt without a leading /* */ docstring: {prompt[:60]!r}")
    text = m.group(1)
    text = re.sub(r"\b\w*vector\w*(?=\()", entry_point, text)
    text = re.sub(r"\bvectored\b", "listed", text)
    text = re.sub(r"\bvectors\b", "arrays", text)
    text = re.sub(r"\bvector\b", "array", text)
    return re.sub(r"\b([Aa]) array\b", r"\1n array", text)


def build_row(n: int, cpp: dict, sec: dict[str, str]) -> dict:
    signature = sec["signature"].strip()
    if "\n" in signature:
        raise SystemExit(f"{problem_path(n)}: the signature must be one line")
    entry_point = re.search(r"(\w+)\s*\(", signature).group(1)
    docstring = (sec["docstring"].strip("\n") + "\n" if "docstring" in sec
                 else cpp_docstring(cpp["prompt"], entry_point))
    helper = sec["helper"].strip("\n") + "\n" if "helper" in sec else ""
    declaration = "\n".join(C_HEADERS) + "\n" + helper + signature + " {\n"
    test_body = sec["test"].strip("\n") + "\n"
    helpers = "".join(code for name, code in TEST_HELPERS.items() if re.search(rf"\b{name}\(", test_body))
    return {
        "task_id": f"C/{n}",
        "prompt": "/*\n" + docstring + "*/\n" + declaration,
        "canonical_solution": sec["canonical"].strip("\n") + "\n",
        "test": TEST_PRELUDE + helpers + test_body,
        "entry_point": entry_point,
        "declaration": declaration,
        "signature": signature,
        "docstring": docstring,
        "wrong_solution": sec["wrong"].strip("\n") + "\n",
        "stop_tokens": list(STOP_TOKENS),
        "notes": " ".join(sec.get("notes", "").split()),
        "source_task_id": cpp["task_id"],
    }


def generate(source: Path) -> tuple[str, str, list[int]]:
    """(jsonl text, excluded.csv text, numbers not yet done)."""
    with gzip.open(source, "rt", encoding="utf-8") as f:
        cpp_rows = {int(r["task_id"].split("/")[1]): r for r in (json.loads(line) for line in f if line.strip())}
    lines, excluded, todo = [], [], []
    for n in range(N_PROBLEMS):
        path = problem_path(n)
        if not path.exists():
            todo.append(n)
            continue
        sec = parse_problem_file(path)
        if "excluded" in sec:
            excluded.append((f"C/{n}", sec["excluded"]))
            continue
        lines.append(json.dumps(build_row(n, cpp_rows[n], sec), ensure_ascii=False) + "\n")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["task_id", "reason"])
    writer.writerows(excluded)
    return "".join(lines), buf.getvalue(), todo


def default_source() -> Path:
    root = os.environ.get("LRCG_DATA_DIR") or str(REPO.parent / "shared" / "data")
    return Path(root) / DEFAULT_SOURCE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=None, help="HumanEval-X cpp.jsonl.gz (default: $LRCG_DATA_DIR/"
                    + DEFAULT_SOURCE + ")")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = ap.parse_args(argv)
    source = args.source or default_source()
    if not source.exists():
        print(f"error: HumanEval-X C++ file not found: {source}", file=sys.stderr)
        return 2
    jsonl, excluded_csv, todo = generate(source)
    files = {"humaneval-c.jsonl": jsonl, "excluded.csv": excluded_csv}
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
        if stale:
            print(f"out of date: {', '.join(stale)} (run scripts/make_humaneval_c.py)", file=sys.stderr)
            return 1
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            with open(args.out / name, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    n_included = jsonl.count("\n")
    n_excluded = excluded_csv.count("\n") - 1
    print(f"humaneval-c: {n_included} included, {n_excluded} excluded, {len(todo)} not yet done"
          + (f" ({', '.join(map(str, todo[:10]))}{', ...' if len(todo) > 10 else ''})" if todo else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
