"""coop.csvfiles: one all-or-nothing loader; every bad line listed with its number, nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop import csvfiles
from coop.csvfiles import CsvRow
from coop.csvheadings import column_for
from coop.errors import CoopError, InputFileError, MemberError, PlanError

COLUMNS = ("name", "section", "joined_on")
REQUIRED = ("name",)


def _name(row: CsvRow) -> tuple[int, str, str]:
    if row.get("name") == "bad":
        raise MemberError("the name is bad.")
    if row.get("name") == "twice":
        raise csvfiles.RowRefused(["first reason.", "second reason"])
    return row.line, row.get("name"), row.get("section")


def _load(content: bytes) -> list[tuple[int, str, str]]:
    return csvfiles.load_rows(
        content,
        "people.csv",
        COLUMNS,
        REQUIRED,
        _name,
        catch=MemberError,
        empty="{file} has no people in it.",
    )


@pytest.mark.parametrize(
    ("content", "rows"),
    [
        (b"name,section\nAna,Kilns\n", [(2, "Ana", "Kilns")]),
        # a spreadsheet's "CSV UTF-8": byte-order mark, capitals in the header, CRLF, accents
        (
            "\ufeffName , SECTION\r\nJosé Núñez,Esmaltado\r\nMaría Peña,Hornos\r\n".encode(),
            [(2, "José Núñez", "Esmaltado"), (3, "María Peña", "Hornos")],
        ),
        # blank lines are skipped and later lines keep their numbers; cells are stripped
        (b"name\n\nAna\n   \n  Luis  \n", [(3, "Ana", ""), (5, "Luis", "")]),
        # quoted cells with commas and line breaks inside
        (
            'name,section\n"Peña, María","Hornos\nnorte"\nAna,\n'.encode(),
            [(3, "Peña, María", "Hornos\nnorte"), (4, "Ana", "")],
        ),
        # what Excel in Spanish saves: Windows-1252, semicolons, Spanish headings (accents, capitals)
        (
            "Nombre;Sección;Fecha de ingreso\r\nJosé Núñez;Esmaltado;\r\n".encode("cp1252"),
            [(2, "José Núñez", "Esmaltado")],
        ),
        ("name\nPeña\n".encode("cp1252"), [(2, "Peña", "")]),
        # a semicolon file with one column in the header, and commas inside its cells
        (b"name;;\nPe\xf1a, Mar\xeda;;\n\nAna\n", [(2, "Peña, María", ""), (4, "Ana", "")]),
        # "CSV UTF-8" with a byte-order mark and Spanish headings without accents; tab-separated
        ("\ufeffnombre;seccion\nMaría Peña;Hornos\n".encode(), [(2, "María Peña", "Hornos")]),
        (b"Section\tName\nKilns\tAna\n", [(2, "Ana", "Kilns")]),
    ],
)
def test_load_rows_reads_every_row(content: bytes, rows: list[tuple[int, str, str]]) -> None:
    assert _load(content) == rows


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"name\nAna\nbad\nLuis\nbad\n",
            "people.csv has 2 bad lines, so nothing was imported; fix them and import again:\n"
            "  line 3: the name is bad\n  line 5: the name is bad",
        ),
        (
            b"name\nbad\n",
            "people.csv has 1 bad line, so nothing was imported; fix it and import again:\n"
            "  line 2: the name is bad",
        ),
        (
            # lines with more cells than columns come first, then the lines the parser refused
            b"name,section\nbad\nAna,Kilns,extra\n",
            "people.csv has 2 bad lines, so nothing was imported; fix them and import again:\n"
            "  line 3: more cells than columns\n  line 2: the name is bad",
        ),
        (
            # a column without a heading may be there, empty, but not hold a cell
            b"name;;section\nAna;;Kilns\nLuis;x;\n",
            "people.csv has 1 bad line, so nothing was imported; fix it and import again:\n"
            "  line 3: more cells than columns",
        ),
        (
            b"name\ntwice\n",
            "people.csv has 2 bad lines, so nothing was imported; fix them and import again:\n"
            "  line 2: first reason\n  line 2: second reason",
        ),
        (b"name,section\n\n , \n", "people.csv has no people in it."),
        (
            b"",
            "people.csv is empty; it needs a header line with the columns name, then one line for each "
            "row (the columns are: name, section, joined_on).",
        ),
        (
            b"section\nKilns\n",
            "people.csv needs a header line with the columns name; the columns are: name, section, joined_on.",
        ),
        (b"section\nKilns\n", "people.csv needs a header line with the columns name"),
        (
            b"name,age\nAna,30\n",
            "people.csv has unknown columns age; the columns are: name, section, joined_on.",
        ),
        (
            b"name,section\nAna,Kilns\n\x00\x01",
            "people.csv is not UTF-8 or Windows-1252 text (byte 0x00 at position 24); "
            "save it as CSV UTF-8 and try again.",
        ),
        (
            b"name\nPe\x81a\n",
            "people.csv is not UTF-8 or Windows-1252 text (byte 0x81 at position 8); "
            "save it as CSV UTF-8 and try again.",
        ),
        (
            "número;apellido\n0020;Núñez\n".encode("cp1252"),
            "people.csv has a header line with none of the columns it needs: it has número, apellido; "
            "the columns are: name, section, joined_on.",
        ),
        (
            b"Ana,Kilns\n",
            "people.csv has a header line with none of the columns it needs: it has Ana, Kilns; "
            "the columns are: name, section, joined_on.",
        ),
    ],
)
def test_load_rows_refuses_the_whole_file_with_one_error(content: bytes, message: str) -> None:
    with pytest.raises(InputFileError) as refused:
        _load(content)
    assert refused.value.message.startswith(message)


def test_load_rows_lets_other_errors_through() -> None:
    def parse(row: CsvRow) -> str:
        raise PlanError("not a row problem")

    with pytest.raises(PlanError, match=r"^not a row problem$"):
        csvfiles.load_rows(
            b"name\nAna\n", "people.csv", COLUMNS, REQUIRED, parse, catch=MemberError, empty=""
        )


@pytest.mark.parametrize("error", [InputFileError, PlanError])
def test_parse_all_raises_the_given_kind_of_error_after_earlier_problems(error: type[CoopError]) -> None:
    rows = [CsvRow(2, {"name": "bad"}), CsvRow(4, {"name": "Ana"})]
    with pytest.raises(error) as refused:
        csvfiles.parse_all(
            rows, _name, "f.csv", catch=MemberError, error=error, problems=["line 3: more cells than columns"]
        )
    assert refused.value.message.splitlines()[1:] == [
        "  line 3: more cells than columns",
        "  line 2: the name is bad",
    ]
    assert type(refused.value) is error


def test_parse_all_gives_the_values_in_file_order() -> None:
    rows = [CsvRow(2, {"name": "Ana"}), CsvRow(4, {"name": "Luis"})]
    assert csvfiles.parse_all(rows, _name, "f.csv", catch=MemberError) == [(2, "Ana", ""), (4, "Luis", "")]


@pytest.mark.parametrize("error", [InputFileError, PlanError])
def test_read_file_says_why_a_file_cannot_be_read(tmp_path: Path, error: type[CoopError]) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(error, match=r"^Cannot read .*missing\.csv: No such file or directory\.$"):
        csvfiles.read_file(missing, error=error)
    (tmp_path / "there.csv").write_bytes(b"name\n")
    assert csvfiles.read_file(tmp_path / "there.csv") == b"name\n"


@pytest.mark.parametrize(
    ("content", "cells"),
    [
        (b"number\n0005\n", [["number"], ["0005"]]),
        # a Spanish sign-in sheet: Windows-1252, semicolons, the heading "Número"
        ("Número;Nombre\n0005; Peña \n".encode("cp1252"), [["Número", "Nombre"], ["0005", "Peña"]]),
        (b"\xef\xbb\xbfnumero\tnombre\n0005\tAna\n", [["numero", "nombre"], ["0005", "Ana"]]),
    ],
)
def test_read_cells_splits_lines_as_the_header_line_does(content: bytes, cells: list[list[str]]) -> None:
    assert csvfiles.read_cells(content, "arrivals.csv") == cells
    assert csvfiles.is_heading(cells[0][0], "number")


@pytest.mark.parametrize(
    ("heading", "columns", "column"),
    [
        ("Número", ("number", "name"), "number"),
        (" FECHA DE INGRESO ", ("number", "joined_on"), "joined_on"),
        ("Fecha", ("work_centre", "date", "reason"), "date"),
        ("fecha", ("material", "quantity", "counted_on"), "counted_on"),
        ("Producto", ("parent", "component", "quantity"), "parent"),
        ("producto", ("product", "work_centre"), "product"),
        ("Centro de trabajo", ("product", "work_centre"), "work_centre"),
        ("joined on", ("joined_on",), "joined_on"),
        ("fecha", ("number", "name"), None),
        ("edad", ("number", "name"), None),
    ],
)
def test_a_spanish_heading_names_the_column_its_import_has(
    heading: str, columns: tuple[str, ...], column: str | None
) -> None:
    assert column_for(heading, columns) == column
