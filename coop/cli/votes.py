"""``coop votes``: count ranked-choice ballot files (IRV and STV) and convert them to BLT.

These commands work on files alone, with no database: an auditor can recount an election
from its published ballots and rules. The tabulator and the file readers are imported inside
the commands so that ``coop --help`` stays fast.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from coop.cli.options import DelimiterOption, EncodingOption
from coop.cli.stv_rounds import StvMethod, count_stv, print_stv_rounds, stv_json
from coop.formatting import format_number
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.votes.ballot_files.common import ProgressCallback
    from coop.votes.tally.results import RoundResult, TallyResult

app = typer.Typer(
    help=_(
        "Ranked-choice votes from ballot files: count them (IRV, STV) round by round, convert them to BLT."
    ),
    no_args_is_help=True,
)

# Below this size a file reads in well under a second: a progress bar would only flicker.
LARGE_FILE_BYTES = 4 * 1024 * 1024


class ResultFormat(enum.StrEnum):
    table = "table"
    json = "json"


class InputFormat(enum.StrEnum):
    csv = "csv"
    blt = "blt"


@app.command("tabulate")
def tabulate_command(
    ballots: Path = typer.Argument(
        ..., help=_("The ballot file: CSV (weight,rank1,rank2,...) or BLT."), show_default=False
    ),
    rules: Path | None = typer.Option(
        None,
        "--rules",
        help=_(
            "The counting rules (rules.json). Needed for a CSV file; for a BLT file the "
            "default is IRV for one seat and STV with the Droop quota for more."
        ),
    ),
    fmt: ResultFormat = typer.Option(
        ResultFormat.table,
        "--format",
        "-f",
        help=_("table: round by round, for people; json: the conformance expected.json structure."),
    ),
    input_format: InputFormat | None = typer.Option(
        None, "--input-format", help=_("csv or blt (default: blt for a .blt file, csv otherwise).")
    ),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
    method: StvMethod | None = typer.Option(
        None,
        "--method",
        help=_(
            "meek, wigm or scottish: count by Meek STV, the weighted inclusive Gregory method or the "
            "Scottish STV rules (default: IRV or STV as RCTab counts them)."
        ),
    ),
) -> None:
    """Count a ranked-choice election from its ballot file, round by round."""
    from coop.csvfiles import CsvDialect
    from coop.votes.ballot_files.ballots_csv import read_ballots_csv
    from coop.votes.ballot_files.blt import read_blt, rules_for_blt
    from coop.votes.ballot_files.conformance import conformance_json
    from coop.votes.ballot_files.rules_json import read_rules_json
    from coop.votes.tally.count import tabulate

    kind = input_format or (InputFormat.blt if ballots.suffix.lower() == ".blt" else InputFormat.csv)
    if kind is InputFormat.blt and (delimiter or encoding):
        raise typer.BadParameter(
            _("a BLT file has no delimiter or encoding to name; they are for a CSV ballot file."),
            param_hint="--delimiter/--encoding",
        )
    dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
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
        else:
            assert count_rules is not None
            ballot_set = read_ballots_csv(ballots, count_rules, progress=progress, dialect=dialect)
    if method is not None:
        from coop.votes.stv.model import StvElection

        stv = count_stv(
            StvElection(
                candidates=count_rules.counted_candidates,
                seats=count_rules.seats,
                ballots=ballot_set.ballots,
                withdrawn=tuple(
                    c for c in count_rules.excluded_candidates if c in count_rules.counted_candidates
                ),
                tie_order=election.tie_order if kind is InputFormat.blt else (),
            ),
            method,
        )
        if fmt is ResultFormat.json:
            typer.echo(json.dumps(stv_json(stv), ensure_ascii=False, indent=2))
        else:
            print_stv_rounds(stv, count_rules.title or ballots.name)
        return
    result = tabulate(ballot_set.ballots, count_rules)
    if fmt is ResultFormat.json:
        typer.echo(json.dumps(conformance_json(result), ensure_ascii=False, indent=2))
    else:
        _print_rounds(result, ballots)


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
