"""Numbers, percentages and weeks as the printed production plan writes them, and how much it lists."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from coop.i18n import _

HUNDRED = Decimal(100)
NAMES_SHOWN = 4
REFS_SHOWN = 6
GRID_WEEKS = 13
# Up to this many lines the document also lists each line with its number and priority; a longer
# plan shows its product-by-week grid only (``coop plan show`` lists every line).
LINES_LISTED = 80


# --- numbers and dates for paper -------------------------------------------------------------------


def number(value: Decimal | int, language: str, places: int = 2) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Spanish; rounded half up, no trailing zeros."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if language == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: Decimal, language: str) -> str:
    return _("{value} %").format(value=number(value, language, 1))


def short_week(week: date) -> str:
    """``W03``: the week number alone, for chart labels."""
    return f"W{week.isocalendar().week:02d}"
