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
class Outer(View):
    json_inline: ClassVar[str | None] = "inner"
    json_keys: ClassVar[dict[str, str]] = {"on": "date"}
    json_convert: ClassVar[Converters] = {"pairs": lambda pairs: [f"{a}:{b}" for a, b in pairs]}
    json_omit_none: ClassVar[frozenset[str]] = frozenset({"extra"})

    inner: Inner
    on: date
    at: datetime
    amount: Decimal
    colour: Colour
    items: tuple[Inner, ...]
    pairs: tuple[tuple[str, int], ...]
    extra: int | None


def test_as_json_follows_the_fields_and_the_tables() -> None:
    view = Outer(
        Inner("A", "not shown"),
        date(2026, 11, 25),
        datetime(2026, 11, 25, 18, 30, 12),
        Decimal("1.50"),
        Colour.red,
        (Inner("B", "x"),),
        (("w", 2),),
        None,
    )
    assert view.as_json() == {
        "code": "A",
        "date": "2026-11-25",
        "at": "2026-11-25 18:30",
        "amount": "1.50",
        "colour": "red",
        "items": [{"code": "B"}],
        "pairs": ["w:2"],
    }
    assert list(view.as_json())[:2] == ["code", "date"]  # the inlined view's keys come first


def test_copied_reads_same_named_attributes_and_refuses_unknown_fields() -> None:
    source = SimpleNamespace(code="C", label="ignored")
    assert Inner.copied(source, label="given") == Inner("C", "given")
    with pytest.raises(TypeError, match="no field labl"):
        Inner.copied(source, labl="misspelt")
