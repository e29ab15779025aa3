"""``coop ballot key create|list``: the returning officer's key that seals secret ballots."""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli.options import command_group, command_scope, emit_listing
from coop.cli.output import OutputFormat, format_option
from coop.cli.passphrase import PassphraseStdinOption, read_passphrase
from coop.i18n import _

key_app = command_group(
    _(
        "The returning officer's key: secret ballots are sealed to it while a vote is open, and only "
        "its holder, with the passphrase, opens them to count."
    )
)

KEY_COLUMNS = ("fingerprint", "holder", "created_at", "retired_at")


@key_app.command("create")
def create(
    ctx: typer.Context,
    # Not named ``out``: a key file is never written over, so it takes no --force (see cli.output).
    key_file: Path = typer.Option(..., "--out", "-o", help=_("The new key file, e.g. junta.key.")),
    holder: str = typer.Option(
        ..., "--holder", help=_("Who keeps the key: the returning officer or the electoral board.")
    ),
    passphrase_stdin: PassphraseStdinOption = False,
) -> None:
    """Make a new key in force (the secretary): the file stays with its holder, never in the database."""
    passphrase = read_passphrase(passphrase_stdin, confirm=True)
    with command_scope(ctx) as c:
        view = c.keys.create(key_file, passphrase=passphrase, holder=holder)
    typer.echo(
        _(
            "Key {fingerprint} of {holder} is in force: the secret votes opened from now on are sealed "
            "to it. "
            "Keep {file} and its passphrase safe (a copy on a pen drive in the cooperative's safe): "
            "without them those votes cannot be counted. Write the fingerprint in the minutes."
        ).format(fingerprint=view.fingerprint, holder=view.holder, file=key_file)
    )


@key_app.command("list")
def list_(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the keys made, oldest first; the one in force has no retirement date."""
    from coop import display
    from coop.keys.views import KeyView, key_views

    emit_listing(
        ctx, key_views, display.headings(KeyView, KEY_COLUMNS), fmt, title=_("Returning officer's keys")
    )
