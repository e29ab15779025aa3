"""The CSV files people import (members, skills, assessments, products, routings...), read one way.

A file is read as a spreadsheet saves it: UTF-8 (byte-order mark or not) or else Windows-1252
(what Excel in Spanish saves), its cells separated by commas, semicolons or tabs (whichever the
header line uses). The header is matched without regard to case, accents or surrounding spaces,
in English or in Spanish (:mod:`coop.csvheadings`), must hold the required columns and no
unknown ones. Blank lines are skipped; every other line keeps its line number, so that a
refusal can list every bad line at once. Each domain checks the values itself and raises its
own kind of error, given here as ``error``.

An import is all lines or none: ``load_rows`` reads the rows, hands each to the domain's parse
function (which returns a value or raises the domain's error), collects every refusal as a line
of text, and raises one error listing them all, so nothing is saved when any line is bad.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from coop.csvheadings import column_for
from coop.errors import CoopError, InputFileError
from coop.i18n import _, ngettext

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


# Cells are separated by the first of these the header line uses most (comma when it uses none).
DELIMITERS = (",", ";", "\t")
# Characters no spreadsheet's text holds: a file with one is binary, whatever it decodes as.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How read_rows names a column whose heading is empty (no heading can start with a NUL).
_UNNAMED = "\x00unnamed"


def decode(content: bytes, source: str, *, error: type[CoopError] = InputFileError) -> str:
    """The file's text: UTF-8 (with or without byte-order mark), else Windows-1252.

    A file that is neither (or holds control characters, as a binary file does) is refused with
    a sentence naming the first byte that gave it away, never read as mojibake.
    """
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


def read_cells(content: bytes, source: str, *, error: type[CoopError] = InputFileError) -> list[list[str]]:
    """Every line's cells, stripped, for a file read by position rather than by its headings."""
    text = decode(content, source, error=error)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(text))
    return [[cell.strip() for cell in row] for row in reader]


def is_heading(cell: str, column: str) -> bool:
    """Whether a cell is the heading of ``column``, in English or Spanish (``number``, ``Número``)."""
    return column_for(cell, (column,)) == column


def read_rows(
    content: bytes,
    source: str,
    columns: Sequence[str],
    required: Sequence[str],
    *,
    error: type[CoopError] = InputFileError,
) -> tuple[list[CsvRow], list[str]]:
    """The non-blank rows, and a problem for each line with more cells than columns.

    A missing required column or an unknown one refuses the whole file at once.
    """
    text = decode(content, source, error=error)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter_of(text))
    found = [h.strip() for h in (reader.fieldnames or []) if h.strip()]
    # A spreadsheet saves trailing empty columns (``name;section;;``): a column without a heading
    # is left out, as long as none of its cells holds anything.
    header = [
        (column_for(h, columns) or h.strip().lower()) if h.strip() else f"{_UNNAMED}{index}"
        for index, h in enumerate(reader.fieldnames or [])
    ]
    unnamed = [h for h in header if h.startswith(_UNNAMED)]
    if found and not any(h in columns for h in header):
        raise error(
            _(
                "{file} has a header line with none of the columns it needs: it has {found}; "
                "the columns are: {columns}."
            ).format(file=source, found=", ".join(found), columns=", ".join(columns))
        )
    if any(column not in header for column in required):
        raise error(
            _("{file} needs a header line with the columns {required} (all columns: {columns}).").format(
                file=source, required=", ".join(required), columns=", ".join(columns)
            )
        )
    unknown = [h for h in header if h not in columns and h not in unnamed]
    if unknown:
        raise error(
            _("{file} has unknown columns {unknown}; the columns are: {columns}.").format(
                file=source, unknown=", ".join(unknown), columns=", ".join(columns)
            )
        )
    reader.fieldnames = header
    rows: list[CsvRow] = []
    problems: list[str] = []
    for raw in reader:
        if None in raw or any((raw[column] or "").strip() for column in unnamed):
            problems.append(_("line {line}: more cells than columns").format(line=reader.line_num))
            continue
        values = {column: (value or "").strip() for column, value in raw.items() if column not in unnamed}
        if any(values.values()):
            rows.append(CsvRow(reader.line_num, values))
    return rows, problems


def bad_lines(source: str, problems: Sequence[str], *, error: type[CoopError] = InputFileError) -> CoopError:
    """The one error that refuses a file, listing every bad line (nothing is imported)."""
    heading = ngettext(
        "{file} has {count} bad line, so nothing was imported; fix it and import again:",
        "{file} has {count} bad lines, so nothing was imported; fix them and import again:",
        len(problems),
    ).format(file=source, count=len(problems))
    return error(heading + "\n  " + "\n  ".join(problems))


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
) -> list[T]:
    """Every row of a file parsed, or one error listing every bad line (nothing is imported).

    ``empty`` (with ``{file}``) refuses a file with no lines to import.
    """
    rows, problems = read_rows(content, source, columns, required)
    values = parse_all(rows, parse_row, source, catch=catch, problems=problems)
    if not values:
        raise InputFileError(empty.format(file=source))
    return values
