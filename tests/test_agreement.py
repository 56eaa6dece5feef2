"""`lrcg agreement`: pass/fail of the same prompts decoded two ways (the fp32 reference against bf16)."""
from __future__ import annotations

import pandas as pd
import pytest
import yaml

from conftest import needs_toolchain
from fixtures_models import tiny_llama  # noqa: F401  (pytest fixture)
from lrcg.analysis.stats import paired_verdicts, verdict_agreement
from lrcg.cli import main
from lrcg.errors import LrcgError
from lrcg.evaluate import evaluate, run_spec
from lrcg.store import load_outcomes


def samples(passed, responses, language="py", adapter=None, technique="baseline"):
    return pd.DataFrame({"technique": technique, "adapter": adapter, "language": language,
                         "index": range(len(passed)), "problem": [f"HumanEval_{i}" for i in range(len(passed))],
                         "sample": 0, "passed": passed, "response": responses})


def test_agreement_counts_verdicts_texts_and_one_sided_passes_per_language_and_in_total():
    ref = pd.concat([samples([True, True, False, False], list("abcd")),
                     samples([True, False, False], list("xyz"), language="r")])
    other = pd.concat([samples([True, False, True, False], list("abCd"), adapter=""),  # None and "" pair
                       samples([True, False, False, True], list("xyzw"), language="r")])  # r's 4th: other only
    paired = paired_verdicts(ref, other)
    table = verdict_agreement(paired)
    assert list(table.index) == ["py", "r", "total"]
    assert table.loc["py"].to_dict() == {"prompts": 4, "reference passed": 2, "other passed": 2, "verdicts agree": 2,
                                         "same response": 3, "reference only": 1, "other only": 1, "p (McNemar)": 1.0}
    assert table.loc["r", "prompts"] == 3 and table.loc["r", "verdicts agree"] == 3
    assert table.loc["total", "prompts"] == 7 and table.loc["total", "verdicts agree"] == 5
    differ = paired[paired["passed_reference"] != paired["passed_other"]]
    assert list(differ["problem"]) == ["HumanEval_1", "HumanEval_2"]
    assert list(differ["passed_reference"]) == [True, False]

    # one-sided passes far from even give a small p-value
    lopsided = verdict_agreement(paired_verdicts(samples([True] * 10, list("a" * 10)),
                                                 samples([False] * 10, list("b" * 10))))
    assert lopsided.loc["total", "p (McNemar)"] < 0.01


def test_agreement_refuses_ambiguous_or_disjoint_sides():
    one = samples([True, False], ["a", "b"])
    with pytest.raises(LrcgError, match="more than one sample"):
        paired_verdicts(pd.concat([one, one]), one)
    with pytest.raises(LrcgError, match="share no prompt"):
        paired_verdicts(one, samples([True], ["a"], technique="few-shot"))
    with pytest.raises(LrcgError, match="response"):
        paired_verdicts(one.drop(columns="response"), one)


def test_agreement_command_compares_two_profiles_runs_in_one_store(tiny_llama, tmp_path, capsys):
    needs_toolchain("py")
    store = tmp_path / "results.sqlite"
    paths = []
    for tokens in (8, 16):  # two decodings of the same three prompts, keyed apart in one store
        run = {"model": str(tiny_llama), "languages": ["py"], "limit": 3, "batch_size": 3, "progress": False,
               "max_new_tokens": tokens}
        evaluate(run_spec(**run, store=str(store)))
        path = tmp_path / f"p{tokens}.yaml"
        path.write_text(yaml.safe_dump({"source": str(store), "models": [str(tiny_llama)], "languages": ["py"],
                                        "live": {"runs": [run]}}))
        paths.append(str(path))
    assert main(["agreement", "--reference", paths[0], "--profile", paths[1]]) == 0
    out = capsys.readouterr().out
    total = next(line for line in out.splitlines() if line.startswith("| total"))
    assert total.split("|")[2].strip() == "3"  # three prompts paired, not six
    # --model keeps one model's samples of a profile of several; a model not there is named with the choices
    stored = load_outcomes(store)["model"].iloc[0]
    assert main(["agreement", "--reference", paths[0], "--profile", paths[1], "--model", stored]) == 0
    capsys.readouterr()
    assert main(["agreement", "--reference", paths[0], "--profile", paths[1], "--model", "no-such-model"]) == 2
    err = capsys.readouterr().err
    assert "no-such-model" in err and stored in err
    # the other side read from another store, one without its samples: nothing to pair
    empty = tmp_path / "empty.sqlite"
    evaluate(run_spec(model=str(tiny_llama), languages=["py"], limit=1, batch_size=1, progress=False,
                      max_new_tokens=4, store=str(empty)))
    assert main(["agreement", "--reference", paths[0], "--profile", paths[1], "--store", str(empty)]) == 2
    assert "share no prompt" in capsys.readouterr().err
