"""The printed training plan (``coop training plan report``): what it says, against the plan's data.

The model's rules, stated plainly and checked on literal data: consecutive weeks of a gap told alike
share a line; the calendar runs from the first session (or the plan's start) to the plan's last
week, weeks without sessions in a row being one line; a trainee's or trainer's hours are those of
their sessions; coverage before/after is, in the last week a skill is short, the members available
without the plan and those available once the trainees it certifies in time are added.

Then on the tile plant of tests.factories.plans (see test_plans_cli.py: one session step takes 0005
to level 3 in HOR-CARGA before the gaps of 2026-W49 and 2026-W50, 3 needed, 2 available): the
document's content against ``show``, the approved plan reprinted byte for byte, the progress once a
session is held, the PDF rendered to PNG, Spanish headings, and bad input refused in one sentence.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from coop import db
from coop.api import Coop
from coop.reports.training_plan_model import PlanSource, build_report
from coop.training.coverage import Level
from coop.training_plan.models import TrainingPlan
from tests.factories.context import FIXED_NOW
from tests.factories.training_plans import PlantProgram as Plant

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


# --- the model, on literal data --------------------------------------------------------------------


def _session(
    number: int, day: str, skill: str, level: int, trainer: str, trainees: list[str]
) -> dict[str, Any]:
    return {
        "number": number,
        "skill": skill,
        "skill_name": {"PRE": "Prensa", "HOR": "Horno túnel"}[skill],
        "level": level,
        "day": day,
        "week": date.fromisoformat(day).strftime("%G-W%V"),
        "hours": "4.00",
        "trainer": trainer,
        "trainer_name": f"Capacitadora {trainer}",
        "trainees": trainees,
        "trainee_names": [f"Socia {t}" for t in trainees],
    }


def _gap(skill: str, week: str, available: int, still_short: int, status: str, text: str) -> dict[str, Any]:
    return {
        "skill": skill,
        "level": 3,
        "week": week,
        "needed": 4,
        "available": available,
        "still_short": still_short,
        "status": status,
        "text": text,
    }


LITERAL = {
    "id": 7,
    "name": "Otoño",
    "starts_on": "2027-01-04",  # 2027-W01
    "weeks": 6,  # to 2027-W06
    "status": "draft",
    "approved_hash": None,
    "sessions": [
        _session(1, "2026-12-29", "PRE", 3, "0010", ["0020", "0021"]),  # 2026-W53, before the plan
        _session(2, "2026-12-30", "PRE", 3, "0010", ["0020", "0021"]),
        _session(3, "2027-01-12", "HOR", 2, "0011", ["0020"]),  # 2027-W02
    ],
    "gaps": [
        _gap("PRE", "2027-01-04", 2, 0, "closed", "Gap 2027-W01 in Prensa level 3: closed in 2026-W53 by …"),
        _gap("PRE", "2027-01-11", 2, 0, "closed", "Gap 2027-W02 in Prensa level 3: closed in 2026-W53 by …"),
        _gap("PRE", "2027-01-25", 2, 0, "closed", "Gap 2027-W04 in Prensa level 3: closed in 2026-W53 by …"),
        _gap("HOR", "2027-01-04", 1, 3, "open", "Gap 2027-W01 in Horno túnel level 3: cannot be closed: x"),
        _gap("HOR", "2027-02-08", 2, 1, "partly", "Gap 2027-W06 in Horno túnel level 3: partly closed …"),
    ],
}


def _literal_report(**extra: Any) -> Any:
    return build_report(
        PlanSource(
            cooperative="Cooperativa Núñez",
            language="en",
            today=date(2026, 12, 1),
            plan=LITERAL,
            created_by="Zofia Łukasiewicz (#0002)",
            created_on=date(2026, 12, 1),
            **extra,
        )
    )


def test_consecutive_weeks_told_alike_share_a_line_and_a_skipped_week_starts_another() -> None:
    causes = {
        ("PRE", 3, w): "the plans' load needs 4 members" for w in ("2027-01-04", "2027-01-11", "2027-01-25")
    }
    report = _literal_report(causes=causes)
    rows = [(g.skill, g.weeks, g.week_count, g.qualified, g.needed, g.status) for g in report.gaps]
    assert rows == [
        ("HOR", "2027-W01", 1, 1, 4, "open"),
        ("HOR", "2027-W06", 1, 2, 4, "partly"),
        ("PRE", "2027-W01 to 2027-W02", 2, 2, 4, "closed"),
        ("PRE", "2027-W04", 1, 2, 4, "closed"),
    ]
    pre = report.gaps[2:]
    assert pre[0].cause == "the plans' load needs 4 members" and not pre[0].cause_as_above
    assert pre[1].cause_as_above and pre[1].plan_as_above  # told as in the line above
    assert pre[0].plan_text == "in 2026-W53 by …"  # the head and the status are the row's own columns
    assert report.gaps[0].plan_text == "x" and report.gaps[0].cause == ""


def test_the_calendar_runs_from_the_first_session_to_the_plans_last_week() -> None:
    report = _literal_report()
    weeks = [(w.week, len(w.sessions), w.hours, w.in_plan) for w in report.calendar]
    assert weeks == [
        ("2026-W53", 2, "8", False),  # held before the plan's first week
        ("2027-W01", 0, "", True),
        ("2027-W02", 1, "4", True),
        ("2027-W03 to 2027-W06", 0, "", True),  # weeks without sessions in a row: one line
    ]
    first = report.calendar[0].sessions[0]
    assert (first.weekday, first.day, first.trainer, first.trainees) == (
        "Tue",
        "29",
        "Capacitadora 0010",
        "Socia 0020, Socia 0021",
    )
    assert report.session_count == 3 and report.hours == "12"


def test_trainees_and_trainers_count_the_hours_of_their_sessions() -> None:
    report = _literal_report()
    assert [(p.reference, p.sessions, p.hours, p.skills) for p in report.trainees] == [
        ("0020", 3, "12", "Horno túnel (level 2); Prensa (level 3)"),
        ("0021", 2, "8", "Prensa (level 3)"),
    ]
    assert [(p.reference, p.sessions, p.hours) for p in report.trainers] == [
        ("0010", 2, "8"),
        ("0011", 1, "4"),
    ]


def test_coverage_before_and_after_in_the_last_week_a_skill_is_short() -> None:
    report = _literal_report()
    rows = [(c.skill, c.week, c.before, c.after, c.needed) for c in report.coverage]
    # HOR in 2027-W06: 2 available, 4 needed, 1 still short after the plan -> 3
    # PRE in 2027-W04: 2 available, closed -> all 4
    assert rows == [("HOR", "2027-W06", 2, 3, 4), ("PRE", "2027-W04", 2, 4, 4)]
    assert report.coverage_svg.startswith("<svg") and "Horno túnel, level 3, 2027-W06" in report.coverage_svg


# --- on the tile plant -----------------------------------------------------------------------------


def _propose(plant: Plant) -> dict[str, Any]:
    result = plant("training", "plan", "propose", "--name", "Verano", "--from", "2026-W49")
    assert result.exit_code == 0, result.output
    return plant.json("training", "plan", "show", "1")


def _report(plant: Plant) -> Any:
    with Coop.open(plant.url, now=FIXED_NOW) as c:
        return c.training_plans.report(1)


def test_the_document_holds_every_session_and_gap_of_the_plan(plant: Plant) -> None:
    shown = _propose(plant)
    report = _report(plant)
    assert (report.label, report.status, report.approved_hash) == ("#1 Verano", "draft", None)
    assert report.period == "2026-W49 to 2027-W08" and report.weeks == 13  # 2026 has a W53
    printed = [s for week in report.calendar for s in week.sessions]
    assert [(s.number, s.trainer, s.trainees, s.hours) for s in printed] == [
        (s["number"], s["trainer_name"], ", ".join(s["trainee_names"]), "4") for s in shown["sessions"]
    ]
    assert report.calendar[0].week == "2026-W48" and not report.calendar[0].in_plan
    assert all(s.place == "Horno túnel" for s in printed)  # the kiln's routing needs the skill taught
    # both gaps (2026-W49 and 2026-W50: 2 of 3 qualified) are closed by the same sessions: one line
    assert [(g.weeks, g.qualified, g.needed, g.status) for g in report.gaps] == [
        ("2026-W49 to 2026-W50", 2, 3, "closed")
    ]
    assert "HORNO" in report.gaps[0].cause  # the kiln's load is why the plant is short
    assert [(c.skill, c.before, c.after, c.needed) for c in report.coverage] == [("HOR-CARGA", 2, 3, 3)]
    assert [(p.reference, p.sessions, p.hours) for p in report.trainees] == [("0005", 2, "8")]
    assert report.progress is None


def test_an_approved_plan_prints_its_decision_and_hash_and_reprints_identically(
    plant: Plant,
    tmp_path: Path,
) -> None:
    _propose(plant)
    plant.approve()
    shown = plant.json("training", "plan", "show", "1")
    report = _report(plant)
    assert report.status == "approved" and report.approved_hash == shown["approved_hash"]
    assert report.approval is not None and report.approval.adopted
    assert (report.approval.yes, report.approval.no) == (20, 3)
    assert report.approval.assembly.startswith("Assembly 1, ")
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    said = plant("training", "plan", "report", "1", "--out", str(first))
    assert said.stdout.strip() == f"Wrote training plan #1 Verano as the assembly approved it to {first}."
    plant("training", "plan", "report", "1", "--out", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert shown["approved_hash"] in first.read_text(encoding="utf-8")

    with db.session_scope(db.engine_for(plant.url)) as session:
        session.execute(update(TrainingPlan).values(approved_snapshot=TrainingPlan.approved_snapshot + " "))
    altered = plant("training", "plan", "report", "1", "--out", str(tmp_path / "altered.pdf"))
    assert altered.exit_code == 1 and not (tmp_path / "altered.pdf").exists()
    assert altered.stderr.strip() == (
        "Error: The stored approved version of training plan #1 Verano does not match its hash; it was "
        "altered after the approval. Check the database with: coop audit verify"
    )


def test_a_held_session_prints_the_progress(plant: Plant) -> None:
    shown = _propose(plant)
    plant.approve()
    plant.assess(shown["sessions"][0]["trainer"], Level.CAN_TRAIN)  # training log asks a trainer for it
    held = plant("training", "log", "--from-plan", "1:1", "--date", "2026-11-25", actor="0001")
    assert held.exit_code == 0, held.output
    report = _report(plant)
    assert report.progress is not None
    assert (report.progress.sessions_planned, report.progress.sessions_held) == (2, 1)
    assert (report.progress.gaps_closed, report.progress.gaps_open) == (0, 2)  # 0005 not assessed yet
    first, second = report.calendar[0].sessions
    assert first.was_held and first.held == "held on 25 November 2026; 0 of 1 assessed at level 3"
    assert not second.was_held and second.held == "not held yet"
    assert report.gaps[0].qualified_now == "2"


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_renders_with_its_pages_numbered(plant: Plant, tmp_path: Path) -> None:
    _propose(plant)
    out = tmp_path / "plan.pdf"
    said = plant("training", "plan", "report", "1", "--out", str(out))
    assert said.exit_code == 0, said.output
    assert said.stdout.strip() == f"Wrote training plan #1 Verano to {out}."
    pages, text = _pdf_text(out)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Training plan: Verano" in text and "Zofia Łukasiewicz" in text and "Socio 0005" in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    ARTEFACTS.mkdir(exist_ok=True)
    prefix = ARTEFACTS / "training-plan"
    for old in ARTEFACTS.glob("training-plan-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(out), str(prefix)], check=True)
    assert len(list(ARTEFACTS.glob("training-plan-*.png"))) == pages


def test_a_spanish_cooperative_gets_its_plan_in_spanish(plant: Plant, tmp_path: Path) -> None:
    with Coop.open(plant.url, actor="0001", now=FIXED_NOW) as c:
        c.cooperative.set_cooperative_language("es")
    _propose(plant)
    out = tmp_path / "plan.pdf"
    said = plant("training", "plan", "report", "1", "--out", str(out), lang="es")
    assert said.stdout.strip() == f"Se escribió el plan de capacitación #1 Verano en {out}."
    pages, text = _pdf_text(out)
    assert f"Página 1 de {pages}" in text
    for heading in (
        "Plan de capacitación: Verano",
        "BRECHAS",
        "SESIONES, SEMANA POR SEMANA",
        "CAPACITADORES",
    ):
        assert heading in text
    assert "se cierra" in text.casefold() and "Carga de vagonetas" in text
    html = tmp_path / "plan.html"
    plant("training", "plan", "report", "1", "--out", str(html), lang="en")  # the document keeps Spanish
    assert "Cobertura antes y después del plan" in html.read_text(encoding="utf-8")


def test_bad_input_is_refused_in_one_sentence_and_nothing_is_written(
    plant: Plant,
    tmp_path: Path,
) -> None:
    _propose(plant)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    unknown = plant("training", "plan", "report", "9", "--out", str(tmp_path / "plan.pdf"))
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert (
        unknown.stderr.strip()
        == "Error: There is no training plan '9'; see them with: coop training plan list"
    )
    suffix = plant("training", "plan", "report", "1", "--out", str(tmp_path / "plan.txt"))
    assert suffix.exit_code == 1 and suffix.stdout == ""
    assert (
        suffix.stderr.strip() == "Error: Cannot write plan.txt: a document must end in .pdf, .html or .htm."
    )
    assert list(tmp_path.iterdir()) == []
    with db.session_scope(db.engine_for(plant.url)) as session:
        assert session.scalars(select(TrainingPlan)).one().status.value == "draft"
    assert (
        json.loads(plant("training", "plan", "list", "--format", "json").stdout)["training_plans"][0]["id"]
        == 1
    )
