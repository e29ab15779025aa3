"""Corrections to the register that keep history: the secretary corrects a name, number, section or
joining date, or reactivates a member, always with a reason; the audit log keeps the old values."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import AuditEvent, verify_chain
from coop.errors import MemberError, PermissionDenied
from coop.members.actors import Actor
from coop.members.corrections import correct_member, reactivate_member
from coop.members.register import add_member, deactivate_member
from coop.members.register_book import member_register
from tests.factories.cooperative import admit_secretary
from tests.factories.programs import Cli


def _last_event(session: Session) -> tuple[str, dict]:
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    return event.action, json.loads(event.data)


def test_a_misspelt_name_is_corrected_and_the_old_one_stays_in_the_log(
    session: Session, now: datetime
) -> None:
    ctx = admit_secretary(session, now)
    ctx(add_member, name="Ines Pena", number="0012", section="Esmaltado")
    member, changes = ctx.at(now + timedelta(hours=14))(
        correct_member, reference="0012", reason="Mal escrito en la planilla", name="Inés  Peña"
    )
    assert member.name == "Inés Peña" and member.number == "0012"
    assert [(c.field, c.before, c.after) for c in changes] == [("name", "Ines Pena", "Inés Peña")]
    action, data = _last_event(session)
    assert action == "coop.member.corrected"
    assert (
        data["changes"] == {"name": ["Ines Pena", "Inés Peña"]}
        and data["reason"] == "Mal escrito en la planilla"
    )
    assert verify_chain(session).intact


def test_a_number_section_and_joining_date_are_corrected_together(session: Session, now: datetime) -> None:
    ctx = admit_secretary(session, now)
    ctx(add_member, name="Raúl Ibáñez", number="0030", section="Prensas", joined_on=date(2020, 1, 1))
    member, changes = ctx(
        correct_member,
        reference="0030",
        reason="Legajo",
        number="0003",
        section="Hornos",
        joined_on=date(2019, 3, 1),
    )
    assert (member.number, member.section, member.joined_on) == ("0003", "Hornos", date(2019, 3, 1))
    assert [c.field for c in changes] == ["number", "section", "joined_on"]
    _action, data = _last_event(session)
    assert data["number_before"] == "0030" and data["number"] == "0003"


@pytest.mark.parametrize(
    ("details", "sentence"),
    [
        ({"reason": "", "name": "Otra"}, "A correction needs a reason (--reason)"),
        ({"reason": "x"}, "Say what to correct: --name, --number, --section or --joined"),
        (
            {"reason": "x", "name": "Zofia Łukasiewicz"},
            "already stands in the register so; nothing was corrected.",
        ),
        ({"reason": "x", "number": "0001"}, "Member number 0001 already belongs to Ana Núñez"),
        ({"reason": "x", "name": "   "}, "A member needs a name."),
    ],
)
def test_a_correction_that_cannot_stand_is_one_sentence_and_changes_nothing(
    session: Session, now: datetime, details: dict, sentence: str
) -> None:
    ctx = admit_secretary(session, now)
    ctx(add_member, name="Zofia Łukasiewicz", number="0002")
    with pytest.raises(MemberError, match=sentence.replace("(", r"\(").replace(")", r"\)")):
        ctx(correct_member, reference="0002", **details)
    assert _last_event(session)[0] == "coop.member.added"


def test_only_the_secretary_corrects(session: Session, now: datetime) -> None:
    ctx = admit_secretary(session, now)
    zofia = ctx(add_member, name="Zofia Łukasiewicz", number="0002")
    with pytest.raises(PermissionDenied):
        ctx.acting_as(Actor(zofia))(correct_member, reference="0002", reason="x", name="Zofia")


def test_a_membership_ended_by_mistake_is_reactivated_and_the_register_lists_both(
    session: Session, now: datetime
) -> None:
    ctx = admit_secretary(session, now - timedelta(days=3))
    ctx(add_member, name="Jan Ferreyra", number="0060")
    ctx.at(now - timedelta(days=2))(deactivate_member, reference="0060", reason="Retirado")
    with pytest.raises(MemberError, match="is an active member"):
        ctx(reactivate_member, reference="0001", reason="x")
    member = ctx.at(now)(reactivate_member, reference="0060", reason="Era otro Ferreyra")
    assert member.active and member.deactivated_on is None and member.deactivation_reason is None
    register = member_register(session, now, since=(now - timedelta(days=2)).date())
    assert [change.change for change in register.changes] == [
        "Left: Retirado",
        "Reactivated (the leaving was entered by mistake): Era otro Ferreyra",
    ]


def test_the_secretary_corrects_a_name_the_next_morning_from_the_command_line(cli: Cli) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert cli("member", "add", "Ines Pena", "--number", "0004", actor="0001").exit_code == 0
    refused = cli("member", "correct", "0004", "--name", "Inés Peña", actor="0001")
    assert refused.exit_code == 1 and "needs a reason" in refused.stderr and "Traceback" not in refused.output
    done = cli("member", "correct", "0004", "--name", "Inés Peña", "--reason", "Acentos", actor="0001")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "Corrected Inés Peña (#0004): name 'Ines Pena' → 'Inés Peña'."
    assert cli.json("member", "show", "0004")["name"] == "Inés Peña"
    log = cli("audit", "log", actor="0001").stdout
    assert "coop.member.corrected" in log
