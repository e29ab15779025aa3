"""Members, roles, bylaws and the audit chain, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from coop.audit import AuditEvent, chain_anchor, check_anchor, parse_anchor, record_event, verify_chain
from coop.errors import AuditError, BylawError, InputFileError, MemberError, PermissionDenied
from coop.members.actors import Actor, find_member, resolve_actor
from coop.members.bylaws_record import bylaws_in_force, set_bylaw
from coop.members.models import Member, Role
from coop.members.register import add_member, deactivate_member, grant_role, list_members, revoke_role
from coop.members.register_csv import import_members


def _secretary(session: Session, now: datetime) -> Actor:
    member = add_member(
        session, actor=Actor(None), now=now, name="Ana Núñez", number="0001", roles=[Role.secretary]
    )
    return Actor(member)


@pytest.mark.no_officer_key
def test_add_member_records_roles_and_audit(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    member = add_member(
        session,
        actor=secretary,
        now=now,
        name="  Zofia   Łukasiewicz ",
        number="#0002",
        section="Hornos",
        roles=[Role.trainer],
    )
    assert member.name == "Zofia Łukasiewicz"
    assert member.number == "0002"
    assert member.role_names == ["member", "trainer"]
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == ["coop.member.added", "coop.member.added"]


def test_add_member_duplicate_number_refused(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    with pytest.raises(MemberError, match="0001 already belongs to Ana Núñez"):
        add_member(session, actor=secretary, now=now, name="Otro", number="0001")


def test_find_member_by_number_name_and_ambiguous(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    add_member(session, actor=secretary, now=now, name="Juan Pérez", number="0007")
    add_member(session, actor=secretary, now=now, name="Juan Pérez", number="0008")
    assert find_member(session, "#0001").name == "Ana Núñez"
    assert find_member(session, "ana núñez").number == "0001"
    with pytest.raises(MemberError, match=r"More than one member is called 'Juan Pérez'.*0007, 0008"):
        find_member(session, "Juan Pérez")
    with pytest.raises(MemberError, match="No member has the number or name 'Nadie'"):
        find_member(session, "Nadie")


def test_a_member_without_a_number_is_found_by_the_reference_its_label_prints(
    session: Session, now: datetime
) -> None:
    secretary = _secretary(session, now)
    unnumbered = add_member(session, actor=secretary, now=now, name="Nuevo Socio")
    assert unnumbered.label == f"Nuevo Socio (id:{unnumbered.id})"
    for typed in (f"id:{unnumbered.id}", f"ID {unnumbered.id}", f" id: {unnumbered.id} "):
        assert find_member(session, typed) is unnumbered
    # A number never takes that form, so the two kinds of reference cannot collide.
    with pytest.raises(MemberError, match="A member number cannot start with 'id:'"):
        add_member(session, actor=secretary, now=now, name="Otra", number=f"id:{unnumbered.id}")
    with pytest.raises(MemberError, match="already has that name"):
        add_member(session, actor=secretary, now=now, name="Nuevo Socio")
    add_member(session, actor=secretary, now=now, name="Nuevo Socio", allow_duplicate_name=True)


def test_roles_needed_once_a_secretary_exists(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    worker = Actor(add_member(session, actor=secretary, now=now, name="Raúl Ibáñez", number="0002"))
    with pytest.raises(
        PermissionDenied, match="needs the secretary role, and Raúl Ibáñez \\(#0002\\) does not"
    ):
        add_member(session, actor=worker, now=now, name="Intruso")
    with pytest.raises(PermissionDenied, match="--as MEMBER"):
        set_bylaw(session, actor=Actor(None), now=now, key="quorum", value="0.5")


def test_deactivate_keeps_history(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    add_member(session, actor=secretary, now=now, name="Inés Peña", number="0003")
    deactivate_member(session, actor=secretary, now=now, reference="0003", reason="Jubilación")
    assert [m.number for m in list_members(session)] == ["0001"]
    everyone = list_members(session, include_inactive=True)
    assert [(m.number, m.active) for m in everyone] == [("0001", True), ("0003", False)]
    with pytest.raises(MemberError, match="already deactivated"):
        deactivate_member(session, actor=secretary, now=now, reference="0003")
    with pytest.raises(PermissionDenied, match="no longer an active member"):
        resolve_actor(session, "0003")


def test_role_grant_and_revoke(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    add_member(session, actor=secretary, now=now, name="Óscar Muñoz", number="0004")
    grant_role(session, actor=secretary, now=now, reference="0004", role=Role.coordinator)
    with pytest.raises(MemberError, match="already holds the coordinator role"):
        grant_role(session, actor=secretary, now=now, reference="0004", role=Role.coordinator)
    revoke_role(session, actor=secretary, now=now, reference="0004", role=Role.coordinator)
    assert find_member(session, "0004").role_names == ["member"]
    with pytest.raises(MemberError, match="coop member deactivate"):
        revoke_role(session, actor=secretary, now=now, reference="0004", role=Role.member)
    with pytest.raises(MemberError, match="only secretary"):
        revoke_role(session, actor=secretary, now=now, reference="0001", role=Role.secretary)


def test_the_last_secretary_can_neither_be_deactivated_nor_lose_the_role(
    session: Session, now: datetime
) -> None:
    """Rule: the register always keeps at least one active secretary (else it falls back to set-up,
    where anyone may make themselves secretary); with a second one, either may go."""
    secretary = _secretary(session, now)
    with pytest.raises(MemberError, match=r"Ana Núñez .*is the only secretary; grant the role"):
        deactivate_member(session, actor=secretary, now=now, reference="0001")
    assert find_member(session, "0001").active
    add_member(session, actor=secretary, now=now, name="Bea Paz", number="0002", roles=[Role.secretary])
    deactivate_member(session, actor=secretary, now=now, reference="0002")  # Ana stays secretary
    with pytest.raises(MemberError, match="only secretary"):
        deactivate_member(session, actor=secretary, now=now, reference="0001")
    add_member(session, actor=secretary, now=now, name="Carla Ruiz", number="0003", roles=[Role.secretary])
    carla = Actor(find_member(session, "0003"))
    revoke_role(session, actor=carla, now=now, reference="0001", role=Role.secretary)  # Carla remains
    with pytest.raises(MemberError, match=r"Carla Ruiz .*is the only secretary"):
        revoke_role(session, actor=carla, now=now, reference="0003", role=Role.secretary)
    with pytest.raises(MemberError, match="only secretary"):
        deactivate_member(session, actor=carla, now=now, reference="0003")


def test_import_is_all_or_nothing_with_line_numbers(session: Session, now: datetime, tmp_path: Path) -> None:
    secretary = _secretary(session, now)
    bad = tmp_path / "members.csv"
    bad.write_text(
        "number,name,section,roles,joined_on\n"
        "0010,Lucía Gómez,Hornos,trainer,2020-01-02\n"
        "0011,,Hornos,,\n"
        "0012,Tomás Díaz,Prensas,boss,\n"
        "0013,Paula Sosa,Prensas,,02/01/2020\n"
        "0010,Camila Ríos,Prensas,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        import_members(session, actor=secretary, now=now, path=bad)
    message = caught.value.message
    assert "4 bad lines, so nothing was imported" in message
    for fragment in (
        "line 3: the name is empty",
        "line 4: 'boss' is not a role",
        "line 5: '02/01/2020' is not a date",
        "line 6: member number 0010 is also on line 2",
    ):
        assert fragment in message
    assert session.scalar(select(func.count(Member.id))) == 1

    good = tmp_path / "good.csv"
    good.write_text(
        "number,name,section,roles\n0010,Lucía Gómez,Hornos,trainer;coordinator\n0011,Jan Kowalski,,\n",
        encoding="utf-8",
    )
    imported = import_members(session, actor=secretary, now=now, path=good)
    assert [m.role_names for m in imported] == [["coordinator", "member", "trainer"], ["member"]]
    # the audit log keeps one event for the file: its name and how many members it brought
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last is not None and last.action == "coop.members.imported"
    assert (last.actor, json.loads(last.data)) == (secretary.label, {"file": "good.csv", "count": 2})

    clash = tmp_path / "clash.csv"
    clash.write_text("number,name\n0099,Nueva\n0010,Repetida\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="line 3: member number 0010 is already in use"):
        import_members(session, actor=secretary, now=now, path=clash)
    assert session.scalar(select(func.count(Member.id))) == 3


REGISTER_IN_ENGLISH = (
    "number,name,section,roles,joined_on\n0020,José Núñez,Hornos,trainer,2020-01-02\n0021,María Peña,,,\n"
)


@pytest.mark.parametrize(
    "content",
    [
        REGISTER_IN_ENGLISH.encode(),
        # what Excel in Spanish saves: Windows-1252, semicolons, Spanish headings with accents
        (
            "Número;Nombre y apellido;Sección;Cargos;Fecha de ingreso\r\n"
            "0020;José Núñez;Hornos;trainer;2020-01-02\r\n0021;María Peña;;;\r\n"
        ).encode("cp1252"),
        # "CSV UTF-8" with a byte-order mark, and a tab-separated file
        (
            "\ufeffnumero;nombre;seccion;roles;fecha\n"
            "0020;José Núñez;Hornos;trainer;2020-01-02\n0021;María Peña;;;\n"
        ).encode(),
        REGISTER_IN_ENGLISH.replace(",", "\t").encode(),
    ],
)
def test_import_reads_a_register_as_a_spreadsheet_saves_it(
    session: Session, now: datetime, tmp_path: Path, content: bytes
) -> None:
    secretary = _secretary(session, now)
    register = tmp_path / "members.csv"
    register.write_bytes(content)
    import_members(session, actor=secretary, now=now, path=register)
    imported = [find_member(session, number) for number in ("0020", "0021")]
    assert [(m.name, m.section, sorted(r.role for r in m.roles), m.joined_on) for m in imported] == [
        ("José Núñez", "Hornos", sorted([Role.member, Role.trainer]), date(2020, 1, 2)),
        ("María Peña", None, [Role.member], now.date()),
    ]


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"number,name\n0020,N\x81\xfa\xf1ez\n", "byte 0x81 at position 19"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "byte 0x1A at position 7"),
        ("number,name\n0020,Núñez\n".encode("utf-16"), "byte 0x00 at position 4"),
    ],
)
def test_import_refuses_files_that_are_not_text_and_saves_nothing(
    session: Session, now: datetime, tmp_path: Path, content: bytes, found: str
) -> None:
    secretary = _secretary(session, now)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(content)
    with pytest.raises(InputFileError, match="not UTF-8") as refused:
        import_members(session, actor=secretary, now=now, path=garbage)
    assert f"is not UTF-8 or Windows-1252 text ({found})" in refused.value.message
    assert session.scalar(select(func.count(Member.id))) == 1


def test_bylaws_validated_and_audited(session: Session, now: datetime) -> None:
    secretary = _secretary(session, now)
    with pytest.raises(BylawError, match=r"1\.7"):
        set_bylaw(session, actor=secretary, now=now, key="quorum", value="1.7")
    with pytest.raises(BylawError, match="not a bylaw coop knows"):
        set_bylaw(session, actor=secretary, now=now, key="quorom", value="0.5")
    with pytest.raises(BylawError, match="not one of"):
        set_bylaw(session, actor=secretary, now=now, key="threshold.ordinary", value="most")
    changed = set_bylaw(
        session,
        actor=secretary,
        now=now,
        key="threshold.ordinary",
        value="two-thirds-cast",
        article="Estatuto, art. 12",
    )
    assert (changed.value, changed.article) == ("two_thirds_cast", "Estatuto, art. 12")
    assert bylaws_in_force(session)["quorum"].is_default
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last is not None and last.action == "coop.bylaw.changed"
    assert '"old":"majority_cast"' in last.data and '"new":"two_thirds_cast"' in last.data


def _populate_chain(session: Session, now: datetime) -> None:
    """Five events, then (on PostgreSQL) past the trigger that keeps the log growing only, as a
    superuser can get: these tests show that ``verify`` still catches what such a person does."""
    secretary = _secretary(session, now)
    for index in range(2, 6):
        add_member(session, actor=secretary, now=now, name=f"Socio {index}", number=f"{index:04d}")
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))


@pytest.mark.no_officer_key
def test_audit_chain_intact(session: Session, now: datetime) -> None:
    _populate_chain(session, now)
    report = verify_chain(session)
    assert report.intact and report.events_checked == 5


@pytest.mark.no_officer_key
@pytest.mark.parametrize(
    ("tamper", "seq", "reason"),
    [
        ("UPDATE audit_events SET data = replace(data, 'Socio 3', 'Socio X') WHERE seq = 3", 3, "changed"),
        ("DELETE FROM audit_events WHERE seq = 2", 3, "missing"),
        (
            "UPDATE audit_events SET occurred_at = occurred_at WHERE seq = 1; "
            "UPDATE audit_events SET actor = 'alguien' WHERE seq = 4",
            4,
            "changed",
        ),
    ],
)
def test_audit_verify_names_first_broken_event(
    session: Session, now: datetime, tamper: str, seq: int, reason: str
) -> None:
    _populate_chain(session, now)
    for statement in tamper.split("; "):
        session.execute(text(statement))
    report = verify_chain(session)
    assert report.problem is not None
    assert report.problem.seq == seq
    assert reason in report.problem.reason


@pytest.mark.no_officer_key
def test_audit_verify_detects_reordering(session: Session, now: datetime) -> None:
    _populate_chain(session, now)
    # Swap the contents of events 2 and 3 (as if rows had been reordered).
    session.execute(text("UPDATE audit_events SET seq = 1000 WHERE seq = 2"))
    session.execute(text("UPDATE audit_events SET seq = 2 WHERE seq = 3"))
    session.execute(text("UPDATE audit_events SET seq = 3 WHERE seq = 1000"))
    report = verify_chain(session)
    assert report.problem is not None and report.problem.seq == 2


@pytest.mark.no_officer_key
def test_an_anchor_catches_events_cut_off_the_end(session: Session, now: datetime) -> None:
    """Removing the last events leaves a chain that verifies; the anchor noted on paper does not."""
    _populate_chain(session, now)
    anchor = chain_anchor(session)
    assert anchor is not None and anchor.seq == 5 and len(anchor.fingerprint) == 16
    assert parse_anchor(str(anchor)) == anchor
    assert check_anchor(session, anchor) is None
    session.execute(text("DELETE FROM audit_events WHERE seq >= 4"))
    assert verify_chain(session).intact
    problem = check_anchor(session, anchor)
    assert problem is not None and "event 5" in problem and "ends at event 3" in problem


@pytest.mark.no_officer_key
def test_an_anchor_catches_a_chain_rewritten_from_some_event_on(session: Session, now: datetime) -> None:
    _populate_chain(session, now)
    anchor = chain_anchor(session)
    assert anchor is not None
    # Rewrite the history from event 3 on: remove it and append other events in its place.
    session.execute(text("DELETE FROM audit_events WHERE seq >= 3"))
    for name in ("Otra 3", "Otra 4", "Otra 5"):
        record_event(session, "coop.member.added", actor="alguien", now=now, data={"name": name})
    assert verify_chain(session).intact
    problem = check_anchor(session, anchor)
    assert problem is not None and "rewritten" in problem


@pytest.mark.parametrize("text_", ["", "12", "12:", "x:3f2a9c0d5e6b7a81", "12:3f2a", "12:zz2a9c0d5e6b7a81"])
def test_a_mistyped_anchor_is_refused_in_one_sentence(text_: str) -> None:
    with pytest.raises(AuditError, match="is not an audit anchor"):
        parse_anchor(text_)
