"""``c.keys``: the returning officer's key that seals secret ballots and signs the chain's checkpoints
(:mod:`coop.keys`). The private half never enters the database: it lives in a file under a passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coop.api.domain import Domain

if TYPE_CHECKING:
    from coop.keys.material import OpenedKey, Strength
    from coop.keys.views import KeyView

__all__ = ["Keys"]


class Keys(Domain):
    """Make the officer's key, list the keys made, open the officer's file to count or sign."""

    def create(
        self, out: str | Path, *, passphrase: str, holder: str, strength: Strength | None = None
    ) -> KeyView:
        """Make a new key in force: its private half to the new file ``out`` (never written over),
        encrypted with ``passphrase`` (10 characters or more); the secretary only.

        ``strength`` is Argon2id's cost (default :data:`coop.keys.material.INTERACTIVE`).
        Raises KeyFileError for an existing file, a short passphrase or a blank holder;
        PermissionDenied for a member who is not secretary.
        """
        from coop.i18n import _
        from coop.keys.material import INTERACTIVE
        from coop.keys.registry import create_key
        from coop.keys.views import key_view
        from coop.members.actors import require_role
        from coop.members.models import Role

        require_role(self.session, self.actor, Role.secretary, _("Making the returning officer's key"))
        row = create_key(
            self.session,
            out=Path(out),
            passphrase=passphrase,
            holder=holder,
            actor=self.actor.label,
            now=self.now,
            strength=strength or INTERACTIVE,
        )
        return key_view(row)

    def list(self) -> list[KeyView]:
        """Every key ever made, oldest first; the one in force has no retirement date."""
        from coop.keys.views import key_views

        return key_views(self.session)

    def open(self, path: str | Path, passphrase: str) -> OpenedKey:
        """The officer's private key from their file, if it is a key this cooperative made.

        Raises KeyFileError for a missing or foreign file, or a wrong passphrase.
        """
        from coop.errors import KeyFileError
        from coop.i18n import _
        from coop.keys.material import open_key_file
        from coop.keys.registry import list_keys

        opened = open_key_file(Path(path), passphrase)
        if not any(row.public_key == opened.public_key for row in list_keys(self.session)):
            raise KeyFileError(
                _("{path} holds key {fingerprint}, which this cooperative never made.").format(
                    path=path, fingerprint=opened.fingerprint
                )
            )
        return opened
