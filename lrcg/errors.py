"""One exception type for every user-facing error: the CLI prints its message on one line."""


class LrcgError(Exception):
    """A problem with the user's input or environment, explained in one line."""


def unknown_choice(what: str, value: object, choices) -> LrcgError:
    """`unknown language 'foo' (valid: c, cpp, go, ...)` — the standard wording for a bad choice."""
    valid = ", ".join(sorted(str(c) for c in choices))
    return LrcgError(f"unknown {what} {value!r} (valid: {valid})")
