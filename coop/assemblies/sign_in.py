"""The attendance sheet (planilla de registro de asistencia) members sign as they arrive.

Every active member is listed in member-number order, with room for a signature and, for a member
who is represented, the name and signature of the proxy holder. The secretary then enters the
ticks from it (``coop assembly attend``). Printed before the assembly opens, or for one on record.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.models import Assembly, AssemblyKind
from coop.formatting import format_date, format_time
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.cooperative import get_cooperative
from coop.members.models import Member
from coop.members.register_book import number_order


@dataclass(frozen=True)
class SheetLine:
    number: str
    name: str
    section: str


@dataclass(frozen=True)
class AttendanceSheet:
    cooperative: str
    title: str  # "Attendance register: ordinary assembly 2"
    called: str  # "Called for 3 December 2026 at 18:00, Comedor de la planta"
    second_call: str  # the bylaws' second call, if the assembly has had one; else ""
    summary: str  # "60 active members."
    lines: tuple[SheetLine, ...]
    language: str = "en"


@in_cooperative_language
def attendance_sheet(session: Session, assembly: Assembly) -> AttendanceSheet:
    """The sheet of ``assembly``: every member active today, to sign on arrival."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    members = sorted(session.scalars(select(Member).where(Member.active.is_(True))), key=number_order)
    title = (
        _("Attendance register: ordinary assembly {number}")
        if assembly.kind is AssemblyKind.ordinary
        else _("Attendance register: extraordinary assembly {number}")
    ).format(number=assembly.id)
    called = _("Called for {day} at {time}, {place}.").format(
        day=format_date(assembly.called_for, language),
        time=format_time(assembly.called_for),
        place=assembly.place,
    )
    second_call = (
        _("Second call at {time}.").format(time=format_time(assembly.second_call_at))
        if assembly.second_call_at
        else ""
    )
    return AttendanceSheet(
        cooperative=cooperative.name,
        title=title,
        called=called,
        second_call=second_call,
        summary=ngettext("{count} active member.", "{count} active members.", len(members)).format(
            count=len(members)
        ),
        lines=tuple(SheetLine(member.number or "—", member.name, member.section or "") for member in members),
        language=language,
    )
