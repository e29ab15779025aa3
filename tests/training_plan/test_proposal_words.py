"""Each gap of a proposal in one plain sentence, in English and in Spanish."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from coop.i18n import using
from coop.training_plan.proposal import propose
from coop.training_plan.proposal_inputs import Member, Proposal, Reason, Settings, Skill
from coop.training_plan.proposal_words import explain, reason_words, week_label
from coop.training_plan.types import Gap

MONDAY = date(2027, 1, 4)
KILN = Skill("kiln", "kiln operation")
ZOFIA = Member("0002", "Zofia Łukasiewicz", (("kiln", 4),))
RAMON = Member("0010", "Ramón Núñez", (("kiln", 2),))
ANA = Member("0011", "Ana Pérez", (("kiln", 2),))
NAMES = {m.reference: m.name for m in (ZOFIA, RAMON, ANA)}
SKILLS = {"kiln": "kiln operation"}


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n - 1)


def sentences(gaps: list[Gap], members: list[Member], language: str = "en") -> list[str]:
    proposal: Proposal = propose(gaps, members, [KILN], Settings(first_week=week(3)))
    with using(language):
        return [explain(o, proposal, NAMES, SKILLS) for o in proposal.outcomes]


def test_week_label_is_the_iso_week() -> None:
    assert (week_label(week(5)), week_label(date(2026, 12, 31))) == ("2027-W05", "2026-W53")


def test_closed_gap_names_week_sessions_trainer_trainees_and_hours() -> None:
    gap = Gap("kiln", 3, week(5), 3, 1, ())
    assert sentences([gap], [ZOFIA, RAMON, ANA]) == [
        "Gap 2027-W05 in kiln operation level 3: closed in 2027-W03 by sessions 1, 2 "
        "(Zofia Łukasiewicz teaches Ramón Núñez and Ana Pérez, 8 h)"
    ]
    assert sentences([gap], [ZOFIA, RAMON, ANA], "es") == [
        "Brecha 2027-W05 en kiln operation nivel 3: se cierra en 2027-W03 con las sesiones 1, 2 "
        "(Zofia Łukasiewicz capacita a Ramón Núñez y Ana Pérez, 8 h)"
    ]


def test_one_session_is_said_in_the_singular_and_hours_as_people_write_them() -> None:
    proposal = propose([Gap("kiln", 3, week(5), 2, 1, ())], [ZOFIA, RAMON], [KILN], Settings(week(3), 5, 1))
    with using("es"):
        said = explain(proposal.outcomes[0], proposal, NAMES, SKILLS)
    assert said.endswith("con la sesión 1 (Zofia Łukasiewicz capacita a Ramón Núñez, 5 h)")
    assert proposal.sessions[0].hours == Decimal(5)


def test_gap_that_cannot_be_closed_says_why() -> None:
    assert sentences([Gap("kiln", 3, week(5), 2, 1, ())], [RAMON]) == [
        "Gap 2027-W05 in kiln operation level 3: cannot be closed: "
        "nobody may teach it (no member at the teaching level, no outside trainer)"
    ]
    assert sentences([Gap("kiln", 3, week(3), 2, 1, ())], [ZOFIA, RAMON], "es") == [
        "Brecha 2027-W03 en kiln operation nivel 3: no se puede cerrar: "
        "no quedan suficientes días hábiles antes de 2027-W03"
    ]


def test_partly_closed_gap_says_how_many_more_and_why() -> None:
    gap = Gap("kiln", 3, week(5), 4, 1, ())
    assert sentences([gap], [ZOFIA, RAMON, ANA]) == [
        "Gap 2027-W05 in kiln operation level 3: partly closed in 2027-W03 by sessions 1, 2 "
        "(Zofia Łukasiewicz teaches Ramón Núñez and Ana Pérez, 8 h); 1 more cannot be trained in time: "
        "no other member below the level meets the prerequisites"
    ]


def test_gap_with_no_shortfall_has_nothing_to_close() -> None:
    assert sentences([Gap("kiln", 3, week(5), 1, 1, ())], [ZOFIA], "es") == [
        "Brecha 2027-W05 en kiln operation nivel 3: no hay nada que cerrar"
    ]


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_words_in_both_languages_naming_the_week_where_it_matters(reason: Reason) -> None:
    english = reason_words(reason, week(5))
    with using("es"):
        spanish = reason_words(reason, week(5))
    assert english and spanish and english != spanish
    dated = reason in (Reason.no_time, Reason.trainer_busy, Reason.overloaded)
    assert ("2027-W05" in english, "2027-W05" in spanish) == (dated, dated)
