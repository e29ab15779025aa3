"""The attendance sheet members sign on arrival: every active member, a signature and a proxy column."""

from __future__ import annotations

from pathlib import Path

from tests.factories.programs import Cli


def _cooperative(cli: Cli, tmp_path: Path) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    members = tmp_path / "socios.csv"
    lines = ["numero;nombre;seccion", "0002;Zofia Łukasiewicz;Hornos"]
    lines += [f"{n:04d};Socia Ibáñez {n};Prensas" for n in range(3, 71)]
    members.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert cli("member", "import", str(members), actor="0001").exit_code == 0
    assert cli("member", "deactivate", "0005", "--reason", "Renuncia", actor="0001").exit_code == 0
    assert cli("cooperative", "language", "es", actor="0001").exit_code == 0
    cli.open_assembly(place="Comedor de la planta")


def test_the_sheet_lists_every_active_member_to_sign_on_every_page(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _cooperative(cli, tmp_path)
    out = tmp_path / "asistencia.pdf"
    printed = cli("assembly", "sheet", "1", "--out", str(out), actor="0001")
    assert printed.exit_code == 0, printed.output
    assert "(69 asociados)" in printed.stdout  # 70 admitted, one has left
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        assert f"Página {n} de {len(pages)}" in text
        assert "Firma" in text and "Representado por" in text  # the headings again on every page
    text = "\n".join(pages)
    assert "Registro de asistencia: asamblea ordinaria n.º 1" in text
    assert "Convocada para el 25/11/2026 a las 18:00, en Comedor de la planta." in text
    assert "Zofia Łukasiewicz" in text and "Socia Ibáñez 70" in text
    assert "Socia Ibáñez 5\n" not in text and "0005" not in text  # who has left does not sign
    assert text.index("0002") < text.index("0010") < text.index("0070")  # member-number order


def test_an_unknown_assembly_is_one_sentence_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    _cooperative(cli, tmp_path)
    out = tmp_path / "asistencia.pdf"
    refused = cli("assembly", "sheet", "9", "--out", str(out), actor="0001")
    assert refused.exit_code == 1 and "9" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.output
    assert not out.exists()
