"""A password is checked: a throw-away PostgreSQL cluster that asks every client for a SCRAM
password (``initdb --auth=scram-sha-256``) lets a member's login in with its password only.

The server of the other tests trusts every local client, so it cannot show that. This one runs
on a free port in a temporary folder and is stopped and removed at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from coop import db
from coop.access.logins import grant_login
from coop.errors import DatabaseError
from coop.members.actors import Actor
from coop.members.cooperative import set_up_cooperative
from coop.members.models import Role
from coop.members.register import add_member
from tests.factories.context import FIXED_NOW

OWNER_PASSWORD = "propietaria-de-la-base"
MEMBER_PASSWORD = "hornos-de-esmalte-2026"


def _initdb() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb") or ""]
    return Path(found[-1]) if found[-1] else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def scram_server() -> Iterator[str]:
    """The URL (as its owner) of a new cluster that checks passwords with SCRAM-SHA-256."""
    initdb = _initdb()
    if initdb is None:
        pytest.skip("initdb is not installed (looked under /usr/lib/postgresql/*/bin and on PATH)")
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="coop-scram-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as the postgres user
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder)
            pytest.skip("running as root and there is no postgres user to run a server as")
        os.chown(folder, account.pw_uid, account.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    bin_dir = initdb.parent
    data = folder / "data"
    password_file = folder / "owner-password"
    password_file.write_text(OWNER_PASSWORD + "\n")
    if run_as:
        os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
    port = _free_port()
    subprocess.run(
        [
            *run_as,
            str(initdb),
            "-D",
            str(data),
            "--auth=scram-sha-256",
            "-U",
            "owner",
            f"--pwfile={password_file}",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    log = folder / "server.log"
    subprocess.run(
        [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        admin = create_engine(
            f"postgresql+psycopg://owner:{OWNER_PASSWORD}@127.0.0.1:{port}/postgres",
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as connection:
            # The cooperative's owner is no superuser: CREATEROLE is all it needs for logins.
            connection.execute(text(f"CREATE ROLE keeper LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'"))
            connection.execute(text("CREATE DATABASE coop OWNER keeper"))
            connection.execute(text(f"CREATE ROLE plain LOGIN PASSWORD '{OWNER_PASSWORD}'"))
            connection.execute(text("CREATE DATABASE other OWNER plain"))
        admin.dispose()
        yield f"postgresql+psycopg://keeper:{OWNER_PASSWORD}@127.0.0.1:{port}/coop"
    finally:
        db.dispose_engines()
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_a_login_connects_with_its_password_only(scram_server: str) -> None:
    """Set up by an owner that is no superuser, as a shared deployment should be; an owner that
    may not create roles is told what it lacks, before the group roles exist."""
    plain = db.engine_for(scram_server.replace("keeper:", "plain:").replace("/coop", "/other"))
    with pytest.raises(DatabaseError, match="the login plain may not create roles"):
        db.migrate(plain)
    assert db.current_revision(plain) is None  # undone: nothing half-made
    engine = db.engine_for(scram_server)
    db.migrate(engine)
    with db.session_scope(engine) as session:
        set_up_cooperative(session, name="Cooperativa de Prueba", language="en", now=FIXED_NOW)
        add_member(
            session, actor=Actor(None), now=FIXED_NOW, name="Ana Núñez", number="0001", roles=[Role.secretary]
        )
        grant_login(session, now=FIXED_NOW, reference="0001", login="ana_nunez", password=MEMBER_PASSWORD)
    superuser = scram_server.replace(f"keeper:{OWNER_PASSWORD}", f"owner:{OWNER_PASSWORD}")
    with create_engine(superuser).connect() as connection:
        stored = connection.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'ana_nunez'")
        ).scalar()
    assert stored.startswith("SCRAM-SHA-256$") and MEMBER_PASSWORD not in stored
    right = create_engine(scram_server.replace(f"keeper:{OWNER_PASSWORD}", f"ana_nunez:{MEMBER_PASSWORD}"))
    with right.connect() as connection:
        assert connection.execute(text("SELECT current_user")).scalar() == "ana_nunez"
        assert connection.execute(text("SELECT pg_has_role('coop_secretary', 'MEMBER')")).scalar()
    right.dispose()
    wrong = create_engine(
        scram_server.replace(f"keeper:{OWNER_PASSWORD}", "ana_nunez:hornos-de-esmalte-2025")
    )
    with pytest.raises(OperationalError, match="password authentication failed"):
        wrong.connect()
    wrong.dispose()
