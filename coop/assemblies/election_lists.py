"""Elections by lists (listas): the council elected as Argentine cooperatives elect it.

An election whose rules are a list rule (``dhondt``, ``sainte-lague``, ``lista-completa``,
``lista-incompleta``) has no candidates of its own: before it opens, lists are registered, each
with its titulares (who take the seats the list wins, in order) and its suplentes (alternates, in
their own order). A member votes for one list or leaves the ballot blank.

How a ballot is stored, and why: as the ranked ballots of every other election are, a JSON list
in ``secret_ballots.ranking`` (sealed to the returning officer's key like any other until the
close): the list's name as a one-item ranking (``["Lista 1 – Celeste"]``), a blank ballot as the
empty ranking ``[]``, and a void (nulo) paper ballot as no ranking at all (NULL), which is what
the ballot box, sealing, the paper entry and the closing record already count as ranked, blank
and invalid. Nothing new is stored with a ballot, so nothing new can lead back to a voter.

The count is :mod:`coop.assemblies.election_lists_count`; the rules are stored in
``Election.rules_json`` in the ``coop-list-rules/1`` format (method, seats, alternates, share,
threshold, seed), so that anyone can redo the count from the exported ballots.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.agenda import item_for_election, store_draft_election
from coop.assemblies.common import find_assembly
from coop.audit import canonical_json, record_change
from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.members.actors import Actor, find_member, require_role
from coop.members.models import Member, Role
from coop.votes.ballot_files.list_votes import parse_share, parse_threshold
from coop.votes.list_models import ElectionList, ElectionListMember, ListPlace
from coop.votes.lists import ListMethod, ListRules
from coop.votes.models import Election, ElectionStatus

LIST_RULES = tuple(method.value for method in ListMethod)
RULES_FORMAT = "coop-list-rules/1"


@dataclass(frozen=True)
class ElectionListRules:
    """A list election's counting rules: the seats and how they go to lists, and the alternates."""

    rules: ListRules
    alternates: int


def is_list_election(election: Election) -> bool:
    return election.rules_preset in LIST_RULES


def list_rules_of(election: Election) -> ElectionListRules:
    data = json.loads(election.rules_json)
    share = Fraction(data["share"])
    return ElectionListRules(
        rules=ListRules(
            method=ListMethod(data["method"]),
            seats=int(data["seats"]),
            share=share,
            threshold=Fraction(data["threshold"]),
            seed=int(data["seed"]),
        ),
        alternates=int(data["alternates"]),
    )


def list_rules_json(rules: ListRules, alternates: int) -> dict:
    return {
        "format": RULES_FORMAT,
        "method": rules.method.value,
        "seats": rules.seats,
        "alternates": alternates,
        "share": str(rules.share),
        "threshold": str(rules.threshold),
        "rounding": rules.rounding.value,
        "seed": rules.seed,
    }


def create_list_election(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    title: str,
    seats: int,
    rules: str,
    alternates: int = 0,
    share: str | None = None,
    threshold: str | None = None,
    assembly: str | None = None,
    agenda_item: int | None = None,
) -> Election:
    """Set up an election by lists; the lists are registered afterwards with :func:`add_list`."""
    require_role(session, actor, Role.secretary, _("Setting up an election"))
    if not title.strip():
        raise VoteError(_('An election needs a title: --title "Consejo de administración 2027".'))
    method = ListMethod(rules)
    if alternates < 0:
        raise VoteError(
            _("The number of alternates cannot be negative (it is {count}).").format(count=alternates)
        )
    if share is not None and method is not ListMethod.LISTA_INCOMPLETA:
        raise VoteError(_("--share is for lista-incompleta: the first list's share of the seats."))
    list_rules = ListRules(
        method=method,
        seats=seats,
        share=parse_share(share) if share is not None else Fraction(2, 3),
        threshold=parse_threshold(threshold) if threshold is not None else Fraction(0),
        seed=secrets.randbelow(2**31),
    )
    list_rules.check()
    if method is ListMethod.LISTA_INCOMPLETA and seats < 2:
        raise VoteError(_("Lista incompleta shares the seats between two lists: it needs at least 2 seats."))
    linked = find_assembly(session, assembly) if assembly is not None else None
    item = item_for_election(linked, agenda_item) if agenda_item is not None else None
    return store_draft_election(
        session,
        actor=actor,
        now=now,
        title=title,
        seats=seats,
        rules_preset=method.value,
        rules_json=canonical_json(list_rules_json(list_rules, alternates)),
        assembly=linked,
        item=item,
        details={
            "alternates": alternates,
            "rules": method.value,
            "share": str(list_rules.share) if method is ListMethod.LISTA_INCOMPLETA else None,
            "threshold": str(list_rules.threshold),
        },
    )


def election_lists(session: Session, election: Election) -> list[ElectionList]:
    """The lists of an election, in their order on the ballot."""
    return list(
        session.scalars(
            select(ElectionList)
            .where(ElectionList.election_id == election.id)
            .order_by(ElectionList.position)
        )
    )


def _require_list_election(election: Election) -> None:
    if not is_list_election(election):
        raise VoteError(
            _(
                "Election {id} is counted by {rules}, not by lists; lists are for elections created with "
                "--rules dhondt, sainte-lague, lista-completa or lista-incompleta."
            ).format(id=election.id, rules=election.rules_preset or "rules.json")
        )


def add_list(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    election: Election,
    name: str,
    titulares: Sequence[str],
    suplentes: Sequence[str] = (),
) -> ElectionList:
    """Register a list before the election opens: its titulares and suplentes in their order."""
    require_role(session, actor, Role.secretary, _("Registering a list"))
    _require_list_election(election)
    if election.status is not ElectionStatus.draft:
        raise VoteError(
            _("Election {id} is {status}; lists are registered before it opens.").format(
                id=election.id, status=vocabulary.label(election.status)
            )
        )
    clean = " ".join(name.split())
    if not clean:
        raise VoteError(_('A list needs a name: "Lista 1 – Celeste".'))
    existing = election_lists(session, election)
    if any(vocabulary.fold(known.name) == vocabulary.fold(clean) for known in existing):
        raise VoteError(
            _("Election {id} already has a list called {name}; give each list its own name.").format(
                id=election.id, name=clean
            )
        )
    if clean.isdigit():
        raise VoteError(
            _("A list's name cannot be a bare number ({name}): voters choose a list by its number.").format(
                name=clean
            )
        )
    rules = list_rules_of(election)
    people = [find_member(session, reference) for reference in [*titulares, *suplentes]]
    _check_people(session, election, people, existing)
    if len(titulares) < rules.rules.seats:
        raise VoteError(
            ngettext(
                "The list {name} has {count} titular for {seats} seats; a list presents a titular for "
                "every seat (--titulares).",
                "The list {name} has {count} titulares for {seats} seats; a list presents a titular for "
                "every seat (--titulares).",
                len(titulares),
            ).format(name=clean, count=len(titulares), seats=rules.rules.seats)
        )
    if len(suplentes) < rules.alternates:
        raise VoteError(
            ngettext(
                "The list {name} has {count} suplente for {alternates} alternates; a list presents a "
                "suplente for every alternate (--suplentes).",
                "The list {name} has {count} suplentes for {alternates} alternates; a list presents a "
                "suplente for every alternate (--suplentes).",
                len(suplentes),
            ).format(name=clean, count=len(suplentes), alternates=rules.alternates)
        )
    registered = ElectionList(
        election_id=election.id, name=clean, position=len(existing) + 1, registered_at=now
    )
    session.add(registered)
    session.flush()
    for place, group in (
        (ListPlace.titular, people[: len(titulares)]),
        (ListPlace.suplente, people[len(titulares) :]),
    ):
        for position, member in enumerate(group, start=1):
            session.add(
                ElectionListMember(
                    list_id=registered.id,
                    election_id=election.id,
                    member_id=member.id,
                    place=place,
                    position=position,
                )
            )
    session.flush()
    record_change(
        session,
        "coop.election_list.registered",
        actor,
        now,
        {
            "election_id": election.id,
            "list": clean,
            "number": registered.position,
            "titulares": [m.label for m in people[: len(titulares)]],
            "suplentes": [m.label for m in people[len(titulares) :]],
        },
    )
    return registered


def _check_people(
    session: Session, election: Election, people: list[Member], existing: list[ElectionList]
) -> None:
    for member in people:
        if not member.active:
            raise VoteError(
                _("{member} is not an active member and cannot stand on a list.").format(member=member.label)
            )
    seen: set[int] = set()
    for member in people:
        if member.id in seen:
            raise VoteError(
                _("{member} is named twice on this list; each member stands once.").format(
                    member=member.label
                )
            )
        seen.add(member.id)
    standing = {row.member_id: row.list.name for known in existing for row in known.members}
    for member in people:
        if member.id in standing:
            raise VoteError(
                _("{member} already stands on the list {list}; a member stands on one list only.").format(
                    member=member.label, list=standing[member.id]
                )
            )


@dataclass(frozen=True)
class ListPeople:
    """A list as the ballot and the results show it: its number, name, titulares and suplentes."""

    number: int
    name: str
    titulares: tuple[str, ...]
    suplentes: tuple[str, ...]

    def as_json(self) -> dict:
        return {
            "number": self.number,
            "name": self.name,
            "titulares": list(self.titulares),
            "suplentes": list(self.suplentes),
        }


def lists_with_people(session: Session, election: Election) -> list[ListPeople]:
    """Every list of the election with its people's labels (``Ana Núñez (#0004)``) in their order."""
    found = []
    for registered in election_lists(session, election):
        rows = sorted(registered.members, key=lambda row: row.position)
        labels = {row.member_id: session.get(Member, row.member_id) for row in rows}
        titulares, suplentes = (
            tuple(labels[row.member_id].label for row in rows if row.place is place)  # type: ignore[union-attr]
            for place in (ListPlace.titular, ListPlace.suplente)
        )
        found.append(ListPeople(registered.position, registered.name, titulares, suplentes))
    return found


def list_choice(session: Session, election: Election, choices: Sequence[str]) -> list[str]:
    """A list ballot as stored: ``[name]`` for the list chosen (by its name or its number on the
    ballot), ``[]`` for a blank ballot (no choice); more than one list is refused."""
    picked = [choice for choice in choices if choice.strip()]
    if not picked:
        return []
    lists = election_lists(session, election)
    if len(picked) > 1:
        raise VoteError(
            _("A ballot names one list, or none for a blank ballot; {count} were given.").format(
                count=len(picked)
            )
        )
    typed = picked[0].strip()
    for known in lists:
        if typed == str(known.position) or vocabulary.fold(typed) == vocabulary.fold(known.name):
            return [known.name]
    raise VoteError(
        _("There is no list {typed} in election {id}; the lists are: {lists}.").format(
            typed=typed,
            id=election.id,
            lists="; ".join(f"{known.position}. {known.name}" for known in lists),
        )
    )


def require_lists_to_open(session: Session, election: Election) -> None:
    """An election by lists opens with at least one list registered."""
    if is_list_election(election) and not election_lists(session, election):
        raise VoteError(
            _(
                "Election {id} has no lists yet; register them before it opens: coop election list-add {id} "
                '"Lista 1" --titulares ...'
            ).format(id=election.id)
        )


def council_rule(session: Session) -> str:
    """The rule the bylaws name for electing the council (``election.council``)."""
    from coop.members.bylaws_record import bylaws_in_force

    return bylaws_in_force(session)["election.council"].value
