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


PRESETS: dict[str, Preset] = {
    # CodeM (Zan et al. 2023): batch 2/GPU, grad-accum 4, lr 2e-5 cosine, 30 warm-up steps, fp16, DeepSpeed.
    # Epochs and max length are not given in SPEC.md: 3 epochs and 2048 tokens are our assumption.
    "codem": Preset("codem", epochs=3, learning_rate=2e-5, warmup_steps=30, batch_size=2, gradient_accumulation=4,
                    max_length=2048, prompt_style="codem"),
    # No Silver Bullet (Giagnorio et al. 2025): 3 epochs, lr 2e-5 cosine, 10 warm-up steps, max length 2048;
    # batch 16/GPU x grad-accum 4 from their scripts (Devy99/low-resource-study, 3-pretrain-finetune/*.sh).
    "paper-a": Preset("paper-a", epochs=3, learning_rate=2e-5, warmup_steps=10, batch_size=16, gradient_accumulation=4,
                      max_length=2048, prompt_style="chat"),
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


def _hardware():
    """(cuda?, bf16 supported?) — the Trainer then uses bf16, else fp16 autocast on GPU, and fp32 on CPU."""
    import torch

    cuda = torch.cuda.is_available()
    return cuda, cuda and torch.cuda.is_bf16_supported()


def _device_map(quantized: bool):
    """None lets Trainer/DeepSpeed place the model; a quantized model must be placed when it is loaded."""
    if not quantized:
        return None
    cuda, _ = _hardware()
    return {"": int(os.environ.get("LOCAL_RANK", "0"))} if cuda else "cpu"


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

    cuda, bf16 = _hardware()
    if method == "full":  # trainable weights stay in fp32 unless bf16 is native (paper A trained in bf16)
        dtype = "bfloat16" if bf16 else "float32"
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


def _resume_checkpoint(output_dir: Path, resume: bool | str | Path) -> str | None:
    if not resume:
        return None
    if resume is not True:
        path = Path(resume)
        if not (path / "trainer_state.json").is_file():
            raise LrcgError(f"cannot resume from {str(path)!r}: not a Trainer checkpoint (no trainer_state.json)")
        return str(path)
    from transformers.trainer_utils import get_last_checkpoint

    last = get_last_checkpoint(str(output_dir)) if output_dir.is_dir() else None
    if last is None:
        raise LrcgError(f"cannot resume: no checkpoint-* directory in {str(output_dir)!r}")
    return last


def train(model: str | Path, data: str | list[Example], method: str = "lora", preset: str = "paper-a",
          output_dir: str | Path = "runs/ft", *, validation: str | list[Example] | None = None,
          validation_fraction: float = 0.05, epochs: float | None = None, max_steps: int | None = None,
          learning_rate: float | None = None, batch_size: int | None = None, gradient_accumulation: int | None = None,
          max_length: int | None = None, prompt_style: str | None = None, warmup_steps: int | None = None,
          lora: LoraSettings = LoraSettings(),
          init_adapter: str | Path | None = None, resume: bool | str | Path = False, merge: bool = False,
          gradient_checkpointing: bool = False, deepspeed: str | Path | None = None, seed: int = 0,
          logging_steps: int = 10, save_checkpoints: bool = True, callbacks: list | None = None) -> Path:
    """Fine-tune `model` (registry name, Hub id or local dir) on `data` (a data spec or Examples); return output_dir.

    The preset gives the paper's hyper-parameters; any keyword given here overrides it. `init_adapter` continues
    training an existing LoRA adapter (stage 2 of the two-stage recipe); `resume` continues from the last
    (True) or a given checkpoint, with its optimizer, scheduler and step.
    """
    check_method(method)
    p = get_preset(preset)
    p = replace(p, **{k: v for k, v in dict(epochs=epochs, learning_rate=learning_rate, batch_size=batch_size,
                                            gradient_accumulation=gradient_accumulation, max_length=max_length,
                                            prompt_style=prompt_style, warmup_steps=warmup_steps).items()
                   if v is not None})
    if merge and method != "lora":
        raise LrcgError("merge applies to method 'lora' only (a QLoRA adapter is merged into a 16-bit base separately)")
    output_dir = Path(output_dir)
    resume_from = _resume_checkpoint(output_dir, resume)

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

    cuda, bf16 = _hardware()
    # TrainingArguments before the model: with a ZeRO-3 config, from_pretrained then loads the model partitioned.
    args = TrainingArguments(
        output_dir=str(output_dir), num_train_epochs=p.epochs, max_steps=max_steps if max_steps else -1,
        per_device_train_batch_size=p.batch_size, per_device_eval_batch_size=p.batch_size,
        gradient_accumulation_steps=p.gradient_accumulation, learning_rate=p.learning_rate,
        lr_scheduler_type=p.lr_scheduler, warmup_steps=p.warmup_steps,
        save_strategy="epoch" if save_checkpoints else "no", eval_strategy="epoch" if val_examples else "no",
        logging_steps=logging_steps, bf16=bf16, fp16=cuda and not bf16, use_cpu=not cuda, report_to="none",
        seed=seed, data_seed=seed, deepspeed=str(deepspeed) if deepspeed else None,
        remove_unused_columns=False, dataloader_pin_memory=cuda, **_checkpointing_flag(gradient_checkpointing),
    )
    set_seed(seed)
    net, tokenizer = _load_for_training(str(model), method, None if init_adapter is None else str(init_adapter),
                                        lora, gradient_checkpointing)
    train_rows = tokenize_examples(train_examples, tokenizer, p.prompt_style, p.max_length, "training data")
    val_rows = (tokenize_examples(val_examples, tokenizer, p.prompt_style, p.max_length, "validation data")
                if val_examples else None)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    trainer = Trainer(model=net, args=args, train_dataset=train_rows.rows,
                      eval_dataset=val_rows.rows if val_rows else None,
                      data_collator=lambda rows: collate(rows, pad), processing_class=tokenizer, callbacks=callbacks)
    initial = trainable_fingerprint(net)
    # Not under DeepSpeed: an evaluate() before train() initialises its engine for inference only.
    loss_before = trainer.evaluate()["eval_loss"] if val_rows and resume_from is None and not deepspeed else None
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
            init_adapter=None if init_adapter is None else str(init_adapter), resumed_from=resume_from,
            train_examples=train_rows.total, validation_examples=val_rows.total if val_rows else 0,
            dropped_too_long=train_rows.dropped_too_long + (val_rows.dropped_too_long if val_rows else 0),
            eval_loss_before=loss_before, eval_loss_after=loss_after, train_loss=result.training_loss,
            train_runtime_s=result.metrics.get("train_runtime"),
            train_samples_per_second=result.metrics.get("train_samples_per_second"),
            global_step=trainer.state.global_step, initial_weights=initial,
            final_weights=trainable_fingerprint(trainer.model), output="adapter" if method != "full" and not merge
            else "model",
        )
        (output_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n")
    trainer.accelerator.wait_for_everyone()  # multi-process: every rank returns once the output is complete
    return output_dir


def read_summary(output_dir: str | Path) -> dict:
    path = Path(output_dir) / SUMMARY_FILE
    if not path.is_file():
        raise LrcgError(f"{str(output_dir)!r} has no {SUMMARY_FILE} (not an lrcg training output)")
    return json.loads(path.read_text())


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
    stage1_done = (stage1_dir / SUMMARY_FILE).is_file()
    if not stage1_done:
        stage1_resume = resume and stage1_dir.is_dir() and any(stage1_dir.glob("checkpoint-*"))
        train(model, translation_data, method, preset, stage1_dir, resume=stage1_resume, **kwargs)
    stage2_resume = resume and stage2_dir.is_dir() and any(stage2_dir.glob("checkpoint-*"))
    if method == "full":
        return train(stage1_dir, generation_data, method, preset, stage2_dir, resume=stage2_resume, **kwargs)
    return train(model, generation_data, method, preset, stage2_dir, init_adapter=stage1_dir, resume=stage2_resume,
                 **kwargs)
