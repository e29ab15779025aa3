"""``coop votes tabulate --method meek|wigm|scottish``: count a ranked file by the Droop family of STV
rules and show each round, as a table for people or as JSON for scripts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from coop.formatting import format_number
from coop.i18n import _, ngettext
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.methods import StvMethod, count_stv, event_sentence, stv_json
from coop.votes.stv.model import Snapshot, StvResult

__all__ = ["StvMethod", "count_stv", "event_sentence", "print_stv_rounds", "stv_json"]


def _number(value: Fraction | int, places: int) -> str:
    """A count's number with every decimal it was counted to, written the reader's way (Spanish
    readers take 9.500 for nine thousand five hundred: they read 9,500)."""
    return format_number(Decimal(show_decimal(value, places)), places=places)


def _method_title(result: StvResult) -> str:
    if result.method == "meek":
        return _("Meek STV ({arithmetic}, omega {omega})").format(
            arithmetic=result.arithmetic, omega=_number(result.omega or 0, result.display)
        )
    if result.method == "wigm":
        return _("Weighted inclusive Gregory method ({arithmetic})").format(arithmetic=result.arithmetic)
    return _("Scottish STV rules (5 decimals, truncated)")


def _state_word(state: str) -> str:
    return {
        "hopeful": _("continuing"),
        "elected": _("elected"),
        "defeated": _("excluded"),
        "withdrawn": _("withdrawn"),
    }[state]


def print_stv_rounds(result: StvResult, title: str) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    places = result.display
    console.print(Text(title, style="bold"))
    console.print(Text(_method_title(result)))
    seats = ngettext("{count} seat", "{count} seats", result.seats).format(count=result.seats)
    console.print(
        Text(
            ngettext("{ballots} ballot; {seats}.", "{ballots} ballots; {seats}.", result.ballots).format(
                ballots=result.ballots, seats=seats
            )
        )
    )
    meek = result.method == "meek"
    for round_ in result.rounds:
        start = round_.start
        heading = _("Round {number}: quota {quota}").format(
            number=round_.number, quota=_number(start.quota, places)
        )
        _print_snapshot(console, start, heading, places, meek)
        for event in round_.events:
            console.print(Text("- " + event_sentence(event, places, lambda value: _number(value, places))))
    final = result.final
    heading = _("End of the count: quota {quota}").format(quota=_number(final.quota, places))
    _print_snapshot(console, final, heading, places, meek)
    console.print(Text(_("Elected: {names}.").format(names=", ".join(result.winners)), style="bold green"))


def _print_snapshot(console: Any, snapshot: Snapshot, heading: str, places: int, meek: bool) -> None:
    """The votes (and Meek's keep factors) of every candidate, most votes first."""
    from rich.table import Table
    from rich.text import Text

    rows = []
    for name, votes in sorted(snapshot.votes.items(), key=lambda item: (-item[1], item[0])):
        row = [name, _number(votes, places)]
        if meek and snapshot.keep_factors is not None:
            row.append(_number(snapshot.keep_factors[name], places))
        rows.append([*row, _state_word(snapshot.states[name])])
    # A number is never cut short on a narrow terminal: the names and states wrap instead.
    numbers = [max(len(row[column]) for row in rows) for column in range(1, len(rows[0]) - 1)]
    table = Table(title=heading, title_justify="left", title_style="bold")
    table.add_column(_("Candidate"))
    table.add_column(_("Votes"), justify="right", no_wrap=True, min_width=numbers[0])
    if meek:
        table.add_column(_("Keep factor"), justify="right", no_wrap=True, min_width=numbers[-1])
    table.add_column(_("State"))
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        Text(
            _("Surplus {surplus}; not transferable {residual}.").format(
                surplus=_number(snapshot.surplus, places), residual=_number(snapshot.residual, places)
            )
        )
    )
