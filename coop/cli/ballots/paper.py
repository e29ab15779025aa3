"""``coop ballot paper``: two tellers enter each batch of paper ballots, the entries are compared, then
the batch is accepted into the ballot box (or set aside).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.ballots.shared import acting, vote_argument
from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.errors import VoteError
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

paper_app = typer.Typer(
    help=_("Paper ballots: two tellers enter each batch, the entries are compared, then accepted."),
    no_args_is_help=True,
)


def _teller_labels(session: Session, member_ids: tuple[int, ...]) -> list[str]:
    from coop.members.models import Member

    return [member.label for member in (session.get(Member, i) for i in member_ids) if member is not None]


def _comparison_row(session: Session, vote_id: int, comparison: Any) -> dict[str, Any]:
    from coop.votes.paper import describe_ballot

    tellers = _teller_labels(session, comparison.tellers)
    return {
        "vote_id": vote_id,
        "batch": comparison.number,
        "status": comparison.status.value,
        "entries": [
            {"teller": teller, "ballots": count}
            for teller, count in zip(tellers, comparison.counts, strict=True)
        ],
        "agree": comparison.agree,
        "mismatches": [
            {
                "position": m.position,
                "first": describe_ballot(m.first),
                "second": describe_ballot(m.second),
            }
            for m in comparison.mismatches
        ],
    }


@paper_app.command("enter")
def paper_enter(
    ctx: typer.Context,
    vote: str = vote_argument(),
    file: Path = typer.Argument(..., help=_("CSV: one ballot per line, in the order of the pile.")),
    batch: int = typer.Option(..., "--batch", min=1, help=_("The batch (pile) number.")),
    teller: str = typer.Option(..., "--teller", help=_("The teller who typed this entry.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Enter one teller's transcription of a batch of paper ballots."""
    from coop.assemblies import ballots

    with open_session(ctx) as session:
        target = ballots.find_ballot_vote(session, vote)
        comparison = ballots.enter_paper(
            session,
            actor=acting(ctx, session),
            now=now(),
            target=target,
            batch=batch,
            teller=teller,
            path=file,
        )
        row = _comparison_row(session, target.vote.id, comparison)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
        return
    entry = row["entries"][-1] if row["entries"] else None
    if not comparison.complete:
        typer.echo(
            _(
                "Entered batch {batch} of vote {id} for {teller}: {count} ballots; it waits for the "
                "second teller's entry."
            ).format(
                batch=batch,
                id=row["vote_id"],
                teller=entry and entry["teller"],
                count=entry and entry["ballots"],
            )
        )
    elif comparison.agree:
        typer.echo(
            _(
                "Both entries of batch {batch} agree ({count} ballots); accept it with: "
                "coop ballot paper accept {id} --batch {batch}"
            ).format(batch=batch, count=comparison.counts[0], id=row["vote_id"])
        )
    else:
        typer.echo(
            _(
                "The two entries of batch {batch} differ at {count} positions; see them with: "
                "coop ballot paper compare {id} --batch {batch}"
            ).format(batch=batch, count=len(comparison.mismatches), id=row["vote_id"])
        )


@paper_app.command("compare")
def paper_compare(
    ctx: typer.Context,
    vote: str = vote_argument(),
    batch: int = typer.Option(..., "--batch", min=1, help=_("The batch number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List every position where the two tellers' entries of a batch differ (exit 1 if any)."""
    from coop.assemblies import ballots
    from coop.votes.paper import compare_batch, find_batch

    with open_session(ctx) as session:
        target = ballots.find_ballot_vote(session, vote)
        comparison = compare_batch(find_batch(session, target.vote, batch))
        row = _comparison_row(session, target.vote.id, comparison)
    if not comparison.complete:
        raise VoteError(
            _(
                "Batch {batch} of vote {id} has {count} entry so far; a second teller must enter it too."
            ).format(batch=batch, id=row["vote_id"], count=len(row["entries"]))
        )
    first, second = (e["teller"] for e in row["entries"])
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    elif comparison.agree:
        typer.echo(
            ngettext(
                "The entries of batch {batch} by {first} and {second} agree: {count} ballot.",
                "The entries of batch {batch} by {first} and {second} agree: {count} ballots.",
                comparison.counts[0],
            ).format(batch=batch, first=first, second=second, count=comparison.counts[0])
        )
    else:
        emit_rows(
            row["mismatches"],
            [("position", _("Position")), ("first", first), ("second", second)],
            fmt,
            title=_("Batch {batch} of vote {id}: {first} entered {a} ballots, {second} entered {b}").format(
                batch=batch,
                id=row["vote_id"],
                first=first,
                second=second,
                a=comparison.counts[0],
                b=comparison.counts[1],
            ),
        )
    if not comparison.agree:
        raise VoteError(
            _(
                "The entries of batch {batch} differ at {count} positions; the tellers look at those ballots "
                "again and the one who erred enters the batch again."
            ).format(batch=batch, count=len(comparison.mismatches))
        )


@paper_app.command("accept")
def paper_accept(
    ctx: typer.Context,
    vote: str = vote_argument(),
    batch: int = typer.Option(..., "--batch", min=1, help=_("The batch number.")),
) -> None:
    """Add a batch's ballots to the ballot box, once its two entries agree."""
    from coop.assemblies import ballots

    with open_session(ctx) as session:
        target = ballots.find_ballot_vote(session, vote)
        count = ballots.accept_paper(
            session, actor=acting(ctx, session), now=now(), target=target, batch=batch
        )
        vote_id = target.vote.id
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
    vote: str = vote_argument(),
    batch: int = typer.Option(..., "--batch", min=1, help=_("The batch number.")),
) -> None:
    """Set aside a batch that was not accepted (entered for the wrong vote, a pile counted again)."""
    from coop.assemblies import ballots

    with open_session(ctx) as session:
        target = ballots.find_ballot_vote(session, vote)
        ballots.discard_paper(session, actor=acting(ctx, session), now=now(), target=target, batch=batch)
        vote_id = target.vote.id
    typer.echo(
        _("Batch {batch} of vote {id} is set aside; its ballots do not count.").format(
            batch=batch, id=vote_id
        )
    )


@paper_app.command("list")
def paper_list(ctx: typer.Context, vote: str = vote_argument(), fmt: OutputFormat = format_option()) -> None:
    """List the batches of paper ballots of a vote."""
    from coop.assemblies import ballots
    from coop.votes.paper import compare_batch, list_batches

    with open_session(ctx) as session:
        target = ballots.find_ballot_vote(session, vote)
        rows = []
        for found in list_batches(session, target.vote):
            comparison = compare_batch(found)
            rows.append(
                {
                    "batch": found.number,
                    "status": found.status.value,
                    "tellers": _teller_labels(session, comparison.tellers),
                    "entered": list(comparison.counts),
                    "mismatches": len(comparison.mismatches),
                    "ballots": found.ballots,
                }
            )
        vote_id = target.vote.id
    emit_rows(
        rows,
        [
            ("batch", _("Batch")),
            ("status", _("Status")),
            ("tellers", _("Tellers")),
            ("entered", _("Entered")),
            ("mismatches", _("Mismatches")),
            ("ballots", _("Accepted")),
        ],
        fmt,
        title=_("Paper ballots of vote {id}").format(id=vote_id),
    )
