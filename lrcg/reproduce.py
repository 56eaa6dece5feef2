"""`lrcg reproduce --profile NAME`: run every numbered notebook with papermill for one profile.

Executed notebooks are saved next to the figures (`<output_dir>/notebooks/`). A failing cell stops the
batch with an LrcgError naming the notebook, the cell and the error. Batch runs plot with the Agg backend.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from .config import NOTEBOOKS_DIR
from .errors import LrcgError
from .params import LIVE_RUN_NOTEBOOK, Profile, load_profile, notebooks_for, profile_path

# What each notebook writes into the output folder (stems; tables get .csv/.md/.tex, figures .png/.pdf).
TABLE_SUFFIXES = ("csv", "md", "tex")
FIGURE_SUFFIXES = ("png", "pdf")


def expected_files(profile: Profile) -> list[Path]:
    """Every file `reproduce` must leave (non-empty) in the profile's output folder."""
    out = profile.output_dir
    tables, figures = [], []
    names = notebooks_for(profile)
    if "01_pass_at_1_by_language" in names:
        tables.append("table1_pass_at_1"), figures.append("table1_pass_at_1")
        if not profile.published:
            tables.append("table1_beside_published")
    if "02_language_odds_ratios" in names:
        tables.append("table2_odds_ratios"), figures.append("odds_ratio_matrix")
        if not profile.published:
            tables.append("table2_odds_ratios_detail")
    if "03_low_resource_techniques" in names:
        tables.append("table3_techniques"), figures.append("table3_techniques")
        if not profile.published:
            tables.append("table3_technique_odds_ratios")
    if "04_codem_transfer" in names:
        tables.append("codem_table1")
        if profile.codem_table2_models:
            tables.append("codem_table2")
    if "05_transfer_correlations" in names:
        for stem in ("figure4a_language_correlations", "figure4b_model_correlations"):
            tables.append(stem), figures.append(stem)
    if "06_explore" in names:
        tables.append("failure_taxonomy"), figures.append("failure_taxonomy")
    files = [out / f"{s}.{x}" for s in tables for x in TABLE_SUFFIXES]
    files += [out / f"{s}.{x}" for s in figures for x in FIGURE_SUFFIXES]
    files += [out / "notebooks" / f"{n}.ipynb" for n in names]
    return files


def check_outputs(profile: Profile) -> list[Path]:
    """Raise LrcgError listing expected files that are missing or empty; return the expected files."""
    files = expected_files(profile)
    bad = [str(f) for f in files if not f.is_file() or f.stat().st_size == 0]
    if bad:
        raise LrcgError(f"profile {profile.name!r}: {len(bad)} expected output(s) missing or empty: {', '.join(bad)}")
    return files


def run_live(profile: Profile, log=print) -> int:
    """00_live_run: build the profile's tiny models (if missing) and evaluate each run into the store.
    Prints, per run, the wall time and what generation did (sequences, new tokens, tokens/s)."""
    from .evaluate import evaluate
    from .generation.tiny import make_tiny_model
    from .spec import run_spec

    for lang, reason in profile.not_run:
        log(f"not run: {lang}: {reason}")
    for line in profile.adjusted:
        log(f"adjusted: {line}")
    for path in profile.live.get("tiny_models", []):
        if not (Path(path) / "config.json").is_file():
            make_tiny_model(path)
    Path(profile.source).parent.mkdir(parents=True, exist_ok=True)
    for run in profile.live.get("runs", []):
        start = time.perf_counter()
        made = evaluate(run_spec(f"{profile.name}: live.runs", **run, store=profile.source)).generation
        tokens, seconds = sum(s.new_tokens for s in made), sum(s.seconds for s in made)
        sequences = sum(s.sequences for s in made)
        rate = f", {tokens / seconds:.1f} tokens/s" if seconds else ""
        log(f"{run.get('technique', 'baseline')} {','.join(run.get('languages', []))}: "
            f"{time.perf_counter() - start:.0f} s; generated {sequences} sequences, {tokens} new tokens{rate}")
        for s in made:
            if summary := s.decoding_summary():
                log(f"  {s.language}: {summary}")
    return len(profile.live.get("runs", []))


def _describe(error, name: str, executed: Path) -> str:
    cell = getattr(error, "exec_count", None)
    index = getattr(error, "cell_index", None)
    where = f"cell {cell}" if cell is not None else f"cell #{index}" if index is not None else "a cell"
    source = (getattr(error, "source", "") or "").strip().splitlines()
    first = f" `{source[0][:80]}`" if source else ""
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", str(error))
    return f"notebook {name} failed at {where}{first}: {ename}: {evalue} (executed copy: {executed})"


def _execute(name: str, executed: str, parameters: dict) -> tuple[str, float, str | None]:
    """Run one notebook (in a worker process); returns (name, seconds, error description or None)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    os.environ["MPLBACKEND"] = "Agg"  # the kernel inherits it: no display needed, figures go to files
    start = time.perf_counter()
    try:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"), executed, parameters=parameters,
                                   cwd=str(NOTEBOOKS_DIR), progress_bar=False, kernel_name="python3")
    except PapermillExecutionError as e:
        return name, time.perf_counter() - start, _describe(e, name, Path(executed))
    except Exception as e:  # kernel died, notebook missing, ...: still name the notebook
        return name, time.perf_counter() - start, f"notebook {name} failed: {type(e).__name__}: {e}"
    return name, time.perf_counter() - start, None


def reproduce(profile: str | Path = "paper", notebooks: list[str] | None = None, output_dir: str | None = None,
              jobs: int | None = None, log=print) -> list[Path]:
    """Run the profile's notebooks with papermill; returns the expected output files (all checked).

    The live-run notebook (if any) runs first; the others are independent and run `jobs` at a time
    (default: up to 3 — most of a notebook's time is kernel start-up and imports).
    """
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    prof = load_profile(profile, output_dir=output_dir, notebooks=notebooks)
    names = notebooks_for(prof)
    if not names:
        raise LrcgError(f"profile {prof.name!r} selects no notebook")
    executed_dir = prof.output_dir / "notebooks"
    executed_dir.mkdir(parents=True, exist_ok=True)
    parameters = {"profile": str(profile_path(profile).resolve()), "output_dir": str(prof.output_dir)}
    first = [n for n in names if n == LIVE_RUN_NOTEBOOK]
    rest = [n for n in names if n != LIVE_RUN_NOTEBOOK]
    jobs = max(1, min(jobs or 3, len(rest) or 1))
    for batch in (first, rest):
        if not batch:
            continue
        with ProcessPoolExecutor(max_workers=min(jobs, len(batch)), mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_execute, n, str(executed_dir / f"{n}.ipynb"), parameters) for n in batch]
            results = [f.result() for f in futures]
        errors = [err for _, _, err in results if err]
        for name, seconds, err in results:
            log(f"{name}: {'FAILED' if err else 'ok'} ({seconds:.1f} s) -> {executed_dir / (name + '.ipynb')}")
        if errors:
            raise LrcgError(errors[0] + (f" (and {len(errors) - 1} more notebook(s) failed)" if len(errors) > 1 else ""))
    files = check_outputs(prof)
    log(f"profile {prof.name}: {len(files)} files in {prof.output_dir}")
    return files
