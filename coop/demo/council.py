"""The demo's council elected by lists: three lists, five seats and three suplentes, by D'Hondt, with
voting codes (two members exchange their slips for paper ballots), closed with the electoral board's
key; the results printed into the demo's folder."""

from __future__ import annotations

import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.assemblies import ballots
from coop.demo.members import SECRETARY
from coop.i18n import _

# Each list: its name, then its 5 titulares and 3 suplentes taken in order from the active members.
LISTS = ("Lista 1 – Celeste", "Lista 2 – Verde", "Lista 3 – Naranja")
# What the ballots say, cast with codes: a list's number, or "" for a blank ballot.
CODED = {"1": 24, "2": 16, "3": 9, "": 2}
# Two paper ballots the tellers enter twice: one for Lista 2, one spoiled (nulo).
PAPER = ("Lista 2 – Verde", "nulo")


def build_council(
    session: Session, *, now: datetime, directory: Path, key_file: Path, passphrase: str
) -> list[str]:
    """Elect the council by lists the day before ``now`` and print its results."""
    day = (now - timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    secretary = Coop(session, actor=SECRETARY, now=day)
    active = [m.number for m in secretary.members.list_members() if m.number and m.active]
    # The statute names D'Hondt for the council; coop election create --council counts by it.
    secretary.bylaws.set_bylaw("election.council", "dhondt", article="Estatuto, art. 45")
    election = secretary.elections.create_list_election(
        title="Consejo de administración 2028 (por listas)",
        seats=5,
        alternates=3,
        rules=secretary.elections.council_rule(),
        threshold="3%",
    )
    for index, name in enumerate(LISTS):
        people = active[8 + index * 8 : 16 + index * 8]
        secretary.elections.add_list(election, name, titulares=people[:5], suplentes=people[5:])
    opening = secretary.at(day + timedelta(minutes=10))
    opening.elections.open_election(election)
    target = ballots.find_ballot_vote(session, f"election:{election.id}")
    issued = ballots.issue_slips(session, actor=opening.actor, now=opening.now, target=target)
    choices = [choice for choice, count in CODED.items() for _ in range(count)]
    random.Random(2028).shuffle(choices)  # the order members came to vote in
    slips = list(issued.slips)
    for slip, choice in zip(slips, choices, strict=False):
        ballots.cast_with_code(
            session,
            now=day + timedelta(minutes=30),
            target=target,
            code=slip.code,
            choices=[choice] if choice else [],
        )
    paper_slips = slips[len(choices) : len(choices) + len(PAPER)]
    for slip in paper_slips:
        ballots.cancel_slip(
            session, actor=opening.actor, now=opening.now, target=target, serial=slip.serial, for_paper=True
        )
    officer = secretary.at(day + timedelta(minutes=50))
    with tempfile.TemporaryDirectory() as folder:
        pile = Path(folder) / "pila-1.csv"
        pile.write_text("voto\n" + "".join(f"{line}\n" for line in PAPER), encoding="utf-8")
        for teller in ("0005", "0006"):
            officer.votes.enter_paper_ballots(f"election:{election.id}", pile, batch=1, teller=teller)
    officer.votes.accept_paper_ballots(f"election:{election.id}", batch=1)
    unused = [str(slip.serial) for slip in slips[len(choices) + len(PAPER) :]]
    if unused:
        ballots.return_slips(session, actor=officer.actor, now=officer.now, target=target, serials=unused)
    key = officer.keys.open(key_file, passphrase)
    result = secretary.at(day + timedelta(minutes=55)).elections.close_election(election, officer_key=key)
    written = secretary.elections.write_results(election, directory / f"election-{election.id}-results.pdf")
    seats = ", ".join(f"{item['name']} {item['seats']}" for item in result["lists"])
    return [
        _(
            "Election {id}: the council by lists (D'Hondt, 5 seats and 3 suplentes) with voting codes and "
            "two paper ballots: {ballots} ballots ({blank} blank, {void} void); seats {seats}."
        ).format(
            id=election.id,
            ballots=result["total_ballots"],
            blank=result["blank"],
            void=result["void"],
            seats=seats,
        ),
        _("Printed the results of election {id}: {file}").format(id=election.id, file=written),
    ]
