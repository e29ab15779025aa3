"""What the assembly commands share: dates and times as typed."""

from __future__ import annotations

from datetime import date, datetime, time

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


def time_given(text: str | None, current: datetime) -> datetime | None:
    """``--at 18:40`` means that time today; ``--at 2026-11-25T18:40`` a full date and time."""
    if text is None:
        return None
    if "T" in text or " " in text.strip():
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            raise AssemblyError(
                _("'{value}' is not a time like 18:30 or 2026-11-25T18:30.").format(value=text)
            ) from None
    return datetime.combine(current.date(), parse_clock(text))
