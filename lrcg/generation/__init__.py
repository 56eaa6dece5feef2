"""Generation: from a benchmark problem and a technique to a prompt, from a model to completions.

  prompting.py        the techniques (baseline, translation examples/rules, few-shot, CodeM): the prompt text,
                      and the completion kept from what the model said (examples and rules in prompts/<lang>/)
  postprocess.py      from model output to a completion: stop strings, code extraction, first-function cuts
  models.py           the papers' models by short name; load_model for the Hub, a folder or a GGUF file
  backends/           the generation backends behind `evaluate`, one module each, chosen from one table
                      (BACKENDS), with the Decoding settings they take and the GenerationStats they return
  batched.py          generate / generate_batches: the decode loop over transformers, hf-generate and vLLM;
                      Request, stop strings, per-sample seeds
  openai_backend.py   an OpenAI-compatible endpoint through the openai client (backends/openai.py)
  llamacpp_backend.py a GGUF in-process through llama-cpp-python (backends/llamacpp.py)
  tiny.py             tiny random models made locally, for tests, smoke runs and benchmarks: they load through
                      models.load_model exactly as a real model does, so they live with it

torch and transformers are imported inside the functions that need them: importing this package (or any
file of it) loads neither. The re-exports come from batched.py and models.py only, which `lrcg --help` loads
anyway; prompting and the rest are imported as modules (`from lrcg.generation import prompting`).
"""
from __future__ import annotations

from .batched import Request, cut_at_stop, generate, generate_batches
from .models import MODEL_REGISTRY, load_model, load_tokenizer, resolve_model

__all__ = ["MODEL_REGISTRY", "Request", "cut_at_stop", "generate", "generate_batches", "load_model",
           "load_tokenizer", "resolve_model"]
