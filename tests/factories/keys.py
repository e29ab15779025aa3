"""The returning officer's key every test database has in force, so that secret votes open.

One fixed key (its seed written here) is registered in the migrated templates the tests copy
(see tests/conftest.py); a test that closes a secret vote passes :data:`TEST_KEY` to the API, or
gives the CLI :func:`test_key_file` with ``--key FILE --passphrase-stdin`` and :data:`PASSPHRASE`
on standard input. The file uses :data:`coop.keys.material.FASTEST`, to keep Argon2id cheap.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from nacl.signing import SigningKey
from sqlalchemy import Connection

from coop.keys.material import FASTEST, OpenedKey, key_file_text
from tests.factories.context import FIXED_NOW

PASSPHRASE = "una clave de prueba"
HOLDER = "Junta electoral"
TEST_KEY = OpenedKey(SigningKey(bytes(range(32))))


@cache
def test_key_file() -> Path:
    """The test key's file (written once per test process, under the passphrase above)."""
    path = Path(tempfile.mkdtemp(prefix="coop-test-key-")) / "junta-electoral.key"
    path.write_text(key_file_text(TEST_KEY, PASSPHRASE, holder=HOLDER, strength=FASTEST), encoding="utf-8")
    return path


def key_options() -> list[str]:
    """What a test adds to ``motion close`` or ``election close``: run it with ``input=key_input()``."""
    return ["--key", str(test_key_file()), "--passphrase-stdin"]


def key_input() -> str:
    return PASSPHRASE + "\n"


def register_test_key(connection: Connection) -> None:
    """Put the test key in force as ``coop ballot key create`` does: its row, and its making in the
    audit chain (the chain's first event), so that ``coop audit verify`` vouches for it."""
    from sqlalchemy.orm import Session

    from coop.audit import record_event
    from coop.keys.registry import CREATED_ACTION, RegisteredKey

    with Session(bind=connection) as session:
        row = RegisteredKey(
            fingerprint=TEST_KEY.fingerprint,
            public_key=TEST_KEY.public_key,
            holder=HOLDER,
            created_at=FIXED_NOW,
        )
        session.add(row)
        session.flush()
        record_event(
            session,
            CREATED_ACTION,
            actor=None,
            now=FIXED_NOW,
            data={
                "key_id": row.id,
                "fingerprint": TEST_KEY.fingerprint,
                "public_key": TEST_KEY.public_key,
                "holder": HOLDER,
            },
        )
        session.flush()
