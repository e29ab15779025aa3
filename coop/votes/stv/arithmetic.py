"""The arithmetics an STV count is done in, each named as Droop names it.

A value is a plain Python number: a :class:`~fractions.Fraction` for exact rational arithmetic, or a
whole number counting units of ``10**-places`` for the fixed-point ones. Additions and subtractions are
the number's own; multiplications, divisions and comparisons go through the arithmetic, because that is
where they differ:

- ``rational``: exact fractions; nothing is ever rounded.
- ``fixed`` (``p5`` for the Scottish rules): ``places`` decimals; a product or quotient is truncated
  (rounded down) to them, as article 48 of The Scottish Local Government Elections Order 2007 orders.
- ``guarded`` (``p18 g9``): ``precision + guard`` decimals, truncated; two values that differ by less than
  half a unit of the precision (``10**guard / 2`` units) compare equal, so rounding noise in the guard
  digits never decides a count.

Every value is shown, and compared with a reference count, rounded half up to ``display`` decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Value = int | Fraction
ArithmeticKind = Literal["rational", "fixed", "guarded"]


@dataclass(frozen=True)
class Arithmetic:
    """How numbers are kept: ``kind``, decimals kept (``precision + guard``) and decimals shown."""

    kind: ArithmeticKind
    precision: int = 0
    guard: int = 0
    display: int = 12

    @property
    def exact(self) -> bool:
        """True when the quota is not rounded up and a candidate needs more than it (Droop's ``exact``)."""
        return self.kind != "fixed"

    @property
    def scale(self) -> int:
        return 10 ** (self.precision + self.guard)

    @property
    def name(self) -> str:
        if self.kind == "rational":
            return f"rational-d{self.display}"
        if self.kind == "fixed":
            return f"fixed-p{self.precision}-d{self.display}"
        return f"guarded-p{self.precision}-g{self.guard}-d{self.display}"

    @property
    def epsilon(self) -> Value:
        """The smallest positive value (zero for exact fractions)."""
        return Fraction(0) if self.kind == "rational" else 1

    def of(self, number: int | Fraction) -> Value:
        """A whole number or an exact fraction as a value (fractions truncated to the places kept)."""
        if self.kind == "rational":
            return Fraction(number)
        return int(Fraction(number) * self.scale // 1)

    def mul(self, a: Value, b: Value, *, up: bool = False) -> Value:
        """``a × b``; fixed point rounds down, or up when asked (guarded arithmetic always down)."""
        if self.kind == "rational":
            return a * b
        quotient, remainder = divmod(int(a) * int(b), self.scale)
        return quotient + 1 if up and remainder and self.kind == "fixed" else quotient

    def div(self, a: Value, b: Value, *, up: bool = False) -> Value:
        """``a ÷ b``; fixed point rounds down, or up when asked (guarded arithmetic always down)."""
        if self.kind == "rational":
            return Fraction(a) / b
        quotient, remainder = divmod(int(a) * self.scale, int(b))
        return quotient + 1 if up and remainder and self.kind == "fixed" else quotient

    def muldiv(self, a: Value, b: Value, c: Value) -> Value:
        """``a × b ÷ c`` with the full product kept, rounded down once."""
        if self.kind == "rational":
            return Fraction(a) * b / c
        return int(a) * int(b) // int(c)

    def divide_whole(self, a: Value, n: int) -> Value:
        """``a ÷ n`` for a whole number ``n`` (rounded down in fixed point)."""
        return Fraction(a) / n if self.kind == "rational" else int(a) // n

    def cmp(self, a: Value, b: Value) -> int:
        """-1, 0 or 1; guarded values closer than half a unit of precision are equal."""
        if self.kind == "guarded":
            difference = int(a) - int(b)
            if abs(difference) < max(10**self.guard // 2, 1):
                return 0
            return 1 if difference > 0 else -1
        return (a > b) - (a < b)

    def lt(self, a: Value, b: Value) -> bool:
        return self.cmp(a, b) < 0

    def le(self, a: Value, b: Value) -> bool:
        return self.cmp(a, b) <= 0

    def eq(self, a: Value, b: Value) -> bool:
        return self.cmp(a, b) == 0

    def exact_value(self, value: Value) -> Fraction:
        """The value as an exact fraction (for reports)."""
        return Fraction(value) if self.kind == "rational" else Fraction(int(value), self.scale)

    def show(self, value: Value | Fraction, *, exact: bool = False) -> str:
        """The value with ``display`` decimals, rounded half up (``exact``: ``value`` is a fraction)."""
        fraction = Fraction(value) if exact else self.exact_value(value)
        return show_decimal(fraction, self.display)


def show_decimal(fraction: Fraction, places: int) -> str:
    """``fraction`` with ``places`` decimals, rounded half up (as Droop prints its counts)."""
    scaled = int((fraction * 10**places + Fraction(1, 2)) // 1)
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**places)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


RATIONAL = Arithmetic("rational", display=12)
GUARDED_P18_G9 = Arithmetic("guarded", precision=18, guard=9, display=18)
FIXED_P5 = Arithmetic("fixed", precision=5, display=5)
