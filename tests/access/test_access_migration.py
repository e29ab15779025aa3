"""0009 on PostgreSQL: a populated database at 0007 upgrades without losing a row, gains the group
roles and their privileges, and the upgrade runs again (downgrade, upgrade) without complaint."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import inspect, text

from coop import db
from tests.conftest import PostgresServer
from tests.factories.context import FIXED_NOW
from tests.test_migrations import _config


@pytest.fixture
def empty_postgres(postgres_server: PostgresServer | None) -> Iterator[str]:
    if postgres_server is None:
        pytest.skip("no PostgreSQL reachable")
    name = f"coop_m_{uuid.uuid4().hex[:10]}"
    with postgres_server.admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = db.resolve_url(postgres_server.url_for(name))
    yield url
    db.engine_for(url).dispose()
    postgres_server.drop(name)


def _counts(url: str) -> dict[str, int]:
    with db.engine_for(url).connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        return {t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}


def _privilege(url: str, group: str, table: str, what: str) -> bool:
    with db.engine_for(url).connect() as connection:
        return bool(
            connection.execute(
                text("SELECT has_table_privilege(:group, :table, :what)"),
                {"group": group, "table": table, "what": what},
            ).scalar()
        )


def test_a_populated_database_upgrades_to_logins_and_privileges(empty_postgres: str) -> None:
    engine = db.engine_for(empty_postgres)
    db.migrate(engine, "0007_agenda")
    with engine.begin() as connection:  # rows as written at 0007 (today's services need 0009)
        connection.execute(
            text("INSERT INTO cooperative (id, name, language, created_at) VALUES (1, 'Vieja', 'es', :t)"),
            {"t": FIXED_NOW},
        )
        for number in range(1, 12):
            connection.execute(
                text(
                    "INSERT INTO members (id, number, name, active, created_at) VALUES (:i, :n, :m, true, :t)"
                ),
                {"i": number, "n": f"{number:04d}", "m": f"Socio {number}", "t": FIXED_NOW},
            )
            connection.execute(
                text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (:i, :r, :t)"),
                {"i": number, "r": "secretary" if number == 1 else "member", "t": FIXED_NOW},
            )
    before = _counts(empty_postgres)
    db.migrate(engine)
    after = _counts(empty_postgres)
    assert db.current_revision(engine) == db.SCHEMA_HEAD
    assert all(after[table] >= count for table, count in before.items())
    assert after["member_logins"] == 0
    assert _privilege(empty_postgres, "coop_member", "members", "SELECT")
    assert not _privilege(empty_postgres, "coop_member", "bylaws", "UPDATE")
    assert _privilege(empty_postgres, "coop_secretary", "bylaws", "UPDATE")
    assert _privilege(empty_postgres, "coop_trainer", "skill_assessments", "INSERT")
    assert not _privilege(empty_postgres, "coop_trainer", "members", "INSERT")
    assert _privilege(empty_postgres, "coop_coordinator", "plans", "UPDATE")
    assert _privilege(empty_postgres, "coop_teller", "paper_batch_entries", "INSERT")
    for group in ("coop_member", "coop_secretary", "coop_teller"):
        assert _privilege(empty_postgres, group, "audit_events", "INSERT")
        assert not _privilege(empty_postgres, group, "audit_events", "UPDATE")
        assert not _privilege(empty_postgres, group, "audit_events", "DELETE")
        assert not _privilege(empty_postgres, group, "secret_ballots", "UPDATE")
        assert not _privilege(empty_postgres, group, "member_logins", "INSERT")
    # Run again, as a later migration that adds tables would: the same privileges, no error.
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007_agenda")
    assert not _privilege(empty_postgres, "coop_secretary", "bylaws", "UPDATE")
    db.migrate(engine)
    assert _privilege(empty_postgres, "coop_secretary", "bylaws", "UPDATE")
    assert _counts(empty_postgres)["members"] == before["members"]
