"""Training services on SQLite and PostgreSQL: the rules a trainer and a secretary meet."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from coop.audit import AuditEvent, verify_chain
from coop.errors import InputFileError, PermissionDenied, TrainingError
from coop.i18n import using
from coop.members.actors import find_member
from coop.members.bylaws_record import bylaws_in_force, set_bylaw
from coop.members.register import deactivate_member
from coop.rules.terms import TermRole
from coop.training.assessments import import_assessments, record_assessment
from coop.training.common import parse_hours
from coop.training.coverage import CoverageStatus, Level
from coop.training.history import level_in, member_history, member_skills
from coop.training.models import Skill, SkillAssessment, TrainingSession
from coop.training.picture import coverage_risk, training_hours, training_picture
from coop.training.role_terms import ElectingMotion, end_term, list_terms, record_term, rotation_report
from coop.training.sessions import record_attendance
from coop.training.skill_imports import import_skills
from coop.training.skills import add_prerequisite, add_skill, find_skill
from tests.factories.context import member_actor
from tests.factories.training import CERTIFIED_ON, Plant


def _actions(plant: Plant) -> list[str]:
    return list(plant.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def _attend(plant: Plant, held: TrainingSession, *attendees: str, **details: Any) -> list[Any]:
    """Zofia records ``attendees`` at ``held`` (``details``: level, hours, present...)."""
    return plant.acting(plant.zofia)(
        record_attendance, training_session=held, members=list(attendees), **details
    )


def _assess(plant: Plant, member: str, skill: Skill, level: Level, on: date, **who: Any) -> SkillAssessment:
    """An assessment by Zofia, or by ``who["actor"]`` naming an assessor or outside assessor."""
    ctx = plant.acting(who.pop("actor", plant.zofia))
    return ctx(record_assessment, member=member, skill=skill, level=level, assessed_on=on, **who)


def _term(plant: Plant, member: str, starts_on: date, role: TermRole = TermRole.coordinator, **details: Any):  # type: ignore[no-untyped-def]
    """The secretary records ``member``'s term in ``role`` (``details``: ends_on, elected_by, section)."""
    return plant.acting()(record_term, role=role, member=member, starts_on=starts_on, **details)


# --- who may teach and assess ----------------------------------------------------------------------


def test_trainer_below_the_teaching_level_cannot_log_a_session(plant: Plant) -> None:
    with pytest.raises(TrainingError, match=r"Inés Peña \(#0003\) cannot give a session in SEG-EPP") as error:
        plant.log(actor=plant.ines)
    assert "level 3 (independent) or above" in error.value.message and "--outside NAME" in error.value.message
    held = plant.log(actor=plant.ines, outside_trainer="  Aseguradora  de Riesgos ")
    assert held.trainer_id is None and held.outside_trainer == "Aseguradora de Riesgos"
    assert held.trainer_label == "Aseguradora de Riesgos (outside trainer)"


def test_trainer_whose_certification_lapsed_cannot_teach_it(plant: Plant) -> None:
    # Zofia's certification in HOR-QUEM (12 months from 2026-01-05) lapses on 2027-01-05.
    held = plant.log(skill=plant.burners, held_on=date(2027, 1, 4), planned=True)
    assert held.planned
    with pytest.raises(TrainingError, match="certification at level 4 expired on 2027-01-05"):
        plant.log(skill=plant.burners, held_on=date(2027, 1, 5), planned=True)


def test_only_trainers_and_secretaries_record_training(plant: Plant) -> None:
    someone = member_actor(plant.session, "0004")
    with pytest.raises(PermissionDenied, match="needs the trainer role"):
        plant.log(actor=someone, outside_trainer="Bomberos")
    with pytest.raises(PermissionDenied, match="needs the secretary role"):
        plant.acting(plant.zofia)(add_skill, code="X", name="X")
    held = plant.log(actor=plant.secretary, outside_trainer="Bomberos")
    assert held.logged_by == "Ana Núñez (#0001)"


ASSESSMENTS_OF_ONESELF: dict[str, tuple[Callable[[Plant], object], str]] = {
    "at_own_session": (
        lambda plant: _attend(plant, plant.log(), "0002", level=Level(3)),
        r"Zofia Łukasiewicz \(#0002\) gave session \d+ and cannot assess themselves",
    ),
    "directly": (
        lambda plant: _assess(plant, "0002", plant.loading, Level.CAN_TRAIN, date(2026, 11, 1)),
        "cannot assess themselves",
    ),
    # The secretary naming Zofia as the assessor of herself is refused the same way.
    "named_by_the_secretary": (
        lambda plant: _assess(
            plant,
            "Zofia Łukasiewicz",
            plant.loading,
            Level.CAN_TRAIN,
            date(2026, 11, 1),
            actor=plant.secretary,
            assessor="0002",
        ),
        "cannot assess themselves",
    ),
}


@pytest.mark.parametrize("case", ASSESSMENTS_OF_ONESELF, ids=str)
def test_trainer_cannot_assess_themselves(plant: Plant, case: str) -> None:
    assess, message = ASSESSMENTS_OF_ONESELF[case]
    with pytest.raises(TrainingError, match=message):
        assess(plant)


def test_assessor_must_hold_level_4(plant: Plant) -> None:
    with pytest.raises(TrainingError, match=r"Inés Peña \(#0003\) cannot assess others in HOR-CARGA"):
        _assess(plant, "0004", plant.loading, Level.OPERATES, date(2026, 11, 1), actor=plant.ines)


# --- prerequisites -------------------------------------------------------------------------------------


def test_prerequisites_are_checked_reported_and_can_be_overridden(plant: Plant) -> None:
    held = plant.log(skill=plant.burners)
    with pytest.raises(TrainingError) as error:
        _attend(plant, held, "0004", "0005", level=Level.SUPERVISED)
    message = error.value.message
    assert message.startswith("Nothing was recorded because prerequisites are not met")
    assert "Óscar Muñoz (#0004) needs SEG-EPP at level 2 (operates) before training in HOR-QUEM" in message
    assert "Raúl Ibáñez (#0005) needs SEG-EPP" in message
    assert held.attendance == []

    _attend(plant, plant.log(held_on=date(2026, 10, 1)), "0004", level=Level(2))
    records = _attend(plant, held, "0004", "0005", level=Level.SUPERVISED, override_prerequisites=True)
    assert [r.overridden == () for r in records] == [True, False]
    event = plant.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "coop.training_attendance.recorded")
        .order_by(AuditEvent.seq.desc())
    ).first()
    assert event is not None
    assert json.loads(event.data)["prerequisites_overridden"] == [records[1].overridden[0].message]


def test_prerequisite_cycles_are_refused(plant: Plant) -> None:
    secretary = plant.acting()
    with pytest.raises(TrainingError, match="HOR-QUEM already needs SEG-EPP"):
        secretary(add_prerequisite, skill=plant.epp, requires=plant.burners, min_level=1)
    secretary(add_prerequisite, skill=plant.loading, requires=plant.burners, min_level=2)
    with pytest.raises(
        TrainingError, match="HOR-CARGA already needs SEG-EPP, directly or through other skills"
    ):
        secretary(add_prerequisite, skill=plant.epp, requires=plant.loading, min_level=1)


# --- certification expiry and the append-only history -------------------------------------------


def test_certification_expires_after_validity_and_level_drops(plant: Plant) -> None:
    member = find_member(plant.session, "0004")
    school = {"actor": plant.secretary, "outside_assessor": "Escuela Técnica N.º 9"}
    _assess(plant, "0004", plant.epp, Level.INDEPENDENT, date(2025, 1, 31), **school)
    assessment = _assess(plant, "0004", plant.burners, Level.INDEPENDENT, date(2025, 1, 31), **school)
    # 12 months after 31 January 2025: the first day it no longer counts.
    assert assessment.expires_on == date(2026, 1, 31)
    before = level_in(plant.session, member, plant.burners, date(2026, 1, 30))
    after = level_in(plant.session, member, plant.burners, date(2026, 1, 31))
    assert (before.level, before.expired) == (Level.INDEPENDENT, False)
    assert (after.level, after.expired, after.assessed_level) == (Level.NONE, True, Level.INDEPENDENT)

    lines = {line.skill.code: line.current for line in member_skills(plant.session, member, plant.now.date())}
    assert lines["HOR-QUEM"].expired and lines["HOR-QUEM"].level == Level.NONE
    assert lines["SEG-EPP"].level == Level.INDEPENDENT and lines["SEG-EPP"].expires_on is None

    picture = training_picture(plant.session, plant.now.date())
    coverage = {c.skill: c for c in coverage_risk(picture)}
    assert coverage["HOR-QUEM"].qualified == ("0002",)  # only Zofia: 0004's certificate lapsed
    assert coverage["HOR-QUEM"].status is CoverageStatus.BELOW_MINIMUM


def test_skill_history_is_append_only(plant: Plant) -> None:
    first = _assess(plant, "0004", plant.loading, Level.OPERATES, date(2026, 6, 1))
    with (
        pytest.raises(TrainingError, match=r"append-only: assessment \d+ cannot be changed"),
        plant.session.begin_nested(),
    ):
        first.level = 4
        plant.session.flush()
    with (
        pytest.raises(TrainingError, match=r"assessment \d+ cannot be removed; record a new assessment"),
        plant.session.begin_nested(),
    ):
        plant.session.delete(first)
        plant.session.flush()
    kept = plant.session.get(SkillAssessment, first.id)
    assert kept is not None and kept.level == Level.OPERATES


def test_a_new_assessment_is_added_not_replaced(plant: Plant) -> None:
    member = find_member(plant.session, "0004")
    for level, day in ((Level.SUPERVISED, date(2026, 3, 1)), (Level.INDEPENDENT, date(2026, 9, 1))):
        _assess(plant, "0004", plant.loading, level, day)
    history = member_history(plant.session, member, plant.loading)
    assert [(a.level, a.assessed_on) for a in history] == [(1, date(2026, 3, 1)), (3, date(2026, 9, 1))]
    assert level_in(plant.session, member, plant.loading, date(2026, 6, 1)).level == Level.SUPERVISED
    assert level_in(plant.session, member, plant.loading, plant.now.date()).level == Level.INDEPENDENT
    assert all(a.assessor_label == "Zofia Łukasiewicz (#0002)" for a in history)


# --- sessions and attendance ---------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["0", "-1", "0.00", "abc", "1.234"])
def test_hours_must_be_above_zero(plant: Plant, hours: str) -> None:
    with pytest.raises(TrainingError, match="hours"):
        plant.log(hours=hours)


def test_hours_are_read_the_way_the_operators_language_writes_them() -> None:
    """English hours take a point or, as always, a comma ("1,5"); Spanish hours are read the Spanish way."""
    typed_hours: dict[tuple[str, str | Decimal], str] = {
        ("en", "2.5"): "2.50",
        ("en", "1,5"): "1.50",
        ("es", "1,5"): "1.50",
        ("es", "1.000"): "1000.00",
        ("es", Decimal("2.5")): "2.50",
    }
    for (language, typed), hours in typed_hours.items():
        with using(language):
            assert parse_hours(typed) == Decimal(hours), (language, typed)


def test_in_spanish_hours_that_read_two_ways_are_refused() -> None:
    with (
        using("es"),
        pytest.raises(TrainingError, match=r"^Horas '1\.5' se puede leer de dos maneras; escriba 1,5"),
    ):
        parse_hours("1.5")


def test_session_in_the_future_needs_planned_and_waits_for_its_day(plant: Plant) -> None:
    tomorrow = plant.now.date() + timedelta(days=1)
    with pytest.raises(
        TrainingError, match=f"{tomorrow.isoformat()} is in the future; .* log it with --planned"
    ):
        plant.log(held_on=tomorrow)
    planned = plant.log(held_on=tomorrow, planned=True)
    with pytest.raises(TrainingError, match="record its attendance once it has taken place"):
        _attend(plant, planned, "0004")
    later = plant.acting(plant.zofia).at(plant.now + timedelta(days=1))
    records = later(record_attendance, training_session=planned, members=["0004"])
    assert records[0].attendance.present and records[0].assessment is None


ATTENDANCE_REFUSALS = [
    pytest.param(("0005", "0004"), {}, "already recorded at session", id="twice"),
    pytest.param(("0005",), {"hours": "5"}, "is more than session", id="more_hours_than_the_session"),
    pytest.param(
        ("0005",),
        {"present": False, "level": Level(1)},
        "An absent member has no hours",
        id="absent_assessed",
    ),
]


@pytest.mark.parametrize(("attendees", "details", "message"), ATTENDANCE_REFUSALS)
def test_attendance_rules(
    plant: Plant, attendees: tuple[str, ...], details: dict[str, Any], message: str
) -> None:
    held = plant.log(hours="4")
    _attend(plant, held, "0004", hours="2.5")
    with pytest.raises(TrainingError, match=message):
        _attend(plant, held, *attendees, **details)
    assert len(held.attendance) == 1


def test_training_hours_per_member_and_trainer(plant: Plant) -> None:
    first = plant.log(hours="4", held_on=date(2026, 10, 1))
    second = plant.log(
        hours="2",
        held_on=date(2026, 11, 1),
        skill=plant.loading,
        actor=plant.secretary,
        outside_trainer="Fábrica",
    )
    _attend(plant, first, "0004", "0005")
    _attend(plant, first, "0006", present=False)
    _attend(plant, second, "0004", hours="1.5")
    report = training_hours(plant.session, date(2026, 1, 1), date(2026, 12, 31))
    by_member = {report.names[r.who]: (r.hours, r.sessions) for r in report.hours.by_member}
    assert by_member == {
        "Óscar Muñoz (#0004)": (Decimal("5.50"), 2),
        "Raúl Ibáñez (#0005)": (Decimal("4.00"), 1),
    }
    by_trainer = {report.names[r.who]: r.hours for r in report.hours.by_trainer}
    assert by_trainer == {
        "Zofia Łukasiewicz (#0002)": Decimal("4.00"),
        "Fábrica (outside trainer)": Decimal("2.00"),
    }


# --- skills and imports ---------------------------------------------------------------------------


SKILL_REFUSALS = [
    pytest.param({"code": "Seg-Epp", "name": "Otra"}, "There is already a skill SEG-EPP", id="taken_code"),
    pytest.param({"code": "con espacio", "name": "Otra"}, "cannot be a skill code", id="code_with_space"),
    pytest.param(
        {"code": "NEW", "name": "Nueva", "validity_months": 12},
        "Only certified skills lapse",
        id="validity_uncertified",
    ),
]


@pytest.mark.parametrize(("details", "message"), SKILL_REFUSALS)
def test_skill_codes_are_unique_and_checked(plant: Plant, details: dict[str, Any], message: str) -> None:
    with pytest.raises(TrainingError, match=message):
        plant.acting()(add_skill, **details)
    assert find_skill(plant.session, "quemadores a gas").code == "HOR-QUEM"


def test_skill_import_is_all_or_nothing_even_inside_a_transaction(plant: Plant, tmp_path: Path) -> None:
    count = plant.session.scalar(select(func.count(Skill.id)))
    cyclic = tmp_path / "cyclic.csv"
    cyclic.write_text(
        "code,name,prerequisites\nA-1,Uno,B-1:2\nB-1,Dos,A-1:1\nC-1,Tres,SEG-EPP:2\n", encoding="utf-8"
    )
    with pytest.raises(InputFileError, match="line 2: A-1 needs B-1, which itself needs A-1"):
        plant.acting()(import_skills, path=cyclic)
    assert plant.session.scalar(select(func.count(Skill.id))) == count
    good = tmp_path / "good.csv"
    good.write_text(
        "code,name,certified,validity_months,prerequisites\nC-1,Tres,yes,24,SEG-EPP:2\n", encoding="utf-8"
    )
    [imported] = plant.acting()(import_skills, path=good)
    assert (imported.validity_months, [p.requires.code for p in imported.prerequisites]) == (24, ["SEG-EPP"])


def test_assessment_import_follows_the_rules_in_date_order(plant: Plant, tmp_path: Path) -> None:
    before = plant.session.scalar(select(func.count(SkillAssessment.id)))
    path = tmp_path / "history.csv"
    path.write_text(
        "member,skill,level,assessed_on,assessor,outside_assessor\n"
        "0004,HOR-CARGA,2,2026-05-01,0003,\n"  # Inés is level 4 only from the next line's date on
        "0003,HOR-CARGA,4,2026-03-01,,Fábrica\n"
        "0005,HOR-CARGA,2,2026-02-01,0003,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as error:
        plant.acting()(import_assessments, path=path)
    assert "has 1 bad line," in error.value.message  # one line, and said in the singular
    assert "line 4: Inés Peña (#0003) cannot assess others in HOR-CARGA" in error.value.message
    assert plant.session.scalar(select(func.count(SkillAssessment.id))) == before
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    added = plant.acting()(import_assessments, path=path)
    assert [(a.member.number, a.level) for a in added] == [("0003", 4), ("0004", 2)]


# --- role terms ------------------------------------------------------------------------------------------


def test_term_limit_from_the_bylaws(plant: Plant) -> None:
    plant.acting()(set_bylaw, key="term_limit.coordinator", value="2 mandatos")
    assert bylaws_in_force(plant.session)["term_limit.coordinator"].value == "2 terms"
    for start, end in ((date(2021, 3, 1), date(2022, 2, 28)), (date(2022, 3, 1), date(2023, 2, 28))):
        _term(plant, "0004", start, ends_on=end)
    with pytest.raises(TrainingError, match=r"has already served 2 terms \(24 months\) as coordinator"):
        _term(plant, "0004", date(2024, 3, 1))
    with pytest.raises(TrainingError, match="the terms would overlap"):
        _term(plant, "0004", date(2022, 6, 1), ends_on=date(2022, 7, 1))
    _term(plant, "0005", date(2024, 3, 1))
    [group] = rotation_report(plant.session, plant.now.date(), TermRole.coordinator)
    rotation = group.rotation
    assert rotation.current == ("0005",)
    assert rotation.at_limit == ("0004",)
    assert "0004" not in rotation.eligible
    # Those who never held the role come first, in member order; the current holder last.
    assert rotation.eligible[:3] == ("0001", "0002", "0003") and rotation.eligible[-1] == "0005"
    ended = plant.acting()(end_term, role=TermRole.coordinator, member="0005", ends_on=date(2026, 2, 28))
    assert ended.ends_on == date(2026, 2, 28)


def test_a_former_members_term_ends_by_the_day_they_left(plant: Plant) -> None:
    plant.acting()(deactivate_member, reference="0006")
    left = plant.now.date()
    with pytest.raises(TrainingError, match="left the cooperative on 2026-11-25; their term cannot end"):
        _term(plant, "0006", date(2025, 1, 1), TermRole.treasurer, ends_on=left + timedelta(days=30))
    term = _term(plant, "0006", date(2025, 1, 1), TermRole.treasurer, ends_on=left)
    assert term.ends_on == left


def test_term_needs_an_adopted_motion(plant: Plant) -> None:
    """A term names the motion that elected the member; one that was not adopted elected nobody.

    Training does not read motions (assemblies stand above it): the caller passes the motion as
    the assemblies domain describes it. An unknown number is refused where it is looked up (the
    CLI; see test_rotation_program).
    """
    rejected = ElectingMotion(id=4, title="Elegir coordinador", adopted=False, status="not adopted")
    with pytest.raises(
        TrainingError, match=r"Motion 4 \(Elegir coordinador\) was not adopted \(it is not adopted\)"
    ):
        _term(plant, "0004", date(2026, 3, 1), elected_by=rejected)
    assert list_terms(plant.session) == []


def test_term_keeps_the_motion_that_elected_the_member(plant: Plant) -> None:
    from coop.api.training import electing_motion
    from coop.assemblies.models import MotionStatus
    from tests.factories.meetings import open_assembly, propose

    assembly = open_assembly(plant.acting(), chair="0001", secretary="0002")
    motion = propose(plant.acting(), assembly, "Elegir coordinador", "Elegir a Óscar Muñoz")
    with pytest.raises(TrainingError, match=r"Motion \d+ \(Elegir coordinador\) was not adopted"):
        _term(plant, "0004", date(2026, 3, 1), elected_by=electing_motion(plant.session, motion.id))
    motion.status = MotionStatus.adopted  # as if the assembly had adopted it
    term = _term(plant, "0004", date(2026, 3, 1), elected_by=electing_motion(plant.session, motion.id))
    assert term.motion_id == motion.id


def test_section_coordinators_need_a_section(plant: Plant) -> None:
    with pytest.raises(TrainingError, match="needs the section"):
        _term(plant, "0004", date(2026, 3, 1), TermRole.section_coordinator)
    _term(plant, "0004", date(2026, 3, 1), TermRole.section_coordinator, section="Hornos")
    [group] = rotation_report(plant.session, plant.now.date())
    assert group.section == "Hornos"
    # The pool is the section's active members only.
    assert set(group.rotation.eligible) == {"0004", "0005", "0006", "0007", "0008", "0009"}


# --- audit ------------------------------------------------------------------------------------------------


def test_every_change_is_audited(plant: Plant) -> None:
    _attend(plant, plant.log(), "0004", level=Level(2))
    _term(plant, "0001", date(2026, 1, 1), TermRole.treasurer)
    actions = _actions(plant)
    for action in (
        "coop.skill.added",
        "coop.prerequisite.added",
        "coop.assessment.recorded",
        "coop.training_session.logged",
        "coop.training_attendance.recorded",
        "coop.term.recorded",
    ):
        assert action in actions
    assert actions.count("coop.assessment.recorded") == 4  # three for Zofia, one for 0004
    assert verify_chain(plant.session).intact
    assert CERTIFIED_ON.year == 2026
