"""``coop ballot``: secret ballots with voting codes on paper slips, trackers, paper ballots
entered twice by the tellers, reconciliation and export for a recount.

A VOTE is named ``motion:ID``, ``election:ID`` or by its vote number; what is printed always
shows the vote number.

The ``ballot paper`` subgroup lives in :mod:`.paper`; what both share in :mod:`.shared`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from coop.cli import words
from coop.cli.ballots.keys import key_app
from coop.cli.ballots.paper import paper_app
from coop.cli.ballots.returns import RETURNED_HELP, returned
from coop.cli.ballots.shared import (
    VoteArgument,
    act_on_vote,
    refuse_existing,
    serial_range,
    vote_command,
    vote_scope,
    write_slips,
)
from coop.cli.context import now
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, emit_view, format_option
from coop.cli.words import listing
from coop.errors import VoteError
from coop.i18n import N_, _, ngettext
from coop.votes.candidate_entry import match_ranking

app = command_group(
    _("Secret ballots: voting codes on paper slips, trackers, paper ballots entered by two tellers.")
)
app.add_typer(paper_app, name="paper")
app.add_typer(key_app, name="key")
app.command("returned", help=RETURNED_HELP)(returned)


@app.command("codes")
def codes_command(
    ctx: typer.Context,
    vote: VoteArgument,
    out: Path | None = typer.Option(
        None, "--out", "-o", help=_("File for the slips to print: .pdf (or .html).")
    ),
    spares: int = typer.Option(
        0, "--spares", min=0, help=_("Extra slips for latecomers and lost slips, handed to no one yet.")
    ),
    from_spares: bool = typer.Option(
        False,
        "--from-spares",
        help=_("Record the members who arrived since as having received spare slips; prints nothing."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Issue a voting code to every member present and every proxy held, printed as cut-out slips."""
    from coop.assemblies import ballots

    if from_spares and out is not None:
        raise VoteError(
            _("Spare slips are already printed: --from-spares writes no file, so leave out --out.")
        )
    if not from_spares:
        if out is None:
            raise VoteError(_("Say where to write the slips to print: --out slips.pdf"))
        refuse_existing(out)
    written: Path | None = None
    try:
        with vote_scope(ctx, vote) as (scope, target):
            issued = act_on_vote(scope, target, ballots.issue_slips, spares=spares, from_spares=from_spares)
            if out is not None:
                written = write_slips(scope.session, target, issued.slips, out)
            vote_id, label = target.vote.id, target.label
    except BaseException:
        if written is not None:  # the codes were not saved: their slips must not be handed out
            written.unlink(missing_ok=True)
        raise
    serials = [issued.slips[0].serial, issued.slips[-1].serial] if issued.slips else None
    row = {
        "vote_id": vote_id,
        "slips": len(issued.slips),
        "recipients": issued.recipients,
        "spares": issued.spares,
        "serials": serials,
        "file": str(written) if written else None,
    }
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
    elif from_spares:
        typer.echo(
            ngettext(
                "Recorded {count} member as having received a spare slip for {vote}.",
                "Recorded {count} members as having received a spare slip for {vote}.",
                issued.recipients,
            ).format(count=issued.recipients, vote=label)
        )
    else:
        assert serials is not None
        typer.echo(
            ngettext(
                "Issued {slips} slip for {vote}: {recipients} for members and proxies, {spares} spare; "
                "serials {serials}.",
                "Issued {slips} slips for {vote}: {recipients} for members and proxies, {spares} spare; "
                "serials {serials}.",
                len(issued.slips),
            ).format(
                slips=len(issued.slips),
                vote=label,
                recipients=issued.recipients,
                spares=issued.spares,
                serials=serial_range(*serials),
            )
        )
        typer.echo(
            _("Wrote them to {file}: print it, then delete the file, which holds working codes.").format(
                file=written
            )
        )


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    vote: VoteArgument,
    serial: int = typer.Argument(..., help=_("The serial printed on the slip and its counterfoil.")),
    for_paper: bool = typer.Option(
        False, "--paper", help=_("The slip was handed in for a paper ballot (not lost).")
    ),
) -> None:
    """Cancel a lost slip (or one handed in for a paper ballot): its code stops working."""
    from coop.assemblies.ballots import cancel_slip

    vote_id = vote_command(ctx, vote, cancel_slip, serial=serial, for_paper=for_paper)[1]
    if for_paper:
        message = _("Slip {serial} of vote {id} was handed in for a paper ballot; its code no longer works.")
    else:
        message = _("Slip {serial} of vote {id} is cancelled; its code no longer works.")
    typer.echo(message.format(serial=serial, id=vote_id))


@app.command("reissue")
def reissue(
    ctx: typer.Context,
    vote: VoteArgument,
    serial: int = typer.Argument(..., help=_("The serial of the lost slip.")),
    out: Path = typer.Option(..., "--out", "-o", help=_("File for the new slip: .pdf (or .html).")),
) -> None:
    """Replace a lost slip: its code stops working and a new slip is printed."""
    from coop.assemblies import ballots

    refuse_existing(out)
    written: Path | None = None
    try:
        with vote_scope(ctx, vote) as (scope, target):
            slip = act_on_vote(scope, target, ballots.reissue_slip, serial=serial)
            written = write_slips(scope.session, target, [slip], out)
            vote_id = target.vote.id
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    typer.echo(
        _(
            "Slip {serial} of vote {id} is cancelled and replaced by slip {new}, written to {file}; hand it "
            "to whoever signed the counterfoil of slip {serial}."
        ).format(serial=serial, id=vote_id, new=slip.serial, file=written)
    )


# How many times the terminal asks again for a mistyped code or choice before it gives up.
TRIES = 3

Accepted = TypeVar("Accepted")


@app.command("cast")
def cast(
    ctx: typer.Context,
    vote: VoteArgument,
    choice: list[str] = typer.Argument(
        None,
        help=listing(
            N_(
                "Your vote: {words}; for an election the candidates in order, by name (accents and case "
                "do not count), member number or number on the list (asked for if left out)."
            ),
            words.choices,
        ),
        show_default=False,
    ),
    code: str | None = typer.Option(
        None, "--code", help=_("The code on your slip (asked for, without showing it, if left out).")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Cast a secret ballot with the voting code on your slip; you get a tracker to check it later."""
    from coop.assemblies import ballots

    list_shown = False
    if code is None or not choice:
        code, choice, list_shown = _ask_at_the_terminal(ctx, vote, code, choice)
    with vote_scope(ctx, vote) as (scope, target):
        result = ballots.cast_with_code(
            scope.session, now=now(), target=target, code=code, choices=choice, list_shown=list_shown
        )
    if fmt is not OutputFormat.table:
        emit_object({"vote_id": result.vote_id, "tracker": result.tracker}, fmt)
        return
    typer.echo(_("Your ballot is in the box of vote {id}.").format(id=result.vote_id))
    typer.echo(
        _("Your tracker is {tracker}: note it now, it is shown only once.").format(tracker=result.tracker)
    )
    typer.echo(
        _("After the close, check that it was counted with: coop ballot verify {id} {tracker}").format(
            id=result.vote_id, tracker=result.tracker
        )
    )


def _ask_at_the_terminal(
    ctx: typer.Context, vote: str, code: str | None, choice: list[str] | None
) -> tuple[str, list[str], bool]:
    """The voting terminal: asks for what was left out (the code, then the choice), checking each
    answer as it comes and asking again for a mistyped one. The code, the choice and whether the
    voter saw the numbered list of candidates."""
    from coop.assemblies import ballots
    from coop.votes.service import parse_choice

    with vote_scope(ctx, vote) as (_scope, target):  # a short look, so no lock is held while you type
        ballots.require_castable(target)  # a closed vote or one without codes: say so before asking
        ranked = target.vote.kind.value == "ranked"
        candidates = ballots.ballot_paper(target)
        label = target.label

    def check_code(typed: str) -> str:
        with vote_scope(ctx, vote) as (scope, target):
            ballots.check_code(scope.session, target, typed)
        return typed

    # The questions go to stderr, the voter's screen: stdout carries only the result (the
    # tracker), so that a command whose output is piped still asks, and asks before it saves.
    if code is None:
        typer.echo(label, err=True)
        code = _ask_until_accepted(
            vote, _("Voting code (as printed on your slip)"), check_code, hide_input=True
        )
    else:  # typed on the command line, so a refusal ends the command, but before the choice
        check_code(code)
    if choice:
        return code, choice, False
    if not ranked:
        question = _("Your vote: {words}").format(words=words.choices())
        chosen = _ask_until_accepted(vote, question, parse_choice)
        return code, [chosen.value], False
    typer.echo(_("Candidates:"), err=True)
    width = len(str(len(candidates)))
    for number, candidate in enumerate(candidates, start=1):
        typer.echo(f"  {number:>{width}}. {candidate.name}", err=True)
    question = _(
        "Your ranking, most preferred first: numbers on the list (like 2 1 3), or names or member "
        "numbers separated by commas"
    )
    ranking = _ask_until_accepted(
        vote, question, lambda typed: match_ranking(candidates, [typed], list_shown=True)
    )
    return code, ranking, True


def _ask_until_accepted(
    vote: str,
    question: str,
    accept: Callable[[str], Accepted],
    *,
    hide_input: bool = False,
) -> Accepted:
    """Ask ``question`` until ``accept`` takes the answer, saying why each refused one was refused;
    an empty answer or Ctrl-D leaves, and so does the last of ``TRIES`` refusals."""
    for _try in range(TRIES):
        try:
            typed = typer.prompt(question, default="", show_default=False, hide_input=hide_input, err=True)
        except typer.Abort:  # Ctrl-D (or Ctrl-C) at the question
            typed = ""
        if not typed.strip():
            typer.echo(_("Nothing was cast."), err=True)
            raise typer.Exit(1)
        try:
            return accept(typed)
        except VoteError as refusal:
            typer.echo(refusal.message, err=True)
    raise VoteError(
        _(
            "Nothing was cast after {count} tries; check your slip and start again with: "
            "coop ballot cast {vote}"
        ).format(count=TRIES, vote=vote)
    )


@app.command("verify")
def verify(
    ctx: typer.Context,
    vote: VoteArgument,
    tracker: str = typer.Argument(..., help=_("The tracker you were shown when you voted.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Check that the ballot with your tracker was counted (it never shows how anyone voted)."""
    from coop.votes.codes.trackers import check_tracker

    with vote_scope(ctx, vote) as (scope, target):
        checked = check_tracker(scope.session, target.vote, tracker)
        vote_id = target.vote.id
    if not checked.found:
        raise VoteError(
            ngettext(
                "Vote {id} has {count} ballot, and tracker {tracker} is not its tracker: check that you "
                "typed it as shown when you voted, and if so tell the tellers now.",
                "Tracker {tracker} is not among the {count} ballots of vote {id}: check that you typed it as "
                "shown when you voted, and if so tell the tellers now.",
                checked.ballots,
            ).format(tracker=checked.tracker, count=checked.ballots, id=vote_id)
        )
    if fmt is not OutputFormat.table:
        emit_object(
            {
                "vote_id": vote_id,
                "tracker": checked.tracker,
                "in_ballot_box": True,
                "counted": checked.closed,
                "ballots": checked.ballots,
            },
            fmt,
        )
    elif checked.closed:
        typer.echo(
            ngettext(
                "Counted: vote {id} has {count} ballot, and tracker {tracker} is its tracker.",
                "Counted: tracker {tracker} is among the {count} ballots of vote {id}.",
                checked.ballots,
            ).format(tracker=checked.tracker, count=checked.ballots, id=vote_id)
        )
    else:
        typer.echo(
            ngettext(
                "Tracker {tracker} is in the ballot box of vote {id} ({count} ballot so far); the vote is "
                "counted when it closes.",
                "Tracker {tracker} is in the ballot box of vote {id} ({count} ballots so far); the vote is "
                "counted when it closes.",
                checked.ballots,
            ).format(tracker=checked.tracker, count=checked.ballots, id=vote_id)
        )


@app.command("trackers")
def trackers(ctx: typer.Context, vote: VoteArgument, fmt: OutputFormat = format_option()) -> None:
    """After the close: every ballot's tracker, sorted, never beside its choice."""
    from coop.votes.codes.trackers import published_trackers

    with vote_scope(ctx, vote) as (scope, target):
        rows = [{"tracker": t} for t in published_trackers(scope.session, target.vote)]
        vote_id = target.vote.id
    emit_rows(
        rows,
        [("tracker", _("Tracker"))],
        fmt,
        title=ngettext(
            "The {count} ballot counted in vote {id}, by tracker",
            "The {count} ballots counted in vote {id}, by tracker",
            len(rows),
        ).format(count=len(rows), id=vote_id),
    )


@app.command("show")
def show(ctx: typer.Context, vote: VoteArgument, fmt: OutputFormat = format_option()) -> None:
    """A secret vote's ballot box: slips, codes, ballots, paper batches and, once closed, its digest."""
    from coop.votes.views import ballot_box_view

    with vote_scope(ctx, vote) as (scope, target):
        box = ballot_box_view(scope.session, target.vote, target.reference)
    emit_view(box, fmt)


@app.command("reconcile")
def reconcile_command(ctx: typer.Context, vote: VoteArgument, fmt: OutputFormat = format_option()) -> None:
    """Do the ballots add up against slips issued, codes used or cancelled, and participation?"""
    from coop.votes.ballot_box import reconcile
    from coop.votes.views import reconciliation_view

    with vote_scope(ctx, vote) as (scope, target):
        result = reconcile(scope.session, target.vote)
    emit_view(reconciliation_view(result), fmt)
    if not result.balanced:
        raise VoteError(
            _("The ballots of vote {id} do not add up: {problems}.").format(
                id=result.vote_id, problems="; ".join(result.problems)
            )
        )


@app.command("export")
def export(
    ctx: typer.Context,
    vote: VoteArgument,
    out: Path = typer.Option(..., "--out", "-o", help=_("File: .csv, or .blt for a ranked vote.")),
) -> None:
    """Export the ballots of a closed vote in random order, for a recount elsewhere."""
    from coop.assemblies import ballots

    with vote_scope(ctx, vote) as (scope, target):
        count = ballots.export_ballots(scope.session, target, out)
        vote_id = target.vote.id
    typer.echo(
        ngettext(
            "Wrote {count} ballot of vote {id} to {file}, in random order.",
            "Wrote the {count} ballots of vote {id} to {file}, in random order.",
            count,
        ).format(count=count, id=vote_id, file=out)
    )
