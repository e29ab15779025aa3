"""Elections as commands show them: a frozen view with one ``as_json()``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from coop.i18n import N_
from coop.views import View

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.votes.models import Election, ElectionRules, ElectionStatus


@dataclass(frozen=True)
class ElectionView(View):
    """One election: its candidates, turnout and, once counted, who was elected."""

    headings: ClassVar[Mapping[str, str]] = {
        "id": "#",
        "title": N_("Title"),
        "seats": N_("Seats"),
        "rules": N_("Rules"),
        "assembly_id": N_("Assembly"),
        "status": N_("Status"),
        "candidates": N_("Candidates"),
        "ballots_cast": N_("Ballots"),
        "eligible": N_("Eligible voters"),
        "winners": N_("Elected"),
        "result_hash": N_("Result fingerprint"),
    }

    id: int
    title: str
    seats: int
    rules: ElectionRules
    assembly_id: int | None
    status: ElectionStatus
    candidates: tuple[str, ...]
    ballots_cast: int
    eligible: int
    winners: tuple[str, ...] | None
    result_hash: str | None


def election_view(session: Session, election: Election) -> ElectionView:
    """The view of one election (its winners read from the stored, hash-checked result)."""
    from coop.assemblies.election_lists import election_lists
    from coop.assemblies.elections import eligible_voters, official_result
    from coop.votes.ballot_box import ballots_in_box
    from coop.votes.models import ElectionRules

    return ElectionView.copied(
        election,
        rules=ElectionRules(election.rules_preset or "file"),
        candidates=tuple(c.name for c in election.candidates)
        or tuple(found.name for found in election_lists(session, election)),  # an election by lists
        ballots_cast=ballots_in_box(session, election.vote.id) if election.vote else 0,
        eligible=eligible_voters(session, election),
        winners=tuple(official_result(election)["winners"]) if election.result_json is not None else None,
    )


def list_elections(session: Session) -> list[ElectionView]:
    """Every election, oldest first."""
    from coop.assemblies.elections import list_elections as elections_in_order

    return [election_view(session, election) for election in elections_in_order(session)]
