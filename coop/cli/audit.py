"""``coop audit log|verify|sign``: the hash-chained record of every change, and its checkpoints signed
with the returning officer's key."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from coop.cli.context import open_session
from coop.cli.options import command_scope
from coop.cli.output import OutputFormat, emit_rows, format_option
from coop.cli.passphrase import PassphraseStdinOption, read_passphrase
from coop.i18n import _, ngettext

app = typer.Typer(help=_("The tamper-evident record of every change."), no_args_is_help=True)

AUDIT_KEYS = ("seq", "occurred_at", "action", "actor", "data")
