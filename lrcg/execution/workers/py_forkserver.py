"""lrcg warm worker: a fork server. Runs inside the same containment as a process-mode program.

Protocol (one JSON object per line): requests on stdin, replies on stdout.
  request: {"dir", "file", "timeout", "compile_timeout", "compile": argv|null, "run": argv|"python", "env": {...}}
  reply:   {"exit_code": int|null, "timed_out": bool, "compile_failed": bool}
Every step runs in a forked child with its own session, working directory and stdout/stderr files
(`<dir>/.lrcg-stdout`, `.lrcg-stderr`). Python programs run in the forked child itself (no exec), so
the interpreter start-up and the imports below are paid once. Lua programs ("run": ["…/lua5.4", file])
run the same way in an embedded Lua (see `_embedded_lua`) where the library is there. Nothing a child does
reaches the server: it has its own copy of the interpreter, and its process group is killed after every step.
"""
import json
import os
import select
import shutil
import signal
import sys
import time

# Modules HumanEval-style programs import, imported once so that forked children find them loaded.
# (Not `random`: a forked child would inherit the server's random state.) Only in a Python worker: in the
# others they would only make every fork slower (a bigger process to copy).
PRELOAD = ("math", "re", "collections", "itertools", "functools", "typing", "heapq", "string", "hashlib",
           "bisect", "fractions", "decimal", "statistics", "copy", "traceback", "runpy", "operator", "json")
for _name in PRELOAD if os.environ.pop("LRCG_WARM_PYTHON", "") == "1" else ():
    try:
        __import__(_name)
    except ImportError:
        pass

import traceback  # noqa: E402

IN_PID_NAMESPACE = os.environ.pop("LRCG_WARM_PIDNS", "") == "1"
LUA_LIBRARY = os.environ.pop("LRCG_LUA_LIBRARY", "")
PROTOCOL_OUT = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing but replies on the protocol channel


def _redirect(workdir):
    os.setsid()
    os.chdir(workdir)
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(os.path.join(workdir, ".lrcg-stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(os.path.join(workdir, ".lrcg-stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    for fd in (null, out, err):
        os.close(fd)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_python(path):
    """What `python3 path` does, in this already-started interpreter; never returns."""
    import runpy  # preloaded in a Python worker

    code = 0
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code & 0xFF
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        import atexit
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(code)


# What lua.c does for `lua5.4 script`, in Lua, run once in the server's state: generational GC, `arg`,
# the script run under lua.c's message handler (traceback), its errors printed as "progname: message".
# luaunit is compiled once and preloaded: `require` still runs its body in the program's own state.
LUA_BOOTSTRAP = b"""
collectgarbage("generational")
local unit = package.searchpath("luaunit", package.path)
if unit then package.preload.luaunit = assert(loadfile(unit)) end
local type, tostring, getmetatable, loadfile, xpcall = type, tostring, getmetatable, loadfile, xpcall
local traceback, match, stderr = debug.traceback, string.match, io.stderr
local function handler(msg)
  if type(msg) ~= "string" then
    local mt = getmetatable(msg)
    if mt and mt.__tostring then
      local s = tostring(msg)
      if type(s) == "string" then return s end
    end
    msg = "(error object is a " .. type(msg) .. " value)"
  end
  -- lua.c's traceback ends in its C main ("[C]: in ?"), this one in xpcall and the runner below
  local tb = traceback(msg, 2)
  return (match(tb, "^(.*)\\n\\t%[C%]: in function 'xpcall'\\n[^\\n]*$") or tb) .. "\\n\\t[C]: in ?"
end
return function(progname, path)
  arg = {[0] = path, [-1] = progname}
  local chunk, err = loadfile(path)
  if not chunk then
    stderr:write(progname .. ": " .. err .. "\\n")
    return 1
  end
  local ok, msg = xpcall(chunk, handler)
  if not ok then
    stderr:write(progname .. ": " .. tostring(msg) .. "\\n")
    return 1
  end
  return 0
end
"""


def _embedded_lua():
    """(liblua, lua_State) with LUA_BOOTSTRAP's runner on the stack, or None. Only when the library is the
    release the `lua5.4` command is (Debian builds both from one source), so verdicts cannot differ; the
    exec'd interpreter and re-parsing luaunit were 3 of a Lua program's 4 ms."""
    if not LUA_LIBRARY:
        return None
    import ctypes
    import subprocess

    try:
        lib = ctypes.CDLL(LUA_LIBRARY)
        ident = ctypes.cast(ctypes.addressof(ctypes.c_char.in_dll(lib, "lua_ident")), ctypes.c_char_p).value
        command = subprocess.run(["lua5.4", "-v"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if command[:2] != ident.decode().split()[1:3]:  # "$LuaVersion: Lua 5.4.4 ..." vs "Lua 5.4.4 ..."
        return None
    lib.luaL_newstate.restype = ctypes.c_void_p
    for name in ("luaL_openlibs", "lua_close"):
        getattr(lib, name).argtypes = [ctypes.c_void_p]
    lib.luaL_loadstring.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.lua_pcallk.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p,
                               ctypes.c_void_p]
    lib.lua_pushstring.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.lua_pushvalue.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.lua_tointegerx.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.lua_tointegerx.restype = ctypes.c_longlong
    lib.fflush = ctypes.CDLL(None).fflush
    state = lib.luaL_newstate()
    lib.luaL_openlibs(state)
    if lib.luaL_loadstring(state, LUA_BOOTSTRAP) or lib.lua_pcallk(state, 0, 1, 0, None, None):
        lib.lua_close(state)
        return None
    return lib, state


def _run_lua(argv):
    """What exec'ing `argv` (lua5.4 script) does, in the embedded Lua; never returns."""
    lib, state = LUA
    lib.lua_pushvalue(state, 1)
    lib.lua_pushstring(state, argv[0].encode())
    lib.lua_pushstring(state, os.fsencode(argv[1]))
    code = 1
    if lib.lua_pcallk(state, 2, 1, 0, None, None) == 0:
        code = lib.lua_tointegerx(state, -1, None)
    lib.lua_close(state)  # finalizers run, as when lua.c returns
    lib.fflush(None)
    os._exit(code)


LUA = _embedded_lua()


def _wait(pid, timeout):
    """(exit_code, timed_out) of a child, SIGKILLing its process group after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    fd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                return (code if code >= 0 else 128 - code), False  # killed by signal N: 128+N, as a shell says
            left = deadline - time.monotonic()
            if left <= 0:
                _killpg(pid)
                os.waitpid(pid, 0)
                return None, True
            if fd is not None:
                select.select([fd], [], [], left)
            else:
                time.sleep(min(left, 0.002))
    finally:
        if fd is not None:
            os.close(fd)
        _killpg(pid)


def _killpg(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _sweep():
    """Inside our own PID namespace: kill every process but us and our ancestors (escaped daemons)."""
    if not IN_PID_NAMESPACE:
        return
    keep = {os.getpid(), os.getppid(), 1}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in keep:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass
    for entry in os.listdir("/tmp"):  # a private tmpfs inside the sandbox: nothing carries over
        path = os.path.join("/tmp", entry)
        if os.path.ismount(path) or os.getcwd().startswith(path + "/") or os.getcwd() == path:
            continue  # our own directory (and any other bind mount) is not the private /tmp's
        try:
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
        except OSError:
            pass


def _step(req, argv, timeout, cpu_seconds):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            _redirect(req["dir"])
            if cpu_seconds:
                import resource
                resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
            if argv == "python":
                _run_python(os.path.join(req["dir"], req["file"]))
            if LUA is not None and len(argv) == 2 and os.path.basename(argv[0]) == "lua5.4":
                _run_lua(argv)
            os.execvpe(argv[0], argv, req["env"])
        except BaseException:
            traceback.print_exc()
        os._exit(127)
    return _wait(pid, timeout)


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        reply = {"id": req.get("id"), "exit_code": None, "timed_out": False, "compile_failed": False}
        if req.get("compile"):
            code, timed_out = _step(req, req["compile"], req["compile_timeout"], req.get("compile_cpu_seconds"))
            if timed_out or code != 0:
                reply.update(exit_code=code, timed_out=timed_out, compile_failed=True)
        if not reply["compile_failed"]:
            code, timed_out = _step(req, req["run"], req["timeout"], req.get("cpu_seconds"))
            reply.update(exit_code=code, timed_out=timed_out)
        _sweep()
        PROTOCOL_OUT.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    serve()
