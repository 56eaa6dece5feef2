"""Every language lrcg runs, as data: one row of `LANGUAGES` says everything about a language.

A row names the file to write, the commands to compile and run it (argv templates with
``{file}``, ``{stem}``, ``{dir}``, ``{main_class}``), the MultiPL-E timeouts, how exit code,
stdout and stderr map to a status, which warm worker runs it, and how its code is read: how a function
ends (its block family), its comments and strings, how a definition starts and the fence tags that name it.
Nothing else in lrcg special-cases a language: adding one is a row here and its tests.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

from ..errors import LrcgError, unknown_choice

OK, EXCEPTION, SYNTAX_ERROR, TIMEOUT, ASSERTION_ERROR = "OK", "Exception", "SyntaxError", "Timeout", "AssertionError"
STATUSES = (OK, EXCEPTION, SYNTAX_ERROR, TIMEOUT, ASSERTION_ERROR)

JAVATUPLES_JAR = "/usr/share/java/javatuples.jar"  # MultiPL-E's Java prompts import org.javatuples
GO_PATH = "/usr/share/gocode"  # Debian's golang-github-stretchr-testify-dev lives here


@dataclass(frozen=True)
class FailureRules:
    """Regexes that say why a failing program failed (`analysis.failures`), searched in stderr + stdout."""
    undefined: tuple[str, ...] = ()  # undefined name or wrong number of arguments
    type_error: tuple[str, ...] = ()
    resource: tuple[str, ...] = ()  # out of memory / stack
    runtime: tuple[str, ...] = ()  # crashes that the judge reports as a failed assertion
    code_signs: tuple[str, ...] = ()  # a completion line matching one of these looks like this language
    family: str = ""  # languages that share code signs (JavaScript/TypeScript, C/C++); default: the language


_PY_SIGNS = (r"^\s*def \w+\s*\(.*\)\s*(->.*)?:\s*$", r"^\s*(el)?if .+:\s*$", r"^\s*for \w+(,\s*\w+)* in .+:\s*$",
             r"^\s*(from \w+(\.\w+)* )?import \w+\s*$", r"^\s*else:\s*$", r"^\s*while .+:\s*$")
_JS_SIGNS = (r"^\s*(const|let|var) \w+\s*=", r"^\s*function\s+\w+\s*\(.*\)\s*\{", r"console\.log\(", r"===")
_JS_UNDEFINED = (r"ReferenceError", r"is not defined")
_JS_RESOURCE = (r"RangeError: Maximum call stack", r"heap out of memory", r"Invalid array length")
_C_UNDEFINED = (r"was not declared in this scope", r"undeclared", r"too (many|few) arguments to function",
                r"no matching function for call", r"implicit declaration of function")
_C_TYPE = (r"cannot convert", r"invalid conversion", r"no match for .operator", r"incompatible type",
           r"invalid operands")
_C_RESOURCE = (r"std::bad_alloc", r"Cannot allocate memory", r"stack overflow")
_C_SIGNS = (r"^\s*#include\s*[<\"]", r"std::", r"\bvector<", r"\bcout\s*<<", r"\bprintf\(", r"\bmalloc\(")
_C_FAILURES = FailureRules(undefined=_C_UNDEFINED, type_error=_C_TYPE, resource=_C_RESOURCE, code_signs=_C_SIGNS,
                           family="c")

_C_NAME = r"(\w+)\s*(?:<[^()]*>\s*)?\("  # C, C++, Java, Go: the name before the parameters (and type arguments)
_JS_NAMES = (r"^\s*(?:local\s+)?function\s+(?:[\w.]+[.:])?(\w+)",  # function f(
             r"^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=",  # const f = (...) =>
             _C_NAME)


@dataclass(frozen=True)
class Language:
    name: str  # canonical short name, as MultiPL-E spells it (py, js, rkt, jl, ...)
    display: str
    aliases: tuple[str, ...]
    extension: str
    run: tuple[str, ...]
    timeout: float  # seconds for the run step (MultiPL-E's value)
    compile: tuple[str, ...] = ()  # empty: interpreted
    # Generous on purpose: compile time measures the machine's load (tsc took > 15 s on a busy 2-core laptop),
    # not the program, and a correct program must not become a Timeout because the laptop was busy.
    compile_timeout: float = 120.0
    filename: str = "program"  # stem of the source file; "{main_class}" for Java
    # Substrings of stderr/stdout that turn a failed run into a SyntaxError / AssertionError.
    syntax_markers: tuple[str, ...] = ()
    assertion_markers: tuple[str, ...] = ()
    # OK needs exit 0 and none of these in stderr (rackunit and console.assert exit 0 on failure).
    failure_markers_in_stderr: tuple[str, ...] = ()
    ok_requires_empty_stderr: bool = False
    env: tuple[tuple[str, str], ...] = ()  # extra environment for compile and run
    tools: tuple[str, ...] = ()  # executables that must be on PATH
    version_command: tuple[str, ...] = ()
    install_hint: str = ""
    comment: str = "#"  # line-comment prefix, used by prompting and HumanEval-C
    memory_limit_mb: int | None = 4096  # address-space cap; None where the runtime reserves huge VM (JVM, Go, node)
    # (environment variable, directory under LRCG_CACHE_DIR): a build cache shared by every program, writable
    cache_env: tuple[tuple[str, str], ...] = ()
    # Warm mode (warm.py): the worker that runs the language's programs (a key of warm.WORKERS), what that
    # worker runs itself instead of exec'ing the toolchain ("python", "lua", "typescript"; "" = nothing),
    # and whether a timeout in the worker is confirmed in process mode (the JVM shares its heap with javac).
    warm_worker: str = "forkserver"
    in_worker: str = ""
    confirm_timeouts_in_process: bool = False
    # Reading code (generation/postprocess.py): how a function ends — "indent" (Python), "brace" (`{`/`}`),
    # "paren" (Racket), "lua" or "julia" (keywords against `end`); block comments and the quotes whose strings
    # may span lines (brace scanner), string quotes (`'` quotes a datum in Racket), the regex of a definition
    # of `{name}` at a line start (non-brace languages), whether a body starts on the line after its
    # signature, and the fence tags (lower case) naming the language besides its name and aliases.
    block_family: str = "brace"
    block_comment: tuple[str, str] | None = None
    multiline_quotes: str = ""
    string_quotes: str = "\"'"
    definition_pattern: str = ""
    body_on_next_line: bool = False
    fence_tags: tuple[str, ...] = ()
    # Regexes whose group 1 is a defined function's name, tried in order (`function_name`): on a prompt's
    # signature line (chat extraction) and in stand-alone code (training pairs)
    name_patterns: tuple[str, ...] = (_C_NAME,)
    # Training data (training/data.py): where a function's docstring is — "comment" (comment lines before
    # it), "inside" (Python's string in its body) or "string-before" (Julia's string before it) — and the
    # language's split of MultiPL-T ("": none)
    docstring: str = "comment"
    multipl_t_split: str = ""
    # `lrcg validate`'s trivial wrong body: a statement returning the zero value ("": it depends on the
    # declared return type, validate.TYPED_ZERO_RETURNS)
    zero_return: str = ""
    failures: FailureRules = FailureRules()  # why its failing programs fail (analysis/failures.py)
    notes: str = ""

    def function_name(self, code: str) -> str | None:
        """The name of the first function `code` defines, by `name_patterns`; None if none matches."""
        for pattern in self.name_patterns:
            m = re.search(pattern, code)
            if m:
                return m.group(1)
        return None

    @property
    def timeouts(self) -> float:
        """Worst-case wall time of one program: compile + run."""
        return self.timeout + (self.compile_timeout if self.compile else 0.0)

    def missing_tools(self) -> list[str]:
        return [t for t in self.tools if shutil.which(t) is None]

    def check_toolchain(self) -> None:
        missing = self.missing_tools()
        if missing:
            raise LrcgError(
                f"{self.display} toolchain missing ({', '.join(missing)} not on PATH): {self.install_hint}"
            )


_NODE_HINT = "apt-get install nodejs npm (Node >= 18), then npm install -g js-md5"

LANGUAGES: dict[str, Language] = {
    lang.name: lang
    for lang in [
        Language(
            name="py", display="Python", aliases=("python", "python3"), extension=".py",
            run=("python3", "{file}"), timeout=15,
            syntax_markers=("SyntaxError", "IndentationError", "TabError"),
            assertion_markers=("AssertionError",),
            tools=("python3",), version_command=("python3", "--version"),
            install_hint="apt-get install python3",
            block_family="indent", in_worker="python", body_on_next_line=True, fence_tags=("py3",),
            definition_pattern=r"^[ \t]*(?:async[ \t]+)?def[ \t]+{name}[ \t]*\(",
            name_patterns=(r"def\s+([A-Za-z_]\w*)",),
            docstring="inside",
            zero_return="    return None\n",
            failures=FailureRules(
                undefined=(r"\bNameError\b", r"\bUnboundLocalError\b", r"TypeError: .*takes .*positional argument",
                       r"TypeError: .*missing \d+ required", r"TypeError: .*takes (exactly|at most|no) .*argument",
                       r"TypeError: .*expected (at most |at least )?\d+ arguments?, got \d+",
                       r"TypeError: .*got an unexpected keyword argument"),
                type_error=(r"\bTypeError\b", r"\bAttributeError\b"),
                resource=(r"\bMemoryError\b", r"\bRecursionError\b"),
                code_signs=_PY_SIGNS,
            ),
        ),
        Language(
            name="js", display="JavaScript", aliases=("javascript", "node"), extension=".js",
            run=("node", "{file}"), timeout=15,
            syntax_markers=("SyntaxError:",),
            # HumanEval-X uses console.assert, which prints and exits 0; MultiPL-E uses node:assert.
            assertion_markers=("AssertionError", "Assertion failed"),
            failure_markers_in_stderr=("Assertion failed",),
            # HumanEval-X JavaScript/162 requires the npm package js-md5 (installed globally).
            env=(("NODE_PATH", "/usr/local/lib/node_modules:/usr/lib/node_modules"),),
            tools=("node",), version_command=("node", "--version"), install_hint=_NODE_HINT,
            comment="//", memory_limit_mb=None,
            block_comment=("/*", "*/"), multiline_quotes="`", warm_worker="node", fence_tags=("jsx",),
            name_patterns=_JS_NAMES,
            zero_return="  return undefined;\n",
            failures=FailureRules(
                undefined=_JS_UNDEFINED,
                type_error=(r"\bTypeError\b",),
                resource=_JS_RESOURCE,
                code_signs=_JS_SIGNS,
                family="js",
            ),
        ),
        Language(
            name="ts", display="TypeScript", aliases=("typescript",), extension=".ts",
            compile=("tsc", "--target", "esnext", "{file}"),
            run=("node", "{stem}.js"), timeout=15,
            assertion_markers=("AssertionError", "Assertion failed"),
            failure_markers_in_stderr=("Assertion failed",),
            tools=("tsc", "node"), version_command=("tsc", "--version"),
            install_hint="npm install -g typescript (and apt-get install nodejs)",
            comment="//", memory_limit_mb=None,
            notes="any tsc diagnostic (type error included) is a SyntaxError, as in MultiPL-E",
            block_comment=("/*", "*/"), multiline_quotes="`", warm_worker="node", in_worker="typescript",
            fence_tags=("tsx",),
            name_patterns=_JS_NAMES,
            zero_return="  return undefined;\n",
            failures=FailureRules(
                undefined=(r"error TS2304", r"error TS2552", r"error TS2554", r"error TS2555", *_JS_UNDEFINED),
                type_error=(r"error TS2322", r"error TS2345", r"error TS2339", r"error TS2362", r"error TS2365",
                        r"\bTypeError\b"),
                resource=_JS_RESOURCE,
                code_signs=_JS_SIGNS,
                family="js",
            ),
        ),
        Language(
            name="cpp", display="C++", aliases=("c++", "cxx"), extension=".cpp",
            # -lcrypto: HumanEval-X CPP/162 uses OpenSSL's MD5, and CodeGeeX's harness links it.
            compile=("g++", "-std=c++17", "-O0", "{file}", "-o", "{stem}", "-lcrypto"),
            run=("./{stem}",), timeout=15,
            assertion_markers=("Assertion `", "assertion failed"),
            tools=("g++",), version_command=("g++", "--version"), install_hint="apt-get install g++ libssl-dev libboost-dev",
            comment="//",
            block_comment=("/*", "*/"), fence_tags=("cc", "c++", "hpp"),
            zero_return="    return {};\n",
            failures=_C_FAILURES,
        ),
        Language(
            name="c", display="C", aliases=(), extension=".c",
            compile=("gcc", "-std=c11", "{file}", "-o", "{stem}", "-lm"),
            run=("./{stem}",), timeout=15,
            assertion_markers=("Assertion `", "assertion failed"),
            tools=("gcc",), version_command=("gcc", "--version"), install_hint="apt-get install gcc",
            comment="//",
            block_comment=("/*", "*/"), fence_tags=("h",),
            zero_return="    return 0;\n",
            failures=_C_FAILURES,
        ),
        Language(
            name="java", display="Java", aliases=(), extension=".java", filename="{main_class}",
            compile=("javac", "-nowarn", "-encoding", "UTF-8", "-cp", JAVATUPLES_JAR, "-d", "classes", "{file}"),
            run=("java", "-ea", "-Xss8m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                 "-cp", "classes:" + JAVATUPLES_JAR, "{main_class}"),
            timeout=15,
            assertion_markers=("java.lang.AssertionError",),
            tools=("javac", "java"), version_command=("javac", "-version"),
            install_hint="apt-get install default-jdk-headless libjavatuples-java",
            comment="//", memory_limit_mb=None,
            notes="the file is named after the public class (HumanEval-X: Main) or else the class with main()",
            block_comment=("/*", "*/"), warm_worker="java", confirm_timeouts_in_process=True,
            failures=FailureRules(
                undefined=(r"cannot find symbol", r"cannot be applied to given types"),
                type_error=(r"incompatible types", r"bad operand type", r"ClassCastException", r"cannot be converted to"),
                resource=(r"OutOfMemoryError", r"StackOverflowError"),
                code_signs=(r"^\s*(public|private|protected)\b.*[({]\s*$", r"System\.out\.", r"\b(ArrayList|HashMap)<", r"^\s*import java\b",
                        r"\bString\[\]"),
            ),
        ),
        Language(
            name="go", display="Go", aliases=("golang",), extension=".go", filename="main_test",
            # Not `go test -c` and then the binary: measured through lrcg on 30 HumanEval-X canonical programs,
            # it took 14.1-14.4 s against 9.7-10.5 s (process mode) and 11.3-13.4 s against 9.5-10.2 s (warm).
            run=("go", "test", "{file}"), timeout=30,
            syntax_markers=("[build failed]", "[setup failed]"),
            assertion_markers=("--- FAIL",),
            env=(("GO111MODULE", "off"), ("GOPATH", GO_PATH), ("GOFLAGS", "-count=1"), ("CGO_ENABLED", "0")),
            tools=("go",), version_command=("go", "version"),
            install_hint="apt-get install golang-go golang-github-stretchr-testify-dev",
            comment="//", memory_limit_mb=None,
            notes="`go test` builds and runs in one step; the build cache lives in LRCG_CACHE_DIR/go-build",
            block_comment=("/*", "*/"), multiline_quotes="`", cache_env=(("GOCACHE", "go-build"),),
            fence_tags=("golang",),
            failures=FailureRules(
                undefined=(r"undefined: ", r"(too many|not enough) arguments in call"),
                type_error=(r"cannot use .+ as .+", r"mismatched types", r"invalid operation"),
                resource=(r"runtime: out of memory", r"goroutine stack exceeds", r"stack overflow"),
                runtime=(r"\bpanic: ",),
                code_signs=(r"^\s*func\s+\w+\s*\(", r":=", r"^\s*package\s+\w+"),
            ),
        ),
        Language(
            name="lua", display="Lua", aliases=("lua5.4",), extension=".lua",
            run=("lua5.4", "{file}"), timeout=15,
            syntax_markers=("syntax error", "unexpected symbol", "expected near", "'end' expected"),
            assertion_markers=("expected:", "Failed tests:"),
            tools=("lua5.4",), version_command=("lua5.4", "-v"),
            install_hint="apt-get install lua5.4 lua-unit liblua5.4-0", comment="--",
            block_family="lua", in_worker="lua",
            definition_pattern=r"^[ \t]*(?:local[ \t]+)?(?:function[ \t]+(?:[\w.:]+[.:])?{name}[ \t]*\(|{name}[ \t]*=[ \t]*function[ \t]*\()",
            name_patterns=(r"function\s+([A-Za-z_][\w.:]*)",),
            multipl_t_split="lua",
            failures=FailureRules(
                undefined=(r"attempt to call a nil value",),
                type_error=(r"attempt to (perform arithmetic|compare|concatenate|index|get length|call a \w+ value)",
                        r"bad argument #\d+ to"),
                resource=(r"stack overflow", r"not enough memory"),
                code_signs=(r"^\s*local (function )?\w+", r"\bthen\s*$", r"^\s*end\s*$", r"\bdo\s*$", r"~="),
            ),
        ),
        Language(
            name="r", display="R", aliases=("rscript",), extension=".r",
            run=("Rscript", "--vanilla", "{file}"), timeout=5,
            syntax_markers=("unexpected",),
            assertion_markers=("is not TRUE", "are not all TRUE"),
            tools=("Rscript",), version_command=("Rscript", "--version"),
            install_hint="apt-get install r-base-core",
            multiline_quotes="\"'`", warm_worker="r", fence_tags=("rscript",),
            name_patterns=(r"([A-Za-z_.][\w.]*)\s*(?:<-|=)\s*function",),
            multipl_t_split="r",
            failures=FailureRules(
                undefined=(r"could not find function", r"object '.*' not found", r"unused argument",
                       r"argument \".*\" is missing, with no default"),
                type_error=(r"non-numeric argument", r"invalid 'type'", r"non-character argument",
                        r"cannot be coerced to type", r"invalid argument to unary operator"),
                resource=(r"evaluation nested too deeply", r"C stack usage", r"cannot allocate vector"),
                code_signs=(r"<-\s*function\s*\(", r"^\s*[\w.]+\s*<-\s", r"\bc\(", r"\bnchar\(", r"\bpaste0?\("),
            ),
        ),
        Language(
            name="rkt", display="Racket", aliases=("racket",), extension=".rkt",
            run=("racket", "{file}"), timeout=15,
            syntax_markers=("read-syntax", "read:", "bad syntax"),
            assertion_markers=("FAILURE",),
            ok_requires_empty_stderr=True,
            tools=("racket",), version_command=("racket", "--version"),
            install_hint="apt-get install racket", comment=";",
            block_family="paren", string_quotes='"', warm_worker="racket", fence_tags=("racket", "scheme", "lisp"),
            definition_pattern=r"^[ \t]*\(define[ \t]+\({name}(?=[\s)])",
            name_patterns=(r"\(define\s+\(\s*([^\s()]+)",),
            multipl_t_split="racket",
            failures=FailureRules(
                undefined=(r"unbound identifier", r"arity mismatch", r"cannot reference an identifier before its definition"),
                type_error=(r"contract violation",),
                resource=(r"out of memory",),
                code_signs=(r"^\s*\(define\b", r"^#lang\b", r"^\s*\((let\*?|cond|if|lambda|for/\w+)\b", r"^\s*\[\("),
            ),
        ),
        Language(
            name="jl", display="Julia", aliases=("julia",), extension=".jl",
            run=("julia", "--startup-file=no", "--history-file=no", "{file}"), timeout=5,
            syntax_markers=("ParseError", "syntax:"),
            assertion_markers=("Test Failed", "AssertionError"),
            tools=("julia",), version_command=("julia", "--version"),
            install_hint="Julia is not packaged by Debian: install it from https://julialang.org/downloads (juliaup)",
            memory_limit_mb=None,
            notes="MultiPL-E's 5 s timeout excludes nothing: Julia's start-up counts against it",
            block_family="julia", body_on_next_line=True, fence_tags=("julia",),
            definition_pattern=r"^[ \t]*function[ \t]+{name}[ \t]*(?:\{{[^}}\n]*\}}[ \t]*)?\(",
            name_patterns=(r"function\s+([A-Za-z_]\w*!?)",),
            docstring="string-before", multipl_t_split="julia",
            failures=FailureRules(
                undefined=(r"UndefVarError",),
                type_error=(r"MethodError", r"\bTypeError\b", r"InexactError"),
                resource=(r"StackOverflowError", r"OutOfMemoryError"),
                code_signs=(r"^\s*function\s+\w+\(.*\)\s*$", r"^\s*end\s*$", r"\bfor \w+ in \d+:", r"::(Int|Float|String|Vector|Bool)\w*"),
            ),
        ),
    ]
}

_BY_ALIAS = {alias: lang for lang in LANGUAGES.values() for alias in (lang.name, *lang.aliases, lang.display.lower())}


def get_language(name: str | Language) -> Language:
    """Look a language up by its name or any alias (`rkt`/`racket`, `jl`/`julia`, `py`/`python`, ...)."""
    if isinstance(name, Language):
        return name
    lang = _BY_ALIAS.get(str(name).strip().lower())
    if lang is None:
        raise unknown_choice("language", name, LANGUAGES)
    return lang


def parse_languages(text: str | list[str] | tuple[str, ...]) -> list[Language]:
    """`"r,rkt"` or `["r", "racket"]` -> Language rows, in order, without duplicates."""
    names = text.split(",") if isinstance(text, str) else list(text)
    out: list[Language] = []
    for n in names:
        if str(n).strip():
            lang = get_language(n)
            if lang not in out:
                out.append(lang)
    return out


_JAVA_PUBLIC_CLASS = re.compile(r"^\s*public\s+(?:final\s+)?class\s+(\w+)", re.M)
_JAVA_CLASS = re.compile(r"\bclass\s+(\w+)")
_JAVA_MAIN = re.compile(r"public\s+static\s+void\s+main\s*\(")


def java_main_class(source: str) -> str:
    """The class `java` must run: the public class if there is one, else the class declaring main()."""
    public = _JAVA_PUBLIC_CLASS.search(source)
    if public:
        return public.group(1)
    main = _JAVA_MAIN.search(source)
    classes = [m for m in _JAVA_CLASS.finditer(source) if main is None or m.start() < main.start()]
    return classes[-1].group(1) if classes else "Problem"


def source_filename(lang: Language, source: str) -> str:
    stem = lang.filename.replace("{main_class}", java_main_class(source)) if "{main_class}" in lang.filename else lang.filename
    return stem + lang.extension


def judge(lang: Language, *, timed_out: bool, compile_failed: bool, exit_code: int | None,
          stdout: str, stderr: str, over_disk_limit: bool = False) -> str:
    """Map what a program did to a MultiPL-E status. Only `OK` passes. A step that left more than its disk
    limit in its directory fails even when it exited 0 (it may have finished between two checks)."""
    if timed_out:
        return TIMEOUT
    if over_disk_limit:
        return EXCEPTION
    if compile_failed:
        return SYNTAX_ERROR
    text = stderr + "\n" + stdout
    failed = exit_code != 0 or (lang.ok_requires_empty_stderr and stderr.strip() != "") or any(
        m in stderr for m in lang.failure_markers_in_stderr
    )
    if not failed:
        return OK
    if any(m in text for m in lang.syntax_markers):
        return SYNTAX_ERROR
    if any(m in text for m in lang.assertion_markers):
        return ASSERTION_ERROR
    return EXCEPTION
