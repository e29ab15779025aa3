"""The demo cooperative: a believable ceramics plant, built through the same services users call."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from coop import db
from coop.i18n import _
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


def build_demo(directory: Path, *, now: datetime) -> list[str]:
    """Create DIR/coop.db from scratch and return the lines that describe what was made."""
    directory.mkdir(parents=True, exist_ok=True)
    path = demo_database_path(directory)
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
                joined_on=min(joined, now.date()),
            )
            number += 1
        service.deactivate_member(
            session,
            actor=secretary_actor,
            now=now - timedelta(days=40),
            reference=f"{DEMO_MEMBERS:04d}",
            reason=_("Retired"),
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
    lines.append(_("Try: coop --db {path} member list").format(path=path))
    return lines
