"""Record real SmolLM2-135M-Instruct chat responses at full length (no early stopping) as test fixtures:
`tests/fixtures/smollm2_responses.jsonl`, one row per (language, technique, problem) with the prompt's
problem id and the response. tests/test_early_stop.py checks, on these, that stopping once the kept
completion is settled keeps exactly the completion of the full-length response.

    .venv/bin/python scripts/make_smollm2_fixtures.py [--per-language 6] [--max-new-tokens 320]

Needs the model (`lrcg models fetch smollm2-135m-instruct`) and LRCG_DATA_DIR; about 4 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "smollm2_responses.jsonl"
RUNS = [("py", "baseline"), ("java", "baseline"), ("lua", "baseline"), ("r", "baseline"), ("rkt", "baseline"),
        ("jl", "baseline"), ("r", "few-shot"), ("rkt", "translation-rules"), ("lua", "translation-examples")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-language", type=int, default=4)
    ap.add_argument("--max-new-tokens", type=int, default=256)
    ap.add_argument("--model", default="smollm2-135m-instruct@SmolLM2-135M-Instruct.Q4_1.gguf")
    args = ap.parse_args()

    from lrcg.generation import prompting
    from lrcg.benchmarks import load_benchmark
    from lrcg.generation import Request, generate_batches
    from lrcg.generation.models import load_model

    model, tokenizer = load_model(args.model)
    chosen = []  # (language, technique, problem)
    for lang, technique in RUNS:
        problems = load_benchmark("multipl-e", lang)
        step = max(1, len(problems) // args.per_language)
        chosen += [(lang, technique, p) for p in problems[::step][:args.per_language]]  # easy and hard ones
    requests = [Request(prompting.build_prompt(t, p, tokenizer=tokenizer, chat=True)) for _, t, p in chosen]
    rows = [None] * len(chosen)
    for done in generate_batches(model, tokenizer, requests, max_new_tokens=args.max_new_tokens,
                                 batch_size=len(requests), progress=False):
        for i, response in done:
            lang, technique, p = chosen[i]
            rows[i] = {"language": lang, "technique": technique, "problem": p.task_id,
                       "max_new_tokens": args.max_new_tokens, "response": response}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} responses to {OUT}")


if __name__ == "__main__":
    main()
