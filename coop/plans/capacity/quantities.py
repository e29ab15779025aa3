"""Numbers for the pure check: checked Decimals and whole numbers, rounding, numbers in sentences.

Nothing is rounded until a finding is written: hours to 0.01, percentages to 0.1, half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from coop.errors import PlanError
from coop.i18n import _, current_language
from coop.numbers import finite_decimal, written_number, written_quantity

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
SIXTY = Decimal(60)
MAX_LEVEL = 4
HOURS_QUANTUM = Decimal("0.01")
PERCENT_QUANTUM = Decimal("0.1")
DEFAULT_HIGH_LOAD_PCT = Decimal(90)


# --------------------------------------------------------------------------- helpers


def as_decimal(value: object, what: str) -> Decimal:
    """``value`` as a finite Decimal (int, str, Decimal; a float goes through its repr)."""
    result = finite_decimal(value)
    if result is None:
        raise PlanError(_("{what} must be a number, not {value}.").format(what=what, value=value))
    return result


def as_whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(_("{what} must be a whole number, not {value}.").format(what=what, value=value))
    return value


def as_code(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PlanError(_("{what} must not be empty.").format(what=what))
    return value


def set_field(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def round_to(value: Decimal, quantum: Decimal) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def number_text(value: Decimal) -> str:
    """A number for a sentence in the message language: at most two decimals, no trailing zeros
    (1,500.25 in English, 1.500,25 in Spanish)."""
    return written_quantity(round_to(value, HOURS_QUANTUM), current_language())


def percent_text(value: Decimal) -> str:
    """A percentage for a sentence, to one decimal: 112.5 in English, 112,5 in Spanish."""
    return written_number(round_to(value, PERCENT_QUANTUM), current_language(), 1)
