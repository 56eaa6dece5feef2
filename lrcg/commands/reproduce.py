"""`lrcg reproduce --profile paper`: regenerate every table and figure by running the notebooks (papermill)."""
from __future__ import annotations


def run(args) -> int:
    from ..params import load_profile
    from ..reproduce import check_outputs, reproduce

    if args.check:
        files = check_outputs(load_profile(args.profile, output_dir=args.output_dir, notebooks=args.notebooks))
        print(f"{len(files)} expected files present and non-empty")
        return 0
    reproduce(args.profile, notebooks=args.notebooks, output_dir=args.output_dir, jobs=args.jobs)
    return 0


def register(sub) -> None:
    p = sub.add_parser("reproduce", help="run the numbered notebooks for a profile (params/<name>.yaml) with papermill")
    p.add_argument("--profile", default="paper", help="profile name in params/ or a YAML path (default: paper)")
    p.add_argument("--notebooks", nargs="+", metavar="NAME", help="only these notebooks (e.g. 01_pass_at_1_by_language)")
    p.add_argument("--output-dir", help="write figures/tables here instead of the profile's output_dir")
    p.add_argument("--jobs", type=int, default=None, help="notebooks run at the same time (default 3)")
    p.add_argument("--check", action="store_true", help="only check that every expected output exists and is non-empty")
    p.set_defaults(func=run)
