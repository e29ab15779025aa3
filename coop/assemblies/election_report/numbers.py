"""Numbers in the results report: decimals as stored, lined up in a table or plain in a sentence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from coop.formatting import format_number
from coop.i18n import _

MINUS = "\u2212"


def as_decimal(text: str | int | Decimal) -> Decimal:
    return text if isinstance(text, Decimal) else Decimal(str(text))


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class TableNumbers:
    """Formats the numbers of one table with the same decimal places, so that they line up."""

    def __init__(self, language: str, values: Iterable[Decimal]) -> None:
        self.language = language
        self.places = max((places_of(value) for value in values), default=0)

    def votes(self, value: Decimal) -> str:
        # Never fewer places than the value has: padding lines numbers up, rounding would change them.
        return format_number(value, self.language, max(self.places, places_of(value)))

    def change(self, value: Decimal) -> str:
        text = self.votes(abs(value))
        if value > 0:
            return "+" + text
        if value < 0:
            return MINUS + text
        return text


def plain_number(value: Decimal | int, language: str) -> str:
    """A number in a sentence: thousands separators, the decimals it needs and no trailing zeros."""
    value = as_decimal(value)
    return format_number(value, language, places_of(value.normalize()))


def plural_count(value: Decimal | int) -> int:
    """The count that picks a plural form: a whole number itself, a fraction the plural ("1.5 votes")."""
    value = as_decimal(value)
    return int(value) if value == value.to_integral_value() else 2


def join_names(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
