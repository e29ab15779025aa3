"""The words Click and Typer print around ours, so that extraction puts them in our catalogue.

``coop.cli.main`` points Click's and Typer's gettext lookups at our catalogue; the strings they
look up are listed here (the function is never called: it only marks them for extraction).
``tests/test_i18n_catalogue.py`` fails, naming them, when an installed Click or Typer looks up
strings not listed here: add them (and their translations) after upgrading either.
"""

from __future__ import annotations

from coop.i18n import N_, ngettext

# Modules whose gettext lookups coop.cli.main routes to our catalogue (and that are listed below).
LIBRARY_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "typer.core",
)


def _library_messages() -> None:  # pragma: no cover - read by the extractor, never run
    # Click and Typer build their usage lines with these, outside gettext; coop.cli.main
    # translates them with the help texts.
    N_("[OPTIONS]")
    N_("COMMAND [ARGS]...")
    N_("[COMMAND] [ARGS]...")
    N_("Aborted!")
    N_("deprecated")
    N_("Options")
    N_("Positional arguments")
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2)
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}")
    N_("Commands")
    N_("Missing command.")
    N_("Value must be an iterable.")
    ngettext("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 2)
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}")
    N_("Name '{name}' defined twice")
    N_("Boolean option {decl!r} cannot use the same flag for true/false.")
    N_("Could not determine name for option with declarations {decls!r}")
    N_(
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean to pass '--{name}'?"  # noqa: E501
    )
    N_("env var: {var}")
    N_("default: {default}")
    N_("required")
    N_("(dynamic)")
    N_("Arguments take exactly one parameter declaration, got {length}: {decls}.")
    N_("Do you want to continue?")
    N_("Confirm the action without prompting.")
    N_("%(prog)s, version %(version)s")
    N_("Show the version and exit.")
    N_("Show this message and exit.")
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2)
    N_("Error: {message}")
    N_("Try '{command} {option}' for help.")
    N_("Invalid value: {message}")
    N_("Invalid value for {param_hint}: {message}")
    N_("Missing argument")
    N_("Missing option")
    N_("Missing parameter")
    N_("Missing {param_type}")
    N_("Missing parameter: {param_name}")
    N_("No such option {name!r}.")
    N_("No such command {name!r}.")
    N_("unknown error")
    N_("Could not open file {filename!r}: {message}")
    N_("Usage:")
    N_("Invalid start character for option ({option})")
    N_("Argument {name!r} takes {nargs} values.")
    N_("Option {name!r} does not take a value.")
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2)
    N_("Repeat for confirmation")
    N_("Error: The two entered values do not match.")
    N_("Error: invalid input")
    N_("Unknown color {colour!r}")
    N_("Press any key to continue...")
    N_("Choose from:\n\t{choices}")
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2)
    N_("Choice({choices})")
    ngettext(
        "{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.", 2
    )
    N_("{value!r} is not a valid {number_type}.")
    N_("{value} is not in the range {range}.")
    N_("{value!r} is not a valid boolean. Recognized values: {states}")
    N_("{value!r} is not a valid UUID.")
    N_("file")
    N_("directory")
    N_("path")
    N_("{name} {filename!r} does not exist.")
    N_("{name} {filename!r} is a file.")
    N_("{name} {filename!r} is a directory.")
    N_("{name} {filename!r} is not readable.")
    N_("{name} {filename!r} is not writable.")
    N_("{name} {filename!r} is not executable.")
    ngettext(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
        2,
    )
    N_("Unknown standard stream '{name}'")
    N_("Arguments")
