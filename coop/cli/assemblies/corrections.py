"""``coop assembly correct``, ``attendance-fix``, ``reopen`` and ``erratum``: corrections that keep
history, each with a reason, printed as errata in the minutes of a closed assembly.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coop.cli.assemblies.assembly import assembly_app
from coop.cli.assemblies.shared import parse_when
from coop.cli.options import AssemblyArgument, say_done
from coop.i18n import _, ngettext

# Why the record is corrected; a closed assembly's minutes print it with the erratum.
ErratumReason = Annotated[
    str,
    typer.Option(
        "--reason", help=_("Why: what the paper notes say, or what was wrong (printed with the erratum).")
    ),
]
# Typed here, not in the signature: annotations are read when the command is built, in any language.
MisenteredMember = Annotated[str, typer.Argument(help=_("The member whose attendance entry is wrong."))]


@assembly_app.command("correct")
def correct(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    reason: ErratumReason,
    opened_at: str | None = typer.Option(
        None, "--opened-at", help=_("The right opening time: HH:MM on its day, or a date and time.")
    ),
    closed_at: str | None = typer.Option(
        None, "--closed-at", help=_("The right closing time: HH:MM on its day, or a date and time.")
    ),
    second_call_at: str | None = typer.Option(
        None, "--second-call-at", help=_("The right time of the second call: HH:MM, or a date and time.")
    ),
) -> None:
    """Correct a time of the assembly (secretary); for a closed one it prints as an erratum."""
    say_done(
        ctx,
        lambda c: c.assemblies.correct_assembly_times(
            assembly,
            reason=reason,
            opened_at=parse_when(opened_at),
            closed_at=parse_when(closed_at),
            second_call_at=parse_when(second_call_at),
        ),
        lambda changes: ngettext(
            "Corrected {count} time of assembly {id}.",
            "Corrected {count} times of assembly {id}.",
            len(changes),
        ).format(count=len(changes), id=assembly),
    )


@assembly_app.command("attendance-fix")
def attendance_fix(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    member: MisenteredMember,
    reason: ErratumReason,
    arrived: str | None = typer.Option(
        None, "--arrived", help=_("The right arrival time (their first): HH:MM, or a date and time.")
    ),
    left: str | None = typer.Option(
        None, "--left", help=_("The right departure time (their last): HH:MM, or a date and time.")
    ),
    remove: bool = typer.Option(
        False, "--remove", help=_("Take off the attendance a member who was ticked by mistake.")
    ),
) -> None:
    """Correct a member's arrival or departure time, or remove a mistaken tick (secretary).

    A correction that would change who was present when a vote opened is refused: the vote's
    quorum was recorded with it.
    """
    say_done(
        ctx,
        lambda c: c.assemblies.correct_attendance(
            assembly,
            member,
            reason=reason,
            arrived=parse_when(arrived),
            left=parse_when(left),
            remove=remove,
        ),
        lambda found: (
            _("Removed {member} from the attendance of assembly {id}.")
            if remove
            else _("Corrected the attendance of {member} at assembly {id}.")
        ).format(member=found.label, id=assembly),
    )


@assembly_app.command("reopen")
def reopen(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    reason: str = typer.Option(..., "--reason", help=_("Why it is reopened (printed in the minutes).")),
) -> None:
    """Reopen a closed assembly whose minutes are a draft, to correct it (secretary).

    Close it again with coop assembly close: it closes at the time it first closed.
    """
    say_done(
        ctx,
        lambda c: c.assemblies.reopen_assembly(assembly, reason=reason),
        lambda found: _(
            "Reopened assembly {id} for correction; close it again with: coop assembly close {id}"
        ).format(id=found.id),
    )


@assembly_app.command("erratum")
def erratum(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    about: str = typer.Option(
        ..., "--about", help=_("The earlier assembly whose approved minutes it corrects.")
    ),
    text: str = typer.Option(..., "--text", help=_("The correction, as the minutes will print it.")),
) -> None:
    """Record in this assembly's minutes an erratum on earlier minutes that were already approved."""
    say_done(
        ctx,
        lambda c: c.assemblies.record_erratum(assembly, about=about, text=text),
        lambda found: _("The minutes of assembly {id} will print the erratum on assembly {about}.").format(
            id=found.id, about=about
        ),
    )
