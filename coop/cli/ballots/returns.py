"""``coop ballot returned``: the tellers enter the serials of the slips they hold unused."""

from __future__ import annotations

import typer

from coop.cli.ballots.shared import VoteArgument, act_on_vote, vote_scope
from coop.cli.output import OutputFormat, emit_object, format_option
from coop.i18n import N_, _, ngettext

RETURNED_HELP = N_(
    "Record the serials of the slips the tellers hold unused: handed back by members who did not "
    "vote, and the spares never handed out. Give serials and ranges (3 7 12-20); run it as often as "
    "slips come in, each entry adds to the last. An unknown serial, one given twice, one already "
    "entered or one cancelled (lost, or exchanged for paper) refuses the whole entry and records "
    "nothing. A serial whose code has already cast a ballot is recorded all the same and named: the "
    "tellers hold that slip unused, so someone voted without it, and the vote cannot be closed until "
    "the secretary looks into it (or closes with --slips-unbalanced and the reason). A serial typed "
    "by mistake is taken back with --withdraw."
)


def returned(
    ctx: typer.Context,
    vote: VoteArgument,
    serials: list[str] = typer.Argument(
        ...,
        metavar="SERIALS...",
        help=_("Serials and ranges of slips, such as 3 7 12-20."),
        show_default=False,
    ),
    withdraw: bool = typer.Option(
        False, "--withdraw", help=_("Take back serials entered as returned by mistake.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    from coop.assemblies.ballots import return_slips
    from coop.votes.codes.returns import contradiction, serial_runs

    with vote_scope(ctx, vote) as (scope, target):
        entry = act_on_vote(scope, target, return_slips, serials=serials, withdraw=withdraw)
    account = entry.account
    if fmt is not OutputFormat.table:
        emit_object(
            {
                "vote_id": entry.vote_id,
                "withdrawn" if withdraw else "returned": list(entry.serials),
                "used": list(entry.contradicted),
                "slips_printed": account.printed,
                "slips_used": account.used,
                "slips_returned": account.returned,
                "slips_cancelled": account.cancelled,
                "slips_unaccounted": list(account.unaccounted),
                "slips_contradicted": list(account.contradicted),
                "balanced": account.balanced,
            },
            fmt,
        )
    else:
        done = (
            ngettext(
                "Withdrew {count} slip of vote {id} from those returned unused: {serials}.",
                "Withdrew {count} slips of vote {id} from those returned unused: {serials}.",
                len(entry.serials),
            )
            if withdraw
            else ngettext(
                "Recorded {count} slip of vote {id} as returned unused: {serials}.",
                "Recorded {count} slips of vote {id} as returned unused: {serials}.",
                len(entry.serials),
            )
        )
        typer.echo(
            done.format(count=len(entry.serials), id=entry.vote_id, serials=serial_runs(entry.serials))
        )
        if account.unaccounted:
            typer.echo(
                ngettext(
                    "Of {printed} slips printed, {count} is still unaccounted for: {serials}.",
                    "Of {printed} slips printed, {count} are still unaccounted for: {serials}.",
                    len(account.unaccounted),
                ).format(
                    printed=account.printed,
                    count=len(account.unaccounted),
                    serials=serial_runs(account.unaccounted),
                )
            )
        elif not account.contradicted:
            typer.echo(
                _(
                    "All {printed} slips printed are accounted for: used, returned unused or cancelled."
                ).format(printed=account.printed)
            )
    if entry.contradicted:
        typer.echo(
            _(
                "Warning: {problem}. Someone voted with a code the tellers hold unused; the vote "
                "cannot be closed until the secretary looks into it."
            ).format(problem=contradiction(entry.contradicted)),
            err=True,
        )
