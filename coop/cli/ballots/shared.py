"""What the ballot commands share: the VOTE argument, the acting member, and the slips file they write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, state
from coop.errors import VoteError
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.service import Actor

VOTE_HELP = _("The vote: motion:ID, election:ID or the vote number.")


def vote_argument() -> Any:
    return typer.Argument(..., help=VOTE_HELP, show_default=False)


def acting(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def _serials(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


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
