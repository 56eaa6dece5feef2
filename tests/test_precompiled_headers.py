"""C++ harness includes precompiled: only leading system includes qualify, and verdicts are the same with
and without the precompiled header, in both modes."""
from __future__ import annotations

import pytest

from conftest import hand_written_program, needs_toolchain
from lrcg.execution import Program, precompiled_headers, resolve_tool, run_programs
from lrcg.execution.languages import get_language


def test_only_leading_system_includes_qualify():
    source = "#include<assert.h>\n#include <bits/stdc++.h>\n#include<vector>\nint x;\n#include<map>\n"
    assert precompiled_headers.harness_includes(source) == ("#include<assert.h>", "#include <bits/stdc++.h>",
                                                            "#include<vector>")
    assert precompiled_headers.harness_includes('#include "local.h"\n#include<vector>\n') == ()
    assert precompiled_headers.harness_includes("#include<../../etc/passwd>\n") == ()
    assert precompiled_headers.harness_includes("#include</etc/passwd>\n") == ()


def test_other_languages_and_programs_without_includes_compile_as_before():
    argv = ["g++", "-std=c++17", "-O0", "p.cpp", "-o", "p"]
    assert precompiled_headers.compile_command(get_language("cpp"), argv, "int main() {}\n") == argv
    c_argv = ["gcc", "-std=c11", "p.c", "-o", "p"]
    assert precompiled_headers.compile_command(get_language("c"), c_argv, "#include<stdio.h>\nint main(){}\n") == c_argv


@pytest.mark.parametrize("isolation", ["process", "warm"])
def test_same_verdicts_with_and_without_the_precompiled_header(monkeypatch, isolation):
    needs_toolchain("cpp")
    cases = ["add.correct", "add.wrong", "failure.syntax", "failure.runtime"]
    programs = [Program("cpp", hand_written_program("cpp", c)) for c in cases]
    argv = [resolve_tool("g++"), "-std=c++17", "-O0"]
    monkeypatch.setattr(precompiled_headers, "BUILD_AFTER_USES", 1)
    assert precompiled_headers.precompiled_header(get_language("cpp"), argv, programs[0].source), "no PCH built"
    with_pch = [o.status for o in run_programs(programs, workers=2, isolation=isolation, progress=False)]
    monkeypatch.setattr(precompiled_headers, "ENABLED", False)
    without = [o.status for o in run_programs(programs, workers=2, isolation=isolation, progress=False)]
    assert with_pch == without == ["OK", "AssertionError", "SyntaxError", "Exception"]
