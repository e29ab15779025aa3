"""The demo's assemblies: assembly 1 decides four motions; assembly 2, called with an agenda three
weeks ahead, approves its minutes and holds the election of :mod:`coop.demo.elections`."""

from __future__ import annotations

import hashlib
import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.assemblies.models import Assembly, Motion
from coop.demo.elections import build_election
from coop.demo.members import SECRETARY
from coop.i18n import _
from coop.keys.material import key_from_seed
from coop.keys.registry import create_key
from coop.votes.models import Choice, VoteMethod

# The electoral board's key file in the demo's folder, and its passphrase (a demo's, printed).
KEY_FILE = "junta-electoral.key"
KEY_PASSPHRASE = "demo junta electoral"

# Assembly 2's agenda (orden del día), as the secretary wrote it when she called it: (title, text,
# the kind of motion expected). The election is held under item 2, the plan decided under item 3.
SECOND_AGENDA = [
    ("Consideración del acta de la asamblea ordinaria 1", None, "minutes_approval"),
    (
        "Elección de tres miembros del consejo de administración",
        "Por voto secreto y preferencial; cuenta por voto único transferible.",
        None,
    ),
    (
        "Plan de producción del primer trimestre",
        "Propuesta de la coordinación, con su verificación de capacidad y materiales.",
        "plan_approval",
    ),
]


def build_assemblies(session: Session, *, now: datetime, rng: random.Random, directory: Path) -> list[str]:
    """Assembly 1 decides four motions; assembly 2, called with its agenda, approves its minutes."""
    day = (now - timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    # The plant's power failed that evening: the meeting was held on paper, and the secretary
    # entered it the next morning from her notes, each act with the time it really happened.
    secretary = Coop(session, actor=SECRETARY, now=day + timedelta(hours=15))
    active = [m.number for m in secretary.members.list_members() if m.number]
    arriving = active[:44]

    def at(minutes: int) -> datetime:
        """The moment ``minutes`` after the assembly was called for, as the secretary noted it."""
        return day + timedelta(minutes=minutes)

    assembly = open_demo_assembly(secretary, called_for=day)

    def propose(proposer: str, kind: str, title: str, text: str) -> Motion:
        return secretary.votes.propose_motion(assembly, title=title, text=text, kind=kind, proposer=proposer)

    def shuffled_choices(yes: int, no: int, abstain: int) -> list[tuple[str, Choice]]:
        voters = list(arriving)
        rng.shuffle(voters)
        choices = [Choice.yes] * yes + [Choice.no] * no + [Choice.abstain] * abstain
        return list(zip(voters, choices, strict=False))

    secretary.assemblies.record_arrivals(assembly, arriving[:40], at=at(2))
    secretary.assemblies.grant_proxy(
        assembly, giver=active[50], holder="0005", document="Carta poder 2026-11"
    )
    secretary.assemblies.record_arrivals(assembly, arriving[40:], at=at(25))

    # 1. An ordinary motion, amended before it is voted.
    kiln = propose(
        "0002",
        "ordinary",
        "Reparación del horno túnel",
        "Destinar el fondo de reserva a reparar el horno túnel antes de fin de año.",
    )
    secretary.votes.second_motion(kiln, seconder="0003")
    amendment = secretary.votes.amend_motion(
        kiln,
        title="Tope de gasto",
        text="Destinar hasta $ 4.500.000 del fondo de reserva a reparar el horno túnel antes de fin de año, "
        "con tres presupuestos.",
        proposer="0005",
    )
    secretary.votes.second_motion(amendment, seconder="0004")
    secretary.votes.open_motion_vote(amendment, method=VoteMethod.show_of_hands, at=at(40))
    secretary.votes.enter_hand_count(amendment, yes=31, no=8, abstain=6, tellers="Inés Peña, Óscar Muñoz")
    secretary.votes.close_motion_vote(amendment, at=at(43))
    secretary.votes.open_motion_vote(kiln, method=VoteMethod.roll_call, at=at(45))
    for number, choice in shuffled_choices(33, 7, 4):
        secretary.votes.cast_motion_vote(kiln, choice, voter=number)
    secretary.votes.close_motion_vote(kiln, at=at(55))

    # 2. A decision by consent, with an objection that was resolved.
    shifts = propose(
        "0004",
        "consent",
        "Horario de verano",
        "De diciembre a febrero el turno mañana empieza a las 6:00.",
    )
    secretary.votes.open_motion_vote(shifts, at=at(61))
    objection = secretary.votes.raise_objection(
        shifts, reason="No hay transporte público a esa hora.", member=arriving[12]
    )
    secretary.votes.resolve_objection(
        objection.id, resolution="La cooperativa contrata una combi para el turno mañana."
    )
    secretary.votes.close_motion_vote(shifts, at=at(72))

    # 3. A bylaw amendment that fails for lack of two thirds.
    bylaw = propose(
        "0003",
        "bylaws_amendment",
        "Reforma del artículo 34",
        "Cada asociado podrá representar hasta dos ausentes mediante carta poder.",
    )
    secretary.votes.second_motion(bylaw, seconder="0006")
    # Before the first secret vote, the electoral board's key: its ballots are sealed to it.
    # (made from a fixed seed, so that every run makes the same records)
    create_key(
        session,
        out=directory / KEY_FILE,
        passphrase=KEY_PASSPHRASE,
        holder="Junta electoral",
        actor=secretary.actor.label,
        now=secretary.now,
        key=key_from_seed(hashlib.sha256(b"coop demo: junta electoral").digest()),
    )
    key = secretary.keys.open(directory / KEY_FILE, KEY_PASSPHRASE)
    secretary.votes.open_motion_vote(bylaw, method=VoteMethod.secret, at=at(80))
    # A secret ballot on paper: the two tellers type the pile apart, and it counts once both agree.
    pile = [choice for _number, choice in shuffled_choices(24, 15, 3)]
    _count_paper_pile(secretary, f"motion:{bylaw.id}", pile, tellers=("0004", "0005"))
    secretary.votes.close_motion_vote(bylaw, at=at(95), officer_key=key)
    secretary.assemblies.check_out(assembly, arriving[-3:], at=at(100))
    secretary.assemblies.close_assembly(assembly, closed_at=at(110))

    # Assembly 2 is called 25 days ahead with its agenda (the notice goes up the same day), opened on
    # the day, and approves the minutes of assembly 1 under item 1.
    second_day = (now - timedelta(days=2)).replace(hour=18, minute=0, second=0, microsecond=0)
    calling = secretary.at(second_day - timedelta(days=25))
    called = calling.assemblies.call_assembly(
        called_for=second_day, place="Comedor de la planta", kind="ordinary", chair="0002"
    )
    for title, text, motion_kind in SECOND_AGENDA:
        calling.assemblies.add_agenda_item(called, title=title, text=text, motion_kind=motion_kind)
    secretary = secretary.at(second_day)
    second_assembly = secretary.assemblies.open_called_assembly(called)
    secretary.assemblies.record_arrivals(second_assembly, active[:38])
    approval = secretary.votes.propose_motion(
        second_assembly,
        title="Aprobación del acta anterior",
        text="Aprobar el acta de la asamblea ordinaria 1.",
        kind="minutes_approval",
        proposer="0001",
        minutes_of=str(assembly.id),
        item=1,
    )
    secretary.votes.open_motion_vote(approval, method=VoteMethod.show_of_hands)
    secretary.votes.enter_hand_count(approval, yes=35, no=0, abstain=3)
    secretary.votes.close_motion_vote(approval)
    election_lines = build_election(
        secretary,
        rng,
        voters=active[:38],
        assembly=second_assembly.id,
        agenda_item=2,
        directory=directory,
        officer_key=key,
    )
    return [
        _(
            "Assembly 1, entered the next morning from the secretary's notes with its real times: 44 "
            "members present and one proxy; an amended motion adopted by roll call, a consent decision "
            "with a resolved objection, a bylaw amendment not adopted for lack of two thirds in a secret "
            "vote on paper."
        ),
        _(
            "Assembly 2 (open): called 25 days ahead with a three-item agenda; approved the minutes of "
            "assembly 1."
        ),
        _(
            "The electoral board's key, which seals the secret ballots until the close: {file} "
            "(passphrase: {passphrase})."
        ).format(file=directory / KEY_FILE, passphrase=KEY_PASSPHRASE),
        *election_lines,
    ]


def _count_paper_pile(officer: Coop, vote: str, pile: list[Choice], *, tellers: tuple[str, str]) -> None:
    """Both tellers' entries of one pile of paper ballots (they agree), then the batch accepted."""
    words = {Choice.yes: "sí", Choice.no: "no", Choice.abstain: "abstención"}
    with tempfile.TemporaryDirectory() as folder:
        entry = Path(folder) / "pila-1.csv"
        entry.write_text("voto\n" + "".join(f"{words[choice]}\n" for choice in pile), encoding="utf-8")
        for teller in tellers:
            officer.votes.enter_paper_ballots(vote, entry, batch=1, teller=teller)
    officer.votes.accept_paper_ballots(vote, batch=1)


def open_demo_assembly(secretary: Coop, *, called_for: datetime | None = None) -> Assembly:
    """An ordinary assembly in the plant's dining room, chaired by 0002, called for ``called_for``
    (by default the secretary's moment) and opened at that time."""
    moment = called_for or secretary.now
    return secretary.assemblies.open_assembly(
        called_for=moment,
        place="Comedor de la planta",
        kind="ordinary",
        chair="0002",
        secretary=SECRETARY,
        opened_at=moment,
    )
