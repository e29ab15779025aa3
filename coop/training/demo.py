"""Training records for the demo ceramics plant, made through the same services users call.

``build_training_demo`` expects the demo cooperative of :mod:`coop.demo`: member 0001 is the
secretary and 0002 Zofia Łukasiewicz (kilns), 0004 Inés Peña (glazing) and 0005 Óscar Muñoz
(maintenance) hold the trainer role. It adds a catalogue of 25 skills, outside certifications
that make the three trainers level 4, a year of sessions with attendance and assessed levels
(some certifications lapsed, some lapsing soon, two sessions planned ahead), the coordinators'
terms and a term limit. ``print_training_documents`` prints the skills matrix and the
coverage report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coop.i18n import _, for_the_record, ngettext
from coop.members import service as members
from coop.members.models import Member
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.history import level_in, unmet_prerequisites
from coop.training.models import SessionKind, Skill
from coop.training.picture import coverage_risk, expiring_certifications, training_picture
from coop.training.role_terms import record_term
from coop.training.sessions import log_session, record_attendance
from coop.training.skills import add_prerequisite, add_skill
from coop.training.terms import TermRole


@dataclass(frozen=True)
class DemoSkill:
    code: str
    name: str
    category: str
    safety_critical: bool = False
    validity_months: int | None = None  # certified skills only
    minimum: int = 2
    qualifying_level: int = 3
    prerequisites: tuple[tuple[str, int], ...] = ()
    section: str | None = None  # where most of the people who learn it work


SKILLS = (
    DemoSkill("SEG-EPP", "Equipos de protección personal", "Seguridad", True, None, 20, 2),
    DemoSkill("SEG-PRIM", "Primeros auxilios", "Seguridad", True, 24, 8),
    DemoSkill("SEG-INC", "Prevención y combate de incendios", "Seguridad", True, 12, 6),
    DemoSkill("HOR-CARGA", "Carga de vagonetas del horno túnel", "Hornos", True, None, 6, 3,
              (("SEG-EPP", 2),), "Hornos"),
    DemoSkill("HOR-QUEM", "Quemadores a gas del horno túnel", "Hornos", True, 12, 4, 3,
              (("HOR-CARGA", 2),), "Hornos"),
    DemoSkill("HOR-CURVA", "Curvas de cocción", "Hornos", False, None, 3, 3, (("HOR-CARGA", 3),), "Hornos"),
    DemoSkill("HOR-SEC", "Secaderos", "Hornos", False, None, 3, 3, (), "Hornos"),
    DemoSkill("PRE-OP", "Prensa hidráulica", "Prensas", True, None, 6, 3, (("SEG-EPP", 2),), "Prensas"),
    DemoSkill("PRE-MATR", "Cambio de matrices", "Prensas", True, None, 3, 3, (("PRE-OP", 3),), "Prensas"),
    DemoSkill("PRE-PAST", "Molienda y preparación de pastas", "Prensas", False, None, 3, 3, (), "Prensas"),
    DemoSkill("ESM-PREP", "Preparación de esmaltes", "Esmaltado", False, None, 3, 3, (), "Esmaltado"),
    DemoSkill("ESM-LIN", "Línea de esmaltado", "Esmaltado", False, None, 5, 3, (), "Esmaltado"),
    DemoSkill("ESM-SERI", "Decoración serigráfica", "Esmaltado", False, None, 2, 3,
              (("ESM-LIN", 2),), "Esmaltado"),
    DemoSkill("ESM-LAB", "Laboratorio de calidad", "Esmaltado", False, None, 2, 3, (), "Esmaltado"),
    DemoSkill("MAN-ELEC", "Mantenimiento eléctrico", "Mantenimiento", True, 36, 3, 3,
              (("SEG-EPP", 2),), "Mantenimiento"),
    DemoSkill("MAN-MEC", "Mantenimiento mecánico", "Mantenimiento", False, None, 4, 3, (), "Mantenimiento"),
    DemoSkill("MAN-SOLD", "Soldadura", "Mantenimiento", True, 24, 2, 3, (("SEG-INC", 2),), "Mantenimiento"),
    DemoSkill("MAN-NEUM", "Compresores y neumática", "Mantenimiento", False, None, 2, 3,
              (("MAN-MEC", 2),), "Mantenimiento"),
    DemoSkill("LOG-AUTO", "Autoelevador", "Logística", True, 12, 5, 3, (("SEG-EPP", 2),), "Logística"),
    DemoSkill("LOG-DESP", "Despacho y remitos", "Logística", False, None, 3, 3, (), "Logística"),
    DemoSkill("LOG-STOCK", "Control de stock", "Logística", False, None, 2, 3, (), "Logística"),
    DemoSkill("GES-VTAS", "Ventas y atención a clientes", "Gestión", False, None, 3, 3, (), "Administración"),
    DemoSkill("GES-PLAN", "Planificación de la producción", "Gestión", False, None, 2, 3, (),
              "Administración"),
    DemoSkill("GES-COMP", "Compras de insumos", "Gestión", False, None, 2, 3, (), "Administración"),
    DemoSkill("GES-ANT", "Liquidación de anticipos", "Gestión", False, None, 2, 3, (), "Administración"),
)

# Who teaches what: the three trainers, certified by outside trainers first.
TRAINERS = {
    "0002": ("SEG-EPP", "HOR-CARGA", "HOR-QUEM", "HOR-CURVA", "HOR-SEC", "PRE-PAST"),
    "0004": ("SEG-EPP", "ESM-PREP", "ESM-LIN", "ESM-SERI", "ESM-LAB", "LOG-DESP", "LOG-STOCK"),
    "0005": ("SEG-EPP", "SEG-PRIM", "SEG-INC", "MAN-ELEC", "MAN-MEC", "MAN-SOLD", "MAN-NEUM", "LOG-AUTO"),
}
OUTSIDE = {
    "SEG-EPP": "Aseguradora de Riesgos del Trabajo",
    "SEG-PRIM": "Cruz Roja Argentina, filial Neuquén",
    "SEG-INC": "Bomberos Voluntarios de Centenario",
    "HOR-CARGA": "Técnico del fabricante del horno",
    "HOR-QUEM": "Inspectora gasista matriculada",
    "HOR-CURVA": "Técnico del fabricante del horno",
    "HOR-SEC": "Técnico del fabricante del horno",
    "PRE-OP": "Técnico de servicio de prensas",
    "PRE-MATR": "Técnico de servicio de prensas",
    "PRE-PAST": "Universidad Nacional del Comahue",
    "ESM-PREP": "Universidad Nacional del Comahue",
    "ESM-LIN": "Universidad Nacional del Comahue",
    "ESM-SERI": "Universidad Nacional del Comahue",
    "ESM-LAB": "Universidad Nacional del Comahue",
    "MAN-ELEC": "Escuela Técnica N.º 9",
    "MAN-MEC": "Escuela Técnica N.º 9",
    "MAN-SOLD": "Escuela Técnica N.º 9",
    "MAN-NEUM": "Escuela Técnica N.º 9",
    "LOG-AUTO": "Centro de Formación Profesional 3",
    "LOG-DESP": "Federación de Cooperativas de Trabajo",
    "LOG-STOCK": "Federación de Cooperativas de Trabajo",
    "GES-VTAS": "Federación de Cooperativas de Trabajo",
    "GES-PLAN": "Federación de Cooperativas de Trabajo",
    "GES-COMP": "Federación de Cooperativas de Trabajo",
    "GES-ANT": "Federación de Cooperativas de Trabajo",
}
PLACES = {
    "Seguridad": "Comedor de la planta",
    "Hornos": "Nave de hornos",
    "Prensas": "Nave de prensas",
    "Esmaltado": "Línea de esmaltado",
    "Mantenimiento": "Taller de mantenimiento",
    "Logística": "Depósito",
    "Gestión": "Oficina de administración",
}
KINDS = (
    SessionKind.theory,
    SessionKind.practice,
    SessionKind.practice,
    SessionKind.shadowing,
    SessionKind.exam,
)


def build_training_demo(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Add the demo plant's skills, a year of training and the coordinators' terms; describe them."""
    secretary = members.Actor(members.find_member(session, "0001"))
    today = now.date()
    start = today - timedelta(days=430)
    # The notes of sessions and assessments are stored: in the cooperative's language.
    with for_the_record(session):
        catalogue = _add_skills(session, secretary, now - timedelta(days=440))
        _certify_trainers(session, secretary, catalogue, start, now)
        active = [m for m in members.list_members(session) if m.number]
        first_sessions, trained = _initial_courses(
            session, secretary, catalogue, active, start + timedelta(days=25), now, rng
        )
        census = _skills_census(session, secretary, catalogue, active, start + timedelta(days=40), now, rng)
        sessions, attendees, assessments = _a_year_of_sessions(
            session, secretary, catalogue, active, today, now, rng
        )
        planned = _plan_ahead(session, catalogue, today, now)
        terms = _terms(session, secretary, today, now)
    picture = training_picture(session, today)
    expired = sum(1 for level in picture.levels.values() if level.expired)
    soon = sum(len(items) for items in expiring_certifications(picture).values())
    risk = coverage_risk(picture)
    below = sum(1 for item in risk if item.below_minimum)
    one_absence = sum(1 for item in risk if item.status.value == "one_absence")
    return [
        _(
            "Training: {skills} skills in {categories} categories; the three trainers certified at level 4 "
            "by outside trainers."
        ).format(skills=len(catalogue), categories=len({s.category for s in catalogue.values()})),
        _(
            "{sessions} training sessions held ({planned} more planned), "
            "{attendees} attendances, "
            "{assessments} assessments; {courses} members took the first safety courses and {census} levels "
            "were recorded in the first skills census."
        ).format(
            sessions=first_sessions + sessions,
            planned=planned,
            attendees=attendees + trained,
            assessments=assessments + trained,
            courses=len({m.id for m in active}) - len(TRAINERS),
            census=census,
        ),
        _("{expired} certifications have lapsed and {soon} lapse within 90 days; {below}, {one}.").format(
            expired=expired,
            soon=soon,
            below=ngettext(
                "{count} skill is below its minimum", "{count} skills are below their minimum", below
            ).format(count=below),
            one=ngettext(
                "{count} skill is one absence away from it",
                "{count} skills are one absence away from it",
                one_absence,
            ).format(count=one_absence),
        ),
        _("Rotation: {terms} coordination terms recorded; bylaw term_limit.coordinator is 2 terms.").format(
            terms=terms
        ),
    ]


def print_training_documents(session: Session, directory: Path, *, on: date) -> list[str]:
    """Print the skills matrix and the coverage report into ``directory``; describe what was written."""
    from coop.reports.render import write_document
    from coop.training.reports import coverage_document, skills_matrix_document

    matrix = write_document(
        directory / "skills-matrix.pdf",
        "skills_matrix.html.j2",
        matrix=skills_matrix_document(session, on=on),
    )
    report = write_document(
        directory / "training-coverage.pdf",
        "training_coverage.html.j2",
        coverage=coverage_document(session, on=on),
    )
    return [
        _("Printed the skills matrix: {file}").format(file=matrix),
        _("Printed the training coverage report: {file}").format(file=report),
    ]


def _add_skills(session: Session, secretary: members.Actor, when: datetime) -> dict[str, Skill]:
    catalogue: dict[str, Skill] = {}
    for spec in SKILLS:
        catalogue[spec.code] = add_skill(
            session,
            actor=secretary,
            now=when,
            code=spec.code,
            name=spec.name,
            category=spec.category,
            safety_critical=spec.safety_critical,
            certified=spec.validity_months is not None,
            validity_months=spec.validity_months,
            minimum_qualified=spec.minimum,
            qualifying_level=spec.qualifying_level,
        )
    for spec in SKILLS:
        for code, level in spec.prerequisites:
            add_prerequisite(
                session,
                actor=secretary,
                now=when,
                skill=catalogue[spec.code],
                requires=catalogue[code],
                min_level=level,
            )
    return catalogue


def _certify_trainers(
    session: Session, secretary: members.Actor, catalogue: dict[str, Skill], start: date, now: datetime
) -> None:
    """Outside trainers certify the three trainers at level 4 (prerequisites first)."""
    order = [spec.code for spec in SKILLS]
    for number, codes in TRAINERS.items():
        for code in sorted(codes, key=order.index):
            record_assessment(
                session,
                actor=secretary,
                now=now,
                member=number,
                skill=catalogue[code],
                level=Level.CAN_TRAIN,
                assessed_on=start,
                outside_assessor=OUTSIDE[code],
                note=_("Certified as a trainer"),
            )
    # Certificates valid for a year are renewed before they lapse.
    for number, code in (("0002", "HOR-QUEM"), ("0005", "SEG-INC"), ("0005", "LOG-AUTO")):
        record_assessment(
            session,
            actor=secretary,
            now=now,
            member=number,
            skill=catalogue[code],
            level=Level.CAN_TRAIN,
            assessed_on=start + timedelta(days=350),
            outside_assessor=OUTSIDE[code],
            note=_("Renewal"),
        )


def _initial_courses(
    session: Session,
    secretary: members.Actor,
    catalogue: dict[str, Skill],
    active: list[Member],
    day: date,
    now: datetime,
    rng: random.Random,
) -> tuple[int, int]:
    """Protective equipment for everyone, fire and forklift courses by outside trainers (now lapsing).

    Returns the number of sessions and of members assessed in them.
    """
    trainers = set(TRAINERS)
    people = [m for m in active if m.number not in trainers]
    count = 0
    courses = (
        ("SEG-EPP", 1.0, None),
        ("SEG-INC", 0.35, Level.INDEPENDENT),
        ("SEG-PRIM", 0.12, Level.INDEPENDENT),
    )
    for code, share, level in courses:
        chosen = [m for m in people if rng.random() < share]
        held = log_session(
            session,
            actor=secretary,
            now=now,
            skill=catalogue[code],
            held_on=day,
            hours="4",
            kind=SessionKind.theory if level is None else SessionKind.exam,
            outside_trainer=OUTSIDE[code],
            place=PLACES[catalogue[code].category],
        )
        by_level: dict[Level, list[str]] = {}
        for member in chosen:
            assessed = level or Level(rng.choice((2, 2, 3, 3, 3)))
            by_level.setdefault(assessed, []).append(member.number or "")
        for assessed, numbers in sorted(by_level.items()):
            record_attendance(
                session, actor=secretary, now=now, training_session=held, members=numbers, level=assessed
            )
        count += len(chosen)
        day += timedelta(days=7)
    forklift = [m for m in people if m.section == "Logística" or rng.random() < 0.1]
    held = log_session(
        session,
        actor=secretary,
        now=now,
        skill=catalogue["LOG-AUTO"],
        held_on=day + timedelta(days=20),
        hours="6",
        kind=SessionKind.exam,
        outside_trainer=OUTSIDE["LOG-AUTO"],
        place=PLACES["Logística"],
    )
    record_attendance(
        session,
        actor=secretary,
        now=now,
        training_session=held,
        members=[m.number or "" for m in forklift],
        level=Level.INDEPENDENT,
    )
    return len(courses) + 1, count + len(forklift)


def _skills_census(
    session: Session,
    secretary: members.Actor,
    catalogue: dict[str, Skill],
    active: list[Member],
    day: date,
    now: datetime,
    rng: random.Random,
) -> int:
    """What people already knew when the records started, assessed by the trainers in each section.

    Certificates valid for a year were checked over four months, so some have lapsed by now and
    some lapse in the coming weeks.
    """
    count = 0
    for spec in SKILLS:
        skill = catalogue[spec.code]
        for member in active:
            if member.number in TRAINERS or spec.section is None or member.section != spec.section:
                continue
            roll = rng.random()
            level = 3 if roll < 0.5 else 2 if roll < 0.7 else 1 if roll < 0.8 else 0
            when = day + timedelta(days=rng.randint(0, 120)) if spec.validity_months == 12 else day
            if not level or unmet_prerequisites(session, member, skill, when):
                continue
            trainer = _trainer_for(spec.code)
            record_assessment(
                session,
                actor=secretary,
                now=now,
                member=member.number or "",
                skill=skill,
                level=Level(level),
                assessed_on=when,
                assessor=trainer,
                outside_assessor=None if trainer else OUTSIDE[spec.code],
                note=_("Skills census"),
            )
            count += 1
    return count


def _trainer_for(code: str) -> str | None:
    return next((number for number, codes in TRAINERS.items() if code in codes), None)


def _a_year_of_sessions(
    session: Session,
    secretary: members.Actor,
    catalogue: dict[str, Skill],
    active: list[Member],
    today: date,
    now: datetime,
    rng: random.Random,
) -> tuple[int, int, int]:
    """About two sessions a month; each one moves its attendees up a level, at most to 3."""
    actors = {number: members.Actor(members.find_member(session, number)) for number in TRAINERS}
    sessions = attendances = assessments = 0
    day = today - timedelta(days=365)
    while day < today - timedelta(days=3):
        spec = rng.choice(SKILLS)
        skill = catalogue[spec.code]
        trainer = _trainer_for(spec.code)
        actor = actors[trainer] if trainer else secretary
        kind = rng.choice(KINDS)
        held = log_session(
            session,
            actor=actor,
            now=now,
            skill=skill,
            held_on=day,
            hours=rng.choice(("2", "3", "4", "6")),
            kind=kind,
            trainer=trainer,
            outside_trainer=None if trainer else OUTSIDE[spec.code],
            place=PLACES[spec.category],
        )
        sessions += 1
        candidates = [
            m
            for m in active
            if m.number not in TRAINERS
            and (m.section == spec.section or spec.section is None or rng.random() < 0.08)
            and not unmet_prerequisites(session, m, skill, day)
        ]
        rng.shuffle(candidates)
        group = candidates[: rng.randint(3, 8)]
        absent = group[-1:] if len(group) > 4 else []
        by_level: dict[Level | None, list[str]] = {}
        for member in group[: len(group) - len(absent)]:
            current = level_in(session, member, skill, day).level
            if kind is SessionKind.theory:
                new_level: Level | None = None
            else:
                new_level = Level(min(max(current + 1, 1), 3))
            by_level.setdefault(new_level, []).append(member.number or "")
        for new_level, numbers in by_level.items():
            record_attendance(
                session, actor=actor, now=now, training_session=held, members=numbers, level=new_level
            )
            attendances += len(numbers)
            assessments += len(numbers) if new_level is not None else 0
        if absent:
            record_attendance(
                session,
                actor=actor,
                now=now,
                training_session=held,
                members=[m.number or "" for m in absent],
                present=False,
            )
            attendances += 1
        day += timedelta(days=rng.randint(7, 14))
    return sessions, attendances, assessments


def _plan_ahead(session: Session, catalogue: dict[str, Skill], today: date, now: datetime) -> int:
    zofia = members.Actor(members.find_member(session, "0002"))
    oscar = members.Actor(members.find_member(session, "0005"))
    log_session(
        session,
        actor=zofia,
        now=now,
        skill=catalogue["HOR-QUEM"],
        held_on=today + timedelta(days=9),
        hours="4",
        kind=SessionKind.exam,
        place=PLACES["Hornos"],
        planned=True,
        note=_("Recertification of the burner operators"),
    )
    log_session(
        session,
        actor=oscar,
        now=now,
        skill=catalogue["SEG-INC"],
        held_on=today + timedelta(days=16),
        hours="3",
        kind=SessionKind.practice,
        place=PLACES["Seguridad"],
        planned=True,
    )
    return 2


def _terms(session: Session, secretary: members.Actor, today: date, now: datetime) -> int:
    members.set_bylaw(
        session,
        actor=secretary,
        now=now,
        key="term_limit.coordinator",
        value="2 terms",
        article="Estatuto, art. 47",
    )
    def march(years_ago: int) -> date:
        return date(today.year - years_ago, 3, 1)

    def last_day_before(day: date) -> date:
        return day - timedelta(days=1)

    terms = [
        (TermRole.coordinator, "0002", march(4), last_day_before(march(3)), None),
        (TermRole.coordinator, "0002", march(3), last_day_before(march(2)), None),
        (TermRole.coordinator, "0003", march(2), last_day_before(march(1)), None),
        (TermRole.coordinator, "0003", march(1), None, None),
        (TermRole.section_coordinator, "0004", march(2), None, "Esmaltado"),
        (TermRole.treasurer, "0001", march(2), None, None),
    ]
    for role, number, starts_on, ends_on, section in terms:
        record_term(
            session,
            actor=secretary,
            now=now,
            role=role,
            member=number,
            starts_on=starts_on,
            ends_on=ends_on,
            section=section,
        )
    return len(terms)
