"""Numbers as the pure cores take them: any plain number, read exactly as a Decimal.

Pure: it imports nothing of coop, so every pure package may use it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


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
