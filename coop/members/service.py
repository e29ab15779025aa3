"""Business operations on the cooperative, its members, roles and bylaws.

Each function takes the session, the acting member and ``now``; none commits, each change
writes an audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coop import csvfiles
from coop.audit import record_event
from coop.errors import DatabaseError, InputFileError, MemberError, PermissionDenied
from coop.i18n import _, for_the_record
from coop.members.bylaws import BYLAW_DEFINITIONS, bylaw_descriptions, validate_bylaw
from coop.members.models import Bylaw, Cooperative, Member, MemberRole, Role

SETUP_ACTOR = "(setup)"


# --- the cooperative ---------------------------------------------------------------------------


def get_cooperative(session: Session) -> Cooperative:
    cooperative = session.scalars(select(Cooperative).limit(1)).first()
    if cooperative is None:
        raise DatabaseError(_('The database has no cooperative yet; run: coop init --name "Cooperativa ..."'))
    return cooperative


def set_up_cooperative(session: Session, *, name: str, language: str, now: datetime) -> Cooperative:
    """Name the cooperative (first ``coop init``) or rename it (a later one)."""
    name = name.strip()
    if not name:
        raise MemberError(_('The cooperative needs a name: coop init --name "Cooperativa ..."'))
    cooperative = session.scalars(select(Cooperative).limit(1)).first()
    if cooperative is None:
        cooperative = Cooperative(name=name, language=language, created_at=now)
        session.add(cooperative)
        record_event(
            session,
            "coop.cooperative.created",
            actor=SETUP_ACTOR,
            now=now,
            data={"name": name, "language": language},
        )
    elif cooperative.name != name or cooperative.language != language:
        old = {"name": cooperative.name, "language": cooperative.language}
        cooperative.name, cooperative.language = name, language
        record_event(
            session,
            "coop.cooperative.renamed",
            actor=SETUP_ACTOR,
            now=now,
            data={"old": old, "new": {"name": name, "language": language}},
        )
    return cooperative


# --- who is acting -----------------------------------------------------------------------------


def find_member(session: Session, reference: str) -> Member:
    """A member by number (``0012`` or ``#0012``) or by exact name, ignoring case."""
    ref = reference.strip()
    if not ref:
        raise MemberError(_("A member is needed: give a member number or a name."))
    number = ref[1:] if ref.startswith("#") else ref
    member = session.scalars(
        select(Member).options(selectinload(Member.roles)).where(Member.number == number)
    ).first()
    if member is not None:
        return member
    # Compare names in Python: SQLite's lower() leaves non-ASCII letters (Ł, Ñ) as they are.
    wanted = " ".join(ref.split()).casefold()
    ids = [
        member_id
        for member_id, name in session.execute(select(Member.id, Member.name))
        if name.casefold() == wanted
    ]
    matches = (
        session.scalars(
            select(Member)
            .options(selectinload(Member.roles))
            .where(Member.id.in_(ids))
            .order_by(Member.number)
        ).all()
        if ids
        else []
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        numbers = ", ".join(m.number or str(m.id) for m in matches)
        raise MemberError(
            _("More than one member is called '{name}'; use the member number instead ({numbers}).").format(
                name=ref, numbers=numbers
            )
        )
    raise MemberError(
        _("No member has the number or name '{ref}'; see the list with: coop member list").format(ref=ref)
    )


@dataclass(frozen=True)
class Actor:
    """Who is doing a change; ``member`` is None only while the cooperative is being set up."""

    member: Member | None

    @property
    def label(self) -> str:
        return self.member.label if self.member else SETUP_ACTOR


def resolve_actor(session: Session, reference: str | None) -> Actor:
    if reference is None or not reference.strip():
        return Actor(None)
    member = find_member(session, reference)
    if not member.active:
        raise PermissionDenied(
            _("{member} is no longer an active member and cannot act for the cooperative.").format(
                member=member.label
            )
        )
    return Actor(member)


def _has_any_secretary(session: Session) -> bool:
    return (
        session.scalar(
            select(func.count(MemberRole.id))
            .join(Member)
            .where(MemberRole.role == Role.secretary, Member.active.is_(True))
        )
        or 0
    ) > 0


def require_role(session: Session, actor: Actor, role: Role, doing: str) -> None:
    """Refuse unless the actor holds ``role``.

    While the cooperative has no active secretary yet, member and bylaw administration is
    open (that is how the first members are entered); from then on it needs the role.
    """
    if role is Role.secretary and actor.member is None and not _has_any_secretary(session):
        return
    if actor.member is None:
        raise PermissionDenied(
            _(
                "{doing} needs a member with the {role} role: say who you are with --as MEMBER "
                "or the COOP_ACTOR variable."
            ).format(doing=doing, role=_(role.value))
        )
    if not actor.member.has_role(role):
        raise PermissionDenied(
            _("{doing} needs the {role} role, and {member} does not hold it.").format(
                doing=doing, role=_(role.value), member=actor.member.label
            )
        )


# --- members -----------------------------------------------------------------------------------


def parse_roles(text: str | Sequence[str]) -> list[Role]:
    parts = text if not isinstance(text, str) else text.replace("|", ";").replace(",", ";").split(";")
    roles: list[Role] = []
    for part in parts:
        cleaned = part.strip().lower()
        if not cleaned:
            continue
        try:
            role = Role(cleaned)
        except ValueError:
            raise MemberError(
                _("'{role}' is not a role; roles are: {roles}.").format(
                    role=part.strip(), roles=", ".join(r.value for r in Role)
                )
            ) from None
        if role not in roles:
            roles.append(role)
    return roles


def _check_new_member(session: Session, name: str, number: str | None) -> tuple[str, str | None]:
    name = " ".join(name.split())
    if not name:
        raise MemberError(_("A member needs a name."))
    if number is not None:
        number = number.strip().lstrip("#") or None
    if number is not None:
        existing = session.scalars(select(Member).where(Member.number == number)).first()
        if existing is not None:
            raise MemberError(
                _("Member number {number} already belongs to {member}; choose another number.").format(
                    number=number, member=existing.name
                )
            )
    return name, number


def add_member(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    number: str | None = None,
    section: str | None = None,
    joined_on: date | None = None,
    roles: Sequence[Role] = (),
) -> Member:
    require_role(session, actor, Role.secretary, _("Adding a member"))
    return _insert_member(
        session,
        actor=actor,
        now=now,
        name=name,
        number=number,
        section=section,
        joined_on=joined_on,
        roles=roles,
    )


def _insert_member(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    number: str | None,
    section: str | None,
    joined_on: date | None,
    roles: Sequence[Role],
) -> Member:
    name, number = _check_new_member(session, name, number)
    member = Member(
        name=name,
        number=number,
        section=(section or "").strip() or None,
        joined_on=joined_on or now.date(),
        active=True,
        created_at=now,
    )
    all_roles = [Role.member, *[r for r in roles if r is not Role.member]]
    member.roles = [MemberRole(role=role, granted_at=now) for role in all_roles]
    session.add(member)
    session.flush()
    record_event(
        session,
        "coop.member.added",
        actor=actor.label,
        now=now,
        data={
            "member_id": member.id,
            "number": number,
            "name": name,
            "section": member.section,
            "roles": [r.value for r in all_roles],
        },
    )
    return member


def list_members(
    session: Session,
    *,
    include_inactive: bool = False,
    role: Role | None = None,
    section: str | None = None,
) -> list[Member]:
    query = select(Member).options(selectinload(Member.roles))
    if not include_inactive:
        query = query.where(Member.active.is_(True))
    if role is not None:
        query = query.where(Member.roles.any(MemberRole.role == role))
    # Members without a number sort after numbered ones, by name.
    query = query.order_by(Member.number.is_(None), Member.number, Member.name, Member.id)
    members = list(session.scalars(query))
    if section:
        wanted = section.strip().casefold()
        members = [m for m in members if (m.section or "").casefold() == wanted]
    return members


def count_active_members(session: Session) -> int:
    return session.scalar(select(func.count(Member.id)).where(Member.active.is_(True))) or 0


def deactivate_member(
    session: Session, *, actor: Actor, now: datetime, reference: str, reason: str | None = None
) -> Member:
    require_role(session, actor, Role.secretary, _("Deactivating a member"))
    member = find_member(session, reference)
    if not member.active:
        raise MemberError(
            _("{member} was already deactivated on {day}.").format(
                member=member.label, day=member.deactivated_on
            )
        )
    member.active = False
    member.deactivated_on = now.date()
    member.deactivation_reason = (reason or "").strip() or None
    record_event(
        session,
        "coop.member.deactivated",
        actor=actor.label,
        now=now,
        data={"member_id": member.id, "number": member.number, "reason": member.deactivation_reason},
    )
    return member


def grant_role(session: Session, *, actor: Actor, now: datetime, reference: str, role: Role) -> Member:
    require_role(session, actor, Role.secretary, _("Granting a role"))
    member = find_member(session, reference)
    if not member.active:
        raise MemberError(
            _("{member} is not an active member; roles go to active members only.").format(
                member=member.label
            )
        )
    if member.has_role(role):
        raise MemberError(
            _("{member} already holds the {role} role.").format(member=member.label, role=_(role.value))
        )
    member.roles.append(MemberRole(role=role, granted_at=now))
    record_event(
        session,
        "coop.role.granted",
        actor=actor.label,
        now=now,
        data={"member_id": member.id, "number": member.number, "role": role.value},
    )
    return member


def revoke_role(session: Session, *, actor: Actor, now: datetime, reference: str, role: Role) -> Member:
    require_role(session, actor, Role.secretary, _("Revoking a role"))
    member = find_member(session, reference)
    if role is Role.member:
        raise MemberError(
            _("Every member holds the member role; to end a membership use: coop member deactivate")
        )
    held = next((r for r in member.roles if r.role is role), None)
    if held is None:
        raise MemberError(
            _("{member} does not hold the {role} role.").format(member=member.label, role=_(role.value))
        )
    if role is Role.secretary and actor.member is not None and actor.member.id == member.id:
        others = session.scalar(
            select(func.count(MemberRole.id))
            .join(Member)
            .where(MemberRole.role == Role.secretary, Member.active.is_(True), Member.id != member.id)
        )
        if not others:
            raise MemberError(
                _("{member} is the only secretary; grant the role to someone else first.").format(
                    member=member.label
                )
            )
    member.roles.remove(held)
    record_event(
        session,
        "coop.role.revoked",
        actor=actor.label,
        now=now,
        data={"member_id": member.id, "number": member.number, "role": role.value},
    )
    return member


# --- CSV import and export ----------------------------------------------------------------------

MEMBER_CSV_COLUMNS = ("number", "name", "section", "roles", "joined_on")


@dataclass(frozen=True)
class MemberRow:
    line: int
    number: str | None
    name: str
    section: str | None
    roles: tuple[Role, ...]
    joined_on: date | None


def read_member_csv(content: bytes, source: str) -> list[MemberRow]:
    """Every row of a member CSV, or one error listing every bad line (nothing is imported)."""
    cells, problems = csvfiles.read_rows(content, source, MEMBER_CSV_COLUMNS, ("name",))
    rows: list[MemberRow] = []
    seen_numbers: dict[str, int] = {}
    for cell_row in cells:
        line, values = cell_row.line, cell_row.values
        name = " ".join(values.get("name", "").split())
        number = values.get("number", "").lstrip("#") or None
        try:
            if not name:
                raise MemberError(_("the name is empty"))
            roles = tuple(parse_roles(values.get("roles", "")))
            joined_text = values.get("joined_on", "")
            try:
                joined_on = date.fromisoformat(joined_text) if joined_text else None
            except ValueError:
                raise MemberError(
                    _("'{value}' is not a date like 2024-03-15").format(value=joined_text)
                ) from None
            if number is not None and number in seen_numbers:
                raise MemberError(
                    _("member number {number} is also on line {other}").format(
                        number=number, other=seen_numbers[number]
                    )
                )
        except MemberError as error:
            problems.append(_("line {line}: {reason}").format(line=line, reason=error.message.rstrip(".")))
            continue
        if number is not None:
            seen_numbers[number] = line
        rows.append(MemberRow(line, number, name, values.get("section") or None, roles, joined_on))
    if problems:
        raise csvfiles.bad_lines(source, problems)
    if not rows:
        raise InputFileError(_("{file} has no members in it.").format(file=source))
    return rows


def import_members(session: Session, *, actor: Actor, now: datetime, path: Path) -> list[Member]:
    """All rows or none: any bad line, or a number already in use, and nothing is added."""
    require_role(session, actor, Role.secretary, _("Importing members"))
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputFileError(
            _("Cannot read {file}: {reason}.").format(file=path, reason=error.strerror)
        ) from None
    rows = read_member_csv(content, path.name)
    numbers = [r.number for r in rows if r.number]
    taken = (
        set(session.scalars(select(Member.number).where(Member.number.in_(numbers)))) if numbers else set()
    )
    clashes = [
        _("line {line}: member number {number} is already in use").format(line=r.line, number=r.number)
        for r in rows
        if r.number in taken
    ]
    if clashes:
        raise csvfiles.bad_lines(path.name, clashes)
    members = [
        _insert_member(
            session,
            actor=actor,
            now=now,
            name=r.name,
            number=r.number,
            section=r.section,
            joined_on=r.joined_on,
            roles=r.roles,
        )
        for r in rows
    ]
    record_event(
        session,
        "coop.members.imported",
        actor=actor.label,
        now=now,
        data={"file": path.name, "count": len(members)},
    )
    return members


def member_csv_rows(members: Sequence[Member]) -> list[dict[str, str]]:
    """Rows in the same columns ``coop member import`` reads, so an export imports back."""
    return [
        {
            "number": m.number or "",
            "name": m.name,
            "section": m.section or "",
            "roles": ";".join(m.role_names),
            "joined_on": m.joined_on.isoformat() if m.joined_on else "",
        }
        for m in members
    ]


# --- bylaws ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BylawValue:
    key: str
    value: str
    default: str
    article: str | None
    changed_at: datetime | None
    changed_by: str | None
    source: str | None
    description: str

    @property
    def is_default(self) -> bool:
        return self.changed_at is None


def bylaws_in_force(session: Session) -> dict[str, BylawValue]:
    stored = {b.key: b for b in session.scalars(select(Bylaw))}
    descriptions = bylaw_descriptions()
    values: dict[str, BylawValue] = {}
    for key, definition in BYLAW_DEFINITIONS.items():
        row = stored.get(key)
        values[key] = BylawValue(
            key=key,
            value=row.value if row else definition.default,
            default=definition.default,
            article=row.article if row else None,
            changed_at=row.changed_at if row else None,
            changed_by=row.changed_by if row else None,
            source=row.source if row else None,
            description=descriptions[key],
        )
    return values


def set_bylaw(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    key: str,
    value: str,
    article: str | None = None,
    source: str | None = None,
) -> BylawValue:
    """Change one rule; ``article`` names where it comes from, ``source`` the motion or preset."""
    require_role(session, actor, Role.secretary, _("Changing the bylaws"))
    normalised = validate_bylaw(key, value)
    row = session.get(Bylaw, key)
    old_value = row.value if row else BYLAW_DEFINITIONS[key].default
    old_article = row.article if row else None
    new_article = (article.strip() or None) if article is not None else old_article
    if row is None:
        row = Bylaw(
            key=key,
            value=normalised,
            article=new_article,
            changed_at=now,
            changed_by=actor.label,
            source=source,
        )
        session.add(row)
    else:
        row.value, row.article, row.changed_at, row.changed_by, row.source = (
            normalised,
            new_article,
            now,
            actor.label,
            source,
        )
    session.flush()
    record_event(
        session,
        "coop.bylaw.changed",
        actor=actor.label,
        now=now,
        data={
            "key": key,
            "old": old_value,
            "new": normalised,
            "old_article": old_article,
            "article": new_article,
            "source": source,
        },
    )
    return bylaws_in_force(session)[key]


@dataclass(frozen=True)
class BylawChange:
    key: str
    old: str
    new: str
    old_article: str | None
    article: str | None

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_article != self.article


def apply_bylaw_preset(session: Session, *, actor: Actor, now: datetime, name: str) -> list[BylawChange]:
    """Adopt every rule of a preset with its article; returns each rule's old and new value."""
    from coop.members.presets import find_preset

    require_role(session, actor, Role.secretary, _("Applying a bylaw preset"))
    preset = find_preset(name)
    before = bylaws_in_force(session)
    with for_the_record(session):  # stored with each rule it sets, and printed with the bylaws
        source = _("preset {name}").format(name=preset.name)
    changes = []
    for rule in preset.rules:
        old = before[rule.key]
        change = BylawChange(rule.key, old.value, rule.value, old.article, rule.article)
        if change.changed:
            set_bylaw(
                session,
                actor=actor,
                now=now,
                key=rule.key,
                value=rule.value,
                article=rule.article,
                source=source,
            )
        changes.append(change)
    record_event(
        session,
        "coop.bylaws.preset_applied",
        actor=actor.label,
        now=now,
        data={
            "preset": preset.name,
            "changed": [
                {"key": c.key, "old": c.old, "new": c.new, "article": c.article} for c in changes if c.changed
            ],
        },
    )
    return changes
