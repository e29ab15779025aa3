"""Forecasts derived from what was made, and their accuracy (coop/master/forecasting.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coop.errors import PlanError
from coop.master.forecasting import (
    AccuracyRow,
    accuracy,
    mean_absolute_pct_error,
    same_month_trend,
    smoothing,
)


def _m(year: int, month: int) -> date:
    return date(year, month, 1)


def test_same_month_trend_is_last_years_month_times_the_years_growth() -> None:
    # 2025: 100 a month; 2026: 120 a month, so the trend is 1440 / 1200 = 1.2
    actuals = {_m(2025, m): D(100) for m in range(1, 13)} | {_m(2026, m): D(120) for m in range(1, 13)}
    actuals[_m(2026, 3)] = D(200)  # a March peak: the trend counts it too
    derived = same_month_trend("A", actuals, _m(2027, 1), 14)
    assert derived.parameter == D("1.267")  # (11 × 120 + 200) / 1200, to 0.001
    assert derived.months[_m(2027, 3)] == D(253)  # 200 × 1.267 = 253.4
    assert derived.months[_m(2027, 1)] == D(152)  # 120 × 1.267 = 152.04
    # more than a year ahead: two years back, the trend twice (120 × 1.267² = 192.6)
    assert derived.months[_m(2028, 2)] == D(193)


def test_same_month_trend_without_an_earlier_year_is_one() -> None:
    derived = same_month_trend("A", {_m(2026, 5): D(80)}, _m(2027, 1), 6)
    assert derived.parameter == D(1)
    assert derived.months[_m(2027, 5)] == D(80)
    assert derived.months[_m(2027, 1)] == D(0)


def test_smoothing_moves_alpha_of_the_way_each_month_and_counts_missing_months_as_zero() -> None:
    actuals = {_m(2026, 1): D(100), _m(2026, 2): D(200), _m(2026, 4): D(100)}
    derived = smoothing("A", actuals, _m(2026, 5), 6, D("0.5"))
    # level: 100 → 150 (Feb) → 75 (March, nothing made) → 87.5 (April) → 88 rounded
    assert set(derived.months.values()) == {D(88)}
    assert derived.parameter == D("0.5")


def test_smoothing_reads_nothing_from_the_months_forecast() -> None:
    derived = smoothing("A", {_m(2026, 1): D(100), _m(2026, 6): D(9999)}, _m(2026, 3), 6, D("0.3"))
    assert set(derived.months.values()) == {D(70)}  # 100, then 0.7 × 100 for February


def test_smoothing_factor_must_be_above_zero_and_at_most_one() -> None:
    for alpha in (D(0), D("1.5")):
        with pytest.raises(PlanError, match="--alpha"):
            smoothing("A", {}, _m(2027, 1), 6, alpha)


def test_accuracy_pairs_forecast_and_made_and_mape_is_the_mean_percentage_error() -> None:
    forecasts = {("A", _m(2026, 1)): D(90), ("A", _m(2026, 2)): D(150), ("A", _m(2026, 3)): D(5)}
    made = {
        ("A", _m(2026, 1)): D(100),
        ("A", _m(2026, 2)): D(100),
        ("A", _m(2026, 3)): D(0),
        ("B", _m(2026, 1)): D(1),
    }
    rows = accuracy(forecasts, made)
    assert [(r.month.month, r.error_pct) for r in rows] == [(1, D("10.0")), (2, D("50.0")), (3, None)]
    assert mean_absolute_pct_error(rows) == D("30.0")  # (10 + 50) / 2; March made nothing
    assert mean_absolute_pct_error([AccuracyRow("A", _m(2026, 3), D(5), D(0))]) is None
