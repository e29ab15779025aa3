"""How ``coop votes tabulate`` shows a list allocation and a Schulze count: tables for people, JSON
for scripts.

The tables are meant to be checked by hand: the allocation prints every list's quotient under every
divisor with the seat it won, and Schulze prints the pairwise matrix and the strongest paths.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from coop.formatting import format_number
from coop.i18n import _, ngettext
from coop.votes.lists import ListMethod, ListResult, ListTie
from coop.votes.schulze import SchulzeResult, schulze_json

__all__ = ["list_result_json", "print_list_result", "print_schulze", "schulze_json"]

PLACES = 2  # quotients and shares as printed; the count itself is exact


def _decimal(value: Fraction, places: int = PLACES) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if value.denominator == 1:
        return Decimal(value.numerator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _json_decimal(value: Fraction) -> str:
    """A quotient or a percentage in JSON: a string with 4 decimals (rounded half to even)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN))


def _number(value: Fraction | int, places: int = PLACES) -> str:
    return format_number(_decimal(Fraction(value), places))


def _method_name(method: ListMethod) -> str:
    return {
        ListMethod.DHONDT: _("D'Hondt"),
        ListMethod.SAINTE_LAGUE: _("Sainte-Laguë"),
        ListMethod.LISTA_COMPLETA: _("lista completa (the list with most votes takes every seat)"),
        ListMethod.LISTA_INCOMPLETA: _(
            "lista incompleta (the first list {share} of the seats, the runner-up the rest)"
        ),
    }[method]


# --------------------------------------------------------------------------- lists


def list_result_json(result: ListResult) -> dict[str, Any]:
    rules = result.rules
    return {
        "method": rules.method.value,
        "seats": rules.seats,
        "share": f"{rules.share.numerator}/{rules.share.denominator}"
        if rules.method is ListMethod.LISTA_INCOMPLETA
        else None,
        "threshold_percent": _json_decimal(rules.threshold * 100),
        "seed": rules.seed,
        "valid_votes": result.valid,
        "blank": result.blank,
        "void": result.void,
        "total_ballots": result.total,
        "lists": [
            {
                "name": outcome.name,
                "votes": outcome.votes,
                "share_percent": _json_decimal(outcome.share * 100),
                "takes_part": outcome.takes_part,
                "seats": outcome.seats,
                "elected": list(outcome.elected),
                "alternates": list(outcome.alternates),
                "unfilled": outcome.unfilled,
            }
            for outcome in result.lists
        ],
        "divisors": list(result.divisors),
        "quotients": [
            {"list": q.list, "divisor": q.divisor, "value": _json_decimal(q.value), "seat": q.seat}
            for q in result.quotients
        ],
        "seat_order": list(result.seat_order),
        "ties": [
            {"seat": tie.seat, "tied": list(tie.tied), "chosen": tie.chosen, "by": tie.by}
            for tie in result.ties
        ],
        "winners": list(result.winners),
    }


def print_list_result(result: ListResult, title: str) -> None:
    console = Console()
    rules = result.rules
    share = f"{rules.share.numerator}/{rules.share.denominator}"
    console.print(Text(title, style="bold"))
    console.print(
        Text(
            ngettext("{method}, {seats} seat.", "{method}, {seats} seats.", rules.seats).format(
                method=_method_name(rules.method).format(share=share), seats=rules.seats
            )
        )
    )
    console.print(
        Text(
            _(
                "Ballots: {total}; valid votes (for a list): {valid}; blank: {blank}; void: {void}. "
                "Blank and void ballots are no list's votes."
            ).format(
                total=_number(result.total),
                valid=_number(result.valid),
                blank=_number(result.blank),
                void=_number(result.void),
            )
        )
    )
    if rules.threshold:
        console.print(
            Text(
                _(
                    "Threshold: {percent} % of the valid votes ({votes} votes); lists below it take no part."
                ).format(
                    percent=format_number(_decimal(rules.threshold * 100, 4).normalize()),
                    votes=_number(rules.threshold * result.valid),
                )
            )
        )
    console.print(Text(_("Votes and seats"), style="bold"))
    table = Table()
    table.add_column(_("List"))
    table.add_column(_("Votes"), justify="right")
    table.add_column(_("Share"), justify="right")
    table.add_column(_("Seats"), justify="right")
    below = any(not outcome.takes_part for outcome in result.lists)
    if below:
        table.add_column(_("Note"))
    for outcome in result.lists:
        row = [
            Text(outcome.name),
            Text(_number(outcome.votes)),
            Text(_number(outcome.share * 100) + " %"),
            Text(str(outcome.seats), style="bold" if outcome.seats else ""),
        ]
        if below:
            row.append(Text("" if outcome.takes_part else _("below the threshold")))
        table.add_row(*row)
    console.print(table)
    if result.divisors:
        _print_quotients(console, result)
    for tie in result.ties:
        console.print(Text(_tie_sentence(tie, rules.seed)))
    _print_elected(console, result)


def _print_quotients(console: Console, result: ListResult) -> None:
    """The allocation table: a row per divisor, a column per list taking part, the seats marked."""
    console.print(Text(_("Quotients: each list's votes divided by each divisor"), style="bold"))
    table = Table()
    table.add_column(_("Divisor"), justify="right")
    names = list(dict.fromkeys(quotient.list for quotient in result.quotients))
    for name in names:
        table.add_column(Text(name), justify="right")
    cells: dict[tuple[str, int], Text] = {}
    for quotient in result.quotients:
        value = _number(quotient.value)
        if quotient.seat is not None:
            cells[(quotient.list, quotient.divisor)] = Text(f"{value} [{quotient.seat}]", style="bold green")
        else:
            cells[(quotient.list, quotient.divisor)] = Text(value)
    for divisor in result.divisors:
        table.add_row(str(divisor), *(cells[(name, divisor)] for name in names))
    console.print(table)
    console.print(Text(_("[n]: the quotient took the n-th seat; seats go to the highest quotients.")))


def _tie_sentence(tie: ListTie, seed: int) -> str:
    if tie.by == "votes":
        template = _("Seat {seat}: {tied} tied; {chosen} takes it, having more votes in total.")
    else:
        template = _("Seat {seat}: {tied} tied in everything; {chosen} takes it by the draw (seed {seed}).")
    return template.format(seat=tie.seat, tied=", ".join(tie.tied), chosen=tie.chosen, seed=seed)


def _print_elected(console: Console, result: ListResult) -> None:
    with_candidates = any(outcome.elected or outcome.alternates for outcome in result.lists)
    if not with_candidates:
        seats = [f"{outcome.name} {outcome.seats}" for outcome in result.lists if outcome.seats]
        console.print(Text(_("Seats: {seats}").format(seats=", ".join(seats)), style="bold"))
        return
    for outcome in result.lists:
        if not outcome.seats:
            continue
        line = _("{list}: elected {names}").format(list=outcome.name, names=", ".join(outcome.elected) or "-")
        if outcome.alternates:
            line += "; " + _("alternates {names}").format(names=", ".join(outcome.alternates))
        if outcome.unfilled:
            line += "; " + ngettext(
                "{count} seat without a candidate", "{count} seats without a candidate", outcome.unfilled
            ).format(count=outcome.unfilled)
        console.print(Text(line, style="bold"))


# --------------------------------------------------------------------------- Schulze


def print_schulze(result: SchulzeResult, title: str) -> None:
    console = Console()
    console.print(Text(title, style="bold"))
    console.print(
        Text(
            ngettext(
                "Schulze method (winning votes); {ballots} ballot.",
                "Schulze method (winning votes); {ballots} ballots.",
                result.ballots,
            ).format(ballots=_number(result.ballots))
        )
    )
    _print_matrix(
        console,
        result,
        result.pairwise,
        _("Pairwise: how many ballots rank the row's candidate above the column's"),
        _(
            "A candidate a ballot leaves unranked counts below every ranked one. The row's candidate "
            "wins the pair when its number is larger than the one across the diagonal."
        ),
    )
    _print_matrix(
        console,
        result,
        result.strongest_paths,
        _("Strongest paths: the strongest chain of wins from the row's candidate to the column's"),
        _(
            "A chain is as strong as its weakest win. The row's candidate beats the column's when its "
            "number is larger than the one across the diagonal."
        ),
    )
    console.print(Text(_("Ranking (candidates at one place are tied):"), style="bold"))
    for number, place in enumerate(result.ranking, start=1):
        console.print(Text(f"{number}. {', '.join(place)}"))
    if len(result.winners) == 1:
        console.print(Text(_("Winner: {name}").format(name=result.winners[0]), style="bold"))
    else:
        console.print(
            Text(
                _(
                    "Tie for first place between {names}: nobody beats them; the bylaws' tie rule decides."
                ).format(names=", ".join(result.winners)),
                style="bold",
            )
        )


def _print_matrix(
    console: Console, result: SchulzeResult, matrix: tuple[tuple[int, ...], ...], title: str, caption: str
) -> None:
    console.print(Text(title, style="bold"))
    table = Table()
    table.add_column("")
    for name in result.candidates:
        table.add_column(Text(name), justify="right")
    for i, row in enumerate(result.candidates):
        cells = [
            Text("-")
            if i == j
            else Text(_number(matrix[i][j]), style="bold" if matrix[i][j] > matrix[j][i] else "")
            for j in range(len(result.candidates))
        ]
        table.add_row(Text(row), *cells)
    console.print(table)
    console.print(Text(caption))
