"""``coop motion``: propose, edit, second, amend, withdraw, postpone and resume motions; open, cast, count
and close their votes; objections to consent motions; list and show them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from coop import display, vocabulary
from coop.cli import words
from coop.cli.assemblies.shared import parse_when, when_option
from coop.cli.options import (
    AssemblyArgument,
    DelimiterOption,
    EncodingOption,
    MotionArgument,
    ProposerOption,
    SlipsUnbalancedOption,
    command_group,
    command_scope,
    emit_listing,
    emit_record,
    say_done,
)
from coop.cli.output import OutputFormat, emit_or_say, format_option
from coop.cli.passphrase import KeyFileOption, PassphraseStdinOption, opened_key
from coop.cli.words import listing
from coop.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.api.votes import Votes
    from coop.assemblies.models import Motion, Objection
    from coop.assemblies.views import MotionView

Result = TypeVar("Result")

motion_app = command_group(_("Motions: propose, second, amend, vote and close."))

MOTION_COLUMNS = ("id", "position", "title", "kind", "proposer", "status")


def _motion_command(
    ctx: typer.Context, motion: str, act: Callable[[Votes, Motion], Result]
) -> tuple[Result, dict[str, Any]]:
    """``act(c.votes, motion)`` in one transaction, the motion found first: its result, and the
    motion as a row."""
    from coop.assemblies.views import motion_view

    with command_scope(ctx) as c:
        found = c.votes.find_motion(motion)
        result = act(c.votes, found)
        return result, motion_view(found).as_json()


def _motion_row(ctx: typer.Context, call: Callable[[Votes], Motion]) -> dict[str, Any]:
    """``call(c.votes)`` in one transaction: the motion it proposes or rewords, as a row."""
    from coop.assemblies.views import motion_view

    with command_scope(ctx) as c:
        return motion_view(call(c.votes)).as_json()


def _say_status(row: dict[str, Any]) -> None:
    from coop.assemblies.lifecycle import status_label

    typer.echo(
        _("Motion {position} ({title}) is now {status}.").format(
            position=row["position"], title=row["title"], status=status_label(row["status"])
        )
    )


def _move_motion(ctx: typer.Context, motion: str, act: Callable[[Votes, Motion], Any]) -> None:
    """A change of the motion's status: make it, then say the new status."""
    _say_status(_motion_command(ctx, motion, act)[1])


@motion_app.command("propose")
def propose(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    title: str = typer.Option(..., "--title", help=_("Short title.")),
    text: str = typer.Option(..., "--text", help=_("The text to be decided.")),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help=listing(
            N_(
                "Kind of motion (its decision rule comes from the bylaws): {words}. "
                "Default: the kind its --item names, else ordinary."
            ),
            words.motion_kinds,
        ),
    ),
    by: ProposerOption = None,
    minutes_of: str | None = typer.Option(
        None, "--minutes-of", help=_("For minutes-approval: which assembly.")
    ),
    item: int | None = typer.Option(
        None, "--item", help=_("The number of the agenda item it is proposed under.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Propose a motion, under an agenda item if --item is given."""
    row = _motion_row(
        ctx,
        lambda votes: votes.propose_motion(
            assembly, title=title, text=text, kind=kind, proposer=by, minutes_of=minutes_of, item=item
        ),
    )
    emit_or_say(row, fmt, _("Motion {position} proposed (id {id}): {title}.").format(**row))


@motion_app.command("edit")
def edit(
    ctx: typer.Context,
    motion: MotionArgument,
    reason: str = typer.Option(
        ..., "--reason", help=_("Why the wording is corrected; the audit log keeps it.")
    ),
    title: str | None = typer.Option(None, "--title", help=_("The corrected title.")),
    text: str | None = typer.Option(None, "--text", help=_("The corrected text.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Correct a motion's title or text before it is seconded (its proposer or the secretary)."""
    row = _motion_row(ctx, lambda votes: votes.edit_motion(motion, reason=reason, title=title, text=text))
    emit_or_say(row, fmt, _("Motion {position} corrected (id {id}): {title}.").format(**row))


@motion_app.command("second")
def second(
    ctx: typer.Context,
    motion: MotionArgument,
    by: str | None = typer.Option(None, "--by", help=_("The seconder (default: --as).")),
) -> None:
    """Second a motion (another member than its proposer)."""
    _move_motion(ctx, motion, lambda votes, found: votes.second_motion(found, seconder=by))


@motion_app.command("amend")
def amend(
    ctx: typer.Context,
    motion: MotionArgument,
    text: str = typer.Option(..., "--text", help=_("The whole new wording proposed for the motion.")),
    title: str = typer.Option("", "--title", help=_("Short title of the amendment.")),
    by: ProposerOption = None,
) -> None:
    """Propose an amendment; it is voted before its motion."""
    row = _motion_row(ctx, lambda votes: votes.amend_motion(motion, title=title, text=text, proposer=by))
    typer.echo(_("Amendment {position} proposed (id {id}).").format(**row))


@motion_app.command("withdraw")
def withdraw(ctx: typer.Context, motion: MotionArgument) -> None:
    """Withdraw a motion (its proposer, or an officer)."""
    _move_motion(ctx, motion, lambda votes, found: votes.withdraw_motion(found))


@motion_app.command("postpone")
def postpone(ctx: typer.Context, motion: MotionArgument) -> None:
    """Postpone a motion."""
    _move_motion(ctx, motion, lambda votes, found: votes.postpone_motion(found))


@motion_app.command("resume")
def resume(ctx: typer.Context, motion: MotionArgument) -> None:
    """Take up a postponed motion again."""
    _move_motion(ctx, motion, lambda votes, found: votes.resume_motion(found))


@motion_app.command("open-vote")
def open_vote(
    ctx: typer.Context,
    motion: MotionArgument,
    method: str | None = typer.Option(
        None,
        "--method",
        help=listing(N_("How the vote is taken: {words} (a consent motion needs none)."), words.vote_methods),
    ),
    at: str | None = when_option(
        _("When the vote opened, if not now: HH:MM on the assembly's day, or a date and time.")
    ),
) -> None:
    """Open the vote; quorum is checked and recorded with it (counted at --at when given)."""
    from coop.votes.service import parse_method

    chosen = parse_method(method) if method else None
    when = parse_when(at)
    row = _motion_command(
        ctx, motion, lambda votes, found: votes.open_motion_vote(found, method=chosen, at=when)
    )[1]
    _say_status(row)
    typer.echo(
        _("Quorum: present {present}, proxies {proxies}, required {required}.").format(
            **row["vote"]["quorum"]
        )
    )


@motion_app.command("vote")
def vote(
    ctx: typer.Context,
    motion: MotionArgument,
    choice: str = typer.Argument(..., help=listing(N_("The vote: {words}."), words.choices)),
    member: str | None = typer.Option(None, "--member", help=_("The voter (default: --as).")),
    on_behalf_of: str | None = typer.Option(
        None, "--for", help=_("The absent member whose proxy the voter holds.")
    ),
) -> None:
    """Record one vote: roll call by an officer or the voter; a secret vote only by the voter."""
    with command_scope(ctx) as c:
        result = c.votes.cast_motion_vote(motion, choice, voter=member, on_behalf_of=on_behalf_of)
    if result.on_behalf_of:
        typer.echo(
            _("Vote recorded for {member} (proxy held by {holder}).").format(
                member=result.on_behalf_of, holder=result.voter
            )
        )
    else:
        typer.echo(_("Vote recorded for {member}.").format(member=result.voter))


@motion_app.command("roll-call")
def roll_call(
    ctx: typer.Context,
    motion: MotionArgument,
    entries: list[str] = typer.Argument(
        None, help=_("Votes typed as NUMBER=CHOICE, like 0004=yes 0005=abstain."), show_default=False
    ),
    file: Path | None = typer.Option(
        None,
        "--file",
        help=_(
            "CSV of the roll call: columns number and choice, and for (the absent member a proxy "
            "holder votes for) when a vote is cast with a proxy."
        ),
    ),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Record a whole roll call at once, all votes or none (an officer)."""
    from coop.errors import VoteError

    if not entries and file is None:  # said before the database is opened, as a usage mistake
        raise VoteError(_("Give the votes as NUMBER=CHOICE entries, or a --file with the roll call."))
    with command_scope(ctx) as c:
        recorded = c.votes.cast_roll_call(
            motion, entries or (), path=file, delimiter=delimiter, encoding=encoding
        )
    count = len(recorded)
    typer.echo(ngettext("Recorded {count} vote.", "Recorded {count} votes.", count).format(count=count))


@motion_app.command("withdraw-vote")
def withdraw_vote(
    ctx: typer.Context,
    motion: MotionArgument,
    member: str = typer.Option(
        ..., "--member", help=_("The member whose vote is withdrawn (for a proxy vote, the giver).")
    ),
    reason: str = typer.Option(..., "--reason", help=_("Why: the audit log keeps it.")),
) -> None:
    """Withdraw a roll-call vote recorded by mistake, while the vote is open; it can then be cast again."""
    with command_scope(ctx) as c:
        withdrawn = c.votes.withdraw_roll_call_vote(motion, member=member, reason=reason)
        label = withdrawn.label
    typer.echo(
        _("The vote of {member} was withdrawn; it can be cast again (coop motion vote).").format(member=label)
    )


@motion_app.command("hand-count")
def hand_count(
    ctx: typer.Context,
    motion: MotionArgument,
    yes: int = typer.Option(..., "--yes", help=_("Hands for.")),
    no: int = typer.Option(..., "--no", help=_("Hands against.")),
    abstain: int = typer.Option(0, "--abstain", help=_("Abstentions.")),
    tellers: str | None = typer.Option(None, "--tellers", help=_("Names of the tellers who counted.")),
) -> None:
    """Enter the tellers' totals for a show of hands."""
    _motion_command(
        ctx,
        motion,
        lambda votes, found: votes.enter_hand_count(found, yes=yes, no=no, abstain=abstain, tellers=tellers),
    )
    typer.echo(
        _("Totals entered: {yes} yes, {no} no, {abstaining}.").format(
            yes=yes,
            no=no,
            abstaining=ngettext("{count} abstaining", "{count} abstaining", abstain).format(count=abstain),
        )
    )


@motion_app.command("object")
def object_(
    ctx: typer.Context,
    motion: str = typer.Argument(..., help=_("Motion id (a consent motion).")),
    reason: str = typer.Option(..., "--reason", help=_("Why: an objection must be reasoned.")),
    by: str | None = typer.Option(None, "--by", help=_("The objector (default: --as).")),
) -> None:
    """Record a reasoned objection to a consent motion."""
    say_done(
        ctx,
        lambda c: c.votes.raise_objection(motion, reason=reason, member=by),
        lambda objection: _("Objection {id} recorded.").format(id=objection.id),
    )


@motion_app.command("resolve-objection")
def resolve_objection(
    ctx: typer.Context,
    objection: int = typer.Argument(..., help=_("Objection id.")),
    resolution: str = typer.Option(..., "--resolution", help=_("How it was resolved.")),
    withdrawn: bool = typer.Option(False, "--withdrawn", help=_("The objector withdrew it.")),
) -> None:
    """Record how an objection was resolved."""

    def said(found: Objection) -> str:
        return _("Objection {id} is {status}.").format(id=objection, status=vocabulary.label(found.status))

    say_done(
        ctx, lambda c: c.votes.resolve_objection(objection, resolution=resolution, withdrawn=withdrawn), said
    )


@motion_app.command("close")
def close_motion(
    ctx: typer.Context,
    motion: MotionArgument,
    casting_vote: str | None = typer.Option(
        None,
        "--casting-vote",
        help=listing(
            N_("The chair's vote on a tie, where the bylaws say chair_decides: {words}."), words.casting_votes
        ),
    ),
    confirm_empty: bool = typer.Option(
        False,
        "--confirm-empty",
        help=_(
            "Close a roll-call or secret vote that received no ballot, or fewer ballots than voting "
            "codes handed out; the minutes state the number of ballots."
        ),
    ),
    at: str | None = when_option(
        _("When the vote closed, if not now: HH:MM on the assembly's day, or a date and time.")
    ),
    slips_unbalanced: SlipsUnbalancedOption = None,
    key_file: KeyFileOption = None,
    passphrase_stdin: PassphraseStdinOption = False,
) -> None:
    """Close the vote: count, apply the bylaws' rule and announce the result (a secret vote's
    sealed ballots are opened with the returning officer's --key)."""
    when = parse_when(at)
    key = opened_key(key_file, passphrase_stdin)
    decision, row = _motion_command(
        ctx,
        motion,
        lambda votes, found: votes.close_motion_vote(
            found,
            casting_vote=casting_vote,
            confirm_empty=confirm_empty,
            at=when,
            slips_unbalanced=slips_unbalanced,
            officer_key=key,
        ),
    )
    typer.echo(decision.explanation)
    _say_status(row)


@motion_app.command("list")
def list_motions(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """List an assembly's motions and amendments in agenda order."""
    from coop.assemblies import common
    from coop.assemblies.views import MotionView, agenda_motions

    def read(session: Session) -> list[MotionView]:
        return agenda_motions(common.find_assembly(session, assembly))

    emit_listing(ctx, read, display.headings(MotionView, MOTION_COLUMNS), fmt, title=_("Motions"))


@motion_app.command("show")
def show_motion(
    ctx: typer.Context,
    motion: MotionArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a motion with its vote and objections."""
    from coop.assemblies import common
    from coop.assemblies.views import motion_record_view

    emit_record(ctx, lambda session: motion_record_view(common.find_motion(session, motion)), fmt)
