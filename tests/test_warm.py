"""Warm mode gives the same status as process mode (the reference) for every program: the hand-written
programs of tests/programs/, HumanEval-X canonical solutions and wrong bodies, and programs that attack
the worker (redefine builtins, leak state into the next program, exit, kill the worker, loop, allocate)."""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import LOOP_TIMEOUT, PROGRAMS, hand_written_program, leftover_cgroups, needs_toolchain
from lrcg.execution import sandbox, warm
from lrcg.benchmarks import build_program, load_benchmark
from lrcg.execution import Program, run_program, run_programs
from lrcg.execution.languages import OK, TIMEOUT
from lrcg.execution.sandbox import Limits
from lrcg.execution.validate import CANONICAL_FAILS, CANONICAL_FLAKY, known_broken, wrong_completion

LANGUAGES = ("py", "js", "ts", "cpp", "c", "java", "go", "lua", "r", "rkt")
X_LANGUAGES = ("py", "js", "cpp", "java", "go")


def _statuses(programs: list[Program], isolation: str, workers: int = 2) -> list[str]:
    return [o.status for o in run_programs(programs, workers=workers, progress=False, isolation=isolation)]


def _recheck_timeouts(programs: list[Program], warm_s: list[str], process_s: list[str]) -> None:
    """A Timeout on one side only can be machine load (other suites run alongside, and tsc or javac
    alone can pass 15 s then): such programs run again, alone, in both modes; the second verdicts count."""
    for i, (w, p) in enumerate(zip(warm_s, process_s)):
        if w != p and TIMEOUT in (w, p):
            warm_s[i] = _statuses([programs[i]], "warm", 1)[0]
            process_s[i] = _statuses([programs[i]], "process", 1)[0]


def _same_status(programs: list[Program], names: list[str], workers: int = 2) -> None:
    warm_s = _statuses(programs, "warm", workers)
    process_s = _statuses(programs, "process", workers)
    _recheck_timeouts(programs, warm_s, process_s)
    assert dict(zip(names, warm_s)) == dict(zip(names, process_s))


def test_hand_written_programs_every_language(data_dir):
    programs, names, loops, loop_names = [], [], [], []
    for lang in LANGUAGES:
        needs_toolchain(lang)
        for path in sorted((PROGRAMS / lang).glob("*.txt")):
            if "loop" in path.stem:
                loops.append(Program(lang, hand_written_program(lang, path.stem), LOOP_TIMEOUT))
                loop_names.append(f"{lang}/{path.stem}")
            else:
                programs.append(Program(lang, hand_written_program(lang, path.stem)))
                names.append(f"{lang}/{path.stem}")
    assert len(programs) >= 7 * len(LANGUAGES) and len(loops) >= len(LANGUAGES)
    _same_status(programs, names)
    # the infinite loops of all languages wait out their timeouts side by side
    _same_status(loops, loop_names, workers=len(loops))


def _x_programs(limit: int | None) -> tuple[list[Program], list[str]]:
    programs, names = [], []
    for lang in X_LANGUAGES:
        needs_toolchain(lang)
        for p in load_benchmark("humaneval-x", lang, limit=limit):
            programs.append(Program(lang, build_program(p, p.canonical_solution)))
            names.append(f"{p.task_id} canonical")
            programs.append(Program(lang, build_program(p, wrong_completion(p))))
            names.append(f"{p.task_id} wrong")
    return programs, names


def test_humaneval_x_subset(data_dir):
    programs, names = _x_programs(limit=3)
    _same_status(programs, names)


@pytest.mark.slow
def test_humaneval_x_every_canonical_solution(data_dir):
    """Warm mode on all 164 x 5 canonical solutions: OK wherever process mode is OK, which
    tests/test_canonical.py establishes for every problem not listed as canonical_fails; the listed ones
    run in both modes. Flaky ones (canonical_flaky) have no verdict to compare."""
    programs, names = [], []
    for lang in X_LANGUAGES:
        needs_toolchain(lang)
        for p in load_benchmark("humaneval-x", lang):
            programs.append(Program(lang, build_program(p, p.canonical_solution)))
            names.append(p.task_id)
    assert len(programs) == 164 * len(X_LANGUAGES)
    warm_s = dict(zip(names, _statuses(programs, "warm")))
    listed = {k.task_id for k in known_broken("humaneval-x") if k.kind == CANONICAL_FAILS}
    flaky = {k.task_id for k in known_broken("humaneval-x") if k.kind == CANONICAL_FLAKY}
    assert {n: s for n, s in warm_s.items() if n not in listed | flaky and s != OK} == {}
    broken = [(n, p) for n, p in zip(names, programs) if n in listed]
    process_s = _statuses([p for _, p in broken], "process")
    assert {n: warm_s[n] for n, _ in broken} == dict(zip([n for n, _ in broken], process_s))


# Attacks. "poison" tampers with everything it can reach and exits 0; "victim", run next in the same
# worker, checks that nothing of it is visible (OK in process mode, where every program is fresh).
ATTACKS: dict[str, dict[str, str]] = {
    "py": {
        "poison": "import builtins, math, os\nbuiltins.len = lambda x: 42\nmath.sqrt = lambda x: -1\n"
                  "os.environ['LEAK'] = '1'\nopen('leak.txt', 'w').write('x')\nopen('../leak.txt', 'w').write('x')\n"
                  "import sys\nsys.modules['json'] = None\n",
        "victim": "import math, os, json\nassert len([1, 2]) == 2\nassert math.sqrt(4) == 2\n"
                  "assert 'LEAK' not in os.environ\nassert not os.path.exists('leak.txt')\nassert json.dumps(1) == '1'\n",
        "exit_ok": "import sys\nsys.exit(0)\nassert False\n",
        "exit_fail": "import os\nos._exit(3)\n",
        "kill_worker": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nimport time\ntime.sleep(1)\n",
        "memory": "x = []\nwhile True:\n    x.append(bytearray(1 << 26))\n",
    },
    "js": {
        "poison": "Array.prototype.push = function () { return 0; }; Math.max = () => -1; globalThis.leak = 1;\n"
                  "process.env.LEAK = '1'; require('fs').writeFileSync('leak.txt', 'x');\n"
                  "require('assert').deepEqual = () => {};\n",
        "victim": "const assert = require('assert'); const fs = require('fs'); const a = []; a.push(1);\n"
                  "if (a.length !== 1 || Math.max(1, 2) !== 2 || typeof leak !== 'undefined') throw new Error('leak');\n"
                  "if (process.env.LEAK || fs.existsSync('leak.txt')) throw new Error('leak');\n"
                  "assert.throws(() => assert.deepEqual(1, 2));\n",
        # the same in what runs in a fresh vm context (no fs, no builtin changed)
        "poison_context": "globalThis.leak = 1; const assert = require('assert'); assert.deepEqual = () => {};\n"
                          "assert.strictEqual.extra = 1; require('node:assert/strict').equal = null;\n"
                          "process.env.LEAK = '1'; process.exitCode = 3; console.log = () => {};\n",
        "victim_context": "const assert = require('assert');\n"
                          "if (typeof leak !== 'undefined' || process.env.LEAK) throw new Error('leak');\n"
                          "assert.throws(() => assert.deepEqual(1, 2)); assert.strict.equal(1, 1);\n"
                          "if (assert.strictEqual.extra !== undefined) throw new Error('leak');\nconsole.log('ok');\n",
        "exit_ok": "process.exit(0); throw new Error('x');\n",
        "exit_fail": "setTimeout(() => process.exit(4), 10);\n",
        "kill_worker": "process.kill(process.pid, 'SIGKILL');\n",
        "memory": "const a = []; while (true) a.push(new Array(1e6).fill(1));\n",
    },
    "ts": {
        "poison": "declare var require: any;\n(Array.prototype as any).push = function () { return 0; };\n"
                  "(globalThis as any).leak = 1;\n",
        "victim": "const a: number[] = []; a.push(1);\n"
                  "if (a.length !== 1 || typeof (globalThis as any).leak !== 'undefined') throw new Error('leak');\n",
        "exit_ok": "declare var process: any;\nprocess.exit(0);\nthrow new Error('x');\n",
        "type_error": "const x: number = 'a';\n",
    },
    "lua": {
        "poison": "string.len = function() return 42 end\nleak = 1\nio.open('leak.txt', 'w'):write('x')\n"
                  "package.preload.luaunit = function() return {} end\ncollectgarbage('incremental')\n",
        "victim": "assert(string.len('ab') == 2)\nassert(leak == nil)\nassert(io.open('leak.txt') == nil)\n"
                  "assert(type(require('luaunit').assertEquals) == 'function')\n",
        "exit_ok": "os.exit(0)\nassert(false)\n",
        "exit_fail": "os.exit(2)\n",
        "error_object": "error({code = 1})\n",
        "memory": "local t = {}\nwhile true do t[#t + 1] = string.rep('x', 10000000) .. #t end\n",
        "kill_worker": "os.execute('kill -9 $PPID')\nos.execute('sleep 1')\n",
    },
    "r": {
        "poison": "assign('T', FALSE, envir = globalenv())\nc <- function(...) 0\nwriteLines('x', 'leak.txt')\n"
                  "Sys.setenv(LEAK = '1')\nsum <- function(...) -1\n",
        "victim": "stopifnot(isTRUE(T))\nstopifnot(length(c(1, 2)) == 2)\nstopifnot(!file.exists('leak.txt'))\n"
                  "stopifnot(Sys.getenv('LEAK') == '')\nstopifnot(sum(1, 2) == 3)\nstopifnot(!exists('poisoned'))\n",
        "exit_ok": "quit(status = 0)\nstop('x')\n",
        "exit_fail": "q(status = 5)\n",
        "memory": "x <- list(); i <- 0\nwhile (TRUE) { i <- i + 1; x[[i]] <- numeric(5e7) }\n",
    },
    "rkt": {
        "poison": "#lang racket\n(putenv \"LEAK\" \"1\")\n(with-output-to-file \"leak.txt\" (lambda () (display 1)))\n"
                  "(current-output-port (open-output-nowhere))\n(error-print-width 3)\n",
        "victim": "#lang racket\n(require rackunit)\n(check-false (getenv \"LEAK\"))\n"
                  "(check-false (file-exists? \"leak.txt\"))\n(check-equal? (error-print-width) 256)\n",
        "exit_ok": "#lang racket\n(exit 0)\n(error \"x\")\n",
        "exit_fail": "#lang racket\n(exit 7)\n",
        "memory": "#lang racket\n(let loop ([l '()]) (loop (cons (make-vector 10000000 1) l)))\n",
    },
    "java": {
        "poison": "public class Main { static int n = 0; public static void main(String[] a) throws Exception {\n"
                  " n++; System.setProperty(\"leak\", \"1\");\n"
                  " java.nio.file.Files.writeString(java.nio.file.Path.of(\"leak.txt\"), \"x\"); } }\n",
        "victim": "public class Main { static int n = 0; public static void main(String[] a) {\n"
                  " n++; if (n != 1 || System.getProperty(\"leak\") != null) throw new AssertionError();\n"
                  " if (java.nio.file.Files.exists(java.nio.file.Path.of(\"leak.txt\"))) throw new AssertionError(); } }\n",
        "exit_ok": "public class Main { public static void main(String[] a) { System.exit(0); } }\n",
        "exit_fail": "public class Main { public static void main(String[] a) { System.exit(3); } }\n",
        "memory": "import java.util.*;\npublic class Main { public static void main(String[] a) {\n"
                  " List<long[]> l = new ArrayList<>(); while (true) l.add(new long[10000000]); } }\n",
    },
    "c": {
        "poison": "#include <stdio.h>\nint main(void){ FILE *f = fopen(\"leak.txt\", \"w\"); fputs(\"x\", f); return 0; }\n",
        "victim": "#include <stdio.h>\nint main(void){ return fopen(\"leak.txt\", \"r\") != NULL; }\n",
        "exit_fail": "#include <stdlib.h>\nint main(void){ exit(3); }\n",
        "kill_worker": "#include <signal.h>\n#include <unistd.h>\nint main(void){ kill(getppid(), SIGKILL); sleep(1); return 0; }\n",
    },
    "cpp": {
        "exit_ok": "#include <cstdlib>\n#include <cassert>\nint main(){ std::exit(0); assert(false); }\n",
        "crash": "int main(){ int *p = nullptr; return *p; }\n",
    },
    "go": {
        "exit_ok": "package main\nimport (\"os\"; \"testing\")\nfunc TestX(t *testing.T) { os.Exit(0); t.Fatal(\"x\") }\n",
        "panic": "package main\nimport \"testing\"\nfunc TestX(t *testing.T) { var m map[string]int; m[\"a\"] = 1 }\n",
    },
}


def test_attacks_give_process_mode_statuses_and_leave_nothing_behind():
    for lang in ATTACKS:
        needs_toolchain(lang)
    warm.shutdown()
    names, programs, warm_s, process_s = [], [], [], []
    for lang, attacks in ATTACKS.items():
        for name, source in attacks.items():  # one after another: the same warm worker runs them all
            timeout = 5.0 if name == "memory" else None
            names.append(f"{lang}/{name}")
            programs.append(Program(lang, source, timeout))
            warm_s.append(run_program(lang, source, timeout, isolation="warm").status)
            process_s.append(run_program(lang, source, timeout, isolation="process").status)
    _recheck_timeouts(programs, warm_s, process_s)
    got = dict(zip(names, warm_s))
    expected = dict(zip(names, process_s))
    # An allocation without bound ends as Timeout or Exception depending on how fast memory runs out
    # (machine load); both modes must fail it, not necessarily the same way.
    for n in names:
        if n.endswith("/memory"):
            assert got[n] != OK and expected[n] != OK, n
            got[n] = expected[n]
    assert got == expected
    assert all(expected[f"{lang}/victim"] == OK for lang in ATTACKS if "victim" in ATTACKS[lang])


def test_a_hung_worker_is_replaced_and_the_program_rerun(monkeypatch):
    """A worker that stops answering is killed; the program gets its process-mode verdict."""
    needs_toolchain("py")
    monkeypatch.setattr(warm, "GRACE_SECONDS", 0.5)
    # Stop the fork server itself (not the child) so that it never answers.
    outcome = run_program("py", "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\n", 2.0)
    assert outcome.status == run_program("py", "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\n", 2.0,
                                         isolation="process").status
    assert run_program("py", "assert 1 + 1 == 2\n").status == OK


def test_workers_outlive_the_call_that_started_them():
    """bwrap --die-with-parent follows the *thread* that started a worker, and run_programs' pool threads
    end with each call: workers started there died with it, so every call paid their start-up again."""
    needs_toolchain("py")
    warm.shutdown()
    run_programs([Program("py", "print(1)\n")], workers=1, progress=False)
    first = {w.proc.pid for w in warm._all}
    time.sleep(0.2)  # a parent-death signal would have landed by now
    run_programs([Program("py", "print(2)\n")], workers=1, progress=False)
    assert len(first) == 1 and {w.proc.pid for w in warm._all} == first


def test_a_worker_that_cannot_start_leaves_nothing_and_the_program_runs(monkeypatch, tmp_path):
    """At interpreter exit (Ctrl-C) the spawner thread is gone: a program that needed a new worker then
    runs in process mode, and the half-made worker's directory and cgroup are removed."""
    needs_toolchain("py")
    warm.shutdown()
    closed = ThreadPoolExecutor(max_workers=1)
    closed.shutdown()
    monkeypatch.setattr(warm, "_spawner", closed)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert run_program("py", "print('ran')\n").stdout == "ran\n"
    assert list(tmp_path.iterdir()) == [] and warm._all == set()
    assert leftover_cgroups("warm-") == []


def test_lua_runs_in_the_embedded_interpreter(monkeypatch):
    """Warm Lua runs each program in Debian's liblua5.4 (the release `lua5.4` is) with luaunit compiled
    once; the hand-written and attack programs above compare it with `lua5.4` itself."""
    needs_toolchain("lua")
    assert warm.lua_library(), "liblua5.4 missing: apt-get install liblua5.4-0 (scripts/install-toolchains.sh)"
    probe = "print(package.preload.luaunit ~= nil)\n"
    assert run_program("lua", probe, isolation="warm").stdout == "true\n"
    assert run_program("lua", probe, isolation="process").stdout == "false\n"
    failing = "local lu = require('luaunit')\nfunction testA() lu.assertEquals(1, 2) end\nos.exit(lu.LuaUnit.run())\n"
    warm_run, process_run = (run_program("lua", failing, isolation=i) for i in ("warm", "process"))
    timing = re.compile(r"in [0-9.]+ seconds")
    assert warm_run.status == process_run.status
    assert timing.sub("", warm_run.stdout) == timing.sub("", process_run.stdout)
    error = "error('boom')\n"
    assert run_program("lua", error, isolation="warm").stderr == run_program("lua", error, isolation="process").stderr
    warm.shutdown()
    monkeypatch.setattr(warm, "lua_library", lambda: "")  # no library: the fork server execs lua5.4
    assert run_program("lua", probe, isolation="warm").stdout == "false\n"
    warm.shutdown()


def test_node_programs_run_in_a_fresh_context_unless_they_need_node(monkeypatch):
    """The node worker runs a program in a fresh vm context when all it uses of node is made there, and
    in a worker thread (a full node) otherwise; either way with `node file.js`'s status and output."""
    needs_toolchain("js")
    replies = []
    read_line = warm._Worker._read_line

    def recorded(self, deadline):
        replies.append(read_line(self, deadline))
        return replies[-1]

    monkeypatch.setattr(warm._Worker, "_read_line", recorded)
    in_context = {
        "assert": "const assert = require('node:assert');\nassert.deepEqual([1, [2]], [1, [2]]);\n"
                  "assert.equal(1, 2);\n",
        "console.assert": "console.assert(1 + 1 === 3);\nconsole.log({a: [1, 'b']}, new Map([[1, 2]]));\n",
        "exit": "process.exit(3);\n",
        "exitCode": "process.exitCode = 4;\nconsole.error('x');\n",
        "sloppy global": "total = 0;\nfor (const x of [1, 2]) total += x;\n"
                         "console.log(total, Object.keys(globalThis));\n",
        "module": "console.log(typeof require, this === module.exports, require.main === module,\n"
                  "            global === globalThis);\n",
        "syntax": "const x = = 1;\n",
        "throw": "function f() { return f(); }\nf();\n",
    }
    in_thread = {
        "timer": "setTimeout(() => console.log('t'), 1);\n",
        "other module": "console.log(typeof require('fs').readFileSync);\n",
        "async": "Promise.resolve(1).then(console.log);\n",
        "builtin changed": "Array.prototype.push = null;\nconsole.log([1]);\n",
        "exit caught": "try { process.exit(0); } catch (e) {}\nconsole.log('after');\n",
        "process keys": "console.log(Object.keys(process).length > 10);\n",
        "process field": "console.log(typeof process.hrtime);\n",
    }
    for name, source in {**in_context, **in_thread}.items():
        replies.clear()
        warm_run = run_program("js", source, isolation="warm")
        assert json.loads(replies[-1])["ran_in"] == ("context" if name in in_context else "thread"), name
        process_run = run_program("js", source, isolation="process")
        assert (warm_run.status, warm_run.exit_code, warm_run.stdout) == \
            (process_run.status, process_run.exit_code, process_run.stdout), name


def test_warm_timeout_is_a_timeout():
    needs_toolchain("py")
    assert run_program("py", "while True:\n    pass\n", 1.0).status == TIMEOUT
    assert run_program("py", "print('after')\n").stdout == "after\n"


def test_a_fork_bomb_in_a_warm_worker_is_bounded_by_its_process_cap():
    """A warm worker and its programs share one pids cgroup: a fork bomb cannot take the machine's PIDs
    (RLIMIT_NPROC does not hold for root), and the next program in the same worker still runs."""
    needs_toolchain("py")
    if not sandbox.cgroup_parents():
        pytest.skip("no writable cgroup hierarchy here")
    warm.shutdown()
    limits = Limits(processes=48)
    baseline = len([p for p in os.listdir("/proc") if p.isdigit()])
    peak, running = [baseline], threading.Event()

    def sample():
        while not running.is_set():
            peak.append(len([p for p in os.listdir("/proc") if p.isdigit()]))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        bomb = run_program("py", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
                           2.0, isolation="warm", limits=limits)
    finally:
        running.set()
        sampler.join()
    assert bomb.status == TIMEOUT
    assert max(peak) <= baseline + 48 + 16, (baseline, max(peak))  # + the worker's bwrap and helpers
    assert run_program("py", "print('after')\n", isolation="warm", limits=limits).stdout == "after\n"
    warm.shutdown()
    assert leftover_cgroups() == []
