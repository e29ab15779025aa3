"""``coop master report``: the printed master plan, checked against the rules and the plant's figures.

The tile plant (tests.factories.plans): the kiln HORNO gives 12 h an open day, a tile (BALD-30)
takes 3 minutes there. The demand is 1000 tiles a month from January to June 2027 with 9000 in
April, and a firm order of 1500 in February (above that month's forecast). So:

* chasing demand makes 1000 + 1500 + 1000 + 9000 + 1000 + 1000 = 14500 tiles; April loads the kiln
  with 9000 × 3 / 60 = 450 h for 22 weekdays × 12 h = 264 h, 170.5 %;
* level production makes 12500 / 4 = 3125 tiles every month (the most that the months up to April
  ask on average), 18750 in all, and ends with 18750 − 14500 = 4250 tiles in stock.

The PDFs and their PNGs land in tests/artefacts/ so that a person can look at them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from coop import db
from coop.master.mps import ScheduleRow
from coop.master.report_data import master_plan_report
from coop.master.roughcut import CentreMonth, SkillMonth
from coop.master.scenarios import find_master_plan
from coop.reports import render
from coop.reports.master_model import DecisionLine, PlanFacts, ScenarioFigures, build_master_report
from tests.factories.context import FIXED_NOW
from tests.factories.master import add_april_peak, tile_plant_cli
from tests.factories.programs import Cli
from tests.reports.layout import text_running_over

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


@pytest.fixture
def plant_cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    return add_april_peak(tile_plant_cli(sqlite_url, monkeypatch))


def _scenarios(cli: Cli) -> None:
    for name, *args in (
        ("Persecución", "--chase", "--note", "Lo que pide cada mes; Łukasiewicz y Núñez lo revisan."),
        ("Nivelada", "--level"),
    ):
        assert cli("master", "scenario", "add", "2027", name, *args, actor="0002").exit_code == 0, name


def _pages(path: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _png(pdf: Path, prefix: str) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    for old in ARTEFACTS.glob(prefix + "-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTEFACTS / prefix)], check=True)
    return sorted(ARTEFACTS.glob(prefix + "-*.png"))


def test_each_scenario_prints_its_own_figures_on_its_own_page(plant_cli: Cli) -> None:
    _scenarios(plant_cli)
    ARTEFACTS.mkdir(exist_ok=True)
    out = ARTEFACTS / "master-plan.pdf"
    out.unlink(missing_ok=True)
    result = plant_cli("master", "report", "2027", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "2 scenarios" in result.stdout
    pages = _pages(out)
    assert len(pages) == 4  # the cover, the comparison, one page per scenario
    cover, table, chase, level = pages
    assert "Master plan: 2027" in cover and "Jan 2027 to Jun 2027 (6 months)" in cover
    assert "Cooperativa Cerámica Núñez" in cover
    assert "Łukasiewicz y Núñez lo revisan" in cover
    assert "Level production: the same quantity every month" in cover
    assert "Page 1 of 4" in cover and "Page 4 of 4" in level
    assert "14,500" in table and "18,750" in table and "4,250" in table
    assert "SCENARIO 1 OF 2: PERSECUCIÓN" in chase  # h2 prints in capitals
    assert "Output: 14,500" in chase and "Peak month: Apr 2027" in chase and "Peak load: 170.5 %" in chase
    assert "18,750" not in chase
    assert "SCENARIO 2 OF 2: NIVELADA" in level
    assert "Output: 18,750" in level and "Closing stock: 4,250" in level
    assert "14,500" not in level
    for page in (chase, level):
        assert "HORNO" in page and "Closing stock by month against safety stock" in page
        assert "HOR-CARGA level 3+" in page  # the kiln loaders' skill, against qualified members
    assert "chosen by the assembly" not in " ".join(pages)
    pngs = _png(out, "master-plan")
    assert len(pngs) == 4 and all(p.stat().st_size > 5000 for p in pngs)


def test_the_assemblys_choice_is_printed_and_its_scenario_marked(plant_cli: Cli, sqlite_url: str) -> None:
    _scenarios(plant_cli)
    choice = DecisionLine(
        scenario_name="Nivelada",
        assembly_id=3,
        motion_id=7,
        yes=20,
        no=4,
        abstain=2,
        method="show of hands",
        decided_at=datetime(2026, 12, 20, 19, 30),
        hash="ab12" * 16,
    )
    with db.session_scope(db.engine_for(sqlite_url)) as session:
        plan = find_master_plan(session, "2027")
        model = master_plan_report(session, now=FIXED_NOW, plan=plan, decision=choice)
    out = ARTEFACTS / "master-plan-chosen.pdf"
    ARTEFACTS.mkdir(exist_ok=True)
    out.write_bytes(render.render_pdf("master_plan.html.j2", report=model))
    cover, _table, chase, level = _pages(out)
    assert "The assembly chose the scenario Nivelada." in cover
    assert (
        "Chosen by assembly 3, motion 7: 20 yes, 4 no, 2 abstaining; show of hands; 20 December 2026."
        in cover
    )
    assert "ab12" * 16 in cover.replace(" ", "")
    assert "chosen by the assembly" in level.lower()
    assert "chosen by the assembly" not in chase.lower()
    assert [p.chosen for p in model.pages] == [False, True]


def test_the_printed_plan_is_in_the_cooperatives_spanish(plant_cli: Cli, tmp_path: Path) -> None:
    _scenarios(plant_cli)
    assert plant_cli("cooperative", "language", "es", actor="0001").exit_code == 0
    out = tmp_path / "plan-maestro.pdf"
    result = plant_cli("--lang", "en", "master", "report", "2027", "--out", str(out))
    assert result.exit_code == 0, result.output
    cover, table, chase, level = _pages(out)
    assert "Plan maestro: 2027" in cover and "ene 2027 a jun 2027 (6 meses)" in cover
    assert "LOS ESCENARIOS Y LO QUE SUPONE CADA UNO" in cover and "Página 1 de 4" in cover
    assert "LOS ESCENARIOS LADO A LADO" in table and "Producción total" in table
    assert "ESCENARIO 1 DE 2: PERSECUCIÓN" in chase and "Carga máxima: 170,5 %" in chase
    assert "Stock final por mes frente al stock de seguridad" in level
    assert "Producción total: 18.750" in level and "Stock final: 4.250" in level
    assert "Mano de obra por competencia" in level


def test_nothing_runs_over_the_margins(plant_cli: Cli, sqlite_url: str) -> None:
    _scenarios(plant_cli)
    with db.session_scope(db.engine_for(sqlite_url)) as session:
        model = master_plan_report(session, now=FIXED_NOW, plan=find_master_plan(session, "2027"))
    assert text_running_over(render.render_html("master_plan.html.j2", report=model)) == []


def test_an_unknown_plan_is_one_sentence_and_writes_nothing(plant_cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = plant_cli("master", "report", "2028", "--out", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        result.stderr.strip() == "Error: There is no master plan '2028'; see them with: coop master plan list"
    )
    assert not out.exists()


@pytest.mark.parametrize("count", [0, 1])
def test_a_plan_without_two_scenarios_is_one_sentence_and_writes_nothing(
    plant_cli: Cli, tmp_path: Path, count: int
) -> None:
    if count:
        assert plant_cli("master", "scenario", "add", "2027", "Sola", "--level", actor="0002").exit_code == 0
    out = tmp_path / "x.pdf"
    result = plant_cli("master", "report", "2027", "--out", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    noun = "scenario" if count == 1 else "scenarios"
    assert result.stderr.strip() == (
        f"Error: Master plan 2027 has {count} {noun}; the printed plan sets at least two side by side: "
        "add them with coop master scenario add."
    )
    assert not out.exists()


def test_a_file_that_is_not_pdf_or_html_is_refused(plant_cli: Cli, tmp_path: Path) -> None:
    _scenarios(plant_cli)
    result = plant_cli("master", "report", "2027", "--out", str(tmp_path / "plan.docx"))
    assert result.exit_code == 1 and "must end in .pdf, .html or .htm" in result.stderr
    assert not (tmp_path / "plan.docx").exists()


# --- the rules of the pages, on plain data -------------------------------------------------------------

JAN, FEB, MAR = date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)


def _row(code: str, month: date, closing: str, safety: str) -> ScheduleRow:
    z = Decimal(0)
    return ScheduleRow(code, month, z, z, z, z, z, z, Decimal(closing), Decimal(safety), z)


def _figures(name: str, rows: list[ScheduleRow], centres: list[CentreMonth]) -> ScenarioFigures:
    return ScenarioFigures(
        name=name, note=None, policy="chase", overtime_pct=Decimal(0), extra_qualified={}, declined=(),
        output=Decimal(0), closing_stock=Decimal(0), overtime_hours=Decimal(0), unmet_demand=Decimal(0),
        training_needed={}, peak=None, rows=rows, centres=centres,
        skills=[SkillMonth("SK", 1, m, Decimal(10), 1, Decimal(120)) for m in (JAN, FEB, MAR)],
    )  # fmt: skip


def _centre(code: str, month: date, load: int, available: int = 100) -> CentreMonth:
    return CentreMonth(code, month, Decimal(load), Decimal(available), Decimal(available))


def test_products_below_their_safety_stock_are_named_with_their_months() -> None:
    rows = [
        _row("A", JAN, "50", "40"), _row("A", FEB, "30", "40"), _row("A", MAR, "-5", "40"),
        _row("B", JAN, "500", "10"), _row("B", FEB, "500", "10"), _row("B", MAR, "500", "10"),
    ]  # fmt: skip
    facts = PlanFacts("Coop Łukasiewicz", "en", "P", JAN, 6, "draft", Decimal(120), True, JAN, {}, {})
    report = build_master_report(facts, [_figures("S", rows, []), _figures("T", rows[3:], [])])
    first, second = report.pages
    # A: 30 < 40 in February, a backlog of 5 in March; B never below its 10.
    assert first.below_safety == "Below safety stock: A (Feb 2027, Mar 2027)."
    assert second.below_safety is None
    # Two marked months: two black bars, each with its ▼.
    assert first.stock_chart.count("bar-over") == 2 and first.stock_chart.count("▼") == 3  # + legend


def test_the_key_work_centres_are_the_same_on_every_page_ranked_by_their_worst_load() -> None:
    facts = PlanFacts("C", "en", "P", JAN, 6, "draft", Decimal(120), True, JAN, {"K1": "Horno"}, {})
    # K1 peaks at 90 % in one scenario, K2 at 120 % in the other; K3 at 10 %; K4, K5 near 50 %; K6 idle.
    one = [_centre("K1", JAN, 90), _centre("K2", JAN, 10), _centre("K3", JAN, 10), _centre("K4", JAN, 50),
           _centre("K5", JAN, 49), _centre("K6", JAN, 0)]  # fmt: skip
    two = [_centre("K1", JAN, 20), _centre("K2", JAN, 120), _centre("K3", JAN, 10), _centre("K4", JAN, 40),
           _centre("K5", JAN, 40), _centre("K6", JAN, 0)]  # fmt: skip
    report = build_master_report(facts, [_figures("S", [], one), _figures("T", [], two)])
    for page in report.pages:
        assert [c.title for c in page.centre_charts] == ["K2", "K1 Horno", "K4", "K5"]
    assert report.pages[0].other_centres == (
        "The other work centre with load stays at or below 10.0 % of its hours every month."
    )
