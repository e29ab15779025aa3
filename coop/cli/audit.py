"""``coop audit log|verify|sign``: the hash-chained record of every change, and its checkpoints signed
with the returning officer's key."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from coop.cli.context import open_session
from coop.cli.options import command_group, command_scope
from coop.cli.output import OutputFormat, emit_rows, format_option
from coop.cli.passphrase import PassphraseStdinOption, read_passphrase
from coop.i18n import _, ngettext

app = command_group(_("The tamper-evident record of every change."))

AUDIT_KEYS = ("seq", "occurred_at", "action", "actor", "data")


@app.command("log")
def log(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", min=1, help=_("How many of the latest events to show.")),
    action: str | None = typer.Option(
        None, "--action", help=_("Only actions starting with this, e.g. coop.member.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """List the latest changes, oldest first."""
    from coop import display
    from coop.audit_views import AuditEventView, latest_events

    with open_session(ctx) as session:
        rows = [view.as_json() for view in latest_events(session, limit=limit, action=action)]
    if fmt is OutputFormat.table:
        # People read the details on one line and the hash by its first digits.
        rows = [
            row
            | {"data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True), "hash": row["hash"][:12]}
            for row in rows
        ]
    emit_rows(rows, display.headings(AuditEventView, AUDIT_KEYS), fmt, title=_("Audit log"))


@app.command("verify")
def verify(
    ctx: typer.Context,
    anchors: list[str] = typer.Option(
        [],
        "--anchor",
        help=_(
            "An anchor noted earlier, as the minutes print it (1234:3f2a9c0d5e6b7a81): check that its "
            "event is still there, unchanged. May be given more than once."
        ),
    ),
    anchors_files: list[Path] = typer.Option(
        [],
        "--anchors",
        help=_(
            "The anchors file coop audit sign writes to: check that every checkpoint in it is still in "
            "the log, unchanged and validly signed, so that events cut from the end are named. May be "
            "given more than once."
        ),
    ),
) -> None:
    """Recompute the whole chain and check its signed checkpoints; name what was edited, removed or
    reordered."""
    from coop.audit import parse_anchor
    from coop.errors import AuditError
    from coop.formatting import format_date

    wanted = [parse_anchor(anchor) for anchor in anchors]
    with command_scope(ctx) as c:
        report = c.audit.verify_chain()
        anchor_problems = [problem for anchor in wanted if (problem := c.audit.check_anchor(anchor))]
        lines_checked = {}
        for path in anchors_files:
            lines_checked[path], file_problems = c.audit.check_anchors_file(path)
            anchor_problems += file_problems
        last = c.audit.chain_anchor()
        checkpoint = c.audit.latest_checkpoint()
    problems = [*report.extra_checks, *anchor_problems]
    if report.problem is not None:
        message = ngettext(
            "The audit chain is broken at event {seq} ({action}): {reason}; {checked} event was checked.",
            "The audit chain is broken at event {seq} ({action}): {reason}; {checked} events were checked.",
            report.events_checked,
        ).format(
            seq=report.problem.seq,
            action=report.problem.action,
            reason=report.problem.reason,
            checked=report.events_checked,
        )
        if problems:
            message += " " + _("Also: {problems}.").format(problems="; ".join(problems))
        raise AuditError(message)
    if problems:
        raise AuditError(
            ngettext(
                "The audit chain is intact ({count} event checked), but {problems}.",
                "The audit chain is intact ({count} events checked), but {problems}.",
                report.events_checked,
            ).format(count=report.events_checked, problems="; ".join(problems))
        )
    typer.echo(
        ngettext(
            "The audit chain is intact: {count} event checked.",
            "The audit chain is intact: {count} events checked.",
            report.events_checked,
        ).format(count=report.events_checked)
    )
    if wanted:
        typer.echo(
            ngettext(
                "The anchor {anchors} is still in it, unchanged.",
                "The anchors {anchors} are still in it, unchanged.",
                len(wanted),
            ).format(anchors=", ".join(str(anchor) for anchor in wanted))
        )
    for path, count in lines_checked.items():
        typer.echo(
            ngettext(
                "The {count} checkpoint of {path} is still in it, unchanged and validly signed.",
                "The {count} checkpoints of {path} are still in it, unchanged and validly signed.",
                count,
            ).format(count=count, path=path)
        )
    if checkpoint is not None:
        typer.echo(
            _(
                "Its latest signed checkpoint is event {number}, signed by key {key} of {holder} on {day}."
            ).format(
                number=checkpoint.number,
                key=checkpoint.key_fingerprint,
                holder=checkpoint.holder,
                day=format_date(checkpoint.signed_at),
            )
        )
    if last is not None:
        typer.echo(
            _(
                "Its last event is anchor {anchor}: kept on paper (the minutes print it), coop audit "
                "verify --anchor {anchor} shows later that nothing up to it was removed or changed."
            ).format(anchor=last)
        )


@app.command("sign")
def sign(
    ctx: typer.Context,
    key_file: Path = typer.Option(
        ...,
        "--key",
        help=_("The returning officer's key file (made with coop ballot key create)."),
        show_default=False,
    ),
    passphrase_stdin: PassphraseStdinOption = False,
    anchors: Path | None = typer.Option(
        None,
        "--anchors",
        help=_(
            "Also append the checkpoint's line to this file, kept outside the database (created if "
            "missing), which coop audit verify --anchors checks."
        ),
        show_default=False,
    ),
) -> None:
    """Sign the audit log as it stands now with the returning officer's key (e.g. at the end of every
    assembly): no one can then rewrite it up to here without coop audit verify saying so."""
    passphrase = read_passphrase(passphrase_stdin)
    with command_scope(ctx) as c:
        opened = c.keys.open(key_file, passphrase)
        checkpoint = c.audit.sign_checkpoint(opened, anchors=anchors)
    typer.echo(
        _(
            "Checkpoint {number} signed by key {key} of {holder}: the log up to event {seq} (anchor "
            "{anchor}) can no longer be rewritten without coop audit verify naming it."
        ).format(
            number=checkpoint.number,
            key=checkpoint.key_fingerprint,
            holder=checkpoint.holder,
            seq=checkpoint.seq,
            anchor=checkpoint.anchor,
        )
    )
    if anchors is not None:
        typer.echo(_("Its line was added to {path}:").format(path=anchors))
    else:
        typer.echo(
            _("Keep its line outside the database (on paper, or in a file given to --anchors next time):")
        )
    typer.echo(checkpoint.line)
