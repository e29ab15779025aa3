"""The demo cooperative: a believable ceramics plant, built through the same services users call."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

import coop.models  # noqa: F401  (every table registered before the sessions: see coop.models)
from coop import db
from coop.i18n import _, for_the_record
from coop.members import service
from coop.members.models import Role

COOPERATIVE_NAME = "Cooperativa Cerámica Núñez Ltda."

FIRST_NAMES = [
    "Ana",
    "Raúl",
    "María José",
    "Ignacio",
    "Lucía",
    "Andrés",
    "Sofía",
    "Martín",
    "Valentina",
    "Joaquín",
    "Camila",
    "Tomás",
    "Florencia",
    "Nicolás",
    "Agustina",
    "Julián",
    "Paula",
    "Matías",
    "Carolina",
    "Ramón",
    "Zofia",
    "Jan",
    "Graciela",
    "Héctor",
    "Inés",
    "Óscar",
    "Beatriz",
    "Ángel",
    "Noelia",
    "Iñaki",
]
LAST_NAMES = [
    "Núñez",
    "Łukasiewicz",
    "Fernández",
    "Gómez",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Romero",
    "Díaz",
    "Álvarez",
    "Muñoz",
    "Benítez",
    "Acuña",
    "Peña",
    "Ibáñez",
    "Castro",
    "Domínguez",
    "Ortiz",
    "Quiroga",
    "Sosa",
    "Ferreyra",
    "Giménez",
    "Herrera",
    "Medina",
    "Aguirre",
    "Ríos",
    "Villalba",
    "Cabrera",
    "Zárate",
    "Ojeda",
]
SECTIONS = ["Hornos", "Prensas", "Esmaltado", "Mantenimiento", "Logística", "Administración"]
DEMO_MEMBERS = 60


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
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    url = db.resolve_url(str(path))
    engine = db.engine_for(url)
    db.migrate(engine)
    rng = random.Random(20261125)
    lines = [_("Demo cooperative at {path}").format(path=path)]
    setup = service.Actor(None)
    with db.session_scope(engine) as session:
        service.set_up_cooperative(session, name=COOPERATIVE_NAME, language="es", now=now)
        founding = now - timedelta(days=365 * 3)
        secretary = service.add_member(
            session,
            actor=setup,
            now=founding,
            name="Ana Núñez",
            number="0001",
            section="Administración",
            joined_on=date(2019, 3, 1),
            roles=[Role.secretary],
        )
        secretary_actor = service.Actor(secretary)
        named = [
            ("Zofia Łukasiewicz", "Hornos", [Role.coordinator, Role.trainer]),
            ("Raúl Ibáñez", "Prensas", [Role.coordinator]),
            ("Inés Peña", "Esmaltado", [Role.trainer]),
            ("Óscar Muñoz", "Mantenimiento", [Role.trainer]),
        ]
        for index, (name, section, roles) in enumerate(named, start=2):
            service.add_member(
                session,
                actor=secretary_actor,
                now=founding,
                name=name,
                number=f"{index:04d}",
                section=section,
                joined_on=date(2019, 3, 1),
                roles=roles,
            )
        used = {"Ana Núñez", *(n for n, _s, _r in named)}
        number = len(named) + 2
        while number <= DEMO_MEMBERS:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name in used:
                continue
            used.add(name)
            joined = date(2019, 3, 1) + timedelta(days=rng.randrange(0, 365 * 6))
            service.add_member(
                session,
                actor=secretary_actor,
                now=founding,
                name=name,
                number=f"{number:04d}",
                section=rng.choice(SECTIONS),
                # Recorded at the founding: nobody can have joined later than that.
                joined_on=min(joined, founding.date()),
            )
            number += 1
        with for_the_record(session):  # the reason is stored: in the cooperative's language
            reason = _("Retired")
        service.deactivate_member(
            session,
            actor=secretary_actor,
            now=now - timedelta(days=40),
            reference=f"{DEMO_MEMBERS:04d}",
            reason=reason,
        )
        service.set_bylaw(
            session,
            actor=secretary_actor,
            now=founding,
            key="quorum",
            value="majority",
            article="Estatuto, art. 32",
        )
        service.set_bylaw(
            session,
            actor=secretary_actor,
            now=founding,
            key="proxy.max_per_holder",
            value="1",
            article="Estatuto, art. 34",
        )
        service.set_bylaw(
            session,
            actor=secretary_actor,
            now=founding,
            key="threshold.bylaws_amendment",
            value="two_thirds_cast",
            article="Estatuto, art. 40",
        )
        active = service.count_active_members(session)
        by_role = {role: len(service.list_members(session, role=role)) for role in Role}
    lines.append(
        _(
            "{count} active members ({inactive} deactivated), {coordinators} coordinators, "
            "{trainers} trainers, {secretaries} secretary"
        ).format(
            count=active,
            inactive=DEMO_MEMBERS - active,
            coordinators=by_role[Role.coordinator],
            trainers=by_role[Role.trainer],
            secretaries=by_role[Role.secretary],
        )
    )
    lines.append(_("Bylaws: quorum a majority of members; bylaw amendments need two thirds of votes cast."))
    with db.session_scope(engine) as session:
        lines += _demo_assemblies(session, now, rng)
    from coop.training.demo import build_training_demo, print_training_documents

    with db.session_scope(engine) as session:
        lines += build_training_demo(session, now=now, rng=rng)
    with db.session_scope(engine) as session:
        lines += print_training_documents(session, directory, on=now.date())
    from coop.plans.demo import build_plans_demo, print_plan_documents

    with db.session_scope(engine) as session:
        lines += build_plans_demo(session, now=now, rng=rng)
    with db.session_scope(engine) as session:
        lines += print_plan_documents(session, directory, on=now.date())
    from coop.assemblies.common import find_assembly
    from coop.assemblies.minutes import minutes_for_print
    from coop.reports.render import write_document

    with db.session_scope(engine) as session:
        minutes = minutes_for_print(session, find_assembly(session, 1))
    written = write_document(directory / "minutes-assembly-1.pdf", "minutes.html.j2", minutes=minutes)
    lines.append(_("Printed the approved minutes of assembly 1: {file}").format(file=written))
    from coop.assemblies.election_report import election_report
    from coop.assemblies.elections import find_election

    with db.session_scope(engine) as session:
        report = election_report(session, find_election(session, 1))
    written = write_document(directory / "election-1-results.pdf", "election_results.html.j2", report=report)
    lines.append(_("Printed the results of election 1: {file}").format(file=written))
    lines.append(_("Try: coop --db {path} member list").format(path=path))
    return lines


def _demo_election(
    session: Session, day: datetime, rng: random.Random, *, voters: list[str], assembly: str
) -> list[str]:
    """Assembly 2 elects a three-member council by single transferable vote."""
    from coop.assemblies import elections

    secretary = service.Actor(service.find_member(session, "0001"))
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
        voter = service.Actor(service.find_member(session, number))
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


def _demo_assemblies(session: Session, now: datetime, rng: random.Random) -> list[str]:
    """Assembly 1 decides four motions; assembly 2 approves its minutes."""
    from coop.assemblies import attendance, meetings, motion_votes, motions, objections
    from coop.assemblies.models import AssemblyKind
    from coop.votes.models import Choice, VoteMethod

    secretary = service.Actor(service.find_member(session, "0001"))
    day = (now - timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    assembly = meetings.open_assembly(
        session,
        actor=secretary,
        now=day,
        called_for=day,
        place="Comedor de la planta",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    active = [m.number for m in service.list_members(session) if m.number]
    arriving = active[:44]
    attendance.check_in(
        session,
        actor=secretary,
        now=day + timedelta(minutes=2),
        assembly=assembly,
        members=arriving[:40],
    )
    attendance.grant_proxy(
        session,
        actor=secretary,
        now=day,
        assembly=assembly,
        giver=active[50],
        holder="0005",
        document="Carta poder 2026-11",
    )
    attendance.check_in(
        session,
        actor=secretary,
        now=day + timedelta(minutes=25),
        assembly=assembly,
        members=arriving[40:],
    )

    def at(minutes: int) -> datetime:
        return day + timedelta(minutes=minutes)

    def roll_call(motion, yes: int, no: int, abstain: int, minute: int) -> None:  # type: ignore[no-untyped-def]
        voters = list(arriving)
        rng.shuffle(voters)
        choices = [Choice.yes] * yes + [Choice.no] * no + [Choice.abstain] * abstain
        for number, choice in zip(voters, choices, strict=False):
            motion_votes.cast_motion_vote(
                session, actor=secretary, now=at(minute), motion=motion, choice=choice, voter=number
            )

    # 1. An ordinary motion, amended before it is voted.
    kiln = motions.propose_motion(
        session,
        actor=secretary,
        now=at(30),
        assembly=assembly,
        title="Reparación del horno túnel",
        text="Destinar el fondo de reserva a reparar el horno túnel antes de fin de año.",
        kind="ordinary",
        proposer="0002",
    )
    motions.second_motion(session, actor=secretary, now=at(31), motion=kiln, seconder="0003")
    amendment = motions.amend_motion(
        session,
        actor=secretary,
        now=at(35),
        motion=kiln,
        title="Tope de gasto",
        text="Destinar hasta $ 4.500.000 del fondo de reserva a reparar el horno túnel antes de fin de año, "
        "con tres presupuestos.",
        proposer="0005",
    )
    motions.second_motion(session, actor=secretary, now=at(36), motion=amendment, seconder="0004")
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(40), motion=amendment, method=VoteMethod.show_of_hands
    )
    motion_votes.enter_hand_count(
        session,
        actor=secretary,
        now=at(42),
        motion=amendment,
        yes=31,
        no=8,
        abstain=6,
        tellers="Inés Peña, Óscar Muñoz",
    )
    motion_votes.close_motion_vote(session, actor=secretary, now=at(43), motion=amendment)
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(45), motion=kiln, method=VoteMethod.roll_call
    )
    roll_call(kiln, 33, 7, 4, 47)
    motion_votes.close_motion_vote(session, actor=secretary, now=at(55), motion=kiln)

    # 2. A decision by consent, with an objection that was resolved.
    shifts = motions.propose_motion(
        session,
        actor=secretary,
        now=at(60),
        assembly=assembly,
        title="Horario de verano",
        text="De diciembre a febrero el turno mañana empieza a las 6:00.",
        kind="consent",
        proposer="0004",
    )
    motion_votes.open_motion_vote(session, actor=secretary, now=at(61), motion=shifts)
    objection = objections.raise_objection(
        session,
        actor=secretary,
        now=at(63),
        motion=shifts,
        reason="No hay transporte público a esa hora.",
        member=arriving[12],
    )
    objections.resolve_objection(
        session,
        actor=secretary,
        now=at(70),
        objection_id=objection.id,
        resolution="La cooperativa contrata una combi para el turno mañana.",
    )
    motion_votes.close_motion_vote(session, actor=secretary, now=at(72), motion=shifts)

    # 3. A bylaw amendment that fails for lack of two thirds.
    bylaw = motions.propose_motion(
        session,
        actor=secretary,
        now=at(75),
        assembly=assembly,
        title="Reforma del artículo 34",
        text="Cada asociado podrá representar hasta dos ausentes mediante carta poder.",
        kind="bylaws_amendment",
        proposer="0003",
    )
    motions.second_motion(session, actor=secretary, now=at(76), motion=bylaw, seconder="0006")
    motion_votes.open_motion_vote(
        session, actor=secretary, now=at(80), motion=bylaw, method=VoteMethod.secret
    )
    voters = list(arriving)
    rng.shuffle(voters)
    for number, choice in zip(
        voters, [Choice.yes] * 24 + [Choice.no] * 15 + [Choice.abstain] * 3, strict=False
    ):
        voter = service.Actor(service.find_member(session, number))
        motion_votes.cast_motion_vote(session, actor=voter, now=at(85), motion=bylaw, choice=choice)
    motion_votes.close_motion_vote(session, actor=secretary, now=at(95), motion=bylaw)
    attendance.check_out(session, actor=secretary, now=at(100), assembly=assembly, members=arriving[-3:])
    meetings.close_assembly(session, actor=secretary, now=at(110), assembly=assembly)

    # Assembly 2 approves the minutes of assembly 1.
    second_day = (now - timedelta(days=2)).replace(hour=18, minute=0, second=0, microsecond=0)
    second = meetings.open_assembly(
        session,
        actor=secretary,
        now=second_day,
        called_for=second_day,
        place="Comedor de la planta",
        kind=AssemblyKind.ordinary,
        chair="0002",
        secretary="0001",
    )
    attendance.check_in(session, actor=secretary, now=second_day, assembly=second, members=active[:38])
    approval = motions.propose_motion(
        session,
        actor=secretary,
        now=second_day,
        assembly=second,
        title="Aprobación del acta anterior",
        text="Aprobar el acta de la asamblea ordinaria 1.",
        kind="minutes_approval",
        proposer="0001",
        minutes_of=str(assembly.id),
    )
    motion_votes.open_motion_vote(
        session, actor=secretary, now=second_day, motion=approval, method=VoteMethod.show_of_hands
    )
    motion_votes.enter_hand_count(
        session, actor=secretary, now=second_day, motion=approval, yes=35, no=0, abstain=3
    )
    motion_votes.close_motion_vote(session, actor=secretary, now=second_day, motion=approval)
    election_lines = _demo_election(session, second_day, rng, voters=active[:38], assembly=str(second.id))
    return [
        _(
            "Assembly 1: 44 members present and one proxy; an amended motion adopted by roll call, a consent "
            "decision with a resolved objection, a bylaw amendment not adopted for lack of two thirds."
        ),
        _("Assembly 2 (open): approved the minutes of assembly 1."),
        *election_lines,
    ]
