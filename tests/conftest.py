"""Shared fixtures: a fresh, migrated database per test on SQLite and on a real PostgreSQL.

PostgreSQL comes from COOP_TEST_POSTGRES_URL, else postgres@127.0.0.1:5432. Each test session
creates its own template database (migrated once) and gives every test a copy made from it,
dropped afterwards. PostgreSQL tests are skipped, with the reason, only when no server answers.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from coop import db
from coop.members.cooperative import set_up_cooperative
from tests.factories.context import FIXED_NOW, REPO_ROOT  # noqa: F401  (REPO_ROOT: for older imports)
from tests.factories.keys import register_test_key
from tests.factories.meetings import Meeting, open_meeting
from tests.factories.programs import Cli

# Property tests check rules, not speed: on a loaded machine (two workers, CI) an example may take
# longer than Hypothesis's default 200 ms deadline, which would fail a correct rule.
settings.register_profile("coop", deadline=None)
settings.load_profile("coop")

POSTGRES_ADMIN_URL = os.environ.get(
    "COOP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _admin_engine() -> Engine:
    return create_engine(db.resolve_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _postgres_reason() -> str | None:
    try:
        with _admin_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means: no server to test against
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            f"no PostgreSQL reachable at {make_url(db.resolve_url(POSTGRES_ADMIN_URL)).render_as_string()}: "
            f"{first_line}"
        )
    return None


@dataclass
class PostgresServer:
    admin: Engine
    template: str
    session_id: str

    def url_for(self, database: str) -> str:
        return (
            make_url(db.resolve_url(POSTGRES_ADMIN_URL))
            .set(database=database)
            .render_as_string(hide_password=False)
        )

    def fresh_database(self, *, bare: bool = False) -> str:
        name = f"coop_t_{self.session_id}_{uuid.uuid4().hex[:8]}"
        template = f"{self.template}_bare" if bare else self.template
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return name

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    reason = _postgres_reason()
    if reason is not None:
        if os.environ.get("COOP_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"COOP_REQUIRE_POSTGRES is set but {reason}")
        yield None
        return
    admin = _admin_engine()
    session_id = uuid.uuid4().hex[:8]
    server = PostgresServer(admin=admin, template=f"coop_tpl_{session_id}", session_id=session_id)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{server.template}"'))
    template_engine = create_engine(db.resolve_url(server.url_for(server.template)))
    db.migrate(template_engine)
    template_engine.dispose()
    # A copy before the key is made, for tests that read the audit chain from its first event.
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{server.template}_bare" TEMPLATE "{server.template}"'))
    template_engine = create_engine(db.resolve_url(server.url_for(server.template)))
    with template_engine.begin() as connection:
        register_test_key(connection)
    template_engine.dispose()
    yield server
    server.drop(server.template)
    server.drop(f"{server.template}_bare")
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = db.engine_for(db.resolve_url(str(path)))
    db.migrate(engine)
    engine.dispose()  # closing the last connection folds the WAL into the file we copy
    # A copy before the key is made, for tests that read the audit chain from its first event.
    shutil.copyfile(path, path.with_name("bare.db"))
    engine = db.engine_for(db.resolve_url(str(path)))
    with engine.begin() as connection:
        register_test_key(connection)
    engine.dispose()
    return path


def _sqlite_database(template: Path, path: Path) -> Iterator[str]:
    """A copy of the migrated template at ``path`` for one test."""
    shutil.copyfile(template, path)
    url = db.resolve_url(str(path))
    yield url
    db.engine_for(url).dispose()


def _postgres_database(server: PostgresServer | None, *, bare: bool = False) -> Iterator[str]:
    """A fresh copy of the migrated template for one test, dropped afterwards (skips with no server)."""
    if server is None:
        pytest.skip(_postgres_reason() or "no PostgreSQL reachable")
    name = server.fresh_database(bare=bare)
    url = db.resolve_url(server.url_for(name))
    yield url
    db.engine_for(url).dispose()
    server.drop(name)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_server: PostgresServer | None,
) -> Iterator[str]:
    """URL of a fresh database at the current schema, with nothing in it but the returning officer's
    test key (tests/factories/keys.py); ``@pytest.mark.no_officer_key`` gives one without it, whose
    audit chain is empty."""
    bare = request.node.get_closest_marker("no_officer_key") is not None
    if request.param == "sqlite":
        template = sqlite_template.with_name("bare.db") if bare else sqlite_template
        yield from _sqlite_database(template, tmp_path / "coop.db")
    else:
        yield from _postgres_database(postgres_server, bare=bare)


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    yield from _sqlite_database(sqlite_template, tmp_path / "second.db")


@pytest.fixture
def postgres_url(postgres_server: PostgresServer | None) -> Iterator[str]:
    yield from _postgres_database(postgres_server)


@pytest.fixture
def engine(db_url: str) -> Engine:
    return db.engine_for(db_url)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session in one open transaction, committed at the end of the test like a command."""
    with db.session_scope(engine) as session:
        yield session


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def cli(db_url: str) -> Cli:
    with db.session_scope(db.engine_for(db_url)) as session:
        set_up_cooperative(session, name="Cooperativa de Prueba", language="en", now=FIXED_NOW)
    return Cli(db_url)


@pytest.fixture
def meeting(session: Session, now: datetime) -> Meeting:
    """A cooperative of 45 members with an ordinary assembly open (see tests.factories.meetings)."""
    return open_meeting(session, now)
