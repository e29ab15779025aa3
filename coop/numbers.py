"""Numbers as the pure cores take them: any plain number, read exactly as a Decimal.

Pure: it imports nothing of coop, so every pure package may use it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A whole number as people write counts and weights: digits only, at most 18 of them (a count
# larger than a billion billion is a garbled file, and Python refuses to read one of 4,300 digits).
MOST_DIGITS = 18
WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MOST_DIGITS}}}")


def whole_number(text: str) -> int | None:
    """``text`` (surrounding spaces allowed) as a whole number of at most 18 digits, else None.

    The caller says, in its own domain's words, what the number must be.
    """
    text = text.strip()
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None


def finite_decimal(value: object) -> Decimal | None:
    """``value`` as a finite Decimal (int, str, Decimal; a float goes through its repr), else None.

    None for a bool, any other type, text that is not a number, and infinities or NaN: the
    caller says, in its own domain's words, that the value must be a number.
    """
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int | str):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        else:
            return None
    except (ValueError, InvalidOperation):
        return None
    return result if result.is_finite() else None


def written_number(value: int | Decimal | float, language: str, places: int | None = None) -> str:
    """1,234.5 in English; 1.234,5 in Spanish, as people of each language write numbers on paper.

    ``places``: that many decimals; None keeps the value's own (``Decimal("12.50")`` -> ``12.50``).
    """
    text = f"{value:,.{places}f}" if places is not None else f"{value:,}"
    if language == "es":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def written_quantity(value: int | Decimal, language: str) -> str:
    """A quantity in a sentence: the decimals it needs and no more (1,500 and 12.5; 1.500 and 12,5)."""
    value = abs(Decimal(value)) if Decimal(value).is_zero() else Decimal(value)  # no "-0"
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return written_number(value, language, places)
