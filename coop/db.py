"""Engine, sessions and schema version checks for SQLite (embedded default) and PostgreSQL.

The schema is created and changed only by Alembic (``migrate``). Every command opens one
``session_scope`` — one transaction, all or nothing.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Enum, MetaData, String, bindparam, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.exc import DatabaseError as DriverDatabaseError
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.sql.elements import ColumnElement

from coop.errors import CoopError, DatabaseError, PermissionDenied
from coop.i18n import _

DEFAULT_SQLITE_FILE = "coop.db"

# The newest migration; a test keeps it equal to the Alembic head, so checking a database's
# version costs one query and no Alembic import.
SCHEMA_HEAD = "0019_election_lists"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def string_enum(kind: type[enum.Enum], length: int = 20, name: str | None = None) -> Enum:
    """An enum stored as a string with a named CHECK constraint, the same on SQLite and PostgreSQL.

    ``name`` names the constraint; two columns of one enum in a table need two names.
    """
    return Enum(
        kind,
        native_enum=False,
        length=length,
        create_constraint=True,
        validate_strings=True,
        name=name or kind.__name__.lower(),
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def resolve_url(value: str | None = None) -> str:
    """``--db`` value, else ``COOP_DATABASE_URL``, else ``./coop.db``; plain paths mean SQLite files."""
    raw = value or os.environ.get("COOP_DATABASE_URL") or DEFAULT_SQLITE_FILE
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    return raw


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions start (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # A deleted row's bytes are overwritten with zeros, not left in a free page: the sealed
        # ballots erased at a close, and the order they were cast in, leave no trace in the file.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock at the start: a command that reads then writes can then never
        # fail half-way because another terminal wrote in between; others wait (busy_timeout).
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass
class Changes:
    """What this process did to its databases, so that a failure after the fact is told truthfully.

    A command whose output is lost once its transaction committed must not say "nothing was
    saved"; one that only read must not claim anything at all.
    """

    committed: bool = False  # a transaction that changed a database was committed
    discarded: bool = False  # a transaction that had changed one was rolled back


changes = Changes()

# Statements that change a database; everything else (SELECT, PRAGMA, BEGIN, SET, ...) only reads.
_CHANGING = (
    *("INSERT", "UPDATE", "DELETE", "REPLACE"),
    *("CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE"),
)


def forget_changes() -> None:
    """Start counting afresh (each command run in-process, as the tests do)."""
    changes.committed = changes.discarded = False


def _track_changes(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip()[:8].upper().startswith(_CHANGING):
            connection.info["coop_changed"] = True

    @event.listens_for(engine, "commit")
    def _on_commit(connection: Any) -> None:
        if connection.info.pop("coop_changed", False):
            changes.committed = True

    @event.listens_for(engine, "rollback")
    def _on_rollback(connection: Any) -> None:
        if connection.info.pop("coop_changed", False):
            changes.discarded = True


_engines: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """The one engine (and connection pool) per database URL in this process."""
    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = _create_engine(url)
        _track_changes(engine)
    return engine


def dispose_engines() -> None:
    """Close every pooled connection, so that each database sees its clients leave properly."""
    while _engines:
        _engines.popitem()[1].dispose()


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number (postgresql://[::1)
        raise DatabaseError(
            _(
                "'{url}' is not a database URL; give a file path or a URL like postgresql://user@host/dbname."
            ).format(url=url)
        ) from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 10})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise DatabaseError(
        _("Database type '{kind}' is not supported; use a SQLite file or a PostgreSQL URL.").format(
            kind=parsed.get_backend_name()
        )
    )


def describe(engine: Engine) -> str:
    """The database as a person would name it, without a password."""
    path = sqlite_path(str(engine.url))
    return str(path) if path else engine.url.render_as_string(hide_password=True)


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision stored in the database, or None if it has no coop schema."""
    path = sqlite_path(str(engine.url))
    if path is not None and not path.exists():
        return None
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as error:
        raise DatabaseError(
            _("Cannot open the database {db}: {reason}.").format(
                db=describe(engine), reason=str(error.orig).strip().splitlines()[0]
            )
        ) from None
    except DriverDatabaseError:  # SQLite reading a file that is something else (/etc/passwd)
        raise DatabaseError(
            _(
                "{db} is not a coop database, nor any SQLite database; check the path given with "
                "--db (coop init creates a new database only where no file is)."
            ).format(db=describe(engine))
        ) from None


def require_current_schema(engine: Engine) -> None:
    revision = current_revision(engine)
    if revision is None:
        raise DatabaseError(
            _(
                'There is no cooperative database at {db}; create it with: coop init --name "Cooperativa ..."'
            ).format(db=describe(engine))
        )
    if revision != SCHEMA_HEAD:
        raise DatabaseError(
            _(
                "The database at {db} is at schema version {current}, this coop needs {needed}; "
                "run: coop db upgrade"
            ).format(db=describe(engine), current=revision, needed=SCHEMA_HEAD)
        )


def migrate(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema with Alembic (imported only here)."""
    from alembic import command
    from alembic.config import Config

    from coop.resources import resource_dir

    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by building a new copy and dropping the old one (Alembic's batch
            # mode); with foreign keys enforced, dropping a table other rows refer to fails. They are
            # off for the upgrade (a PRAGMA outside the transaction, where it takes effect) and every
            # key is checked before the upgrade commits.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                try:
                    command.upgrade(config, revision)
                except DBAPIError as error:
                    _refuse_missing_createrole(error, connection)
                    raise
                if sqlite:
                    _refuse_broken_keys(connection)
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]


def _refuse_missing_createrole(error: DBAPIError, connection: Connection) -> None:
    """The upgrade creates coop's group roles on PostgreSQL; an owner who may not is told so."""
    if "coop needs CREATEROLE" not in str(error.orig):  # see coop.access.privileges.create_groups
        return
    login = connection.engine.url.username or "?"
    raise DatabaseError(
        _(
            "The upgrade was undone: it creates coop's group roles (coop_member, coop_secretary...) and "
            "the login {login} may not create roles; ask the server's administrator to run: "
            "ALTER ROLE {login} CREATEROLE"
        ).format(login=login)
    ) from None


def _refuse_broken_keys(connection: Connection) -> None:
    """An upgrade that left a row pointing at nothing is rolled back, with the first such row named."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        table, rowid, parent, _key = broken
        raise DatabaseError(
            _("The upgrade was undone: row {rowid} of {table} refers to a missing row of {parent}.").format(
                rowid=rowid, table=table, parent=parent
            )
        )


# Characters no stored text may hold: NUL (PostgreSQL refuses it, SQLite would keep it, so the
# database could never move) and the other control characters, terminal escapes among them, that
# would reach a terminal or a document when the text is printed. Tab and line breaks are text.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@event.listens_for(Session, "before_flush")
def _refuse_what_no_text_column_holds(session: Session, _context: Any, _instances: Any) -> None:
    """Every text about to be written is checked here, the same way on SQLite and PostgreSQL:
    a control character or a text longer than its column refuses the command in one sentence."""
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)  # only what was set or loaded: no query mid-flush
            if not isinstance(value, str):
                continue
            column_type = attribute.columns[0].type
            if not isinstance(column_type, String):
                continue
            check_text(value, attribute.key, column_type.length)


def check_text(value: str, field: str, limit: int | None = None) -> None:
    """Refuse a text a database column cannot hold alike on every database, in one sentence."""
    control = NOT_TEXT.search(value)
    if control is not None:
        raise CoopError(
            _(
                "The {field} given holds a control character ({character}), as a garbled file or a "
                "terminal escape does; remove it and try again."
            ).format(field=field.replace("_", " "), character=f"U+{ord(control.group()):04X}")
        )
    if limit is not None and len(value) > limit:
        raise CoopError(
            _(
                "The {field} given is {count} characters long, more than the {limit} it may have; shorten it."
            ).format(field=field.replace("_", " "), count=f"{len(value):,}", limit=f"{limit:,}")
        )


def in_values(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN (values)`` for a list of any length: the values are written into the statement
    rather than sent as parameters, of which PostgreSQL takes at most 65,535 (an import of 200,000
    members compares every number at once)."""
    return column.in_(bindparam(None, list(values), expanding=True, literal_execute=True))  # type: ignore[no-any-return]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends normally, rolled back on any error.

    The models a command imported are enough for its writes: see :mod:`coop.models` why.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException as error:
        session.rollback()
        refusal = privilege_refusal(error)
        if refusal is not None:
            raise refusal from None
        raise
    finally:
        session.close()


def privilege_refusal(error: BaseException) -> PermissionDenied | None:
    """PostgreSQL refusing a login what its group roles do not allow (SQLSTATE 42501), as a sentence.

    coop checks roles before it writes; this is what a person reads if the database is stricter
    than coop (a role the secretary has not granted in coop, a table the login's groups cannot touch).
    """
    if not isinstance(error, DBAPIError) or getattr(error.orig, "sqlstate", None) != "42501":
        return None
    detail = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
    return PermissionDenied(
        _(
            "The database refused this to your login ({detail}): your roles in the cooperative do not "
            "allow it; nothing was saved. Ask the secretary for the role it needs."
        ).format(detail=detail)
    )


Row = TypeVar("Row")


def get_by_number(
    session: Session,
    model: type[Row],
    reference: str | int,
    *,
    error: type[CoopError],
    missing: str,
    not_a_number: str | None = None,
) -> Row:
    """The ``model`` row numbered ``reference`` (``7`` or ``#7``, as people write it).

    Otherwise ``error`` with the sentence ``missing``, or ``not_a_number`` when the reference is
    no number at all (``missing`` too if not given); both may name the reference as ``{ref}``.
    """
    try:
        number = int(str(reference).strip().lstrip("#"))
    except ValueError:
        raise error((not_a_number or missing).format(ref=reference)) from None
    found = session.get(model, number)
    if found is None:
        raise error(missing.format(ref=reference))
    return found
