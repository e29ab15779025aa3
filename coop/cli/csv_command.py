"""The ``import`` commands that read one CSV file with one call on the Coop and say what it took.

Each is declared by :func:`csv_import_command` with its help, the help of its file argument,
the API call and the sentence it says (:func:`counted` or :func:`added_and_changed` of a message
written at the call site, where translation extraction finds it), instead of repeating the same
command body.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from coop.cli.commands import run
from coop.cli.options import DelimiterOption, EncodingOption
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.api import Coop

Result = TypeVar("Result")


def csv_import_command(
    app: typer.Typer,
    name: str,
    *,
    help: str,
    columns: str,
    load: Callable[[Coop], Callable[..., Result]],
    report: Callable[[Result, str], str],
) -> None:
    """Register on ``app`` the command ``name``: it passes its FILE (help ``columns``) with its
    ``--delimiter`` and ``--encoding`` to the API call ``load`` names, then prints ``report`` of the
    call's result and the file's name. ``help`` is the command's help, as a msgid (``N_``)."""

    def import_file(
        ctx: typer.Context,
        file: Path = typer.Argument(..., help=columns),
        delimiter: DelimiterOption = None,
        encoding: EncodingOption = None,
    ) -> None:
        result = run(ctx, lambda c: load(c)(file, delimiter=delimiter, encoding=encoding))
        typer.echo(report(result, file.name))

    app.command(name, help=help)(import_file)


def counted(message: Callable[[int], str]) -> Callable[[int | Sized, str], str]:
    """The report of an import that took ``count`` lines (its result, or the length of the records
    it returns): ``message(count)`` names ``{count}`` and ``{file}``."""

    def report(result: int | Sized, file_name: str) -> str:
        count = result if isinstance(result, int) else len(result)
        return message(count).format(count=count, file=file_name)

    return report


def added_and_changed(added: Callable[[int], str]) -> Callable[[tuple[int, int], str], str]:
    """The report of an import that adds some records and changes others: ``added(count)`` names
    ``{count}`` of the records added (``{count} products added``)."""

    def report(result: tuple[int, int], file_name: str) -> str:
        added_count, changed_count = result
        return _("Imported {file}: {added}, {changed}.").format(
            file=file_name,
            added=added(added_count).format(count=added_count),
            changed=ngettext("{count} changed", "{count} changed", changed_count).format(count=changed_count),
        )

    return report
