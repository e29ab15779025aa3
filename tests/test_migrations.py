"""Alembic is the only way the schema changes: one head, models match, upgrades keep every row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, inspect, text

from coop import db
from coop.models import metadata
from coop.resources import resource_dir


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def test_single_head_equal_to_schema_head() -> None:
    heads = _script().get_heads()
    assert heads == [db.SCHEMA_HEAD]


def test_models_match_migrations(db_url: str) -> None:
    engine = db.engine_for(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_from_empty_and_downgrade_to_base(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(db.resolve_url(str(tmp_path / "fresh.db")))
    db.migrate(engine)
    assert db.current_revision(engine) == db.SCHEMA_HEAD
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


# Rows to put into a database left at each revision before the head, so the test below can
# check that upgrading from there keeps them. Every non-head revision needs an entry.
SEEDS: dict[str, Callable[[Connection], None]] = {}


def _seed_0001(connection: Connection) -> None:
    now = datetime(2025, 1, 1, 9, 0)
    connection.execute(
        text("INSERT INTO cooperative (id, name, language, created_at) VALUES (1, 'Vieja', 'es', :t)"),
        {"t": now},
    )
    for index in range(1, 31):
        connection.execute(
            text("INSERT INTO members (id, number, name, active, created_at) VALUES (:i, :n, :name, :a, :t)"),
            {"i": index, "n": f"{index:04d}", "name": f"Socio Núñez {index}", "a": index % 7 != 0, "t": now},
        )
        connection.execute(
            text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (:i, 'member', :t)"),
            {"i": index, "t": now},
        )
    connection.execute(
        text("INSERT INTO bylaws (key, value, article, changed_at) VALUES ('quorum', '1/3', 'Art. 32', :t)"),
        {"t": now},
    )


SEEDS["0001_foundation"] = _seed_0001


def _earlier_revisions() -> list[str]:
    revisions = [r.revision for r in _script().walk_revisions()]
    return [r for r in reversed(revisions) if r != db.SCHEMA_HEAD]


def test_every_earlier_revision_has_a_seed() -> None:
    assert set(_earlier_revisions()) <= set(SEEDS)


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_upgrade_populated_database_keeps_rows(tmp_path, revision: str) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(db.resolve_url(str(tmp_path / "old.db")))
    db.migrate(engine, revision)
    with engine.begin() as connection:
        for earlier in _earlier_revisions()[: _earlier_revisions().index(revision) + 1]:
            SEEDS[earlier](connection)
    before = _row_counts(engine)
    db.migrate(engine)
    after = _row_counts(engine)
    assert db.current_revision(engine) == db.SCHEMA_HEAD
    for table, count in before.items():
        assert after[table] >= count, f"{table} lost rows in the upgrade from {revision}"


def _row_counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        return {t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
