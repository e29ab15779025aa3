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
member's record is the member's listing plus how it ended). ``headings`` gives each key the words a
person reads above it; ``coop.display`` turns the same fields into the text of tables and shows.

This module imports nothing from coop, so that every domain's views may stand on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, NamedTuple, Self


def day_text(day: date | None) -> str | None:
    """A day as JSON writes it: ``2026-11-25``."""
    return day.isoformat() if day is not None else None


def moment_text(value: datetime | None) -> str | None:
    """A moment as people and scripts read it: ``2026-11-25 18:00``."""
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


# A view's own conversions, by field name.
Converters = Mapping[str, Callable[[Any], Any]]


class Entry(NamedTuple):
    """One field as shown: its key, its value, its own conversion if any, and the view it is from."""

    key: str
    value: Any
    convert: Callable[[Any], Any] | None
    owner: type[View]

    @property
    def heading(self) -> str | None:
        """The msgid of the words a person reads above the value (translated when shown)."""
        return self.owner.headings.get(self.key)


class View:
    """A frozen dataclass's JSON, built from its fields (subclasses are ``@dataclass(frozen=True)``)."""

    json_omit: ClassVar[frozenset[str]] = frozenset()
    json_keys: ClassVar[Mapping[str, str]] = {}
    json_convert: ClassVar[Converters] = {}
    json_omit_none: ClassVar[frozenset[str]] = frozenset()
    json_inline: ClassVar[str | None] = None
    # What a person reads above each key in a show or a table: msgids, marked with N_ where they
    # are written and translated when shown (coop.display).
    headings: ClassVar[Mapping[str, str]] = {}

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

    def shown_fields(self) -> Iterator[Entry]:
        """Each field shown, in order: what ``as_json()`` writes and what a person reads
        (``coop.display``) both follow from it."""
        for field in fields(self):  # type: ignore[arg-type]  # every subclass is a dataclass
            name = field.name
            value = getattr(self, name)
            if name in self.json_omit or (value is None and name in self.json_omit_none):
                continue
            if name == self.json_inline:
                yield from value.shown_fields()
                continue
            yield Entry(self.json_keys.get(name, name), value, self.json_convert.get(name), type(self))

    def as_json(self) -> dict[str, Any]:
        """The view as ``--format json`` prints it and the tables read it."""
        return {
            entry.key: entry.convert(entry.value) if entry.convert else self.json_value(entry.value)
            for entry in self.shown_fields()
        }

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
