"""Ballot files: the conformance CSV and ``rules.json``, the BLT format, and ``expected.json``.

Readers return complete, validated data or raise :class:`~coop.errors.BallotFileError` with one
sentence naming the file, the line and what is wrong; nothing partial is ever returned. Writers
write to a temporary file beside the target and rename it into place, so a failure leaves no
half-written file behind.

Reading a million-row CSV is dominated by parsing; identical rows are counted as they stream
past (a ballot file has far fewer distinct rankings than rows) and only distinct rows are
validated, so memory stays flat and the tally sees one group per distinct ranking.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from coop.errors import BallotFileError
from coop.i18n import _
from coop.votes.tally.ballots import OVERVOTE, Rank, RankedBallot
from coop.votes.tally.results import TallyResult
from coop.votes.tally.rules import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    TieBreakRule,
    default_rules,
)

__all__ = [
    "CONFORMANCE_FORMAT",
    "BallotSet",
    "BltElection",
    "ProgressCallback",
    "blt_lines",
    "conformance_json",
    "convert_csv_to_blt",
    "read_ballots_csv",
    "read_blt",
    "read_conformance_case",
    "read_rules_json",
    "rules_for_blt",
    "write_blt",
]

CONFORMANCE_FORMAT = "rcv-conformance-case/1"
OVERVOTE_TOKEN = "overvote"  # a CSV cell: several candidates marked, names not kept
MULTI_MARK_SEPARATOR = "|"  # a CSV cell "A|B": these candidates marked at the same rank

#: Called now and then while a file is read, with (bytes read so far, file size in bytes).
ProgressCallback = Callable[[int, int], None]

_ROWS_PER_BATCH = 65_536
_WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class BallotSet:
    """The ballots of one file, identical rankings grouped (``weight`` = how many)."""

    ballots: tuple[RankedBallot, ...]
    total_ballots: int
    rows: int  # data rows (CSV) or ballot lines (BLT) read


@dataclass(frozen=True)
class BltElection:
    """What a BLT file says: the candidates, seats, withdrawn candidates, title and ballots."""

    candidates: tuple[str, ...]
    seats: int
    withdrawn: tuple[str, ...]
    title: str
    ballots: BallotSet


# --------------------------------------------------------------------------- shared helpers


def _fail(path: Path | str, line: int | None, message: str) -> BallotFileError:
    where = f"{path}, line {line}" if line is not None else str(path)
    return BallotFileError(_("{where}: {problem}").format(where=where, problem=message))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BallotFileError(_("{path}: no such file.").format(path=path)) from None
    except IsADirectoryError:
        raise BallotFileError(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be read ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _fail(path, line, _("the file is not UTF-8 text (save it as UTF-8 and try again).")) from None


def _first_undecodable_line(path: Path) -> int:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                return number
    return 1


# --------------------------------------------------------------------------- rules.json

_TOP_LEVEL_RULES = {
    "format",
    "title",
    "candidates",
    "excluded_candidates",
    "undeclared_write_in",
    "seats",
    "election_mode",
    "threshold",
    "decimal_places",
    "arithmetic",
    "overvote",
    "max_consecutive_skipped_ranks",
    "duplicate_ranking",
    "batch_elimination",
    "continue_until_two_remain",
    "threshold_fixed_after_round_1",
    "max_rankings",
    "stop_after_round",
    "tiebreak",
    "surplus_transfer",
}


def _line_of(text: str, *keys: str) -> int:
    """Line of ``"key"`` in a JSON text (nested keys searched one after the other)."""
    position = 0
    for key in keys:
        found = text.find(f'"{key}"', position)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1


class _RulesReader:
    def __init__(self, path: Path, text: str, data: Mapping[str, Any]) -> None:
        self.path, self.text, self.data = path, text, data

    def fail(self, keys: Sequence[str], message: str) -> BallotFileError:
        return _fail(self.path, _line_of(self.text, *keys), message)

    def choice(self, keys: Sequence[str], allowed: type[Any], value: Any, default: Any) -> Any:
        """``value`` as a member of the enum ``allowed`` (``default`` when absent)."""
        if value is None:
            return default
        try:
            return allowed(value)
        except ValueError:
            options = ", ".join(member.value for member in allowed)
            raise self.fail(
                keys,
                _('"{key}" must be one of {options}, not {value}.').format(
                    key=keys[-1], options=options, value=json.dumps(value, ensure_ascii=False)
                ),
            ) from None

    def whole(
        self,
        key: str,
        default: int | None,
        *,
        minimum: int,
        allow_null: bool = False,
        words: Mapping[str, int | None] | None = None,
    ) -> int | None:
        value = self.data.get(key, default)
        if value is None and (allow_null or default is None):
            return None
        if words and isinstance(value, str) and value in words:
            return words[value]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            accepted = _("a whole number of at least {minimum}").format(minimum=minimum)
            if allow_null:
                accepted += _(" or null")
            if words:
                accepted += "".join(_(' or "{word}"').format(word=word) for word in words)
            raise self.fail(
                (key,),
                _('"{key}" must be {accepted}, not {value}.').format(
                    key=key, accepted=accepted, value=json.dumps(value, ensure_ascii=False)
                ),
            )
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                (key,),
                _('"{key}" must be true or false, not {value}.').format(
                    key=key, value=json.dumps(value, ensure_ascii=False)
                ),
            )
        return value

    def names(self, value: Any, keys: Sequence[str]) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            raise self.fail(keys, _('"{key}" must be a list of names.').format(key=keys[-1]))
        return tuple(value)

    def rules(self) -> CountRules:
        data = self.data
        unknown = sorted(set(data) - _TOP_LEVEL_RULES)
        if unknown:
            raise self.fail((unknown[0],), _('unknown rule "{key}".').format(key=unknown[0]))
        declared_format = data.get("format", CONFORMANCE_FORMAT)
        if declared_format != CONFORMANCE_FORMAT:
            raise self.fail(
                ("format",),
                _('the format must be "{expected}", not {value}.').format(
                    expected=CONFORMANCE_FORMAT, value=json.dumps(declared_format, ensure_ascii=False)
                ),
            )
        surplus = data.get("surplus_transfer", {})
        method = surplus.get("method", "fractional") if isinstance(surplus, Mapping) else surplus
        if not (isinstance(method, str) and method.startswith("fractional")):
            # Only Gregory-style fractional transfer is implemented: refuse rather than count otherwise.
            raise self.fail(
                ("surplus_transfer",),
                _("only fractional (Gregory) surplus transfer is supported, not {method}.").format(
                    method=json.dumps(method, ensure_ascii=False)
                ),
            )
        if "candidates" not in data:
            raise _fail(self.path, None, _('the rules must list the "candidates".'))
        candidates = self.names(data["candidates"], ("candidates",))
        excluded = self.names(data.get("excluded_candidates", []), ("excluded_candidates",))
        write_in = data.get("undeclared_write_in")
        if isinstance(write_in, Mapping):
            write_in = write_in.get("label")
        if write_in is not None and not isinstance(write_in, str):
            raise self.fail(
                ("undeclared_write_in",),
                _('"undeclared_write_in" must be null or give the write-in "label".'),
            )
        seats = self.whole("seats", 1, minimum=1)
        assert seats is not None
        single = seats == 1
        default_mode = ElectionMode.SINGLE_WINNER if single else ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND
        mode = self.choice(("election_mode",), ElectionMode, data.get("election_mode"), default_mode)
        threshold_value = data.get("threshold", {})
        if isinstance(threshold_value, str):
            threshold_value = {"name": threshold_value}
        if not isinstance(threshold_value, Mapping):
            raise self.fail(("threshold",), _('"threshold" must be an object with a "name".'))
        threshold = self.choice(
            ("threshold", "name"),
            ThresholdRule,
            threshold_value.get("name"),
            ThresholdRule.MAJORITY if single else ThresholdRule.DROOP,
        )
        tiebreak = self.tiebreak(candidates)
        decimal_places = self.whole("decimal_places", 4, minimum=0)
        assert decimal_places is not None
        rules = CountRules(
            candidates=candidates,
            seats=seats,
            election_mode=mode,
            threshold=threshold,
            decimal_places=decimal_places,
            overvote=self.choice(
                ("overvote",), OvervoteRule, data.get("overvote"), OvervoteRule.EXHAUST_IMMEDIATELY
            ),
            max_consecutive_skipped_ranks=self.whole(
                "max_consecutive_skipped_ranks", None, minimum=0, allow_null=True, words={"unlimited": None}
            ),
            duplicate_ranking=self.choice(
                ("duplicate_ranking",),
                DuplicateRule,
                data.get("duplicate_ranking"),
                DuplicateRule.IGNORE_DUPLICATE,
            ),
            batch_elimination=self.flag("batch_elimination"),
            continue_until_two_remain=self.flag("continue_until_two_remain"),
            threshold_fixed_after_round_1=self.flag("threshold_fixed_after_round_1"),
            excluded_candidates=excluded,
            undeclared_write_in=write_in,
            max_rankings=self.whole("max_rankings", None, minimum=1, allow_null=True),
            stop_after_round=self.whole("stop_after_round", None, minimum=1, allow_null=True),
            tiebreak=tiebreak,
            title=str(data.get("title", "")),
        )
        for field_name, problem in rules.problems():
            raise self.fail((field_name,), problem)
        return rules

    def tiebreak(self, candidates: tuple[str, ...]) -> TieBreakRule:
        value = self.data.get("tiebreak", {})
        if not isinstance(value, Mapping):
            raise self.fail(("tiebreak",), _('"tiebreak" must be an object with a "mode".'))
        mode = self.choice(
            ("tiebreak", "mode"), TiebreakMode, value.get("mode"), TiebreakMode.CANDIDATE_ORDER
        )
        seed = value.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise self.fail(("tiebreak", "seed"), _('the tie-break "seed" must be a whole number.'))
        order = self.names(value.get("order", []), ("tiebreak", "order"))
        permutation = self.names(value.get("permutation", []), ("tiebreak", "permutation"))
        for listed, key in ((order, "order"), (permutation, "permutation")):
            strangers = [name for name in listed if name not in candidates]
            if strangers:
                raise self.fail(
                    ("tiebreak", key),
                    _('the tie-break {key} names "{name}", who is not a candidate.').format(
                        key=key, name=strangers[0]
                    ),
                )
        return TieBreakRule(mode=mode, seed=seed, order=order, permutation=permutation)


def read_rules_json(path: Path | str) -> CountRules:
    """Read the counting rules (the conformance ``rules.json`` format)."""
    path = Path(path)
    return rules_from_text(_decode(path, _read_bytes(path)), path)


def rules_from_text(text: str, source: Path | str = "rules.json") -> CountRules:
    """The counting rules from the text of a ``rules.json``; errors name ``source`` and the line."""
    path = Path(source)
    if not text.strip():
        raise _fail(path, 1, _("the rules file is empty."))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = _("this is not valid JSON ({reason}).").format(reason=error.msg)
        raise _fail(path, error.lineno, problem) from None
    if not isinstance(data, dict):
        raise _fail(path, 1, _("the rules must be a JSON object ({ ... })."))
    return _RulesReader(path, text, data).rules()


def rules_to_json(rules: CountRules) -> dict[str, Any]:
    """The rules in the ``rules.json`` format, so that ``rules_from_text`` reads them back unchanged."""
    tiebreak: dict[str, Any] = {"mode": rules.tiebreak.mode.value}
    if rules.tiebreak.seed is not None:
        tiebreak["seed"] = rules.tiebreak.seed
    if rules.tiebreak.order:
        tiebreak["order"] = list(rules.tiebreak.order)
    if rules.tiebreak.permutation:
        tiebreak["permutation"] = list(rules.tiebreak.permutation)
    return {
        "format": CONFORMANCE_FORMAT,
        "title": rules.title,
        "candidates": list(rules.candidates),
        "excluded_candidates": list(rules.excluded_candidates),
        "undeclared_write_in": rules.undeclared_write_in,
        "seats": rules.seats,
        "election_mode": rules.election_mode.value,
        "threshold": {"name": rules.threshold.value},
        "decimal_places": rules.decimal_places,
        "overvote": rules.overvote.value,
        "max_consecutive_skipped_ranks": rules.max_consecutive_skipped_ranks,
        "duplicate_ranking": rules.duplicate_ranking.value,
        "batch_elimination": rules.batch_elimination,
        "continue_until_two_remain": rules.continue_until_two_remain,
        "threshold_fixed_after_round_1": rules.threshold_fixed_after_round_1,
        "max_rankings": rules.max_rankings,
        "stop_after_round": rules.stop_after_round,
        "tiebreak": tiebreak,
        "surplus_transfer": {"method": "fractional"},
    }


# --------------------------------------------------------------------------- ballots.csv


class _LineProblem(Exception):
    """A distinct CSV row or BLT line that is not valid; the reader then names its first line."""


def read_ballots_csv(
    path: Path | str, rules: CountRules, *, progress: ProgressCallback | None = None
) -> BallotSet:
    """Read ``weight,rank1,...,rankN`` rows (the conformance ``ballots.csv`` format).

    Blank lines are skipped; a row whose rank cells are all empty is a ballot with no rankings.
    """
    path = Path(path)
    size = _file_size(path)
    counts: Counter[tuple[str, ...]] = Counter()
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            if header is None:
                raise _fail(path, 1, _("the file is empty; it needs the header weight,rank1,rank2,..."))
            columns = _check_header(path, header, rules)
            raw_position = stream.buffer.tell
            while batch := list(map(tuple, islice(reader, _ROWS_PER_BATCH))):
                counts.update(batch)
                if progress is not None:
                    progress(raw_position(), size)
    except UnicodeDecodeError:
        raise _fail(
            path,
            _first_undecodable_line(path),
            _("the file is not UTF-8 text (save it as UTF-8 and try again)."),
        ) from None
    except csv.Error as error:
        problem = _("this is not valid CSV ({reason}).").format(reason=error)
        raise _fail(path, reader.line_num, problem) from None
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be read ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None
    if progress is not None:
        progress(size, size)
    return _ballots_from_rows(path, counts, columns, rules)


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
        raise _fail(
            path,
            1,
            _('the first line must be the header weight,rank1,rank2,... but it is "{found}".').format(
                found=shown
            ),
        )
    if rules.max_rankings is not None and ranks != rules.max_rankings:
        raise _fail(
            path,
            1,
            _("the header has {ranks} rank columns but the rules allow {limit} rankings.").format(
                ranks=ranks, limit=rules.max_rankings
            ),
        )
    return len(header)


def _ballots_from_rows(
    path: Path, counts: Counter[tuple[str, ...]], columns: int, rules: CountRules
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
        except _LineProblem as problem:
            raise _fail(path, _first_line_of_row(path, row), str(problem)) from None
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
        raise _LineProblem(
            _("expected {expected} cells (the weight and {ranks} ranks) but found {found}.").format(
                expected=columns, ranks=columns - 1, found=len(row)
            )
        )
    weight_text = row[0].strip()
    if not _WHOLE_NUMBER.fullmatch(weight_text) or int(weight_text) < 1:
        raise _LineProblem(
            _('the weight must be a whole number of at least 1, not "{weight}".').format(weight=row[0])
        )
    ranks = []
    for position, cell in enumerate(row[1:], start=1):
        rank = cell_cache.get(cell, ())
        if cell not in cell_cache:
            rank = cell_cache[cell] = _parse_cell(cell, known, rules)
        if rank is OVERVOTE and rules.overvote is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
            raise _LineProblem(
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
            raise _LineProblem(_('"{name}" is not one of the candidates in the rules.').format(name=name))
    return names


def _first_line_of_row(path: Path, wanted: tuple[str, ...]) -> int:
    return _first_line_where(path, lambda row: row == wanted)


def _first_line_where(path: Path, matches: Callable[[tuple[str, ...]], bool]) -> int:
    """The line on which the first CSV row that ``matches`` starts (only read on the error path)."""
    with path.open("r", encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        line_before = 0
        for row in reader:
            if matches(tuple(row)):
                return line_before + 1
            line_before = reader.line_num
    return line_before


def read_conformance_case(folder: Path | str) -> tuple[BallotSet, CountRules]:
    """The ballots and rules of one conformance case folder."""
    folder = Path(folder)
    rules = read_rules_json(folder / "rules.json")
    return read_ballots_csv(folder / "ballots.csv", rules), rules


# --------------------------------------------------------------------------- BLT

_BLT_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def read_blt(path: Path | str, *, progress: ProgressCallback | None = None) -> BltElection:
    """Read a BLT file (OpenSTV / Droop): ``candidates seats``, an optional withdrawn line
    ``-n -m``, ballot lines ``weight c1 c2 ... 0``, a ``0`` line, quoted names, a quoted title.

    Extensions read (and written by :func:`write_blt`): ``-`` for a rank left blank and
    ``2=3`` for several candidates marked at the same rank. ``#`` starts a comment.
    """
    path = Path(path)
    data = _read_bytes(path)
    size = len(data)
    lines = _decode(path, data).splitlines()
    position = _next_content_line(lines, 0)
    if position is None:
        raise _fail(path, 1, _('the file is empty; a BLT file starts with the line "candidates seats".'))
    header = _strip_comment(lines[position]).split()
    if (
        len(header) != 2
        or not all(_WHOLE_NUMBER.fullmatch(token) for token in header)
        or int(header[0]) < 1
        or int(header[1]) < 1
    ):
        raise _fail(
            path,
            position + 1,
            _('the first line must give the number of candidates and of seats, e.g. "4 2".'),
        )
    candidate_count, seats = int(header[0]), int(header[1])
    position += 1
    withdrawn_numbers: list[int] = []
    nxt = _next_content_line(lines, position)
    # The withdrawn line holds only negative numbers (a ballot line starts with a weight).
    tokens = _strip_comment(lines[nxt]).split() if nxt is not None else []
    if nxt is not None and all(re.fullmatch(r"-[0-9]+", token) for token in tokens):
        for token in tokens:
            if not 1 <= -int(token) <= candidate_count:
                raise _fail(
                    path,
                    nxt + 1,
                    _('a withdrawn candidate must be written -1 to -{count}, not "{token}".').format(
                        count=candidate_count, token=token
                    ),
                )
            withdrawn_numbers.append(-int(token))
        position = nxt + 1

    # Ballot lines up to the lone "0"; identical lines are parsed once.
    ballot_lines: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    end = None
    for number in range(position, len(lines)):
        content = _strip_comment(lines[number]).strip()
        if not content:
            continue
        if content == "0":
            end = number
            break
        content = " ".join(content.split())
        ballot_lines[content] += 1
        first_line.setdefault(content, number + 1)
    if end is None:
        raise _fail(path, len(lines), _("the ballots must end with a line holding a single 0."))
    if progress is not None:
        progress(size, size)

    groups: dict[tuple[Rank, ...], int] = {}
    total = 0
    parsed_numbers: dict[str, tuple[int, tuple[tuple[int, ...], ...]]] = {}
    for content in ballot_lines:
        try:
            parsed_numbers[content] = _parse_blt_ballot(content, candidate_count)
        except _LineProblem as problem:
            raise _fail(path, first_line[content], str(problem)) from None

    names, title = _blt_names(path, lines, end + 1, candidate_count)
    for content, repeats in ballot_lines.items():
        weight, numbered_ranks = parsed_numbers[content]
        ranks = tuple(tuple(names[number - 1] for number in rank) for rank in numbered_ranks)
        groups[ranks] = groups.get(ranks, 0) + weight * repeats
        total += weight * repeats
    ballots = BallotSet(
        ballots=tuple(RankedBallot(ranks, weight) for ranks, weight in groups.items()),
        total_ballots=total,
        rows=sum(ballot_lines.values()),
    )
    return BltElection(
        candidates=names,
        seats=seats,
        withdrawn=tuple(names[number - 1] for number in dict.fromkeys(withdrawn_numbers)),
        title=title,
        ballots=ballots,
    )


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0]


def _next_content_line(lines: list[str], start: int) -> int | None:
    for number in range(start, len(lines)):
        if _strip_comment(lines[number]).strip():
            return number
    return None


def _parse_blt_ballot(content: str, candidate_count: int) -> tuple[int, tuple[tuple[int, ...], ...]]:
    tokens = content.split()
    if tokens[0].startswith("(") and tokens[0].endswith(")"):
        tokens = tokens[1:]  # an optional ballot id, "(17)"
    if not tokens:
        raise _LineProblem(_("the ballot line has no weight."))
    weight = tokens[0]
    if not _WHOLE_NUMBER.fullmatch(weight) or int(weight) < 1:
        raise _LineProblem(
            _('the weight must be a whole number of at least 1, not "{weight}".').format(weight=weight)
        )
    if tokens[-1] != "0":
        raise _LineProblem(_("a ballot line must end with 0."))
    ranks: list[tuple[int, ...]] = []
    for token in tokens[1:-1]:
        if token == "-":
            ranks.append(())
            continue
        numbers = []
        for part in token.split("="):
            if not _WHOLE_NUMBER.fullmatch(part) or not 1 <= int(part) <= candidate_count:
                raise _LineProblem(
                    _('"{token}" is not a candidate number from 1 to {count}.').format(
                        token=token, count=candidate_count
                    )
                )
            numbers.append(int(part))
        ranks.append(tuple(numbers))
    return int(weight), tuple(ranks)


def _blt_names(path: Path, lines: list[str], start: int, count: int) -> tuple[tuple[str, ...], str]:
    strings: list[tuple[str, int]] = []
    for number in range(start, len(lines)):
        for match in _BLT_STRING.finditer(lines[number]):
            quoted, bare = match.groups()
            if bare is not None and bare.startswith("#"):
                break  # the rest of the line is a comment
            text = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else bare
            strings.append((text, number + 1))
    if len(strings) < count:
        raise _fail(
            path,
            len(lines),
            _("the file names {found} candidates but its first line says {count}.").format(
                found=len(strings), count=count
            ),
        )
    if len(strings) > count + 1:
        raise _fail(
            path,
            strings[count + 1][1],
            _('unexpected text after the title: "{text}".').format(text=strings[count + 1][0]),
        )
    names = tuple(text for text, _line in strings[:count])
    for position, (text, line) in enumerate(strings[:count]):
        if not text.strip():
            raise _fail(path, line, _("candidate {number} has an empty name.").format(number=position + 1))
        if text in names[:position]:
            raise _fail(path, line, _('the candidate name "{name}" appears twice.').format(name=text))
    title = strings[count][0] if len(strings) > count else ""
    return names, title


def rules_for_blt(election: BltElection, rules: CountRules | None, *, source: Path | str = "") -> CountRules:
    """The rules to count a BLT file with: the given ones, else IRV (1 seat) or STV (more)."""
    if rules is None:
        return replace(
            default_rules(election.candidates, election.seats, title=election.title),
            excluded_candidates=election.withdrawn,
        )
    strangers = [name for name in election.candidates if name not in rules.counted_candidates]
    if strangers:
        raise _fail(
            source,
            None,
            _('the BLT candidate "{name}" is not in the rules\' candidate list.').format(name=strangers[0]),
        )
    if election.seats != rules.seats:
        raise _fail(
            source,
            None,
            _("the BLT file says {blt} seats but the rules say {rules}.").format(
                blt=election.seats, rules=rules.seats
            ),
        )
    withdrawn = tuple(name for name in election.withdrawn if name in rules.candidates)
    excluded = tuple(dict.fromkeys((*rules.excluded_candidates, *withdrawn)))
    return replace(rules, excluded_candidates=excluded)


def blt_lines(ballots: Iterable[RankedBallot], rules: CountRules) -> Iterator[str]:
    """The BLT text, line by line (with newlines); candidates are ``rules.counted_candidates``."""
    names = rules.counted_candidates
    number = {name: str(position) for position, name in enumerate(names, start=1)}
    yield f"{len(names)} {rules.seats}\n"
    if rules.excluded_candidates:
        yield " ".join(f"-{number[name]}" for name in rules.excluded_candidates) + "\n"
    for ballot in ballots:
        tokens = [str(ballot.weight)]
        ranks = list(ballot.ranks)
        while ranks and ranks[-1] == ():
            ranks.pop()  # trailing blanks say nothing in BLT
        for rank in ranks:
            if rank is OVERVOTE:
                raise BallotFileError(
                    _(
                        "A ballot has an overvote whose marked candidates are not named; "
                        "BLT can only hold overvotes written with names (A|B)."
                    )
                )
            tokens.append("=".join(number[name] for name in rank) if rank else "-")
        tokens.append("0")
        yield " ".join(tokens) + "\n"
    yield "0\n"
    for name in names:
        yield _blt_quote(name) + "\n"
    yield _blt_quote(rules.title) + "\n"


def _blt_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_blt(path: Path | str, ballots: Iterable[RankedBallot], rules: CountRules) -> None:
    """Write a BLT file atomically: complete, or not at all."""
    _write_atomically(Path(path), blt_lines(ballots, rules))


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
    _write_atomically(Path(path), ballots_csv_lines(ballots, rules))


def write_rules_json(path: Path | str, rules: CountRules) -> None:
    _write_atomically(Path(path), [json.dumps(rules_to_json(rules), ensure_ascii=False, indent=2) + "\n"])


def convert_csv_to_blt(
    csv_path: Path | str, rules: CountRules, blt_path: Path | str, *, progress: ProgressCallback | None = None
) -> BallotSet:
    """Read a conformance ballot CSV and write it as BLT; the ballots written are returned.

    An ``overvote`` cell (names not kept) has no BLT form that counts the same under every rule,
    so such a file is refused, naming its first line, and nothing is written.
    """
    csv_path = Path(csv_path)
    ballots = read_ballots_csv(csv_path, rules, progress=progress)
    if any(OVERVOTE in ballot.ranks for ballot in ballots.ballots):
        line = _first_line_where(csv_path, lambda row: OVERVOTE_TOKEN in row[1:])
        raise _fail(
            csv_path,
            line,
            _(
                'an "overvote" cell does not say which candidates were marked, and BLT cannot hold '
                "it; write the marked names (A|B) to convert this file."
            ),
        )
    write_blt(blt_path, ballots.ballots, rules)
    return ballots


def _write_atomically(path: Path, lines: Iterable[str]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(lines)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BallotFileError(
                _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror or error)
            ) from None
        raise


# --------------------------------------------------------------------------- expected.json


def _number(value: Decimal) -> str:
    return format(value, "f")


def conformance_json(result: TallyResult) -> dict[str, Any]:
    """The result in the conformance ``expected.json`` structure, key for key."""
    data: dict[str, Any] = {
        "format": CONFORMANCE_FORMAT,
        "total_ballots": str(result.total_ballots),
        "ballots_with_no_rankings": str(result.ballots_with_no_rankings),
        "winners": list(result.winners),
        "final_threshold": _number(result.final_threshold),
        "rounds": [],
    }
    for round_result in result.rounds:
        inactive = round_result.inactive
        transfers: dict[str, dict[str, str]] = {}
        for source, transfer in round_result.transfers.items():
            targets = {name: _number(amount) for name, amount in transfer.to_candidates.items()}
            if transfer.exhausted is not None:
                targets["exhausted"] = _number(transfer.exhausted)
            if transfer.residual_surplus is not None:
                targets["residual surplus"] = _number(transfer.residual_surplus)
            transfers[source] = dict(sorted(targets.items()))
        entry: dict[str, Any] = {
            "round": round_result.number,
            "threshold": _number(round_result.threshold),
            "tally": {name: _number(votes) for name, votes in round_result.tally.items()},
            "inactive": {
                "overvote": _number(inactive.overvote),
                "skipped_ranks": _number(inactive.skipped_ranks),
                "exhausted_choices": _number(inactive.exhausted_choices),
                "repeated_ranking": _number(inactive.repeated_ranking),
                # The cases give each cause with its arithmetic scale but the total plainly.
                "total": _number(inactive.total.normalize()),
            },
            "elected": list(round_result.elected),
            "eliminated": list(round_result.eliminated),
            "transfers": transfers,
        }
        if round_result.residual_surplus is not None:
            entry["residual_surplus"] = _number(round_result.residual_surplus)
        if round_result.final_round_surplus is not None and round_result is result.rounds[-1]:
            entry["final_round_surplus"] = _number(round_result.final_round_surplus)
        data["rounds"].append(entry)
    if result.tie_resolutions:
        data["tie_resolutions_derived"] = [
            {"round": tie.round, "tied": list(tie.tied), "selecting": tie.selecting, "selected": tie.selected}
            for tie in result.tie_resolutions
        ]
    return data
