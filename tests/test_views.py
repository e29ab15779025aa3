"""The view models' base: ``as_json()`` follows from the dataclass fields and four class tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import SimpleNamespace
from typing import ClassVar

import pytest

from coop.views import Converters, View


class Colour(Enum):
    red = "red"


@dataclass(frozen=True)
class Inner(View):
    json_omit: ClassVar[frozenset[str]] = frozenset({"label"})
    code: str
    label: str


@dataclass(frozen=True)
class Values(View):
    """Every kind of value the base converts by itself."""

    at: datetime
    amount: Decimal
    colour: Colour
    items: tuple[Inner, ...]


@dataclass(frozen=True)
class Tables(View):
    """Every class table a view may set."""

    json_inline: ClassVar[str | None] = "inner"
    json_keys: ClassVar[dict[str, str]] = {"on": "date"}
    json_convert: ClassVar[Converters] = {"pairs": lambda pairs: [f"{a}:{b}" for a, b in pairs]}
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"extra"})
    inner: Inner
    on: date
    pairs: tuple[tuple[str, int], ...]
    extra: int | None


def test_values_are_made_json_ready_by_kind() -> None:
    view = Values(datetime(2026, 11, 25, 18, 30, 12), Decimal("1.50"), Colour.red, (Inner("B", "x"),))
    assert view.as_json() == {
        "at": "2026-11-25 18:30",
        "amount": "1.50",
        "colour": "red",
        "items": [{"code": "B"}],
    }


def test_the_tables_omit_rename_convert_and_inline() -> None:
    view = Tables(Inner("A", "not shown"), date(2026, 11, 25), (("w", 2),), None)
    assert view.as_json() == {"code": "A", "date": "2026-11-25", "pairs": ["w:2"]}
    assert list(view.as_json()) == ["code", "date", "pairs"]  # the inlined view's keys come first


def test_copied_reads_same_named_attributes_and_refuses_unknown_fields() -> None:
    source = SimpleNamespace(code="C", label="ignored")
    assert Inner.copied(source, label="given") == Inner("C", "given")
    with pytest.raises(TypeError, match="no field labl"):
        Inner.copied(source, labl="misspelt")
