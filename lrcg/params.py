"""Profiles: the YAML files in params/ that parameterise every notebook (`lrcg reproduce --profile NAME`).

A profile names the source of the numbers — `published` (the papers' printed numbers, offline) or the
path of a results store (live per-sample outcomes) — and what to show. Every key is checked here:
an unknown key, model, language, technique or notebook raises LrcgError naming the key and the valid
values. Relative paths are resolved against the repository root.

Keys (all optional except `source`):
  description      one line about the profile
  source           "published" or a results store path (e.g. runs/smoke/results.sqlite)
  output_dir       where figures/tables go (default figures/<profile name>)
  notebooks        which numbered notebooks to run (default: all that apply to the source)
  models, languages            Table I and II (paper A); pairs = every pair of `languages`
  techniques, technique_languages  Table III (paper A); a technique of a fine-tuned model is `<technique>@<adapter dir name>`
  benchmark        store filter for paper A (live only; default multipl-e)
  codem_models, codem_languages, codem_base   CodeM Table 1 rows, columns and the row gains are relative to
  codem_table2_models          CodeM Table 2 rows (empty: skip Table 2)
  codem_benchmark  store filter for CodeM (live only; default humaneval-x)
  alpha            significance level after Benjamini–Hochberg (default 0.05)
  live             for 00_live_run: {tiny_models: [paths to create with lrcg.generation.tiny],
                   runs: [run specs, as lrcg.spec.run_spec keywords (lrcg.spec.RUN_KEYS)]}
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from .config import NOTEBOOKS_DIR, PARAMS_DIR, REPO_DIR, figures_dir
from .errors import LrcgError, unknown_choice

PUBLISHED = "published"
LIVE_RUN_NOTEBOOK = "00_live_run"
EXPLORE_NOTEBOOK = "06_explore"  # per-sample outcomes only: a store source, never the published numbers


@dataclass(frozen=True)
class Profile:
    name: str
    source: str
    output_dir: Path
    description: str = ""
    notebooks: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    technique_languages: tuple[str, ...] = ()
    benchmark: str = "multipl-e"
    codem_models: tuple[str, ...] = ()
    codem_languages: tuple[str, ...] = ()
    codem_base: str = ""
    codem_table2_models: tuple[str, ...] = ()
    codem_benchmark: str = "humaneval-x"
    alpha: float = 0.05
    live: dict = field(default_factory=dict)
    # Live profiles: (language, reason) for each language left out because its toolchain is missing here
    not_run: tuple[tuple[str, str], ...] = ()
    # Live profiles: what was changed to run here, one line each (bf16 runs in fp32 on a CPU without native bf16)
    adjusted: tuple[str, ...] = ()

    @property
    def published(self) -> bool:
        return self.source == PUBLISHED

    def of_live_runs(self):
        """`row -> bool` for `lrcg.store.stored_rows`: whether a stored sample is one of this profile's `live.runs`
        (`lrcg.evaluate.stored_selection`: model, adapter, technique, problems and the settings samples are keyed
        by), so other runs sharing the store (another token limit, another precision) stay out of its tables;
        None (every row) for a profile that runs nothing."""
        from .evaluate import stored_selection
        from .spec import run_spec

        runs = self.live.get("runs") or []
        if not runs:
            return None
        selections = [stored_selection(run_spec(f"{self.name}: live.runs", **run, store=self.source)) for run in runs]
        return lambda row: any(selects(row) for selects in selections)


DERIVED = ("name", "not_run", "adjusted")  # set by loading, never written in a profile
KEYS = tuple(f.name for f in fields(Profile) if f.name not in DERIVED)
LIST_KEYS = tuple(f.name for f in fields(Profile) if str(f.type).startswith("tuple") and f.name not in DERIVED)
LIVE_KEYS = ("tiny_models", "runs")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PARAMS_DIR.glob("*.yaml"))


def available_notebooks() -> list[str]:
    return sorted(p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def profile_path(profile: str | Path) -> Path:
    """`paper` -> params/paper.yaml; a path to a YAML file is taken as is."""
    path = Path(profile)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise LrcgError(f"profile file {str(path)!r} does not exist")
        return path
    candidate = PARAMS_DIR / f"{profile}.yaml"
    if not candidate.is_file():
        raise unknown_choice("profile", str(profile), available_profiles())
    return candidate


def _resolve(path: str) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else (REPO_DIR / p).resolve()


def _model_ref(model: str) -> str:
    """A model as the store records it: registry names and Hub ids as written, local paths made absolute."""
    model = str(model)
    return str(_resolve(model)) if model.startswith(("runs/", "./", "../", "/", "~")) else model


def _check_choices(key: str, values, valid, where: str) -> None:
    valid = list(valid)
    for v in values:
        if v not in valid:
            raise LrcgError(f"{where}: {key}: {unknown_choice(key.rstrip('s') if key != 'codem_base' else key, v, valid)}")


def _published_choices():
    from .analysis.published import load_published, published_tables

    tables = published_tables()
    t1 = load_published("giagnorio2025_table1") if "giagnorio2025_table1" in tables else None
    t3 = load_published("giagnorio2025_table3") if "giagnorio2025_table3" in tables else None
    c1 = load_published("zan2023_codem_table1") if "zan2023_codem_table1" in tables else None
    c2 = load_published("zan2023_codem_table2") if "zan2023_codem_table2" in tables else None
    unique = lambda frame, col: list(dict.fromkeys(frame[col])) if frame is not None else []  # noqa: E731
    return {
        "models": unique(t1, "model"), "languages": unique(t1, "language"),
        "techniques": unique(t3, "technique"), "technique_languages": unique(t3, "language"),
        "codem_models": unique(c1, "model"), "codem_languages": unique(c1, "language"),
        "codem_base": unique(c1, "model"), "codem_table2_models": unique(c2, "model"),
    }


def _live_models(live: dict) -> list[str]:
    """Row names a live profile may list: its runs' models and (CodeM rows) their adapters."""
    models = [str(run.get("model")) for run in live.get("runs", [])]
    adapters = [str(run["adapter"]) for run in live.get("runs", []) if run.get("adapter")]
    return models + adapters


def _check_live(live, where: str) -> dict:
    if not isinstance(live, dict):
        raise LrcgError(f"{where}: live must be a mapping with keys {', '.join(LIVE_KEYS)}")
    for key in live:
        if key not in LIVE_KEYS:
            raise LrcgError(f"{where}: live: {unknown_choice('key', key, LIVE_KEYS)}")
    runs = live.get("runs") or []
    if not isinstance(runs, list) or not all(isinstance(r, dict) and "model" in r for r in runs):
        raise LrcgError(f"{where}: live.runs must be a list of mappings, each with a 'model'")
    from .spec import RUN_KEYS, check_run_keys

    for run in runs:  # every run writes into the profile's source: no store of its own
        check_run_keys(run, f"{where}: live.runs", valid=tuple(k for k in RUN_KEYS if k != "store"))
    out = dict(live)
    out["tiny_models"] = [str(_resolve(p)) for p in live.get("tiny_models") or []]
    out["runs"] = [dict(r, model=_model_ref(r["model"]), **({"adapter": str(_resolve(r["adapter"]))} if r.get("adapter") else {}))
                   for r in runs]
    return out


def _drop_missing_toolchains(live: dict) -> tuple[dict, tuple[tuple[str, str], ...]]:
    """A live profile's runs without the languages whose toolchain is missing here (Julia, where `julia` is not
    installed), and (language, reason) for each: they are listed as not run instead of failing every sample."""
    from .execution.languages import get_language, parse_languages

    not_run: dict[str, str] = {}
    runs = []
    for run in live.get("runs", []):
        if "languages" not in run:
            runs.append(run)
            continue
        langs = []
        for lang in parse_languages(run["languages"]):
            missing = lang.missing_tools()
            if missing:
                not_run[lang.name] = f"{lang.display} toolchain missing ({', '.join(missing)} not on PATH): " \
                                     f"{get_language(lang.name).install_hint}"
            else:
                langs.append(lang.name)
        if langs:
            runs.append(dict(run, languages=langs))
    return dict(live, runs=runs), tuple(not_run.items())


def _precision_here(live: dict) -> tuple[dict, tuple[str, ...]]:
    """A live profile's runs with `dtype: bfloat16` decoded in float32 where no GPU is there and the CPU has no
    native bf16 (emulated, bf16 is several times slower than fp32 there); one line per run so changed. The store
    keys the dtype, so such a run is stored as the fp32 run it is."""
    import shutil

    from .hardware import cpu_bf16

    if cpu_bf16() or shutil.which("nvidia-smi"):
        return live, ()
    runs, adjusted = [], []
    for run in live.get("runs", []):
        if run.get("dtype") == "bfloat16":
            run = dict(run, dtype="float32")
            adjusted.append(f"{run['model']} {run.get('technique', 'baseline')}: dtype bfloat16 -> float32 "
                            f"(this CPU has no native bf16: avx512_bf16 / amx_bf16)")
        runs.append(run)
    return dict(live, runs=runs), tuple(adjusted)


def profile_from_dict(raw: dict, name: str = "custom", where: str = "profile") -> Profile:
    """Validate a profile mapping (as read from YAML) and return a Profile (LrcgError on any bad key/value)."""
    from .execution.languages import get_language

    if not isinstance(raw, dict):
        raise LrcgError(f"{where}: expected a mapping of keys ({', '.join(KEYS)}), got {type(raw).__name__}")
    for key in raw:
        if key not in KEYS:
            raise LrcgError(f"{where}: {unknown_choice('key', key, KEYS)}")
    if "source" not in raw:
        raise LrcgError(f"{where}: missing key 'source' (published or a results store path)")
    values = dict(raw)
    for key in LIST_KEYS:
        if key in values:
            v = values[key]
            if isinstance(v, str):
                v = [s.strip() for s in v.split(",") if s.strip()]
            if not isinstance(v, (list, tuple)):
                raise LrcgError(f"{where}: {key} must be a list (got {v!r})")
            values[key] = tuple(str(x) for x in v)
    for key in ("languages", "technique_languages", "codem_languages"):
        if key in values:
            try:
                values[key] = tuple(get_language(x).name for x in values[key])
            except LrcgError as e:
                raise LrcgError(f"{where}: {key}: {e}") from None
    if "notebooks" in values:
        _check_choices("notebooks", values["notebooks"], available_notebooks(), where)
    try:
        values["alpha"] = float(values.get("alpha", 0.05))
    except (TypeError, ValueError):
        raise LrcgError(f"{where}: alpha must be a number (got {values.get('alpha')!r})") from None
    if not 0 < values["alpha"] < 1:
        raise LrcgError(f"{where}: alpha must be between 0 and 1 (got {values['alpha']})")

    source = str(values["source"])
    if source == PUBLISHED:
        choices = _published_choices()
        for key, valid in choices.items():
            if key in values:
                _check_choices(key, values[key] if key != "codem_base" else [values[key]], valid, where)
        if "live" in values:
            raise LrcgError(f"{where}: live runs need a store as source, not 'published'")
    else:
        if not source.endswith((".sqlite", ".db", ".sqlite3")):
            raise LrcgError(f"{where}: source must be 'published' or a results store path ending in .sqlite (got {source!r})")
        values["source"] = str(_resolve(source))
        if "live" in values:
            values["live"] = _check_live(values["live"], where)
            run_models = _live_models(values["live"])
            for key in ("models", "codem_models", "codem_table2_models"):
                if key in values:
                    values[key] = tuple(_model_ref(m) for m in values[key])
                    _check_choices(key, values[key], dict.fromkeys(run_models), where)
            if "codem_base" in values:
                values["codem_base"] = _model_ref(values["codem_base"])
            values["live"], values["not_run"] = _drop_missing_toolchains(values["live"])
            values["live"], values["adjusted"] = _precision_here(values["live"])
            gone = {lang for lang, _ in values["not_run"]}
            for key in ("languages", "technique_languages"):
                if key in values:
                    values[key] = tuple(x for x in values[key] if x not in gone)
    values["output_dir"] = _resolve(values["output_dir"]) if values.get("output_dir") else figures_dir() / name
    return Profile(name=name, **values)


def load_profile(profile: str | Path = "paper", **overrides) -> Profile:
    """Read and validate params/<profile>.yaml (or a YAML path); keyword overrides that are not None win."""
    import yaml

    path = profile_path(profile)
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as e:
        raise LrcgError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise LrcgError(f"{path}: expected a mapping of keys ({', '.join(KEYS)})")
    raw.update({k: v for k, v in overrides.items() if v is not None})
    where = str(path.relative_to(REPO_DIR)) if path.resolve().is_relative_to(REPO_DIR) else str(path)
    return profile_from_dict(raw, name=path.stem, where=where)


def notebooks_for(profile: Profile) -> list[str]:
    """The notebooks a profile runs, in order: its `notebooks` list, else every numbered notebook
    (00_live_run only when the profile has live runs, 06_explore only when its source is a store)."""
    names = list(profile.notebooks) or available_notebooks()
    if not profile.live:
        names = [n for n in names if n != LIVE_RUN_NOTEBOOK]
    if profile.published:
        names = [n for n in names if n != EXPLORE_NOTEBOOK]
    return names
