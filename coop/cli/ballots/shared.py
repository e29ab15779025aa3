"""What the ballot commands share: the VOTE argument and the slips file they write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from coop.cli.context import now
from coop.cli.options import command_scope
from coop.errors import VoteError
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.api import Coop
    from coop.assemblies.ballots import BallotVote

Result = TypeVar("Result")

VOTE_HELP = _("The vote: motion:ID, election:ID or the vote number.")


VoteArgument = Annotated[str, typer.Argument(help=VOTE_HELP, show_default=False)]


def serial_range(first: int, last: int) -> str:
    """The serials of a run of slips as printed: ``7`` or ``7–40``."""
    return str(first) if first == last else f"{first}–{last}"


@contextmanager
def vote_scope(ctx: typer.Context, vote: str) -> Iterator[tuple[Coop, BallotVote]]:
    """The command's one transaction and the secret vote it names (``motion:ID``, ``election:ID``, N)."""
    from coop.assemblies.ballots import find_ballot_vote

    with command_scope(ctx) as scope:
        yield scope, find_ballot_vote(scope.session, vote)


def act_on_vote(c: Coop, target: BallotVote, operation: Callable[..., Result], **options: Any) -> Result:
    """``operation`` (a ballot service) on the vote, with the command's session, actor and clock."""
    return operation(c.session, actor=c.actor, now=c.now, target=target, **options)


def vote_command(
    ctx: typer.Context, vote: str, operation: Callable[..., Any], **options: Any
) -> tuple[Any, int]:
    """Run one service operation on a secret vote in one transaction: its result, and the vote's number."""
    with vote_scope(ctx, vote) as (c, target):
        return act_on_vote(c, target, operation, **options), target.vote.id


def refuse_existing(out: Path) -> None:
    """A slips file holds codes that exist nowhere else: never write over one."""
    if out.exists():
        raise VoteError(
            _("{file} exists already and may hold slips not printed yet; give another file name.").format(
                file=out
            )
        )


def write_slips(session: Session, target: Any, slips: Any, out: Path) -> Path:
    from coop.assemblies.ballots import slip_sheet
    from coop.reports.render import write_document

    return write_document(out, "ballot_slips.html.j2", sheet=slip_sheet(session, target, slips, now()))
