"""The conformance ``ballots.csv``: read in batches, identical rows counted as they stream by.

And written back, for ``coop votes tabulate``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from coop.csvfiles import DETECT, CsvDialect, csv_lines, delimiter_of
from coop.errors import BallotFileError
from coop.i18n import _, ngettext
from coop.votes.ballot_files.common import (
    _ROWS_PER_BATCH,
    _WHOLE_NUMBER,
    MULTI_MARK_SEPARATOR,
    OVERVOTE_TOKEN,
    BallotSet,
    ProgressCallback,
    _first_undecodable_line,
    fail_at,
    write_atomically,
)
from coop.votes.tally.ballots import OVERVOTE, Rank, RankedBallot
from coop.votes.tally.rules import (
    CountRules,
    OvervoteRule,
)

# --------------------------------------------------------------------------- ballots.csv


class LineProblem(Exception):
    """A distinct CSV row or BLT line that is not valid; the reader then names its first line."""


def read_ballots_csv(
    path: Path | str,
    rules: CountRules,
    *,
    progress: ProgressCallback | None = None,
    dialect: CsvDialect = DETECT,
) -> BallotSet:
    """Read ``weight,rank1,...,rankN`` rows (the conformance ``ballots.csv`` format).

    Blank lines are skipped; a row whose rank cells are all empty is a ballot with no rankings.
    The file is UTF-8, as the conformance format has it, unless ``dialect`` names another
    encoding; its cells are separated as its header line separates them, or by the named delimiter.
    """
    path = Path(path)
    size = _file_size(path)
    try:
        return _read_ballots(path, size, rules, progress, dialect)
    except UnicodeDecodeError:
        raise fail_at(
            path,
            _first_undecodable_line(path, _python_encoding(dialect)),
            _(
                "the file is not {encoding} text (save it as UTF-8, or name its encoding with --encoding)."
            ).format(encoding=dialect.encoding or "UTF-8"),
        ) from None


def _python_encoding(dialect: CsvDialect) -> str:
    """The codec to open a file with: a UTF-8 file may begin with a byte-order mark."""
    return "utf-8-sig" if dialect.encoding in (None, "utf-8") else dialect.encoding


def _read_ballots(
    path: Path, size: int, rules: CountRules, progress: ProgressCallback | None, dialect: CsvDialect
) -> BallotSet:
    counts: Counter[tuple[str, ...]] = Counter()
    try:
        with path.open("r", encoding=_python_encoding(dialect), newline="") as stream:
            first = stream.readline()
            delimiter = dialect.delimiter or delimiter_of(first)
            dialect = CsvDialect(dialect.encoding, delimiter)
            # Strict: an unterminated quote is an error, not one cell that swallows the rest of the file.
            reader = csv.reader(chain([first] if first else [], stream), delimiter=delimiter, strict=True)
            header = next(reader, None)
            if header is None:
                raise fail_at(path, 1, _("the file is empty; it needs the header weight,rank1,rank2,..."))
            columns = _check_header(path, header, rules)
            raw_position = stream.buffer.tell
            while batch := list(map(tuple, islice(reader, _ROWS_PER_BATCH))):
                counts.update(batch)
                if progress is not None:
                    progress(raw_position(), size)
    except csv.Error as error:
        raise _csv_refusal(path, dialect, reader.line_num, error) from None
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be read ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None
    if progress is not None:
        progress(size, size)
    return _ballots_from_rows(path, counts, columns, rules, dialect)


def _csv_refusal(path: Path, dialect: CsvDialect, line: int, error: csv.Error) -> BallotFileError:
    """The sentence for a file that is not valid CSV, naming the line where the broken row starts.

    The streaming reader only knows where it stopped; reading the file again, on this error path
    only, finds the row (as every importer names it).
    """
    try:
        text = path.read_text(encoding=_python_encoding(dialect))
        for _line, _cells in csv_lines(
            text, dialect.delimiter or delimiter_of(text), str(path), error=BallotFileError
        ):
            pass
    except BallotFileError as refusal:
        return refusal
    except (OSError, UnicodeDecodeError):
        pass
    return fail_at(path, line, _("this is not valid CSV ({reason}).").format(reason=error))


def _file_size(path: Path) -> int:
    try:
        if path.is_dir():
            raise BallotFileError(_("{path} is a folder, not a file.").format(path=path))
        return path.stat().st_size
    except FileNotFoundError:
        raise BallotFileError(_("{path}: no such file.").format(path=path)) from None


def _check_header(path: Path, header: list[str], rules: CountRules) -> int:
    ranks = len(header) - 1
    expected = ["weight", *(f"rank{number}" for number in range(1, ranks + 1))]
    if ranks < 1 or [cell.strip() for cell in header] != expected:
        shown = ",".join(header)[:80]
        raise fail_at(
            path,
            1,
            _('the first line must be the header weight,rank1,rank2,... but it is "{found}".').format(
                found=shown
            ),
        )
    if rules.max_rankings is not None and ranks != rules.max_rankings:
        raise fail_at(
            path,
            1,
            _("the header has {ranks} rank columns but the rules allow {limit} rankings.").format(
                ranks=ranks, limit=rules.max_rankings
            ),
        )
    return len(header)


def _ballots_from_rows(
    path: Path, counts: Counter[tuple[str, ...]], columns: int, rules: CountRules, dialect: CsvDialect
) -> BallotSet:
    known = set(rules.counted_candidates)
    cell_cache: dict[str, Rank] = {}
    groups: dict[tuple[Rank, ...], int] = {}
    total = 0
    rows = 0
    for row, repeats in counts.items():  # in order of first appearance: the first bad row is the earliest
        if not row:
            continue  # a blank line
        try:
            weight, ranks = _parse_row(row, columns, known, rules, cell_cache)
        except LineProblem as problem:
            raise fail_at(path, _first_line_of_row(path, row, dialect), str(problem)) from None
        rows += repeats
        total += weight * repeats
        groups[ranks] = groups.get(ranks, 0) + weight * repeats
    return BallotSet(
        ballots=tuple(RankedBallot(ranks, weight) for ranks, weight in groups.items()),
        total_ballots=total,
        rows=rows,
    )


def _parse_row(
    row: tuple[str, ...], columns: int, known: set[str], rules: CountRules, cell_cache: dict[str, Rank]
) -> tuple[int, tuple[Rank, ...]]:
    if len(row) != columns:
        raise LineProblem(
            ngettext(
                "expected {expected} cells (the weight and {ranks} rank) but found {found}.",
                "expected {expected} cells (the weight and {ranks} ranks) but found {found}.",
                columns - 1,
            ).format(expected=columns, ranks=columns - 1, found=len(row))
        )
    weight_text = row[0].strip()
    if not _WHOLE_NUMBER.fullmatch(weight_text) or int(weight_text) < 1:
        raise LineProblem(
            _('the weight must be a whole number of at least 1, not "{weight}".').format(weight=row[0])
        )
    ranks = []
    for position, cell in enumerate(row[1:], start=1):
        rank = cell_cache.get(cell, ())
        if cell not in cell_cache:
            rank = cell_cache[cell] = _parse_cell(cell, known, rules)
        if rank is OVERVOTE and rules.overvote is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
            raise LineProblem(
                _(
                    'rank {rank} says "overvote" but the overvote rule exhaust_if_multiple_continuing '
                    "needs the marked names (write them as A|B)."
                ).format(rank=position)
            )
        ranks.append(rank)
    return int(weight_text), tuple(ranks)


def _parse_cell(cell: str, known: set[str], rules: CountRules) -> Rank:
    if cell in known:
        return (cell,)
    if not cell.strip():
        return ()
    if cell == OVERVOTE_TOKEN:
        return OVERVOTE
    names = tuple(cell.split(MULTI_MARK_SEPARATOR)) if MULTI_MARK_SEPARATOR in cell else (cell,)
    for name in names:
        if name not in known:
            raise LineProblem(_('"{name}" is not one of the candidates in the rules.').format(name=name))
    return names


def _first_line_of_row(path: Path, wanted: tuple[str, ...], dialect: CsvDialect) -> int:
    return first_line_where(path, lambda row: row == wanted, dialect=dialect)


def first_line_where(
    path: Path, matches: Callable[[tuple[str, ...]], bool], *, dialect: CsvDialect = DETECT
) -> int:
    """The line on which the first CSV row that ``matches`` starts (only read on the error path).

    ``dialect`` is the one the file was read in; what it leaves out is found as the reader found it
    (a byte the encoding cannot read changes no line, so it is replaced rather than refused).
    """
    with path.open("r", encoding=_python_encoding(dialect), errors="replace", newline="") as stream:
        first = stream.readline()
        lines = chain([first] if first else [], stream)
        reader = csv.reader(lines, delimiter=dialect.delimiter or delimiter_of(first))
        line_before = 0
        for row in reader:
            if matches(tuple(row)):
                return line_before + 1
            line_before = reader.line_num
    return line_before


def ballots_csv_lines(ballots: Iterable[RankedBallot], rules: CountRules) -> Iterator[str]:
    """The ballots in the conformance ``ballots.csv`` format, one row per group of identical ballots."""
    materialised = list(ballots)
    width = rules.max_rankings or max((len(b.ranks) for b in materialised), default=1)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["weight", *(f"rank{n}" for n in range(1, width + 1))])
    for ballot in materialised:
        cells = [OVERVOTE_TOKEN if rank is None else MULTI_MARK_SEPARATOR.join(rank) for rank in ballot.ranks]
        writer.writerow([ballot.weight, *cells, *([""] * (width - len(cells)))])
    yield buffer.getvalue()


def write_ballots_csv(path: Path | str, ballots: Iterable[RankedBallot], rules: CountRules) -> None:
    """Write ballots as a conformance CSV atomically, for ``coop votes tabulate``."""
    write_atomically(Path(path), ballots_csv_lines(ballots, rules))
