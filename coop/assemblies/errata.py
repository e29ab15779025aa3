"""Errata as the minutes print them ("Fe de erratas"), read back from the audit events of
:mod:`.corrections`: corrections made once the assembly had closed, its reopenings, and the errata
it records about earlier approved minutes. Worded in the language of the moment (the minutes are
built in the cooperative's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from coop.assemblies.corrections import ERRATA_ACTIONS, ERRATUM_ACTION
from coop.assemblies.models import Assembly
from coop.assemblies.moments import REOPENED_ACTION, assembly_events
from coop.formatting import format_time
from coop.i18n import _


@dataclass(frozen=True)
class Erratum:
    """One erratum: when it was entered, what changed, and why (all in the current language)."""

    entered: date
    what: str
    reason: str | None


def _field_words(field: str) -> str:
    return {
        "opened_at": _("Opening time"),
        "closed_at": _("Closing time"),
        "second_call_at": _("Time of the second call"),
        "arrived": _("Arrival"),
        "left": _("Departure"),
    }[field]


def _moment_words(text: str | None) -> str:
    if text is None:
        return _("none")
    moment = datetime.fromisoformat(text)
    return format_time(moment)


def errata(session: Session, assembly: Assembly) -> list[Erratum]:
    """The errata of ``assembly``'s minutes: corrections made once it had closed, its reopenings,
    and the errata it records about earlier approved minutes."""
    found: list[Erratum] = []
    for event in assembly_events(session, assembly.id, ERRATA_ACTIONS):
        data = json.loads(event.data)
        day = event.occurred_at.date()
        if event.action == REOPENED_ACTION:
            closed = datetime.fromisoformat(data["closed_at"])
            found.append(
                Erratum(
                    day,
                    _("The assembly, closed at {time}, was reopened to correct its record.").format(
                        time=format_time(closed)
                    ),
                    data["reason"],
                )
            )
        elif event.action == ERRATUM_ACTION:
            found.append(
                Erratum(
                    day,
                    _("On the minutes of assembly {about}: {text}").format(
                        about=data["about_assembly_id"], text=data["text"]
                    ),
                    None,
                )
            )
        elif data.get("after_close"):
            for change in data["changes"]:
                found.append(Erratum(day, _change_words(data, change), data["reason"]))
    return found


def _change_words(data: dict, change: dict) -> str:
    member = data.get("member")
    if change["field"] == "removed":
        return _("{member} was removed from the attendance: recorded in error.").format(member=member)
    what = _field_words(change["field"])
    if member:
        what = _("{what} of {member}").format(what=what, member=member)
    return _("{what}: {old} changed to {new}.").format(
        what=what, old=_moment_words(change["from"]), new=_moment_words(change["to"])
    )
