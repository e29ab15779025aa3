"""The one base of every view model: a frozen dataclass whose ``as_json()`` follows from its fields.

A view lists its fields in the order its JSON has them. ``as_json()`` writes each field under its
own name, its value made JSON-ready by ``json_value``: an enum by its value, a date as
``2026-11-25``, a moment to the minute (``2026-11-25 18:30``), a decimal as text, a tuple as a list,
a nested view by its own ``as_json()``; anything else (text, numbers, booleans, None, parsed JSON)
as it is. A view says only where its JSON differs, in four class tables:

- ``json_omit``: fields kept for messages or the audit log, not shown (a member's label);
- ``json_keys``: fields shown under another key (a closure's ``closed_on`` is ``date``);
- ``json_convert``: fields with a conversion of their own (a plan's weeks, a skill's prerequisites);
- ``json_omit_none``: fields left out entirely while they are None (a product's ``material``);

and ``json_inline`` names a nested view whose keys come first, as if they were the view's own (a
member's record is the member's listing plus how it ended).

This module imports nothing from coop, so that every domain's views may stand on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, Self


def day_text(day: date | None) -> str | None:
    """A day as JSON writes it: ``2026-11-25``."""
    return day.isoformat() if day is not None else None


def moment_text(value: datetime | None) -> str | None:
    """A moment as people and scripts read it: ``2026-11-25 18:00``."""
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


# A view's own conversions, by field name.
Converters = Mapping[str, Callable[[Any], Any]]


class View:
    """A frozen dataclass's JSON, built from its fields (subclasses are ``@dataclass(frozen=True)``)."""

    json_omit: ClassVar[frozenset[str]] = frozenset()
    json_keys: ClassVar[Mapping[str, str]] = {}
    json_convert: ClassVar[Converters] = {}
    json_omit_none: ClassVar[frozenset[str]] = frozenset()
    json_inline: ClassVar[str | None] = None

    @classmethod
    def json_value(cls, value: Any) -> Any:
        """A field's value made JSON-ready; a view overrides it to write its decimals otherwise."""
        if isinstance(value, View):
            return value.as_json()
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime):  # before date: a datetime is a date too
            return moment_text(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, tuple):
            return [cls.json_value(item) for item in value]
        return value

    def as_json(self) -> dict[str, Any]:
        """The view as ``--format json`` prints it and the tables read it."""
        data: dict[str, Any] = {}
        for field in fields(self):  # type: ignore[arg-type]  # every subclass is a dataclass
            name = field.name
            value = getattr(self, name)
            if name in self.json_omit or (value is None and name in self.json_omit_none):
                continue
            if name == self.json_inline:
                data |= value.as_json()
                continue
            convert = self.json_convert.get(name)
            data[self.json_keys.get(name, name)] = convert(value) if convert else self.json_value(value)
        return data

    @classmethod
    def copied(cls, source: object, **computed: Any) -> Self:
        """The view of ``source``: each field read from its attribute of the same name, unless given."""
        names = {field.name for field in fields(cls)}  # type: ignore[arg-type]
        if unknown := computed.keys() - names:  # a misspelt field would otherwise pass unnoticed
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls(  # type: ignore[call-arg]  # the fields are the subclass's
            **{
                field.name: computed[field.name] if field.name in computed else getattr(source, field.name)
                for field in fields(cls)  # type: ignore[arg-type]
            }
        )
