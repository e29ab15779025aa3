"""Minutes as a whole process: `coop minutes` for an assembly of 470 attendees and 12 motions.

Builds the assembly through the services, then times the command in fresh processes (median of
5) and reports peak memory. Goals: <= 1.5 s, and <= 1.0 s for a two-page minutes (40 attendees
and two motions, one of them by roll call, print on two pages; the page count is reported).

The command prints its PDF in a helper process while it reads the database (coop.reports.pdf);
peak memory is the larger of the two processes.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

RUNS = 5


def build(path: Path, attendees: int, motions: int) -> None:
    from coop import db
    from coop.assemblies.attendance import check_in
    from coop.assemblies.meetings import close_assembly, open_assembly
    from coop.assemblies.models import AssemblyKind
    from coop.assemblies.motion_votes import (
        cast_motion_vote,
        close_motion_vote,
        enter_hand_count,
        open_motion_vote,
    )
    from coop.assemblies.motions import propose_motion, second_motion
    from coop.members.actors import Actor
    from coop.members.cooperative import set_up_cooperative
    from coop.members.models import Role
    from coop.members.register import add_member
    from coop.votes.models import Choice, VoteMethod

    engine = db.engine_for(db.resolve_url(str(path)))
    db.migrate(engine)
    now = datetime(2026, 11, 25, 18, 0)
    with db.session_scope(engine) as session:
        set_up_cooperative(session, name="Cooperativa Cerámica Núñez", language="es", now=now)
        secretary = Actor(
            add_member(
                session,
                actor=Actor(None),
                now=now,
                name="Ana Núñez",
                number="0001",
                roles=[Role.secretary],
            )
        )
        for number in range(2, attendees + 31):
            add_member(
                session,
                actor=secretary,
                now=now,
                name=f"Socio Łukasiewicz Ibáñez {number}",
                number=f"{number:04d}",
            )
        assembly = open_assembly(
            session,
            actor=secretary,
            now=now,
            called_for=now,
            place="Comedor",
            kind=AssemblyKind.ordinary,
            chair="0002",
            secretary="0001",
        )
        present = [f"{n:04d}" for n in range(1, attendees + 1)]
        check_in(session, actor=secretary, now=now, assembly=assembly, members=present)
        for index in range(motions):
            motion = propose_motion(
                session,
                actor=secretary,
                now=now,
                assembly=assembly,
                title=f"Moción {index + 1}",
                text="Texto de la moción, con el detalle que la asamblea necesita para decidir. " * 3,
                kind="ordinary",
                proposer="0003",
            )
            second_motion(session, actor=secretary, now=now, motion=motion, seconder="0004")
            method = VoteMethod.roll_call if index == 0 else VoteMethod.show_of_hands
            open_motion_vote(
                session, actor=secretary, now=now + timedelta(minutes=index), motion=motion, method=method
            )
            if method is VoteMethod.roll_call:
                for position, number in enumerate(present):
                    cast_motion_vote(
                        session,
                        actor=secretary,
                        now=now,
                        motion=motion,
                        choice=Choice.yes if position % 4 else Choice.no,
                        voter=number,
                    )
            else:
                enter_hand_count(
                    session,
                    actor=secretary,
                    now=now,
                    motion=motion,
                    yes=attendees // 2 + 2,
                    no=attendees // 3,
                    abstain=2,
                )
            close_motion_vote(session, actor=secretary, now=now + timedelta(minutes=index + 1), motion=motion)
        close_assembly(session, actor=secretary, now=now + timedelta(hours=3), assembly=assembly)
    engine.dispose()


def measure(database: Path, out: Path) -> tuple[float, float, int]:
    coop = str(Path(sys.executable).with_name("coop"))
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [coop, "--db", str(database), "minutes", "1", "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        timings.append(time.perf_counter() - start)
        out.unlink()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    subprocess.run(
        [coop, "--db", str(database), "minutes", "1", "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pages = len(PdfReader(out).pages)
    return statistics.median(timings), peak_mb, pages


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder, "big.db"), Path(folder, "small.db")
        build(big, attendees=470, motions=12)
        build(small, attendees=40, motions=2)
        for label, database in (("470 attendees, 12 motions", big), ("40 attendees, 2 motions", small)):
            seconds, peak, pages = measure(database, Path(folder, "minutes.pdf"))
            print(
                f"coop minutes ({label}): {seconds:.2f} s median of {RUNS}, {pages} pages, "
                f"peak memory of the runs so far {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
