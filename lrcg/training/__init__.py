"""Fine-tuning: instruction/response datasets (`data`) and the Trainer-based training loop (`train`).

  data.py            data specs (CodeM, MultiPL-T, translation pairs, local files), tokenisation, masking
  decontaminate.py   drop pairs that share a name or a long word run with an evaluation prompt
  train.py           the Trainer loop: full / LoRA / QLoRA, presets (paper-a, codem, laptop), bf16, resume
  plan.py            fine-tuning plans (params/finetune/*.yaml): data, then adapters (`lrcg finetune`)

    from lrcg.training import load_examples, train
    out = train("deepseek-coder-1.3b-instruct", "multipl-t:rkt", method="lora", preset="paper-a",
                output_dir="runs/ft/rkt-lora")
    # then: lrcg evaluate --model deepseek-coder-1.3b-instruct --adapter runs/ft/rkt-lora
"""
from .data import Example, load_examples, split_train_validation
from .train import METHODS, PRESETS, train, train_two_stage

__all__ = ["Example", "load_examples", "split_train_validation", "METHODS", "PRESETS", "train", "train_two_stage"]
