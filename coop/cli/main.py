"""The root ``coop`` command: global options, command groups, errors turned into one sentence.

Nothing heavy is imported here: each group module imports the database layer, WeasyPrint
or Alembic inside the commands that need them, so ``coop --help`` starts fast.
"""

from __future__ import annotations

import atexit
import errno
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import Any, NoReturn

import click
import typer
import typer.core
from typer.core import TyperGroup

from coop import i18n
from coop.cli.help_pages import attach_examples, named_command, plain_help, translate_help, value_options
from coop.cli.output import add_force_to_writers
from coop.cli.words import fill_word_lists
from coop.errors import CoopError
from coop.i18n import N_, _

# Plain help and usage errors: rendering them with rich costs ~50 ms at every start.
typer.core.HAS_RICH = False


def _describe_arguments_once() -> None:
    """Make ``typer.Argument(help=...)`` show in ``--help``, in one "Arguments" section.

    Typer's argument class sets its ``help`` and then calls Click's ``Parameter.__init__``, which
    since Click 8.5 sets ``help`` itself, to None when it is not passed on: every positional
    argument lost its description. Set it back once Click is done. Click 8.5 also lists described
    arguments under "Positional arguments", which Typer already does under "Arguments": keep Typer's.
    """
    original = typer.core.TyperArgument.__init__
    if getattr(original, "_coop_keeps_help", False):
        return

    def init_keeping_help(
        self: typer.core.TyperArgument, *args: Any, help: str | None = None, **options: Any
    ) -> None:
        original(self, *args, help=help, **options)
        self.help = help

    def arguments_listed_with_options(
        self: click.Command, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        """Typer's ``format_options`` lists the arguments."""

    init_keeping_help._coop_keeps_help = True  # type: ignore[attr-defined]
    typer.core.TyperArgument.__init__ = init_keeping_help  # type: ignore[method-assign]
    typer.core.TyperCommand.format_arguments = arguments_listed_with_options  # type: ignore[method-assign]
    typer.core.TyperGroup.format_arguments = arguments_listed_with_options  # type: ignore[method-assign]


_describe_arguments_once()


class CoopGroup(TyperGroup):
    """Turns a ``CoopError`` into one line on stderr and exit code 1, never a traceback.

    Before anything is parsed it also picks the language of messages (``--lang``, else
    ``COOP_LANG``, else the system locale; a command that opens the database then switches to
    the cooperative's language when neither ``--lang`` nor ``COOP_LANG`` was given) and
    translates the help texts of the whole command tree into it. The language in use before
    is restored afterwards, so that running the CLI in-process (tests) leaves nothing behind.
    """

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        db = sys.modules.get("coop.db")  # not imported yet in a process of its own
        if db is not None:
            db.forget_changes()
        previous = i18n.current_language()
        i18n.set_language(initial_language(argv, os.environ, value_options=value_options(self)))
        add_force_to_writers(self)
        translate_help(self)
        fill_word_lists(named_command(self, argv))
        try:
            return super().main(args, *rest, **options)
        finally:
            global _command_language
            _command_language = i18n.current_language()  # for what exit_now may still have to say
            i18n.set_language(previous)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoopError as error:
            if _debug_requested(ctx):
                traceback.print_exc()
            _fail(error.message)
        except KeyboardInterrupt:
            if _changes_saved():
                _fail(_("Interrupted after the change was saved; its confirmation may be incomplete."))
            _fail(_("Interrupted; nothing was saved."))
        except BrokenPipeError as error:
            # Whoever read the output stopped reading (coop ... | head): the command was cut off.
            status = report_lost_output(error)
            _point_stdout_at_nothing()  # what is still buffered cannot fail again on the way out
            raise typer.Exit(status) from None
        except OSError as error:
            # A file or the output could not be written (a full disk, /dev/full): one sentence.
            if _debug_requested(ctx):
                traceback.print_exc()
            _point_stdout_at_nothing()
            reason = error.strerror or str(error)
            where = error.filename if error.filename is not None else _("the output")
            if _changes_saved():
                _fail(
                    _("The change was saved, but writing {file} failed: {reason}.").format(
                        file=where, reason=reason
                    )
                )
            _fail(_("Cannot write {file}: {reason}; nothing was saved.").format(file=where, reason=reason))
        except Exception as error:
            if _is_command_line_signal(error):
                raise
            # Anything else is a bug: say so plainly and show details only on request.
            if _debug_requested(ctx):
                traceback.print_exc()
            if _changes_saved():
                _fail(
                    _(
                        "Unexpected internal error ({kind}: {detail}) after the change was saved; check what "
                        "was recorded (coop audit log) before running the command again."
                    ).format(kind=type(error).__name__, detail=error)
                )
            _fail(
                _(
                    "Unexpected internal error ({kind}: {detail}); nothing was saved. "
                    "Run the command again with --debug to see the details."
                ).format(kind=type(error).__name__, detail=error)
            )


_command_language: str | None = None  # the language the last command spoke


def initial_language(
    args: Sequence[str], environ: Mapping[str, str], *, value_options: frozenset[str] = frozenset()
) -> str:
    """The language of messages before the database is open: ``--lang``, ``COOP_LANG``, the locale.

    ``args`` are read up to the first command name, as the root command reads them; an unknown
    language is passed over here (the ``--lang`` option itself refuses it with a usage error).
    """
    flag = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        if arg == "--lang":
            flag = args[index + 1] if index + 1 < len(args) else None
            index += 2
        elif arg.startswith("--lang="):
            flag = arg.split("=", 1)[1]
            index += 1
        elif arg in value_options:
            index += 2
        elif arg.startswith("-"):
            index += 1
        else:
            break
    for candidate in (flag, environ.get("COOP_LANG")):
        language = i18n.normalize_language(candidate)
        if language:
            return language
    return i18n.system_language(environ) or i18n.SOURCE_LANGUAGE


# Click and Typer write their own words around ours (Usage:, Options, [required], Error: ...):
# their gettext lookups are pointed at our catalogue, which lists their msgids too (see
# coop/locale/library_messages.py).


def _route_library_messages() -> None:
    from coop.locale.library_messages import LIBRARY_MODULES

    for name in LIBRARY_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


_route_library_messages()


def _check_language(value: str | None) -> str | None:
    """``--lang``/``COOP_LANG``: a language we have a catalogue for (``es``, ``es_AR``, ``en``)."""
    if not value:
        return None
    language = i18n.normalize_language(value)
    if language is None:
        raise typer.BadParameter(
            _("{value} is not a language coop speaks; choose one of: {languages}.").format(
                value=value, languages=", ".join(i18n.available_languages())
            )
        )
    return language


def _fail(message: str) -> None:
    from coop.messages import brief  # a refusal of a garbage file fits a screen

    typer.echo(_("Error: {message}").format(message=brief(message)), err=True)
    raise typer.Exit(1)


def _changes_saved() -> bool:
    """Whether this command has committed a change to the database (so it must never say otherwise)."""
    db = sys.modules.get("coop.db")
    return db is not None and db.changes.committed


def report_lost_output(error: OSError) -> int:
    """Say on stderr what became of the command when its output could not be written; its exit status.

    A reader that stopped early (``coop member list | head``) is no error for a command that only
    read. A change already committed was saved, and is said to be: the status stays 0 because it
    answers "was the change made?", and a script that read a failure as "not saved" would make
    the change twice. A change rolled back because the output failed first was not saved.
    """
    reader_left = isinstance(error, BrokenPipeError)
    reason = error.strerror or str(error)
    db = sys.modules.get("coop.db")
    if _changes_saved():
        if reader_left:
            message = _(
                "the change was saved, but the output was closed before its confirmation was printed in full."
            )
        else:
            message = _("the change was saved, but its confirmation could not be printed: {reason}.").format(
                reason=reason
            )
        _say(_("Warning: {message}").format(message=message))
        return 0
    if db is not None and db.changes.discarded:
        if reader_left:
            message = _("The output was closed before the command finished; nothing was saved.")
        else:
            message = _(
                "the output could not be written ({reason}) before the command finished; nothing was saved."
            ).format(reason=reason)
        _say(_("Error: {message}").format(message=message))
        return 1
    if reader_left:
        return 0
    _say(_("Error: the output could not be written in full: {reason}.").format(reason=reason))
    return 1


def _say(line: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    with suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def _point_stdout_at_nothing() -> None:
    """Send what is left of the output to the null device (its reader is gone)."""
    with suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _keep_standard_streams_open() -> None:
    """Open a closed standard stream (``coop ... >&-``) on the null device.

    Otherwise the next file coop opens (the database itself) would take its number, and anything
    written for the screen (by a library, by a helper process) would land in it. Python has set
    ``sys.stdout`` to None: it becomes a stream that notes what could not be printed.
    """
    from coop.cli.output import ClosedOutput

    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != number:
                os.dup2(null, number)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


def _is_command_line_signal(error: Exception) -> bool:
    """Usage errors, exits and aborts belong to the command-line parser, which reports them itself."""
    return type(error).__module__.split(".")[0] in {"click", "typer"}


def _debug_requested(ctx: Any) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False)) or "--debug" in sys.argv


app = typer.Typer(
    name="coop",
    cls=CoopGroup,
    help=N_("Governance toolkit for self-managed worker cooperatives."),
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
        help=N_(
            "Database: a SQLite file path or a database URL (default ./coop.db; or set COOP_DATABASE_URL)."
        ),
    ),
    actor: str | None = typer.Option(
        None,
        "--as",
        envvar="COOP_ACTOR",
        help=N_(
            "The member doing this (member number or name; or set COOP_ACTOR); recorded with every change."
        ),
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        envvar="COOP_LANG",
        callback=_check_language,
        help=N_(
            "Language of messages: en or es (or set COOP_LANG); by default the cooperative's "
            "language, else the system's. Documents are always in the cooperative's language."
        ),
    ),
    debug: bool = typer.Option(False, "--debug", help=N_("Show the full traceback when something fails.")),
) -> None:
    from coop.cli.context import CliState

    if lang:
        i18n.set_language(lang)
    # lang is None unless --lang or COOP_LANG chose it: open_session then uses the cooperative's.
    ctx.obj = CliState(db=db, actor=actor, debug=debug, lang=lang)


def _register_groups() -> None:
    from coop.cli import groups
    from coop.cli.examples import DEMO_NOTE, EXAMPLES

    for name, module_app in groups.all_groups():
        plain_help(module_app)
        attach_examples(module_app, name, EXAMPLES)
        app.add_typer(module_app, name=name)
    for command in groups.top_level_commands():
        app.command(**command.options, epilog=EXAMPLES.get(command.options["name"]))(command.function)
    app.info.epilog = DEMO_NOTE


# Help texts are read when the group modules are imported: keep them in English (the msgids),
# whatever language is in use, so that translate_help() can look them up.
with i18n.using(None):
    _register_groups()


def run() -> NoReturn:
    """The ``coop`` program: a document command may print its PDF in a helper process."""
    _keep_standard_streams_open()
    from coop.reports import pdf

    pdf.allow_helper()
    try:
        app()
    except SystemExit as stop:
        exit_now(stop.code)
    except OSError as error:  # writing help or a usage message failed (a full disk, say)
        exit_now(1, output_error=error)
    exit_now(0)


def exit_now(code: object, *, output_error: OSError | None = None) -> NoReturn:
    """End the process once the command is done, without tearing the interpreter down.

    Destroying every module and object one by one takes about a tenth of a second after a
    command that used the database, and nothing needs it: the command has committed or rolled
    back, and written and closed its files. What does matter still happens: database
    connections are closed properly, exit handlers run, and the output is flushed; output
    that could not be written in full is reported with what became of the command (see
    :func:`report_lost_output`), in the language the command spoke.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"), as Python itself would report it
        print(code, file=sys.stderr)
        status = 1
    db = sys.modules.get("coop.db")
    if db is not None:
        db.dispose_engines()
    atexit._run_exitfuncs()
    with i18n.using(_command_language or i18n.current_language()):  # the command's own language
        output_error = output_error or _flush_output()
        if output_error is not None:
            told = report_lost_output(output_error)
            status = status if told == 0 else status or told
    with suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)


def _flush_output() -> OSError | None:
    """Write out what is still buffered; the error if the output could not take it."""
    from coop.cli.output import ClosedOutput

    if isinstance(sys.stdout, ClosedOutput):
        return OSError(errno.EBADF, _("standard output is closed")) if sys.stdout.lost else None
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as error:
        return error
    except ValueError as error:  # flushing a stream already closed
        return OSError(errno.EBADF, str(error))
    return None
