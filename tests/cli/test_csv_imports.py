"""Import files as a Spanish spreadsheet saves them, through the commands a secretary types.

Excel in Spanish saves "CSV (delimitado por comas)" as Windows-1252 with semicolons, and
"CSV UTF-8" with a byte-order mark; numbers carry a decimal comma and names their accents. Both
are detected; ``--delimiter`` and ``--encoding`` name them when detection is not wanted, and a
name coop does not read is refused in one sentence before anything is opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer
from click.testing import Result

from coop.cli.main import app
from tests.factories.programs import Cli

SPREADSHEET = "Número;Nombre;Sección;Fecha de ingreso\r\n0003;José Núñez;Esmaltado;2024-03-15\r\n"


def _secretary(cli: Cli) -> None:
    assert cli("member", "add", "Ana Peña", "--number", "0001", "--role", "secretary").exit_code == 0


def _names(cli: Cli) -> list[tuple[str, str]]:
    return [(m["number"], m["name"]) for m in cli.json("member", "list")]


def _import_spreadsheet(
    cli: Cli, tmp_path: Path, options: list[str], content: bytes = SPREADSHEET.encode("cp1252")
) -> Result:
    """The secretary imports ``content`` (the Spanish spreadsheet, saved by Excel) with ``options``."""
    _secretary(cli)
    file = tmp_path / "asociados.csv"
    file.write_bytes(content)
    return cli("member", "import", str(file), *options, actor="0001")


@pytest.mark.parametrize(
    ("content", "options"),
    [
        (SPREADSHEET.encode("cp1252"), []),
        (SPREADSHEET.encode("cp1252"), ["--delimiter", ";", "--encoding", "windows-1252"]),
        (SPREADSHEET.encode("cp1252"), ["--delimiter", "semicolon", "--encoding", "latin-1"]),
        (b"\xef\xbb\xbf" + SPREADSHEET.encode(), ["--encoding", "utf-8"]),
        (b"\xef\xbb\xbf" + SPREADSHEET.encode(), ["--encoding", "utf-8-sig"]),
        (SPREADSHEET.replace(";", "\t").encode(), ["--delimiter", "tab"]),
    ],
)
def test_member_import_reads_a_spanish_spreadsheet(
    cli: Cli, tmp_path: Path, content: bytes, options: list[str]
) -> None:
    result = _import_spreadsheet(cli, tmp_path, options, content)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Imported 1 member from asociados.csv."
    assert _names(cli) == [("0001", "Ana Peña"), ("0003", "José Núñez")]
    assert cli.json("member", "show", "0003")["section"] == "Esmaltado"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--delimiter", "|"],
            "'|' is not a delimiter coop reads; name one of: , (comma) ; (semicolon) tab.",
        ),
        (
            ["--encoding", "ebcdic"],
            "ebcdic is not an encoding coop reads; name one of: "
            "utf-8, utf-8-sig, cp1252 (windows-1252), latin-1.",
        ),
    ],
)
def test_an_unknown_delimiter_or_encoding_is_a_usage_mistake(
    cli: Cli, tmp_path: Path, options: list[str], message: str
) -> None:
    result = _import_spreadsheet(cli, tmp_path, options)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert _names(cli) == [("0001", "Ana Peña")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--encoding", "utf-8"],
            "Error: asociados.csv is not utf-8 text (byte 0xFA at position 2); name its encoding with "
            "--encoding, or leave it out to have it detected.",
        ),
        (
            ["--delimiter", ","],
            "Error: asociados.csv has no commas (,) in its header line, but it has semicolons (;); name "
            "that delimiter with --delimiter, or leave it out to have it detected.",
        ),
    ],
)
def test_a_wrongly_named_delimiter_or_encoding_says_what_the_file_has(
    cli: Cli, tmp_path: Path, options: list[str], message: str
) -> None:
    result = _import_spreadsheet(cli, tmp_path, options)
    assert (result.exit_code, result.stderr.strip()) == (1, message)
    assert _names(cli) == [("0001", "Ana Peña")]


def test_a_spanish_operator_imports_quantities_with_a_decimal_comma(cli: Cli, tmp_path: Path) -> None:
    _secretary(cli)
    products = tmp_path / "productos.csv"
    products.write_bytes("Código;Nombre;Unidad\r\nESMALTE;Esmalte cerámico;kg\r\n".encode("cp1252"))
    assert cli("product", "import", str(products), "--encoding", "cp1252", actor="0001").exit_code == 0
    stock = tmp_path / "existencias.csv"
    stock.write_bytes("Insumo;Cantidad;Fecha\r\nESMALTE;1.234,5;2024-03-15\r\n".encode("cp1252"))
    result = cli("--lang", "es", "material", "import", str(stock), "--delimiter", ";", actor="0001")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Se registró la existencia de 1 material de existencias.csv."
    assert [(m["code"], m["stock"]) for m in cli.json("material", "list")] == [("ESMALTE", "1234.5")]


# What a command reads is its FILE (an argument or --file); the ranked-ballot tools read BALLOTS.
READ_FILES = ("file", "ballots")


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_that_reads_a_csv_file_takes_the_delimiter_and_the_encoding() -> None:
    readers = {
        name
        for name, command in _commands(typer.main.get_command(app))  # type: ignore[arg-type]
        if any(isinstance(param.type, click.Path) and param.name in READ_FILES for param in command.params)
    }
    assert len(readers) >= 15, sorted(readers)
    for name, command in _commands(typer.main.get_command(app)):  # type: ignore[arg-type]
        if name in readers:
            options = {opt for param in command.params for opt in param.opts}
            assert {"--delimiter", "--encoding"} <= options, name


def test_a_spanish_operator_reads_the_expected_columns_in_spanish(cli: Cli, tmp_path: Path) -> None:
    _secretary(cli)
    file = tmp_path / "asociados.csv"
    file.write_bytes("Número;Nombre;Apellido\r\n0003;José;Núñez\r\n".encode("cp1252"))
    result = cli("--lang", "es", "member", "import", str(file), actor="0001")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: asociados.csv tiene columnas desconocidas Apellido; las columnas son: número, nombre, "
        "sección, cargos, fecha de ingreso (o en inglés: number, name, section, roles, joined_on)."
    )
