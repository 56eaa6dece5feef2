"""The languages table: aliases, the status rules of SPEC.md, Java class names, install hints."""
from __future__ import annotations

import pytest

from lrcg.errors import LrcgError
from lrcg.execution.languages import (ASSERTION_ERROR, EXCEPTION, LANGUAGES, OK, SYNTAX_ERROR, TIMEOUT, get_language,
                            java_main_class, judge, parse_languages, source_filename)

ALL = ("py", "js", "ts", "cpp", "c", "java", "go", "lua", "r", "rkt", "jl")


def test_every_language_is_in_the_table():
    assert set(LANGUAGES) == set(ALL)


@pytest.mark.parametrize("alias,name", [("racket", "rkt"), ("rkt", "rkt"), ("julia", "jl"), ("jl", "jl"),
                                        ("python", "py"), ("Python", "py"), ("javascript", "js"),
                                        ("typescript", "ts"), ("c++", "cpp"), ("golang", "go"), ("R", "r")])
def test_aliases(alias, name):
    assert get_language(alias).name == name


def test_unknown_language_lists_the_valid_ones():
    with pytest.raises(LrcgError) as e:
        get_language("cobol")
    assert "'cobol'" in str(e.value) and "rkt" in str(e.value) and "jl" in str(e.value)


def test_parse_languages_keeps_order_and_drops_duplicates():
    assert [lang.name for lang in parse_languages("r,racket,rkt, jl")] == ["r", "rkt", "jl"]


def test_multipl_e_timeouts():
    assert get_language("r").timeout == 5 and get_language("jl").timeout == 5
    assert get_language("go").timeout == 30
    assert all(get_language(n).timeout == 15 for n in ("py", "js", "ts", "cpp", "c", "java", "lua", "rkt"))


def test_install_hints_name_a_package():
    for lang in LANGUAGES.values():
        assert lang.install_hint, lang.name
    assert "golang-github-stretchr-testify-dev" in get_language("go").install_hint
    assert "lua-unit" in get_language("lua").install_hint


def _judge(name, **kw):
    args = dict(timed_out=False, compile_failed=False, exit_code=0, stdout="", stderr="")
    args.update(kw)
    return judge(get_language(name), **args)


def test_status_rules():
    assert _judge("py") == OK
    assert _judge("py", timed_out=True, exit_code=None) == TIMEOUT
    assert _judge("cpp", compile_failed=True, exit_code=1) == SYNTAX_ERROR
    assert _judge("py", exit_code=1, stderr="SyntaxError: invalid syntax") == SYNTAX_ERROR
    assert _judge("py", exit_code=1, stderr="AssertionError") == ASSERTION_ERROR
    assert _judge("py", exit_code=1, stderr="ZeroDivisionError") == EXCEPTION
    # Racket: rackunit prints failures and still exits 0; OK needs empty stderr
    assert _judge("rkt", stderr="--------------------\nFAILURE\n") == ASSERTION_ERROR
    assert _judge("rkt", stdout="anything") == OK
    # console.assert (HumanEval-X JavaScript) prints and exits 0
    assert _judge("js", stderr="Assertion failed") == ASSERTION_ERROR
    assert _judge("r", exit_code=1, stderr="Error: unexpected ')' in") == SYNTAX_ERROR
    assert _judge("go", exit_code=1, stdout="FAIL\tcommand-line-arguments [build failed]") == SYNTAX_ERROR
    assert _judge("go", exit_code=1, stdout="--- FAIL: TestAdd") == ASSERTION_ERROR
    # more than the disk limit left in the directory fails even after exit 0, compile steps included
    assert _judge("py", over_disk_limit=True) == EXCEPTION
    assert _judge("c", compile_failed=True, over_disk_limit=True) == EXCEPTION


def test_java_class_names():
    humaneval_x = "class Solution {\n int f() { return 1; }\n}\npublic class Main {\n public static void main(String[] a) {}\n}"
    assert java_main_class(humaneval_x) == "Main"
    multipl_e = "import java.util.*;\nclass Problem {\n public static void main(String[] args) {}\n}"
    assert java_main_class(multipl_e) == "Problem"
    assert source_filename(get_language("java"), humaneval_x) == "Main.java"
    assert source_filename(get_language("go"), "package main") == "main_test.go"


def test_missing_toolchain_error_names_the_install_command(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(LrcgError, match="apt-get install racket"):
        get_language("rkt").check_toolchain()
