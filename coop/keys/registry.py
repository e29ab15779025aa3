"""The returning officers' public keys the database keeps, and making a new key.

A secret vote is sealed to the key in force when it opens (``votes.officer_key_id``); a new key
retires the previous one for the votes opened after it. The key's creation is in the audit chain
with its public half, so that replacing a key's row later is named by ``coop audit verify``.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from coop.audit import record_event
from coop.columns import Id, Name
from coop.db import Base
from coop.errors import KeyFileError
from coop.i18n import _
from coop.keys.material import (
    INTERACTIVE,
    OpenedKey,
    Strength,
    check_passphrase,
    key_file_text,
    new_key,
    open_key_file,
)

CREATED_ACTION = "coop.key.created"


class RegisteredKey(Base):
    """A returning officer's public key: ballots are sealed to it, checkpoints signed by it."""

    __tablename__ = "officer_keys"

    id: Mapped[Id]
    fingerprint: Mapped[str] = mapped_column(String(19), unique=True)
    public_key: Mapped[str] = mapped_column(String(44))
    holder: Mapped[Name]
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]


def key_in_force(session: Session) -> RegisteredKey | None:
    """The key new secret votes are sealed to, or None before the first is made."""
    return session.scalar(
        select(RegisteredKey).where(RegisteredKey.retired_at.is_(None)).order_by(RegisteredKey.id.desc())
    )


def list_keys(session: Session) -> list[RegisteredKey]:
    return list(session.scalars(select(RegisteredKey).order_by(RegisteredKey.id)))


def _write_new_file(path: Path, content: str) -> None:
    """Create ``path`` readable by its owner only; an existing file is never written over (a key
    lost that way would leave every vote sealed to it uncountable)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(
            _("{path} exists already and a key file is never written over; give a new file name.").format(
                path=path
            )
        ) from None
    except OSError as error:
        raise KeyFileError(
            _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(content)


def create_key(
    session: Session,
    *,
    out: Path,
    passphrase: str,
    holder: str,
    actor: str,
    now: datetime,
    strength: Strength = INTERACTIVE,
    key: OpenedKey | None = None,
) -> RegisteredKey:
    """Make a new key: its private half to ``out`` under ``passphrase``, its public half in force.

    ``key`` is for the demo only (a key made from its seeded generator); by default a new one."""
    holder = " ".join(holder.split())
    if not holder:
        raise KeyFileError(_('Say who holds the key: --holder "Junta electoral" or the officer\'s name.'))
    check_passphrase(passphrase)
    key = key or new_key()
    content = key_file_text(key, passphrase, holder=holder, strength=strength)
    for earlier in session.scalars(select(RegisteredKey).where(RegisteredKey.retired_at.is_(None))):
        earlier.retired_at = now
    registered = RegisteredKey(
        fingerprint=key.fingerprint, public_key=key.public_key, holder=holder, created_at=now
    )
    session.add(registered)
    session.flush()
    record_event(
        session,
        CREATED_ACTION,
        actor=actor,
        now=now,
        data={
            "key_id": registered.id,
            "fingerprint": key.fingerprint,
            "public_key": key.public_key,
            "holder": holder,
        },
    )
    _write_new_file(out, content)  # last: a refusal above leaves no file behind
    return registered


def open_registered(registered: RegisteredKey, path: Path, passphrase: str) -> OpenedKey:
    """The private half of ``registered`` from the officer's file, or one sentence saying which
    key the file holds instead."""
    opened = open_key_file(path, passphrase)
    if opened.public_key != registered.public_key:
        raise KeyFileError(
            _(
                "{path} holds key {found}, not key {wanted} of {holder} that this vote was sealed to; "
                "give that key's file."
            ).format(
                path=path, found=opened.fingerprint, wanted=registered.fingerprint, holder=registered.holder
            )
        )
    return opened
