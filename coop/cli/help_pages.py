"""The help every command shows: translated into the language in use, its examples from the demo
attached as its epilog, and which command a command line names (whose help lists words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import click
import typer

from coop.i18n import _


def value_options(command: click.Command) -> frozenset[str]:
    """The root options that take a value (``--db URL``), so that the value is not taken for a command."""
    return frozenset(
        name
        for param in command.params
        if isinstance(param, click.Option) and not param.is_flag and not param.count
        for name in param.opts
    )


def named_command(root: click.Group, args: Sequence[str]) -> click.Command:
    """The command ``args`` name (``motion open-vote`` in ``--lang es motion open-vote 3 --help``):
    the one whose help they may show, so the one whose help lists words (:mod:`coop.cli.words`)."""
    command: click.Command = root
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg == "--":
            break
        elif command is root and arg in value_options(root):
            skip_value = True
        elif not arg.startswith("-"):
            found = getattr(command, "commands", {}).get(arg)
            if found is None:
                break  # a value (a motion's id, a file): the command is named
            command = found
    return command


_HELP_ATTRIBUTES = ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar")


def translate_help(command: click.Command) -> None:
    """Translate the help texts of ``command``, its parameters and its subcommands, in place.

    The English texts (the msgids) are kept on each object, so that translating again into
    another language starts from them and not from an earlier translation.
    """
    for target in (command, *command.params):
        source = target.__dict__.setdefault(
            "_coop_help_source", {name: getattr(target, name, None) for name in _HELP_ATTRIBUTES}
        )
        for name, text in source.items():
            if isinstance(text, str) and text:
                setattr(target, name, _as_written(_(text)) if name == "epilog" else _(text))
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def _as_written(text: str) -> str:
    """An epilog (a command's examples) keeps its lines as written.

    Click rewraps every paragraph of help text but one that starts with a line holding only ``\\b``.
    """
    return "\n\n".join(f"\b\n{paragraph}" for paragraph in text.split("\n\n"))


def plain_help(group: typer.Typer) -> None:
    """Help as plain text (no rich markup) for ``group`` and its subgroups."""
    group.rich_markup_mode = None
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            plain_help(sub.typer_instance)


def attach_examples(group: typer.Typer, path: str, examples: Mapping[str, str]) -> None:
    """Give every command of ``group`` (named ``path``) its examples as its epilog."""
    for command in group.registered_commands:
        name = command.name or typer.main.get_command_name(
            command.callback.__name__ if command.callback else ""
        )
        command.epilog = command.epilog or examples.get(f"{path} {name}")
    for sub in group.registered_groups:
        if sub.typer_instance is not None and sub.name:
            attach_examples(sub.typer_instance, f"{path} {sub.name}", examples)
