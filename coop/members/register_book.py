"""The register of members (Libro de Registro de Asociados) as a printable document.

Ley 20.337 asks every cooperative to keep it: each member in member-number order with the date of
admission, and the date and cause of leaving. The document is built from the record as it stands,
and, given a day, lists the entries made in the register since then (admissions and leavings from
the audit log), so that a secretary can copy or sign off what changed since the last printing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import AuditEvent
from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.cooperative import get_cooperative
from coop.members.corrections import FieldChange, changes_words
from coop.members.models import Member

# The audit log's entries that change the register itself (roles are not part of it).
REGISTER_ACTIONS = (
    "coop.member.added",
    "coop.member.deactivated",
    "coop.member.corrected",
    "coop.member.reactivated",
)


@dataclass(frozen=True)
class RegisterEntry:
    number: str  # the member number, or "—" for a member recorded without one
    name: str
    section: str
    admitted: str  # the date of admission, as the cooperative writes dates
    left: str  # the date of leaving, or "" while a member
    cause: str  # the cause of leaving as recorded, or ""


@dataclass(frozen=True)
class RegisterChange:
    day: str
    number: str
    name: str
    change: str  # "Admitted" / "Left: retired" in words


@dataclass(frozen=True)
class MemberRegister:
    cooperative: str
    title: str
    as_of: str
    summary: str  # "52 members: 48 active, 4 who have left."
    entries: tuple[RegisterEntry, ...]
    since: str | None  # the day the list of changes starts, if one was asked for
    changes: tuple[RegisterChange, ...]
    language: str = "en"  # the cooperative's: the document is rendered in it


def number_order(member: Member) -> tuple[bool, int, str, str, int]:
    """Member-number order: numbers by their value (``2`` before ``10``), then members without one."""
    number = member.number or ""
    return (not number, int(number) if number.isdigit() else 0, number, member.name, member.id)


def _entry(member: Member, language: str) -> RegisterEntry:
    return RegisterEntry(
        number=member.number or "—",
        name=member.name,
        section=member.section or "",
        admitted=format_date(member.joined_on, language) if member.joined_on else "",
        left=format_date(member.deactivated_on, language) if member.deactivated_on else "",
        cause=(member.deactivation_reason or _("no cause recorded")) if not member.active else "",
    )


def _changes_since(session: Session, since: date, language: str) -> list[RegisterChange]:
    members = {member.id: member for member in session.scalars(select(Member))}
    events = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.action.in_(REGISTER_ACTIONS),
            AuditEvent.occurred_at >= datetime.combine(since, datetime.min.time()),
        )
        .order_by(AuditEvent.seq)
    )
    changes = []
    for event in events:
        data = json.loads(event.data)
        member = members.get(data.get("member_id"))
        change = _change_words(event.action, data)
        changes.append(
            RegisterChange(
                day=format_date(event.occurred_at, language),
                number=data.get("number") or "—",
                name=member.name if member else data.get("name", ""),
                change=change,
            )
        )
    return changes


def _change_words(action: str, data: dict[str, Any]) -> str:
    """An entry of the register in words: admitted, left (why), corrected (what, from what), reactivated."""
    reason = data.get("reason")
    if action == "coop.member.added":
        return _("Admitted")
    if action == "coop.member.deactivated":
        return _("Left: {cause}").format(cause=reason) if reason else _("Left (no cause recorded)")
    if action == "coop.member.reactivated":
        return _("Reactivated (the leaving was entered by mistake): {reason}").format(reason=reason)
    corrected = changes_words(
        FieldChange(field, before, after) for field, (before, after) in data.get("changes", {}).items()
    )
    return _("Corrected: {changes} ({reason})").format(changes=corrected, reason=reason)


@in_cooperative_language
def member_register(session: Session, as_of: datetime, since: date | None = None) -> MemberRegister:
    """The register of members as it stands at ``as_of``; with ``since``, the entries made since that day."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    members = sorted(session.scalars(select(Member)), key=number_order)
    active = sum(1 for member in members if member.active)
    left = len(members) - active
    summary = ngettext(
        "{count} member in the register", "{count} members in the register", len(members)
    ).format(count=len(members))
    summary += ": " + ngettext("{count} active", "{count} active", active).format(count=active)
    summary += ", " + ngettext("{count} who has left.", "{count} who have left.", left).format(count=left)
    return MemberRegister(
        cooperative=cooperative.name,
        title=_("Register of members"),
        as_of=format_date(as_of, language),
        summary=summary,
        entries=tuple(_entry(member, language) for member in members),
        since=format_date(since, language) if since else None,
        changes=tuple(_changes_since(session, since, language)) if since else (),
        language=language,
    )
