"""Printed minutes: HTML and PDF from a hand-built Minutes view model.

The PDF's text is extracted with pypdf and checked for every element the minutes must carry;
page 1 (and every page of the large assembly) is rendered to PNG in tests/artefacts/ so that a
person can look at it.
"""

from __future__ import annotations

import gettext
import io
import os
import pickle
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import jinja2
import pytest
from pypdf import PdfReader

from coop import i18n
from coop.errors import CoopError
from coop.reports import render
from coop.reports.minutes_model import (
    Minutes,
)
from coop.testing.minutes import (
    AMENDED_FINAL,
    AMENDED_ORIGINAL,
    BYLAWS_TEXT,
    CHAIR,
    CONSENT_TEXT,
    MOVER,
    SECRETARY,
    TEMPLATE,
    approved_minutes,
    attendees,
    large_minutes,
    motions,
    sample_minutes,
)
from tests.reports.layout import pages_by_id, text_running_over

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace collapsed, so that a sentence broken across lines still matches."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def draft_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("minutes") / "minutes.pdf"
    render.write_document(path, TEMPLATE, minutes=sample_minutes())
    return path.read_bytes()


def test_minutes_pdf_contains_every_required_element(draft_pdf: bytes) -> None:
    text = pdf_text(draft_pdf)
    pages = page_count(draft_pdf)
    required = [
        "Cooperativa Cerámica La Forja",
        "Minutes of the ordinary assembly",
        "Assembly 7",
        "ordinary",
        "25 November 2026",
        "08:30",
        "09:00",
        "Sala Grande, Calle del Horno 4, Talavera",
        CHAIR,
        SECRETARY,
        "35 members attended out of 52 active members.",
        "2 written proxies were presented.",
        "Paweł Ortiz",
        "revoked: the member came in person at 09:40",
        "Quorum reached: 35 present and 2 represented by proxy, 18 required.",
        "arrived 09:40",
        "left 11:40",
        "The minutes of Assembly 6 (24 June 2026) were approved without changes.",
        # motion 3: amended
        "Motion 3: Second kiln",
        "ordinary motion",
        MOVER,
        AMENDED_FINAL,
        AMENDED_ORIGINAL,
        "Cap the cost",
        "Second-hand kiln",
        "Not adopted",
        "25 for, 8 against, 2 abstaining",
        "majority of votes cast",
        "18 of 35 votes cast",
        "Article 28.1",
        # motion 4: consent with an objection
        "Motion 4: Cleaning rota",
        CONSENT_TEXT,
        "Night shift workers cannot clean on Mondays.",
        "resolved: the night shift cleans on Tuesdays",
        "Adopted by consent: the one objection was resolved.",
        # motion 5: two-thirds, roll call, fails
        "Motion 5: Quarterly assemblies",
        "amendment of the bylaws",
        BYLAWS_TEXT,
        "two-thirds of votes cast",
        "22 of 33 votes cast",
        "Article 31.2",
        "Method: roll call.",
        "Roll call on motion 5",
        "For (20):",
        "Against (13):",
        "Abstained (1):",
        # motion 6: withdrawn, no vote
        "Motion 6: Canteen hours",
        "Withdrawn",
        "Election of the control committee",
        "Paweł Wróblewski",
        "the chair closed the assembly at 12:15.",
        "Signature and date",
        "Chair",
        "Secretary",
        "DRAFT",
        f"Page 1 of {pages}",
        f"Page {pages} of {pages}",
    ]
    missing = [item for item in required if item not in text]
    assert not missing, f"missing from the PDF: {missing}"
    # The vote numbers of motion 3 (22 for, 13 against, 2 abstaining) stand in its vote table.
    assert re.search(r"Result\s*22\s*13\s*2\s*majority of votes cast", text), text


def test_minutes_pdf_keeps_accented_names(draft_pdf: bytes) -> None:
    text = pdf_text(draft_pdf)
    for name in ("Núñez", "Łukasiewicz", "Ibáñez", "Łucja", "Żelazny", "Zoë", "Óscar", "Úrsula"):
        assert name in text, name


def test_minutes_pdf_running_header_from_page_two(draft_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(draft_pdf))
    assert len(reader.pages) >= 2
    second = " ".join((reader.pages[1].extract_text() or "").split())
    assert "Cooperativa Cerámica La Forja" in second
    assert "Minutes of the ordinary assembly · Assembly 7 · 25 November 2026" in second


def test_minutes_pdf_metadata_title_and_no_dates(draft_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(draft_pdf)).metadata
    assert metadata is not None
    assert (
        metadata.title
        == "Minutes of the ordinary assembly · Cooperativa Cerámica La Forja · 25 November 2026"
    )
    assert "/CreationDate" not in metadata and "/ModDate" not in metadata


def test_minutes_approved_shows_note_and_hash_and_no_draft_mark() -> None:
    text = pdf_text(render.render_pdf(TEMPLATE, minutes=approved_minutes()))
    assert "Approved by motion 2 of Assembly 8 on 20 December 2026." in text
    assert "9f2c" * 16 in text.replace(" ", "")
    assert "DRAFT" not in text


def test_minutes_reprint_is_byte_identical(tmp_path: Path) -> None:
    snapshot = approved_minutes()
    first = render.write_document(tmp_path / "first.pdf", TEMPLATE, minutes=snapshot).read_bytes()
    # A snapshot is stored as data and comes back as an equal but distinct object.
    again = Minutes(**{**snapshot.__dict__})
    second = render.write_document(tmp_path / "second.pdf", TEMPLATE, minutes=again).read_bytes()
    assert first == second
    assert render.document_hash(first) == render.document_hash(second)
    assert re.fullmatch(r"[0-9a-f]{64}", render.document_hash(first))
    other = render.render_pdf(TEMPLATE, minutes=replace(snapshot, closed_time="12:16"))
    assert render.document_hash(other) != render.document_hash(first)


def test_minutes_reprint_in_another_process_is_byte_identical(tmp_path: Path) -> None:
    """A reprint happens in a later process: fonts, dict order and caches must not change a byte."""
    snapshot = tmp_path / "snapshot.pickle"
    snapshot.write_bytes(pickle.dumps(approved_minutes()))
    here = render.render_pdf(TEMPLATE, minutes=approved_minutes())
    code = (
        "import pickle, sys; from pathlib import Path; from coop.reports import render; "
        "render.write_document(Path(sys.argv[2]), 'minutes.html.j2', "
        "minutes=pickle.loads(Path(sys.argv[1]).read_bytes()))"
    )
    there = tmp_path / "reprint.pdf"
    subprocess.run(
        [sys.executable, "-c", code, str(snapshot), str(there)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert there.read_bytes() == here


def test_minutes_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    minutes = sample_minutes(place="Bar <La Peña> & Co.")
    path = render.write_document(tmp_path / "minutes.html", TEMPLATE, minutes=minutes)
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Bar &lt;La Peña&gt; &amp; Co." in html
    assert "size: A4" in html  # print.css is inlined: the file stands on its own
    assert '"Page " counter(page) " of " counter(pages)' in html
    assert CHAIR in html and "Łukasiewicz" in html


def test_minutes_roll_call_never_drops_a_name_whatever_the_choice_words() -> None:
    """Choices may arrive translated ("sí", "abstención"): every name still stands in the minutes."""
    roll_call = (
        ("Ana Núñez", "sí"),
        ("Jan Łukasiewicz", "no"),
        ("Zoë Ibáñez", "abstención"),
        ("Óscar Peña", "Sí"),
    )
    motion = replace(motions()[2], vote=replace(motions()[2].vote, roll_call=roll_call))  # type: ignore[arg-type]
    html = render.render_html(TEMPLATE, minutes=sample_minutes(motions=(motion,)))
    section = html[html.index("Roll call on motion 5") :]
    for name, choice in roll_call:
        assert name in section
        assert f"{choice} (1):" in section or choice == "no"
    assert "Against (1):" in section


def test_minutes_second_call_sentence_is_printed() -> None:
    sentence = "The assembly was held at second call, at 19:00, with 35 members present."
    html = render.render_html(TEMPLATE, minutes=sample_minutes(second_call=sentence))
    assert sentence in html


def test_render_module_does_not_import_weasyprint() -> None:
    """WeasyPrint costs ~0.5 s to import: only writing a PDF may pay for it."""
    code = (
        "import sys; from coop.reports import render; "
        "assert 'Page' in render.render_html('base.html.j2'); "
        "sys.exit('weasyprint' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_render_html_refuses_a_missing_field() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render.render_html(TEMPLATE)


@pytest.mark.parametrize("name", ["minutes.docx", "minutes", "minutes.pdf.txt"])
def test_write_document_refuses_bad_suffix_and_writes_nothing(tmp_path: Path, name: str) -> None:
    with pytest.raises(CoopError) as raised:
        render.write_document(tmp_path / name, TEMPLATE, minutes=sample_minutes())
    assert isinstance(raised.value, render.DocumentError)
    message = str(raised.value)
    assert ".pdf" in message and ".html" in message and "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_write_document_failure_leaves_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"previous")

    def broken(html: str) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(render, "html_to_pdf", broken)
    with pytest.raises(RuntimeError):
        render.write_document(path, TEMPLATE, minutes=sample_minutes())
    assert path.read_bytes() == b"previous"
    assert [entry.name for entry in tmp_path.iterdir()] == ["minutes.pdf"]


def test_write_document_refuses_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(render.DocumentError, match="does not exist"):
        render.write_document(tmp_path / "nowhere" / "minutes.pdf", TEMPLATE, minutes=sample_minutes())


class _Spanish(gettext.NullTranslations):
    CATALOGUE: ClassVar[dict[str, str]] = {
        "Page %(page)s of %(pages)s": "Página %(page)s de %(pages)s",
        "DRAFT": "BORRADOR",
        "Chair": "Presidencia",
    }

    def gettext(self, message: str) -> str:
        return self.CATALOGUE.get(message, message)


def test_minutes_words_go_through_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Spanish())
    data = render.render_pdf(TEMPLATE, minutes=sample_minutes())
    text = pdf_text(data)
    pages = page_count(data)
    assert f"Página 1 de {pages}" in text
    assert "BORRADOR" in text and "Presidencia" in text
    assert "DRAFT" not in text


def test_css_content_keeps_the_translators_order() -> None:
    assert (
        render.css_content("{pages} pages, this is {page}", page="counter(page)", pages="counter(pages)")
        == 'counter(pages) " pages, this is " counter(page)'
    )
    assert render.css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def _png(pdf_path: Path, prefix: Path, *, first_page_only: bool) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    command = ["pdftoppm", "-png", "-r", "80"]
    if first_page_only:
        command += ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf_path), str(prefix)], check=True)
    return sorted(prefix.parent.glob(prefix.name + "*.png"))


def test_minutes_first_page_renders_to_png(draft_pdf: bytes) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTEFACTS / "minutes.pdf"
    pdf_path.write_bytes(draft_pdf)
    for old in ARTEFACTS.glob("minutes-page*.png"):
        old.unlink()
    images = _png(pdf_path, ARTEFACTS / "minutes-page1", first_page_only=True)
    assert images and images[0].stat().st_size > 10_000
    print(f"\nminutes page 1: {images[0]}")


def test_minutes_large_assembly_stays_short() -> None:
    data = render.render_pdf(TEMPLATE, minutes=large_minutes(470, 12))
    pages = page_count(data)
    print(f"\nminutes for 470 attendees and 12 motions: {pages} pages")
    text = pdf_text(data)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "470 members attended out of 512 active members." in text
    assert "Motion 14: Canteen hours (12)" in text
    assert pages <= 8
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTEFACTS / "minutes-470.pdf"
    pdf_path.write_bytes(data)
    for old in ARTEFACTS.glob("minutes-470-*.png"):
        old.unlink()
    _png(pdf_path, ARTEFACTS / "minutes-470", first_page_only=False)


def test_a_very_long_name_wraps_inside_the_margins() -> None:
    """Names are held together with no-break spaces; one longer than a line must still wrap."""
    long_name = "María de los Ángeles " * 9 + "Łukasiewicz"
    minutes = sample_minutes()
    people = list(minutes.attendees)
    people[1] = replace(people[1], name=long_name)
    minutes = replace(minutes, attendees=tuple(people))
    assert text_running_over(render.render_html(TEMPLATE, minutes=minutes)) == []


def test_no_text_runs_past_the_right_margin_of_large_minutes() -> None:
    assert text_running_over(render.render_html(TEMPLATE, minutes=large_minutes())) == []


@pytest.mark.parametrize("attendee_count", [35, 90, 200])
def test_a_vote_table_never_opens_a_page_without_its_motion_heading(attendee_count: int) -> None:
    """However the attendance list shifts the motions down, a motion's heading and its vote table
    share a page (the texts here are short: heading, text and table fit on one page)."""
    minutes = sample_minutes(attendees=attendees(attendee_count), attendance_count=attendee_count)
    pages = pages_by_id(render.render_html(TEMPLATE, minutes=minutes))
    voted = [motion.number for motion in minutes.motions if motion.vote]
    assert voted and all(f"vote-{number}" in pages for number in voted)
    separated = {
        number: (pages[f"motion-{number}"], pages[f"vote-{number}"])
        for number in voted
        if pages[f"vote-{number}"][0] != pages[f"motion-{number}"][-1]
    }
    assert separated == {}
