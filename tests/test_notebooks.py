"""Notebooks and profiles: the paper profile end to end through papermill, the smoke profile (slow),
bad parameters, notebooks stored clean, and a light `import lrcg`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from lrcg.errors import LrcgError
from lrcg.params import available_notebooks, available_profiles, load_profile, notebooks_for, profile_from_dict
from lrcg.analysis.published import published_wide
from lrcg.reproduce import _execute, check_outputs, expected_files, reproduce

from conftest import REPO, needs_toolchain

NOTEBOOKS = REPO / "notebooks"


def write_profile(tmp_path: Path, **values) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


def test_notebooks_are_numbered_clean_and_parameterised():
    names = available_notebooks()
    assert names[:6] == ["00_live_run", "01_pass_at_1_by_language", "02_language_odds_ratios",
                         "03_low_resource_techniques", "04_codem_transfer", "05_transfer_correlations"]
    for name in names:
        nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), f"{name} has outputs"
        # nbformat 4.5 cell ids: without them every papermill run warns (MissingIDFieldWarning) and adds them
        ids = [c.get("id") for c in nb["cells"]]
        assert (nb["nbformat"], nb["nbformat_minor"]) >= (4, 5) and all(ids) and len(set(ids)) == len(ids), name
        tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1 and "profile = " in "".join(tagged[0]["source"]), name


def test_every_shipped_profile_validates():
    assert {"paper", "smoke", "deepseek-1.3b", "paper-a-full", "codem-7b"} <= set(available_profiles())
    for name in available_profiles():
        load_profile(name)


@pytest.mark.slow  # ~20 s on an idle 2-core machine (five kernels), more under load
def test_paper_profile_end_to_end_through_papermill(tmp_path):
    files = reproduce("paper", output_dir=str(tmp_path / "out"), log=lambda *_: None)
    assert files == expected_files(load_profile("paper", output_dir=str(tmp_path / "out")))
    assert len(files) >= 30 and all(f.stat().st_size > 0 for f in files)
    assert {f.suffix for f in files} == {".csv", ".md", ".tex", ".png", ".pdf", ".ipynb"}
    out = tmp_path / "out"
    # The written Figure 4 matrices are df.corr() / df.T.corr() of the shipped CodeM Table 1's monolingual rows.
    mono = published_wide("zan2023_codem_table1").drop(index=["StarCoder 7B", "CODEM-Mixed"])
    a = pd.read_csv(out / "figure4a_language_correlations.csv", index_col=0)
    b = pd.read_csv(out / "figure4b_model_correlations.csv", index_col=0)
    assert a.shape == (7, 7) and b.shape == (8, 8)
    assert a.to_numpy() == pytest.approx(mono.corr().to_numpy())
    assert b.to_numpy() == pytest.approx(mono.T.corr().to_numpy())
    table1 = pd.read_csv(out / "table1_pass_at_1.csv", index_col=0)
    assert table1.loc["DS-1B", "Python"] == 61.3
    assert "\\toprule" in (out / "table1_pass_at_1.tex").read_text()
    assert "**" in (out / "table3_techniques.md").read_text()  # best technique in bold
    executed = json.loads((out / "notebooks" / "01_pass_at_1_by_language.ipynb").read_text())
    assert any(c.get("outputs") for c in executed["cells"] if c["cell_type"] == "code")
    (out / "table1_pass_at_1.png").write_bytes(b"")
    with pytest.raises(LrcgError, match="table1_pass_at_1.png"):
        check_outputs(load_profile("paper", output_dir=str(out)))


@pytest.mark.parametrize("bad,message", [
    ({"colour": "red"}, r"unknown key 'colour' \(valid: alpha, .*languages, .*models"),
    ({"models": ["DS-1B", "GPT-9"]}, r"models: unknown model 'GPT-9' \(valid: CL-13B, CL-7B, Copilot, DS-1B"),
    ({"languages": ["py", "cobol"]}, r"languages: unknown language 'cobol' \(valid: c, cpp, go, java, jl"),
    ({"techniques": ["magic"]}, r"techniques: unknown technique 'magic' \(valid: baseline"),
    ({"notebooks": ["99_nope"]}, r"notebooks: unknown notebook '99_nope' \(valid: 00_live_run"),
])
def test_bad_profile_names_key_and_valid_values(tmp_path, bad, message):
    path = write_profile(tmp_path, source="published", **bad)
    with pytest.raises(LrcgError, match=message):
        load_profile(path)
    with pytest.raises(LrcgError, match=message):
        reproduce(path, output_dir=str(tmp_path / "out"), log=lambda *_: None)


def test_bad_parameter_stops_papermill_naming_notebook_cell_and_valid_values(tmp_path):
    path = write_profile(tmp_path, source="published", languages=["py", "klingon"])
    name, _, error = _execute("01_pass_at_1_by_language", str(tmp_path / "run.ipynb"), {"profile": str(path)})
    assert error is not None
    assert "notebook 01_pass_at_1_by_language failed at cell" in error
    assert "load_profile" in error and "unknown language 'klingon' (valid: c, cpp" in error


def test_live_profile_models_must_be_among_its_runs():
    raw = {"source": "runs/x/results.sqlite", "models": ["runs/x/other"],
           "live": {"runs": [{"model": "runs/x/tiny", "benchmark": "multipl-e", "languages": ["r"]}]}}
    with pytest.raises(LrcgError, match=r"unknown model '.*runs/x/other' \(valid: .*runs/x/tiny\)"):
        profile_from_dict(raw)
    raw["models"] = ["runs/x/tiny"]
    raw["live"]["runs"][0]["temprature"] = 0.2
    with pytest.raises(LrcgError, match=r"live.runs: unknown key 'temprature' \(valid: .*temperature"):
        profile_from_dict(raw)


def test_cli_reports_unknown_profile_on_one_line():
    r = subprocess.run([sys.executable, "-m", "lrcg", "reproduce", "--profile", "nope"], capture_output=True,
                       text=True, cwd=REPO)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("lrcg reproduce: error: unknown profile 'nope' (valid: ")


def test_import_lrcg_stays_light():
    # the analysis notebooks' imports, and every file of lrcg.generation and its backends (heavy imports live
    # inside their functions)
    code = ("import sys, lrcg, lrcg.cli, lrcg.params, lrcg.reproduce, lrcg.analysis, lrcg.analysis.sources, "
            "lrcg.analysis.stats, lrcg.analysis.tables, lrcg.analysis.plots, lrcg.analysis.widgets, lrcg.generation, "
            "lrcg.generation.openai_backend, lrcg.generation.llamacpp_backend, lrcg.spec, lrcg.evaluate, "
            "lrcg.generation.backends, lrcg.generation.backends.hf, lrcg.generation.backends.hf_generate, "
            "lrcg.generation.backends.vllm, lrcg.generation.backends.openai, lrcg.generation.backends.llamacpp; "
            "heavy = [m for m in ('torch', 'transformers', 'matplotlib', 'seaborn', 'papermill', 'ipywidgets', 'openai', "
            "'llama_cpp') if m in sys.modules]; print(','.join(heavy))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


@pytest.mark.slow
def test_smoke_profile_live_end_to_end(tmp_path):
    for lang in ("js", "r", "rkt"):
        needs_toolchain(lang)
    smoke = yaml.safe_load((REPO / "params" / "smoke.yaml").read_text())
    runs_dir = tmp_path / "runs"
    text = yaml.safe_dump(smoke).replace("runs/smoke", str(runs_dir))
    smoke = yaml.safe_load(text)
    smoke["output_dir"] = str(tmp_path / "figures")
    path = write_profile(tmp_path, **smoke)
    files = reproduce(path, log=lambda *_: None)
    out = tmp_path / "figures"
    assert (runs_dir / "results.sqlite").is_file() and all(f.stat().st_size > 0 for f in files)
    from lrcg.store import load_outcomes

    outcomes = load_outcomes(runs_dir / "results.sqlite")
    assert set(outcomes["language"]) == {"js", "r", "rkt"} and set(outcomes["technique"]) == {"baseline", "few-shot"}
    assert len(outcomes) == 3 * 3 * 2 + 2 * 3 * 2
    table1 = pd.read_csv(out / "table1_pass_at_1.csv", index_col=0)
    assert list(table1.columns) == ["JavaScript", "R", "Racket"] and list(table1.index) == ["tiny-llama"]
    detail = pd.read_csv(out / "table2_odds_ratios_detail.csv")
    assert len(detail) == 3 and (detail["n_pairs"] == 6).all()
    assert (out / "odds_ratio_matrix.png").stat().st_size > 0


def test_explore_notebooks_only_where_there_are_samples():
    assert "06_explore" not in notebooks_for(load_profile("paper")) and "07_teaching_transfer" in notebooks_for(load_profile("paper"))
    assert {"06_explore", "07_teaching_transfer"} <= set(notebooks_for(load_profile("smoke")))


@pytest.mark.slow  # two kernels, ~30 s
def test_explore_and_teaching_notebooks_on_a_real_store(tmp_path):
    from test_report import make_small_store

    store = make_small_store(tmp_path / "results.sqlite")
    path = write_profile(tmp_path, source=str(store), models=["m"], languages=["py", "r"],
                         techniques=["baseline"], technique_languages=["r"], output_dir=str(tmp_path / "out"))
    prof = load_profile(path)
    for name in ("06_explore", "07_teaching_transfer"):
        _, _, error = _execute(name, str(tmp_path / f"{name}.ipynb"), {"profile": str(path)})
        assert error is None, error
    for stem in ("failure_taxonomy",):
        assert all((prof.output_dir / f"{stem}.{x}").stat().st_size > 0 for x in ("csv", "md", "tex", "png", "pdf"))
    executed = json.loads((tmp_path / "06_explore.ipynb").read_text())
    text = "\n".join("".join(o.get("data", {}).get("text/plain", "")) for c in executed["cells"]
                     if c["cell_type"] == "code" for o in c.get("outputs", []))
    assert "VBox(" in text  # the widget renders as static output
    assert "HumanEval_23_strlen" in text and "answered in another language" in text
    taxonomy = pd.read_csv(prof.output_dir / "failure_taxonomy.csv", index_col=[0, 1, 2])
    assert taxonomy.loc[("m", "baseline", "r"), "answered in another language"] == 1
    assert taxonomy.loc[("m", "baseline", "py"), "passed"] == 2
    teaching = json.loads((tmp_path / "07_teaching_transfer.ipynb").read_text())
    assert any("js" in "".join(o.get("data", {}).get("text/plain", "")) and "ts" in "".join(o.get("data", {}).get("text/plain", ""))
               for c in teaching["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))
