"""A view model as a person reads it: every value in the words of the current language.

JSON keeps the stored English values (``show_of_hands``, ``true``, ``112.5``): that is the
scripting contract. A table or a show prints the same fields as text: a stored value by its label
(``a mano alzada``), yes/no in words, a decimal with the language's decimal comma and thousands
point (``1.500,25``), a moment to the minute, nothing for nothing. Headings come from each view's
``headings`` table, translated now.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from coop import vocabulary
from coop.formatting import format_number, yes_no
from coop.i18n import _
from coop.views import Entry, View, moment_text

# Control characters (a terminal escape in a name typed long ago): never printed. Tab and line
# breaks are text. New text holding one is refused before it is stored (coop.db.check_text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without the control characters a terminal or a document would act on."""
    return _CONTROL.sub("", text)


def cell(value: Any) -> str:
    """One value as a person reads it in a table or a show."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int too
        return yes_no(value)
    if isinstance(value, Enum):
        return vocabulary.label(value) if vocabulary.has_vocabulary(type(value)) else str(value.value)
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return moment_text(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return format_number(value)
    if isinstance(value, View):
        return "; ".join(
            f"{line.heading}: {line.text}" for line in fields(value) if isinstance(line.text, str)
        )
    if isinstance(value, tuple | list):
        return ", ".join(cell(item) for item in value)
    return printable(str(value))


def _entry_text(entry: Entry) -> str | list[Field] | list[list[Field]]:
    value = entry.value
    if isinstance(value, View):
        return fields(value)
    if isinstance(value, tuple) and value and all(isinstance(item, View) for item in value):
        return [fields(item) for item in value]
    if entry.convert:
        value = entry.convert(value)
    # A view that converts a field into a record of its own (a vote's quorum) shows it nested.
    if isinstance(value, Mapping) and value:
        return _mapping_fields(value)
    if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        return [_mapping_fields(item) for item in value]
    return cell(value)


def _mapping_fields(data: Mapping[str, Any]) -> list[Field]:
    return [Field(key, cell(value)) for key, value in data.items()]


@dataclass(frozen=True)
class Field:
    """One line of a show: the heading a person reads and the value's text (or a nested record)."""

    heading: str
    text: str | list[Field] | list[list[Field]]


def heading(entry: Entry) -> str:
    """The heading of ``entry`` in the current language; the key where a view gives none."""
    return _(entry.heading) if entry.heading else entry.key


def fields(view: View) -> list[Field]:
    """The lines of ``view``'s show, in the order of its fields."""
    return [Field(heading(entry), _entry_text(entry)) for entry in view.shown_fields()]


def text_row(view: View) -> dict[str, str]:
    """``view`` as a table row: each JSON key's value as text (nested records are summarised)."""
    if not isinstance(view, View):  # a row model of its own, with only its JSON: shown as it writes it
        return {key: cell(value) for key, value in view.as_json().items()}
    return {
        entry.key: cell(entry.convert(entry.value) if entry.convert else entry.value)
        for entry in view.shown_fields()
    }


def text_rows(views: Iterable[View]) -> list[dict[str, str]]:
    return [text_row(view) for view in views]


def headings(view_type: type[View], keys: Iterable[str]) -> list[tuple[str, str]]:
    """``(key, heading msgid)`` for a table's columns, from the view's own headings."""
    table: Mapping[str, str] = view_type.headings
    return [(key, table.get(key, key)) for key in keys]
