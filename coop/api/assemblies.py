"""``c.assemblies``: assemblies, their attendance, proxies, quorum and minutes (:mod:`coop.assemblies`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.agenda_postponing import AgendaItemMoved
    from coop.assemblies.models import AgendaItem, Assembly, Proxy
    from coop.assemblies.notice import Notice
    from coop.assemblies.sign_in import AttendanceSheet
    from coop.members.models import Member
    from coop.reports.minutes_model import Minutes
    from coop.rules.quorum import QuorumCheck

__all__ = ["Assemblies"]


class Assemblies(Domain):
    """Assemblies: open, attendance, proxies, quorum, second call, close, and their minutes."""

    def find_assembly(self, assembly: Assembly | int | str) -> Assembly:
        """The Assembly with that number (an Assembly is returned as it is). Raises AssemblyError."""
        from coop.assemblies.common import find_assembly
        from coop.assemblies.models import Assembly

        return assembly if isinstance(assembly, Assembly) else find_assembly(self.session, assembly)

    def _on_assembly(self, operation: Any, assembly: Assembly | int | str, **options: Any) -> Any:
        """Run an assembly service with the bound session, actor and clock; the assembly is found
        first, so that a wrong number is said before a wrong actor, as the CLI always has."""
        found = self.find_assembly(assembly)
        return self._run(operation, assembly=found, **options)

    def list_assemblies(self) -> list[Assembly]:
        """Every assembly, oldest first."""
        from coop.assemblies.meetings import list_assemblies

        return list_assemblies(self.session)

    def open_assembly(
        self,
        *,
        called_for: datetime,
        place: str,
        chair: str,
        secretary: str,
        kind: str = "ordinary",
        opened_at: datetime | time | None = None,
    ) -> Assembly:
        """Open an assembly (secretary) called for a moment, chaired and minuted by two members.

        ``kind`` is ``ordinary`` or ``extraordinary``; ``opened_at`` is when it really opened, if
        not now (a ``time`` is on the day it was called for). Returns the Assembly. Raises AssemblyError.
        """
        from coop.assemblies.meetings import open_assembly, parse_kind

        return self._run(
            open_assembly,
            called_for=called_for,
            place=place,
            kind=parse_kind(kind),
            chair=chair,
            secretary=secretary,
            at=opened_at,
        )

    def call_assembly(
        self,
        *,
        called_for: datetime,
        place: str,
        kind: str = "ordinary",
        chair: str | None = None,
        secretary: str | None = None,
    ) -> Assembly:
        """Call (convene) an assembly (secretary): status ``called`` until :meth:`open_called_assembly`.

        ``chair`` and ``secretary`` default to the acting member and can be changed when it opens.
        Returns the Assembly. Raises AssemblyError.
        """
        from coop.assemblies.agenda import call_assembly
        from coop.assemblies.meetings import parse_kind

        return self._run(
            call_assembly,
            called_for=called_for,
            place=place,
            kind=parse_kind(kind),
            chair=chair,
            secretary=secretary,
        )

    def open_called_assembly(
        self,
        assembly: Assembly | int | str,
        *,
        chair: str | None = None,
        secretary: str | None = None,
        opened_at: datetime | time | None = None,
    ) -> Assembly:
        """Open an assembly that was called (secretary), optionally naming another chair or secretary.

        ``opened_at`` is when it really opened, if not now (a ``time`` is on the day it was called
        for). Returns the Assembly. Raises AssemblyError if it is not called.
        """
        from coop.assemblies.meetings import open_called_assembly

        return self._on_assembly(
            open_called_assembly, assembly, chair=chair, secretary=secretary, at=opened_at
        )

    def add_agenda_item(
        self,
        assembly: Assembly | int | str,
        *,
        title: str,
        text: str | None = None,
        motion_kind: str | None = None,
        position: int | None = None,
    ) -> AgendaItem:
        """Add an item to a called assembly's agenda, at the end or at ``position`` (1 is first).

        ``motion_kind`` (``ordinary``, ``plan-approval``...) is the kind of motion expected under it.
        Returns the AgendaItem. Raises AssemblyError.
        """
        from coop.assemblies.agenda import add_agenda_item
        from coop.assemblies.motions import parse_motion_kind

        return self._on_assembly(
            add_agenda_item,
            assembly,
            title=title,
            text=text,
            motion_kind=parse_motion_kind(motion_kind) if motion_kind else None,
            position=position,
        )

    def move_agenda_item(self, assembly: Assembly | int | str, number: int, *, to: int) -> AgendaItem:
        """Move item ``number`` to position ``to``, before the assembly opens. Raises AssemblyError."""
        from coop.assemblies.agenda import move_agenda_item

        return self._on_assembly(move_agenda_item, assembly, number=number, to=to)

    def remove_agenda_item(self, assembly: Assembly | int | str, number: int) -> AgendaItem:
        """Take agenda item ``number`` off a called assembly's agenda. Raises AssemblyError."""
        from coop.assemblies.agenda import remove_agenda_item

        return self._on_assembly(remove_agenda_item, assembly, number=number)

    def edit_agenda_item(
        self,
        assembly: Assembly | int | str,
        number: int,
        *,
        title: str | None = None,
        text: str | None = None,
        motion_kind: str | None = None,
    ) -> AgendaItem:
        """Correct item ``number``'s title, text or kind of motion before the assembly opens (secretary).

        Fields left ``None`` keep their value; ``text=""`` clears the text. The audit event keeps the
        old and new values. Returns the AgendaItem. Raises AssemblyError.
        """
        from coop.assemblies.agenda import edit_agenda_item
        from coop.assemblies.motions import parse_motion_kind

        return self._on_assembly(
            edit_agenda_item,
            assembly,
            number=number,
            title=title,
            text=text,
            motion_kind=parse_motion_kind(motion_kind) if motion_kind else None,
        )

    def postpone_agenda_item(
        self, assembly: Assembly | int | str, number: int, *, reason: str
    ) -> AgendaItemMoved:
        """Postpone item ``number`` of an open assembly with a reason (chair or secretary).

        Its motions still proposed or seconded are postponed with it; the minutes print the item as
        postponed with the reason. Returns the item and those motions. Raises AssemblyError.
        """
        from coop.assemblies.agenda_postponing import postpone_agenda_item

        return self._on_assembly(postpone_agenda_item, assembly, number=number, reason=reason)

    def resume_agenda_item(self, assembly: Assembly | int | str, number: int) -> AgendaItemMoved:
        """Take up postponed item ``number`` again while the assembly is open (chair or secretary).

        The motions postponed with it return to proposed or seconded. Returns the item and those
        motions. Raises AssemblyError.
        """
        from coop.assemblies.agenda_postponing import resume_agenda_item

        return self._on_assembly(resume_agenda_item, assembly, number=number)

    def postponed_agenda_items(self, assembly: Assembly | int | str) -> dict[int, str]:
        """The items of ``assembly`` postponed and not taken up again: item number -> the reason."""
        from coop.assemblies.agenda import postponements

        found = self.find_assembly(assembly)
        postponed = postponements(self.session, found)
        return {item.position: postponed[item.id]["reason"] for item in found.agenda if item.id in postponed}

    def agenda(self, assembly: Assembly | int | str) -> list[AgendaItem]:
        """The agenda items of ``assembly`` in order."""
        return list(self.find_assembly(assembly).agenda)

    def notice(self, assembly: Assembly | int | str, *, documents_at: str | None = None) -> Notice:
        """The notice of meeting's view model; ``late_warning`` is "" within the bylaws' notice.days."""
        from coop.assemblies.notice import notice_of_meeting

        return notice_of_meeting(self.session, self.find_assembly(assembly), self.now, documents_at)

    def write_notice(
        self, assembly: Assembly | int | str, path: str | Path, *, documents_at: str | None = None
    ) -> Path:
        """Print the notice of meeting to ``path`` (.pdf or .html). Raises DocumentError."""
        return write_document(path, "notice.html.j2", notice=self.notice(assembly, documents_at=documents_at))

    def record_arrivals(
        self,
        assembly: Assembly | int | str,
        members: Sequence[str] = (),
        *,
        path: str | Path | None = None,
        at: datetime | time | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
    ) -> list[Member]:
        """Record arrivals by member, from a CSV of numbers (``path``), or both (chair or secretary).

        ``at`` is the arrival time, if not now (a ``time`` is on the assembly's day).

        The file's ``delimiter`` (``,`` ``;`` or ``tab``) and ``encoding`` (``utf-8``, ``cp1252``,
        ``latin-1``) are detected unless named; a name coop does not read raises InputFileError.

        A proxy given by a member who arrives is revoked. Returns who arrived. Raises AssemblyError.
        """
        from coop.assemblies.attendance import record_arrivals
        from coop.csvfiles import CsvDialect

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._on_assembly(
            record_arrivals,
            assembly,
            members=members,
            path=Path(path) if path is not None else None,
            at=at,
            dialect=dialect,
        )

    def check_out(
        self, assembly: Assembly | int | str, members: Sequence[str], *, at: datetime | time | None = None
    ) -> list[Member]:
        """Record members leaving during the meeting, at ``at`` (a ``time`` is on the assembly's day)
        or now. Returns who left. Raises AssemblyError."""
        from coop.assemblies.attendance import check_out

        return self._on_assembly(check_out, assembly, members=members, at=at)

    def grant_proxy(
        self, assembly: Assembly | int | str, *, giver: str, holder: str, document: str | None = None
    ) -> Proxy:
        """Record an absent member's written proxy, within the bylaws' cap. Raises AssemblyError."""
        from coop.assemblies.attendance import grant_proxy

        return self._on_assembly(grant_proxy, assembly, giver=giver, holder=holder, document=document)

    def current_quorum(self, assembly: Assembly | int | str) -> QuorumCheck:
        """Whether the assembly has quorum now: present, proxies, required, met and a statement."""
        from coop.assemblies.meetings import current_quorum

        return current_quorum(self.session, self.find_assembly(assembly))

    def record_second_call(
        self, assembly: Assembly | int | str, *, at: datetime | time | None = None
    ) -> Assembly:
        """Hold the assembly at second call once the bylaws' wait is over, at ``at`` (a ``time`` is
        on the assembly's day) or now. Raises AssemblyError."""
        from coop.assemblies.meetings import record_second_call

        return self._on_assembly(record_second_call, assembly, at=at)

    def close_assembly(
        self, assembly: Assembly | int | str, *, closed_at: datetime | time | None = None
    ) -> Assembly:
        """Close the assembly (its minutes can then be printed and approved), at ``closed_at`` (a
        ``time`` is on the assembly's day) or now; a reopened assembly closes again at its first
        closing time unless told otherwise. Raises AssemblyError."""
        from coop.assemblies.meetings import close_assembly

        return self._on_assembly(close_assembly, assembly, at=closed_at)

    def correct_assembly_times(
        self,
        assembly: Assembly | int | str,
        *,
        reason: str,
        opened_at: datetime | time | None = None,
        closed_at: datetime | time | None = None,
        second_call_at: datetime | time | None = None,
    ) -> list[dict[str, str | None]]:
        """Correct the opening, closing or second-call time (the secretary), with a reason.

        A ``time`` is on the assembly's day. Made once the assembly had closed, the correction
        prints in its minutes as an erratum; approved minutes refuse it. Returns the changes, each
        ``{"field", "from", "to"}``. Raises AssemblyError.
        """
        from coop.assemblies.corrections import correct_assembly_times

        return self._on_assembly(
            correct_assembly_times,
            assembly,
            reason=reason,
            opened_at=opened_at,
            closed_at=closed_at,
            second_call_at=second_call_at,
        )

    def correct_attendance(
        self,
        assembly: Assembly | int | str,
        member: str,
        *,
        reason: str,
        arrived: datetime | time | None = None,
        left: datetime | time | None = None,
        remove: bool = False,
    ) -> Member:
        """Correct a member's first arrival or last departure, or ``remove`` a member ticked by mistake
        (the secretary), with a reason.

        A correction that would change who was present when a vote opened, or leave a voter out of
        the room during their vote, is refused. Returns the member. Raises AssemblyError.
        """
        from coop.assemblies.corrections import correct_attendance

        return self._on_assembly(
            correct_attendance,
            assembly,
            member=member,
            reason=reason,
            arrived=arrived,
            left=left,
            remove=remove,
        )

    def reopen_assembly(self, assembly: Assembly | int | str, *, reason: str) -> Assembly:
        """Reopen a closed assembly whose minutes are a draft, to correct it (the secretary).

        The minutes record the reopening and its reason. Raises AssemblyError.
        """
        from coop.assemblies.corrections import reopen_assembly

        return self._on_assembly(reopen_assembly, assembly, reason=reason)

    def record_erratum(
        self, assembly: Assembly | int | str, *, about: Assembly | int | str, text: str
    ) -> Assembly:
        """Record in the minutes of ``assembly`` an erratum on the approved minutes of ``about``.

        Returns the assembly whose minutes print it. Raises AssemblyError.
        """
        from coop.assemblies.corrections import record_erratum

        return self._on_assembly(record_erratum, assembly, about=self.find_assembly(about), text=text)

    def minutes_for_print(self, assembly: Assembly | int | str) -> Minutes:
        """The minutes' view model: the approved snapshot once approved, else drafted from the record."""
        from coop.assemblies.minutes import minutes_for_print

        return minutes_for_print(self.session, self.find_assembly(assembly))

    def attendance_sheet(self, assembly: Assembly | int | str) -> AttendanceSheet:
        """The attendance sheet's view model: every active member, in member-number order, to sign."""
        from coop.assemblies.sign_in import attendance_sheet

        return attendance_sheet(self.session, self.find_assembly(assembly))

    def write_attendance_sheet(self, assembly: Assembly | int | str, path: str | Path) -> Path:
        """Print the attendance sheet of ``assembly`` to ``path`` (.pdf or .html). Raises DocumentError."""
        return write_document(path, "attendance_sheet.html.j2", sheet=self.attendance_sheet(assembly))

    def write_minutes(self, assembly: Assembly | int | str, path: str | Path) -> Path:
        """Print the minutes to ``path`` (.html or .pdf; WeasyPrint is loaded for a PDF only).

        Returns the path. Raises DocumentError for another suffix or a missing folder.
        """
        return write_document(path, "minutes.html.j2", minutes=self.minutes_for_print(assembly))
