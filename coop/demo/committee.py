"""The demo's committee: assembly 2, still in session, elects its health and safety committee by Meek STV.

Three seats among six candidates, secret ranked ballots sealed to the electoral board's key, counted at
the close and printed as a results report with every round (keep factors, quota, surplus).
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from coop import db
from coop.api import Coop
from coop.i18n import _

COMMITTEE = "Comisión de higiene y seguridad"
CANDIDATES = ["0008", "0009", "0010", "0011", "0012", "0013"]
#: How strongly the plant leans to each candidate, and the two who are often ranked together.
POPULARITY = [9, 6, 5, 4, 3, 2]
SEED = 20261204  # the committee's own draw, so that adding it changes nothing else in the demo


def build_committee(engine: Engine, directory: Path, *, now: datetime) -> list[str]:
    """Elect the committee at assembly 2 (every member present votes) and print its results."""
    from coop.assemblies.attendance import present_member_ids
    from coop.demo.assemblies import KEY_FILE, KEY_PASSPHRASE
    from coop.demo.members import SECRETARY
    from coop.members.models import Member

    rng = random.Random(SEED)
    with db.session_scope(engine) as session:
        secretary = Coop(session, actor=SECRETARY, now=now)
        assembly = secretary.assemblies.find_assembly(2)
        present = present_member_ids(assembly)
        voters = sorted(
            number
            for number in session.scalars(select(Member.number).where(Member.id.in_(present)))
            if number is not None
        )
        election = secretary.elections.create_election(
            title=COMMITTEE, seats=3, rules="meek", candidates=CANDIDATES, assembly=2
        )
        secretary.elections.open_election(election)
        for number in voters:
            ranking = _ranking(rng)
            secretary.acting_as(number).elections.cast_election_ballot(election, ranking)
        key = secretary.keys.open(directory / KEY_FILE, KEY_PASSPHRASE)
        result = secretary.elections.close_election(election, officer_key=key)
        number = election.id
    with db.session_scope(engine) as session:
        written = Coop(session).elections.write_results(number, directory / f"election-{number}-results.pdf")
    return [
        _(
            "Election {id} at assembly 2: the {committee}, 3 seats by Meek STV; {ballots} ballots, "
            "{rounds} rounds; elected {winners}."
        ).format(
            id=number,
            committee=COMMITTEE,
            ballots=result["total_ballots"],
            rounds=len(result["rounds"]),
            winners=", ".join(result["winners"]),
        ),
        _("Printed the results of election {id}: {file}").format(id=number, file=written),
    ]


def _ranking(rng: random.Random) -> list[str]:
    """One voter's ranking: two to five candidates, drawn by popularity; the two safety delegates of the
    kilns (0008 and 0011) are often ranked one after the other, so surpluses travel between them."""
    pool = list(CANDIDATES)
    ranking: list[str] = []
    for _rank in range(rng.randint(2, 5)):
        choice = rng.choices(pool, weights=[POPULARITY[CANDIDATES.index(c)] for c in pool])[0]
        ranking.append(choice)
        pool.remove(choice)
        partner = {"0008": "0011", "0011": "0008"}.get(choice)
        if partner in pool and rng.random() < 0.6:
            ranking.append(partner)
            pool.remove(partner)
    return ranking
