"""The helper process that prints a PDF while the command reads the database.

Whatever happens to the helper, the document must be the one the command would have printed
by itself, byte for byte; a helper the command did not need must not outlive the command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coop.errors import CoopError
from coop.reports import pdf, render
from coop.testing.minutes import TEMPLATE, sample_minutes


@pytest.fixture
def helpers_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helpers as the ``coop`` program has them, even in a test process that has WeasyPrint loaded."""
    monkeypatch.setattr(pdf, "_helper_allowed", True)
    monkeypatch.setattr(pdf, "_worth_a_helper", lambda out: Path(out).suffix == ".pdf")


def _in_process(tmp_path: Path) -> bytes:
    return render.write_document(tmp_path / "in-process.pdf", TEMPLATE, minutes=sample_minutes()).read_bytes()


def test_the_helper_prints_what_the_command_would(
    helpers_on: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _in_process(tmp_path)

    def not_here(html: str) -> bytes:
        raise AssertionError("the helper should have printed this document")

    monkeypatch.setattr(render, "html_to_pdf", not_here)
    out = tmp_path / "helped.pdf"
    with render.print_ahead(out, TEMPLATE):
        helper = pdf._helper
        assert helper is not None
        render.write_document(out, TEMPLATE, minutes=sample_minutes())
    assert out.read_bytes() == expected
    assert helper._process.returncode == 0


def test_when_the_helper_dies_the_command_prints_by_itself(helpers_on: None, tmp_path: Path) -> None:
    expected = _in_process(tmp_path)
    out = tmp_path / "after-failure.pdf"
    with render.print_ahead(out, TEMPLATE):
        assert pdf._helper is not None
        pdf._helper._process.kill()
        render.write_document(out, TEMPLATE, minutes=sample_minutes())
    assert out.read_bytes() == expected
    assert pdf._helper is None


def test_a_helper_the_command_did_not_need_is_stopped(helpers_on: None, tmp_path: Path) -> None:
    with pytest.raises(CoopError), render.print_ahead(tmp_path / "never.pdf", TEMPLATE):
        helper = pdf._helper
        assert helper is not None
        raise CoopError("There is no assembly 7.")
    assert helper._process.returncode is not None
    assert pdf._helper is None
    assert not (tmp_path / "never.pdf").exists()


def test_a_helper_ready_for_another_template_is_not_used(helpers_on: None, tmp_path: Path) -> None:
    expected = _in_process(tmp_path)
    out = tmp_path / "other.pdf"
    with render.print_ahead(out, "plan_report.html.j2"):
        helper = pdf._helper
        render.write_document(out, TEMPLATE, minutes=sample_minutes())
    assert out.read_bytes() == expected
    assert helper is not None and helper._process.returncode is not None


def test_no_helper_for_html_or_outside_the_coop_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_helper_allowed", True)
    with render.print_ahead(tmp_path / "minutes.html", TEMPLATE):
        assert pdf._helper is None
    monkeypatch.setattr(pdf, "_helper_allowed", False)
    with render.print_ahead(tmp_path / "minutes.pdf", TEMPLATE):
        assert pdf._helper is None


def test_a_chart_goes_into_the_document_as_an_image_of_the_same_drawing() -> None:
    import base64

    from coop.reports.charts.capacity import bar_chart_with_capacity_line

    svg = bar_chart_with_capacity_line(
        ["W01", "W02"], [10, 30], [20, 20], capacity_label="available", description="Load of WC-01 & co"
    )
    image = str(render.svg_image(svg))
    assert image.startswith('<img class="chart-image" src="data:image/svg+xml;base64,')
    assert 'alt="Load of WC-01 &amp; co"' in image
    data = image.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(data).decode("utf-8") == svg
