"""``coop assembly agenda``: the agenda (orden del día) of an assembly: add, edit, move and remove its
items before it opens; postpone and resume them during it; list them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coop import display
from coop.cli import words
from coop.cli.assemblies.assembly import assembly_app
from coop.cli.options import AssemblyArgument, command_group, command_scope
from coop.cli.output import OutputFormat, emit_views, format_option
from coop.cli.words import listing
from coop.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from coop.api import Coop

agenda_app = command_group(
    _(
        "The agenda of an assembly: add, edit, move and remove its items before it opens; "
        "postpone and resume them during it; list them."
    )
)
assembly_app.add_typer(agenda_app, name="agenda")


def _agenda_views(items: list[Any], postponed: dict[int, str] | None = None) -> list[Any]:
    """The agenda's rows, read inside the command's transaction; ``postponed``: number -> reason."""
    from coop.assemblies.views import agenda_point_view

    return [agenda_point_view(item, (postponed or {}).get(item.position)) for item in items]


def _say_agenda(said: str | None, views: list[Any], fmt: OutputFormat) -> None:
    """What an agenda command prints once its transaction has committed: its sentence, then the agenda."""
    from coop.assemblies.views import AGENDA_COLUMNS, AgendaPointView

    if said and fmt is OutputFormat.table:
        typer.echo(said)
    # The reason column only when an item stands postponed: before the meeting it would stay empty.
    columns = AGENDA_COLUMNS + (("postponed",) if any(view.postponed for view in views) else ())
    emit_views(views, display.headings(AgendaPointView, columns), fmt)


def _change_agenda(
    ctx: typer.Context,
    assembly: str,
    fmt: OutputFormat,
    act: Callable[[Coop], Any],
    say: Callable[[Any], str],
) -> None:
    """One agenda change in one transaction; once committed, its sentence and the agenda as it stands."""
    with command_scope(ctx) as c:
        done = act(c)
        views = _agenda_views(c.assemblies.agenda(assembly), c.assemblies.postponed_agenda_items(assembly))
        said = say(done)
    _say_agenda(said, views, fmt)


def _with_motions(said: str, motions: Any, sentence: Callable[[int], str]) -> str:
    """The sentence, then ``sentence(count)`` naming the motions that moved with the item."""
    if not motions:
        return said
    numbers = ", ".join(motion.position for motion in motions)
    return said + " " + sentence(len(motions)).format(numbers=numbers)


ItemNumber = Annotated[int, typer.Argument(help=_("The item's number."), show_default=False)]


@agenda_app.command("add")
def agenda_add(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    title: str = typer.Option(..., "--title", help=_("The item as the notice prints it.")),
    text: str | None = typer.Option(None, "--text", help=_("A longer explanation, if any.")),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help=listing(N_("Kind of motion expected under this item, if any: {words}."), words.motion_kinds),
    ),
    position: int | None = typer.Option(None, "--at", help=_("Put it at this number (default: last).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add an item to the agenda of a called assembly (secretary)."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.add_agenda_item(
            assembly, title=title, text=text, motion_kind=kind, position=position
        ),
        lambda item: _("Added item {number} to the agenda of assembly {id}: {title}.").format(
            number=item.position, id=item.assembly_id, title=item.title
        ),
    )


@agenda_app.command("move")
def agenda_move(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number now.")),
    to: int = typer.Option(..., "--to", help=_("Its number after the move.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Move an agenda item to another place; the items between shift by one."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.move_agenda_item(assembly, number, to=to),
        lambda item: _("Moved item {number} to {to}: {title}.").format(
            number=number, to=to, title=item.title
        ),
    )


@agenda_app.command("remove")
def agenda_remove(
    ctx: typer.Context, assembly: AssemblyArgument, number: ItemNumber, fmt: OutputFormat = format_option()
) -> None:
    """Take an item off the agenda of a called assembly; the items after it move up."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.remove_agenda_item(assembly, number),
        lambda item: _("Removed item {number}: {title}.").format(number=number, title=item.title),
    )


@agenda_app.command("edit")
def agenda_edit(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: ItemNumber,
    title: str | None = typer.Option(None, "--title", help=_("The corrected title.")),
    text: str | None = typer.Option(None, "--text", help=_('The corrected explanation ("" removes it).')),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help=listing(N_("Kind of motion expected under this item: {words}."), words.motion_kinds),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Correct an agenda item's title, text or kind of motion before the assembly opens (secretary)."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.edit_agenda_item(assembly, number, title=title, text=text, motion_kind=kind),
        lambda item: _("Corrected item {number}: {title}.").format(number=number, title=item.title),
    )


@agenda_app.command("postpone")
def agenda_postpone(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: ItemNumber,
    reason: str = typer.Option(..., "--reason", help=_("Why it is postponed; the minutes print it.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Postpone an agenda item during the meeting (chair or secretary), with its pending motions."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.postpone_agenda_item(assembly, number, reason=reason),
        lambda moved: _with_motions(
            _("Postponed item {number}: {title}.").format(number=number, title=moved.item.title),
            moved.motions,
            lambda count: ngettext(
                "Motion {numbers} is postponed with it.", "Motions {numbers} are postponed with it.", count
            ),
        ),
    )


@agenda_app.command("resume")
def agenda_resume(
    ctx: typer.Context, assembly: AssemblyArgument, number: ItemNumber, fmt: OutputFormat = format_option()
) -> None:
    """Take up a postponed agenda item again while the assembly is open, with its motions."""
    _change_agenda(
        ctx,
        assembly,
        fmt,
        lambda c: c.assemblies.resume_agenda_item(assembly, number),
        lambda moved: _with_motions(
            _("Took up item {number} again: {title}.").format(number=number, title=moved.item.title),
            moved.motions,
            lambda count: ngettext(
                "Motion {numbers} is taken up again with it.",
                "Motions {numbers} are taken up again with it.",
                count,
            ),
        ),
    )


@agenda_app.command("list")
def agenda_list(ctx: typer.Context, assembly: AssemblyArgument, fmt: OutputFormat = format_option()) -> None:
    """List the agenda of an assembly in order, with the reason of any item postponed."""
    with command_scope(ctx) as c:
        views = _agenda_views(c.assemblies.agenda(assembly), c.assemblies.postponed_agenda_items(assembly))
    _say_agenda(None, views, fmt)
