"""coop.csvfiles: one all-or-nothing loader; every bad line listed with its number, nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop import csvfiles, i18n, messages
from coop.csvfiles import CsvRow
from coop.csvheadings import SPANISH_NAMES, column_for
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
        # quoted cells with commas and line breaks inside: a row is numbered by the line it starts on
        (
            'name,section\n"Peña, María","Hornos\nnorte"\nAna,\n'.encode(),
            [(2, "Peña, María", "Hornos\nnorte"), (4, "Ana", "")],
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
            "row; the columns are: name, section, joined_on.",
        ),
        (
            b"section\nKilns\n",
            "people.csv needs a header line with the columns name; "
            "the columns are: name, section, joined_on.",
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


# --- what a file that cannot be read is told --------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # cells separated by a character no spreadsheet uses for CSV
        (
            b"name|section\nAna|Kilns\n",
            "people.csv separates its cells with '|', which coop does not read; save it with commas, "
            "semicolons or tabs between the cells (its header line: name|section).",
        ),
        # the same column twice, under its two languages (or twice in one)
        (
            "name;Nombre;section\nAna;Ana;Kilns\n".encode("cp1252"),
            "people.csv has the column name twice, as 'name' and as 'Nombre'; "
            "keep one of them and import again.",
        ),
        (
            b"Section,name,SECTION\nKilns,Ana,Kilns\n",
            "people.csv has the column section twice, as 'Section' and as 'SECTION'; keep one of them",
        ),
        # empty, or only blank lines
        (b"\r\n  \r\n", "people.csv is empty; it needs a header line with the columns name, then one line"),
        # a binary file, and a workbook saved as .xlsx or .xls but named .csv
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "people.csv is not UTF-8 or Windows-1252 text (byte 0x1A at position 7)",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "people.csv is a spreadsheet workbook, not a CSV file; save it from"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "people.csv is a spreadsheet workbook, not a CSV file"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_sentence_naming_what_was_found(
    content: bytes, message: str
) -> None:
    with pytest.raises(InputFileError) as refused:
        _load(content)
    assert refused.value.message.startswith(message)
    assert "\n" not in refused.value.message


def test_a_spanish_operator_is_told_the_spanish_headings_and_the_english_ones() -> None:
    with i18n.using("es"), pytest.raises(InputFileError) as refused:
        _load(b"name,edad\nAna,30\n")
    assert refused.value.message == (
        "people.csv tiene columnas desconocidas edad; las columnas son: nombre, sección, fecha de ingreso "
        "(o en inglés: name, section, joined_on)."
    )
    with i18n.using("es"), pytest.raises(InputFileError) as refused:
        _load("Sección\nHornos\n".encode("cp1252"))
    assert refused.value.message == (
        "people.csv necesita una línea de encabezado con las columnas nombre; las columnas son: nombre, "
        "sección, fecha de ingreso (o en inglés: name, section, joined_on)."
    )
    with i18n.using("es"), pytest.raises(InputFileError) as refused:
        _load("Nombre;name\nAna;Ana\n".encode("cp1252"))
    assert refused.value.message.startswith(
        "people.csv tiene dos veces la columna nombre, como 'Nombre' y como 'name'"
    )


@pytest.mark.parametrize("column", sorted(SPANISH_NAMES))
def test_every_spanish_heading_a_refusal_lists_is_read_back_as_its_column(column: str) -> None:
    assert column_for(SPANISH_NAMES[column], (column,)) == column


# --- a delimiter and an encoding named by the operator ---------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding", "dialect"),
    [
        (None, None, csvfiles.CsvDialect(None, None)),
        (";", "windows-1252", csvfiles.CsvDialect("cp1252", ";")),
        ("semicolon", "CP1252", csvfiles.CsvDialect("cp1252", ";")),
        ("tab", "latin1", csvfiles.CsvDialect("latin-1", "\t")),
        ("Tabulador", "ISO-8859-1", csvfiles.CsvDialect("latin-1", "\t")),
        ("punto-y-coma", "windows_1252", csvfiles.CsvDialect("cp1252", ";")),
        ("\t", "utf8", csvfiles.CsvDialect("utf-8", "\t")),
        (",", "utf-8-sig", csvfiles.CsvDialect("utf-8-sig", ",")),
    ],
)
def test_a_named_dialect_reads_every_spelling(
    delimiter: str | None, encoding: str | None, dialect: csvfiles.CsvDialect
) -> None:
    assert csvfiles.CsvDialect.named(delimiter=delimiter, encoding=encoding) == dialect


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ({"delimiter": "|"}, "'|' is not a delimiter coop reads; name one of: , (comma) ; (semicolon) tab."),
        ({"encoding": "utf-16"}, "utf-16 is not an encoding coop reads; name one of: utf-8, utf-8-sig, "),
    ],
)
def test_a_dialect_coop_does_not_read_is_one_sentence(words: dict[str, str], message: str) -> None:
    with pytest.raises(PlanError) as refused:
        csvfiles.CsvDialect.named(**words, error=PlanError)
    assert refused.value.message.startswith(message)


SPANISH_SHEET = "Nombre;Sección\r\nJosé Núñez;Esmaltado\r\n"


@pytest.mark.parametrize(
    ("content", "dialect"),
    [
        (SPANISH_SHEET.encode("cp1252"), csvfiles.CsvDialect("cp1252", ";")),
        (SPANISH_SHEET.encode("cp1252"), csvfiles.CsvDialect("latin-1", None)),
        (b"\xef\xbb\xbf" + SPANISH_SHEET.encode(), csvfiles.CsvDialect("utf-8", None)),
        (b"\xef\xbb\xbf" + SPANISH_SHEET.encode(), csvfiles.CsvDialect("utf-8-sig", ";")),
        (SPANISH_SHEET.replace(";", "\t").encode(), csvfiles.CsvDialect(None, "\t")),
        # a semicolon named: the comma inside a name is part of it
        ("Nombre;Sección\r\nNúñez, José;Esmaltado\r\n".encode("cp1252"), csvfiles.CsvDialect(None, ";")),
    ],
)
def test_load_rows_reads_the_named_dialect(content: bytes, dialect: csvfiles.CsvDialect) -> None:
    rows = csvfiles.load_rows(
        content, "people.csv", COLUMNS, REQUIRED, _name, catch=MemberError, empty="", dialect=dialect
    )
    assert [(section, name.replace("Núñez, José", "José Núñez")) for _line, name, section in rows] == [
        ("Esmaltado", "José Núñez")
    ]


@pytest.mark.parametrize(
    ("content", "dialect", "message"),
    [
        (
            SPANISH_SHEET.encode("cp1252"),
            csvfiles.CsvDialect("utf-8", None),
            "people.csv is not utf-8 text (byte 0xF3 at position 13); name its encoding with --encoding, "
            "or leave it out to have it detected.",
        ),
        (
            SPANISH_SHEET.encode("cp1252"),
            csvfiles.CsvDialect(None, "\t"),
            "people.csv has no tabs in its header line, but it has semicolons (;); name that delimiter "
            "with --delimiter, or leave it out to have it detected.",
        ),
        (
            b"name\nAna\x00\n",
            csvfiles.CsvDialect("latin-1", None),
            "people.csv is not a text file (byte 0x00 at position 9); save it as CSV and try again.",
        ),
    ],
)
def test_a_wrongly_named_dialect_says_what_the_file_has(
    content: bytes, dialect: csvfiles.CsvDialect, message: str
) -> None:
    with pytest.raises(InputFileError) as refused:
        csvfiles.load_rows(
            content, "people.csv", COLUMNS, REQUIRED, _name, catch=MemberError, empty="", dialect=dialect
        )
    assert refused.value.message == message


def test_read_cells_reads_the_named_dialect() -> None:
    content = "Número\tNombre\r\n0005\tPeña\r\n".encode("cp1252")
    named = csvfiles.CsvDialect("cp1252", "\t")
    assert csvfiles.read_cells(content, "arrivals.csv", dialect=named) == [
        ["Número", "Nombre"],
        ["0005", "Peña"],
    ]


# --- Files that are not what they seem: one sentence, never an internal error (issue 18) -------


def test_cr_only_line_endings_are_read_as_lines() -> None:
    """A spreadsheet's "CSV (Macintosh)" ends its lines with a carriage return alone."""
    assert _load(b"name,section\rAna,Kilns\rLuis,Presses\r") == [(2, "Ana", "Kilns"), (3, "Luis", "Presses")]


def test_an_unterminated_quote_is_refused_naming_the_line_it_opens_on() -> None:
    content = b'name,section\n"Ana,Hornos\nBea,Hornos\nCarla,Prensas\n'
    with pytest.raises(InputFileError) as refused:
        _load(content)
    assert refused.value.message.startswith('people.csv, line 2: a quote (") opens a cell and never closes')


def test_a_quote_closed_before_the_cell_ends_is_refused_naming_the_line() -> None:
    with pytest.raises(InputFileError) as refused:
        _load(b'name,section\nAna,Kilns\n"Bea" Paz,Kilns\n')
    assert refused.value.message.startswith("people.csv, line 3: the quotes of a cell do not close")


def test_a_duplicated_header_column_is_refused() -> None:
    with pytest.raises(InputFileError) as refused:
        _load(b"name,section,name\nAna,Kilns,Bea\n")
    assert "has the column name twice" in refused.value.message


def test_a_cell_longer_than_any_spreadsheet_saves_is_one_sentence() -> None:
    with pytest.raises(InputFileError) as refused:
        _load(b"name,section\nAna,Kilns\nLuis," + b"A" * 200_000 + b"\n")
    assert refused.value.message.startswith("people.csv, line 3: a cell is longer than 131,072 characters")


def test_a_refusal_lists_the_first_20_bad_lines_and_counts_the_rest() -> None:
    content = b"name\n" + b"bad\n" * 1000
    with pytest.raises(InputFileError) as refused:
        _load(content)
    lines = refused.value.message.splitlines()
    assert lines[0] == "people.csv has 1000 bad lines, so nothing was imported; fix them and import again:"
    assert lines[1:21] == [f"  line {n}: the name is bad" for n in range(2, 22)]
    assert lines[21:] == ["  and 980 more bad lines"]


def test_an_echoed_value_is_cut_to_a_readable_length() -> None:
    long = "x" * 5000
    assert messages.readable(f"'{long}' is not a number.") == f"'{long[:59]}… is not a number."
    assert messages.readable("short 'value' stays") == "short 'value' stays"
    with pytest.raises(InputFileError) as refused:
        _load(f"name,{long}\nAna,1\n".encode())
    assert len(refused.value.message) < 400, refused.value.message


def test_any_refusal_reaches_the_terminal_as_a_screenful() -> None:
    """The last guard (coop.cli.main): the first 20 listed lines and a count, no value of thousands
    of characters, no control character, at most 3,000 characters."""
    listing = "2211 refused votes:\n" + "\n".join(f"  line {n}: twice" for n in range(2, 2213))
    shown = messages.brief(listing).splitlines()
    assert shown[:2] == ["2211 refused votes:", "  line 2: twice"]
    assert shown[20:] == ["  line 21: twice", "  and 2191 more lines"]
    assert messages.brief("No member '" + "9" * 5000 + "'.") == "No member '" + "9" * 59 + "…"
    assert messages.brief("a\x1b]0;x\x07b\tc") == "a]0;xb\tc"
    assert len(messages.brief(" ".join(["word"] * 5000))) == messages.LONGEST_MESSAGE + 1
