"""``coop election list-add|lists``, and how ``close`` and ``results`` speak of an election by lists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import typer

from coop.cli.options import ElectionArgument, command_scope, say_done
from coop.cli.output import OutputFormat, emit_rows, format_option
from coop.formatting import format_number
from coop.i18n import _, ngettext


def _people(text: str | None) -> list[str]:
    """Member numbers or names separated by commas: ``0004,0012, Ana Núñez``."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def register_list_commands(app: typer.Typer) -> None:
    @app.command("list-add")
    def list_add(
        ctx: typer.Context,
        election: ElectionArgument,
        name: str = typer.Argument(..., help=_('The list\'s name, e.g. "Lista 1 – Celeste".')),
        titulares: str = typer.Option(
            ..., "--titulares", help=_("The list's titulares in order, member numbers separated by commas.")
        ),
        suplentes: str | None = typer.Option(
            None, "--suplentes", help=_("The list's suplentes (alternates) in order, separated by commas.")
        ),
    ) -> None:
        """Register a list for an election by lists, before it opens (secretary)."""
        say_done(
            ctx,
            lambda c: c.elections.add_list(
                election, name, titulares=_people(titulares), suplentes=_people(suplentes)
            ),
            lambda registered: _("List {number} registered for election {id}: {name}.").format(
                number=registered.position, id=election, name=registered.name
            ),
        )

    @app.command("lists")
    def lists(ctx: typer.Context, election: ElectionArgument, fmt: OutputFormat = format_option()) -> None:
        """The lists of an election by lists, with their titulares and suplentes in order."""
        with command_scope(ctx) as c:
            found = c.elections.election_lists(election)
        if fmt is OutputFormat.json:
            import json

            typer.echo(json.dumps([item.as_json() for item in found], ensure_ascii=False, indent=2))
            return
        emit_rows(
            [
                {
                    "number": item.number,
                    "name": item.name,
                    "titulares": ", ".join(item.titulares),
                    "suplentes": ", ".join(item.suplentes),
                }
                for item in found
            ],
            [
                ("number", "#"),
                ("name", _("List")),
                ("titulares", _("Titulares")),
                ("suplentes", _("Suplentes")),
            ],
            fmt,
            title=_("Lists of election {id}").format(id=election),
        )


def list_close_message(result: dict[str, Any]) -> str:
    seats = "; ".join(f"{item['name']} {item['seats']}" for item in result["lists"] if item["seats"])
    return ngettext(
        "Counted {ballots} ballot ({blank} blank, {void} void). Seats: {seats}. Elected: {winners}.",
        "Counted {ballots} ballots ({blank} blank, {void} void). Seats: {seats}. Elected: {winners}.",
        result["total_ballots"],
    ).format(
        ballots=result["total_ballots"],
        blank=result["blank"],
        void=result["void"],
        seats=seats,
        winners=", ".join(result["winners"]),
    )


def _number(text: str | int) -> str:
    return format_number(Decimal(str(text)).quantize(Decimal("0.01")) if "." in str(text) else Decimal(text))


def emit_list_result(data: dict[str, Any], fmt: OutputFormat) -> None:
    """The stored result of an election by lists as tables: lists, then the quotients."""
    emit_rows(
        [
            {
                "list": item["name"],
                "votes": _number(item["votes"]),
                "share": _number(item["share_percent"]) + " %",
                "seats": item["seats"] if item["takes_part"] else _("below the threshold"),
                "elected": ", ".join(item["elected"]),
                "alternates": ", ".join(item["alternates"]),
            }
            for item in data["lists"]
        ],
        [
            ("list", _("List")),
            ("votes", _("Votes")),
            ("share", _("Share")),
            ("seats", _("Seats")),
            ("elected", _("Titulares elected")),
            ("alternates", _("Suplentes elected")),
        ],
        fmt,
        title=_("Ballots: {total}; valid votes (for a list): {valid}; blank: {blank}; void: {void}.").format(
            total=_number(data["total_ballots"]),
            valid=_number(data["valid_votes"]),
            blank=_number(data["blank"]),
            void=_number(data["void"]),
        ),
    )
    if not data["divisors"]:
        return
    names = list(dict.fromkeys(q["list"] for q in data["quotients"]))
    cells = {
        (q["list"], q["divisor"]): _number(q["value"]) + (f" [{q['seat']}]" if q["seat"] else "")
        for q in data["quotients"]
    }
    typer.echo("")
    emit_rows(
        [{"divisor": d, **{name: cells[(name, d)] for name in names}} for d in data["divisors"]],
        [("divisor", _("Divisor")), *((name, name) for name in names)],
        fmt,
        title=_(
            "Quotients: each list's votes divided by each divisor; [n]: the quotient took the n-th seat."
        ),
    )
    if fmt is OutputFormat.table:  # a draw or the total votes decided between equal quotients
        from coop.assemblies.election_report.lists import tie_sentence

        for tie in data.get("ties", ()):
            typer.echo(tie_sentence(tie))
