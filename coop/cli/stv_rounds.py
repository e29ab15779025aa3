"""``coop votes tabulate --method meek|wigm|scottish``: count a ranked file by the Droop family of STV
rules and show each round, as a table for people or as JSON for scripts."""

from __future__ import annotations

from typing import Any

from coop.i18n import _, ngettext
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.methods import StvMethod, count_stv, event_sentence, stv_json
from coop.votes.stv.model import Snapshot, StvResult

__all__ = ["StvMethod", "count_stv", "event_sentence", "print_stv_rounds", "stv_json"]


def _method_title(result: StvResult) -> str:
    if result.method == "meek":
        return _("Meek STV ({arithmetic}, omega {omega})").format(
            arithmetic=result.arithmetic, omega=show_decimal(result.omega or 0, result.display)
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
            number=round_.number, quota=show_decimal(start.quota, places)
        )
        _print_snapshot(console, start, heading, places, meek)
        for event in round_.events:
            console.print(Text("- " + event_sentence(event, places)))
    final = result.final
    heading = _("End of the count: quota {quota}").format(quota=show_decimal(final.quota, places))
    _print_snapshot(console, final, heading, places, meek)
    console.print(Text(_("Elected: {names}.").format(names=", ".join(result.winners)), style="bold green"))


def _print_snapshot(console: Any, snapshot: Snapshot, heading: str, places: int, meek: bool) -> None:
    """The votes (and Meek's keep factors) of every candidate, most votes first."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=heading, title_justify="left", title_style="bold")
    table.add_column(_("Candidate"))
    table.add_column(_("Votes"), justify="right")
    if meek:
        table.add_column(_("Keep factor"), justify="right")
    table.add_column(_("State"))
    for name, votes in sorted(snapshot.votes.items(), key=lambda item: (-item[1], item[0])):
        row = [name, show_decimal(votes, places)]
        if meek and snapshot.keep_factors is not None:
            row.append(show_decimal(snapshot.keep_factors[name], places))
        row.append(_state_word(snapshot.states[name]))
        table.add_row(*row)
    console.print(table)
    console.print(
        Text(
            _("Surplus {surplus}; not transferable {residual}.").format(
                surplus=show_decimal(snapshot.surplus, places),
                residual=show_decimal(snapshot.residual, places),
            )
        )
    )
