"""The printed skills matrix and coverage report: PDF text checked with pypdf, page 1 as PNG.

The PNGs land in tests/artefacts/ so that a person can look at them: the grid must stay
readable, with the header row repeated on every page, for 470 members × 40 skills.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from coop import db
from coop.reports import render
from coop.reports.training_model import MatrixMark, MatrixMember, MatrixSkill, SkillsMatrixDocument
from coop.training.assessments import record_assessment
from coop.training.coverage import Level
from coop.training.models import SessionKind
from coop.training.reports import coverage_document, skills_matrix_document
from coop.training.sessions import log_session, record_attendance
from tests.factories.context import FIXED_NOW
from tests.factories.training import build_plant

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"
ON = FIXED_NOW.date()


def _text(pdf: bytes) -> tuple[int, str, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    return len(reader.pages), "\n".join(pages), pages


def _png(pdf_path: Path, prefix: Path, first: int = 1, last: int = 1) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(last), str(pdf_path), str(prefix)],
        check=True,
    )
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


@pytest.fixture
def documents(sqlite_url: str) -> tuple[SkillsMatrixDocument, object]:
    """The test plant with a year of records: levels, a lapsed certificate, one lapsing soon."""
    with db.session_scope(db.engine_for(sqlite_url)) as session:
        plant = build_plant(session, FIXED_NOW)
        held = log_session(
            session,
            actor=plant.zofia,
            now=FIXED_NOW,
            skill=plant.epp,
            held_on=date(2025, 1, 20),
            hours="4",
            kind=SessionKind.theory,
            outside_trainer="Aseguradora de Riesgos del Trabajo",
        )
        record_attendance(
            session,
            actor=plant.secretary,
            now=FIXED_NOW,
            training_session=held,
            members=["0004", "0005", "0006", "0007", "0008", "0009"],
            level=Level.INDEPENDENT,
        )
        for number, assessed_on in (("0004", date(2025, 2, 1)), ("0005", ON - timedelta(days=350))):
            record_assessment(
                session,
                actor=plant.secretary,
                now=FIXED_NOW,
                member=number,
                skill=plant.burners,
                level=Level.INDEPENDENT,
                assessed_on=assessed_on,
                outside_assessor="Inspectora gasista",
            )
        record_assessment(
            session,
            actor=plant.zofia,
            now=FIXED_NOW,
            member="0009",
            skill=plant.loading,
            level=Level.SUPERVISED,
            assessed_on=date(2026, 10, 1),
        )
        matrix = skills_matrix_document(session, on=ON)
        coverage = coverage_document(session, on=ON)
    return matrix, coverage


def test_skills_matrix_pdf_text_and_png(documents: tuple[SkillsMatrixDocument, object]) -> None:
    matrix, _coverage = documents
    html = render.render_html("skills_matrix.html.j2", matrix=matrix)
    assert "size: A4 landscape" in html
    pdf = render.html_to_pdf(html)
    pages, text, _pages = _text(pdf)
    assert pages == 2  # the grid, then the key to the skills
    for expected in (
        "Cooperativa Cerámica Núñez",
        "Skills matrix",
        "25 November 2026",
        "9 active members",
        "Zofia Łukasiewicz",
        "Óscar Muñoz",
        "Iñaki Sosa",
        "Noelia Ríos",
        "HOR-QUEM",
        "SEG-EPP",
        "HOR-CARGA",
        "KEY TO THE SKILLS",
        "Quemadores a gas",
        "Equipos de protección personal",
        "valid 12 months",
        "one absence away",
        "●4 can train",
        "certification lapsed",
        "1 certification has lapsed and counts as level 0 until it is renewed.",
        "1 lapses within 30 days.",
        "Qualified now",
        "Minimum needed",
    ):
        assert expected in text, expected
    assert "×3" in text  # Óscar's lapsed burner certificate
    assert "!◕3" in text  # Raúl's, lapsing in 15 days
    assert "◔1" in text  # Iñaki, supervised at loading
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / "skills-matrix.pdf"
    path.write_bytes(pdf)
    assert _png(path, ARTEFACTS / "skills-matrix-page1")


def test_training_coverage_pdf_text_and_png(documents: tuple[SkillsMatrixDocument, object]) -> None:
    _matrix, coverage = documents
    pdf = render.render_pdf("training_coverage.html.j2", coverage=coverage)
    _pages, text, _all = _text(pdf)
    flat = " ".join(text.split())
    for expected in (
        "Cooperativa Cerámica Núñez",
        "Training coverage report",
        "25 November 2026 · 9 active members",
        "Of 3 skills, 0 are below the minimum number of qualified members the plant needs and 1 is one "
        "absence away from it.",
        "As certifications lapse, 1 more skill falls below its minimum by 23 February 2027 unless members "
        "are recertified.",
        "SKILLS AT RISK",
        "HOR-QUEM Quemadores a gas Hornos safety-critical ONE ABSENCE AWAY 2 of 2 at level 3 (independent)",
        "QUALIFIED Zofia Łukasiewicz (#0002); Raúl Ibáñez (#0005)",
        "LAPSING BEFORE 23 FEBRUARY 2027 Zofia Łukasiewicz (#0002); Raúl Ibáñez (#0005)",
        "CERTIFICATIONS LAPSING",
        "Within 30 days",
        "Raúl Ibáñez (#0005) HOR-QUEM Quemadores a gas 3 10 December 2026 15",
        "In 31 to 60 days",
        "Zofia Łukasiewicz (#0002) HOR-QUEM Quemadores a gas 4 5 January 2027 41",
        "In 61 to 90 days None.",
        "EVERY SKILL",
        "SEG-EPP Equipos de protección personal safety-critical 3 at level 2 7 7 0 COVERED",
        "HOR-CARGA Carga del horno no minimum 1 1 1 COVERED",
    ):
        assert expected in flat, expected
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / "training-coverage.pdf"
    path.write_bytes(pdf)
    assert _png(path, ARTEFACTS / "training-coverage-page1")


FIRST = ("Ana", "Bruno", "Inés", "Joaquín", "Łucja", "Óscar", "Paweł", "Úrsula", "Zoë", "Iñaki")
LAST = ("Núñez", "Łukasiewicz", "Ibáñez", "Muñoz", "Peña", "Żelazny", "Domínguez", "Acuña")
SECTIONS = ("Hornos", "Prensas", "Esmaltado", "Mantenimiento", "Logística", "Administración")


def large_matrix(members: int = 470, skills: int = 40, seed: int = 7) -> SkillsMatrixDocument:
    """A hand-built 470 × 40 matrix, as the benchmark prints it from the database."""
    rng = random.Random(seed)
    marks = [MatrixMark(level) for level in range(5)] + [
        MatrixMark(0, expired=True, lapsed_level=3),
        MatrixMark(3, due_soon=True),
    ]
    weights = [50, 8, 10, 16, 6, 5, 5]
    return SkillsMatrixDocument(
        cooperative="Cooperativa Cerámica Núñez Ltda.",
        language="en",
        title="Skills matrix",
        as_of="25 November 2026",
        scope=f"All {members} active members",
        soon_days=30,
        skills=tuple(
            MatrixSkill(
                code=f"SK-{index:02d}",
                name=f"Skill {index}",
                category=SECTIONS[index % len(SECTIONS)],
                safety_critical=index % 5 == 0,
                certified=index % 4 == 0,
                validity="12 months" if index % 4 == 0 else "",
                minimum=3,
                qualifying_level=3,
                qualified=rng.randint(0, 40),
                status="ok",
                status_label="covered",
            )
            for index in range(skills)
        ),
        members=tuple(
            MatrixMember(
                number=f"{index:04d}",
                name=f"{FIRST[index % len(FIRST)]} {LAST[index * 3 % len(LAST)]} {LAST[index % len(LAST)]}",
                section=SECTIONS[(index - 1) * len(SECTIONS) // members],
                marks=tuple(rng.choices(marks, weights)[0] for _ in range(skills)),
            )
            for index in range(1, members + 1)
        ),
        expired_count=940,
        due_soon_count=930,
    )


def test_large_matrix_repeats_its_header_on_every_page() -> None:
    matrix = large_matrix()
    pdf = render.render_pdf("skills_matrix.html.j2", matrix=matrix)
    pages, text, by_page = _text(pdf)
    assert 10 <= pages <= 15
    key = next(index for index, page in enumerate(by_page) if "KEY TO THE SKILLS" in page)
    assert key >= 9
    for number, page in enumerate(by_page[:key], start=1):
        assert "No." in page and "SK-00" in page and "SK-39" in page, f"page {number} has no header row"
        assert f"Page {number} of {pages}" in page
    assert "0470" in by_page[key - 1] and "Minimum needed" in by_page[key - 1]
    assert "SK-39" in by_page[-1]
    assert "Łucja" in text and "Żelazny" in text
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / "skills-matrix-470.pdf"
    path.write_bytes(pdf)
    assert len(_png(path, ARTEFACTS / "skills-matrix-470", 1, 2)) == 2
