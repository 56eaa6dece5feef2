// lrcg warm worker for JavaScript and TypeScript (protocol: see py_forkserver.py; replies echo "id").
// TypeScript: type-checked and transpiled in this process with the compiler API, exactly the options
// `tsc --target esnext file.ts` uses, with the lib .d.ts files parsed once and cached (that is where
// tsc's seconds go). Each program then runs in a fresh worker thread: its own V8 isolate, globals,
// module cache and event loop; process.exit() ends only that thread; stdout/stderr go to the program's
// files; uncaught errors are printed as node prints them (stack) with exit code 1; a timeout terminates
// the thread. A program that brings the whole process down is caught by the host (process-mode re-run).
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { Worker } = require("worker_threads");

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
      try { fs.writeSync(err, "\n" + describe(uncaught) + "\n\nNode.js " + process.version + "\n"); } catch (e) { /* ignore */ }
    }
    if (result === null) result = { exit_code: uncaught !== null ? 1 : code, timed_out: false };
    // Streams of a terminated thread may never end: give them a moment, then finish anyway.
    setTimeout(() => { pendingStreams = 0; finish(); }, 200).unref();
    finish();
  });
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
    if (req.language === "ts") {
      const code = compile(req);
      if (code !== 0) return reply({ exit_code: code, timed_out: false, compile_failed: true });
      script = script.replace(/\.ts$/, ".js");
    }
    runInThread(req, script, reply);
  } catch (e) {
    reply({ exit_code: null, timed_out: false, crashed: String(e && e.message) });
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  queue.push(JSON.parse(line));
  next();
}).on("close", () => process.exit(0));
