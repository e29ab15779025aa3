"""The root ``coop`` command: global options, command groups, errors turned into one sentence.

Nothing heavy is imported here: each group module imports the database layer, WeasyPrint
or Alembic inside the commands that need them, so ``coop --help`` starts fast.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

import typer
import typer.core
from typer.core import TyperGroup

from coop.errors import CoopError
from coop.i18n import _

# Plain help and usage errors: rendering them with rich costs ~50 ms at every start.
typer.core.HAS_RICH = False


class CoopGroup(TyperGroup):
    """Turns a ``CoopError`` into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoopError as error:
            if _debug_requested(ctx):
                traceback.print_exc()
            _fail(error.message)
        except KeyboardInterrupt:
            _fail(_("Interrupted; nothing was saved."))
        except Exception as error:
            if _is_command_line_signal(error):
                raise
            # Anything else is a bug: say so plainly and show details only on request.
            if _debug_requested(ctx):
                traceback.print_exc()
            _fail(
                _(
                    "Unexpected internal error ({kind}: {detail}); nothing was saved. "
                    "Run the command again with --debug to see the details."
                ).format(kind=type(error).__name__, detail=error)
            )


def _fail(message: str) -> None:
    typer.echo(_("Error: {message}").format(message=message), err=True)
    raise typer.Exit(1)


def _is_command_line_signal(error: Exception) -> bool:
    """Usage errors, exits and aborts belong to the command-line parser, which reports them itself."""
    return type(error).__module__.split(".")[0] in {"click", "typer"}


def _debug_requested(ctx: Any) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False)) or "--debug" in sys.argv


app = typer.Typer(
    name="coop",
    cls=CoopGroup,
    help=_("Governance toolkit for self-managed worker cooperatives."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: starts ~50 ms faster than the rich-rendered one
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="COOP_DATABASE_URL",
        help=_(
            "Database: a SQLite file path or a database URL (default ./coop.db; or set COOP_DATABASE_URL)."
        ),
    ),
    actor: str | None = typer.Option(
        None,
        "--as",
        envvar="COOP_ACTOR",
        help=_(
            "The member doing this (member number or name; or set COOP_ACTOR); recorded with every change."
        ),
    ),
    lang: str | None = typer.Option(
        None, "--lang", envvar="COOP_LANG", help=_("Language of messages: en or es (or set COOP_LANG).")
    ),
    debug: bool = typer.Option(False, "--debug", help=_("Show the full traceback when something fails.")),
) -> None:
    from coop.cli.context import CliState

    if lang:
        from coop.i18n import set_language

        set_language(lang)
    ctx.obj = CliState(db=db, actor=actor, debug=debug, lang=lang)


def _plain_help(group: typer.Typer) -> None:
    group.rich_markup_mode = None
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _plain_help(sub.typer_instance)


def _register_groups() -> None:
    from coop.cli import groups

    for name, module_app in groups.all_groups():
        _plain_help(module_app)
        app.add_typer(module_app, name=name)
    for command in groups.top_level_commands():
        app.command(**command.options)(command.function)


_register_groups()


def run() -> None:
    app()
