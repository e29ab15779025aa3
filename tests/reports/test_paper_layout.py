"""Every document the demo cooperative prints keeps its text inside its cells and margins.

The demo works in Spanish, whose words run longer than the English ones the other document
tests use: a column sized for "Qualified" must also hold "Habilitados".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coop.demo import build_demo, demo_database_path
from tests.factories.context import FIXED_NOW
from tests.factories.programs import Cli
from tests.reports.layout import text_running_over

DOCUMENTS = {
    "minutes of a closed assembly (approved)": ("minutes", "1"),
    "minutes of an open assembly (draft)": ("minutes", "2"),
    "election results": ("election", "results", "1"),
    "skills matrix": ("training", "matrix"),
    "training coverage": ("training", "coverage"),
    "bylaws": ("bylaws", "print"),
    "plan report": ("plan", "report", "1"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, now=FIXED_NOW)
    return Cli(str(demo_database_path(folder)))


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_no_text_runs_over_on_paper(demo: Cli, document: str, tmp_path: Path) -> None:
    out = tmp_path / "document.html"
    printed = demo(*DOCUMENTS[document], "--out", str(out))
    assert printed.exit_code == 0, printed.output
    assert text_running_over(out.read_text(encoding="utf-8")) == []
