"""The printed production plan: PDF text checked with pypdf, page 1 (and the load charts) as PNG.

The PNGs land in tests/artefacts/ so that a person can look at them: the heading and status, the
findings with the coordinators' answers, the load charts (grey bars, a black bar with ▲ over the
stepped capacity line), materials, crews, the assembly's vote and planned versus actual.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from coop import db
from coop.plans import reports
from coop.plans.catalogue import set_stock
from coop.plans.lifecycle import close_plan, start_plan
from coop.reports import render
from tests.factories.context import FIXED_NOW
from tests.factories.plans import build_tile_plant
from tests.reports.layout import text_running_over

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    # Lines wrap where the page is narrow: compare the words, not the line breaks.
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _png(pdf_path: Path, prefix: Path, first: int, last: int) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(last), str(pdf_path), str(prefix)],
        check=True,
    )
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def test_closed_plan_pdf_prints_the_approval_and_planned_versus_actual(sqlite_url: str) -> None:
    engine = db.engine_for(sqlite_url)
    with db.session_scope(engine) as session:
        plant = build_tile_plant(session, FIXED_NOW)
        plan = plant.plan()
        plant.submit(plan)
        plant.vote_on(plan, yes=22, no=3, abstain=1)
        approved = render.render_pdf(
            "plan_report.html.j2", plan=reports.plan_for_print(session, plan, on=FIXED_NOW.date())
        )
        set_stock(session, actor=plant.coordinator, now=FIXED_NOW, product=plant.glaze, quantity="9000")
        reprinted = render.render_pdf(
            "plan_report.html.j2", plan=reports.plan_for_print(session, plan, on=FIXED_NOW.date())
        )
        assert reprinted == approved  # byte for byte, although the stock changed
        start_plan(session, actor=plant.coordinator, now=FIXED_NOW, plan=plan)
        close_plan(session, actor=plant.coordinator, now=FIXED_NOW, plan=plan, actuals={1: "1000", 2: "880"})
        model = reports.plan_for_print(session, plan, on=FIXED_NOW.date())
        digest = plan.approved_hash
    ARTEFACTS.mkdir(exist_ok=True)
    path = render.write_document(ARTEFACTS / "plan-report.pdf", "plan_report.html.j2", plan=model)
    assert text_running_over(render.render_html("plan_report.html.j2", plan=model)) == []
    pages, text = _text(path.read_bytes())
    assert pages == 3
    for expected in (
        "Production plan: Verano",
        "Version 1 · weeks 2026-W49 to 2026-W52",
        "CLOSED",
        "APPROVED ON 25 NOVEMBER 2026",
        "2 lines for 1 product.",
        "BALD-30 Baldosa 30×30 pcs 1,000 1,000 · · 2,000",
        "Work centres over capacity (1)",
        "HORNO 2026-W50 50 48 104.2 % line 2 Se cubre con horas extra y compra de esmalte.",
        "Materials short of stock (1)",
        "ESM-BL 420 kg 300 kg 120 kg 2026-W50 line 2",
        "HORNO 83.3 % 104.2 % – –",
        "Horno túnel",
        "8 December 2026: Feriado",
        "104% ▲",
        "ESM-BL Esmalte blanco kg 420 300 120 2026-W50",
        "HOR-CARGA Carga de vagonetas Socio 0003 (#0003); Socio 0004 (#0004) 3 2 2",
        "APPROVED BY THE ASSEMBLY",
        "show of hands: 22 yes, 3 no, 1 abstaining",
        "PLANNED VERSUS ACTUAL",
        "1 of 2 lines were made in full; 94 % of the planned quantities in all.",
        "−120",
        "88 %",
    ):
        assert expected in text, expected
    assert digest is not None and digest in text.replace(" ", "")
    assert "300" in text and "9,000" not in text  # the stock as approved, not as it is now
    images = _png(path, ARTEFACTS / "plan-report", 1, 3)
    assert len(images) == 3


def test_draft_plan_pdf_is_marked_and_shows_what_is_still_open(sqlite_url: str) -> None:
    with db.session_scope(db.engine_for(sqlite_url)) as session:
        plant = build_tile_plant(session, FIXED_NOW)
        plan = plant.plan()
        model = reports.plan_for_print(session, plan, on=FIXED_NOW.date())
    pdf = render.render_pdf("plan_report.html.j2", plan=model)
    assert text_running_over(render.render_html("plan_report.html.j2", plan=model)) == []
    _pages, text = _text(pdf)
    assert "DRAFT" in text
    assert "2 blocking findings are not acknowledged: the plan cannot be submitted yet." in text
    assert "Not acknowledged" in text
    assert "APPROVED BY THE ASSEMBLY" not in text
    assert "Printed from the records as they stand" in text
