"""From model output to a completion: code extraction, first-complete-function cuts (stop strings:
`batched.cut_at_stop`).

Languages fall into five families by how a function ends (`Language.block_family`; what else this module
reads of a language, its comments, strings and definitions, is on its row too):
- `indent` (Python): the first line indented no deeper than the `def` ends it;
- `brace` (C, C++, Java, JavaScript, TypeScript, Go, R): `{`/`}` balance;
- `paren` (Racket): `(`/`[`/`{` balance;
- `lua`, `julia`: block keywords balanced against `end` (Lua: `function`/`if`/`do`/`repeat` vs
  `end`/`until`; Julia: `function`/`if`/`for`/`while`/`begin`/`let`/`do`/`try`/`struct`/... vs `end`,
  outside brackets, where `end` is an index).
Each scanner skips strings and comments. Depths are counted over `problem.prompt + completion`, and the
cut point is where the benchmark's tests expect the program to be: MultiPL-E's C++ and Java tests begin
with the function's closing brace (so the completion must leave it open, as MultiPL-E's stop tokens
`\\n}` / `\\n    }\\n` do), HumanEval-X's Java tests begin after the class (so the completion closes the
method and the class), everything else closes the function.
"""
from __future__ import annotations

import re

from ..benchmarks import Problem
from ..execution.languages import Language, get_language

SCAN_WINDOW = 400  # characters between a function's name and its opening brace, at most

_FENCE = re.compile(r"```[ \t]*([\w+#.-]*)[^\n]*\n(.*?)(?:\n[ \t]*```|\Z)", re.S)
_TAGGED = re.compile(r"\[([A-Z][A-Z+#]*)\]\n?(.*?)\n?\[/\1\]", re.S)  # CodeLlama: [PYTHON]...[/PYTHON]


# ---------------------------------------------------------------------------------------------
# Structure scanners: (start, end, delta) for every token that opens (+1) or closes (-1) a block.

def _skip_quoted(text: str, i: int, quote: str, multiline: bool) -> int:
    """Index just past the string starting at text[i] (== quote); backslash escapes."""
    n = len(text)
    j = i + len(quote)
    while j < n:
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        if text[j] == "\n" and not multiline:
            return j
        j += 1
    return n


def _skip_to(text: str, i: int, end: str) -> int:
    j = text.find(end, i)
    return len(text) if j < 0 else j + len(end)


def _scan_brace(text: str, lang: Language, comments: list | None = None) -> list[tuple[int, int, int]]:
    """Brace events of C-like code (and R); `comments` collects the (start, end) of every comment."""
    opener, closer = lang.block_comment or (None, None)
    events, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith(lang.comment, i):
            end = _skip_to(text, i, "\n") - 1
            if comments is not None:
                comments.append((i, end))
            i = end
        elif opener and text.startswith(opener, i):
            end = _skip_to(text, i + len(opener), closer)
            if comments is not None:
                comments.append((i, end))
            i = end - 1
        elif c in "\"'`":
            i = _skip_quoted(text, i, c, multiline=c in lang.multiline_quotes) - 1
        elif c == "{":
            events.append((i, i + 1, 1))
        elif c == "}":
            events.append((i, i + 1, -1))
        i += 1
    return events


def _scan_paren(text: str) -> list[tuple[int, int, int]]:
    events, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == ";":
            i = _skip_to(text, i, "\n") - 1
        elif text.startswith("#|", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("#|", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("|#", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            i = j - 1
        elif text.startswith("#\\", i):
            i += 2  # character literal: #\( #\) #\space ...
        elif c == '"':
            i = _skip_quoted(text, i, '"', multiline=True) - 1
        elif c in "([{":
            events.append((i, i + 1, 1))
        elif c in ")]}":
            events.append((i, i + 1, -1))
        i += 1
    return events


_WORD = re.compile(r"[^\W\d][\w!]*")  # Unicode letters too: c.isalpha() above admits them
_LUA_OPEN = {"function": 1, "if": 1, "do": 1, "repeat": 1, "end": -1, "until": -1}
_JULIA_OPEN = {w: 1 for w in ("function", "macro", "if", "for", "while", "begin", "let", "do", "try", "struct",
                              "module", "baremodule", "quote")}
_JULIA_OPEN["end"] = -1


def _lua_long_bracket(text: str, i: int) -> int | None:
    """End index of a Lua long bracket `[[...]]` / `[==[...]==]` starting at text[i], else None."""
    m = re.match(r"\[(=*)\[", text[i:i + 64])
    if not m:
        return None
    return _skip_to(text, i + m.end(), "]" + m.group(1) + "]")


def _scan_lua(text: str) -> list[tuple[int, int, int]]:
    events, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("--", i):
            long_end = _lua_long_bracket(text, i + 2)
            i = (long_end if long_end is not None else _skip_to(text, i, "\n")) - 1
        elif c in "\"'":
            i = _skip_quoted(text, i, c, multiline=False) - 1
        elif c == "[" and (long_end := _lua_long_bracket(text, i)) is not None:
            i = long_end - 1
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            word = m.group(0)
            if word in _LUA_OPEN and (i == 0 or text[i - 1] not in ".:"):
                events.append((i, m.end(), _LUA_OPEN[word]))
            i = m.end() - 1
        elif c.isdigit():
            while i + 1 < n and (text[i + 1].isalnum() or text[i + 1] == "."):
                i += 1
        i += 1
    return events


def _scan_julia(text: str) -> list[tuple[int, int, int]]:
    events, i, n, brackets = [], 0, len(text), 0
    while i < n:
        c = text[i]
        if text.startswith("#=", i):
            i = _skip_to(text, i + 2, "=#") - 1
        elif c == "#":
            i = _skip_to(text, i, "\n") - 1
        elif text.startswith('"""', i):
            i = _skip_quoted(text, i, '"""', multiline=True) - 1
        elif c == '"':
            i = _skip_quoted(text, i, '"', multiline=True) - 1
        elif c == "'":
            prev = text[i - 1] if i else " "
            if not (prev.isalnum() or prev in "_)]}'."):  # a character literal, not the adjoint operator
                close = text.find("'", i + 2 if text.startswith("\\", i + 1) else i + 1)
                if 0 <= close - i <= 12:
                    i = close
        elif c in "([{":
            brackets += 1
        elif c in ")]}":
            brackets = max(0, brackets - 1)
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            word = m.group(0)
            if brackets == 0 and word in _JULIA_OPEN and (i == 0 or text[i - 1] not in ".:@"):
                events.append((i, m.end(), _JULIA_OPEN[word]))
            i = m.end() - 1
        i += 1
    return events


def blank_comments(text: str, language: str) -> str:
    """`text` with the comments of a brace language replaced by spaces (offsets and newlines kept)."""
    comments: list[tuple[int, int]] = []
    _scan_brace(text, get_language(language), comments)
    out = list(text)
    for start, end in comments:
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "
    return "".join(out)


_SCANNERS = {"paren": _scan_paren, "lua": _scan_lua, "julia": _scan_julia}  # "brace": _scan_brace reads the row


def structure_events(text: str, language: str) -> list[tuple[int, int, int]]:
    lang = get_language(language)
    if lang.block_family == "brace":
        return _scan_brace(text, lang)
    scanner = _SCANNERS.get(lang.block_family)
    if scanner is None:
        raise ValueError(f"{lang.name} has no block structure scanner (indentation-based)")
    return scanner(text)


def tests_close_depth(tests: str, language: str) -> int:
    """How many blocks the tests close before opening any of their own (MultiPL-E C++: 1, Java: 2)."""
    depth, lowest = 0, 0
    for _, _, d in structure_events(tests, language):
        depth += d
        lowest = min(lowest, depth)
    return -lowest


# ---------------------------------------------------------------------------------------------
# Cutting to the first complete function.

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _statement_starts(lines: list[str]) -> list[bool]:
    """Python: whether each line starts a statement (not inside a triple-quoted string or open brackets)."""
    flags, in_string, brackets = [], None, 0
    for line in lines:
        flags.append(in_string is None and brackets == 0)
        for quote in re.findall(r'"""|\'\'\'', line):
            in_string = None if in_string == quote else (quote if in_string is None else in_string)
        if in_string is None:
            code = re.sub(r"#.*", "", re.sub(r"(\"[^\"\n]*\"|'[^'\n]*')", "", line))
            brackets = max(0, brackets + sum(code.count(b) for b in "([{") - sum(code.count(b) for b in ")]}"))
    return flags


def _cut_indented(completion: str, def_indent: int) -> str:
    """Python: cut at the first statement indented no deeper than the `def`."""
    lines = completion.splitlines(keepends=True)
    pos = 0
    for line, starts in zip(lines, _statement_starts(lines)):
        if starts and line.strip() and _indent(line) <= def_indent:
            break
        pos += len(line)
    body = completion[:pos].rstrip()
    return body + "\n" if body else ""


def _cut_balanced(prefix: str, completion: str, language: str, close_depth: int) -> str:
    """Cut `completion` (continuing `prefix`) where the function opened in `prefix` ends.

    `close_depth`: the block depth the code after the completion expects. When it is at least the depth
    `prefix` leaves open, the function's own closer belongs to that code and the cut goes just before it.
    """
    text = prefix + completion
    base = len(prefix)
    events = structure_events(text, language)
    depth = sum(d for s, _, d in events if s < base)
    start_depth, opened = depth, depth > 0
    keep_open = start_depth > 0 and close_depth >= start_depth
    for s, e, d in events:
        if s < base:
            continue
        depth += d
        opened = opened or depth > 0
        if keep_open and depth < start_depth:
            return completion[: s - base].rstrip(" \t")
        if not keep_open and opened and depth <= close_depth:
            return completion[: e - base]
    return completion


def cut_to_first_function(problem: Problem, completion: str) -> str:
    """`completion` cut where the function begun by `problem.prompt` ends (as the benchmark's tests expect)."""
    lang = get_language(problem.language)
    if lang.block_family == "indent":
        start = signature_start(problem.prompt, lang, problem.entry_point)
        return _cut_indented(completion, _indent(problem.prompt[start:]))
    return _cut_balanced(problem.prompt, completion, lang.name, tests_close_depth(problem.tests, lang.name))


def first_function(code: str, language: str) -> str:
    """The first complete function (or top-level block) of stand-alone `code`."""
    lang = get_language(language)
    if lang.block_family == "indent":
        m = re.search(r"^([ \t]*)(?:async[ \t]+)?def[ \t]", code, re.M)
        if not m:
            return code
        header_end = _definition_body_start(code, lang, m)
        if header_end is None:
            return code
        return code[:header_end] + _cut_indented(code[header_end:], len(m.group(1)))
    return _cut_balanced("", code, lang.name, 0)


# ---------------------------------------------------------------------------------------------
# Signatures: where a function's definition starts in a prompt, and where its body starts in code.

def signature_start(prompt: str, language: str, entry_point: str = "") -> int:
    """Index of the start of the line that begins the entry function's definition in `prompt`."""
    lang = get_language(language)
    if lang.block_family == "indent":
        name = re.escape(entry_point) if entry_point else r"\w+"
        matches = list(re.finditer(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{name}\b", prompt, re.M))
        if not matches and entry_point:
            matches = list(re.finditer(r"^[ \t]*(?:async[ \t]+)?def[ \t]", prompt, re.M))
        return matches[-1].start() if matches else 0
    if lang.block_family == "brace":
        text, comments = blank_comments(prompt, lang.name), ()
    else:
        text, comments = prompt, (lang.comment,)
    code_lines, offset = [], 0  # (start offset, text) of non-blank, non-comment lines
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.strip().startswith(comments):
            code_lines.append((offset, line))
        offset += len(line)
    if not code_lines:
        return 0
    if entry_point:
        for start, line in reversed(code_lines[-4:]):
            if re.search(rf"\b{re.escape(entry_point)}\b", line):
                return start
    return code_lines[-1][0]


def function_name(prompt: str, language: str, entry_point: str = "") -> str:
    """The entry function's name as the prompt's signature spells it (MultiPL-E Java: camelCase)."""
    start = signature_start(prompt, language, entry_point)
    return get_language(language).function_name(prompt[start:_line_end(prompt, start)]) or entry_point


def _balanced_close(code: str, i: int, quotes: str = "\"'") -> int | None:
    """Index just past the parenthesis closing the one at code[i] (strings skipped), else None."""
    depth, n = 0, len(code)
    while i < n:
        c = code[i]
        if c in quotes:
            i = _skip_quoted(code, i, c, multiline=False)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _line_end(code: str, i: int) -> int:
    j = code.find("\n", i)
    return len(code) if j < 0 else j + 1


def _definition_body_start(code: str, lang: Language, m: re.Match) -> int | None:
    """Given a match at a definition's start, the index where its body starts: the line after the signature
    (Python: after the colon), else right after the parameter list (Lua, Racket)."""
    paren = code.find("(", m.start())
    close = _balanced_close(code, paren) if paren >= 0 else None
    if close is None:
        return None
    if lang.block_family == "indent":
        close = code.find(":", close)
        if close < 0:
            return None
    return _line_end(code, close) if lang.body_on_next_line else close


def body_start(code: str, language: str, entry_point: str) -> int | None:
    """Where the body of `entry_point`'s definition starts in `code` (just after its signature), or None."""
    if not entry_point:
        return None
    lang = get_language(language)
    name = re.escape(entry_point)
    if lang.block_family == "brace":
        # Outside comments: the name, its parameter list, then an opening brace before any `;` or `}`
        # (`interface{}` / `{}` pairs in the return type are skipped).
        text = blank_comments(code, lang.name)
        head = rf"\b{name}\s*(?:<[^(){{}};]*>\s*)?(?:(?:=|<-)\s*(?:async\s+)?(?:function\s*)?)?\("
        for m in re.finditer(head, text):
            close = _balanced_close(text, m.end() - 1)
            brace = re.match(r"(?:[^;{}]|\{\s*\})*?\{(?!\s*\})", text[close:close + SCAN_WINDOW]) if close else None
            if brace:
                return close + brace.end()
        return None
    # Definitions start a line (so that "Write a function f() that ..." in a comment or docstring is no match).
    m = re.search(lang.definition_pattern.format(name=name), code, re.M)
    if not m:
        return None
    if lang.block_family == "paren":  # the body follows the (name args) list inside the define
        return _balanced_close(code, m.start() + m.group(0).index("(", 1), quotes=lang.string_quotes)
    return _definition_body_start(code, lang, m)


# ---------------------------------------------------------------------------------------------
# Chat responses.

def _tags(language: str) -> set[str]:
    lang = get_language(language)
    return {lang.name, lang.display.lower(), *lang.aliases, *lang.fence_tags}


_OPENER = re.compile(r"```|^[ \t]*\[[A-Z][A-Z+#]*\]", re.M)  # CodeLlama's tags start a line


def _head(response: str) -> str:
    """The response before its first code fence (``` or CodeLlama's [LANG])."""
    m = _OPENER.search(response)
    return response if m is None else response[:m.start()]


def extract_code(response: str, language: str, entry_point: str = "") -> str:
    """The code of a chat response. A response that defines `entry_point` before any code fence answered in
    plain code: its code is the text before the first fence (later blocks are usage examples). Otherwise the
    fenced block (```lang ... ```, or CodeLlama's [PYTHON]...[/PYTHON]) that defines `entry_point` (else the
    first block in the language, else the first block); the whole response when it has none."""
    head = _head(response)
    if entry_point and body_start(head, language, entry_point) is not None:
        return head
    blocks = [(m.group(1).lower(), m.group(2)) for m in _FENCE.finditer(response)]
    if not blocks:
        blocks = [(m.group(1).lower(), m.group(2)) for m in _TAGGED.finditer(response)]
    if not blocks:
        return response
    tags = _tags(language)
    ours = [code for tag, code in blocks if tag in tags or tag == ""] or [code for _, code in blocks]
    for code in ours:
        if entry_point and body_start(code, language, entry_point) is not None:
            return code
    return ours[0]


def _python_body_indent(prompt: str, def_start: int) -> int:
    """Indentation of the prompt's function body (its docstring), default: the def's plus four."""
    lines = prompt[def_start:].splitlines()
    body = [l for l in lines[1:] if l.strip()]
    return _indent(body[0]) if body else _indent(lines[0]) + 4 if lines else 4


def _reindent(body: str, indent: int) -> str:
    """Shift the statements of `body` so that the least indented one sits at `indent` columns
    (lines inside multi-line strings keep their text)."""
    lines = body.splitlines(keepends=True)
    starts = _statement_starts(lines)
    current = min((_indent(l) for l, s in zip(lines, starts) if s and l.strip()), default=indent)
    shift = indent - current
    if shift == 0:
        return body
    return "".join(l if not (s and l.strip()) else (" " * shift + l if shift > 0 else l[min(-shift, _indent(l)):])
                   for l, s in zip(lines, starts))


def _after_signature_line(problem: Problem, code: str) -> int | None:
    """Where `code` re-states the prompt's signature line verbatim (a line of its own), the index after it."""
    prompt = problem.prompt
    start = signature_start(prompt, problem.language, problem.entry_point)
    line = prompt[start:_line_end(prompt, start)].strip()
    if not line:
        return None
    m = re.search(r"^[ \t]*" + re.escape(line) + r"[ \t]*$", code, re.M)
    if m is None:
        return None
    return _line_end(code, m.end()) if get_language(problem.language).body_on_next_line else m.end()


def completion_from_chat(problem: Problem, response: str) -> str:
    """Completion for `problem.prompt` from a chat response: the extracted code, without the re-stated
    signature when there is one, cut to the first complete function.

    Python bodies are re-indented to the prompt's body indentation (a response may define the function
    inside a class, or return a bare unindented body)."""
    lang = get_language(problem.language)
    name = function_name(problem.prompt, lang.name, problem.entry_point)
    code = extract_code(response, lang.name, name)
    start = _after_signature_line(problem, code)
    definition = body_start(code, lang.name, name)
    if start is None or (definition is not None and start > _line_end(code, definition)):
        start = definition  # the verbatim signature counts only as (or before) the first definition
    body = code if start is None else code[start:]
    if lang.block_family == "indent":
        def_start = signature_start(problem.prompt, lang.name, problem.entry_point)
        if start is not None:  # only the re-stated function's own lines: cut at its def's level first
            definition = re.search(lang.definition_pattern.format(name=re.escape(name)), code, re.M)
            body = _cut_indented(body, _indent(definition.group(0)) if definition else 0)
        body = _reindent(body, _python_body_indent(problem.prompt, def_start))
    elif start is not None and not body[:1].isspace():
        body = " " + body
    return cut_to_first_function(problem, body)


# Text that would change the completion of a chat response whose function is still open (it extends the
# body, a trailing keyword or the signature line, or closes it); none changes a function already closed.
_OPEN_PROBES = ("x", " x", "\n", "\nx", "\n    x", "\n        x\n", "\n}", "\n)", "\nend", "\n```")


def chat_completion_final(problem: Problem, response: str) -> bool:
    """Whether no continuation of `response` can change `completion_from_chat(problem, response)`.

    Settled when the code cannot change any more: a response that defined the function in plain code and
    then opened a fence (the code is what came before it), or the first closed block in the language (or
    untagged) that defines the function. A plain-code response with no fence yet is settled once its first
    function is closed: the scanners read left to right, so only the last token can change by extension,
    and re-extracting with `_OPEN_PROBES` appended shows whether it did (an open function takes them in).
    """
    lang = get_language(problem.language).name
    name = function_name(problem.prompt, lang, problem.entry_point)
    head = _head(response)
    if body_start(head, lang, name) is not None:
        if len(head) < len(response):
            return True
        kept = completion_from_chat(problem, response)
        return all(completion_from_chat(problem, response + probe) == kept for probe in _OPEN_PROBES)
    tags = _tags(lang)
    for m in _FENCE.finditer(response):
        if m.group(1).lower() in tags or m.group(1) == "":
            if not re.match(r"\n[ \t]*```", response[m.end(2):]):
                return False  # this block is still open
            if body_start(m.group(2), lang, name) is not None:
                return True
    return False
