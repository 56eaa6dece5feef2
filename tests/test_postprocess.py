"""Completion post-processing on realistic model output, per language family.

Each case is a model response (chat: an instruct model's reply; completion: a base model continuing the
prompt; codem: CodeM continuing after the signature) and the completion expected to be appended to the
benchmark prompt, reviewed by hand. A few cases per language are also executed end to end.
"""
from __future__ import annotations

import pytest

from conftest import needs_toolchain
from lrcg.benchmarks import Problem, build_program, load_benchmark
from lrcg.execution import Program, run_programs
from lrcg.generation.batched import cut_at_stop
from lrcg.generation.postprocess import extract_code, first_function
from lrcg.generation.prompting import completion_from_response


def problem(benchmark: str, language: str, index: int = 23) -> Problem:
    return next(p for p in load_benchmark(benchmark, language) if p.index == index)


def completion(case) -> str:
    bench, lang, index, mode, response, _ = case
    technique = "codem" if mode == "codem" else "baseline"
    return completion_from_response(problem(bench, lang, index), response, technique, chat=mode == "chat")


# (benchmark, language, HumanEval index, mode, response, expected completion)
PYTHON_LIKE = [
    ("multipl-e", "py", 23, "chat",
     'Here is the implementation:\n\n```python\ndef strlen(string: str) -> int:\n    """ Return length """\n'
     '    return len(string)\n```\n\nThis uses the built-in `len`.',
     '    """ Return length """\n    return len(string)\n'),
    ("multipl-e", "py", 23, "chat",
     "```\ndef strlen(string: str) -> int:\n    return len(string)\n\n\nprint(strlen('abc'))\n```",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "def strlen(string: str) -> int:\n    count = 0\n    for _ in string:\n        count += 1\n    return count\n\n"
     "The function counts the characters one by one.",
     "    count = 0\n    for _ in string:\n        count += 1\n    return count\n"),
    ("multipl-e", "py", 23, "chat",
     "```python\n    return len(string)\n```",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "You only need one line:\n```python\nreturn len(string)\n```",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "Usage:\n```python\nassert strlen('abc') == 3\n```\nSolution:\n```python\nfrom typing import List\n\n"
     "def strlen(string: str) -> int:\n    return len(string)\n```",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "```py\ndef strlen(string: str) -> int:\n    return sum(\n        1 for _ in string\n    )\n\n\n"
     "if __name__ == '__main__':\n    print(strlen('hello'))\n```",
     "    return sum(\n        1 for _ in string\n    )\n"),
    ("multipl-e", "py", 23, "chat",
     "```python\ndef strlen(string: str) -> int:\n    text = '''\nnot code\n'''\n    return len(string)\n\n"
     "def helper():\n    pass\n```",
     "    text = '''\nnot code\n'''\n    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "```python\nclass Solution:\n    def strlen(self, string: str) -> int:\n        return len(string)\n\n"
     "    def other(self):\n        pass\n```",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "chat",
     "```python\ndef strlen(string: str) -> int:\n  n = 0\n  for c in string:\n    n += 1\n  return n\n```",
     "    n = 0\n    for c in string:\n      n += 1\n    return n\n"),
    ("humaneval-x", "py", 23, "chat",
     "```python\ndef strlen(string: str) -> int:\n    # count characters\n    return len(string)\n```",
     "    # count characters\n    return len(string)\n"),
    ("multipl-e", "py", 23, "completion",
     "    return len(string)\n\n\ndef main():\n    print(strlen('x'))\n",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "completion",
     "    return len(string)\nprint(strlen('abc'))\n",
     "    return len(string)\n"),
    ("multipl-e", "py", 23, "codem",
     "    return len(string)\n```\n\nThe function returns the length of the string.",
     "    return len(string)\n"),
]

C_LIKE = [
    ("multipl-e", "cpp", 23, "chat",
     "```cpp\n#include <string>\n\nlong string_length(std::string string) {\n    return string.size();\n}\n\n"
     "int main() {\n    return 0;\n}\n```",
     "\n    return string.size();\n"),
    ("multipl-e", "cpp", 23, "chat",
     "Here's the function:\n\nlong string_length(std::string string) {\n    // a } in a comment, and \"}\" in a string\n"
     "    std::string s = \"}\";\n    return string.length();\n}\n\nIt returns the number of characters.",
     "\n    // a } in a comment, and \"}\" in a string\n    std::string s = \"}\";\n    return string.length();\n"),
    ("multipl-e", "cpp", 23, "completion",
     "    return string.size();\n}\nint main() {\n}\n",
     "    return string.size();"),
    ("multipl-e", "java", 23, "chat",
     "```java\nimport java.util.*;\n\nclass Problem {\n    public static long strlen(String string) {\n"
     "        return string.length();\n    }\n\n    public static void main(String[] args) {\n"
     "        System.out.println(strlen(\"abc\"));\n    }\n}\n```",
     "\n        return string.length();\n"),
    ("humaneval-x", "java", 23, "chat",
     "```java\nclass Solution {\n    public int strlen(String string) {\n        if (string.isEmpty()) { return 0; }\n"
     "        return string.length();\n    }\n}\n```\nThe class compiles on its own.",
     "\n        if (string.isEmpty()) { return 0; }\n        return string.length();\n    }\n}"),
    ("multipl-e", "js", 23, "chat",
     "```javascript\nfunction strlen(string){\n  /* count { braces } too */\n  return string.length;\n}\n"
     "console.log(strlen(`a}b`));\n```",
     "\n  /* count { braces } too */\n  return string.length;\n}"),
    ("humaneval-x", "js", 23, "chat",
     "```js\nconst strlen = (string) => {\n  return [...string].length;\n}\n```",
     "\n  return [...string].length;\n}"),
    ("multipl-e", "ts", 23, "chat",
     "```typescript\nfunction strlen(string: string): number {\n    const s: { n: number } = { n: string.length };\n"
     "    return s.n;\n}\n```",
     "\n    const s: { n: number } = { n: string.length };\n    return s.n;\n}"),
    ("multipl-e", "go", 23, "chat",
     "```go\npackage main\n\nimport \"fmt\"\n\nfunc strlen(myString string) int {\n\treturn len(myString)\n}\n\n"
     "func main() {\n\tfmt.Println(strlen(\"abc\"))\n}\n```",
     "\n\treturn len(myString)\n}"),
    ("humaneval-x", "go", 23, "chat",
     "```golang\nfunc Strlen(str string) int {\n\tn := 0\n\tfor range str {\n\t\tn++\n\t}\n\treturn n\n}\n```",
     "\n\tn := 0\n\tfor range str {\n\t\tn++\n\t}\n\treturn n\n}"),
    ("humaneval-x", "cpp", 23, "chat",
     "```c++\n#include<string>\nusing namespace std;\nint strlen(string str){\n    return str.length();\n}\n```",
     "\n    return str.length();\n}"),
    ("multipl-e", "r", 23, "chat",
     "```r\nstrlen <- function(string) {\n  # '{' in a comment\n  nchar(string)\n}\n\nprint(strlen('abc'))\n```",
     "\n  # '{' in a comment\n  nchar(string)\n}"),
    ("multipl-e", "go", 23, "completion",
     "\n    return len(myString)\n}\n\nfunc main() {\n}\n",
     "\n    return len(myString)\n}"),
    ("humaneval-x", "go", 12, "chat",
     "```go\nfunc Longest(strings []string) interface{} {\n\tif len(strings) == 0 {\n\t\treturn nil\n\t}\n"
     "\treturn strings[0]\n}\n```",
     "\n\tif len(strings) == 0 {\n\t\treturn nil\n\t}\n\treturn strings[0]\n}"),
    ("humaneval-x", "js", 22, "chat",
     "```js\n/* filterIntegers(['a', 3.14, 5]) gives [5]\n  >>> filterIntegers([1, {}, []]) */\n"
     "const filterIntegers = (values) => {\n  return values.filter(Number.isInteger);\n}\n```",
     "\n  return values.filter(Number.isInteger);\n}"),
    ("humaneval-x", "java", 23, "codem",
     "        return string.length();\n    }\n}\n```\nThis solution is O(1).",
     "        return string.length();\n    }\n}"),
    ("multipl-e", "r", 23, "completion",
     "\n  if (string == '') {\n    return(0)\n  }\n  nchar(string)\n}\n\nprint(strlen('abc'))\n",
     "\n  if (string == '') {\n    return(0)\n  }\n  nchar(string)\n}"),
]

LISP = [
    ("multipl-e", "rkt", 23, "chat",
     "```racket\n#lang racket\n\n(define (strlen string)\n  (string-length string))\n```",
     "\n  (string-length string))"),
    ("multipl-e", "rkt", 23, "chat",
     "```scheme\n(define (strlen string)\n  (length (string->list string)))\n\n(strlen \"abc\")\n```",
     "\n  (length (string->list string)))"),
    ("multipl-e", "rkt", 23, "chat",
     "```\n(define (strlen string)\n  ;; a ( in a comment\n  (string-length (string-append \"\" string)))\n```",
     "\n  ;; a ( in a comment\n  (string-length (string-append \"\" string)))"),
    ("multipl-e", "rkt", 23, "chat",
     "```racket\n(define (strlen string)\n  #| ( block comment |#\n  (for/sum ([c string] #:unless (char=? c #\\()) 1)\n"
     "  (string-length string))\n\n(define (helper x) x)\n```",
     "\n  #| ( block comment |#\n  (for/sum ([c string] #:unless (char=? c #\\()) 1)\n  (string-length string))"),
    ("multipl-e", "rkt", 23, "chat",
     "Sure! Here is the Racket function:\n\n(define (strlen string)\n  (string-length string))\n\n"
     "It uses string-length (a built-in).",
     "\n  (string-length string))"),
    ("multipl-e", "rkt", 23, "chat",
     "Tests first:\n```racket\n(require rackunit)\n(check-equal? (strlen \"ab\") 2)\n```\nThen:\n```racket\n"
     "(define (strlen string)\n  (let loop ([i 0])\n    (if (= i (string-length string)) i (loop (+ i 1)))))\n```",
     "\n  (let loop ([i 0])\n    (if (= i (string-length string)) i (loop (+ i 1)))))"),
    ("multipl-e", "rkt", 23, "chat",
     "```racket\n(define (strlen string)\n  (define s \")(\")\n  (string-length string))\n```",
     "\n  (define s \")(\")\n  (string-length string))"),
    ("multipl-e", "rkt", 23, "completion",
     "  (string-length string))\n\n(define (main) (strlen \"x\"))\n",
     "  (string-length string))"),
    ("multipl-e", "rkt", 23, "completion",
     "  (string-length string))",
     "  (string-length string))"),
    ("multipl-e", "rkt", 23, "completion",
     "  (cond [(string=? string \"\") 0]\n        [else (string-length string)]))\n(displayln 1)",
     "  (cond [(string=? string \"\") 0]\n        [else (string-length string)]))"),
    ("multipl-e", "rkt", 23, "codem",
     "  (string-length string))\n```\n\nThis returns the length.",
     "  (string-length string))"),
]

END_DELIMITED = [
    ("multipl-e", "lua", 23, "chat",
     "```lua\nlocal function strlen(string)\n  local n = 0\n  for _ in string:gmatch('.') do\n    n = n + 1\n  end\n"
     "  return n\nend\n\nprint(strlen('abc'))\n```",
     "\n  local n = 0\n  for _ in string:gmatch('.') do\n    n = n + 1\n  end\n  return n\nend"),
    ("multipl-e", "lua", 23, "chat",
     "```lua\nfunction strlen(string)\n  if string == '' then\n    return 0\n  elseif #string > 0 then\n"
     "    return #string -- the end\n  end\nend\n```",
     "\n  if string == '' then\n    return 0\n  elseif #string > 0 then\n    return #string -- the end\n  end\nend"),
    ("multipl-e", "lua", 23, "chat",
     "Here you go:\n\nlocal function strlen(string)\n  local s = [[ end ]]\n  local i = 0\n  repeat\n    i = i + 1\n"
     "  until i > #string\n  return i - 1\nend\n\nlocal function unused() end\n\nThe loop counts characters.",
     "\n  local s = [[ end ]]\n  local i = 0\n  repeat\n    i = i + 1\n  until i > #string\n  return i - 1\nend"),
    ("multipl-e", "lua", 23, "chat",
     "```\n--[[ a helper comment with end ]]\nlocal strlen = function(string)\n  return #string\nend\n```",
     "\n  return #string\nend"),
    ("multipl-e", "lua", 90, "chat",
     "```lua\n-- Write a function next_smallest() that returns the 2nd smallest element of the table.\n"
     "function next_smallest(lst)\n  table.sort(lst)\n  return lst[2]\nend\n```",
     "\n  table.sort(lst)\n  return lst[2]\nend"),
    ("multipl-e", "lua", 23, "completion",
     "  return #string\nend\n\nprint(strlen('x'))\n",
     "  return #string\nend"),
    ("multipl-e", "lua", 23, "codem",
     "  local t = {}\n  for c in string:gmatch('.') do table.insert(t, c) end\n  return #t\nend\n```",
     "  local t = {}\n  for c in string:gmatch('.') do table.insert(t, c) end\n  return #t\nend"),
    ("multipl-e", "jl", 23, "chat",
     "```julia\nfunction strlen(string::String)::Int64\n    n = 0\n    for c in string\n        if c != ' ' || true\n"
     "            n += 1\n        end\n    end\n    return n\nend\n\nprintln(strlen(\"abc\"))\n```",
     "    n = 0\n    for c in string\n        if c != ' ' || true\n            n += 1\n        end\n    end\n"
     "    return n\nend"),
    ("multipl-e", "jl", 23, "chat",
     "```julia\nfunction strlen(string::String)::Int64\n    isempty(string) && return 0\n"
     "    return length(string[1:end])\nend\n```",
     "    isempty(string) && return 0\n    return length(string[1:end])\nend"),
    ("multipl-e", "jl", 23, "chat",
     "```julia\nfunction strlen(string::String)::Int64\n    return sum([1 for c in string if true]; init=0)\nend\n```",
     "    return sum([1 for c in string if true]; init=0)\nend"),
    ("multipl-e", "jl", 23, "chat",
     "```julia\nfunction strlen(string::String)::Int64\n    counts = map(collect(string)) do c\n        1\n    end\n"
     "    # end of the do block\n    return sum(counts; init=0)\nend\n\nfunction other() end\n```",
     "    counts = map(collect(string)) do c\n        1\n    end\n    # end of the do block\n"
     "    return sum(counts; init=0)\nend"),
    ("multipl-e", "jl", 23, "completion",
     "    return length(string)\nend\nfunction main()\nend\n",
     "    return length(string)\nend"),
]

FAMILIES = {"python-like": PYTHON_LIKE, "c-like": C_LIKE, "lisp": LISP, "end-delimited": END_DELIMITED}
ALL = [pytest.param(case, id=f"{fam}-{i}-{case[1]}-{case[3]}") for fam, cases in FAMILIES.items()
       for i, case in enumerate(cases)]


@pytest.mark.parametrize("family", FAMILIES)
def test_at_least_ten_realistic_responses_per_family(family):
    assert len(FAMILIES[family]) >= 10


@pytest.mark.parametrize("case", ALL)
def test_completion_from_response(case):
    assert completion(case) == case[-1]


# Cases whose program is also run against the benchmark's tests: the completion must make it pass.
EXECUTED = [("python-like", 0), ("python-like", 4), ("python-like", 8), ("python-like", 9),
            ("c-like", 0), ("c-like", 3), ("c-like", 5), ("c-like", 11), ("c-like", 15),
            ("lisp", 3), ("lisp", 7), ("end-delimited", 2), ("end-delimited", 3)]


def test_extracted_completions_pass_the_benchmark_tests():
    cases = [FAMILIES[fam][i] for fam, i in EXECUTED]
    for case in cases:
        needs_toolchain(case[1])
    programs = [Program(case[1], build_program(problem(*case[:3]), case[-1])) for case in cases]
    outcomes = run_programs(programs, progress=False, isolation="process")  # the reference execution mode
    assert [o.status for o in outcomes] == ["OK"] * len(cases), [(c[1], o.stderr[-300:]) for c, o in zip(cases, outcomes)]


def test_a_wrong_completion_fails_the_same_tests():
    case = FAMILIES["c-like"][0]
    needs_toolchain("cpp")
    wrong = case[-1].replace("string.size()", "string.size() + 1")
    (outcome,) = run_programs([Program("cpp", build_program(problem(*case[:3]), wrong))], progress=False,
                              isolation="process")
    assert outcome.status != "OK"


def test_truncate_at_stop_cuts_at_the_earliest_stop():
    assert cut_at_stop("a\n#b\ndef c", ("\ndef", "\n#")) == "a"
    assert cut_at_stop("abc", ("\ndef",)) == "abc"
    assert cut_at_stop("abc", ()) == "abc"


def test_extract_code_prefers_the_block_in_the_language_that_defines_the_function():
    response = "```bash\nlua f.lua\n```\n```lua\nprint(1)\n```\n```lua\nlocal function f(x)\n  return x\nend\n```"
    assert extract_code(response, "lua", "f") == "local function f(x)\n  return x\nend"
    assert extract_code(response, "lua") == "print(1)"
    assert extract_code("no fences at all", "lua", "f") == "no fences at all"
    assert extract_code("[PYTHON]\ndef f():\n    return 1\n[/PYTHON]", "py", "f") == "def f():\n    return 1"
    assert extract_code("def f(xs):\n    return xs[I] + xs[J]\n", "py", "f") == "def f(xs):\n    return xs[I] + xs[J]\n"
    assert extract_code("```python\ndef f():\n    return 1", "py", "f") == "def f():\n    return 1"  # unclosed


@pytest.mark.parametrize("language, code, expected", [
    ("py", "def f(x):\n    return x\n\ndef g():\n    pass\n", "def f(x):\n    return x\n"),
    ("cpp", "int f(int x) {\n  return x;\n}\nint g() { return 1; }", "int f(int x) {\n  return x;\n}"),
    ("rkt", "(define (f x)\n  x)\n(define (g) 1)", "(define (f x)\n  x)"),
    ("lua", "local function f(x)\n  if x then return x end\nend\nprint(f(1))", "local function f(x)\n  if x then return x end\nend"),
    ("jl", "function f(x)\n    x[end]\nend\nf([1])", "function f(x)\n    x[end]\nend"),
    ("r", "f <- function(x) {\n  x\n}\nf(1)", "f <- function(x) {\n  x\n}"),
])
def test_first_function_of_standalone_code(language, code, expected):
    assert first_function(code, language) == expected


@pytest.mark.parametrize("language, code, expected", [
    ("lua", "function f(x)\n  local größe = x\n  return größe\nend\nprint(1)\n", "function f(x)\n  local größe = x\n  return größe\nend"),
    ("jl", "function f(x)\n    λ = x\n    return λ\nend\nprintln(1)\n", "function f(x)\n    λ = x\n    return λ\nend"),
])
def test_first_function_with_non_ascii_identifiers(language, code, expected):
    assert first_function(code, language).rstrip() == expected
