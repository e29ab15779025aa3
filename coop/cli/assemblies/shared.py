"""What the assembly commands share: dates and times as typed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import typer

from coop import parsing
from coop.errors import AssemblyError
from coop.i18n import _


def parse_day(text: str) -> date:
    return parsing.parse_day(
        text, lambda value: AssemblyError(_("'{value}' is not a date like 2026-11-25.").format(value=text))
    )


def parse_clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise AssemblyError(_("'{value}' is not a time like 18:30.").format(value=text)) from None


def when_option(help: str) -> Any:
    """``--at``: when it happened, if not now (read with :func:`parse_when`); ``help`` says what."""
    return typer.Option(None, "--at", help=help)


def parse_when(text: str | None) -> datetime | time | None:
    """WHEN as typed: ``18:05`` (a time on the assembly's day, which the service knows), or a full
    date and time, ``2026-11-28 18:05`` or ``2026-11-28T18:05``; None when not given (now)."""
    if text is None:
        return None
    cleaned = text.strip()
    if "T" in cleaned or " " in cleaned:
        try:
            return datetime.fromisoformat(cleaned)
        except ValueError:
            raise AssemblyError(
                _("'{value}' is not a time like 18:30 or a date and time like 2026-11-25 18:30.").format(
                    value=text
                )
            ) from None
    return parse_clock(cleaned)
