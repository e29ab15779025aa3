"""The votes of a list election from a CSV file, and the share and threshold as an operator types them.

Two layouts, told apart by the header line (in English or Spanish, any case or accents):

- ``list,votes`` (``lista,votos``): one line per list with its votes; a list on several lines (one
  per polling table) adds up. Two more columns may name each list's people in their order,
  separated by ``|``: ``candidates`` (``titulares``), who take the seats the list wins, and
  ``alternates`` (``suplentes``), who fill vacancies later. A person stands on one list only.
- ``list`` (``lista``) alone: one line per ballot, naming the list it was cast for.

Blank and void ballots are lines whose list is one of the words below (either language, any case):
``blank`` / ``en blanco`` / ``blanco`` and ``void`` / ``nulo`` / ``anulado``. They are counted and
reported apart and are no list's votes. An empty line is no ballot at all: a blank ballot is written
``en blanco``. The file is read as every import is (:mod:`coop.csvfiles`): UTF-8 or Windows-1252,
commas, semicolons or tabs; every bad line is listed at once, and nothing is counted from a bad file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from fractions import Fraction
from pathlib import Path

from coop.csvfiles import DETECT, CsvDialect, CsvRow, parse_all, read_file, read_rows
from coop.errors import BallotFileError, VoteError
from coop.i18n import _
from coop.numbers import whole_number
from coop.parsing import AmbiguousNumber, read_typed_number
from coop.votes.lists import ListVotes, PartyList

COLUMNS = ("list", "votes", "candidates", "alternates")
NAME_SEPARATOR = "|"  # between the names of one cell: Ana Núñez|Beto Paz
BLANK_WORDS = frozenset({"blank", "en blanco", "blanco", "voto en blanco", "votos en blanco"})
VOID_WORDS = frozenset({"void", "nulo", "nulos", "anulado", "anulados", "voto nulo", "votos nulos"})

_BLANK, _VOID = "\x00blank", "\x00void"


def _plain(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", folded).strip()


def _kind(name: str) -> str:
    plain = _plain(name)
    if plain in BLANK_WORDS:
        return _BLANK
    if plain in VOID_WORDS:
        return _VOID
    return name


def _names(cell: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in cell.split(NAME_SEPARATOR) if name.strip())


def read_list_votes(path: Path, *, dialect: CsvDialect = DETECT) -> ListVotes:
    """The lists' votes, blank and void ballots of ``path``, or one error naming every bad line."""
    content = read_file(path, error=BallotFileError)
    rows, problems = read_rows(content, str(path), COLUMNS, ("list",), dialect=dialect, error=BallotFileError)
    header = rows[0].values if rows else {}
    with_votes = "votes" in header
    if not with_votes and ("candidates" in header or "alternates" in header):
        raise BallotFileError(
            _(
                "{file}: the candidates and alternates columns go with the votes column (list,votes,...)."
            ).format(file=path)
        )

    def parse_row(row: CsvRow) -> tuple[str, int, tuple[str, ...], tuple[str, ...]]:
        name = row.get("list")
        if not name:
            raise BallotFileError(_("the list has no name (write en blanco for a blank ballot)"))
        if not with_votes:
            return _kind(name), 1, (), ()
        typed = row.get("votes")
        votes = whole_number(typed)
        if votes is None:
            if typed.strip().startswith("-"):
                raise BallotFileError(
                    _("the votes of {name} are {votes}; votes cannot be negative").format(
                        name=name, votes=typed
                    )
                )
            raise BallotFileError(
                _("the votes of {name} are '{votes}', not a whole number").format(name=name, votes=typed)
            )
        titulares, suplentes = _names(row.get("candidates")), _names(row.get("alternates"))
        if _kind(name) != name and (titulares or suplentes):
            raise BallotFileError(_("blank and void ballots have no candidates"))
        return _kind(name), votes, titulares, suplentes

    parsed = parse_all(
        rows, parse_row, str(path), catch=BallotFileError, error=BallotFileError, problems=problems
    )
    if not parsed:
        raise BallotFileError(
            _("{file} has no votes: after the header list,votes give one line per list.").format(file=path)
        )
    totals: Counter[str] = Counter()
    candidates: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for name, votes, titulares, suplentes in parsed:
        totals[name] += votes
        given = (titulares, suplentes)
        if (titulares or suplentes) and candidates.setdefault(name, given) != given:
            raise BallotFileError(
                _("{file}: the list {name} names its candidates twice, differently; name them once.").format(
                    file=path, name=name
                )
            )
    _check_candidates(path, candidates)
    lists = tuple(
        PartyList(name, votes, *candidates.get(name, ((), ())))
        for name, votes in totals.items()
        if name not in (_BLANK, _VOID)
    )
    return ListVotes(lists, blank=totals[_BLANK], void=totals[_VOID])


def _check_candidates(path: Path, candidates: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
    """A person stands once: on one list, as a titular or as a suplente."""
    seen: dict[str, str] = {}
    for list_name, (titulares, suplentes) in candidates.items():
        for person in (*titulares, *suplentes):
            if person in seen:
                raise BallotFileError(
                    _(
                        "{file}: {person} stands twice (on {first} and on {second}); a person stands once."
                    ).format(file=path, person=person, first=seen[person], second=list_name)
                )
            seen[person] = list_name


def parse_share(text: str) -> Fraction:
    """The first list's share under lista incompleta: ``2/3``, or a decimal (``0.6``; ``0,6`` in Spanish)."""
    raw = text.strip()
    refusal = VoteError(
        _("The share '{share}' is not a fraction between 0 and 1; write it like 2/3.").format(share=raw)
    )
    match = re.fullmatch(r"(\d{1,6})\s*/\s*(\d{1,6})", raw)
    if match:
        if int(match[2]) == 0:
            raise refusal
        value = Fraction(int(match[1]), int(match[2]))
    else:
        try:
            number = read_typed_number(raw)
        except AmbiguousNumber as ambiguous:
            raise VoteError(ambiguous.sentence(_("The share"))) from None
        if number is None:
            raise refusal
        value = Fraction(number)
    if not 0 < value < 1:
        raise refusal
    return value


def parse_threshold(text: str) -> Fraction:
    """The least share of the valid votes a list needs, typed as a percentage: ``3%``, ``3,5 %`` (Spanish)."""
    raw = text.strip()
    refusal = VoteError(
        _("The threshold '{threshold}' is not a percentage; write it like 3% (from 0 up to 100).").format(
            threshold=raw
        )
    )
    try:
        number = read_typed_number(raw.removesuffix("%").strip())
    except AmbiguousNumber as ambiguous:
        raise VoteError(ambiguous.sentence(_("The threshold"))) from None
    if number is None or not 0 <= number < 100:
        raise refusal
    return Fraction(number) / 100
