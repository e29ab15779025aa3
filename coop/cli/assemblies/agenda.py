"""``coop assembly agenda``: the agenda (orden del día) of an assembly: add, edit, move and remove its
items before it opens; postpone and resume them during it; list them.
"""

from __future__ import annotations

from typing import Any

import typer

from coop import display
from coop.cli import words
from coop.cli.assemblies.assembly import assembly_app
from coop.cli.options import AssemblyArgument, command_scope
from coop.cli.output import OutputFormat, emit_views, format_option
from coop.cli.words import listing
from coop.i18n import N_, _, ngettext

agenda_app = typer.Typer(
    help=_(
        "The agenda of an assembly: add, edit, move and remove its items before it opens; "
        "postpone and resume them during it; list them."
    ),
    no_args_is_help=True,
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
    with command_scope(ctx) as c:
        item = c.assemblies.add_agenda_item(
            assembly, title=title, text=text, motion_kind=kind, position=position
        )
        views = _agenda_views(list(item.assembly.agenda))
        said = _("Added item {number} to the agenda of assembly {id}: {title}.").format(
            number=item.position, id=item.assembly_id, title=item.title
        )
    _say_agenda(said, views, fmt)


@agenda_app.command("move")
def agenda_move(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number now.")),
    to: int = typer.Option(..., "--to", help=_("Its number after the move.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Move an agenda item to another place; the items between shift by one."""
    with command_scope(ctx) as c:
        item = c.assemblies.move_agenda_item(assembly, number, to=to)
        views = _agenda_views(list(item.assembly.agenda))
        said = _("Moved item {number} to {to}: {title}.").format(number=number, to=to, title=item.title)
    _say_agenda(said, views, fmt)


@agenda_app.command("remove")
def agenda_remove(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Take an item off the agenda of a called assembly; the items after it move up."""
    with command_scope(ctx) as c:
        item = c.assemblies.remove_agenda_item(assembly, number)
        views = _agenda_views(c.assemblies.agenda(assembly))
        said = _("Removed item {number}: {title}.").format(number=number, title=item.title)
    _say_agenda(said, views, fmt)


@agenda_app.command("edit")
def agenda_edit(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number.")),
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
    with command_scope(ctx) as c:
        item = c.assemblies.edit_agenda_item(assembly, number, title=title, text=text, motion_kind=kind)
        views = _agenda_views(list(item.assembly.agenda))
        said = _("Corrected item {number}: {title}.").format(number=number, title=item.title)
    _say_agenda(said, views, fmt)


def _moved_motions(motions: Any) -> str:
    """The motions that moved with an item, by their numbers ("1, 3")."""
    return ", ".join(motion.position for motion in motions)


@agenda_app.command("postpone")
def agenda_postpone(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number.")),
    reason: str = typer.Option(..., "--reason", help=_("Why it is postponed; the minutes print it.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Postpone an agenda item during the meeting (chair or secretary), with its pending motions."""
    with command_scope(ctx) as c:
        moved = c.assemblies.postpone_agenda_item(assembly, number, reason=reason)
        views = _agenda_views(list(moved.item.assembly.agenda), c.assemblies.postponed_agenda_items(assembly))
        said = _("Postponed item {number}: {title}.").format(number=number, title=moved.item.title)
        if moved.motions:
            said += " " + ngettext(
                "Motion {numbers} is postponed with it.",
                "Motions {numbers} are postponed with it.",
                len(moved.motions),
            ).format(numbers=_moved_motions(moved.motions))
    _say_agenda(said, views, fmt)


@agenda_app.command("resume")
def agenda_resume(
    ctx: typer.Context,
    assembly: AssemblyArgument,
    number: int = typer.Argument(..., help=_("The item's number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Take up a postponed agenda item again while the assembly is open, with its motions."""
    with command_scope(ctx) as c:
        moved = c.assemblies.resume_agenda_item(assembly, number)
        views = _agenda_views(list(moved.item.assembly.agenda), c.assemblies.postponed_agenda_items(assembly))
        said = _("Took up item {number} again: {title}.").format(number=number, title=moved.item.title)
        if moved.motions:
            said += " " + ngettext(
                "Motion {numbers} is taken up again with it.",
                "Motions {numbers} are taken up again with it.",
                len(moved.motions),
            ).format(numbers=_moved_motions(moved.motions))
    _say_agenda(said, views, fmt)


@agenda_app.command("list")
def agenda_list(ctx: typer.Context, assembly: AssemblyArgument, fmt: OutputFormat = format_option()) -> None:
    """List the agenda of an assembly in order, with the reason of any item postponed."""
    with command_scope(ctx) as c:
        views = _agenda_views(c.assemblies.agenda(assembly), c.assemblies.postponed_agenda_items(assembly))
    _say_agenda(None, views, fmt)
