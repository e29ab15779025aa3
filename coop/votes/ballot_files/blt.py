"""The BLT format (OpenSTV, Droop): read, written, and converted from a conformance CSV."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from coop.csvfiles import DETECT, CsvDialect
from coop.errors import BallotFileError
from coop.i18n import _, ngettext
from coop.votes.ballot_files.ballots_csv import LineProblem, first_line_where, read_ballots_csv
from coop.votes.ballot_files.common import (
    _WHOLE_NUMBER,
    OVERVOTE_TOKEN,
    BallotSet,
    BltElection,
    ProgressCallback,
    decode_text,
    fail_at,
    read_file_bytes,
    write_atomically,
)
from coop.votes.tally.ballots import OVERVOTE, Rank, RankedBallot
from coop.votes.tally.rules import (
    CountRules,
    default_rules,
)

# --------------------------------------------------------------------------- BLT

_BLT_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def read_blt(path: Path | str, *, progress: ProgressCallback | None = None) -> BltElection:
    """Read a BLT file (OpenSTV / Droop): ``candidates seats``, an optional withdrawn line
    ``-n -m``, ballot lines ``weight c1 c2 ... 0``, a ``0`` line, quoted names, a quoted title.

    Extensions read (and written by :func:`write_blt`): ``-`` for a rank left blank and
    ``2=3`` for several candidates marked at the same rank. ``#`` starts a comment.
    """
    path = Path(path)
    data = read_file_bytes(path)
    size = len(data)
    lines = decode_text(path, data).splitlines()
    position = _next_content_line(lines, 0)
    if position is None:
        raise fail_at(path, 1, _('the file is empty; a BLT file starts with the line "candidates seats".'))
    header = _strip_comment(lines[position]).split()
    if (
        len(header) != 2
        or not all(_WHOLE_NUMBER.fullmatch(token) for token in header)
        or int(header[0]) < 1
        or int(header[1]) < 1
    ):
        raise fail_at(
            path,
            position + 1,
            _('the first line must give the number of candidates and of seats, e.g. "4 2".'),
        )
    candidate_count, seats = int(header[0]), int(header[1])
    position += 1
    withdrawn_numbers: list[int] = []
    tie_numbers: list[int] = []
    while (nxt := _next_content_line(lines, position)) is not None:
        tokens = _strip_comment(lines[nxt]).split()
        if tokens[0].startswith("["):
            # A Droop option line: [withdrawn 4 5] or [tie 3 2 1].
            withdrawn_numbers, tie_numbers = _blt_option(
                path, nxt + 1, tokens, candidate_count, withdrawn_numbers, tie_numbers
            )
        elif all(re.fullmatch(r"-[0-9]{1,18}", token) for token in tokens):
            # The withdrawn line holds only negative numbers (a ballot line starts with a weight).
            for token in tokens:
                withdrawn_numbers.append(_candidate_number(path, nxt + 1, token[1:], candidate_count, token))
        else:
            break
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
        raise fail_at(path, len(lines), _("the ballots must end with a line holding a single 0."))
    if progress is not None:
        progress(size, size)

    groups: dict[tuple[Rank, ...], int] = {}
    total = 0
    parsed_numbers: dict[str, tuple[int, tuple[tuple[int, ...], ...]]] = {}
    for content in ballot_lines:
        try:
            parsed_numbers[content] = _parse_blt_ballot(content, candidate_count)
        except LineProblem as problem:
            raise fail_at(path, first_line[content], str(problem)) from None

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
        tie_order=tuple(names[number - 1] for number in tie_numbers),
    )


def _candidate_number(path: Path, line: int, text: str, count: int, token: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(text) or not 1 <= int(text) <= count:
        raise fail_at(
            path,
            line,
            _('a withdrawn candidate must be written -1 to -{count}, not "{token}".').format(
                count=count, token=token
            ),
        )
    return int(text)


def _blt_option(
    path: Path, line: int, tokens: list[str], count: int, withdrawn: list[int], tie: list[int]
) -> tuple[list[int], list[int]]:
    """Read a Droop option line, ``[withdrawn 4 5]`` or ``[tie 3 2 1]`` (candidate numbers)."""
    text = " ".join(tokens)
    match = re.fullmatch(r"\[(withdrawn|tie)((?:\s+[0-9]+)*)\s*\]", text)
    if match is None:
        raise fail_at(
            path,
            line,
            _('unknown option line "{text}"; coop reads [withdrawn ...] and [tie ...].').format(text=text),
        )
    numbers = []
    for token in match.group(2).split():
        if not 1 <= int(token) <= count:
            raise fail_at(
                path,
                line,
                _('"{token}" is not a candidate number from 1 to {count}.').format(token=token, count=count),
            )
        numbers.append(int(token))
    if match.group(1) == "withdrawn":
        return [*withdrawn, *numbers], tie
    if sorted(numbers) != list(range(1, count + 1)):
        raise fail_at(path, line, _("the [tie ...] line must name every candidate number exactly once."))
    return withdrawn, numbers


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
        raise LineProblem(_("the ballot line has no weight."))
    weight = tokens[0]
    if not _WHOLE_NUMBER.fullmatch(weight) or int(weight) < 1:
        raise LineProblem(
            _('the weight must be a whole number of at least 1, not "{weight}".').format(weight=weight)
        )
    if tokens[-1] != "0":
        raise LineProblem(_("a ballot line must end with 0."))
    ranks: list[tuple[int, ...]] = []
    for token in tokens[1:-1]:
        if token == "-":
            ranks.append(())
            continue
        numbers = []
        for part in token.split("="):
            if not _WHOLE_NUMBER.fullmatch(part) or not 1 <= int(part) <= candidate_count:
                raise LineProblem(
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
            if bare is not None and len(strings) > count:
                return _names_and_title(
                    path, strings, count, len(lines)
                )  # unquoted notes after the title: ignored
            text = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else bare
            strings.append((text, number + 1))
    return _names_and_title(path, strings, count, len(lines))


def _names_and_title(
    path: Path, strings: list[tuple[str, int]], count: int, lines_end: int
) -> tuple[tuple[str, ...], str]:
    if len(strings) < count:
        raise fail_at(
            path,
            lines_end,
            ngettext(
                "the file names {found} candidate but its first line says {count}.",
                "the file names {found} candidates but its first line says {count}.",
                len(strings),
            ).format(found=len(strings), count=count),
        )
    # Droop lets a source and a comment follow the title; anything more is a mistake.
    if len(strings) > count + 3:
        raise fail_at(
            path,
            strings[count + 3][1],
            _('unexpected text after the title: "{text}".').format(text=strings[count + 3][0]),
        )
    names = tuple(text for text, _line in strings[:count])
    for position, (text, line) in enumerate(strings[:count]):
        if not text.strip():
            raise fail_at(path, line, _("candidate {number} has an empty name.").format(number=position + 1))
        if text in names[:position]:
            raise fail_at(path, line, _('the candidate name "{name}" appears twice.').format(name=text))
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
        raise fail_at(
            source,
            None,
            _('the BLT candidate "{name}" is not in the rules\' candidate list.').format(name=strangers[0]),
        )
    if election.seats != rules.seats:
        raise fail_at(
            source,
            None,
            ngettext(
                "the BLT file says {blt} seat but the rules say {rules}.",
                "the BLT file says {blt} seats but the rules say {rules}.",
                election.seats,
            ).format(blt=election.seats, rules=rules.seats),
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
    write_atomically(Path(path), blt_lines(ballots, rules))


def convert_csv_to_blt(
    csv_path: Path | str,
    rules: CountRules,
    blt_path: Path | str,
    *,
    progress: ProgressCallback | None = None,
    dialect: CsvDialect = DETECT,
) -> BallotSet:
    """Read a conformance ballot CSV and write it as BLT; the ballots written are returned.

    An ``overvote`` cell (names not kept) has no BLT form that counts the same under every rule,
    so such a file is refused, naming its first line, and nothing is written.
    """
    csv_path = Path(csv_path)
    ballots = read_ballots_csv(csv_path, rules, progress=progress, dialect=dialect)
    if any(OVERVOTE in ballot.ranks for ballot in ballots.ballots):
        line = first_line_where(csv_path, lambda row: OVERVOTE_TOKEN in row[1:], dialect=dialect)
        raise fail_at(
            csv_path,
            line,
            _(
                'an "overvote" cell does not say which candidates were marked, and BLT cannot hold '
                "it; write the marked names (A|B) to convert this file."
            ),
        )
    write_blt(blt_path, ballots.ballots, rules)
    return ballots
