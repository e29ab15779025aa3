"""When an act of an assembly happened, as opposed to when it was typed.

A secretary may enter a meeting the next morning from her paper notes: every act then takes the
time it really happened (``at``), while its audit event keeps the moment of typing, so that the
chain stays in time order and nothing is back-dated. A time without a date (``18:05``) is a time
on the assembly's day: the day it was opened, or the day it was called for.

The rule for "entered after the fact": an act typed more than :data:`LATE_ENTRY` after the moment
it records. Such acts make the minutes say when and from what the record was written.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coop.assemblies.models import Assembly
from coop.audit import AuditEvent
from coop.errors import AssemblyError
from coop.formatting import format_time
from coop.i18n import _

# A time of the act (a datetime), or a time of day on the assembly's day.
Moment = datetime | time

# Typed within the hour, an entry is taken live in the room (a latecomer ticked a little late);
# typed later than that, it is written from notes after the fact.
LATE_ENTRY = timedelta(hours=1)


def assembly_day(assembly: Assembly) -> date:
    """The day a bare time refers to: the day the assembly opened, or was called for."""
    return (assembly.opened_at or assembly.called_for).date()


def moment_of(assembly: Assembly, at: Moment | None, now: datetime) -> datetime:
    """The moment of an act: ``now`` if none is given, a bare time on the assembly's day."""
    if at is None:
        return now
    if isinstance(at, datetime):
        return at.replace(tzinfo=None)
    return datetime.combine(assembly_day(assembly), at)


def shown(*moments: datetime) -> list[str]:
    """Times to compare in one sentence: "18:05", or with the date when they fall on different days."""
    if len({moment.date() for moment in moments}) == 1:
        return [format_time(moment) for moment in moments]
    return [moment.strftime("%Y-%m-%d %H:%M") for moment in moments]


def refuse_future(moment: datetime, now: datetime, what: str) -> None:
    """``what`` ("closing") cannot be later than the moment it is typed."""
    if moment > now:
        time_text, current = shown(moment, now)
        raise AssemblyError(
            _("The {what} time {time} is later than now ({now}); give a time that has passed.").format(
                what=what, time=time_text, now=current
            )
        )


def refuse_before(moment: datetime, earliest: datetime, what: str, before_what: str) -> None:
    """``what`` at ``moment`` cannot come before ``before_what`` at ``earliest``."""
    if moment < earliest:
        time_text, first = shown(moment, earliest)
        raise AssemblyError(
            _(
                "The {what} time {time} is before {event} ({earliest}); give a time from {earliest} on."
            ).format(what=what, time=time_text, event=before_what, earliest=first)
        )


def with_time(
    data: dict[str, Any], moment: datetime, now: datetime, *, assembly_id: int | None = None
) -> dict[str, Any]:
    """An audit event's data, with the time the act happened when it is not the moment of typing
    (and then ``assembly_id``, if given, so that the minutes find the act among the assembly's)."""
    if moment != now:
        data["at"] = moment.isoformat()
        if assembly_id is not None:
            data["assembly_id"] = assembly_id
    return data


def entered_after_the_fact(moment: datetime, typed: datetime) -> bool:
    """The rule: typed more than an hour after it happened."""
    return typed - moment > LATE_ENTRY


def assembly_events(session: Session, assembly_id: int, actions: tuple[str, ...]) -> list[AuditEvent]:
    """The audit events of one assembly among ``actions``, in the chain's order."""
    # canonical_json writes sorted keys without spaces, so the id is followed by "," or "}".
    patterns = (f'%"assembly_id":{assembly_id},%', f'%"assembly_id":{assembly_id}}}%')
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(actions), or_(*(AuditEvent.data.like(p) for p in patterns)))
        .order_by(AuditEvent.seq)
    )
    return [event for event in rows if json.loads(event.data).get("assembly_id") == assembly_id]


# Acts of an assembly that carry the time they happened ("at") in their audit data.
TIMED_ACTIONS = (
    "coop.assembly.opened",
    "coop.assembly.second_called",
    "coop.assembly.closed",
    "coop.attendance.arrived",
    "coop.attendance.left",
    "coop.motion.vote_opened",
    "coop.motion.closed",
    "coop.election.opened",
    "coop.election.closed",
)


def late_entry_days(session: Session, assembly: Assembly) -> list[date]:
    """The days on which acts of ``assembly`` were entered after the fact, in order."""
    days: set[date] = set()
    for event in assembly_events(session, assembly.id, TIMED_ACTIONS):
        at = json.loads(event.data).get("at")
        if at and entered_after_the_fact(datetime.fromisoformat(at), event.occurred_at):
            days.add(event.occurred_at.date())
    return sorted(days)


REOPENED_ACTION = "coop.assembly.reopened"


def closing_before_reopening(session: Session, assembly: Assembly) -> datetime | None:
    """The time a reopened assembly had closed at, which it closes at again unless told otherwise."""
    events = assembly_events(session, assembly.id, (REOPENED_ACTION,))
    if not events:
        return None
    return datetime.fromisoformat(json.loads(events[-1].data)["closed_at"])
