"""The demo's election: assembly 2 elects a three-member council by single transferable vote."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coop.assemblies import elections
from coop.i18n import _
from coop.members.actors import Actor, find_member


def build_election(
    session: Session, day: datetime, rng: random.Random, *, voters: list[str], assembly: str
) -> list[str]:
    """Assembly 2 elects a three-member council by single transferable vote."""
    secretary = Actor(find_member(session, "0001"))
    candidates = ["0002", "0003", "0004", "0005", "0006", "0007"]
    election = elections.create_election(
        session,
        actor=secretary,
        now=day,
        title="Consejo de administración 2027",
        seats=3,
        rules="stv-droop",
        candidates=candidates,
        assembly=assembly,
    )
    elections.open_election(session, actor=secretary, now=day + timedelta(minutes=20), election=election)
    # Preferences lean towards some candidates, so the count takes several rounds.
    popularity = [6, 5, 4, 3, 2, 1]
    for number in voters:
        pool = list(candidates)
        ranking = []
        for _rank in range(rng.randint(1, 4)):
            choice = rng.choices(pool, weights=[popularity[candidates.index(c)] for c in pool])[0]
            ranking.append(choice)
            pool.remove(choice)
        voter = Actor(find_member(session, number))
        elections.cast_election_ballot(
            session, actor=voter, now=day + timedelta(minutes=25), election=election, ranking=ranking
        )
    result = elections.close_election(
        session, actor=secretary, now=day + timedelta(minutes=50), election=election
    )
    return [
        _("Election 1 at assembly 2: {ballots} ballots, {rounds} rounds; elected {winners}.").format(
            ballots=result["total_ballots"],
            rounds=len(result["rounds"]),
            winners=", ".join(result["winners"]),
        )
    ]
