"""`lrcg doctor`: each language's toolchain and version, or what is missing and how to install it."""
from __future__ import annotations

import subprocess


def toolchain_report() -> list[tuple[str, str, str]]:
    """(language, state, detail) for every language: state is 'ok' or 'missing'."""
    from ..execution import resolve_tool
    from ..execution.languages import LANGUAGES
    from ..execution.warm import lua_library

    rows = []
    for lang in LANGUAGES.values():
        missing = lang.missing_tools()
        if missing:
            rows.append((lang.display, "missing", f"{', '.join(missing)} not found: {lang.install_hint}"))
            continue
        cmd = [resolve_tool(lang.version_command[0]), *lang.version_command[1:]]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            lines = (r.stdout or r.stderr).strip().splitlines()
            detail = lines[0] if lines else "(no version output)"
            if lang.in_worker == "lua" and not lua_library():
                detail += "; no liblua5.4, so warm mode execs lua5.4 per program (apt-get install liblua5.4-0)"
            rows.append((lang.display, "ok", detail))
        except (OSError, subprocess.SubprocessError) as e:
            rows.append((lang.display, "missing", f"{cmd[0]} failed to run ({e}): {lang.install_hint}"))
    return rows


def run(args) -> int:
    from ..execution.sandbox import isolation_summary

    rows = toolchain_report()
    width = max(len(r[0]) for r in rows)
    for name, state, detail in rows:
        print(f"{name:<{width}}  {state:<7}  {detail}")
    print(f"{'isolation':<{width}}  {'':<7}  {isolation_summary()}")
    from ..hardware import describe

    print(f"{'compute':<{width}}  {'':<7}  {describe()}")
    from ..generation.models import available_models

    print("models:")
    models = available_models()
    mwidth = max(len(r[0]) for r in models)
    for name, state, detail in models:
        print(f"  {name:<{mwidth}}  {state:<5}  {detail}")
    return 0 if all(state == "ok" for _, state, _ in rows) or not args.strict else 1


def register(sub) -> None:
    p = sub.add_parser("doctor", help="check the language toolchains and sandbox")
    p.add_argument("--strict", action="store_true", help="exit 1 if any toolchain is missing")
    p.set_defaults(func=run)
