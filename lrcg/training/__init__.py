"""Fine-tuning: instruction/response datasets (`data`) and the Trainer-based training loop (`train`).

    from lrcg.training import load_examples, train
    out = train("deepseek-coder-1.3b-instruct", "multipl-t:rkt", method="lora", preset="paper-a",
                output_dir="runs/ft/rkt-lora")
    # then: lrcg evaluate --model deepseek-coder-1.3b-instruct --adapter runs/ft/rkt-lora
"""
from .data import Example, load_examples, split_train_validation
from .train import METHODS, PRESETS, train, train_two_stage

__all__ = ["Example", "load_examples", "split_train_validation", "METHODS", "PRESETS", "train", "train_two_stage"]
