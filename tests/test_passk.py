"""pass@k against the closed form 1 - C(n-c, k) / C(n, k), on hand-worked and exhaustive cases."""
from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from lrcg.analysis.passk import mean_pass_at_k, pass_at_k


def closed_form(n: int, c: int, k: int) -> Fraction:
    return 1 - Fraction(comb(n - c, k), comb(n, k))


@pytest.mark.parametrize("k", [1, 10])
@pytest.mark.parametrize("c", range(0, 51))
def test_matches_closed_form_n50(c, k):
    assert pass_at_k(50, c, k) == pytest.approx(float(closed_form(50, c, k)), abs=1e-12)


def test_hand_worked_values():
    assert pass_at_k(50, 0, 1) == 0.0
    assert pass_at_k(50, 50, 10) == 1.0
    assert pass_at_k(50, 10, 1) == pytest.approx(0.2)  # k=1: the pass fraction c/n
    assert pass_at_k(50, 1, 10) == pytest.approx(10 / 50)  # one correct sample: drawn with prob k/n
    # two correct samples of 50, k=10: 1 - (40*39)/(50*49)
    assert pass_at_k(50, 2, 10) == pytest.approx(1 - (40 * 39) / (50 * 49))
    assert pass_at_k(50, 41, 10) == 1.0  # fewer than k wrong samples: every draw has a correct one


def test_numerically_stable_for_large_n():
    assert pass_at_k(2000, 3, 100) == pytest.approx(float(closed_form(2000, 3, 100)), rel=1e-9)


def test_mean_over_problems_equals_mean_pass_fraction_for_k1():
    counts = [(50, 0), (50, 25), (50, 50), (20, 3)]
    assert mean_pass_at_k(counts, 1) == pytest.approx((0 + 0.5 + 1 + 3 / 20) / 4)


@pytest.mark.parametrize("n,c,k", [(10, 11, 1), (10, -1, 1), (10, 5, 0), (5, 2, 6)])
def test_rejects_impossible_arguments(n, c, k):
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)


def test_mean_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        mean_pass_at_k([], 1)
