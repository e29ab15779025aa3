"""The register of members (Libro de Registro de Asociados): the document's data, and printing it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coop.members.register import add_member, deactivate_member
from coop.members.register_book import member_register
from tests.factories.context import Context
from tests.factories.cooperative import admit_secretary
from tests.factories.programs import Cli


def _register(ctx: Context) -> None:
    ctx(add_member, name="Zofia Łukasiewicz", number="10", section="Hornos", joined_on=date(2020, 5, 4))
    ctx(add_member, name="Raúl Ibáñez", number="2", section="Prensas", joined_on=date(2019, 3, 1))
    ctx(add_member, name="Inés Peña", section="Esmaltado", joined_on=date(2021, 1, 15))  # no number yet


def test_members_stand_in_member_number_order_with_admission_and_leaving(
    session: Session, now: datetime
) -> None:
    ctx = admit_secretary(session, now)  # Ana Núñez, 0001
    _register(ctx)
    ctx(deactivate_member, reference="2", reason="Jubilación")
    register = member_register(session, now)
    # By the number's value (2 before 10), members recorded without a number last.
    assert [entry.number for entry in register.entries] == ["0001", "2", "10", "—"]
    retired = register.entries[1]
    assert (retired.name, retired.section, retired.admitted) == ("Raúl Ibáñez", "Prensas", "1 March 2019")
    assert (retired.left, retired.cause) == (f"{now.day} {now:%B} {now.year}", "Jubilación")
    assert register.entries[2].left == register.entries[2].cause == ""
    assert register.summary == "4 members in the register: 3 active, 1 who has left."
    assert register.since is None and register.changes == ()


def test_the_entries_made_since_a_day_are_the_admissions_and_leavings_of_the_log(
    session: Session, now: datetime
) -> None:
    ctx = admit_secretary(session, now - timedelta(days=30))
    _register(ctx)
    later = ctx.at(now)
    later(add_member, name="Łukasz Wiśniewski", number="0300", section="Hornos")
    later(deactivate_member, reference="10", reason=None)
    register = member_register(session, now, since=(now - timedelta(days=1)).date())
    assert [(change.number, change.name, change.change) for change in register.changes] == [
        ("0300", "Łukasz Wiśniewski", "Admitted"),
        ("10", "Zofia Łukasiewicz", "Left (no cause recorded)"),
    ]
    nothing_since = member_register(session, now + timedelta(days=2), since=(now + timedelta(days=1)).date())
    assert nothing_since.changes == () and nothing_since.since is not None


def test_the_register_prints_in_spanish_with_page_x_of_y(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    assert cli("cooperative", "language", "es", actor="0001").exit_code == 0
    members = tmp_path / "socios.csv"
    lines = ["numero;nombre;seccion", *(f"{n:04d};Socia Núñez {n};Hornos" for n in range(2, 91))]
    members.write_text("\n".join(lines) + "\n", encoding="cp1252")  # as a Spanish spreadsheet saves it
    imported = cli("member", "import", str(members), actor="0001")
    assert imported.exit_code == 0, imported.output
    assert cli("member", "deactivate", "0007", "--reason", "Renuncia", actor="0001").exit_code == 0
    out = tmp_path / "registro.pdf"
    printed = cli("member", "register", "--out", str(out), "--since", "2000-01-01", actor="0001")
    assert printed.exit_code == 0, printed.output
    assert "(90 asociados)" in printed.stdout  # the cooperative works in Spanish
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 2
    assert all(f"Página {n} de {len(pages)}" in text for n, text in enumerate(pages, start=1))
    text = "\n".join(pages)
    assert "Libro de Registro de Asociados" in text and "Socia Núñez 90" in text
    assert "Renuncia" in text and "Ingreso" in text  # the cause of leaving; the entries since 2000


def test_a_bad_day_is_one_sentence_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    out = tmp_path / "registro.pdf"
    refused = cli("member", "register", "--out", str(out), "--since", "1/12/2026", actor="0001")
    assert refused.exit_code == 1
    assert "--since '1/12/2026' is not a date like 2024-03-15." in refused.stderr
    assert "Traceback" not in refused.output and not out.exists()
