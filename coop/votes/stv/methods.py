"""The Droop family of STV rules by name (meek, wigm, scottish), and a count's result as plain JSON data:
winners, each round as it began and what it did, and the end (numbers as decimal strings)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from coop.i18n import _
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.model import Event, Round, Snapshot, StvElection, StvResult

#: The format name of :func:`stv_json`'s data, as an election stores it.
STV_FORMAT = "coop-stv/1"


class StvMethod(enum.StrEnum):
    meek = "meek"
    wigm = "wigm"
    scottish = "scottish"


def count_stv(election: StvElection, method: StvMethod) -> StvResult:
    """Meek in guarded arithmetic (18 digits + 9 guard), WIGM in exact fractions, the Scottish rules
    in 5 truncated decimals, as Droop counts them by default."""
    from coop.votes.stv.arithmetic import GUARDED_P18_G9, RATIONAL
    from coop.votes.stv.meek import count_meek
    from coop.votes.stv.wigm import count_scottish, count_wigm

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


def _places(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _snapshot_from_json(data: Mapping[str, Any]) -> Snapshot:
    keep = data.get("keep_factors")
    return Snapshot(
        votes={name: Fraction(value) for name, value in data["votes"].items()},
        states=dict(data["states"]),
        quota=Fraction(data["quota"]),
        surplus=Fraction(data["surplus"]),
        residual=Fraction(data["residual"]),
        keep_factors={name: Fraction(value) for name, value in keep.items()} if keep is not None else None,
    )


def stv_from_json(data: Mapping[str, Any]) -> StvResult:
    """A stored result read back (numbers as :func:`stv_json` printed them), to show or print it as it
    was fixed; nothing is recounted."""
    return StvResult(
        method=data["method"],
        arithmetic=data["arithmetic"],
        display=_places(data["final"]["quota"]),
        seats=int(data["seats"]),
        winners=tuple(data["winners"]),
        first=_snapshot_from_json(data["first_preferences"]),
        rounds=tuple(
            Round(
                number=int(r["round"]),
                start=_snapshot_from_json(r),
                events=tuple(
                    Event(
                        e["kind"],
                        tuple(e["candidates"]),
                        Fraction(e["amount"]) if e["amount"] is not None else None,
                        e["reason"],
                    )
                    for e in r["events"]
                ),
            )
            for r in data["rounds"]
        ),
        final=_snapshot_from_json(data["final"]),
        ballots=int(data["ballots"]),
        omega=Fraction(data["omega"]) if data.get("omega") is not None else None,
    )


def event_sentence(event: Event, places: int, show: Callable[[Fraction], str] | None = None) -> str:
    """One event in plain words; ``show`` writes a number (by default with ``places`` decimals)."""
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
            name=names,
            amount=(show or (lambda value: show_decimal(value, places)))(event.amount or Fraction(0)),
        )
    if event.reason == "earlier stage":
        return _(
            "Tie between {names}; broken by the votes at the latest stage where they differed: {chosen}."
        ).format(names=", ".join(sorted(event.candidates)), chosen=event.candidates[0])
    return _("Tie between {names}; broken by the tie order: {chosen}.").format(
        names=", ".join(sorted(event.candidates)), chosen=event.candidates[0]
    )
