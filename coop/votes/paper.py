"""Paper ballots, entered twice: two tellers type the same pile independently, the entries are
compared ballot by ballot, and only a batch whose two entries agree goes into the ballot box.

A teller's file is a CSV with one ballot per line, in the order of the pile: for a yes/no vote
one cell (yes, no, abstain, or invalid for a spoiled ballot); for a ranked vote the candidates
in order of preference, one per cell (names or member numbers; an empty row is a blank ballot,
``invalid`` a spoiled one). An optional first line ``choice`` or ``rank1,rank2,...`` is a header.

Each entry is kept as one normalised text, a ballot per line, so a million ballots compare in a
fraction of a second and the accepted batch is stored with the digest of what was agreed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coop import csvfiles, messages, vocabulary
from coop.audit import record_event
from coop.errors import BallotFileError, VoteError
from coop.i18n import _, ngettext, pgettext
from coop.votes.codes.slips import hold_ballot_box, require_secret
from coop.votes.models import Choice, PaperBatch, PaperBatchEntry, PaperBatchStatus, Vote, VoteKind
from coop.votes.service import parse_choice

INVALID = "invalid"
BLANK_RANKING = "[]"
YES_NO_TOKENS = frozenset({"yes", "no", "abstain", INVALID})
# A spoiled ballot's line, compared folded (any case, with or without accents).
INVALID_WORDS = frozenset(
    {"invalid", "spoiled", "void", "null", "nulo", "nula", "anulado", "anulada", "invalido", "invalida"}
)
HEADERS = frozenset({"choice", "ballot", "rank1", "voto"})
# Mismatches shown in one error sentence; the compare command lists them all.
SHOWN_IN_ERROR = 5


# --- pure: reading a teller's file and comparing two entries ----------------------------------


def read_paper_ballots(
    content: bytes,
    source: str,
    *,
    ranked: bool,
    candidates: Mapping[str, str] | None = None,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> list[str]:
    """The ballots of a teller's CSV, normalised: ``yes``/``no``/``abstain``/``invalid``, or a
    ranking as JSON (``["Ana", "Raúl"]``, ``[]`` for a blank ballot) or ``invalid``.

    ``candidates`` maps what a teller may type (a name or a member number, case-folded) to the
    candidate's name on the ballot. Any bad line is refused with its line number. The file is read
    as a spreadsheet saves it (UTF-8 or Windows-1252; commas, semicolons or tabs), or as ``dialect``
    names it.
    """
    decoded = csvfiles.decode(content, source, dialect=dialect, error=BallotFileError)
    delimiter = dialect.delimiter or csvfiles.delimiter_of(decoded)
    lines = csvfiles.csv_lines(decoded, delimiter, source, error=BallotFileError)
    parse = _RankedParser(candidates or {}) if ranked else _ChoiceParser()
    ballots: list[str] = []
    append = ballots.append
    cache: dict[tuple[str, ...], str] = {}
    first = True
    for line, row in lines:
        if not row:
            if ranked:  # an empty line is a blank ballot, as the README tells tellers
                first = False
                append(BLANK_RANKING)
            continue  # in a yes/no pile a blank ballot is written "abstain"
        key = tuple(row)
        token = cache.get(key)
        if token is None:
            if first and row[0].strip().lower() in HEADERS:
                first = False
                continue
            try:
                token = cache[key] = parse(row)
            except ValueError as problem:
                raise BallotFileError(
                    _("{file}, line {line}: {problem}").format(
                        file=source, line=line, problem=messages.readable(str(problem))
                    )
                ) from None
        first = False
        append(token)
    if not ballots:
        raise BallotFileError(_("{file} has no ballots in it.").format(file=source))
    return ballots


class _ChoiceParser:
    def __call__(self, row: list[str]) -> str:
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) != 1 or not cells[0]:
            raise ValueError(
                _(
                    "a line holds one ballot: {choices} ({invalid} for a spoiled ballot, "
                    "{abstain} for a blank one)."
                ).format(
                    choices=vocabulary.alternatives(
                        [*vocabulary.words(Choice), pgettext("ballot", "invalid")]
                    ),
                    invalid=pgettext("ballot", "invalid"),
                    abstain=vocabulary.word(Choice.abstain),
                )
            )
        if vocabulary.fold(cells[0]) in INVALID_WORDS:
            return INVALID
        try:
            return parse_choice(cells[0]).value
        except VoteError as error:
            raise ValueError(error.message) from None


class _RankedParser:
    def __init__(self, candidates: Mapping[str, str]) -> None:
        self.candidates = candidates
        self.names = ", ".join(dict.fromkeys(candidates.values()))

    def __call__(self, row: list[str]) -> str:
        cells = [cell.strip() for cell in row if cell.strip()]
        if len(cells) == 1 and vocabulary.fold(cells[0]) in INVALID_WORDS:
            return INVALID
        names: list[str] = []
        for cell in cells:
            name = self.candidates.get(" ".join(cell.split()).casefold().lstrip("#"))
            if name is None:
                raise ValueError(
                    _("'{cell}' is not a candidate; the candidates are: {names}.").format(
                        cell=cell, names=self.names
                    )
                )
            if name in names:
                raise ValueError(
                    _("{name} is ranked twice; enter the ballot as invalid if that is what it shows.").format(
                        name=name
                    )
                )
            names.append(name)
        return json.dumps(names, ensure_ascii=False) if names else BLANK_RANKING


def entry_digest(ballots: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(ballots).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mismatch:
    """Where two entries differ: the ballot's position in the pile and what each teller typed."""

    position: int
    first: str | None  # None: that entry has no ballot at this position
    second: str | None


def compare_entries(first: Sequence[str], second: Sequence[str]) -> list[Mismatch]:
    """Every position at which the entries differ, including ballots only one entry has."""
    mismatches = [
        Mismatch(position, a, b)
        for position, (a, b) in enumerate(zip(first, second, strict=False), start=1)
        if a != b
    ]
    longer = first if len(first) > len(second) else second
    for position in range(min(len(first), len(second)) + 1, len(longer) + 1):
        value = longer[position - 1]
        mismatches.append(
            Mismatch(position, value if longer is first else None, value if longer is second else None)
        )
    return mismatches


def describe_ballot(token: str | None) -> str:
    """A normalised ballot as a person reads it: ``yes``, ``Ana > Raúl``, ``(blank)``."""
    if token is None:
        return _("(no ballot)")
    if token == INVALID:
        return _("(invalid)")
    if token.startswith("["):
        names = json.loads(token)
        return " > ".join(names) if names else _("(blank)")
    try:
        return vocabulary.label(Choice(token))
    except ValueError:  # not a choice: shown as it was entered
        return token


# --- batches in the database ------------------------------------------------------------------


@dataclass(frozen=True)
class BatchComparison:
    number: int
    status: PaperBatchStatus
    tellers: tuple[int, ...]  # member ids, in the order they entered
    counts: tuple[int, ...]
    mismatches: tuple[Mismatch, ...]

    @property
    def complete(self) -> bool:
        return len(self.tellers) == 2

    @property
    def agree(self) -> bool:
        return self.complete and not self.mismatches


def find_batch(session: Session, vote: Vote, number: int) -> PaperBatch:
    batch = session.scalar(
        select(PaperBatch).where(PaperBatch.vote_id == vote.id, PaperBatch.number == number)
    )
    if batch is None:
        raise VoteError(
            _(
                "Vote {id} has no batch {number} of paper ballots; see them with: coop ballot paper list {id}"
            ).format(id=vote.id, number=number)
        )
    return batch


def list_batches(session: Session, vote: Vote) -> list[PaperBatch]:
    return list(
        session.scalars(select(PaperBatch).where(PaperBatch.vote_id == vote.id).order_by(PaperBatch.number))
    )


def enter_batch(
    session: Session,
    vote: Vote,
    *,
    number: int,
    teller_id: int,
    teller_label: str,
    ballots: Sequence[str],
    actor: str,
    now: datetime,
) -> BatchComparison:
    """Store one teller's entry of a batch; a teller who enters it again replaces their own entry."""
    require_secret(vote)
    hold_ballot_box(session, vote, alone=True)
    if number < 1:
        raise VoteError(_("Batches are numbered from 1."))
    _check_tokens(vote, ballots)
    batch = session.scalar(
        select(PaperBatch).where(PaperBatch.vote_id == vote.id, PaperBatch.number == number)
    )
    if batch is None:
        batch = PaperBatch(vote_id=vote.id, number=number, status=PaperBatchStatus.entered)
        session.add(batch)
        session.flush()
    elif batch.status is not PaperBatchStatus.entered:
        raise VoteError(
            _("Batch {number} of vote {id} is {status} already; enter the next pile as a new batch.").format(
                number=number, id=vote.id, status=vocabulary.label(batch.status)
            )
        )
    entry = next((e for e in batch.entries if e.teller_member_id == teller_id), None)
    if entry is None and len(batch.entries) >= 2:
        raise VoteError(
            _(
                "Batch {number} of vote {id} already has its two entries; only those two tellers can "
                "enter it again."
            ).format(number=number, id=vote.id)
        )
    content = "\n".join(ballots)
    digest = entry_digest(ballots)
    if entry is None:
        entry = PaperBatchEntry(teller_member_id=teller_id)
        batch.entries.append(entry)
    entry.entered_at = now
    entry.ballots = len(ballots)
    entry.content = content
    entry.digest = digest
    session.flush()
    record_event(
        session,
        "coop.paper_batch.entered",
        actor=actor,
        now=now,
        data={
            "vote_id": vote.id,
            "batch": number,
            "teller": teller_label,
            "ballots": len(ballots),
            "digest": digest,
        },
    )
    return compare_batch(batch)


def _check_tokens(vote: Vote, ballots: Sequence[str]) -> None:
    if not ballots:
        raise VoteError(_("A batch holds at least one ballot."))
    if vote.kind is VoteKind.ranked:
        fits = all(token == INVALID or token.startswith("[") for token in ballots)
    else:
        fits = set(ballots) <= YES_NO_TOKENS
    if not fits:
        raise VoteError(_("A ranked vote takes rankings, a yes/no vote choices."))


def entry_ballots(entry: PaperBatchEntry) -> list[str]:
    return entry.content.split("\n")


def compare_batch(batch: PaperBatch) -> BatchComparison:
    entries = list(batch.entries)
    mismatches: list[Mismatch] = []
    if len(entries) == 2:
        mismatches = compare_entries(entry_ballots(entries[0]), entry_ballots(entries[1]))
    return BatchComparison(
        number=batch.number,
        status=batch.status,
        tellers=tuple(e.teller_member_id for e in entries),
        counts=tuple(e.ballots for e in entries),
        mismatches=tuple(mismatches),
    )


def accept_batch(session: Session, vote: Vote, *, number: int, actor: str, now: datetime) -> int:
    """Put a batch's ballots in the ballot box once its two entries agree; return how many."""
    require_secret(vote)
    hold_ballot_box(session, vote, alone=True)
    batch = find_batch(session, vote, number)
    if batch.status is not PaperBatchStatus.entered:
        raise VoteError(
            _("Batch {number} of vote {id} is {status} already.").format(
                number=number, id=vote.id, status=vocabulary.label(batch.status)
            )
        )
    comparison = compare_batch(batch)
    if not comparison.complete:
        raise VoteError(
            ngettext(
                "Batch {number} of vote {id} has {count} entry so far; two tellers must each enter it "
                "before it counts.",
                "Batch {number} of vote {id} has {count} entries so far; two tellers must each enter it "
                "before it counts.",
                len(comparison.tellers),
            ).format(number=number, id=vote.id, count=len(comparison.tellers))
        )
    if comparison.mismatches:
        positions = ", ".join(str(m.position) for m in comparison.mismatches[:SHOWN_IN_ERROR])
        if len(comparison.mismatches) > SHOWN_IN_ERROR:
            positions += ", …"
        raise VoteError(
            ngettext(
                "The two entries of batch {number} differ at {count} position ({positions}), so nothing "
                "was added; see them with: coop ballot paper compare {id} --batch {number}",
                "The two entries of batch {number} differ at {count} positions ({positions}), so nothing "
                "was added; see them with: coop ballot paper compare {id} --batch {number}",
                len(comparison.mismatches),
            ).format(number=number, count=len(comparison.mismatches), positions=positions, id=vote.id)
        )
    ballots = entry_ballots(batch.entries[0])
    insert_ballots(session, vote, ballots)
    batch.status = PaperBatchStatus.accepted
    batch.ballots = len(ballots)
    batch.digest = batch.entries[0].digest
    batch.decided_at = now
    session.flush()
    record_event(
        session,
        "coop.paper_batch.accepted",
        actor=actor,
        now=now,
        data={"vote_id": vote.id, "batch": number, "ballots": len(ballots), "digest": batch.digest},
    )
    return len(ballots)


def discard_batch(session: Session, vote: Vote, *, number: int, actor: str, now: datetime) -> PaperBatch:
    """Set aside a batch that was never accepted (entered for the wrong vote, a pile re-counted)."""
    hold_ballot_box(session, vote, alone=True)
    batch = find_batch(session, vote, number)
    if batch.status is not PaperBatchStatus.entered:
        raise VoteError(
            _(
                "Batch {number} of vote {id} is {status}; only a batch not yet accepted can be set aside."
            ).format(number=number, id=vote.id, status=vocabulary.label(batch.status))
        )
    batch.status = PaperBatchStatus.discarded
    batch.decided_at = now
    session.flush()
    record_event(
        session,
        "coop.paper_batch.discarded",
        actor=actor,
        now=now,
        data={"vote_id": vote.id, "batch": number},
    )
    return batch


def random_ids(count: int) -> list[str]:
    """``count`` random 128-bit ids in hex, drawn from the operating system in one call."""
    pool = os.urandom(16 * count).hex()
    return [pool[i : i + 32] for i in range(0, 32 * count, 32)]


def insert_ballots(session: Session, vote: Vote, ballots: Sequence[str]) -> None:
    """Add paper ballots to the box: each a random id and its content, nothing else, written in
    the order of their ids so that neither the pile's order nor the row order says anything."""
    session.flush()
    ranked = 1 if vote.kind is VoteKind.ranked else 0
    if session.get_bind().dialect.name == "sqlite":
        # SQLite draws the ids (randomblob reads the operating system's randomness) and reads the
        # ballots from one JSON parameter: a million rows in about two seconds, no Python loop.
        session.execute(
            text(
                "INSERT INTO secret_ballots (id, vote_id, choice, ranking) "
                "SELECT lower(hex(randomblob(16))) AS id, :vote, "
                "CASE WHEN :ranked = 0 AND value <> :invalid THEN value END, "
                "CASE WHEN :ranked = 1 AND value <> :invalid THEN value END "
                "FROM json_each(:ballots) ORDER BY id"
            ),
            {"vote": vote.id, "ranked": ranked, "invalid": INVALID, "ballots": json.dumps(list(ballots))},
        )
        return
    # PostgreSQL: the whole pile in one statement, its ids (from the operating system, as above)
    # and its ballots sent as two arrays and unnested there, rather than a million single-row
    # inserts; the rows go in the order of their ids.
    # No login writes the ballot tables itself: the owner's function coop_accept_paper_ballots
    # checks the vote is open and inserts them.
    outcome = session.scalar(
        text(
            "SELECT coop_accept_paper_ballots(:vote, CAST(:ids AS text[]), CAST(:ballots AS text[]), "
            ":ranked, :invalid)"
        ),
        {
            "vote": vote.id,
            "ranked": bool(ranked),
            "invalid": INVALID,
            "ids": random_ids(len(ballots)),
            "ballots": list(ballots),
        },
    )
    if outcome != "accepted":
        session.refresh(vote)
        hold_ballot_box(session, vote)  # says the vote is closed
