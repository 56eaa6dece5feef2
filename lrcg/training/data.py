"""Training data as instruction/response pairs, from CodeM, MultiPL-T or local JSON/JSONL files.

A data spec names a source (`load_examples(spec)`; the same strings work on the command line):

  codem:LANG             CodeM instruction data (Hub `Daoguang/CodeM-Multilinugal-Data`, file LANG.json);
                         LANG in python, js, ts, c, cpp, java, go, html, mixed
  codem:FILE.json[l]     the same, from a local file with the same fields
  multipl-t:LANG         paper A's code-generation pairs from MultiPL-T (Hub `nuprl/MultiPL-T`, split of LANG):
                         instruction = leading comment (docstring) + signature, response = body
  multipl-t:FILE.jsonl   the same, from a local file of MultiPL-T records (field `content`); language from
                         the file name stem (`racket.jsonl`, `rkt.jsonl`, `lua.jsonl`, ...) or `multipl-t:LANG:FILE`
  translation:LANG       paper A's Python -> LANG translation pairs: MultiPL-T LANG functions matched to their
                         Python source (`nuprl/stack-dedup-python-testgen-starcoder-filter-v2`) by normalised
                         function name and the first 50 characters of the docstring
  translation:LANG:PY.jsonl:TARGET.jsonl   the same from local files (field `content` in both)
  FILE.json[l]           ready-made pairs: fields `instruction` and `output` (or `response`)

CodeM field names: the dataset card does not document them. We read the instruction from the first present
of `instruction`, `problem`, `prompt` (plus a non-empty `input`, appended on a new line, as in Alpaca-style
data) and the answer from `output`, `response`, `answer`, `completion`; a record with none is an error that
names the file and the fields looked for.

Prompt formatting happens at tokenisation (`tokenize_examples`): `codem` is Figure 2 of the CodeM paper verbatim,
`chat` is the model's own chat template (what paper A's DeepSeek-Coder scripts used).
"""
from __future__ import annotations

import json
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LrcgError, unknown_choice
from ..execution.languages import LANGUAGES, get_language

log = logging.getLogger(__name__)

IGNORE_INDEX = -100  # label of a token the loss skips (prompt and padding)

# CodeM paper, Figure 2 (verbatim; SPEC.md). The prompt is everything before {response}.
CODEM_TRAINING_PROMPT = (
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n### Instruction:\n{problem}\n\n### Response:\n{response}"
)
PROMPT_STYLES = ("codem", "chat")

CODEM_HUB_ID = "Daoguang/CodeM-Multilinugal-Data"  # sic: the Hub id is misspelt
CODEM_LANGUAGES = ("python", "js", "ts", "c", "cpp", "java", "go", "html", "mixed")
_CODEM_ALIASES = {"py": "python", "javascript": "js", "typescript": "ts", "c++": "cpp"}
INSTRUCTION_FIELDS = ("instruction", "problem", "prompt")
RESPONSE_FIELDS = ("output", "response", "answer", "completion")

MULTIPL_T_HUB_ID = "nuprl/MultiPL-T"
PYTHON_SOURCE_HUB_ID = "nuprl/stack-dedup-python-testgen-starcoder-filter-v2"
# lrcg language name -> MultiPL-T split name (MultiPL-T also has OCaml, which lrcg cannot run)
MULTIPL_T_SPLITS = {lang.name: lang.multipl_t_split for lang in LANGUAGES.values() if lang.multipl_t_split}


@dataclass(frozen=True)
class Example:
    instruction: str
    response: str


# ---------------------------------------------------------------- reading records

def _read_records(path: Path) -> list[dict]:
    """Records of a .json (a list, or {"data"/"train": [...]}) or .jsonl file."""
    if not path.is_file():
        raise LrcgError(f"data file {str(path)!r} does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        records = data if isinstance(data, list) else data.get("data") or data.get("train") or [data]
    except json.JSONDecodeError:  # JSON Lines (whatever the suffix)
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            raise LrcgError(f"data file {str(path)!r} is neither JSON nor JSON Lines: {e}") from None
    if not all(isinstance(r, dict) for r in records):
        raise LrcgError(f"data file {str(path)!r} must hold JSON objects (one record per object)")
    return records


def _hub_records(hub_id: str, **kwargs) -> list[dict]:
    """Records from a Hub dataset (needs network or a populated HF cache)."""
    try:
        import datasets

        ds = datasets.load_dataset(hub_id, **kwargs)
    except Exception as e:  # network, auth, missing split: all reported the same way
        raise LrcgError(f"cannot load {hub_id} ({kwargs}) from the Hub: {str(e).splitlines()[0] if str(e) else e!r}; "
                        "download it and pass a local file instead") from None
    return list(ds)


def _field(record: dict, names: tuple[str, ...], source: str, index: int) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    raise LrcgError(f"{source}: record {index} has no non-empty field {' / '.join(names)} "
                    f"(fields present: {', '.join(sorted(record)) or 'none'})")


def pairs_from_records(records: list[dict], source: str) -> list[Example]:
    """Instruction/response records (CodeM fields or `instruction`/`output`) -> Examples."""
    out = []
    for i, r in enumerate(records):
        instruction = _field(r, INSTRUCTION_FIELDS, source, i)
        extra = r.get("input")
        if isinstance(extra, str) and extra.strip():
            instruction = f"{instruction}\n{extra}"
        out.append(Example(instruction, _field(r, RESPONSE_FIELDS, source, i)))
    return out


def _contents(records: list[dict], source: str) -> list[str]:
    return [_field(r, ("content",), source, i) for i, r in enumerate(records)]


# ---------------------------------------------------------------- code-generation pairs (paper A technique 5)

def _multipl_t_language(name: str) -> str:
    try:
        lang = get_language(name).name
    except LrcgError:
        lang = name
    if lang not in MULTIPL_T_SPLITS:
        raise unknown_choice("MultiPL-T language", name, MULTIPL_T_SPLITS)
    return lang


def split_docstring(code: str, language: str) -> tuple[str, str]:
    """(leading comment/docstring block, rest) of a target-language function; `#lang` lines go with the comment."""
    lines = code.strip("\n").split("\n")
    head: list[str] = []
    i = 0
    lang = get_language(language)
    if lang.docstring == "string-before":  # Julia: a """...""" string before the function
        if lines and lines[0].strip().startswith('"""'):
            closing = lines[0].strip().count('"""') >= 2
            head.append(lines[0])
            i = 1
            while not closing and i < len(lines):
                head.append(lines[i])
                closing = '"""' in lines[i]
                i += 1
    else:
        comment = lang.comment
        while i < len(lines) and (lines[i].strip().startswith((comment, "#lang")) or not lines[i].strip()):
            head.append(lines[i])
            i += 1
    return "\n".join(head).strip(), "\n".join(lines[i:])


def _signature_end(lines: list[str], skip_first_paren: bool) -> int:
    """Index of the line that closes the first parenthesised group (the parameter list); -1 if none."""
    depth, skipped = 0, not skip_first_paren
    for n, line in enumerate(lines):
        for ch in line:
            if ch == "(":
                if not skipped:
                    skipped = True
                    continue
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
                if depth == 0:
                    return n
    return -1


def generation_pair(code: str, language: str) -> Example | None:
    """instruction = docstring + signature, response = body (the rest); None when no signature/body is found."""
    doc, func = split_docstring(code, language)
    lines = func.split("\n")
    # Racket: `(define (f x) ...` - the parameter list is the second parenthesis.
    end = _signature_end(lines, skip_first_paren=get_language(language).block_family == "paren")
    if end < 0 or end >= len(lines) - 1:
        return None
    signature, body = "\n".join(lines[: end + 1]), "\n".join(lines[end + 1:])
    if not body.strip():
        return None
    return Example(f"{doc}\n{signature}" if doc else signature, body)


def generation_pairs(contents: list[str], language: str, source: str) -> list[Example]:
    pairs = [generation_pair(c, language) for c in contents]
    kept = [p for p in pairs if p is not None]
    if len(kept) < len(pairs):
        log.warning("%s: %d of %d functions have no recognisable signature/body and were skipped",
                    source, len(pairs) - len(kept), len(pairs))
    return kept


# ---------------------------------------------------------------- translation pairs (paper A technique 6)

def function_name(code: str, language: str) -> str | None:
    return get_language(language).function_name(code)


def normalize_name(name: str | None) -> str | None:
    """camelCase, snake_case, kebab-case and dotted names of the same function compare equal."""
    if not name:
        return None
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _docstring(code: str, language: str) -> str:
    if get_language(language).docstring == "inside":
        parts = re.split(r'"""|\'\'\'', code, maxsplit=2)
        doc = parts[1] if len(parts) > 2 else ""
    else:
        doc = split_docstring(code, language)[0]
        doc = re.sub(r"#lang\s+\S+", "", doc)
        doc = re.sub(r'"""|#\'|#\||\|#|--\[\[|\]\]|;+|--+|#+', " ", doc)
    return doc


def match_key(code: str, language: str) -> tuple[str, str] | None:
    """(normalised function name, first 50 characters of the whitespace-collapsed docstring)."""
    name = normalize_name(function_name(code, language))
    if name is None:
        return None
    return name, re.sub(r"\s+", " ", _docstring(code, language)).strip()[:50]


def translation_instruction(language: str) -> str:
    return f"Translate the following Python function to {get_language(language).display}:\n\n"


def translation_pairs(python_contents: list[str], target_contents: list[str], language: str) -> list[Example]:
    """Python -> target pairs for target functions whose key matches a Python function (first match wins)."""
    by_key: dict[tuple[str, str], str] = {}
    for code in python_contents:
        key = match_key(code, "py")
        if key is not None:
            by_key.setdefault(key, code)
    prefix = translation_instruction(language)
    out, seen = [], set()
    for code in target_contents:
        python = by_key.get(match_key(code, language) or ("", ""))
        if python is not None and python not in seen:  # one pair per Python function, as the paper dedups
            seen.add(python)
            out.append(Example(prefix + python, code))
    log.info("translation %s: %d of %d target functions matched a Python function", language, len(out),
             len(target_contents))
    return out


# ---------------------------------------------------------------- specs

def _is_file_arg(value: str) -> bool:
    return value.endswith((".json", ".jsonl")) or "/" in value or Path(value).exists()


def load_examples(spec: str | Path) -> list[Example]:
    """Examples for a data spec (see the module docstring). Raises LrcgError naming bad specs, files and fields."""
    spec = str(spec)
    kind, _, rest = spec.partition(":")
    if not rest or kind not in ("codem", "multipl-t", "translation"):
        if _is_file_arg(spec):
            return _nonempty(pairs_from_records(_read_records(Path(spec).expanduser()), spec), spec)
        raise LrcgError(f"unknown data spec {spec!r} (valid: codem:LANG, multipl-t:LANG, translation:LANG, "
                        "or a .json/.jsonl file of instruction/output records)")
    if kind == "codem":
        if _is_file_arg(rest):
            records = _read_records(Path(rest).expanduser())
        else:
            lang = _CODEM_ALIASES.get(rest.lower(), rest.lower())
            if lang not in CODEM_LANGUAGES:
                raise unknown_choice("CodeM language", rest, CODEM_LANGUAGES)
            records = _hub_records(CODEM_HUB_ID, data_files=f"{lang}.json", split="train")
        return _nonempty(pairs_from_records(records, spec), spec)
    if kind == "multipl-t":
        parts = rest.split(":", 1)
        if len(parts) == 2:
            lang, path = _multipl_t_language(parts[0]), Path(parts[1]).expanduser()
        elif _is_file_arg(rest):
            path = Path(rest).expanduser()
            lang = _multipl_t_language(path.name.split(".")[0])
        else:
            lang, path = _multipl_t_language(rest), None
        records = (_read_records(path) if path is not None
                   else _hub_records(MULTIPL_T_HUB_ID, split=MULTIPL_T_SPLITS[lang]))
        return _nonempty(generation_pairs(_contents(records, spec), lang, spec), spec)
    parts = rest.split(":")
    lang = _multipl_t_language(parts[0])
    if len(parts) == 3:
        python = _read_records(Path(parts[1]).expanduser())
        target = _read_records(Path(parts[2]).expanduser())
    elif len(parts) == 1:
        python = _hub_records(PYTHON_SOURCE_HUB_ID, split="train")
        target = _hub_records(MULTIPL_T_HUB_ID, split=MULTIPL_T_SPLITS[lang])
    else:
        raise LrcgError(f"bad translation spec {spec!r} (valid: translation:LANG or translation:LANG:PY.jsonl:TARGET.jsonl)")
    pairs = translation_pairs(_contents(python, f"{spec} (Python)"), _contents(target, f"{spec} (target)"), lang)
    return _nonempty(pairs, spec, "no target function matched a Python function by name and docstring")


def _nonempty(examples: list[Example], spec: str, why: str = "no usable records") -> list[Example]:
    if not examples:
        raise LrcgError(f"data {spec!r} is empty: {why}")
    return examples


def split_train_validation(examples: list[Example], validation_fraction: float = 0.05,
                           seed: int = 0) -> tuple[list[Example], list[Example]]:
    """Seeded shuffle, then the last `validation_fraction` (at least one example when fraction > 0) is validation."""
    if not 0 <= validation_fraction < 1:
        raise LrcgError(f"validation fraction {validation_fraction} must be in [0, 1)")
    shuffled = list(examples)
    random.Random(seed).shuffle(shuffled)
    n_val = max(1, round(len(shuffled) * validation_fraction)) if validation_fraction > 0 else 0
    if n_val >= len(shuffled):
        raise LrcgError(f"{len(shuffled)} examples are too few for a validation split of {validation_fraction}")
    return shuffled[: len(shuffled) - n_val], shuffled[len(shuffled) - n_val:]


# ---------------------------------------------------------------- tokenisation

def format_prompt(instruction: str, style: str, tokenizer=None) -> str:
    """The text before the response: Figure 2 of CodeM (`codem`) or the tokenizer's chat template (`chat`)."""
    if style == "codem":
        return CODEM_TRAINING_PROMPT.format(problem=instruction, response="")
    if style == "chat":
        if tokenizer is None or not getattr(tokenizer, "chat_template", None):
            raise LrcgError("prompt style 'chat' needs a tokenizer with a chat template (use prompt style 'codem')")
        return tokenizer.apply_chat_template([{"role": "user", "content": instruction}], tokenize=False,
                                             add_generation_prompt=True)
    raise unknown_choice("prompt style", style, PROMPT_STYLES)


@dataclass(frozen=True)
class TokenizedData:
    rows: list[dict]  # {"input_ids": [...], "labels": [...]}
    dropped_too_long: int
    total: int


def tokenize_example(example: Example, tokenizer, style: str) -> dict:
    """input_ids = prompt + response + EOS; labels = -100 over the prompt, the token ids over the response."""
    prompt = format_prompt(example.instruction, style, tokenizer)
    prompt_ids = tokenizer(prompt, add_special_tokens=style == "codem")["input_ids"]
    response_ids = tokenizer(example.response, add_special_tokens=False)["input_ids"]
    if tokenizer.eos_token_id is not None:
        response_ids = response_ids + [tokenizer.eos_token_id]
    return {"input_ids": prompt_ids + response_ids, "labels": [IGNORE_INDEX] * len(prompt_ids) + response_ids}


def tokenize_examples(examples: list[Example], tokenizer, style: str, max_length: int,
                      what: str = "training data") -> TokenizedData:
    """Tokenise, dropping (not truncating) examples longer than `max_length` tokens; logs how many were dropped."""
    rows = [tokenize_example(e, tokenizer, style) for e in examples]
    kept = [r for r in rows if len(r["input_ids"]) <= max_length]
    dropped = len(rows) - len(kept)
    if dropped:
        log.warning("%s: dropped %d of %d examples longer than %d tokens", what, dropped, len(rows), max_length)
    if not kept:
        raise LrcgError(f"{what} is empty after length filtering: all {len(rows)} examples are longer than "
                        f"{max_length} tokens (raise --max-length)")
    return TokenizedData(kept, dropped, len(rows))


def collate(rows: list[dict], pad_token_id: int) -> dict:
    """Right-pad a batch: pad input ids with the pad token, labels with -100, attention mask 0 on padding."""
    import torch

    width = max(len(r["input_ids"]) for r in rows)
    ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        n = len(r["input_ids"])
        ids[i, :n] = torch.tensor(r["input_ids"])
        labels[i, :n] = torch.tensor(r["labels"])
        mask[i, :n] = 1
    return {"input_ids": ids, "labels": labels, "attention_mask": mask}
