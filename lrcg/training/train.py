"""Supervised fine-tuning with transformers' Trainer: full, LoRA or QLoRA, with the papers' settings as presets.

`train(model, data, method, preset, output_dir)` trains on instruction/response pairs with the loss on the
response tokens only, saves a checkpoint per epoch (`output_dir/checkpoint-STEP`, resumable) and the result in
`output_dir` itself: a full model (method `full`, or `lora` with merge=True) or a peft adapter (`lora`, `qlora`),
either of which `lrcg.generation.models.load_model(path)` / `load_model(base, adapter=path)` loads. A summary of the run
(validation loss before/after, examples dropped for length, steps, ...) goes to `output_dir/lrcg_training.json`.

Multi-GPU: run the same command under `accelerate launch` with a shipped config, e.g.
    accelerate launch --config_file lrcg/configs/accelerate_multi_gpu.yaml -m lrcg train ... \
        --deepspeed lrcg/configs/deepspeed_zero3.json
Trainer does the distribution (DDP / DeepSpeed ZeRO); nothing here is specific to it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..errors import LrcgError, unknown_choice
from .data import Example, collate, load_examples, split_train_validation, tokenize_examples

log = logging.getLogger(__name__)

METHODS = ("full", "lora", "qlora")
SUMMARY_FILE = "lrcg_training.json"


@dataclass(frozen=True)
class Preset:
    name: str
    epochs: float
    learning_rate: float
    warmup_steps: int
    batch_size: int  # per device
    gradient_accumulation: int
    max_length: int  # tokens; longer examples are dropped, not truncated
    prompt_style: str  # "codem" (Figure 2) or "chat" (the model's chat template)
    lr_scheduler: str = "cosine"
    save_steps: int = 0  # checkpoint every N optimizer steps (a killed run loses at most N); 0: once per epoch
    lora_r: int = 16  # LoRA rank (alpha = 2 r) unless the caller gives LoraSettings


PRESETS: dict[str, Preset] = {
    # CodeM (Zan et al. 2023): batch 2/GPU, grad-accum 4, lr 2e-5 cosine, 30 warm-up steps, fp16, DeepSpeed.
    # Epochs and max length are not given in SPEC.md: 3 epochs and 2048 tokens are our assumption.
    "codem": Preset("codem", epochs=3, learning_rate=2e-5, warmup_steps=30, batch_size=2, gradient_accumulation=4,
                    max_length=2048, prompt_style="codem"),
    # No Silver Bullet (Giagnorio et al. 2025): 3 epochs, lr 2e-5 cosine, 10 warm-up steps, max length 2048;
    # batch 16/GPU x grad-accum 4 from their scripts (Devy99/low-resource-study, 3-pretrain-finetune/*.sh).
    "paper-a": Preset("paper-a", epochs=3, learning_rate=2e-5, warmup_steps=10, batch_size=16, gradient_accumulation=4,
                      max_length=2048, prompt_style="chat"),
    # A laptop CPU (2 cores): LoRA r 16 on every linear layer, 2 epochs, examples up to 512 tokens, lr 2e-4 (LoRA
    # takes a larger step than the papers' full fine-tuning), a checkpoint every 10 steps. Qwen2.5-Coder-0.5B in
    # bf16 autocast trains about 125 tokens/s here: 300 pairs of ~200 tokens for 2 epochs take ~10 minutes.
    "laptop": Preset("laptop", epochs=2, learning_rate=2e-4, warmup_steps=5, batch_size=4, gradient_accumulation=2,
                     max_length=512, prompt_style="chat", save_steps=10, lora_r=16),
}


@dataclass(frozen=True)
class LoraSettings:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: str | tuple[str, ...] = "all-linear"


def get_preset(name: str) -> Preset:
    if name not in PRESETS:
        raise unknown_choice("training preset", name, PRESETS)
    return PRESETS[name]


def check_method(method: str) -> None:
    if method not in METHODS:
        raise unknown_choice("training method", method, METHODS)
    if method == "qlora":
        try:
            import bitsandbytes  # noqa: F401
        except ImportError:
            raise LrcgError("method 'qlora' loads the model in 4 bits and needs bitsandbytes "
                            "(pip install bitsandbytes), or use --method lora") from None


def _device_map(quantized: bool):
    """None lets Trainer/DeepSpeed place the model; a quantized model must be placed when it is loaded."""
    from ..hardware import cuda_available

    if not quantized:
        return None
    return {"": int(os.environ.get("LOCAL_RANK", "0"))} if cuda_available() else "cpu"


def trainable_fingerprint(model) -> str:
    """A cheap digest of the trainable weights (per-tensor sums), to show where a run started and ended."""
    import torch

    h = hashlib.sha256()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.requires_grad:
                t = p.detach().double()
                h.update(f"{name}:{t.sum().item():.10e}:{t.abs().sum().item():.10e};".encode())
    return h.hexdigest()[:16]


def _load_for_training(model_name: str, method: str, init_adapter: str | None, lora: LoraSettings,
                       gradient_checkpointing: bool):
    import torch

    from ..generation.models import load_model
    from ..hardware import cuda_available, native_bf16

    cuda = cuda_available()
    if method == "full":  # on a GPU with bf16 the weights are bf16 (paper A trained in bf16); on a CPU fp32 + autocast
        dtype = "bfloat16" if cuda and native_bf16() else "float32"
    else:
        dtype = "auto"
    model, tokenizer = load_model(model_name, dtype=dtype, quantization="4bit" if method == "qlora" else None,
                                  device_map=_device_map(method == "qlora"))
    tokenizer.padding_side = "right"
    if method == "full":
        if init_adapter is not None:
            raise LrcgError("method 'full' starts from a full model (pass the stage-1 model as the model), not an adapter")
        return model, tokenizer
    from peft import LoraConfig, PeftModel, get_peft_model, prepare_model_for_kbit_training

    if method == "qlora":
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing)
    elif gradient_checkpointing:
        model.enable_input_require_grads()
    if init_adapter is not None:
        model = PeftModel.from_pretrained(model, str(init_adapter), is_trainable=True)
    else:
        config = LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout, task_type="CAUSAL_LM",
                            target_modules=lora.target_modules if isinstance(lora.target_modules, str)
                            else list(lora.target_modules))
        model = get_peft_model(model, config)
    if not cuda:
        for p in model.parameters():  # CPU: adapters train in fp32
            if p.requires_grad and p.dtype != torch.float32:
                p.data = p.data.float()
    return model, tokenizer


def _checkpointing_flag(enabled: bool) -> dict:
    """transformers 5 renamed gradient_checkpointing to activation_checkpointing; pass whichever exists."""
    if not enabled:
        return {}
    import inspect

    from transformers import TrainingArguments

    params = inspect.signature(TrainingArguments.__init__).parameters
    return {"activation_checkpointing" if "activation_checkpointing" in params else "gradient_checkpointing": True}


def last_complete_checkpoint(output_dir: str | Path) -> str | None:
    """The highest `checkpoint-N` in `output_dir` that was written to the end (weights, optimizer and trainer
    state all present): a run killed while saving leaves a partial one, which resuming skips."""
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        return None
    steps = []
    for d in output_dir.glob("checkpoint-*"):
        suffix = d.name.rpartition("-")[2]
        weights = any((d / f).is_file() for f in ("adapter_model.safetensors", "model.safetensors",
                                                  "adapter_model.bin", "pytorch_model.bin"))
        if suffix.isdigit() and weights and (d / "trainer_state.json").is_file() and (d / "optimizer.pt").is_file():
            steps.append((int(suffix), d))
    return str(max(steps)[1]) if steps else None


def _resume_checkpoint(output_dir: Path, resume: bool | str | Path) -> str | None:
    if not resume:
        return None
    if resume is not True:
        path = Path(resume)
        if not (path / "trainer_state.json").is_file():
            raise LrcgError(f"cannot resume from {str(path)!r}: not a Trainer checkpoint (no trainer_state.json)")
        return str(path)
    last = last_complete_checkpoint(output_dir)
    if last is None:
        raise LrcgError(f"cannot resume: no complete checkpoint-* directory in {str(output_dir)!r}")
    return last


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s"


def _throughput_callback(progress: bool, log_line=print):
    """A TrainerCallback that measures non-padding training tokens/s over this session (a resumed run counts from
    its checkpoint) and, with `progress`, prints a line per log: step, loss, tokens/s, time spent and left."""
    import time

    from transformers import TrainerCallback

    class Throughput(TrainerCallback):
        def __init__(self):
            self.started = None
            self.first_step = 0
            self.first_tokens = 0
            self.tokens = 0
            self.seconds = 0.0

        def on_train_begin(self, args, state, control, **kwargs):
            self.started = time.perf_counter()
            self.first_step, self.first_tokens = state.global_step, state.num_input_tokens_seen or 0

        def _update(self, state):
            self.seconds = time.perf_counter() - self.started
            self.tokens = (state.num_input_tokens_seen or 0) - self.first_tokens

        def on_log(self, args, state, control, logs=None, **kwargs):
            if self.started is None or logs is None or "loss" not in logs:
                return
            self._update(state)
            done = state.global_step - self.first_step
            left = self.seconds / done * (state.max_steps - state.global_step) if done else float("nan")
            rate = self.tokens / self.seconds if self.seconds else 0.0
            logs["tokens_per_second"] = round(rate, 1)
            if progress and state.is_world_process_zero:
                pct = 100 * state.global_step / max(state.max_steps, 1)
                log_line(f"step {state.global_step}/{state.max_steps} ({pct:.0f}%)  loss {logs['loss']:.4f}  "
                         f"{rate:.0f} tokens/s  {_duration(self.seconds)} spent, ~{_duration(left)} left", flush=True)

        def on_train_end(self, args, state, control, **kwargs):
            if self.started is not None:
                self._update(state)

    return Throughput()


EVAL_BEFORE_FILE = "lrcg_eval_before.json"  # the validation loss before training, kept for a resumed run


def train(model: str | Path, data: str | list[Example], method: str = "lora", preset: str = "paper-a",
          output_dir: str | Path = "runs/ft", *, validation: str | list[Example] | None = None,
          validation_fraction: float = 0.05, epochs: float | None = None, max_steps: int | None = None,
          learning_rate: float | None = None, batch_size: int | None = None, gradient_accumulation: int | None = None,
          max_length: int | None = None, prompt_style: str | None = None, warmup_steps: int | None = None,
          lora: LoraSettings | None = None,
          init_adapter: str | Path | None = None, resume: bool | str | Path = False, merge: bool = False,
          gradient_checkpointing: bool = False, deepspeed: str | Path | None = None, seed: int = 0,
          logging_steps: int = 10, save_checkpoints: bool = True, callbacks: list | None = None,
          save_steps: int | None = None, precision: str = "auto", progress: bool = False) -> Path:
    """Fine-tune `model` (registry name, Hub id or local dir) on `data` (a data spec or Examples); return output_dir.

    The preset gives the paper's hyper-parameters; any keyword given here overrides it. `init_adapter` continues
    training an existing LoRA adapter (stage 2 of the two-stage recipe); `resume` continues from the last
    complete (True) or a given checkpoint, with its optimizer, scheduler and step. `precision` "auto" trains in
    bf16 autocast where bf16 is native (`lrcg.hardware.training_precision`), else fp32 (fp16 on an older GPU).
    `progress` prints a line per log (step, loss, tokens/s, time left) besides the Trainer's progress bar.
    """
    from ..hardware import cuda_available, training_precision

    check_method(method)
    p = get_preset(preset)
    p = replace(p, **{k: v for k, v in dict(epochs=epochs, learning_rate=learning_rate, batch_size=batch_size,
                                            gradient_accumulation=gradient_accumulation, max_length=max_length,
                                            prompt_style=prompt_style, warmup_steps=warmup_steps,
                                            save_steps=save_steps).items()
                   if v is not None})
    lora = lora if lora is not None else LoraSettings(r=p.lora_r, alpha=2 * p.lora_r)
    if merge and method != "lora":
        raise LrcgError("merge applies to method 'lora' only (a QLoRA adapter is merged into a 16-bit base separately)")
    output_dir = Path(output_dir)
    resume_from = _resume_checkpoint(output_dir, resume)
    mixed = training_precision(precision)
    cuda = cuda_available()
    if mixed == "fp16" and not cuda:
        raise LrcgError("precision fp16 needs a CUDA GPU (on a CPU use bf16 or fp32)")

    examples = load_examples(data) if isinstance(data, (str, Path)) else list(data)
    if validation is not None:
        val_examples = load_examples(validation) if isinstance(validation, (str, Path)) else list(validation)
        train_examples = examples
    elif validation_fraction > 0 and len(examples) > 1:
        train_examples, val_examples = split_train_validation(examples, validation_fraction, seed)
    else:
        train_examples, val_examples = examples, []
    if not train_examples:
        raise LrcgError(f"training data {data!r} is empty")

    from transformers import Trainer, TrainingArguments, set_seed

    if save_checkpoints:
        saving = dict(save_strategy="steps", save_steps=p.save_steps) if p.save_steps else dict(save_strategy="epoch")
    else:
        saving = dict(save_strategy="no")
    # TrainingArguments before the model: with a ZeRO-3 config, from_pretrained then loads the model partitioned.
    args = TrainingArguments(
        output_dir=str(output_dir), num_train_epochs=p.epochs, max_steps=max_steps if max_steps else -1,
        per_device_train_batch_size=p.batch_size, per_device_eval_batch_size=p.batch_size,
        gradient_accumulation_steps=p.gradient_accumulation, learning_rate=p.learning_rate,
        lr_scheduler_type=p.lr_scheduler, warmup_steps=p.warmup_steps, **saving,
        eval_strategy="epoch" if val_examples else "no",
        logging_steps=logging_steps, bf16=mixed == "bf16", fp16=mixed == "fp16", use_cpu=not cuda, report_to="none",
        seed=seed, data_seed=seed, deepspeed=str(deepspeed) if deepspeed else None,
        remove_unused_columns=False, dataloader_pin_memory=cuda, include_num_input_tokens_seen="non_padding",
        disable_tqdm=not progress, **_checkpointing_flag(gradient_checkpointing),
    )
    set_seed(seed)
    net, tokenizer = _load_for_training(str(model), method, None if init_adapter is None else str(init_adapter),
                                        lora, gradient_checkpointing)
    train_rows = tokenize_examples(train_examples, tokenizer, p.prompt_style, p.max_length, "training data")
    val_rows = (tokenize_examples(val_examples, tokenizer, p.prompt_style, p.max_length, "validation data")
                if val_examples else None)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    throughput = _throughput_callback(progress)
    trainer = Trainer(model=net, args=args, train_dataset=train_rows.rows,
                      eval_dataset=val_rows.rows if val_rows else None,
                      data_collator=lambda rows: collate(rows, pad), processing_class=tokenizer,
                      callbacks=[throughput, *(callbacks or [])])
    initial = trainable_fingerprint(net)
    before_file = output_dir / EVAL_BEFORE_FILE
    loss_before = None
    # Not under DeepSpeed: an evaluate() before train() initialises its engine for inference only.
    if val_rows and resume_from is None and not deepspeed:
        loss_before = trainer.evaluate()["eval_loss"]
        if trainer.args.should_save:
            output_dir.mkdir(parents=True, exist_ok=True)
            before_file.write_text(json.dumps({"eval_loss_before": loss_before, "initial_weights": initial}) + "\n")
    elif resume_from is not None and before_file.is_file():  # measured when this run first started
        kept = json.loads(before_file.read_text())
        loss_before, initial = kept["eval_loss_before"], kept.get("initial_weights", initial)
    result = trainer.train(resume_from_checkpoint=resume_from)
    loss_after = trainer.evaluate()["eval_loss"] if val_rows else None

    if merge:
        merged = trainer.model.merge_and_unload()
        merged.save_pretrained(str(output_dir))
    else:
        trainer.save_model(str(output_dir))
    if trainer.args.should_save:
        tokenizer.padding_side = "left"  # as load_model sets it for generation
        tokenizer.save_pretrained(str(output_dir))
        summary = dict(
            model=str(model), method=method, preset=asdict(p), data=str(data) if isinstance(data, (str, Path)) else "<examples>",
            lora=asdict(lora) if method != "full" else None, precision=mixed,
            init_adapter=None if init_adapter is None else str(init_adapter), resumed_from=resume_from,
            train_examples=train_rows.total, validation_examples=val_rows.total if val_rows else 0,
            dropped_too_long=train_rows.dropped_too_long + (val_rows.dropped_too_long if val_rows else 0),
            eval_loss_before=loss_before, eval_loss_after=loss_after, train_loss=result.training_loss,
            train_runtime_s=result.metrics.get("train_runtime"),
            train_samples_per_second=result.metrics.get("train_samples_per_second"),
            train_tokens=throughput.tokens, train_seconds=round(throughput.seconds, 2),
            train_tokens_per_second=round(throughput.tokens / throughput.seconds, 2) if throughput.seconds else None,
            global_step=trainer.state.global_step, initial_weights=initial,
            final_weights=trainable_fingerprint(trainer.model), output="adapter" if method != "full" and not merge
            else "model",
        )
        (output_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n")
    trainer.accelerator.wait_for_everyone()  # multi-process: every rank returns once the output is complete
    return output_dir


def read_json_summary(folder: str | Path, name: str, missing: str) -> dict:
    """The JSON summary `name` an lrcg step wrote into `folder`; LrcgError saying `missing` when it is not there."""
    path = Path(folder) / name
    if not path.is_file():
        raise LrcgError(f"{str(folder)!r} has no {name} ({missing})")
    return json.loads(path.read_text())


def read_summary(output_dir: str | Path) -> dict:
    return read_json_summary(output_dir, SUMMARY_FILE, "not an lrcg training output")


def train_two_stage(model: str | Path, translation_data: str | list[Example], generation_data: str | list[Example],
                    method: str = "lora", preset: str = "paper-a", output_dir: str | Path = "runs/ft", **kwargs) -> Path:
    """Paper A technique 6: train on Python->target translation (stage 1), then on code generation starting from
    stage 1's result (stage 2). Outputs `output_dir/stage1-translation` and `output_dir/stage2-generation`
    (returned). With LoRA/QLoRA, stage 2 continues stage 1's adapter on the same base model."""
    check_method(method)
    if kwargs.get("merge"):
        raise LrcgError("merge is not supported with the two-stage recipe; merge the stage-2 adapter afterwards")
    output_dir = Path(output_dir)
    resume = kwargs.pop("resume", False)
    stage1_dir, stage2_dir = output_dir / "stage1-translation", output_dir / "stage2-generation"
    if not (stage1_dir / SUMMARY_FILE).is_file():
        stage1_resume = bool(resume) and last_complete_checkpoint(stage1_dir) is not None
        train(model, translation_data, method, preset, stage1_dir, resume=stage1_resume, **kwargs)
    stage2_resume = bool(resume) and last_complete_checkpoint(stage2_dir) is not None
    if method == "full":
        return train(stage1_dir, generation_data, method, preset, stage2_dir, resume=stage2_resume, **kwargs)
    return train(model, generation_data, method, preset, stage2_dir, init_adapter=stage1_dir, resume=stage2_resume,
                 **kwargs)
