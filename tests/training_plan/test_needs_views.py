"""How a gap reads: one sentence, its causes as clauses; lapses or departures of one day in one clause."""

from __future__ import annotations

from datetime import date

from coop.training_plan.needs_views import Names, causes_text, gap_text
from coop.training_plan.types import CauseDetail, Gap, GapCause

TODAY = date(2026, 11, 25)
NAMES = Names(
    members={f"{i:04d}": f"Socia {i}" for i in range(1, 10)},
    skills={"CARGA": "Carga del horno"},
    centres={"HOR": "Horno túnel"},
    terms={("0009", date(2026, 6, 1)): "coordinator"},
)


def lapse(member: str, on: date) -> CauseDetail:
    return CauseDetail(GapCause.lapse, member, on)


def test_a_gap_reads_as_one_sentence_with_its_causes() -> None:
    gap = Gap(
        "CARGA",
        3,
        date(2027, 2, 1),
        2,
        1,
        (
            CauseDetail(GapCause.minimum, centre="HOR", needed=2),
            CauseDetail(GapCause.rotation, "0009", date(2026, 6, 1)),
            lapse("0001", date(2027, 1, 28)),
        ),
    )
    assert gap_text(gap, NAMES, TODAY) == (
        "2027-W05: Carga del horno (CARGA) at level 3 or above needs 2 qualified members, 1 available: "
        "Horno túnel (HOR) requires 2 members each week it works; Socia 9 is off the floor as coordinator "
        "since 2026-06-01; Socia 1's certification lapses on 2027-01-28."
    )


def test_lapses_of_one_day_are_one_clause_and_past_four_names_the_rest_are_counted() -> None:
    day = date(2026, 10, 23)
    assert causes_text((lapse("0001", day), lapse("0002", day)), NAMES, TODAY) == (
        "the certifications of Socia 1 and Socia 2 lapsed on 2026-10-23"
    )
    six = tuple(lapse(f"{i:04d}", day) for i in range(1, 7))
    assert causes_text(six, NAMES, TODAY) == (
        "the certifications of Socia 1, Socia 2, Socia 3, Socia 4 and 2 more lapsed on 2026-10-23"
    )
    other_day = (lapse("0001", day), lapse("0002", date(2026, 10, 24)))
    assert causes_text(other_day, NAMES, TODAY) == (
        "Socia 1's certification lapsed on 2026-10-23; Socia 2's certification lapsed on 2026-10-24"
    )


def test_departures_of_one_day_are_one_clause() -> None:
    day = date(2027, 1, 4)
    leaving = tuple(CauseDetail(GapCause.leaving, m, day) for m in ("0001", "0002", "0003"))
    assert (
        causes_text(leaving, NAMES, TODAY)
        == "Socia 1, Socia 2 and Socia 3 leave the cooperative on 2027-01-04"
    )
