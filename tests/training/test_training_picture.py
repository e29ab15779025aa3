"""Rules the training reports apply, held by the services (they once lived in the CLI's commands)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from coop.training.assessments import record_assessment
from coop.training.coverage import CoverageStatus, Level
from coop.training.models import SessionKind
from coop.training.picture import certifications_lapsing, hours_over_period, skill_standing
from coop.training.sessions import log_session, record_attendance
from coop.training.views import attended_hours
from tests.factories.training import Plant


def test_hours_cover_the_year_up_to_today_unless_a_period_is_given(plant: Plant) -> None:
    today = date(2026, 11, 25)
    report = hours_over_period(plant.session, today=today)
    assert (report.start, report.end) == (today - timedelta(days=364), today)
    only_end = hours_over_period(plant.session, today=today, end=date(2026, 6, 30))
    assert (only_end.start, only_end.end) == (date(2025, 7, 1), date(2026, 6, 30))
    only_start = hours_over_period(plant.session, today=today, start=date(2026, 1, 1))
    assert (only_start.start, only_start.end) == (date(2026, 1, 1), today)


def test_an_attendee_is_credited_the_session_hours_unless_fewer_were_recorded(plant: Plant) -> None:
    held = plant.acting(plant.zofia)(
        log_session,
        skill=plant.epp,
        held_on=date(2026, 11, 2),
        hours="3",
        kind=SessionKind.practice,
    )
    whole = plant.acting(plant.zofia)(record_attendance, training_session=held, members=["0004"])
    part = plant.acting(plant.zofia)(record_attendance, training_session=held, members=["0005"], hours="1.5")
    away = plant.acting(plant.zofia)(
        record_attendance,
        training_session=held,
        members=["0006"],
        present=False,
    )
    assert attended_hours(whole[0].attendance) == Decimal("3")
    assert attended_hours(part[0].attendance) == Decimal("1.5")
    assert attended_hours(away[0].attendance) is None


def test_a_skill_standing_names_who_is_qualified_and_who_is_in_training(plant: Plant) -> None:
    plant.acting(plant.zofia)(
        record_assessment,
        member="0004",
        skill=plant.loading,
        level=Level.SUPERVISED,
        assessed_on=date(2026, 11, 1),
    )
    standing = skill_standing(plant.session, "hor-carga", date(2026, 11, 25))
    assert standing.skill == plant.loading
    assert [standing.picture.member(key).label for key in standing.risk.qualified] == [
        "Zofia Łukasiewicz (#0002)"
    ]
    assert standing.risk.status is CoverageStatus.OK  # HOR-CARGA asks for no minimum
    assert [standing.picture.member(key).label for key in standing.pipeline.members] == [
        "Óscar Muñoz (#0004)"
    ]
    assert standing.sessions == 0


def test_certifications_lapsing_are_put_in_the_first_window_that_holds_them(plant: Plant) -> None:
    # Zofia's burner certification, made on 2026-01-05 for 12 months, lapses on 2027-01-05.
    picture, windows = certifications_lapsing(plant.session, date(2026, 12, 1), 45)
    assert list(windows) == [30, 45]
    assert windows[30] == []
    assert [(picture.member(item.member).label, item.skill) for item in windows[45]] == [
        ("Zofia Łukasiewicz (#0002)", "HOR-QUEM")
    ]
