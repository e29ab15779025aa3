"""The demo plant's skill catalogue and a year of training records, made through the Python API:
the trainers' outside certifications, the first courses, a census of skills, a year of sessions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from coop.api import Coop
from coop.demo.training_data import KINDS, OUTSIDE, PLACES, SKILLS, TRAINERS
from coop.i18n import _
from coop.members.models import Member
from coop.training.coverage import Level
from coop.training.history import level_in, unmet_prerequisites
from coop.training.models import SessionKind, Skill, TrainingSession


def add_skills(secretary: Coop) -> dict[str, Skill]:
    """The plant's 25 skills and their prerequisites, added by the secretary at her moment."""
    catalogue: dict[str, Skill] = {}
    for spec in SKILLS:
        catalogue[spec.code] = secretary.training.add_skill(
            spec.code,
            spec.name,
            category=spec.category,
            safety_critical=spec.safety_critical,
            certified=spec.validity_months is not None,
            validity_months=spec.validity_months,
            minimum_qualified=spec.minimum,
            qualifying_level=spec.qualifying_level,
        )
    for spec in SKILLS:
        for code, level in spec.prerequisites:
            secretary.training.add_prerequisite(catalogue[spec.code], catalogue[code], min_level=level)
    return catalogue


# Trainers whose year-long certificates are renewed before they lapse.
RENEWALS = (("0002", "HOR-QUEM"), ("0005", "SEG-INC"), ("0005", "LOG-AUTO"))


def certify_trainers(secretary: Coop, catalogue: dict[str, Skill], start: date) -> None:
    """Outside trainers certify the three trainers at level 4 (prerequisites first)."""
    order = [spec.code for spec in SKILLS]
    certified = [
        (number, code, start, _("Certified as a trainer"))
        for number, codes in TRAINERS.items()
        for code in sorted(codes, key=order.index)
    ]
    renewed = [(number, code, start + timedelta(days=350), _("Renewal")) for number, code in RENEWALS]
    for number, code, on, note in certified + renewed:
        secretary.training.record_assessment(
            number,
            catalogue[code],
            Level.CAN_TRAIN,
            assessed_on=on,
            outside_assessor=OUTSIDE[code],
            note=note,
        )


def initial_courses(
    secretary: Coop, catalogue: dict[str, Skill], active: list[Member], day: date, rng: random.Random
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
        kind = SessionKind.theory if level is None else SessionKind.exam
        held = _outside_course(secretary, catalogue[code], day, "4", kind)
        by_level: dict[Level, list[str]] = {}
        for member in chosen:
            assessed = level or Level(rng.choice((2, 2, 3, 3, 3)))
            by_level.setdefault(assessed, []).append(member.number or "")
        for assessed, numbers in sorted(by_level.items()):
            secretary.training.record_attendance(held, numbers, level=assessed)
        count += len(chosen)
        day += timedelta(days=7)
    forklift = [m for m in people if m.section == "Logística" or rng.random() < 0.1]
    held = _outside_course(secretary, catalogue["LOG-AUTO"], day + timedelta(days=20), "6", SessionKind.exam)
    secretary.training.record_attendance(held, [m.number or "" for m in forklift], level=Level.INDEPENDENT)
    return len(courses) + 1, count + len(forklift)


def _outside_course(
    secretary: Coop, skill: Skill, day: date, hours: str, kind: SessionKind
) -> TrainingSession:
    """A course given by the skill's outside trainer, in its section's place, logged by the secretary."""
    return secretary.training.log_session(
        skill,
        held_on=day,
        hours=hours,
        kind=kind,
        outside_trainer=OUTSIDE[skill.code],
        place=PLACES[skill.category],
    )


def skills_census(
    secretary: Coop, catalogue: dict[str, Skill], active: list[Member], day: date, rng: random.Random
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
            if not level or unmet_prerequisites(secretary.session, member, skill, when):
                continue
            trainer = _trainer_for(spec.code)
            secretary.training.record_assessment(
                member.number or "",
                skill,
                Level(level),
                assessed_on=when,
                assessor=trainer,
                outside_assessor=None if trainer else OUTSIDE[spec.code],
                note=_("Skills census"),
            )
            count += 1
    return count


def _trainer_for(code: str) -> str | None:
    return next((number for number, codes in TRAINERS.items() if code in codes), None)


def a_year_of_sessions(
    secretary: Coop, catalogue: dict[str, Skill], active: list[Member], today: date, rng: random.Random
) -> tuple[int, int, int]:
    """About two sessions a month; each one moves its attendees up a level, at most to 3."""
    session = secretary.session
    actors = {number: secretary.acting_as(number) for number in TRAINERS}
    sessions = attendances = assessments = 0
    day = today - timedelta(days=365)
    while day < today - timedelta(days=3):
        spec = rng.choice(SKILLS)
        skill = catalogue[spec.code]
        trainer = _trainer_for(spec.code)
        actor = actors[trainer] if trainer else secretary
        kind = rng.choice(KINDS)
        held = actor.training.log_session(
            skill,
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
            actor.training.record_attendance(held, numbers, level=new_level)
            attendances += len(numbers)
            assessments += len(numbers) if new_level is not None else 0
        if absent:
            actor.training.record_attendance(held, [m.number or "" for m in absent], present=False)
            attendances += 1
        day += timedelta(days=rng.randint(7, 14))
    return sessions, attendances, assessments
