"""The run spec: what `evaluate` runs, built the same way by the CLI, the profiles and Python.

    spec = run_spec(model="deepseek-coder-1.3b-instruct", languages="r,rkt", samples=50, temperature=0.2)
    evaluate(spec)

`RunSpec` says what to run (model, adapter, technique, benchmark, languages, problems, shard, store) and
on which backend; `spec.decoding` (`Decoding`) how samples are decoded, the part of a sample's stored key
(`Decoding.settings`); `spec.execution` (`ExecutionPolicy`) how programs are run and judged. `run_spec`
takes the flat keywords a profile's `live.runs` entry or a Python caller writes (every field of the three)
and names the key and the valid keys when one is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Mapping

from .errors import LrcgError, unknown_choice
from .execution.judge import ExecutionPolicy
from .generation.backends.base import Decoding

DEFAULT_STORE = "runs/results.sqlite"
BATCHING = ("static", "continuous")  # batch after batch, or rows refilled as they finish


def _names(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(s.strip() for s in value.split(",") if s.strip()) if isinstance(value, str) else tuple(map(str, value))


@dataclass(frozen=True)
class RunSpec:
    """What to run. `common_with`: only the problems (by HumanEval number) that every one of these languages
    has in the benchmark (paper A's 157 for java, py, jl, lua, r, rkt); with `limit`, the first `limit` of
    them by HumanEval number, the same problems in every language (without, the first `limit` of the file).
    `shard`: "K/N" keeps the K-th of N disjoint parts of the tasks (`lrcg.merge.shard_of`). `backend`: a row of
    `generation.backends.BACKENDS` or "auto"; `endpoint` (openai) an `openai_backend.Endpoint` or a dict of its
    fields; `n_ctx` (llamacpp) the context length. `batching` "continuous" (hf): a finished row's place is taken
    by the next request (`generation.continuous`); like `batch_size`, it is not part of a sample's key."""
    model: str
    languages: tuple[str, ...]
    benchmark: str = "multipl-e"
    technique: str = "baseline"
    adapter: str | None = None
    problems: tuple[str, ...] | None = None
    limit: int | None = None
    common_with: tuple[str, ...] | None = None
    shard: tuple[int, int] | None = None
    store: str = DEFAULT_STORE
    backend: str = "hf"
    quantization: str | None = None
    dtype: str = "auto"
    endpoint: Any = None
    n_ctx: int | None = None
    batch_size: int = 8
    batching: str = "static"  # "continuous": finished rows are refilled with waiting requests (hf backend)
    progress: bool = True
    decoding: Decoding = field(default_factory=Decoding)
    execution: ExecutionPolicy = field(default_factory=ExecutionPolicy)

    def __post_init__(self):
        from .execution.languages import parse_languages
        from .generation.models import QUANTIZATIONS
        from .merge import parse_shard

        languages = tuple(lang.name for lang in parse_languages(self.languages))
        if not languages:
            raise LrcgError("no languages given (e.g. --languages r,rkt)")
        if self.batching not in BATCHING:
            raise unknown_choice("batching", self.batching, BATCHING)
        if self.quantization not in QUANTIZATIONS:
            raise unknown_choice("quantization", self.quantization, [q for q in QUANTIZATIONS if q])
        for name, value in (("languages", languages), ("problems", _names(self.problems)),
                            ("common_with", _names(self.common_with)), ("shard", parse_shard(self.shard)),
                            ("store", str(self.store))):
            object.__setattr__(self, name, value)


SPEC_KEYS = tuple(f.name for f in fields(RunSpec) if f.name not in ("decoding", "execution"))
DECODING_KEYS = tuple(f.name for f in fields(Decoding))
EXECUTION_KEYS = tuple(f.name for f in fields(ExecutionPolicy))
RUN_KEYS = SPEC_KEYS + DECODING_KEYS + EXECUTION_KEYS  # the flat keywords of `run_spec`


def check_run_keys(run: Mapping[str, Any], where: str = "run", valid: tuple[str, ...] = RUN_KEYS) -> None:
    """LrcgError naming `where`, the first unknown key and the valid keys."""
    for key in run:
        if key not in valid:
            raise LrcgError(f"{where}: {unknown_choice('key', key, valid)}")


def run_spec(where: str = "run", **run) -> RunSpec:
    """A RunSpec from flat keywords (`RUN_KEYS`), as a profile's `live.runs` entry writes them; `where` names
    them in errors (a profile: its file and key)."""
    check_run_keys(run, where)
    pick = lambda keys: {k: run[k] for k in keys if k in run}  # noqa: E731
    return RunSpec(**pick(SPEC_KEYS), decoding=Decoding(**pick(DECODING_KEYS)),
                   execution=ExecutionPolicy(**pick(EXECUTION_KEYS)))
