"""Online backups: SQLite's backup API, or pg_dump for PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import Engine

from coop.db import sqlite_path
from coop.errors import DatabaseError
from coop.i18n import _


def pg_dump_command(engine: Engine, pg_dump: str, *, partial: Path) -> tuple[list[str], dict[str, str]]:
    """pg_dump's command line and environment: the password travels in the environment
    (``PGPASSWORD``), never on the command line, where every user of the machine could read it."""
    url = engine.url.set(drivername="postgresql")
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
        url = url._replace(password=None)  # URL.set() cannot unset a field
    return [
        pg_dump,
        "--format=custom",
        f"--file={partial}",
        url.render_as_string(hide_password=False),
    ], environment


def back_up(engine: Engine, target: Path) -> Path:
    target = target.expanduser().resolve()
    if target.exists():
        raise DatabaseError(
            _("{file} already exists; choose a new file name so no backup is overwritten.").format(
                file=target
            )
        )
    if not target.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=target.parent))
    source = sqlite_path(str(engine.url))
    if engine.dialect.name == "sqlite" and source is not None:
        partial = target.with_name(target.name + ".partial")
        with sqlite3.connect(source) as live, sqlite3.connect(partial) as copy:
            live.backup(copy)  # consistent even while other terminals write
        partial.rename(target)
        return target
    if engine.dialect.name == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise DatabaseError(
                _(
                    "Backing up PostgreSQL needs pg_dump, which is not installed here; install the "
                    "PostgreSQL client tools (Debian: postgresql-client) and try again."
                )
            )
        command, environment = pg_dump_command(
            engine, pg_dump, partial=target.with_name(target.name + ".partial")
        )
        partial = target.with_name(target.name + ".partial")
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise DatabaseError(
                _("pg_dump failed: {reason}").format(
                    reason=result.stderr.strip().splitlines()[-1]
                    if result.stderr.strip()
                    else result.returncode
                )
            )
        partial.rename(target)
        return target
    raise DatabaseError(_("Backups of {kind} databases are not supported.").format(kind=engine.dialect.name))
