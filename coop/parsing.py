"""What people type, read one way: days, ISO weeks, quantities and codes.

Pure: no database, no clock. Each domain keeps its own kind of error and its own sentence for a
refusal (a skill code and a product code are refused in different words), so a parser takes a
``refuse`` function that builds that error from the text as typed; only the reading is here.
The words that name stored values (a vote's method, a session's kind) are read by
:func:`coop.vocabulary.parse`, in either language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from coop.errors import CoopError
from coop.i18n import _, current_language

# Builds the caller's error from the text as typed (stripped of surrounding spaces).
Refusal = Callable[[str], CoopError]

CODE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
MAX_CODE_LENGTH = 40
MAX_QUANTITY = Decimal("999999999999")
QUANTITY_PLACES = 4

_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})")


# --- days and weeks ----------------------------------------------------------------------------


def parse_day(text: str | date, refuse: Refusal) -> date:
    """A day written the ISO way (``2026-12-08``); a ``date`` passes through unchanged."""
    if isinstance(text, date):
        return text
    cleaned = text.strip()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise refuse(cleaned) from None


def week_of(day: date) -> date:
    """The Monday of the ISO week containing ``day``."""
    return day - timedelta(days=day.weekday())


def iso_week(year: int, week: int, *, error: type[CoopError]) -> date:
    """The Monday of ISO week ``week`` of ``year`` (``iso_week(2025, 7)`` is 2025-02-10)."""
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise error(_("{year}-W{week} is not an ISO week.").format(year=year, week=week)) from None


def parse_week(text: str | date, refuse: Refusal, *, error: type[CoopError]) -> date:
    """The Monday of a week written ``2026-W49`` or as any date inside it (``2026-12-02``).

    ``error`` refuses a week number the year does not have (``2026-W54``).
    """
    if isinstance(text, date):
        return week_of(text)
    raw = text.strip().upper()
    match = _WEEK.fullmatch(raw)
    if match:
        return iso_week(int(match[1]), int(match[2]), error=error)
    try:
        return week_of(date.fromisoformat(raw))
    except ValueError:
        raise refuse(text.strip()) from None


# --- numbers -----------------------------------------------------------------------------------


def read_decimal(text: str) -> Decimal | None:
    """``text`` as a finite Decimal, or None when it is not a number (``abc``, ``NaN``, ``Infinity``)."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class AmbiguousNumber(ValueError):
    """A number typed so that it reads two ways: ``1.5`` in Spanish, where a point groups thousands."""

    def __init__(self, typed: str, as_decimal: str, as_whole: str) -> None:
        super().__init__(typed)
        self.typed, self.as_decimal, self.as_whole = typed, as_decimal, as_whole

    def sentence(self, what: str) -> str:
        """The refusal, naming both readings: "Quantity '1.5' could be read two ways; write 1,5 …"."""
        return _(
            "{what} '{value}' could be read two ways; write {decimal} for a decimal "
            "or {whole} for a whole number."
        ).format(what=what, value=self.typed, decimal=self.as_decimal, whole=self.as_whole)


# Spanish writes a decimal comma and may group thousands with points: 4.500.000 or 1.500,25. A group
# starts with a digit other than zero, so "0.250" is not taken for a grouped 250.
_SPANISH_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
# One point between digits that is no thousands group ("1.5", "0.25", "12.5000"): decimal or thousands?
_SPANISH_POINT_ALONE = re.compile(r"([+-]?)(\d*)\.(\d+)")


def _read_spanish(text: str) -> Decimal | None:
    """``text`` typed the Spanish way; raises AmbiguousNumber for a point that groups nothing."""
    if _SPANISH_GROUPED.fullmatch(text):
        return read_decimal(text.replace(".", "").replace(",", "."))
    alone = _SPANISH_POINT_ALONE.fullmatch(text)
    if alone:
        sign, whole, fraction = alone.groups()
        as_whole = (whole + fraction).lstrip("0") or "0"
        raise AmbiguousNumber(text, f"{sign}{whole or '0'},{fraction}", f"{sign}{as_whole}")
    if "." in text or text.count(",") > 1:
        return None
    return read_decimal(text.replace(",", "."))


# How each language's operator types a number; a language not listed types it the English way,
# which is Python's own: a decimal point and no thousands separator.
_NUMBER_READERS: dict[str, Callable[[str], Decimal | None]] = {"es": _read_spanish}


def spells_decimal_comma(language: str | None = None) -> bool:
    """Whether the operator of ``language`` (default: the current one) writes a decimal comma."""
    return (language or current_language()) in _NUMBER_READERS


def read_typed_number(text: str | Decimal | int, language: str | None = None) -> Decimal | None:
    """``text`` as the operator of ``language`` (default: the current one) writes a number, or None.

    English: ``1.5``, ``1200``. Spanish: ``0,1``, ``1.500`` (1500), ``4.500.000``, ``1.500,25``. A number
    that reads two ways (``1.5`` in Spanish) raises AmbiguousNumber rather than being guessed. A Decimal
    or int given by code, not typed, is taken as it is.
    """
    if not isinstance(text, str):
        return read_decimal(str(text))
    reader = _NUMBER_READERS.get(language or current_language(), read_decimal)
    return reader(text.strip())


def _read_typed_quantity(text: str | Decimal | int, what: str, error: type[CoopError]) -> Decimal | None:
    """``text`` read in the operator's language; a comma in English or a number read two ways is refused."""
    raw = str(text).strip()
    if "," in raw and not spells_decimal_comma():
        raise error(
            _(
                "{what} '{value}' is not a number; write decimals with a point and no thousands separator, "
                "like 1200.5."
            ).format(what=what, value=raw)
        )
    try:
        return read_typed_number(text)
    except AmbiguousNumber as ambiguous:
        raise error(ambiguous.sentence(what)) from None


def parse_quantity(
    text: str | Decimal | int, what: str, *, error: type[CoopError], allow_zero: bool = False
) -> Decimal:
    """A quantity as people of the current language type it: ``1200``, ``12.5`` (``12,5`` in
    Spanish); never negative, at most 4 decimals."""
    raw = str(text).strip()
    value = _read_typed_quantity(text, what, error)
    if value is None:
        raise error(
            _("{what} '{value}' is not a number; write it like 1200 or 12.5.").format(what=what, value=raw)
        )
    if value < 0:
        raise error(_("{what} cannot be negative ({value}).").format(what=what, value=raw))
    if value == 0 and not allow_zero:
        raise error(_("{what} must be above zero.").format(what=what))
    if value > MAX_QUANTITY:
        raise error(_("{what} {value} is too large.").format(what=what, value=raw))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_PLACES:
        raise error(
            _("{what} {value} has more than {places} decimals.").format(
                what=what, value=raw, places=QUANTITY_PLACES
            )
        )
    return value


# --- codes ----------------------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    """A code as stored: no surrounding spaces, upper case (``bald-30`` is ``BALD-30``)."""
    return text.strip().upper()


def parse_code(text: str, *, missing: Callable[[], CoopError], refuse: Refusal) -> str:
    """A code of up to 40 letters, digits and ``- _ .``; ``missing`` refuses an empty one."""
    code = normalise_code(text)
    if not code:
        raise missing()
    if len(code) > MAX_CODE_LENGTH or not set(code) <= CODE_CHARACTERS:
        raise refuse(text.strip())
    return code
