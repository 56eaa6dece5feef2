"""Fine-tuning plans (`params/finetune/<name>.yaml`): which model writes the data, which model is fine-tuned, on what,
with which recipe, into which adapter folders. `lrcg finetune --plan NAME` runs one end to end and resumably:

1. data (`harvest.make_data`): per language, the data model's passing solutions -> generation and translation
   pairs (a rerun generates only what its store lacks, and rewrites the pair files from the store);
2. adapters (`train.train` / `train.train_two_stage`), per language and technique:
   - `generation` (paper A technique 5): LoRA on the generation pairs -> `<adapters>/<lang>/generation`
   - `two-stage` (technique 6): translation pairs, then generation pairs continuing the same adapter ->
     `<adapters>/<lang>/two-stage/stage2-generation`
   A finished adapter (its lrcg_training.json written) is kept; a killed one resumes from its last complete
   checkpoint.
Evaluating the adapters is the profile's job (`lrcg reproduce --profile laptop-finetune`), whose live runs name
these folders; Table III labels them `baseline@generation` and `baseline@stage2-generation`.

Keys: model (fine-tuned), data (DataSettings fields; `model` defaults to the fine-tuned model), preset, method,
adapters_dir, techniques, train (extra `train()` keywords, e.g. epochs, max_steps, learning_rate).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import LrcgError, unknown_choice
from ..harvest import DataSettings

log = logging.getLogger(__name__)

TECHNIQUES = ("generation", "two-stage")
PLAN_KEYS = ("description", "model", "data", "preset", "method", "adapters_dir", "techniques", "train")
TRAIN_KEYS = ("epochs", "max_steps", "learning_rate", "batch_size", "gradient_accumulation", "max_length",
              "prompt_style", "warmup_steps", "validation_fraction", "save_steps", "precision", "seed", "logging_steps")
PLANS_DIR_NAME = "finetune"


@dataclass(frozen=True)
class FinetunePlan:
    name: str
    model: str
    data: DataSettings
    adapters_dir: Path
    preset: str = "laptop"
    method: str = "lora"
    techniques: tuple[str, ...] = TECHNIQUES
    train: dict = field(default_factory=dict, compare=False)
    description: str = ""


def plans_dir() -> Path:
    from ..config import PARAMS_DIR

    return PARAMS_DIR / PLANS_DIR_NAME


def _resolve(path: str) -> Path:
    from ..config import REPO_DIR

    p = Path(path).expanduser()
    return p if p.is_absolute() else (REPO_DIR / p).resolve()


def plan_path(plan: str | Path) -> Path:
    path = Path(plan)
    if path.suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise LrcgError(f"fine-tuning plan {str(path)!r} does not exist")
        return path
    candidate = plans_dir() / f"{plan}.yaml"
    if not candidate.is_file():
        raise unknown_choice("fine-tuning plan", str(plan), sorted(p.stem for p in plans_dir().glob("*.yaml")))
    return candidate


def plan_from_dict(raw: dict, name: str = "custom", where: str = "plan", **overrides) -> FinetunePlan:
    """Validate a plan mapping; `overrides` (not None) replace data settings (languages, limit, start, names) or
    train keywords (max_steps, epochs) for a quick slice of the same plan."""
    if not isinstance(raw, dict):
        raise LrcgError(f"{where}: expected a mapping with keys {', '.join(PLAN_KEYS)}")
    for key in raw:
        if key not in PLAN_KEYS:
            raise LrcgError(f"{where}: {unknown_choice('key', key, PLAN_KEYS)}")
    if "model" not in raw or "adapters_dir" not in raw:
        raise LrcgError(f"{where}: needs 'model' (the model fine-tuned) and 'adapters_dir'")
    data_fields = {f.name for f in fields(DataSettings)}
    data = dict(raw.get("data") or {})
    for key in data:
        if key not in data_fields:
            raise LrcgError(f"{where}: data: {unknown_choice('key', key, sorted(data_fields))}")
    train = dict(raw.get("train") or {})
    for key in train:
        if key not in TRAIN_KEYS:
            raise LrcgError(f"{where}: train: {unknown_choice('key', key, TRAIN_KEYS)}")
    for key, value in overrides.items():
        if value is None:
            continue
        if key in data_fields:
            data[key] = value
        elif key in TRAIN_KEYS:
            train[key] = value
        else:
            raise LrcgError(f"unknown plan override {key!r}")
    data.setdefault("model", raw["model"])
    for key in ("languages", "names", "reference"):
        if key in data:
            value = data[key]
            data[key] = tuple(tuple(v) if isinstance(v, list) else v for v in
                              (value.split(",") if isinstance(value, str) else value))
    for key in ("store", "output_dir"):
        if key in data:
            data[key] = str(_resolve(data[key]))
    techniques = tuple(raw.get("techniques") or TECHNIQUES)
    for t in techniques:
        if t not in TECHNIQUES:
            raise LrcgError(f"{where}: techniques: {unknown_choice('technique', t, TECHNIQUES)}")
    from .train import METHODS, PRESETS

    preset, method = raw.get("preset", "laptop"), raw.get("method", "lora")
    if preset not in PRESETS:
        raise LrcgError(f"{where}: preset: {unknown_choice('preset', preset, PRESETS)}")
    if method not in METHODS:
        raise LrcgError(f"{where}: method: {unknown_choice('method', method, METHODS)}")
    return FinetunePlan(name=name, model=str(raw["model"]), data=DataSettings(**data),
                        adapters_dir=_resolve(str(raw["adapters_dir"])), preset=preset, method=method,
                        techniques=techniques, train=train, description=str(raw.get("description", "")))


def load_plan(plan: str | Path, **overrides) -> FinetunePlan:
    import yaml

    path = plan_path(plan)
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as e:
        raise LrcgError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    return plan_from_dict(raw, name=path.stem, where=str(path), **overrides)


def adapter_dir(plan: FinetunePlan, language: str, technique: str) -> Path:
    """Where a technique's adapter for a language goes (the name Table III labels it by is the last part)."""
    if technique == "generation":
        return plan.adapters_dir / language / "generation"
    if technique == "two-stage":
        return plan.adapters_dir / language / "two-stage" / "stage2-generation"
    raise unknown_choice("technique", technique, TECHNIQUES)


def data_files(plan: FinetunePlan, language: str) -> tuple[Path, Path]:
    out = Path(plan.data.output_dir)
    return out / f"{language}-generation.jsonl", out / f"{language}-translation.jsonl"


def train_adapters(plan: FinetunePlan, log_line=print) -> dict:
    """Every adapter of the plan that is not finished yet (resuming a killed one); returns their summaries."""
    from .train import SUMMARY_FILE, last_complete_checkpoint, read_summary, train, train_two_stage

    done = {}
    for language in plan.data.languages:
        generation, translation = data_files(plan, language)
        for technique in plan.techniques:
            out = adapter_dir(plan, language, technique)
            if (out / SUMMARY_FILE).is_file():
                log_line(f"{language} {technique}: done before ({out})")
                done[f"{language}/{technique}"] = read_summary(out)
                continue
            if not generation.is_file() or not generation.read_text().strip():
                raise LrcgError(f"{generation} is missing or empty: make the data first (lrcg finetune --steps data) "
                                "or check summary.json: no solution passed")
            started = time.perf_counter()
            kwargs = {"progress": plan.data.progress, "logging_steps": 1, **plan.train}
            if technique == "generation":
                resume = last_complete_checkpoint(out) is not None
                train(plan.model, str(generation), plan.method, plan.preset, out, resume=resume, **kwargs)
            else:
                if not translation.is_file() or not translation.read_text().strip():
                    raise LrcgError(f"{translation} is missing or empty: technique two-stage needs translation "
                                    "pairs (problems from multipl-t-python or multipl-t with its -with-python file)")
                train_two_stage(plan.model, str(translation), str(generation), plan.method, plan.preset,
                                out.parent, resume=True, **kwargs)
            s = read_summary(out)
            done[f"{language}/{technique}"] = s
            log_line(f"{language} {technique}: {s['global_step']} steps in {time.perf_counter() - started:.0f} s, "
                     f"{s.get('train_tokens_per_second')} tokens/s ({s.get('precision')}), validation loss "
                     f"{s.get('eval_loss_before')} -> {s.get('eval_loss_after')}; {out}")
    return done


def run_plan(plan: FinetunePlan, steps: tuple[str, ...] = ("data", "train"), log_line=print) -> dict:
    """Make the data and train the adapters of a plan (either step alone with `steps`)."""
    from ..harvest import make_data

    for step in steps:
        if step not in ("data", "train"):
            raise unknown_choice("step", step, ("data", "train"))
    result = {}
    if "data" in steps:
        result["data"] = make_data(plan.data, log_line=log_line)
    if "train" in steps:
        result["adapters"] = train_adapters(plan, log_line=log_line)
    return result
