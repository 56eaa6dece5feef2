"""The laptop profile: paper A's live study with SmolLM2-135M-Instruct. Languages whose toolchain is missing
(Julia here) are listed as not run, with the reason, instead of failing every sample; 157 common problems."""
from __future__ import annotations

import shutil

from lrcg.benchmarks import common_problem_indices
from lrcg.params import load_profile

PAPER_A = ["java", "py", "jl", "lua", "r", "rkt"]


def test_laptop_profile_runs_paper_a_on_the_common_problems():
    p = load_profile("laptop")
    assert p.models == ("smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf",)
    assert set(p.techniques) == {"baseline", "translation-examples", "translation-rules", "few-shot"}
    assert p.technique_languages == ("r", "rkt")
    for run in p.live["runs"]:
        assert run["common_with"] == PAPER_A and run.get("temperature", 0.0) == 0.0  # greedy
    assert len(common_problem_indices("multipl-e", PAPER_A)) == 157


def test_a_language_without_its_toolchain_is_listed_as_not_run(monkeypatch):
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "julia" else real(name, *a, **k))
    p = load_profile("laptop")
    assert "jl" not in p.languages and all("jl" not in r["languages"] for r in p.live["runs"])
    (lang, reason), = p.not_run
    assert lang == "jl" and "julia not on PATH" in reason and "julialang.org" in reason
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: "/usr/bin/" + name)
    p = load_profile("laptop")
    assert p.not_run == () and "jl" in p.languages and "jl" in p.live["runs"][0]["languages"]
