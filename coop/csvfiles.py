"""The CSV files people import (members, skills, assessments, products, routings...), read one way.

A file is UTF-8 (a spreadsheet's "CSV UTF-8", byte-order mark or not) with a header line; the
header is matched without regard to case or surrounding spaces, must hold the required columns
and no unknown ones. Blank lines are skipped; every other line keeps its line number, so that a
refusal can list every bad line at once. Each domain checks the values itself and raises its
own kind of error, given here as ``error``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from coop.errors import CoopError, InputFileError
from coop.i18n import _, ngettext


@dataclass(frozen=True)
class CsvRow:
    """One non-blank line: its number in the file and its cells by column, stripped."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def decode(content: bytes, source: str, *, error: type[CoopError] = InputFileError) -> str:
    """The file's text, or a sentence saying how to save it as UTF-8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(
            _("{file} is not UTF-8 text; save it as CSV UTF-8 and try again.").format(file=source)
        ) from None


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
    reader = csv.DictReader(io.StringIO(decode(content, source, error=error)))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if any(column not in header for column in required):
        raise error(
            _("{file} needs a header line with the columns {required} (all columns: {columns}).").format(
                file=source, required=", ".join(required), columns=", ".join(columns)
            )
        )
    unknown = [h for h in header if h not in columns]
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
        if None in raw:
            problems.append(_("line {line}: more cells than columns").format(line=reader.line_num))
            continue
        values = {column: (value or "").strip() for column, value in raw.items()}
        if any(values.values()):
            rows.append(CsvRow(reader.line_num, values))
    return rows, problems


def bad_lines(
    source: str, problems: Sequence[str], *, error: type[CoopError] = InputFileError
) -> CoopError:
    """The one error that refuses a file, listing every bad line (nothing is imported)."""
    heading = ngettext(
        "{file} has {count} bad line, so nothing was imported; fix it and import again:",
        "{file} has {count} bad lines, so nothing was imported; fix them and import again:",
        len(problems),
    ).format(file=source, count=len(problems))
    return error(heading + "\n  " + "\n  ".join(problems))
