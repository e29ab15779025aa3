"""The CSV files people import (members, skills, assessments, products, routings...), read one way.

A file is read as a spreadsheet saves it: UTF-8 (byte-order mark or not) or else Windows-1252
(what Excel in Spanish saves), its cells separated by commas, semicolons or tabs (whichever the
header line uses). The header is matched without regard to case, accents or surrounding spaces,
in English or in Spanish (:mod:`coop.csvheadings`), must hold the required columns and no
unknown ones. Blank lines are skipped; every other line keeps its line number, so that a
refusal can list every bad line at once. Each domain checks the values itself and raises its
own kind of error, given here as ``error``.

The encoding and the delimiter are detected unless the operator names them (``--encoding``,
``--delimiter``): a :class:`CsvDialect` carries what was named from the command line, through
the API, to here. A file that cannot be read (a workbook saved as .xlsx, another separator, the
same column under its English and its Spanish heading) is refused in one sentence naming what
was found; to a Spanish-speaking operator the columns are listed by their Spanish headings.

An import is all lines or none: ``load_rows`` reads the rows, hands each to the domain's parse
function (which returns a value or raises the domain's error), collects every refusal as a line
of text, and raises one error listing them all, so nothing is saved when any line is bad.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from coop.csvheadings import column_for, spanish_names
from coop.errors import CoopError, InputFileError
from coop.i18n import _, current_language, ngettext
from coop.messages import SHOWN_PROBLEMS, readable

T = TypeVar("T")


@dataclass(frozen=True)
class CsvRow:
    """One non-blank line: its number in the file and its cells by column, stripped."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def read_file(path: Path, *, error: type[CoopError] = InputFileError) -> bytes:
    """The file's bytes, or a sentence saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as refusal:
        raise error(
            _("Cannot read {file}: {reason}.").format(file=path, reason=refusal.strerror or refusal)
        ) from None


# The encodings an operator may name, by every spelling they may use, as Python names them.
ENCODINGS: dict[str, str] = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "cp1252": "cp1252",
    "windows-1252": "cp1252",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-1": "latin-1",
}
# The delimiters an operator may name: the character itself or its name (a tab is hard to type).
DELIMITER_NAMES: dict[str, str] = {
    ",": ",",
    "comma": ",",
    "coma": ",",
    ";": ";",
    "semicolon": ";",
    "punto-y-coma": ";",
    "tab": "\t",
    "\\t": "\t",
    "\t": "\t",
    "tabulador": "\t",
}


@dataclass(frozen=True)
class CsvDialect:
    """How to read a file: its encoding and delimiter as Python names them, None where detected."""

    encoding: str | None = None
    delimiter: str | None = None

    @classmethod
    def named(
        cls,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        error: type[CoopError] = InputFileError,
    ) -> CsvDialect:
        """The dialect an operator named (``cp1252``, ``windows-1252``; ``;``, ``tab``), or one sentence."""
        return cls(
            encoding=encoding_named(encoding, error=error) if encoding else None,
            delimiter=delimiter_named(delimiter, error=error) if delimiter else None,
        )


DETECT = CsvDialect()


def encoding_named(word: str, *, error: type[CoopError] = InputFileError) -> str:
    """The encoding an operator named, as Python names it; an unknown one refused in one sentence."""
    encoding = ENCODINGS.get(word.strip().lower().replace("_", "-"))
    if encoding is None:
        raise error(
            _("{value} is not an encoding coop reads; name one of: {encodings}.").format(
                value=word, encodings="utf-8, utf-8-sig, cp1252 (windows-1252), latin-1"
            )
        )
    return encoding


def delimiter_named(word: str, *, error: type[CoopError] = InputFileError) -> str:
    """The delimiter an operator named (``,`` ``;`` or ``tab``); another refused in one sentence."""
    delimiter = DELIMITER_NAMES.get(word if word.strip() == "" else word.strip().lower())
    if delimiter is None:
        raise error(
            _("{value} is not a delimiter coop reads; name one of: , (comma) ; (semicolon) tab.").format(
                value=repr(word)
            )
        )
    return delimiter


# Cells are separated by the first of these the header line uses most (comma when it uses none).
DELIMITERS = (",", ";", "\t")
# Characters no spreadsheet's text holds: a file with one is binary, whatever it decodes as.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How read_rows names a column whose heading is empty (no heading can start with a NUL).
_UNNAMED = "\x00unnamed"


# How the files of a spreadsheet program begin: a file saved as a workbook rather than as CSV.
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def decode(
    content: bytes,
    source: str,
    *,
    dialect: CsvDialect = DETECT,
    error: type[CoopError] = InputFileError,
) -> str:
    """The file's text: UTF-8 (with or without byte-order mark), else Windows-1252, or the named encoding.

    A file that is neither (or holds control characters, as a binary file does) is refused with
    a sentence naming the first byte that gave it away, never read as mojibake.
    """
    if content.startswith(_WORKBOOKS):
        raise error(
            _(
                "{file} is a spreadsheet workbook, not a CSV file; save it from the spreadsheet "
                "as CSV UTF-8 and import that file."
            ).format(file=source)
        )
    if dialect.encoding is not None:
        return _decode_as(content, source, dialect.encoding, error=error)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text) is None:
            return text
        break  # decoded, but binary: Windows-1252 would only read it as mojibake
    offending = _first_foreign_byte(content)
    raise error(
        _(
            "{file} is not UTF-8 or Windows-1252 text (byte {byte} at position {position}); "
            "save it as CSV UTF-8 and try again."
        ).format(file=source, byte=f"0x{content[offending]:02X}", position=offending + 1)
    ) from None


def _decode_as(content: bytes, source: str, encoding: str, *, error: type[CoopError]) -> str:
    """The file's text in the encoding the operator named (a byte-order mark is not part of it)."""
    try:
        text = content.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as refusal:
        raise error(
            _(
                "{file} is not {encoding} text (byte {byte} at position {position}); name its "
                "encoding with --encoding, or leave it out to have it detected."
            ).format(
                file=source,
                encoding=encoding,
                byte=f"0x{content[refusal.start]:02X}",
                position=refusal.start + 1,
            )
        ) from None
    control = _CONTROL.search(text)
    if control is not None:
        position = _first_foreign_byte(content)
        raise error(
            _(
                "{file} is not a text file (byte {byte} at position {position}); "
                "save it as CSV and try again."
            ).format(file=source, byte=f"0x{content[position]:02X}", position=position + 1)
        )
    return text


def _first_foreign_byte(content: bytes) -> int:
    """Where a file stops being text: its first control byte, or the first Windows-1252 cannot read."""
    for position, byte in enumerate(content):
        if _CONTROL.match(chr(byte)) or byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
            return position
    return 0


def delimiter_of(text: str) -> str:
    """The character that separates the cells of the header line (its first non-blank line)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    most = max(counts.values())
    return next(delimiter for delimiter in DELIMITERS if counts[delimiter] == most) if most else ","


def csv_lines(
    text: str, delimiter: str, source: str, *, error: type[CoopError] = InputFileError
) -> Iterator[tuple[int, list[str]]]:
    """Each row of the text with the number of the line it starts on (an empty line is ``[]``).

    Lines may end as any spreadsheet ends them (``\r\n``, ``\n``, or ``\r`` alone, as "CSV
    (Macintosh)" saves). A quote that opens a cell and never closes, a cell too long for any
    spreadsheet, or quotes that do not close where the cell ends are refused in one sentence naming
    the line, rather than read as one cell that swallows the rest of the file.
    """
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as refusal:
        raise error(_csv_refusal(source, line, str(refusal))) from None


def _csv_refusal(source: str, line: int, reason: str) -> str:
    """Why the CSV reader stopped, in the operator's words."""
    if "unexpected end of data" in reason:
        return _(
            '{file}, line {line}: a quote (") opens a cell and never closes, so the rest of the file '
            "would be read as that one cell; close the quote or remove it, and import again."
        ).format(file=source, line=line)
    if "field larger than field limit" in reason:
        return _(
            "{file}, line {line}: a cell is longer than {limit} characters, which no spreadsheet "
            "saves; check that this is the file you meant to import."
        ).format(file=source, line=line, limit=f"{csv.field_size_limit():,}")
    return _(
        "{file}, line {line}: the quotes of a cell do not close where the cell ends; put the whole "
        'cell between quotes and double every quote inside it (""), and import again.'
    ).format(file=source, line=line)


def read_cells(
    content: bytes,
    source: str,
    *,
    dialect: CsvDialect = DETECT,
    error: type[CoopError] = InputFileError,
) -> list[list[str]]:
    """Every line's cells, stripped, for a file read by position rather than by its headings."""
    text = decode(content, source, dialect=dialect, error=error)
    lines = csv_lines(text, dialect.delimiter or delimiter_of(text), source, error=error)
    return [[cell.strip() for cell in row] for _line, row in lines]


def is_heading(cell: str, column: str) -> bool:
    """Whether a cell is the heading of ``column``, in English or Spanish (``number``, ``Número``)."""
    return column_for(cell, (column,)) == column


def _in_spanish() -> bool:
    return current_language().split("_")[0] == "es"


def _names(columns: Sequence[str]) -> str:
    """Columns as the operator reads them: in Spanish, the headings of a Spanish spreadsheet."""
    return ", ".join(spanish_names(columns) if _in_spanish() else columns)


def _column_list(columns: Sequence[str]) -> str:
    """Every column of an import, for a refusal: in Spanish, the Spanish headings and the English ones."""
    if not _in_spanish():
        return ", ".join(columns)
    return _("{headings} (or in English: {columns})").format(
        headings=_names(columns), columns=", ".join(columns)
    )


# Characters that belong in a heading (``Merma (%)``, ``Nro.``): any other one, in a header line of
# one cell, is how the file separates its cells.
_HEADING_CHARACTERS = frozenset(" _-%().#º°'\"")


def _no_known_column(source: str, found: Sequence[str], dialect: CsvDialect, columns: Sequence[str]) -> str:
    """Why a header line names no column of the import: another delimiter, or other headings."""
    if len(found) == 1:
        line = found[0]
        named = dialect.delimiter
        others = [d for d in DELIMITERS if d != named and d in line]
        if named is not None and others:
            return _(
                "{file} has no {named} in its header line, but it has {found}; name that delimiter "
                "with --delimiter, or leave it out to have it detected."
            ).format(file=source, named=_delimiter_word(named), found=_delimiter_word(others[0]))
        separators = [c for c in line if not c.isalnum() and c not in _HEADING_CHARACTERS]
        if separators:
            separator = max(separators, key=separators.count)
            return _(
                "{file} separates its cells with {separator}, which coop does not read; save it "
                "with commas, semicolons or tabs between the cells (its header line: {line})."
            ).format(file=source, separator=repr(separator), line=line)
    return _(
        "{file} has a header line with none of the columns it needs: it has {found}; "
        "the columns are: {columns}."
    ).format(file=source, found=_listed(found), columns=_column_list(columns))


def _listed(values: Sequence[str]) -> str:
    """Values found in a file, for a refusal: the first few, then an ellipsis."""
    shown = ", ".join(values[:SHOWN_PROBLEMS])
    return shown + ", …" if len(values) > SHOWN_PROBLEMS else shown


def _delimiter_word(delimiter: str) -> str:
    return {",": _("commas (,)"), ";": _("semicolons (;)"), "\t": _("tabs")}[delimiter]


def read_rows(
    content: bytes,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    *,
    dialect: CsvDialect = DETECT,
    error: type[CoopError] = InputFileError,
) -> tuple[list[CsvRow], list[str]]:
    """The non-blank rows, and a problem for each line with more cells than columns.

    A missing required column or an unknown one refuses the whole file at once.
    """
    text = decode(content, source, dialect=dialect, error=error)
    if not text.strip():
        raise error(
            _(
                "{file} is empty; it needs a header line with the columns {required}, then one line "
                "for each row; the columns are: {columns}."
            ).format(file=source, required=_names(required), columns=_column_list(columns))
        )
    lines = csv_lines(text, dialect.delimiter or delimiter_of(text), source, error=error)
    headings = [readable(h.strip()) for h in next((cells for _line, cells in lines if cells), [])]
    found = [h for h in headings if h]
    # A spreadsheet saves trailing empty columns (``name;section;;``): a column without a heading
    # is left out, as long as none of its cells holds anything.
    header = [
        (column_for(h, columns) or h.lower()) if h else f"{_UNNAMED}{index}"
        for index, h in enumerate(headings)
    ]
    unnamed = [h for h in header if h.startswith(_UNNAMED)]
    if found and not any(h in columns for h in header):
        raise error(_no_known_column(source, found, dialect, columns))
    first_heading: dict[str, str] = {}
    for heading, column in zip(headings, header, strict=True):
        if column in first_heading:
            raise error(
                _(
                    "{file} has the column {column} twice, as '{first}' and as '{second}'; "
                    "keep one of them and import again."
                ).format(file=source, column=_names([column]), first=first_heading[column], second=heading)
            )
        if column in columns:
            first_heading[column] = heading
    if any(column not in header for column in required):
        raise error(
            _("{file} needs a header line with the columns {required}; the columns are: {columns}.").format(
                file=source, required=_names(required), columns=_column_list(columns)
            )
        )
    unknown = [h for h, column in zip(headings, header, strict=True) if h and column not in columns]
    if unknown:
        raise error(
            _("{file} has unknown columns {unknown}; the columns are: {columns}.").format(
                file=source, unknown=_listed(unknown), columns=_column_list(columns)
            )
        )
    rows: list[CsvRow] = []
    problems: list[str] = []
    for line, cells in lines:
        if not cells:
            continue  # an empty line
        raw = dict(zip(header, cells, strict=False))
        if len(cells) > len(header) or any(raw.get(column, "").strip() for column in unnamed):
            problems.append(_("line {line}: more cells than columns").format(line=line))
            continue
        values = {column: _as_typed(raw.get(column, "")) for column in header if column not in unnamed}
        if any(values.values()):
            rows.append(CsvRow(line, values))
    return rows, problems


def _as_typed(cell: str) -> str:
    """A cell stripped, and without the ``'`` an export put before a leading ``= + - @`` so that no
    spreadsheet runs it as a formula (``'=Ana`` reads back as ``=Ana``): an export imports back."""
    cell = cell.strip()
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def bad_lines(source: str, problems: Sequence[str], *, error: type[CoopError] = InputFileError) -> CoopError:
    """The one error that refuses a file (nothing is imported): its first bad lines, a count of the rest."""
    heading = ngettext(
        "{file} has {count} bad line, so nothing was imported; fix it and import again:",
        "{file} has {count} bad lines, so nothing was imported; fix them and import again:",
        len(problems),
    ).format(file=source, count=len(problems))
    shown = [readable(problem) for problem in problems[:SHOWN_PROBLEMS]]
    hidden = len(problems) - len(shown)
    if hidden:
        shown.append(
            ngettext("and {count} more bad line", "and {count} more bad lines", hidden).format(count=hidden)
        )
    return error(heading + "\n  " + "\n  ".join(shown))


class RowRefused(CoopError):
    """A line refused for several reasons at once, each listed on its own line of the refusal."""

    def __init__(self, reasons: Sequence[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


def line_problem(line: int, reason: str) -> str:
    """One bad line as the refusal lists it: ``line 4: the name is empty``."""
    return _("line {line}: {reason}").format(line=line, reason=reason.rstrip("."))


def parse_all(
    rows: Iterable[CsvRow],
    parse_row: Callable[[CsvRow], T],
    source: str,
    *,
    catch: type[CoopError],
    error: type[CoopError] = InputFileError,
    problems: Sequence[str] = (),
) -> list[T]:
    """Each row parsed, or one error listing every line ``parse_row`` refused with ``catch``
    (or with :class:`RowRefused`, one entry per reason).

    ``problems`` found before (lines with too many cells) head the list.
    """
    found = list(problems)
    values: list[T] = []
    for row in rows:
        try:
            values.append(parse_row(row))
        except RowRefused as refused:
            found.extend(line_problem(row.line, reason) for reason in refused.reasons)
        except catch as refusal:
            found.append(line_problem(row.line, refusal.message))
    if found:
        raise bad_lines(source, found, error=error)
    return values


def load_rows(
    content: bytes,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    parse_row: Callable[[CsvRow], T],
    *,
    catch: type[CoopError],
    empty: str,
    dialect: CsvDialect = DETECT,
) -> list[T]:
    """Every row of a file parsed, or one error listing every bad line (nothing is imported).

    ``empty`` (with ``{file}``) refuses a file with no lines to import.
    """
    rows, problems = read_rows(content, source, columns, required, dialect=dialect)
    values = parse_all(rows, parse_row, source, catch=catch, problems=problems)
    if not values:
        raise InputFileError(empty.format(file=source))
    return values
