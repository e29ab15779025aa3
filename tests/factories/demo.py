"""The demo cooperative (Spanish) as tests use it: built once, the PDF step stubbed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop import db, i18n
from coop.reports import render
from tests.factories.context import FIXED_NOW


def build_spanish_demo(directory: Path) -> str:
    """Build the demo cooperative in ``directory`` as `coop demo` does for a Spanish cooperative,
    writing documents as HTML only (no PDF layout); its database URL."""
    from coop.demo import build_demo, demo_database_path

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "html_to_pdf", lambda html: b"%PDF-1.7\n")
        with i18n.using("es"):
            build_demo(directory, now=FIXED_NOW)
    return db.resolve_url(str(demo_database_path(directory)))
