"""``coop votes tabulate --method meek|wigm|scottish``: count a ranked file by the Droop family of STV
rules and show each round, as a table for people or as JSON for scripts."""

from __future__ import annotations

import enum
from typing import Any

from coop.i18n import _, ngettext
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.model import Event, Snapshot, StvElection, StvResult


class StvMethod(enum.StrEnum):
    meek = "meek"
    wigm = "wigm"
    scottish = "scottish"


def count_stv(election: StvElection, method: StvMethod) -> StvResult:
    """Meek in guarded arithmetic (18 digits + 9 guard), WIGM in exact fractions, the Scottish rules
    in 5 truncated decimals, as Droop counts them by default."""
    from coop.votes.stv import GUARDED_P18_G9, RATIONAL, count_meek, count_scottish, count_wigm

    if method is StvMethod.meek:
        return count_meek(election, GUARDED_P18_G9)
    if method is StvMethod.wigm:
        return count_wigm(election, RATIONAL)
    return count_scottish(election)


def _snapshot_json(snapshot: Snapshot, places: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "quota": show_decimal(snapshot.quota, places),
        "votes": {name: show_decimal(value, places) for name, value in snapshot.votes.items()},
        "states": dict(snapshot.states),
        "surplus": show_decimal(snapshot.surplus, places),
        "residual": show_decimal(snapshot.residual, places),
    }
    if snapshot.keep_factors is not None:
        data["keep_factors"] = {
            name: show_decimal(value, places) for name, value in snapshot.keep_factors.items()
        }
    return data


def _event_json(event: Event, places: int) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "candidates": list(event.candidates),
        "amount": show_decimal(event.amount, places) if event.amount is not None else None,
        "reason": event.reason,
    }


def stv_json(result: StvResult) -> dict[str, Any]:
    """The result for scripts: winners, then each round as it began and what it did, and the end."""
    places = result.display
    return {
        "method": result.method,
        "arithmetic": result.arithmetic,
        "seats": result.seats,
        "ballots": result.ballots,
        "omega": show_decimal(result.omega, places) if result.omega is not None else None,
        "winners": list(result.winners),
        "first_preferences": _snapshot_json(result.first, places),
        "rounds": [
            {
                "round": r.number,
                **_snapshot_json(r.start, places),
                "events": [_event_json(e, places) for e in r.events],
            }
            for r in result.rounds
        ],
        "final": _snapshot_json(result.final, places),
    }


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


def event_sentence(event: Event, places: int) -> str:
    """One event in plain words."""
    names = ", ".join(event.candidates)
    if event.kind == "elected":
        if event.reason == "remaining":
            return _("{name} is elected: the continuing candidates fill the seats left.").format(name=names)
        return _("{name} is elected: more votes than the quota.").format(name=names)
    if event.kind == "defeated":
        if event.reason == "remaining":
            return _("{name} is excluded: the seats are filled.").format(name=names)
        if event.reason == "certain loser":
            return _(
                "{name} is excluded: even with the whole surplus, they could not overtake anyone."
            ).format(name=names)
        return _("{name} is excluded: the fewest votes.").format(name=names)
    if event.kind == "surplus":
        return _("The surplus of {name} ({amount}) is transferred.").format(
            name=names, amount=show_decimal(event.amount or 0, places)
        )
    if event.reason == "earlier stage":
        return _(
            "Tie between {names}; broken by the votes at the latest stage where they differed: {chosen}."
        ).format(names=", ".join(sorted(event.candidates)), chosen=event.candidates[0])
    return _("Tie between {names}; broken by the tie order: {chosen}.").format(
        names=", ".join(sorted(event.candidates)), chosen=event.candidates[0]
    )


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
