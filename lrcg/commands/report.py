"""`lrcg report --store S [--profile P] -o report.html`: one self-contained HTML file of a results store."""
from __future__ import annotations


def run(args) -> int:
    from ..params import load_profile
    from ..analysis.report import write_report

    profile = load_profile(args.profile) if args.profile else None
    store = args.store or (profile.source if profile is not None and not profile.published else None)
    if store is None:
        from ..errors import LrcgError
        raise LrcgError("--store is required (or a --profile whose source is a results store)")
    out = write_report(store, args.output, profile)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return 0


def register(sub) -> None:
    p = sub.add_parser("report", help="write one self-contained HTML report of a results store (tables, figures, "
                                      "pass grid, every problem's code)")
    p.add_argument("--store", help="results store (.sqlite); default: the profile's source")
    p.add_argument("--profile", help="profile in params/ (or a YAML path) naming models, languages and techniques")
    p.add_argument("-o", "--output", default="report.html", help="HTML file to write (default report.html)")
    p.set_defaults(func=run)
