"""`lrcg execute`: MultiPL-E directories and {problem, completion} JSONL in, result files that MultiPL-E's
own pass_k.py reads out; every kind of bad input is a one-line error (exit 2, no traceback)."""
from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import needs_toolchain
from lrcg.benchmarks import load_benchmark
from lrcg.cli import main


# --- MultiPL-E's pass_k.py reading logic (nuprl/MultiPL-E, pass_k.py: estimator, for_file and the
# directory glob; BSD-3-Clause), reimplemented so the test checks exactly what that script reads.
def multipl_e_estimator(n: int, c: int, k: int) -> float:
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


def multipl_e_for_file(path: Path) -> dict:
    with (gzip.open(path, "rt") if path.suffix == ".gz" else open(path)) as f:
        data = json.load(f)
    n = len(data["results"])
    c = len([True for r in data["results"] if r["status"] == "OK" and r["exit_code"] == 0])
    return {"pass@1": multipl_e_estimator(n, c, 1), "n": n,
            "temperature": data["temperature"] if "temperature" in data else 0.2}


def multipl_e_pass_1(directory: Path) -> tuple[float, int]:
    files = itertools.chain(directory.glob("*.results.json"), directory.glob("*.results.json.gz"))
    results = [multipl_e_for_file(p) for p in files]
    assert len({r["temperature"] for r in results}) == 1
    return float(np.mean([r["pass@1"] for r in results])), len(results)
# ---


def _completion_file(path: Path, problem, completions: list[str], gz: bool = True) -> None:
    data = {"name": problem.task_id, "language": problem.language, "temperature": 0.2, "top_p": 0.95,
            "max_tokens": 512, "prompt": problem.prompt, "tests": problem.tests,
            "stop_tokens": list(problem.stop_tokens), "completions": completions}
    if gz:
        with gzip.open(path, "wt") as f:
            json.dump(data, f)
    else:
        path.write_text(json.dumps(data))


def test_multipl_e_directory_round_trip(data_dir, tmp_path, capsys):
    needs_toolchain("lua")
    needs_toolchain("py")
    (lua_add,) = load_benchmark("multipl-e", "lua", problems=["HumanEval_53_add"])
    (lua_len,) = load_benchmark("multipl-e", "lua", problems=["HumanEval_23_strlen"])
    (py_add,) = load_benchmark("multipl-e", "py", problems=["HumanEval_53_add"])
    src = tmp_path / "completions"
    src.mkdir()
    _completion_file(src / "HumanEval_53_add.json.gz", lua_add,
                     ["    return x + y\nend\n", "    return x - y\nend\n", "    return x + y\nend\n", "    return (\nend\n"])
    _completion_file(src / "HumanEval_23_strlen.json", lua_len, ["    return #string\nend\n"], gz=False)
    (src / "py").mkdir()
    _completion_file(src / "py" / "HumanEval_53_add.json.gz", py_add, ["    return x + y\n", "    return 0\n"])
    out = tmp_path / "results"
    assert main(["execute", "--multipl-e-dir", str(src), "--output", str(out), "--workers", "2", "--no-progress",
                 "--isolation", "process"]) == 0
    assert main(["execute", "--multipl-e-dir", str(src / "py"), "--output", str(tmp_path / "py"), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "lua" in printed and "pass@1" in printed

    files = sorted(p.name for p in out.iterdir())
    assert files == ["HumanEval_23_strlen.results.json.gz", "HumanEval_53_add.results.json.gz", "summary.json"]
    with gzip.open(out / "HumanEval_53_add.results.json.gz", "rt") as f:
        data = json.load(f)
    assert "completions" not in data
    assert data["name"] == "HumanEval_53_add" and data["language"] == "lua" and data["temperature"] == 0.2
    assert data["prompt"] == lua_add.prompt and data["tests"] == lua_add.tests
    assert [r["status"] for r in data["results"]] == ["OK", "AssertionError", "OK", "SyntaxError"]
    for r, completion in zip(data["results"], ["    return x + y\nend\n", "    return x - y\nend\n"]):
        assert set(r) >= {"program", "stdout", "stderr", "exit_code", "status"}
        assert r["program"] == lua_add.prompt + completion + "\n" + lua_add.tests
    assert data["results"][0]["exit_code"] == 0 and data["results"][1]["exit_code"] != 0

    # MultiPL-E's pass_k.py: mean over problems of per-problem pass@1 = mean(2/4, 1/1)
    pass_1, problems = multipl_e_pass_1(out)
    assert problems == 2 and pass_1 == pytest.approx((2 / 4 + 1) / 2)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["languages"]["lua"]["pass@1"] == pytest.approx(pass_1)
    assert summary["languages"]["lua"]["samples"] == 5
    assert multipl_e_pass_1(tmp_path / "py") == (pytest.approx(0.5), 1)


def test_jsonl_for_a_named_benchmark(data_dir, tmp_path):
    needs_toolchain("py")
    rows = [{"problem": "Python/53", "completion": "    return x + y\n"},
            {"problem": "Python/53", "completion": "    return x\n"},
            {"problem": "Python/23", "completion": "    return len(string)\n"}]
    src = tmp_path / "completions.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    assert main(["execute", "--benchmark", "humaneval-x", "--language", "python", "--completions", str(src),
                 "--output", str(out), "--no-progress", "--isolation", "process"]) == 0
    assert sorted(p.name for p in out.glob("*.results.json.gz")) == ["Python_23.results.json.gz",
                                                                     "Python_53.results.json.gz"]
    pass_1, problems = multipl_e_pass_1(out)
    assert (pass_1, problems) == (pytest.approx(0.75), 2)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["languages"]["py"]["statuses"] == {"AssertionError": 1, "OK": 2}


def _error(capsys, argv, code=2) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _jsonl(tmp_path, text: str) -> str:
    path = tmp_path / "c.jsonl"
    path.write_text(text)
    return str(path)


def test_unknown_language(data_dir, tmp_path, capsys):
    err = _error(capsys, ["execute", "--benchmark", "multipl-e", "--language", "cobol", "--completions",
                          _jsonl(tmp_path, "{}\n"), "-o", str(tmp_path / "o")])
    assert "unknown language 'cobol' (valid:" in err and "rkt" in err


def test_unknown_benchmark(data_dir, tmp_path, capsys):
    err = _error(capsys, ["execute", "--benchmark", "mbpp", "--language", "py", "--completions",
                          _jsonl(tmp_path, "{}\n"), "-o", str(tmp_path / "o")])
    assert "unknown benchmark 'mbpp' (valid:" in err and "humaneval-x" in err


def test_missing_data_dir(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LRCG_DATA_DIR", str(tmp_path / "no-such-dir"))
    err = _error(capsys, ["execute", "--benchmark", "humaneval-x", "--language", "py", "--completions",
                          _jsonl(tmp_path, '{"problem": "Python/0", "completion": ""}\n'), "-o", str(tmp_path / "o")])
    assert "no-such-dir" in err and "not a directory" in err


def test_malformed_jsonl_line_names_file_and_line(data_dir, tmp_path, capsys):
    path = _jsonl(tmp_path, '{"problem": "Python/0", "completion": "  pass\\n"}\n{"problem": oops}\n')
    err = _error(capsys, ["execute", "--benchmark", "humaneval-x", "--language", "py", "--completions", path,
                          "-o", str(tmp_path / "o")])
    assert f"{path}:2: not valid JSON" in err


def test_row_without_completion_field(data_dir, tmp_path, capsys):
    path = _jsonl(tmp_path, '{"problem": "Python/0"}\n')
    err = _error(capsys, ["execute", "--benchmark", "humaneval-x", "--language", "py", "--completions", path,
                          "-o", str(tmp_path / "o")])
    assert f"{path}:1:" in err and "'completion'" in err


def test_completion_for_a_nonexistent_problem(data_dir, tmp_path, capsys):
    path = _jsonl(tmp_path, '{"problem": "Python/0", "completion": ""}\n{"problem": "Python/999", "completion": ""}\n')
    err = _error(capsys, ["execute", "--benchmark", "humaneval-x", "--language", "py", "--completions", path,
                          "-o", str(tmp_path / "o")])
    assert f"{path}:2: no problem 'Python/999' in humaneval-x/py (valid: Python/0, Python/1" in err


def test_missing_toolchain_names_the_package(data_dir, tmp_path, capsys, monkeypatch):
    path = _jsonl(tmp_path, '{"problem": "HumanEval_53_add", "completion": "  return x + y\\nend\\n"}\n')
    monkeypatch.setenv("PATH", "/nonexistent")
    err = _error(capsys, ["execute", "--benchmark", "multipl-e", "--language", "lua", "--completions", path,
                          "-o", str(tmp_path / "o")])
    assert "Lua toolchain missing" in err and "apt-get install lua5.4 lua-unit" in err


def test_bad_multipl_e_directory(tmp_path, capsys):
    err = _error(capsys, ["execute", "--multipl-e-dir", str(tmp_path / "missing"), "-o", str(tmp_path / "o")])
    assert "not a directory of MultiPL-E completion files" in err
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.json").write_text('{"name": "x", "language": "cobol", "prompt": "", "tests": "", "completions": []}')
    err = _error(capsys, ["execute", "--multipl-e-dir", str(tmp_path / "d"), "-o", str(tmp_path / "o")])
    assert "x.json: unknown language 'cobol'" in err
    (tmp_path / "d" / "x.json").write_text('{"name": "x"')
    err = _error(capsys, ["execute", "--multipl-e-dir", str(tmp_path / "d"), "-o", str(tmp_path / "o")])
    assert "x.json: not a valid JSON file" in err


def test_mixing_the_two_inputs_is_an_error(tmp_path, capsys):
    err = _error(capsys, ["execute", "--multipl-e-dir", str(tmp_path), "--language", "py", "-o", str(tmp_path / "o")])
    assert "--multipl-e-dir takes no" in err


def test_two_languages_with_the_same_problem_name_are_refused(data_dir, tmp_path, capsys):
    src = tmp_path / "mixed"
    src.mkdir()
    for lang in ("lua", "r"):
        (p,) = load_benchmark("multipl-e", lang, problems=["HumanEval_53_add"])
        _completion_file(src / f"{lang}.json.gz", p, ["x"])
    err = _error(capsys, ["execute", "--multipl-e-dir", str(src), "-o", str(tmp_path / "o")])
    assert "two problems named 'HumanEval_53_add'" in err
