// lrcg warm worker for JavaScript and TypeScript (protocol: see py_forkserver.py; replies echo "id" and
// say where the program ran: "ran_in": "context" or "thread").
// TypeScript: type-checked and transpiled in this process with the compiler API, exactly the options
// `tsc --target esnext file.ts` uses, with the lib .d.ts files parsed once and cached (that is where
// tsc's seconds go).
// Each program then runs in a fresh vm context of this isolate (1 ms): its own globals and builtins,
// and what a HumanEval/MultiPL-E program uses of node made in that context: console, require("assert"),
// module/exports, process.exit/exitCode/argv/env/stdout.write/stderr.write. A program that touches
// anything else of node (timers, Buffer, other modules or process fields, the other node globals) or is
// asynchronous runs again in a fresh worker thread (25 ms): its own V8 isolate, globals, module cache
// and event loop; process.exit() ends only that thread. Either way stdout/stderr go to the program's
// files, uncaught errors are printed as node prints them (stack) with exit code 1, and a timeout stops
// the program. A program that brings the whole process down is caught by the host (process-mode re-run).
// A context gets its own assert module object, over this realm's assert functions (frozen) and errors:
// code written to climb from those into this realm is outside what these programs do; process mode is
// the reference for it.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const util = require("util");
const vm = require("vm");
const { Worker } = require("worker_threads");
const nodeAssert = require("assert");

const protocolOut = (line) => fs.writeSync(1, line + "\n");
let ts = null;
if (process.env.LRCG_TYPESCRIPT) {
  ts = require(process.env.LRCG_TYPESCRIPT);
  delete process.env.LRCG_TYPESCRIPT;
}
const tsOptions = ts ? { target: ts.ScriptTarget.ESNext } : null;
const libCache = new Map();

function compilerHost() {
  const host = ts.createCompilerHost(tsOptions);
  const getSourceFile = host.getSourceFile;
  const libDir = path.dirname(ts.getDefaultLibFilePath(tsOptions));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const isLib = path.dirname(fileName) === libDir;
    if (isLib && libCache.has(fileName)) return libCache.get(fileName);
    const sf = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    if (isLib && sf) libCache.set(fileName, sf);
    return sf;
  };
  return host;
}

function compile(req) {
  // Returns the tsc exit code: 0, or 2 when any diagnostic was reported (tsc prints them on stdout).
  const file = path.join(req.dir, req.file);
  const host = compilerHost();
  const program = ts.createProgram([file], tsOptions, host);
  // The program's own file plus global/option diagnostics; the unchanging lib .d.ts files are not
  // re-checked for every program (tsc does, finding nothing, at a cost of about a second each time;
  // an error a program causes in a lib file is reported at the program's own declaration too).
  const own = program.getSourceFile(file);
  const emitted = program.emit(own);
  const diags = ts.sortAndDeduplicateDiagnostics(
    ts.getPreEmitDiagnostics(program, own).concat(program.getSyntacticDiagnostics(), emitted.diagnostics));
  if (diags.length === 0) return 0;
  const text = ts.formatDiagnostics(diags, {
    getCanonicalFileName: (f) => f, getCurrentDirectory: () => req.dir, getNewLine: () => "\n",
  });
  fs.writeFileSync(path.join(req.dir, ".lrcg-stdout"), text);
  fs.writeFileSync(path.join(req.dir, ".lrcg-stderr"), "");
  return emitted.emitSkipped ? 1 : 2;
}

function describe(err) {
  if (err && typeof err === "object" && typeof err.stack === "string") return err.stack;
  try { return "Uncaught " + require("util").inspect(err); } catch (e) { return "Uncaught exception"; }
}

function runInThread(req, script, done) {
  const out = fs.openSync(path.join(req.dir, ".lrcg-stdout"), "w");
  const err = fs.openSync(path.join(req.dir, ".lrcg-stderr"), "w");
  let finished = false;
  let pendingStreams = 2;
  let result = null;
  const worker = new Worker(script, {
    argv: [], stdout: true, stderr: true, stdin: false, env: process.env,
    resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 8 },
  });
  const finish = () => {
    if (finished || result === null || pendingStreams > 0) return;
    finished = true;
    fs.closeSync(out);
    fs.closeSync(err);
    done(result);
  };
  const pump = (stream, fd) => {
    stream.on("data", (chunk) => { try { fs.writeSync(fd, chunk); } catch (e) { /* file size limit */ } });
    stream.on("end", () => { pendingStreams -= 1; finish(); });
  };
  pump(worker.stdout, out);
  pump(worker.stderr, err);
  let uncaught = null;
  const timer = setTimeout(() => {
    result = { exit_code: null, timed_out: true };
    worker.terminate();
  }, req.timeout * 1000);
  worker.on("error", (e) => { uncaught = e; });
  worker.on("exit", (code) => {
    clearTimeout(timer);
    if (uncaught !== null) {
      try { fs.writeSync(err, uncaughtReport(uncaught)); } catch (e) { /* ignore */ }
    }
    if (result === null) result = { exit_code: uncaught !== null ? 1 : code, timed_out: false };
    // Streams of a terminated thread may never end: give them a moment, then finish anyway.
    setTimeout(() => { pendingStreams = 0; finish(); }, 200).unref();
    finish();
  });
}

// Each context gets its own assert module object (which it may change) over these functions, frozen.
for (const object of [nodeAssert, nodeAssert.strict]) {
  for (const key of Object.getOwnPropertyNames(object)) {
    if (typeof object[key] === "function") Object.freeze(object[key]);
  }
}
Object.freeze(nodeAssert.AssertionError.prototype);
const ASSERT_MODULES = { "assert": false, "node:assert": false, "assert/strict": true, "node:assert/strict": true };
// Awaiting, timers and unhandled rejections follow node's event loop: such programs go to a worker thread.
const ASYNC = /\b(async|await|Promise|then|import)\b/;
const freshGlobals = new Set(Object.getOwnPropertyNames(vm.runInNewContext("globalThis")));
// node's own globals, in its order and enumerability (what Object.keys(globalThis) shows)
const NODE_GLOBALS = Object.getOwnPropertyNames(globalThis).filter((name) => !freshGlobals.has(name))
  .map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name).enumerable]);
const MODULE_PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"];

// Runs inside each fresh context (compiled from its source there): node's globals as that context's own
// objects. `host` holds this realm's functions; the program sees only what this returns into its context.
function contextSetup(host) {
  "use strict";
  const g = globalThis;
  const own = Object.prototype.hasOwnProperty;
  // node's object with only the parts made here: reaching for any other part needs node's own
  const guards = [];
  const guard = (what, object) => guards[guards.length] = new Proxy(object, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key in target) return Reflect.get(target, key, receiver);
      return host.needNode(what + "." + key);
    },
    has(target, key) { return typeof key === "symbol" || key in target || host.needNode(what + "." + String(key)); },
    ownKeys() { return host.needNode(what + " keys"); },
  });
  // node's builtins are also what node itself runs on: a program that changes one (Array.prototype.push,
  // say) can break node's console where a context would not; such a program reruns in a worker thread.
  // (Read through functions saved here, with no iterators or array methods, which a program may replace.)
  const { ownKeys, getOwnPropertyDescriptor: descriptor, getPrototypeOf } = Reflect;
  const same = Object.is;
  const intrinsics = () => {
    const seen = [];
    const objects = [];
    const keys = globalKeys;  // the globals there were: a program may add its own
    for (let i = 0; i < keys.length; i++) {
      const value = descriptor(g, keys[i]).value;
      seen[seen.length] = value;
      let ours = value === g;
      for (let k = 0; k < guards.length; k++) ours = ours || value === guards[k];
      if ((typeof value === "function" || typeof value === "object") && value !== null && !ours) {
        objects[objects.length] = value;
        if (typeof value === "function" && value.prototype) objects[objects.length] = value.prototype;
      }
    }
    for (let j = 0; j < objects.length; j++) {
      const object = objects[j];
      const own = ownKeys(object);
      for (let i = 0; i < own.length; i++) {
        const d = descriptor(object, own[i]);
        seen[seen.length] = own[i];
        seen[seen.length] = d.value;
        seen[seen.length] = d.get;
        seen[seen.length] = d.set;
      }
      seen[seen.length] = getPrototypeOf(object);
    }
    return seen;
  };
  let before = null;
  let globalKeys = null;
  const unchanged = () => {
    const after = intrinsics();
    if (after.length !== before.length) return false;
    for (let i = 0; i < after.length; i++) if (!same(after[i], before[i])) return false;
    return true;
  };
  const out = (...args) => host.write(1, args);
  const err = (...args) => host.write(2, args);
  const console = guard("console", {
    log: out, info: out, debug: out, error: err, warn: err,
    assert(value, ...args) {
      if (!value) {
        if (args.length === 0) args = ["Assertion failed"];
        else args[0] = `Assertion failed: ${args[0]}`;
        err(...args);
      }
    },
  });
  Object.defineProperty(g, "console", { value: console, writable: true, configurable: true, enumerable: false });
  const stream = (fd) => guard("process.stream", {
    write(text) { return typeof text === "string" ? (host.writeText(fd, text), true) : host.needNode("write"); },
  });
  const proc = guard("process", {
    argv: [...host.argv], env: Object.assign({}, host.env), platform: host.platform, version: host.version,
    exitCode: undefined, stdout: stream(1), stderr: stream(2),
    exit(code) { return host.exit(code === undefined ? proc.exitCode : code); },
  });
  const made = { global: g, process: proc };
  for (const [name, enumerable] of host.nodeGlobals) {
    if (own.call(made, name)) {
      Object.defineProperty(g, name, { value: made[name], writable: true, configurable: true, enumerable });
      continue;
    }
    Object.defineProperty(g, name, {
      configurable: true, enumerable,
      get() { return host.needNode(name); },
      set(value) { Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: true }); },
    });
  }
  const module = guard("module", { id: ".", path: host.dirname, filename: host.filename, exports: {},
                                   loaded: false, children: [] });
  const wrap = (outer) => {
    const assert = function ok(...args) { return Reflect.apply(outer, undefined, args); };
    for (const key of Object.getOwnPropertyNames(outer)) {
      if (key !== "length" && key !== "name" && key !== "prototype") assert[key] = outer[key];
    }
    return assert;
  };
  let assertModule = null;
  const require = function require(name) {
    name = String(name);
    if (!own.call(host.assertModules, name)) return host.needNode("require " + name);
    if (assertModule === null) {
      assertModule = wrap(host.assert);
      assertModule.strict = wrap(host.assert.strict);
      assertModule.strict.strict = assertModule.strict;
    }
    return host.assertModules[name] ? assertModule.strict : assertModule;
  };
  require.main = module;
  const args = [module.exports, guard("require", require), module, host.filename, host.dirname];
  globalKeys = ownKeys(g);
  before = intrinsics();
  Object.defineProperty(g, "__lrcg_run", {
    configurable: true, enumerable: false,
    value(main) { delete g.__lrcg_run; delete g.__lrcg_main; return Reflect.apply(main, module.exports, args); },
  });
  return { proc, unchanged };
}
const SETUP = new vm.Script("(" + contextSetup.toString() + ")");
const RUN = new vm.Script("__lrcg_run(__lrcg_main)");

class NeedsNode extends Error {}

function runInContext(req, file) {
  // Returns the reply, or null when the program needs a full node (a worker thread).
  const source = fs.readFileSync(file, "utf8");
  if (ASYNC.test(source)) return null;
  const state = { needsNode: null, exitCode: null };
  const out = fs.openSync(path.join(req.dir, ".lrcg-stdout"), "w");
  const err = fs.openSync(path.join(req.dir, ".lrcg-stderr"), "w");
  const writeText = (fd, text) => {
    if (state.exitCode !== null) return;
    try { fs.writeSync(fd === 1 ? out : err, text); } catch (e) { /* file size limit */ }
  };
  const host = {
    nodeGlobals: NODE_GLOBALS, argv: [process.execPath, file], env: process.env, platform: process.platform,
    version: process.version, filename: file, dirname: path.dirname(file),
    needNode(what) { state.needsNode = state.needsNode || what; throw new NeedsNode(what); },
    write(fd, args) { writeText(fd, util.format(...args) + "\n"); },
    writeText,
    exit(code) {
      if (code === undefined || code === null) code = 0;
      if (typeof code === "string" && /^-?[0-9]+$/.test(code)) code = Number(code);
      if (!Number.isInteger(code)) return host.needNode("exit code " + typeof code);  // node's own checks
      if (state.exitCode === null) state.exitCode = code & 0xff;
      throw new NeedsNode("exit");
    },
    assert: nodeAssert, assertModules: ASSERT_MODULES,
  };
  const finish = (reply) => { fs.closeSync(out); fs.closeSync(err); return reply; };
  let main;
  const context = vm.createContext({}, { microtaskMode: "afterEvaluate" });
  const { proc, unchanged } = SETUP.runInContext(context)(host);
  try {
    main = vm.compileFunction(source, MODULE_PARAMETERS, { filename: file, parsingContext: context });
  } catch (e) {
    writeText(2, uncaughtReport(e));
    return finish({ exit_code: 1, timed_out: false });
  }
  context.__lrcg_main = main;
  let thrown = null;
  let timedOut = false;
  const timeoutMs = Math.max(1, Math.round(req.timeout * 1000));
  const started = Date.now();
  try {
    RUN.runInContext(context, { timeout: timeoutMs, displayErrors: false });
  } catch (e) {
    // vm's timeout error is made in the context; a program could throw a look-alike, but not in time
    if (Date.now() - started >= timeoutMs && e && e.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") timedOut = true;
    else thrown = { error: e };
  }
  if (state.needsNode !== null && state.needsNode !== "exit") return finish(null);
  if (!timedOut) {
    let intact = false;
    try { intact = unchanged(); } catch (e) { /* a replaced builtin threw */ }
    if (!intact) return finish(null);
  }
  if (state.exitCode !== null) {
    // process.exit ends a program where it is called: one that caught it and went on needs a real exit
    const stoppedThere = thrown !== null && thrown.error instanceof NeedsNode;
    return finish(stoppedThere ? { exit_code: state.exitCode, timed_out: false } : null);
  }
  if (timedOut) return finish({ exit_code: null, timed_out: true });
  if (thrown !== null) {
    writeText(2, uncaughtReport(thrown.error));
    return finish({ exit_code: 1, timed_out: false });
  }
  const exitCode = Object.getOwnPropertyDescriptor(proc, "exitCode");
  if (!exitCode || !("value" in exitCode)) return finish(null);
  if (exitCode.value === undefined) return finish({ exit_code: 0, timed_out: false });
  return finish(Number.isInteger(exitCode.value) ? { exit_code: exitCode.value & 0xff, timed_out: false } : null);
}

function uncaughtReport(error) {
  return "\n" + describe(error) + "\n\nNode.js " + process.version + "\n";
}

const queue = [];
let busy = false;
function next() {
  if (busy || queue.length === 0) return;
  busy = true;
  const req = queue.shift();
  const reply = (r) => {
    protocolOut(JSON.stringify(Object.assign({ id: req.id, compile_failed: false }, r)));
    busy = false;
    setImmediate(next);
  };
  try {
    let script = path.join(req.dir, req.file);
    if (req.compile) {  // TypeScript: compiled here with tsc's own package (LRCG_TYPESCRIPT)
      const code = compile(req);
      if (code !== 0) return reply({ exit_code: code, timed_out: false, compile_failed: true });
      script = script.replace(/\.ts$/, ".js");
    }
    const quick = runInContext(req, script);
    if (quick !== null) return reply(Object.assign({ ran_in: "context" }, quick));
    runInThread(req, script, (r) => reply(Object.assign({ ran_in: "thread" }, r)));
  } catch (e) {
    reply({ exit_code: null, timed_out: false, crashed: String(e && e.message) });
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  queue.push(JSON.parse(line));
  next();
}).on("close", () => process.exit(0));
