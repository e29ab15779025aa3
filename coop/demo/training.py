"""Training records for the demo ceramics plant, made through the Python API (:mod:`coop.api`).

``build_training_demo`` expects the demo cooperative of :mod:`coop.demo`: member 0001 is the
secretary and 0002 Zofia Łukasiewicz (kilns), 0004 Inés Peña (glazing) and 0005 Óscar Muñoz
(maintenance) hold the trainer role. It adds a catalogue of 25 skills, outside certifications
that make the three trainers level 4, a year of sessions with attendance and assessed levels
(some certifications lapsed, some lapsing soon, two sessions planned ahead), the coordinators'
terms and a term limit. ``print_training_documents`` prints the skills matrix and the
coverage report.

The plant's training as data lives in :mod:`coop.demo.training_data`; the catalogue and the
year of records are made in :mod:`coop.demo.training_records`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.demo.members import SECRETARY
from coop.demo.training_data import PLACES, TRAINERS
from coop.demo.training_records import (
    a_year_of_sessions,
    add_skills,
    certify_trainers,
    initial_courses,
    skills_census,
)
from coop.i18n import _, for_the_record, ngettext
from coop.rules.terms import TermRole
from coop.training.models import SessionKind, Skill
from coop.training.picture import coverage_risk, expiring_certifications, training_picture


def build_training_demo(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Add the demo plant's skills, a year of training and the coordinators' terms; describe them."""
    secretary = Coop(session, actor=SECRETARY, now=now)
    today = now.date()
    start = today - timedelta(days=430)
    # The notes of sessions and assessments are stored: in the cooperative's language.
    with for_the_record(session):
        catalogue = add_skills(secretary.at(now - timedelta(days=440)))
        certify_trainers(secretary, catalogue, start)
        active = [m for m in secretary.members.list_members() if m.number]
        first_sessions, trained = initial_courses(
            secretary, catalogue, active, start + timedelta(days=25), rng
        )
        census = skills_census(secretary, catalogue, active, start + timedelta(days=40), rng)
        sessions, attendees, assessments = a_year_of_sessions(secretary, catalogue, active, today, rng)
        planned = _plan_ahead(secretary, catalogue, today)
        terms = _terms(secretary, today)
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
    reader = Coop(session, now=datetime.combine(on, time()))
    matrix = reader.training.write_skills_matrix(directory / "skills-matrix.pdf", on=on)
    report = reader.training.write_coverage_report(directory / "training-coverage.pdf", on=on)
    return [
        _("Printed the skills matrix: {file}").format(file=matrix),
        _("Printed the training coverage report: {file}").format(file=report),
    ]


def _plan_ahead(secretary: Coop, catalogue: dict[str, Skill], today: date) -> int:
    """Two sessions put on the calendar ahead of their day."""
    # trainer, skill, days ahead, hours, kind, place, note
    planned = [
        (
            "0002",
            "HOR-QUEM",
            9,
            "4",
            SessionKind.exam,
            "Hornos",
            _("Recertification of the burner operators"),
        ),
        ("0005", "SEG-INC", 16, "3", SessionKind.practice, "Seguridad", None),
    ]
    for trainer, code, days, hours, kind, place, note in planned:
        secretary.acting_as(trainer).training.log_session(
            catalogue[code],
            held_on=today + timedelta(days=days),
            hours=hours,
            kind=kind,
            place=PLACES[place],
            planned=True,
            note=note,
        )
    return len(planned)


def _terms(secretary: Coop, today: date) -> int:
    """The coordinators' terms of the last four years, under a limit of two terms in a row."""
    secretary.bylaws.set_bylaw("term_limit.coordinator", "2 terms", article="Estatuto, art. 47")

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
        secretary.training.record_term(role, number, starts_on=starts_on, ends_on=ends_on, section=section)
    return len(terms)
