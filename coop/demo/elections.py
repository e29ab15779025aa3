"""The demo's election: assembly 2 elects a three-member council by single transferable vote."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from coop.api import Coop
from coop.i18n import _
from coop.keys.material import OpenedKey


def build_election(
    secretary: Coop,
    rng: random.Random,
    *,
    voters: list[str],
    assembly: int,
    agenda_item: int,
    directory: Path,
    officer_key: OpenedKey,
) -> list[str]:
    """Assembly 2 elects a three-member council by single transferable vote under its agenda item
    (set up at the secretary's moment, opened 20 minutes later with a paper ballot printed for each
    member present, ballots at 25 minutes, counted at 50)."""
    day = secretary.now
    candidates = ["0002", "0003", "0004", "0005", "0006", "0007"]
    election = secretary.elections.create_election(
        title="Consejo de administración 2027",
        seats=3,
        rules="stv-droop",
        candidates=candidates,
        assembly=assembly,
        item=agenda_item,
    )
    opening = secretary.at(day + timedelta(minutes=20))
    opening.elections.open_election(election)
    ballots_file = opening.votes.write_paper_ballots(
        f"election:{election.id}", directory / f"paper-ballots-election-{election.id}.pdf", count=len(voters)
    )
    # Preferences lean towards some candidates, so the count takes several rounds.
    popularity = [6, 5, 4, 3, 2, 1]
    balloting = secretary.at(day + timedelta(minutes=25))
    for number in voters:
        pool = list(candidates)
        ranking = []
        for _rank in range(rng.randint(1, 4)):
            choice = rng.choices(pool, weights=[popularity[candidates.index(c)] for c in pool])[0]
            ranking.append(choice)
            pool.remove(choice)
        balloting.acting_as(number).elections.cast_election_ballot(election, ranking)
    # Counted with the electoral board's key, which opens the sealed ballots.
    result = secretary.at(day + timedelta(minutes=50)).elections.close_election(
        election, officer_key=officer_key
    )
    return [
        _("Printed {count} paper ballots for election {id}: {file}").format(
            count=len(voters), id=election.id, file=ballots_file
        ),
        _("Election 1 at assembly 2: {ballots} ballots, {rounds} rounds; elected {winners}.").format(
            ballots=result["total_ballots"],
            rounds=len(result["rounds"]),
            winners=", ".join(result["winners"]),
        ),
    ]
