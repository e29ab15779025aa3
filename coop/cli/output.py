"""One output path for every listing: ``--format table|json|csv`` over the same rows.

Rows are plain dicts with snake_case keys; values are already strings, numbers, booleans,
lists or None (dates as ISO strings, decimals as strings) so JSON output is stable.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import click
import typer

from coop import display
from coop.errors import CoopError
from coop.i18n import N_, _
from coop.views import View


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def format_option(default: OutputFormat = OutputFormat.table) -> Any:
    return typer.Option(
        default, "--format", "-f", help=_("Output format: table for people, json or csv for scripts.")
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return display.printable(str(value))


# A cell a spreadsheet would run as a formula (``=cmd|' /C calc'!A0``) begins with one of these;
# a plain number (``-5``, ``+1.5``) runs nothing and stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: ``'`` before a leading ``= + - @``, tab
    or carriage return (as OWASP recommends against CSV injection)."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """The one CSV writer of every ``--format csv`` and export: cells a spreadsheet would run
    neutralised, control characters left out."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(display.printable(cell)) for cell in row] for row in rows)


def emit_rows(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: OutputFormat,
    *,
    title: str | None = None,
) -> None:
    """Print ``rows``; ``columns`` is (key, heading) in display order."""
    materialised = list(rows)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(materialised, ensure_ascii=False, indent=2, default=str))
        return
    if fmt is OutputFormat.csv:
        keys = [key for key, _heading in columns]
        write_csv(sys.stdout, keys, ([_cell(row.get(key)) for key in keys] for row in materialised))
        return
    if title:
        # Like the headings, a title may have been read before the cooperative's language was
        # known (an argument of the command's one call): look it up again now.
        typer.echo(_(title))
    typer.echo(plain_table(materialised, columns))
    if not materialised:
        typer.echo(_("(nothing to show)"))


def plain_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """An aligned text table; plain text is fast to build and survives any terminal or pipe."""
    # Headings are often module-level constants, read in English when the module was imported:
    # look them up again now, in the language of this command (a translated heading stays as is).
    headings = [_(heading) for _key, heading in columns]
    cells = [[_cell(row.get(key)) for key, _heading in columns] for row in rows]
    widths = [max([len(heading), *(len(line[i]) for line in cells)]) for i, heading in enumerate(headings)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip(),
        "  ".join("─" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    return "\n".join(lines)


def _field_rows(data: Mapping[str, Any], *, prefix: str) -> Iterable[list[str]]:
    """A record as ``field,value`` rows: a nested record's fields dotted (``quorum.required``), a
    list of records as its JSON text, so that every field keeps one row and one cell."""
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _field_rows(value, prefix=f"{prefix}{key}.")
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            yield [f"{prefix}{key}", json.dumps(value, ensure_ascii=False, default=str)]
        else:
            yield [f"{prefix}{key}", _cell(value)]


def emit_object(
    data: Mapping[str, Any], fmt: OutputFormat, *, labels: Mapping[str, str] | None = None
) -> None:
    """Print one record: JSON as is, ``field,value`` CSV rows, or aligned ``label  value`` lines."""
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if fmt is OutputFormat.csv:
        write_csv(sys.stdout, ["field", "value"], _field_rows(data, prefix=""))
        return
    _echo_fields(data, labels or {}, indent="")


def emit_views(
    views: Iterable[View], columns: Sequence[tuple[str, str]], fmt: OutputFormat, *, title: str | None = None
) -> None:
    """Print view models as a listing: for people each one's text (``coop.display``), for scripts
    its ``as_json()``."""
    rows = display.text_rows(views) if fmt is OutputFormat.table else [view.as_json() for view in views]
    emit_rows(rows, columns, fmt, title=title)


def emit_view(view: View, fmt: OutputFormat) -> None:
    """Print one view model: its JSON as is, else its fields as a person reads them (translated
    headings, stored values by their labels, numbers the language's way)."""
    if fmt is not OutputFormat.table:
        emit_object(view.as_json(), fmt)
        return
    _echo_show(display.fields(view), indent="")


def _echo_show(lines: Sequence[display.Field], *, indent: str) -> None:
    width = max((len(line.heading) for line in lines if isinstance(line.text, str)), default=0)
    for line in lines:
        text = line.text
        if isinstance(text, str):
            typer.echo(f"{indent}{line.heading.ljust(width)}  {text}".rstrip())
        elif text and isinstance(text[0], display.Field):
            typer.echo(f"{indent}{line.heading}")
            _echo_show(text, indent=indent + "  ")  # type: ignore[arg-type]  # a nested record
        elif text:
            typer.echo(f"{indent}{line.heading}:")
            for item in text:
                typer.echo(f"{indent}  - " + "; ".join(f"{f.heading}: {f.text}" for f in item))  # type: ignore[union-attr]
        else:
            typer.echo(f"{indent}{line.heading}".rstrip())


def emit_or_say(data: Mapping[str, Any], fmt: OutputFormat, message: str) -> None:
    """What a command that changed something prints: the record as JSON or CSV, else one sentence."""
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
    else:
        typer.echo(message)


def _echo_fields(data: Mapping[str, Any], labels: Mapping[str, str], *, indent: str) -> None:
    """``label  value`` lines; a nested record (a motion's vote, its quorum) indented beneath its label."""
    width = max((len(labels.get(k, k)) for k in data), default=0)
    for key, value in data.items():
        label = labels.get(key, key)
        if isinstance(value, Mapping) and value:
            typer.echo(f"{indent}{label}")
            _echo_fields(value, {}, indent=indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            typer.echo(f"{indent}{label}:")
            for item in value:
                typer.echo(f"{indent}  - " + "; ".join(f"{k}: {_cell(v)}" for k, v in item.items()))
        else:
            typer.echo(f"{indent}{label.ljust(width)}  {_cell(value)}".rstrip())


class ClosedOutput(io.TextIOBase):
    """Standard output for a coop started without one (``coop ... >&-``): it notes what is lost.

    Whatever a command prints goes nowhere; at the end ``coop.cli.main.exit_now`` says that it
    could not be printed (a listing then fails; a change says it was saved all the same).
    """

    lost = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self.lost = True
        return len(text)


def echo_done(message: str) -> None:
    typer.echo(message)


# --- Files a command writes: one rule for every --out -------------------------------------------

# Commands that never write over a file, --force or not: slips holding voting codes
# that exist nowhere else (they refuse an existing file themselves, in their own words).
NEVER_OVERWRITE = frozenset({"codes", "reissue"})
_FORCE_HELP = N_("Write over the --out file if it exists already.")


def refuse_existing(out: Path, *, force: bool) -> None:
    """An ``--out`` file that exists (or a link, which would be followed) is refused unless ``--force``."""
    if force or not (out.exists() or out.is_symlink()):
        return
    raise CoopError(
        _("{file} exists already; give another file name, or add --force to write over it.").format(file=out)
    )


def write_out(out: Path, text: str) -> None:
    """Write ``text`` to the ``--out`` file, or say in one sentence why it cannot be written."""
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CoopError(
            _("Cannot write {file}: {reason}.").format(file=out, reason=error.strerror or error)
        ) from None


def _remember_force(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["coop.force"] = value
    return value


class _RefusingOverwrite:
    """A command's invoke that first applies the --out rule (wrapping the command's own invoke)."""

    def __init__(self, invoke: Callable[[click.Context], Any]) -> None:
        self.invoke = invoke

    def __call__(self, ctx: click.Context) -> Any:
        out = ctx.params.get("out")
        if isinstance(out, str | Path) and str(out):
            refuse_existing(Path(out), force=bool(ctx.meta.get("coop.force")))
        return self.invoke(ctx)


def add_force_to_writers(command: click.Command) -> None:
    """Give every command with an ``--out`` file a ``--force`` option, and refuse to write over an
    existing file (or through a symbolic link) without it; done once for the whole tree."""
    for sub in getattr(command, "commands", {}).values():
        add_force_to_writers(sub)
    names = {param.name for param in command.params}
    if "out" not in names or "force" in names or command.name in NEVER_OVERWRITE:
        return
    command.params.append(
        click.Option(
            ["--force"],
            is_flag=True,
            default=False,
            expose_value=False,
            callback=_remember_force,
            help=_FORCE_HELP,
        )
    )
    command.invoke = _RefusingOverwrite(command.invoke)  # type: ignore[method-assign]
