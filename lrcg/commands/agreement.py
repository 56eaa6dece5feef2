"""`lrcg agreement --reference laptop-fp32 --profile laptop`: do two decodings of the same prompts pass and fail
alike? Each side is a profile's own samples (`Profile.of_live_runs`), from its store or from `--store` /
`--reference-store` (a run that is keyed like another, say the same precision at another number of rows, has
to live in a store of its own). Prints, per language and in total, the prompts both sides answered, passes,
verdicts that agree, identical responses, passes on one side only (exact McNemar p), then every prompt whose
verdict differs.
"""
from __future__ import annotations


def _samples(profile_name: str, store: str | None, model: str | None):
    from ..analysis import explore
    from ..params import load_profile

    profile = load_profile(profile_name)
    if profile.published and not store:
        from ..errors import LrcgError
        raise LrcgError(f"profile {profile.name!r} reads the published numbers: give a results store (--store)")
    samples = explore.sample_outcomes(store or profile.source, where=profile.of_live_runs(), with_benchmark=False)
    if model is None:
        return samples
    if model not in set(samples["model"]):
        from ..errors import unknown_choice
        raise unknown_choice(f"--model (profile {profile.name!r})", model, sorted(set(samples["model"])))
    return samples[samples["model"] == model]


def run(args) -> int:
    from ..analysis.stats import paired_verdicts, verdict_agreement
    from ..analysis.tables import to_markdown

    reference = _samples(args.reference, args.reference_store, args.model)
    other = _samples(args.profile, args.store, args.model)
    paired = paired_verdicts(reference, other)
    table = verdict_agreement(paired)
    where = lambda name, store: name + (f" (samples from {store})" if store else "")  # noqa: E731
    print(f"reference: {where(args.reference, args.reference_store)}; other: {where(args.profile, args.store)}\n")
    print(to_markdown(table.astype(object), digits=2), end="")
    differ = paired[paired["passed_reference"] != paired["passed_other"]]
    if len(differ):
        print("\nverdicts that differ (passed by):")
        for r in differ.itertuples():
            side = "reference" if r.passed_reference else "other"
            print(f"  {r.technique}{'/' + r.adapter if r.adapter else ''} {r.language} {r.problem} sample {r.sample}: {side}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("agreement", help="pass/fail agreement of two profiles' samples of the same prompts "
                                         "(e.g. bf16 against the fp32 reference)",
                       description=__doc__, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("--reference", required=True, metavar="PROFILE", help="the reference decoding's profile (e.g. laptop-fp32)")
    p.add_argument("--profile", required=True, metavar="PROFILE", help="the decoding compared with it (e.g. laptop)")
    p.add_argument("--reference-store", metavar="STORE", help="read the reference from this store, not its profile's source")
    p.add_argument("--store", metavar="STORE", help="read --profile's samples from this store, not its source")
    p.add_argument("--model", metavar="MODEL", help="only this model's samples (as stored), for profiles of several models")
    p.set_defaults(func=run)
