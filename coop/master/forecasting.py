"""Forecasts derived from what was actually made, and how close past forecasts came. Pure.

Actuals are given per month (the first day of the month) for one product; a month with no actual
inside the history counts as 0. Only months before the first forecast month are read. Derived
forecasts are rounded to whole units (half up). Each method can be said in one sentence:

same-month-trend
    "Each month's forecast is what was made in the same month a year before, times the trend:
    what was made in the last 12 months divided by what was made in the 12 months before those."
    With no earlier year to compare (or nothing made in it) the trend is 1. A forecast month more
    than a year ahead reaches back two years and takes the trend twice.

smoothing
    "Every month's forecast is the smoothed level of what was made: each month the level moves
    ALPHA of the way towards that month's actual (ALPHA = 0.3 by default)." The level starts at the
    first month with an actual; every forecast month gets the last level.

Accuracy
    For each month with both a forecast and an actual, the error is ``|actual − forecast|`` and
    the percentage error is that error over the actual (months where nothing was made have no
    percentage). The mean absolute percentage error (MAPE) of a product is the mean of its
    percentage errors: "on average, the forecast missed what was made by this percentage".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.master.months import add_months, month_of, month_range

ZERO = Decimal(0)
ONE = Decimal(1)
DEFAULT_ALPHA = Decimal("0.3")


class ForecastMethod(enum.StrEnum):
    same_month_trend = "same-month-trend"
    smoothing = "smoothing"


@dataclass(frozen=True)
class DerivedForecast:
    """What a method forecasts for one product, with the parameter it used (trend or alpha)."""

    code: str
    method: ForecastMethod
    parameter: Decimal
    months: Mapping[date, Decimal]


def _whole(value: Decimal) -> Decimal:
    return value.quantize(ONE, rounding=ROUND_HALF_UP)


def trend_of(actuals: Mapping[date, Decimal], first: date) -> Decimal:
    """Made in the 12 months before ``first`` over made in the 12 before those (1 with none), to 0.001."""
    recent = sum((actuals.get(m, ZERO) for m in month_range(add_months(first, -12), 12)), ZERO)
    earlier = sum((actuals.get(m, ZERO) for m in month_range(add_months(first, -24), 12)), ZERO)
    if earlier <= 0 or recent <= 0:
        return ONE
    return (recent / earlier).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def same_month_trend(code: str, actuals: Mapping[date, Decimal], first: date, months: int) -> DerivedForecast:
    first = month_of(first)
    trend = trend_of(actuals, first)
    forecast = {}
    for month in month_range(first, months):
        years = 1
        while add_months(month, -12 * years) >= first:
            years += 1
        base = actuals.get(add_months(month, -12 * years), ZERO)
        forecast[month] = _whole(base * trend**years)
    return DerivedForecast(code, ForecastMethod.same_month_trend, trend, forecast)


def check_alpha(alpha: Decimal) -> Decimal:
    if not ZERO < alpha <= ONE:
        raise PlanError(
            _(
                "The smoothing factor --alpha must be more than 0 and at most 1, like 0.3; not {alpha}."
            ).format(alpha=alpha)
        )
    return alpha


def smoothed_level(actuals: Mapping[date, Decimal], first: date, alpha: Decimal) -> Decimal | None:
    """The level after the last month before ``first`` (None with no actual before it)."""
    history = sorted(m for m in actuals if m < month_of(first))
    if not history:
        return None
    level = actuals[history[0]]
    month = add_months(history[0], 1)
    while month < month_of(first):
        level = alpha * actuals.get(month, ZERO) + (ONE - alpha) * level
        month = add_months(month, 1)
    return level


def smoothing(
    code: str, actuals: Mapping[date, Decimal], first: date, months: int, alpha: Decimal = DEFAULT_ALPHA
) -> DerivedForecast:
    check_alpha(alpha)
    level = smoothed_level(actuals, first, alpha)
    value = _whole(level) if level is not None else ZERO
    return DerivedForecast(
        code, ForecastMethod.smoothing, alpha, {m: value for m in month_range(month_of(first), months)}
    )


@dataclass(frozen=True)
class AccuracyRow:
    code: str
    month: date
    forecast: Decimal
    actual: Decimal

    @property
    def error(self) -> Decimal:
        return abs(self.actual - self.forecast)

    @property
    def error_pct(self) -> Decimal | None:
        """The error as a % of what was made, to 0.1 (None when nothing was made)."""
        if self.actual <= 0:
            return None
        return (self.error / self.actual * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean_absolute_pct_error(rows: Sequence[AccuracyRow]) -> Decimal | None:
    """The mean of the rows' percentage errors, to 0.1 (None when no row has one)."""
    errors = [row.error / row.actual * 100 for row in rows if row.actual > 0]
    if not errors:
        return None
    return (sum(errors, ZERO) / len(errors)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def accuracy(
    forecasts: Mapping[tuple[str, date], Decimal], actuals: Mapping[tuple[str, date], Decimal]
) -> list[AccuracyRow]:
    """One row per product and month that has both a forecast and an actual, by product then month."""
    return [
        AccuracyRow(code, month, forecasts[(code, month)], actuals[(code, month)])
        for code, month in sorted(set(forecasts) & set(actuals))
    ]
