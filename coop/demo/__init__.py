"""The demo cooperative: a believable ceramics plant, built through the Python API users call.

It stands on top of the domains (it may import every one of them; none imports it). Where things live:

``members``           the cooperative, its 60 members and its bylaws
``assemblies``        assembly 1 (four motions) and assembly 2 (approves the minutes, holds the election)
``elections``         election 1: a three-member council by single transferable vote
``council``           election 2: the council by lists (D'Hondt, with suplentes), voting codes and paper
                      ballots
``committee``         election 3: the health and safety committee by Meek STV, with its results printed
``training``          the plant's training (its data in ``training_data``, its records in
                      ``training_records``)
``plans``             the production plan put to assembly 2 (its data in ``plans_data``)
``training_plan``     the training plan for the production plan's weeks, approved by assembly 2, followed
                      through (a planned session held)
``master``            a year of orders and forecast, three scenarios, assembly 2's choice
``documents``         the printed minutes and election results

``build_demo`` runs them in that order with one random generator, so every run makes the same records.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from coop import db
from coop.demo.assemblies import KEY_FILE, KEY_PASSPHRASE, build_assemblies
from coop.demo.committee import build_committee
from coop.demo.council import build_council
from coop.demo.documents import print_assembly_documents
from coop.demo.master import build_master_demo
from coop.demo.members import COOPERATIVE_NAME, build_members
from coop.demo.plans import build_plans_demo, print_plan_documents
from coop.demo.training import build_training_demo, print_training_documents
from coop.demo.training_plan import build_training_plan_demo
from coop.i18n import _


def demo_database_path(directory: Path) -> Path:
    return directory / "coop.db"


def _refuse_to_replace_records(path: Path) -> None:
    """The demo starts from scratch, so it may replace an earlier demo, never a cooperative's records."""
    from sqlalchemy import select

    from coop.errors import DatabaseError
    from coop.members.models import Cooperative

    if not path.exists():
        return
    engine = db.engine_for(db.resolve_url(str(path)))
    try:
        name = None
        if db.current_revision(engine) is not None:
            with db.session_scope(engine) as session:
                name = session.scalar(select(Cooperative.name).limit(1))
    except Exception:  # not a database coop can read: certainly not a demo to throw away
        raise DatabaseError(
            _(
                "{path} is not a demo database, and the demo would replace it; "
                "choose an empty folder with --dir."
            ).format(path=path)
        ) from None
    finally:
        engine.dispose()  # the file may be replaced next: no pooled connection may keep the old one
    if name is not None and name != COOPERATIVE_NAME:
        raise DatabaseError(
            _(
                "{path} holds the records of {name}, not the demo, and the demo would replace them; "
                "choose an empty folder with --dir."
            ).format(path=path, name=name)
        )


def build_demo(directory: Path, *, now: datetime) -> list[str]:
    """Create DIR/coop.db from scratch and return the lines that describe what was made.

    An earlier demo in DIR is replaced; any other database there is refused, never deleted.
    """
    directory.mkdir(parents=True, exist_ok=True)
    path = demo_database_path(directory)
    _refuse_to_replace_records(path)
    # The demo's own files: its database and the demo electoral board's key (a key file is never
    # written over, so the earlier demo's goes with its database).
    key_file = directory / KEY_FILE
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), key_file):
        leftover.unlink(missing_ok=True)
    url = db.resolve_url(str(path))
    engine = db.engine_for(url)
    db.migrate(engine)
    rng = random.Random(20261125)
    lines = [_("Demo cooperative at {path}").format(path=path)]
    with db.session_scope(engine) as session:
        lines += build_members(session, now=now, rng=rng)
    with db.session_scope(engine) as session:
        lines += build_assemblies(session, now=now, rng=rng, directory=directory)
    with db.session_scope(engine) as session:
        lines += build_council(
            session, now=now, directory=directory, key_file=key_file, passphrase=KEY_PASSPHRASE
        )
    with db.session_scope(engine) as session:
        lines += build_training_demo(session, now=now, rng=rng)
    with db.session_scope(engine) as session:
        lines += print_training_documents(session, directory, on=now.date())
    with db.session_scope(engine) as session:
        lines += build_plans_demo(session, now=now, rng=rng)
    with db.session_scope(engine) as session:
        lines += build_training_plan_demo(session, now=now)
    with db.session_scope(engine) as session:
        lines += build_master_demo(session, now=now)
    with db.session_scope(engine) as session:
        lines += print_plan_documents(session, directory, on=now.date())
    lines += print_assembly_documents(engine, directory, now=now)
    lines += build_committee(engine, directory, now=now)
    lines.append(_("Try: coop --db {path} member list").format(path=path))
    return lines
