"""The laptop profiles: paper A's live study with Qwen2.5-Coder-0.5B-Instruct (laptop), SmolLM2-135M-Instruct
(laptop-smollm2) and the model-size ladder (laptop-ladder). Languages whose toolchain is missing
(Julia here) are listed as not run, with the reason, instead of failing every sample; 157 common problems."""
from __future__ import annotations

import shutil

import pytest

from lrcg.benchmarks import common_problem_indices
from lrcg.params import load_profile

PAPER_A = ["java", "py", "jl", "lua", "r", "rkt"]


SMOL = "smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf"
QWEN_05 = "qwen2.5-coder-0.5b-instruct@Qwen2.5-Coder-0.5B-Instruct-AWQ.gguf"
QWEN_15 = "qwen2.5-coder-1.5b-instruct@Qwen2.5-Coder-1.5B-Instruct.Q4_K.gguf"


@pytest.mark.parametrize("profile, model", [("laptop", QWEN_05), ("laptop-smollm2", SMOL)])
def test_laptop_profile_runs_paper_a_on_the_common_problems(profile, model):
    p = load_profile(profile)
    assert p.models == (model,) and {r["model"] for r in p.live["runs"]} == {model}
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


def test_the_ladder_runs_every_size_alike_at_paper_a_s_token_limit():
    ladder = load_profile("laptop-ladder")
    assert ladder.models == (SMOL, QWEN_05, QWEN_15)
    assert ladder.source == load_profile("laptop").source == load_profile("laptop-smollm2").source
    runs = {r["model"]: r for r in ladder.live["runs"] if r["technique"] == "baseline"}
    assert set(runs) == set(ladder.models)
    assert {r["max_new_tokens"] for r in ladder.live["runs"]} == {1024}  # paper A's; the laptop profile's 384 cuts code off
    # the same settings but the model and its rows, so the sizes differ only by the model
    same = lambda r: {k: v for k, v in r.items() if k not in ("model", "batch_size")}  # noqa: E731
    assert same(runs[SMOL]) == same(runs[QWEN_05]) == same(runs[QWEN_15])
    assert runs[QWEN_05]["common_with"] == PAPER_A
    # one technique, on the 1.5B only: its baseline's settings but the technique and Table III's languages
    (rules,) = [r for r in ladder.live["runs"] if r["technique"] != "baseline"]
    assert rules == {**runs[QWEN_15], "technique": "translation-rules", "languages": ["r", "rkt"]}
    assert ladder.techniques == ("baseline", "translation-rules") and ladder.technique_languages == ("r", "rkt")


def test_the_ladder_slice_is_the_ladder_on_fewer_problems():
    """laptop-ladder-32's samples are laptop-ladder's own (same runs, but `limit`), so the full ladder resumes from
    them; and the slice's languages share problems to compare on."""
    ladder, part = load_profile("laptop-ladder"), load_profile("laptop-ladder-32")
    assert part.models == ladder.models and part.source == ladder.source and part.output_dir != ladder.output_dir
    assert [{k: v for k, v in r.items() if k != "limit"} for r in part.live["runs"]] == ladder.live["runs"]
    assert {r["limit"] for r in part.live["runs"]} == {32}
    import json

    from lrcg.benchmarks import load_benchmark
    from lrcg.spec import run_spec

    selects, whole = part.of_live_runs(), ladder.of_live_runs()
    run = part.live["runs"][1]
    keyed = json.dumps(run_spec(**run).decoding.settings(chat=True, model_fields={"quantization": None,
                                                                                  "dtype": "bfloat16"}, stop=[]))
    problems = sorted(load_benchmark("multipl-e", "rkt"), key=lambda p: p.index)  # the slice: the first 32 by number
    row = lambda problem, settings=keyed: {"model": QWEN_05, "adapter": "", "technique": "baseline",  # noqa: E731
                                           "benchmark": "multipl-e", "language": "rkt", "problem": problem,
                                           "sample": 0, "settings": settings}
    first, last = problems[0].task_id, problems[-1].task_id
    assert selects(row(first)) and whole(row(first)) and whole(row(last)) and not selects(row(last))
    assert not whole(row(first, keyed.replace("1024", "384")))  # the laptop profile's 384-token samples


def test_bf16_runs_fall_back_to_fp32_on_a_cpu_without_native_bf16(monkeypatch):
    from lrcg import hardware

    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "nvidia-smi" else real(name, *a, **k))
    monkeypatch.setattr(hardware, "cpu_bf16", lambda flags=None: True)
    native = load_profile("laptop")
    assert {r["dtype"] for r in native.live["runs"]} == {"bfloat16"} and native.adjusted == ()
    monkeypatch.setattr(hardware, "cpu_bf16", lambda flags=None: False)
    avx2 = load_profile("laptop")
    assert {r["dtype"] for r in avx2.live["runs"]} == {"float32"}
    assert len(avx2.adjusted) == 4 and "no native bf16" in avx2.adjusted[0]
    assert load_profile("laptop-smollm2").adjusted == ()  # it never asked for bf16
