"""Alembic environment: upgrades run on the connection coop hands over (see coop.db.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from coop.models import metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as fresh_connection:
        _configure(fresh_connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("coop migrations run online only: use coop db upgrade")
run_migrations_online()
