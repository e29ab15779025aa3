"""Editing a closed vote's rows behind coop's back, as the owner of the database can."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text


@contextmanager
def hostile(engine: Engine) -> Iterator[Connection]:
    """A connection that gets past the triggers, as the owner of the database can."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            names = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%closed_vote%'")
            ).scalars()
            for name in list(names):
                connection.execute(text(f'DROP TRIGGER "{name}"'))
        yield connection
