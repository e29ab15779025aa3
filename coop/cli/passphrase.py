"""The returning officer's key file and its passphrase, as the commands that need them take them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coop.i18n import _

if TYPE_CHECKING:
    from coop.keys.material import OpenedKey

KeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--key",
        help=_("The returning officer's key file (made with coop ballot key create)."),
        show_default=False,
    ),
]
PassphraseStdinOption = Annotated[
    bool,
    typer.Option(
        "--passphrase-stdin",
        help=_("Read the key's passphrase from standard input instead of asking for it."),
    ),
]


def read_passphrase(from_stdin: bool, *, confirm: bool = False) -> str:
    """The passphrase from standard input's first line, else asked without echo (twice for a new key)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if confirm:
        return str(
            typer.prompt(
                _("Passphrase for the new key"),
                hide_input=True,
                confirmation_prompt=_("The same passphrase again"),
            )
        )
    return str(typer.prompt(_("Passphrase of the key"), hide_input=True))


def opened_key(path: Path | None, passphrase_stdin: bool) -> OpenedKey | None:
    """The officer's key opened from ``--key`` (the passphrase read and Argon2id run before the
    command's transaction starts), or None when no key file was given."""
    if path is None:
        return None
    from coop.keys.material import open_key_file

    return open_key_file(path, read_passphrase(passphrase_stdin))
