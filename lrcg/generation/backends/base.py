"""What every backend shares: the decoding settings it is given, the statistics it returns, and the
protocol a backend's open model (a `Session`) follows."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Mapping, Protocol, Sequence

from ...errors import LrcgError

Batch = list  # [(request position, generated text), ...]: one finished batch


@dataclass(frozen=True)
class Decoding:
    """How samples are decoded. `max_new_tokens` None means the technique's. Stop strings are not here: they
    belong to each problem and technique (`prompting.stop_strings`), and enter each sample's settings."""
    samples: int = 1
    temperature: float = 0.0
    top_p: float = 0.95
    max_new_tokens: int | None = None
    loop_stop: int = 0  # N > 0: a sequence ends once its last N+ tokens are one block repeated (batched.ends_in_loop)
    seed: int = 0

    def __post_init__(self):
        if not isinstance(self.samples, int) or self.samples < 1:
            raise LrcgError(f"--samples must be >= 1, not {self.samples}")
        if not isinstance(self.loop_stop, int) or isinstance(self.loop_stop, bool) or self.loop_stop < 0:
            raise LrcgError(f"loop_stop must be a whole number of tokens >= 0 (0 = off), not {self.loop_stop!r}")

    def with_max_new_tokens(self, default: int) -> "Decoding":
        return replace(self, max_new_tokens=int(self.max_new_tokens or default))

    def settings(self, *, chat: bool, model_fields: Mapping[str, Any], stop: Sequence[str]) -> dict[str, Any]:
        """The settings stored with a sample and hashed into its key (`store.settings_hash`): every stored run
        was keyed by exactly this dict, so a renamed or added key re-keys them all (tests/test_settings_hash.py).
        `model_fields` is what the backend adds (`Session.settings_fields`)."""
        settings = {"temperature": float(self.temperature), "top_p": float(self.top_p),
                    "max_new_tokens": self.max_new_tokens, "seed": int(self.seed), "chat": chat,
                    **({"loop_stop": self.loop_stop} if self.loop_stop else {})}  # absent when off: older runs keep their hash
        return {**settings, **model_fields, "stop": list(stop)}


DECODING_FIELDS = tuple(f.name for f in fields(Decoding))


@dataclass(frozen=True)
class GenerationStats:
    """What one generating step did (one language and technique of an `evaluate` call)."""
    language: str
    technique: str
    seconds: float
    sequences: int = 0
    new_tokens: int = 0
    prompt_tokens: int = 0
    prefix_tokens_reused: int = 0  # the decode loop's shared-prefix KV cache
    row_steps: int = 0  # the decode loop: rows computed over all decoding steps
    # continuous batching: its decoding steps, their summed cache widths, and where its time went
    steps: int = 0
    cache_columns: int = 0
    prefill_ms: int = 0  # prompts computed (the shared prefix once, then each prompt's own tokens)
    join_ms: int = 0  # cache copies: finished rows leaving, new rows joining
    step_ms: int = 0  # decoding steps' forward passes

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds if self.seconds else 0.0

    def decoding_summary(self) -> str:
        """Where continuous batching's time went, or '' for a backend that does not count it."""
        if not self.steps:
            return ""
        rest = self.seconds - (self.prefill_ms + self.join_ms + self.step_ms) / 1000
        return (f"{self.steps} decoding steps, {self.row_steps / self.steps:.1f} rows and "
                f"{self.cache_columns / self.steps:.0f} cache columns on average; steps {self.step_ms / 1000:.1f} s, "
                f"prefill {self.prefill_ms / 1000:.1f} s, cache copies {self.join_ms / 1000:.1f} s, "
                f"the rest (prompts tokenized, stop checks, samples stored) {rest:.1f} s")

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], **fixed) -> "GenerationStats":
        names = {f.name for f in fields(cls)}
        return cls(**fixed, **{k: int(v) for k, v in counts.items() if k in names})


class Session(Protocol):
    """An opened model behind one backend (the `open` of a module in `BACKENDS`)."""
    model_key: str  # what the store records as the model
    settings_fields: dict  # what this backend adds to the stored (hashed) settings

    def chat(self) -> bool:
        """Whether the model is given chat messages (else a completion prompt)."""

    def prompt(self, technique, problem, chat: bool) -> str:
        """The prompt stored with a sample, as this backend sends it."""

    def generate(self, requests: Sequence, decoding: Decoding, *, chat: bool, progress: bool,
                 on_batch: Callable[[Batch], None]) -> dict[str, int]:
        """Generate every request, handing each finished batch to `on_batch`; return the token counts."""

