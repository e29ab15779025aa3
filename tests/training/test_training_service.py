"""Training services on SQLite and PostgreSQL: the rules a trainer and a secretary meet."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coop.audit import AuditEvent, verify_chain
from coop.errors import InputFileError, PermissionDenied, TrainingError
from coop.members import service as members
from coop.rules.terms import TermRole
from coop.training.assessments import import_assessments, record_assessment
from coop.training.coverage import CoverageStatus, Level
from coop.training.history import level_in, member_history, member_skills
from coop.training.models import SessionKind, Skill, SkillAssessment
from coop.training.picture import coverage_risk, training_hours, training_picture
from coop.training.role_terms import ElectingMotion, end_term, list_terms, record_term, rotation_report
from coop.training.sessions import log_session, record_attendance
from coop.training.skill_imports import import_skills
from coop.training.skills import add_prerequisite, add_skill, find_skill
from tests.training.conftest import CERTIFIED_ON, Plant


def _log(plant: Plant, *, skill: Skill | None = None, actor: members.Actor | None = None, **changes):  # type: ignore[no-untyped-def]
    values = {
        "held_on": date(2026, 11, 2),
        "hours": "3",
        "kind": SessionKind.practice,
    } | changes
    return log_session(
        plant.session, actor=actor or plant.zofia, now=plant.now, skill=skill or plant.epp, **values
    )


def _actions(plant: Plant) -> list[str]:
    return list(plant.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


# --- who may teach and assess ----------------------------------------------------------------------


def test_trainer_below_level_4_cannot_log_a_session(plant: Plant) -> None:
    with pytest.raises(TrainingError, match=r"Inés Peña \(#0003\) cannot give a session in SEG-EPP") as error:
        _log(plant, actor=plant.ines)
    assert "level 4 (can train)" in error.value.message and "--outside NAME" in error.value.message
    held = _log(plant, actor=plant.ines, outside_trainer="  Aseguradora  de Riesgos ")
    assert held.trainer_id is None and held.outside_trainer == "Aseguradora de Riesgos"
    assert held.trainer_label == "Aseguradora de Riesgos (outside trainer)"


def test_trainer_whose_certification_lapsed_cannot_teach_it(plant: Plant) -> None:
    # Zofia's certification in HOR-QUEM (12 months from 2026-01-05) lapses on 2027-01-05.
    held = _log(plant, skill=plant.burners, held_on=date(2027, 1, 4), planned=True)
    assert held.planned
    with pytest.raises(TrainingError, match="certification at level 4 expired on 2027-01-05"):
        _log(plant, skill=plant.burners, held_on=date(2027, 1, 5), planned=True)


def test_only_trainers_and_secretaries_record_training(plant: Plant) -> None:
    someone = members.Actor(members.find_member(plant.session, "0004"))
    with pytest.raises(PermissionDenied, match="needs the trainer role"):
        _log(plant, actor=someone, outside_trainer="Bomberos")
    with pytest.raises(PermissionDenied, match="needs the secretary role"):
        add_skill(plant.session, actor=plant.zofia, now=plant.now, code="X", name="X")
    held = _log(plant, actor=plant.secretary, outside_trainer="Bomberos")
    assert held.logged_by == "Ana Núñez (#0001)"


def test_trainer_cannot_assess_themselves(plant: Plant) -> None:
    held = _log(plant)
    with pytest.raises(
        TrainingError, match=r"Zofia Łukasiewicz \(#0002\) gave session \d+ and cannot assess themselves"
    ):
        record_attendance(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            training_session=held,
            members=["0002"],
            level=Level(3),
        )
    with pytest.raises(TrainingError, match="cannot assess themselves"):
        record_assessment(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            member="0002",
            skill=plant.loading,
            level=Level.CAN_TRAIN,
            assessed_on=date(2026, 11, 1),
        )
    # The secretary naming Zofia as the assessor of herself is refused the same way.
    with pytest.raises(TrainingError, match="cannot assess themselves"):
        record_assessment(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            member="Zofia Łukasiewicz",
            skill=plant.loading,
            level=Level.CAN_TRAIN,
            assessed_on=date(2026, 11, 1),
            assessor="0002",
        )


def test_assessor_must_hold_level_4(plant: Plant) -> None:
    with pytest.raises(TrainingError, match=r"Inés Peña \(#0003\) cannot assess others in HOR-CARGA"):
        record_assessment(
            plant.session,
            actor=plant.ines,
            now=plant.now,
            member="0004",
            skill=plant.loading,
            level=Level.OPERATES,
            assessed_on=date(2026, 11, 1),
        )


# --- prerequisites -------------------------------------------------------------------------------------


def test_prerequisites_are_checked_reported_and_can_be_overridden(plant: Plant) -> None:
    held = _log(plant, skill=plant.burners)
    with pytest.raises(TrainingError) as error:
        record_attendance(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            training_session=held,
            members=["0004", "0005"],
            level=Level.SUPERVISED,
        )
    message = error.value.message
    assert message.startswith("Nothing was recorded because prerequisites are not met")
    assert "Óscar Muñoz (#0004) needs SEG-EPP at level 2 (operates) before training in HOR-QUEM" in message
    assert "Raúl Ibáñez (#0005) needs SEG-EPP" in message
    assert held.attendance == []

    epp = _log(plant, held_on=date(2026, 10, 1))
    record_attendance(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        training_session=epp,
        members=["0004"],
        level=Level(2),
    )
    records = record_attendance(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        training_session=held,
        members=["0004", "0005"],
        level=Level.SUPERVISED,
        override_prerequisites=True,
    )
    assert [r.overridden == () for r in records] == [True, False]
    event = plant.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "coop.training_attendance.recorded")
        .order_by(AuditEvent.seq.desc())
    ).first()
    assert event is not None
    assert json.loads(event.data)["prerequisites_overridden"] == [records[1].overridden[0].message]


def test_prerequisite_cycles_are_refused(plant: Plant) -> None:
    with pytest.raises(TrainingError, match="HOR-QUEM already needs SEG-EPP"):
        add_prerequisite(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            skill=plant.epp,
            requires=plant.burners,
            min_level=1,
        )
    add_prerequisite(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        skill=plant.loading,
        requires=plant.burners,
        min_level=2,
    )
    with pytest.raises(
        TrainingError, match="HOR-CARGA already needs SEG-EPP, directly or through other skills"
    ):
        add_prerequisite(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            skill=plant.epp,
            requires=plant.loading,
            min_level=1,
        )


# --- certification expiry and the append-only history -------------------------------------------


def test_certification_expires_after_validity_and_level_drops(plant: Plant) -> None:
    member = members.find_member(plant.session, "0004")
    record_assessment(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        member="0004",
        skill=plant.epp,
        level=Level.INDEPENDENT,
        assessed_on=date(2025, 1, 31),
        outside_assessor="Escuela Técnica N.º 9",
    )
    assessment = record_assessment(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        member="0004",
        skill=plant.burners,
        level=Level.INDEPENDENT,
        assessed_on=date(2025, 1, 31),
        outside_assessor="Escuela Técnica N.º 9",
    )
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
    first = record_assessment(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        member="0004",
        skill=plant.loading,
        level=Level.OPERATES,
        assessed_on=date(2026, 6, 1),
    )
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
    member = members.find_member(plant.session, "0004")
    for level, day in ((Level.SUPERVISED, date(2026, 3, 1)), (Level.INDEPENDENT, date(2026, 9, 1))):
        record_assessment(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            member="0004",
            skill=plant.loading,
            level=level,
            assessed_on=day,
        )
    history = member_history(plant.session, member, plant.loading)
    assert [(a.level, a.assessed_on) for a in history] == [(1, date(2026, 3, 1)), (3, date(2026, 9, 1))]
    assert level_in(plant.session, member, plant.loading, date(2026, 6, 1)).level == Level.SUPERVISED
    assert level_in(plant.session, member, plant.loading, plant.now.date()).level == Level.INDEPENDENT
    assert all(a.assessor_label == "Zofia Łukasiewicz (#0002)" for a in history)


# --- sessions and attendance ---------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["0", "-1", "0.00", "abc", "1.234"])
def test_hours_must_be_above_zero(plant: Plant, hours: str) -> None:
    with pytest.raises(TrainingError, match="hours"):
        _log(plant, hours=hours)


def test_session_in_the_future_needs_planned_and_waits_for_its_day(plant: Plant) -> None:
    tomorrow = plant.now.date() + timedelta(days=1)
    with pytest.raises(
        TrainingError, match=f"{tomorrow.isoformat()} is in the future; .* log it with --planned"
    ):
        _log(plant, held_on=tomorrow)
    planned = _log(plant, held_on=tomorrow, planned=True)
    with pytest.raises(TrainingError, match="record its attendance once it has taken place"):
        record_attendance(
            plant.session, actor=plant.zofia, now=plant.now, training_session=planned, members=["0004"]
        )
    later = plant.now + timedelta(days=1)
    records = record_attendance(
        plant.session, actor=plant.zofia, now=later, training_session=planned, members=["0004"]
    )
    assert records[0].attendance.present and records[0].assessment is None


def test_attendance_rules(plant: Plant) -> None:
    held = _log(plant, hours="4")
    record_attendance(
        plant.session, actor=plant.zofia, now=plant.now, training_session=held, members=["0004"], hours="2.5"
    )
    with pytest.raises(TrainingError, match="already recorded at session"):
        record_attendance(
            plant.session, actor=plant.zofia, now=plant.now, training_session=held, members=["0005", "0004"]
        )
    with pytest.raises(TrainingError, match="is more than session"):
        record_attendance(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            training_session=held,
            members=["0005"],
            hours="5",
        )
    with pytest.raises(TrainingError, match="An absent member has no hours"):
        record_attendance(
            plant.session,
            actor=plant.zofia,
            now=plant.now,
            training_session=held,
            members=["0005"],
            present=False,
            level=Level(1),
        )
    assert len(held.attendance) == 1


def test_training_hours_per_member_and_trainer(plant: Plant) -> None:
    first = _log(plant, hours="4", held_on=date(2026, 10, 1))
    second = _log(
        plant,
        hours="2",
        held_on=date(2026, 11, 1),
        skill=plant.loading,
        actor=plant.secretary,
        outside_trainer="Fábrica",
    )
    record_attendance(
        plant.session, actor=plant.zofia, now=plant.now, training_session=first, members=["0004", "0005"]
    )
    record_attendance(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        training_session=first,
        members=["0006"],
        present=False,
    )
    record_attendance(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        training_session=second,
        members=["0004"],
        hours="1.5",
    )
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


def test_skill_codes_are_unique_and_checked(plant: Plant) -> None:
    with pytest.raises(TrainingError, match="There is already a skill SEG-EPP"):
        add_skill(plant.session, actor=plant.secretary, now=plant.now, code="Seg-Epp", name="Otra")
    with pytest.raises(TrainingError, match="cannot be a skill code"):
        add_skill(plant.session, actor=plant.secretary, now=plant.now, code="con espacio", name="Otra")
    with pytest.raises(TrainingError, match="Only certified skills lapse"):
        add_skill(
            plant.session, actor=plant.secretary, now=plant.now, code="NEW", name="Nueva", validity_months=12
        )
    assert find_skill(plant.session, "quemadores a gas").code == "HOR-QUEM"


def test_skill_import_is_all_or_nothing_even_inside_a_transaction(plant: Plant, tmp_path: Path) -> None:
    count = plant.session.scalar(select(func.count(Skill.id)))
    cyclic = tmp_path / "cyclic.csv"
    cyclic.write_text(
        "code,name,prerequisites\nA-1,Uno,B-1:2\nB-1,Dos,A-1:1\nC-1,Tres,SEG-EPP:2\n", encoding="utf-8"
    )
    with pytest.raises(InputFileError, match="line 2: A-1 needs B-1, which itself needs A-1"):
        import_skills(plant.session, actor=plant.secretary, now=plant.now, path=cyclic)
    assert plant.session.scalar(select(func.count(Skill.id))) == count
    good = tmp_path / "good.csv"
    good.write_text(
        "code,name,certified,validity_months,prerequisites\nC-1,Tres,yes,24,SEG-EPP:2\n", encoding="utf-8"
    )
    [imported] = import_skills(plant.session, actor=plant.secretary, now=plant.now, path=good)
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
        import_assessments(plant.session, actor=plant.secretary, now=plant.now, path=path)
    assert "has 1 bad line," in error.value.message  # one line, and said in the singular
    assert "line 4: Inés Peña (#0003) cannot assess others in HOR-CARGA" in error.value.message
    assert plant.session.scalar(select(func.count(SkillAssessment.id))) == before
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    added = import_assessments(plant.session, actor=plant.secretary, now=plant.now, path=path)
    assert [(a.member.number, a.level) for a in added] == [("0003", 4), ("0004", 2)]


# --- role terms ------------------------------------------------------------------------------------------


def test_term_limit_from_the_bylaws(plant: Plant) -> None:
    members.set_bylaw(
        plant.session, actor=plant.secretary, now=plant.now, key="term_limit.coordinator", value="2 mandatos"
    )
    assert members.bylaws_in_force(plant.session)["term_limit.coordinator"].value == "2 terms"
    for start, end in ((date(2021, 3, 1), date(2022, 2, 28)), (date(2022, 3, 1), date(2023, 2, 28))):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.coordinator,
            member="0004",
            starts_on=start,
            ends_on=end,
        )
    with pytest.raises(TrainingError, match=r"has already served 2 terms \(24 months\) as coordinator"):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.coordinator,
            member="0004",
            starts_on=date(2024, 3, 1),
        )
    with pytest.raises(TrainingError, match="the terms would overlap"):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.coordinator,
            member="0004",
            starts_on=date(2022, 6, 1),
            ends_on=date(2022, 7, 1),
        )
    record_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.coordinator,
        member="0005",
        starts_on=date(2024, 3, 1),
    )
    [group] = rotation_report(plant.session, plant.now.date(), TermRole.coordinator)
    rotation = group.rotation
    assert rotation.current == ("0005",)
    assert rotation.at_limit == ("0004",)
    assert "0004" not in rotation.eligible
    # Those who never held the role come first, in member order; the current holder last.
    assert rotation.eligible[:3] == ("0001", "0002", "0003") and rotation.eligible[-1] == "0005"
    ended = end_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.coordinator,
        member="0005",
        ends_on=date(2026, 2, 28),
    )
    assert ended.ends_on == date(2026, 2, 28)


def test_a_former_members_term_ends_by_the_day_they_left(plant: Plant) -> None:
    members.deactivate_member(plant.session, actor=plant.secretary, now=plant.now, reference="0006")
    left = plant.now.date()
    with pytest.raises(TrainingError, match="left the cooperative on 2026-11-25; their term cannot end"):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.treasurer,
            member="0006",
            starts_on=date(2025, 1, 1),
            ends_on=left + timedelta(days=30),
        )
    term = record_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.treasurer,
        member="0006",
        starts_on=date(2025, 1, 1),
        ends_on=left,
    )
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
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.coordinator,
            member="0004",
            starts_on=date(2026, 3, 1),
            elected_by=rejected,
        )
    assert list_terms(plant.session) == []


def test_term_keeps_the_motion_that_elected_the_member(plant: Plant) -> None:
    from coop.assemblies import service as assemblies
    from coop.assemblies.models import AssemblyKind, MotionStatus
    from coop.cli.training.rotation import electing_motion

    assembly = assemblies.open_assembly(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        called_for=plant.now,
        place="Comedor",
        kind=AssemblyKind.ordinary,
        chair="0001",
        secretary="0002",
    )
    motion = assemblies.propose_motion(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        assembly=assembly,
        title="Elegir coordinador",
        text="Elegir a Óscar Muñoz",
        kind="ordinary",
        proposer="0003",
    )
    with pytest.raises(TrainingError, match=r"Motion \d+ \(Elegir coordinador\) was not adopted"):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.coordinator,
            member="0004",
            starts_on=date(2026, 3, 1),
            elected_by=electing_motion(plant.session, motion.id),
        )
    motion.status = MotionStatus.adopted  # as if the assembly had adopted it
    term = record_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.coordinator,
        member="0004",
        starts_on=date(2026, 3, 1),
        elected_by=electing_motion(plant.session, motion.id),
    )
    assert term.motion_id == motion.id


def test_section_coordinators_need_a_section(plant: Plant) -> None:
    with pytest.raises(TrainingError, match="needs the section"):
        record_term(
            plant.session,
            actor=plant.secretary,
            now=plant.now,
            role=TermRole.section_coordinator,
            member="0004",
            starts_on=date(2026, 3, 1),
        )
    record_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.section_coordinator,
        member="0004",
        starts_on=date(2026, 3, 1),
        section="Hornos",
    )
    [group] = rotation_report(plant.session, plant.now.date())
    assert group.section == "Hornos"
    # The pool is the section's active members only.
    assert set(group.rotation.eligible) == {"0004", "0005", "0006", "0007", "0008", "0009"}


# --- audit ------------------------------------------------------------------------------------------------


def test_every_change_is_audited(plant: Plant) -> None:
    held = _log(plant)
    record_attendance(
        plant.session,
        actor=plant.zofia,
        now=plant.now,
        training_session=held,
        members=["0004"],
        level=Level(2),
    )
    record_term(
        plant.session,
        actor=plant.secretary,
        now=plant.now,
        role=TermRole.treasurer,
        member="0001",
        starts_on=date(2026, 1, 1),
    )
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
