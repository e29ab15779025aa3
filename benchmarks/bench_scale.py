"""Scale on PostgreSQL beside SQLite: a member import of 200,000 and a million paper ballots.

1. ``coop member import`` of COOP_BENCH_MEMBERS members (200,000 by default) into a new cooperative,
   through the command a secretary types; once PostgreSQL failed it with "number of parameters must
   be between 0 and 65535". Timed on both backends.
2. COOP_BENCH_PAPER paper ballots (1,000,000 by default) entered by two tellers, compared and
   accepted into the ballot box, each step timed, on SQLite and PostgreSQL side by side.

PostgreSQL comes from COOP_BENCH_POSTGRES_URL, else postgres@127.0.0.1:5432 (a scratch database is
created and dropped for each part); without a server that backend is skipped with the reason.

Figures on 2026-12-05 (2 cores shared with other jobs): 200,000 members imported in 98.5 s on SQLite
and 129.7 s on PostgreSQL (before the import was batched: 607.6 s and 586.7 s). A million paper
ballots in 3.4 s on SQLite and 14.7 s on PostgreSQL (acceptance 13.8 s of it, the server's index
and foreign-key work: COPY measured the same; single-row inserts took 37.7 s).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ballots import ADMIN_URL, CAST_AT, _secret_motion

MEMBERS = int(os.environ.get("COOP_BENCH_MEMBERS", "200000"))
PAPER = int(os.environ.get("COOP_BENCH_PAPER", "1000000"))
# Which parts and which backends to run: a 200,000-member import takes minutes on each.
PARTS = os.environ.get("COOP_BENCH_PARTS", "members,paper").split(",")
BACKENDS = os.environ.get("COOP_BENCH_BACKENDS", "sqlite,postgresql").split(",")


@contextmanager
def scratch_postgres() -> Iterator[str | None]:
    """A new PostgreSQL database's URL, dropped afterwards; None (and why) when there is no server."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from coop import db

    admin = create_engine(db.resolve_url(ADMIN_URL), isolation_level="AUTOCOMMIT")
    name = f"coop_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"  PostgreSQL: skipped, no server at {ADMIN_URL} ({str(error).splitlines()[0]})")
        yield None
        return
    try:
        yield make_url(db.resolve_url(ADMIN_URL)).set(database=name).render_as_string(hide_password=False)
    finally:
        db.dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def on_both(folder: Path, label: str, run: Callable[[str], None]) -> None:
    if "sqlite" in BACKENDS:
        run(f"sqlite:///{folder / (label + '.db')}")
    if "postgresql" in BACKENDS:
        with scratch_postgres() as url:
            if url is not None:
                run(url)


def member_import(folder: Path) -> Callable[[str], None]:
    from typer.testing import CliRunner

    from coop.cli.main import app

    file = folder / "members.csv"
    with file.open("w", encoding="utf-8") as stream:
        stream.write("number,name,section,joined_on\n")
        for number in range(2, MEMBERS + 2):
            stream.write(f"{number:06d},Socia {number},Sección {number % 40},2020-03-01\n")
    runner = CliRunner()
    environment = {"COOP_NOW": "2026-11-25T08:00", "COOP_ACTOR": "", "COOP_LANG": "en"}

    def run(url: str) -> None:
        def coop(*args: str) -> None:
            result = runner.invoke(app, ["--db", url, *args], env=environment)
            assert result.exit_code == 0, result.output

        coop("init", "--name", "Cooperativa Grande")
        coop("member", "add", "Ana Núñez", "--number", "000001", "--role", "secretary")
        start = time.perf_counter()
        coop("--as", "000001", "member", "import", str(file))
        seconds = time.perf_counter() - start
        print(f"  {url.split(':')[0]:<20} {MEMBERS:,} members imported in {seconds:.1f} s", flush=True)

    return run


def paper_ballots(folder: Path) -> Callable[[str], None]:
    rng = random.Random(7)
    pile = rng.choices(["yes", "no", "abstain", "invalid"], weights=[50, 35, 12, 3], k=PAPER)
    path = folder / "batch.csv"
    path.write_text("choice\n" + "\n".join(pile) + "\n", encoding="utf-8")

    def run(url: str) -> None:
        from coop import db
        from coop.assemblies import ballots
        from coop.members.actors import resolve_actor

        _secret_motion(url, spares=0)
        engine = db.engine_for(url)
        steps: list[float] = []
        for teller in ("0011", "0012"):
            start = time.perf_counter()
            with db.session_scope(engine) as session:
                target = ballots.find_ballot_vote(session, "motion:1")
                ballots.enter_paper(
                    session,
                    actor=resolve_actor(session, teller),
                    now=CAST_AT,
                    target=target,
                    batch=1,
                    teller=teller,
                    path=path,
                )
            steps.append(time.perf_counter() - start)
        start = time.perf_counter()
        with db.session_scope(engine) as session:
            target = ballots.find_ballot_vote(session, "motion:1")
            added = ballots.accept_paper(
                session, actor=resolve_actor(session, "0001"), now=CAST_AT, target=target, batch=1
            )
        steps.append(time.perf_counter() - start)
        assert added == PAPER
        print(
            f"  {url.split(':')[0]:<20} {PAPER:,} ballots in {sum(steps):.1f} s "
            f"(entries {steps[0]:.1f} s + {steps[1]:.1f} s, comparison and acceptance {steps[2]:.1f} s)",
            flush=True,
        )

    return run


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if "members" in PARTS:
            print(f"member import of {MEMBERS:,} members (coop member import):")
            on_both(folder, "members", member_import(folder))
        if "paper" in PARTS:
            print(f"paper ballots, {PAPER:,} entered by two tellers and accepted:")
            on_both(folder, "paper", paper_ballots(folder))


if __name__ == "__main__":
    main()
