"""``c.members``, ``c.bylaws`` and ``c.cooperative``: the register, its roles, the bylaws and the
cooperative's own record (:mod:`coop.members`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.models import Motion
    from coop.members.bylaws_record import BylawChange, BylawValue
    from coop.members.corrections import FieldChange
    from coop.members.models import Cooperative, Member, Role
    from coop.members.register_book import MemberRegister
    from coop.members.reports import BylawsDocument

__all__ = ["Bylaws", "Members", "TheCooperative"]


def _roles(roles: str | Sequence[str | Role]) -> list[Role]:
    """Roles as people write them (``"secretary,trainer"``, ``["trainer"]``) or as ``Role`` values."""
    from coop.members.register import parse_roles

    if isinstance(roles, str):
        return parse_roles(roles)
    return parse_roles([str(getattr(role, "value", role)) for role in roles])


class Members(Domain):
    """The register of members and their roles."""

    def add_member(
        self,
        name: str,
        *,
        number: str | None = None,
        section: str | None = None,
        joined_on: date | None = None,
        roles: str | Sequence[str | Role] = (),
        allow_duplicate_name: bool = False,
    ) -> Member:
        """Admit one member (secretary, once there is one); returns the new Member. Raises MemberError."""
        from coop.members.register import add_member

        return self._run(
            add_member,
            name=name,
            number=number,
            section=section,
            joined_on=joined_on,
            roles=_roles(roles),
            allow_duplicate_name=allow_duplicate_name,
        )

    def import_members(
        self, path: str | Path, *, delimiter: str | None = None, encoding: str | None = None
    ) -> list[Member]:
        """Admit every member of a CSV (number,name,section,roles,joined_on), all or none.

        The file's ``delimiter`` (``,`` ``;`` or ``tab``) and ``encoding`` (``utf-8``, ``cp1252``,
        ``latin-1``) are detected unless named; a name coop does not read raises InputFileError.
        Returns the new members. Raises MemberError listing the bad lines with their numbers.
        """
        from coop.csvfiles import CsvDialect
        from coop.members.register_csv import import_members

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
        return self._run(import_members, path=Path(path), dialect=dialect)

    def list_members(
        self, *, include_inactive: bool = False, role: str | Role | None = None, section: str | None = None
    ) -> list[Member]:
        """Active members (every member with ``include_inactive``), optionally of one role or section."""
        from coop.members.register import list_members

        wanted = _roles([role])[0] if role is not None else None
        return list_members(self.session, include_inactive=include_inactive, role=wanted, section=section)

    def find_member(self, reference: str) -> Member:
        """A member by number, ``id:N`` or exact name. Raises MemberError if none (or several) match."""
        from coop.members.actors import find_member

        return find_member(self.session, reference)

    def count_active_members(self) -> int:
        """How many members are active today."""
        from coop.members.register import count_active_members

        return count_active_members(self.session)

    def deactivate_member(self, reference: str, *, reason: str | None = None) -> Member:
        """End a membership (secretary); nothing is deleted. Returns the Member. Raises MemberError."""
        from coop.members.register import deactivate_member

        return self._run(deactivate_member, reference=reference, reason=reason)

    def correct_member(
        self,
        reference: str,
        *,
        reason: str,
        name: str | None = None,
        number: str | None = None,
        section: str | None = None,
        joined_on: date | None = None,
    ) -> tuple[Member, list[FieldChange]]:
        """Correct a member's name, number, section or joining date (secretary, with a reason); the
        audit log keeps the old values. Returns the Member and the changes made. Raises MemberError."""
        from coop.members.corrections import correct_member

        return self._run(
            correct_member,
            reference=reference,
            reason=reason,
            name=name,
            number=number,
            section=section,
            joined_on=joined_on,
        )

    def reactivate_member(self, reference: str, *, reason: str) -> Member:
        """Undo a membership's end entered by mistake (secretary, with a reason). Raises MemberError."""
        from coop.members.corrections import reactivate_member

        return self._run(reactivate_member, reference=reference, reason=reason)

    def grant_role(self, reference: str, role: str | Role) -> Member:
        """Give a member a role (secretary). Returns the Member. Raises MemberError or PermissionDenied."""
        from coop.members.register import grant_role

        return self._run(grant_role, reference=reference, role=_roles([role])[0])

    def revoke_role(self, reference: str, role: str | Role) -> Member:
        """Take a role away (secretary). Returns the Member. Raises MemberError or PermissionDenied."""
        from coop.members.register import revoke_role

        return self._run(revoke_role, reference=reference, role=_roles([role])[0])

    def member_csv_rows(self, *, include_inactive: bool = False) -> list[dict[str, str]]:
        """The register as rows in the columns :meth:`import_members` reads (for a CSV export)."""
        from coop.members.register import list_members
        from coop.members.register_csv import member_csv_rows

        return member_csv_rows(list_members(self.session, include_inactive=include_inactive))

    def member_register(self, *, since: date | None = None) -> MemberRegister:
        """The register of members (Libro de Registro de Asociados) as a document's view model:
        every member in member-number order; with ``since``, the entries made since that day."""
        from coop.members.register_book import member_register

        return member_register(self.session, self.now, since)

    def write_member_register(self, path: str | Path, *, since: date | None = None) -> Path:
        """Print the register of members to ``path`` (.pdf or .html). Raises DocumentError."""
        return write_document(path, "member_register.html.j2", register=self.member_register(since=since))


class Bylaws(Domain):
    """The cooperative's bylaws as data: the rules in force and their changes."""

    def bylaws_in_force(self) -> dict[str, BylawValue]:
        """Every rule by key (``quorum``, ``tie_rule``...), with its value, article and last change."""
        from coop.members.bylaws_record import bylaws_in_force

        return bylaws_in_force(self.session)

    def set_bylaw(
        self, key: str, value: str, *, article: str | None = None, motion: Motion | int | str | None = None
    ) -> BylawValue:
        """Change one rule (secretary), citing the article and, if any, the adopted bylaws-amendment
        motion by which the assembly changed it.

        Returns the rule as now in force. Raises MemberError for an unknown key or a bad value,
        AssemblyError for a motion that may not change it.
        """
        if motion is None:
            from coop.members.bylaws_record import set_bylaw

            return self._run(set_bylaw, key=key, value=value, article=article)
        from coop.assemblies.bylaw_changes import set_bylaw_by_motion

        return self._run(
            set_bylaw_by_motion, key=key, value=value, article=article, motion=self._motion(motion)
        )

    def apply_bylaw_preset(
        self, name: str, *, adopted_by: str | None = None, motion: Motion | int | str | None = None
    ) -> list[BylawChange]:
        """Set every rule of a named preset (secretary), as adopted by ``adopted_by`` or by an adopted
        bylaws-amendment ``motion`` (which is then cited). Returns the changes. Raises MemberError."""
        if motion is None:
            from coop.members.bylaws_record import apply_bylaw_preset

            return self._run(apply_bylaw_preset, name=name, adopted_by=adopted_by)
        from coop.assemblies.bylaw_changes import apply_bylaw_preset_by_motion

        return self._run(apply_bylaw_preset_by_motion, name=name, motion=self._motion(motion))

    def _motion(self, motion: Motion | int | str) -> Motion:
        from coop.assemblies.common import find_motion
        from coop.assemblies.models import Motion

        return motion if isinstance(motion, Motion) else find_motion(self.session, motion)

    def bylaws_document(self) -> BylawsDocument:
        """The printed bylaws' view model: every rule in force with its article, as of now."""
        from coop.members.reports import bylaws_document

        return bylaws_document(self.session, self.now)

    def write_bylaws(self, path: str | Path) -> Path:
        """Print the bylaws in force to ``path`` (.html or .pdf). Returns the path. Raises DocumentError."""
        return write_document(path, "bylaws.html.j2", document=self.bylaws_document())


class TheCooperative(Domain):
    """The cooperative's own record: its name and the language of its documents."""

    def get_cooperative(self) -> Cooperative:
        """The Cooperative row (name, language, created_at). Raises DatabaseError if it has none."""
        from coop.members.cooperative import get_cooperative

        return get_cooperative(self.session)

    def rename_cooperative(self, name: str, *, reason: str) -> Cooperative:
        """Change the name on every document (secretary), with the reason. Raises MemberError."""
        from coop.members.cooperative import rename_cooperative

        return self._run(rename_cooperative, name=name, reason=reason)

    def set_cooperative_language(self, language: str, *, reason: str | None = None) -> Cooperative:
        """Write the documents in ``language`` (``en``, ``es``) from now on (secretary).

        Raises MemberError or PermissionDenied.
        """
        from coop.members.cooperative import set_cooperative_language

        return self._run(set_cooperative_language, language=language, reason=reason)
