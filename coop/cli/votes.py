"""``coop votes``: count ballot files (IRV, STV, Schulze; by lists) and convert ranked ones to BLT.

These commands work on files alone, with no database: an auditor can recount an election
from its published ballots and rules. The tabulator and the file readers are imported inside
the commands so that ``coop --help`` stays fast.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coop.cli.options import DelimiterOption, EncodingOption, command_group
from coop.cli.stv_rounds import StvMethod, count_stv, print_stv_rounds, stv_json
from coop.errors import VoteError
from coop.formatting import format_number
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.votes.ballot_files.common import BallotSet, ProgressCallback
    from coop.votes.tally import CountRules
    from coop.votes.tally.results import RoundResult, TallyResult

app = command_group(
    _(
        "Votes from ballot files: count them (IRV, STV, Schulze, or by lists: D'Hondt, Sainte-Laguë, "
        "lista completa and incompleta), convert ranked ones to BLT."
    )
)

# Below this size a file reads in well under a second: a progress bar would only flicker.
LARGE_FILE_BYTES = 4 * 1024 * 1024


class ResultFormat(enum.StrEnum):
    table = "table"
    json = "json"


class InputFormat(enum.StrEnum):
    csv = "csv"
    blt = "blt"


class Method(enum.StrEnum):
    """How a file is counted; each method is one entry here and one in ``COUNTS`` below."""

    irv = "irv"
    stv = "stv"
    dhondt = "dhondt"
    sainte_lague = "sainte-lague"
    lista_completa = "lista-completa"
    lista_incompleta = "lista-incompleta"
    schulze = "schulze"
    meek = "meek"
    wigm = "wigm"
    scottish = "scottish"


RANKED_METHODS = (Method.irv, Method.stv, Method.schulze, Method.meek, Method.wigm, Method.scottish)


@dataclass(frozen=True)
class TabulateRequest:
    """What ``coop votes tabulate`` was asked, as typed; each count reads the parts it needs."""

    ballots: Path
    method: Method | None
    rules: Path | None
    fmt: ResultFormat
    input_format: InputFormat | None
    delimiter: str | None
    encoding: str | None
    seats: int | None
    share: str | None
    threshold: str | None
    seed: int | None


@app.command("tabulate")
def tabulate_command(
    ballots: Path = typer.Argument(
        ...,
        help=_(
            "The ballot file: CSV (weight,rank1,rank2,...) or BLT for ranked methods; "
            "CSV (list,votes, or list with one ballot per line) for list methods."
        ),
        show_default=False,
    ),
    method: Method | None = typer.Option(
        None,
        "--method",
        "-m",
        metavar="METHOD",
        help=_(
            "How to count: irv or stv (ranked, as the rules say when not named), meek, wigm or "
            "scottish (STV by Meek's method, the weighted inclusive Gregory method or the Scottish "
            "rules), schulze (ranked, one winner), or by lists: dhondt, sainte-lague, lista-completa, "
            "lista-incompleta."
        ),
    ),
    rules: Path | None = typer.Option(
        None,
        "--rules",
        help=_(
            "The counting rules (rules.json). Needed for a CSV file; for a BLT file the "
            "default is IRV for one seat and STV with the Droop quota for more."
        ),
    ),
    seats: int | None = typer.Option(None, "--seats", help=_("List methods: the seats to fill.")),
    share: str | None = typer.Option(
        None, "--share", help=_("lista-incompleta: the first list's share of the seats (default 2/3).")
    ),
    threshold: str | None = typer.Option(
        None,
        "--threshold",
        help=_("List methods: the least share of the valid votes a list needs to take part, like 3%."),
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help=_("List methods: the seed of the draw between lists tied in everything (default 0)."),
    ),
    fmt: ResultFormat = typer.Option(
        ResultFormat.table,
        "--format",
        "-f",
        help=_(
            "table: for people; json: the ranked count in the conformance expected.json structure, "
            "or the allocation with every quotient, or the Schulze matrices."
        ),
    ),
    input_format: InputFormat | None = typer.Option(
        None, "--input-format", help=_("csv or blt (default: blt for a .blt file, csv otherwise).")
    ),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Count an election from its ballot file: round by round, by lists, or by the Schulze method."""
    request = TabulateRequest(
        ballots, method, rules, fmt, input_format, delimiter, encoding, seats, share, threshold, seed
    )
    _check_options(request)
    COUNTS[method or Method.irv](request)


def _check_options(request: TabulateRequest) -> None:
    """Options that belong to another kind of count are refused rather than ignored."""
    ranked = request.method is None or request.method in RANKED_METHODS
    if ranked:
        for given, name in (
            (request.seats, "--seats"),
            (request.share, "--share"),
            (request.threshold, "--threshold"),
            (request.seed, "--seed"),
        ):
            if given is not None:
                raise typer.BadParameter(
                    _(
                        "{option} is for the list methods (dhondt, sainte-lague, lista-completa, "
                        "lista-incompleta)."
                    ).format(option=name),
                    param_hint=name,
                )
        return
    if request.rules is not None or request.input_format is InputFormat.blt:
        raise typer.BadParameter(
            _("a list election is counted from a CSV file of lists, with no rules file."),
            param_hint="--rules/--input-format",
        )
    if request.seats is None:
        raise typer.BadParameter(_("a list method needs --seats N, the seats to fill."), param_hint="--seats")
    if request.share is not None and request.method is not Method.lista_incompleta:
        raise typer.BadParameter(_("--share is for lista-incompleta."), param_hint="--share")


def _read_ranked(request: TabulateRequest) -> tuple[CountRules, BallotSet, tuple[str, ...]]:
    """The rules and ballots of a ranked file (CSV with rules.json, or BLT), and the order a BLT
    file gives for breaking ties (empty for a CSV file)."""
    from coop.csvfiles import CsvDialect
    from coop.votes.ballot_files.ballots_csv import read_ballots_csv
    from coop.votes.ballot_files.blt import read_blt, rules_for_blt
    from coop.votes.ballot_files.rules_json import read_rules_json

    ballots, rules = request.ballots, request.rules
    kind = request.input_format or (InputFormat.blt if ballots.suffix.lower() == ".blt" else InputFormat.csv)
    if kind is InputFormat.blt and (request.delimiter or request.encoding):
        raise typer.BadParameter(
            _("a BLT file has no delimiter or encoding to name; they are for a CSV ballot file."),
            param_hint="--delimiter/--encoding",
        )
    dialect = CsvDialect.named(delimiter=request.delimiter, encoding=request.encoding)
    if kind is InputFormat.csv and rules is None:
        raise typer.BadParameter(
            _("a CSV ballot file needs --rules RULES.json (its candidates and counting rules)."),
            param_hint="--rules",
        )
    count_rules = read_rules_json(rules) if rules is not None else None
    with _progress_for(ballots) as progress:
        if kind is InputFormat.blt:
            election = read_blt(ballots, progress=progress)
            count_rules = rules_for_blt(election, count_rules, source=ballots)
            ballot_set = election.ballots
            tie_order = tuple(election.tie_order)
        else:
            assert count_rules is not None
            ballot_set = read_ballots_csv(ballots, count_rules, progress=progress, dialect=dialect)
            tie_order = ()
    return count_rules, ballot_set, tie_order


def _count_ranked(request: TabulateRequest) -> None:
    """IRV or STV, as the rules say; a named --method irv|stv must agree with them."""
    from coop.votes.ballot_files.conformance import conformance_json
    from coop.votes.tally.count import tabulate

    count_rules, ballot_set, _tie_order = _read_ranked(request)
    if request.method is not None and (request.method is Method.stv) != count_rules.is_stv:
        raise VoteError(
            ngettext(
                "The rules elect {seats} seat by {rule}; count with --method {rule} or leave --method out.",
                "The rules elect {seats} seats by {rule}; count with --method {rule} or leave --method out.",
                count_rules.seats,
            ).format(seats=count_rules.seats, rule="stv" if count_rules.is_stv else "irv")
        )
    result = tabulate(ballot_set.ballots, count_rules)
    if request.fmt is ResultFormat.json:
        typer.echo(json.dumps(conformance_json(result), ensure_ascii=False, indent=2))
    else:
        _print_rounds(result, request.ballots)


def _count_schulze(request: TabulateRequest) -> None:
    from coop.cli.votes_counts import print_schulze, schulze_json
    from coop.votes.schulze import schulze

    count_rules, ballot_set, _tie_order = _read_ranked(request)
    candidates = [
        name for name in count_rules.counted_candidates if name not in count_rules.excluded_candidates
    ]
    result = schulze(candidates, ballot_set.ballots)
    if request.fmt is ResultFormat.json:
        typer.echo(json.dumps(schulze_json(result), ensure_ascii=False, indent=2))
    else:
        print_schulze(result, count_rules.title or request.ballots.name)


def _count_lists(request: TabulateRequest) -> None:
    from fractions import Fraction

    from coop.cli.votes_counts import list_result_json, print_list_result
    from coop.csvfiles import CsvDialect
    from coop.votes.ballot_files.list_votes import parse_share, parse_threshold, read_list_votes
    from coop.votes.lists import ListMethod, ListRules, allocate

    assert request.method is not None and request.seats is not None
    list_rules = ListRules(
        method=ListMethod(request.method.value),
        seats=request.seats,
        share=parse_share(request.share) if request.share is not None else Fraction(2, 3),
        threshold=parse_threshold(request.threshold) if request.threshold is not None else Fraction(0),
        seed=request.seed or 0,
    )
    list_rules.check()
    dialect = CsvDialect.named(delimiter=request.delimiter, encoding=request.encoding)
    result = allocate(read_list_votes(request.ballots, dialect=dialect), list_rules)
    if request.fmt is ResultFormat.json:
        typer.echo(json.dumps(list_result_json(result), ensure_ascii=False, indent=2))
    else:
        print_list_result(result, request.ballots.name)


# One entry per method: adding a method is adding its count here (and its word in Method).
def _count_stv(request: TabulateRequest) -> None:
    """Meek, WIGM or the Scottish rules (coop.votes.stv), round by round."""
    from coop.votes.stv.model import StvElection

    assert request.method is not None
    count_rules, ballot_set, tie_order = _read_ranked(request)
    stv = count_stv(
        StvElection(
            candidates=count_rules.counted_candidates,
            seats=count_rules.seats,
            ballots=ballot_set.ballots,
            withdrawn=tuple(
                c for c in count_rules.excluded_candidates if c in count_rules.counted_candidates
            ),
            tie_order=tie_order,
        ),
        StvMethod(request.method.value),
    )
    if request.fmt is ResultFormat.json:
        typer.echo(json.dumps(stv_json(stv), ensure_ascii=False, indent=2))
    else:
        print_stv_rounds(stv, count_rules.title or request.ballots.name)


COUNTS: dict[Method, Callable[[TabulateRequest], None]] = {
    Method.irv: _count_ranked,
    Method.stv: _count_ranked,
    Method.schulze: _count_schulze,
    Method.dhondt: _count_lists,
    Method.sainte_lague: _count_lists,
    Method.lista_completa: _count_lists,
    Method.lista_incompleta: _count_lists,
    Method.meek: _count_stv,
    Method.wigm: _count_stv,
    Method.scottish: _count_stv,
}


@app.command("export-blt")
def export_blt_command(
    ballots: Path = typer.Argument(
        ..., help=_("The CSV ballot file (weight,rank1,rank2,...)."), show_default=False
    ),
    rules: Path = typer.Option(
        ..., "--rules", help=_("The counting rules (rules.json): candidates, seats, ..."), show_default=False
    ),
    out: Path = typer.Option(
        ..., "--out", help=_("The BLT file to write (replaced if it exists)."), show_default=False
    ),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Convert a CSV ballot file to BLT, the format of OpenSTV and other counting programs."""
    from coop.csvfiles import CsvDialect
    from coop.votes.ballot_files.blt import convert_csv_to_blt
    from coop.votes.ballot_files.rules_json import read_rules_json

    dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
    count_rules = read_rules_json(rules)
    with _progress_for(ballots) as progress:
        ballot_set = convert_csv_to_blt(ballots, count_rules, out, progress=progress, dialect=dialect)
    typer.echo(
        ngettext(
            "Wrote {ballots} ballot ({lines} BLT lines) to {path}.",
            "Wrote {ballots} ballots ({lines} BLT lines) to {path}.",
            ballot_set.total_ballots,
        ).format(ballots=ballot_set.total_ballots, lines=len(ballot_set.ballots), path=out)
    )


@contextmanager
def _progress_for(path: Path) -> Iterator[ProgressCallback | None]:
    """A progress bar while a large file is read, only when a person is watching the terminal."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the reader will explain what is wrong with the path
    if size < LARGE_FILE_BYTES or not _person_watching():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(_("Reading {name}").format(name=path.name), total=size)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _person_watching() -> bool:
    return sys.stdout.isatty()


def _print_rounds(result: TallyResult, source: Path) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    rules = result.rules
    console.print(Text(rules.title or source.name, style="bold"))
    if rules.is_stv:
        method = ngettext(
            "Single transferable vote, {seats} seat", "Single transferable vote, {seats} seats", rules.seats
        ).format(seats=rules.seats)
    else:
        method = _("Single-winner instant runoff")
    console.print(
        Text(
            ngettext(
                "{method}; {ballots} ballot, {blank} with no rankings.",
                "{method}; {ballots} ballots, {blank} with no rankings.",
                result.total_ballots,
            ).format(method=method, ballots=result.total_ballots, blank=result.ballots_with_no_rankings)
        )
    )
    elected_before: set[str] = set()
    for round_result in result.rounds:
        table = Table(
            title=_("Round {number}").format(number=round_result.number),
            title_justify="left",
            title_style="bold",
        )
        table.add_column(_("Candidate"))
        table.add_column(_("Votes"), justify="right")
        table.add_column(_("Share"), justify="right")
        table.add_column(_("Outcome"))
        counted = sum(round_result.tally.values())
        ordered = sorted(round_result.tally.items(), key=lambda item: (-item[1], item[0]))
        for name, votes in ordered:
            if name in round_result.elected:
                outcome = Text(_("elected"), style="bold green")
            elif name in round_result.eliminated:
                outcome = Text(_("eliminated"), style="red")
            elif name in elected_before:
                outcome = Text(_("elected earlier"), style="green")
            else:
                outcome = Text("")
            share = (
                format_number(Decimal(votes * 100) / Decimal(counted), places=1) + " %" if counted else "-"
            )
            table.add_row(Text(name), _votes(votes), share, outcome)
        console.print(table)
        for note in _round_notes(result, round_result):
            console.print(Text(note), highlight=False)
        console.print()
        elected_before.update(round_result.elected)
    if result.winners:
        console.print(
            Text(
                ngettext("Winner: {names}", "Winners: {names}", len(result.winners)).format(
                    names=", ".join(result.winners)
                ),
                style="bold",
            )
        )
    else:
        console.print(Text(_("No winner: the count stopped before anyone was elected."), style="bold"))


def _votes(value: Decimal | int) -> str:
    """A count of votes (fractions under STV) the reader's way: ``9,5001`` in Spanish."""
    return format_number(Decimal(format(value, "f")))


def _round_notes(result: TallyResult, round_result: RoundResult) -> list[str]:
    """Threshold, inactive ballots, surplus, tie-breaks and transfers, printed under a round's table."""
    lines = [_("Threshold: {threshold}").format(threshold=_votes(round_result.threshold))]
    inactive = round_result.inactive
    causes = [
        f"{label} {_votes(amount)}"
        for label, amount in (
            (_("overvote"), inactive.overvote),
            (_("skipped ranks"), inactive.skipped_ranks),
            (_("no choices left"), inactive.exhausted_choices),
            (_("repeated ranking"), inactive.repeated_ranking),
        )
        if amount
    ]
    inactive_line = _("Inactive ballots: {total}").format(total=_votes(inactive.total.normalize()))
    lines.append(inactive_line + (" (" + ", ".join(causes) + ")" if causes else ""))
    if round_result.residual_surplus:
        lines.append(
            _("Residual surplus (rounding): {amount}").format(amount=_votes(round_result.residual_surplus))
        )
    if round_result.final_round_surplus:
        lines.append(
            _("Surplus of the last winners, not transferred: {amount}").format(
                amount=_votes(round_result.final_round_surplus)
            )
        )
    for tie in result.tie_resolutions:
        if tie.round == round_result.number:
            if tie.selecting == "winner":
                template = _("Tie between {tied}: {selected} wins the tie-break.")
            else:
                template = _("Tie between {tied}: {selected} loses the tie-break.")
            lines.append(template.format(tied=", ".join(tie.tied), selected=tie.selected))
    for source, transfer in round_result.transfers.items():
        parts = [f"{name} {_votes(amount)}" for name, amount in transfer.to_candidates.items()]
        if transfer.exhausted is not None:
            parts.append(_("inactive {amount}").format(amount=_votes(transfer.exhausted)))
        if transfer.residual_surplus is not None:
            parts.append(_("residual surplus {amount}").format(amount=_votes(transfer.residual_surplus)))
        if parts:
            lines.append(
                _("{source}'s votes go to: {targets}").format(source=source, targets=", ".join(parts))
            )
    return lines
