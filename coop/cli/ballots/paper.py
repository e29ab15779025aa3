"""``coop ballot paper``: two tellers enter each batch of paper ballots, the entries are compared, then
the batch is accepted into the ballot box (or set aside).
"""

from __future__ import annotations

from pathlib import Path

import typer

from coop import display
from coop.cli.ballots.shared import VoteArgument, act_on_vote, vote_command, vote_scope
from coop.cli.options import (
    BatchOption,
    DelimiterOption,
    DocumentOut,
    EncodingOption,
    command_group,
    print_document,
)
from coop.cli.output import OutputFormat, emit_object, emit_rows, emit_views, format_option
from coop.errors import VoteError
from coop.i18n import _, ngettext

paper_app = command_group(
    _("Paper ballots: two tellers enter each batch, the entries are compared, then accepted.")
)


@paper_app.command("enter")
def paper_enter(
    ctx: typer.Context,
    vote: VoteArgument,
    file: Path = typer.Argument(..., help=_("CSV: one ballot per line, in the order of the pile.")),
    batch: int = typer.Option(..., "--batch", min=1, help=_("The batch (pile) number.")),
    teller: str = typer.Option(..., "--teller", help=_("The teller who typed this entry.")),
    fmt: OutputFormat = format_option(),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Enter one teller's transcription of a batch of paper ballots."""
    from coop.assemblies import ballots
    from coop.csvfiles import CsvDialect
    from coop.votes.views import batch_comparison_view

    dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding)
    with vote_scope(ctx, vote) as (scope, target):
        comparison = act_on_vote(
            scope, target, ballots.enter_paper, batch=batch, teller=teller, path=file, dialect=dialect
        )
        row = batch_comparison_view(scope.session, target.vote.id, comparison).as_json()
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
        return
    entry = row["entries"][-1] if row["entries"] else None
    if not comparison.complete:
        typer.echo(
            ngettext(
                "Entered batch {batch} of vote {id} for {teller}: {count} ballot; it waits for the "
                "second teller's entry.",
                "Entered batch {batch} of vote {id} for {teller}: {count} ballots; it waits for the "
                "second teller's entry.",
                entry["ballots"] if entry else 0,
            ).format(
                batch=batch,
                id=row["vote_id"],
                teller=entry and entry["teller"],
                count=entry and entry["ballots"],
            )
        )
    elif comparison.agree:
        typer.echo(
            ngettext(
                "Both entries of batch {batch} agree ({count} ballot); accept it with: "
                "coop ballot paper accept {id} --batch {batch}",
                "Both entries of batch {batch} agree ({count} ballots); accept it with: "
                "coop ballot paper accept {id} --batch {batch}",
                comparison.counts[0],
            ).format(batch=batch, count=comparison.counts[0], id=row["vote_id"])
        )
    else:
        typer.echo(
            ngettext(
                "The two entries of batch {batch} differ at {count} position; see them with: "
                "coop ballot paper compare {id} --batch {batch}",
                "The two entries of batch {batch} differ at {count} positions; see them with: "
                "coop ballot paper compare {id} --batch {batch}",
                len(comparison.mismatches),
            ).format(batch=batch, count=len(comparison.mismatches), id=row["vote_id"])
        )


@paper_app.command("compare")
def paper_compare(
    ctx: typer.Context,
    vote: VoteArgument,
    batch: BatchOption,
    fmt: OutputFormat = format_option(),
) -> None:
    """List every position where the two tellers' entries of a batch differ (exit 1 if any)."""
    from coop.votes.paper import compare_batch, find_batch
    from coop.votes.views import BatchComparisonView, batch_comparison_view

    with vote_scope(ctx, vote) as (scope, target):
        comparison = batch_comparison_view(
            scope.session, target.vote.id, compare_batch(find_batch(scope.session, target.vote, batch))
        )
    if not comparison.complete:
        raise VoteError(
            ngettext(
                "Batch {batch} of vote {id} has {count} entry so far; a second teller must enter it too.",
                "Batch {batch} of vote {id} has {count} entries so far; a second teller must enter it too.",
                len(comparison.entries),
            ).format(batch=batch, id=comparison.vote_id, count=len(comparison.entries))
        )
    first, second = comparison.tellers
    if fmt is OutputFormat.json:
        emit_object(comparison.as_json(), fmt)
    elif comparison.agree and fmt is OutputFormat.table:
        typer.echo(
            ngettext(
                "The entries of batch {batch} by {first} and {second} agree: {count} ballot.",
                "The entries of batch {batch} by {first} and {second} agree: {count} ballots.",
                comparison.counts[0],
            ).format(batch=batch, first=first, second=second, count=comparison.counts[0])
        )
    else:
        emit_rows(
            comparison.mismatch_rows(),
            [*display.headings(BatchComparisonView, ("position",)), ("first", first), ("second", second)],
            fmt,
            title=ngettext(
                "Batch {batch} of vote {id}: {first} entered {a} ballot, {second} entered {b}",
                "Batch {batch} of vote {id}: {first} entered {a} ballots, {second} entered {b}",
                comparison.counts[0],
            ).format(
                batch=batch,
                id=comparison.vote_id,
                first=first,
                second=second,
                a=comparison.counts[0],
                b=comparison.counts[1],
            ),
        )
    if not comparison.agree:
        raise VoteError(
            ngettext(
                "The entries of batch {batch} differ at {count} position; the tellers look at that ballot "
                "again and the one who erred enters the batch again.",
                "The entries of batch {batch} differ at {count} positions; the tellers look at those ballots "
                "again and the one who erred enters the batch again.",
                len(comparison.mismatches),
            ).format(batch=batch, count=len(comparison.mismatches))
        )


@paper_app.command("accept")
def paper_accept(
    ctx: typer.Context,
    vote: VoteArgument,
    batch: BatchOption,
) -> None:
    """Add a batch's ballots to the ballot box, once its two entries agree."""
    from coop.assemblies.ballots import accept_paper

    count, vote_id = vote_command(ctx, vote, accept_paper, batch=batch)
    typer.echo(
        ngettext(
            "Batch {batch} accepted: {count} paper ballot added to the ballot box of vote {id}.",
            "Batch {batch} accepted: {count} paper ballots added to the ballot box of vote {id}.",
            count,
        ).format(batch=batch, count=count, id=vote_id)
    )


@paper_app.command("discard")
def paper_discard(
    ctx: typer.Context,
    vote: VoteArgument,
    batch: BatchOption,
) -> None:
    """Set aside a batch that was not accepted (entered for the wrong vote, a pile counted again)."""
    from coop.assemblies.ballots import discard_paper

    vote_id = vote_command(ctx, vote, discard_paper, batch=batch)[1]
    typer.echo(
        _("Batch {batch} of vote {id} is set aside; its ballots do not count.").format(
            batch=batch, id=vote_id
        )
    )


@paper_app.command("list")
def paper_list(ctx: typer.Context, vote: VoteArgument, fmt: OutputFormat = format_option()) -> None:
    """List the batches of paper ballots of a vote."""
    from coop.votes.views import PaperBatchView, list_paper_batches

    with vote_scope(ctx, vote) as (scope, target):
        batches = list_paper_batches(scope.session, target.vote)
        vote_id = target.vote.id
    emit_views(
        batches,
        display.headings(PaperBatchView, ("batch", "status", "tellers", "entered", "mismatches", "ballots")),
        fmt,
        title=_("Paper ballots of vote {id}").format(id=vote_id),
    )


@paper_app.command("print")
def print_ballots(
    ctx: typer.Context,
    vote: VoteArgument,
    out: DocumentOut,
    count: int | None = typer.Option(
        None, "--count", "-n", help=_("How many ballots to print (default: one per active member).")
    ),
) -> None:
    """Print paper ballots for a secret vote: yes/no/abstain boxes, or the candidates to rank."""
    sheet, written = print_document(
        ctx, out, "paper_ballots.html.j2", lambda c: c.votes.paper_ballots(vote, count=count), name="sheet"
    )
    typer.echo(
        ngettext(
            "Wrote {count} paper ballot for vote {vote} to {file}.",
            "Wrote {count} paper ballots for vote {vote} to {file}.",
            sheet.count,
        ).format(count=sheet.count, vote=sheet.vote_id, file=written)
    )
