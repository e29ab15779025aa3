"""The demo cooperative's members and bylaws: a secretary, four named coordinators and trainers,
and the others drawn at random (the same draw on every run) into the plant's six sections."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from coop.api import Coop
from coop.i18n import _, for_the_record
from coop.members.cooperative import set_up_cooperative
from coop.members.models import Role

COOPERATIVE_NAME = "Cooperativa Cerámica Núñez Ltda."
SECRETARY = "0001"  # Ana Núñez, who records the assemblies and the training

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
# The bylaws set at the founding, in this order: (key, value, the article of the statute).
BYLAWS = [
    ("quorum", "majority", "Estatuto, art. 32"),
    ("proxy.max_per_holder", "1", "Estatuto, art. 34"),
    ("threshold.bylaws_amendment", "two_thirds_cast", "Estatuto, art. 40"),
]


def build_members(session: Session, *, now: datetime, rng: random.Random) -> list[str]:
    """Set up the cooperative, its members and bylaws; return the lines that describe them."""
    set_up_cooperative(session, name=COOPERATIVE_NAME, language="es", now=now)
    founding = now - timedelta(days=365 * 3)
    # Nobody acts yet: the first member, the secretary, is being added.
    Coop(session, now=founding).members.add_member(
        "Ana Núñez",
        number="0001",
        section="Administración",
        joined_on=date(2019, 3, 1),
        roles=[Role.secretary],
    )
    secretary = Coop(session, actor=SECRETARY, now=founding)
    named = [
        ("Zofia Łukasiewicz", "Hornos", [Role.coordinator, Role.trainer]),
        ("Raúl Ibáñez", "Prensas", [Role.coordinator]),
        ("Inés Peña", "Esmaltado", [Role.trainer]),
        ("Óscar Muñoz", "Mantenimiento", [Role.trainer]),
    ]
    for index, (name, section, roles) in enumerate(named, start=2):
        secretary.members.add_member(
            name, number=f"{index:04d}", section=section, joined_on=date(2019, 3, 1), roles=roles
        )
    used = {"Ana Núñez", *(n for n, _s, _r in named)}
    number = len(named) + 2
    misspelt: tuple[str, str] | None = None  # (number, name): entered without its accents, corrected later
    while number <= DEMO_MEMBERS:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in used:
            continue
        used.add(name)
        joined = date(2019, 3, 1) + timedelta(days=rng.randrange(0, 365 * 6))
        typed = name
        if misspelt is None and _without_accents(name) != name:
            typed, misspelt = _without_accents(name), (f"{number:04d}", name)
        secretary.members.add_member(
            typed,
            number=f"{number:04d}",
            section=rng.choice(SECTIONS),
            # Recorded at the founding: nobody can have joined later than that.
            joined_on=min(joined, founding.date()),
        )
        number += 1
    with for_the_record(session):  # the reason is stored: in the cooperative's language
        reason = _("Retired")
    secretary.at(now - timedelta(days=40)).members.deactivate_member(f"{DEMO_MEMBERS:04d}", reason=reason)
    assert misspelt is not None  # the seeded draw always holds an accented name
    with for_the_record(session):
        reason = _("Name entered without its accents at admission; corrected from the member's ID card")
    secretary.at(now - timedelta(days=20)).members.correct_member(
        misspelt[0], name=misspelt[1], reason=reason
    )
    for key, value, article in BYLAWS:
        secretary.bylaws.set_bylaw(key, value, article=article)
    active = secretary.members.count_active_members()
    by_role = {role: len(secretary.members.list_members(role=role)) for role in Role}
    lines = [
        _(
            "{count} active members ({inactive} deactivated), {coordinators} coordinators, "
            "{trainers} trainers, {secretaries} secretary"
        ).format(
            count=active,
            inactive=DEMO_MEMBERS - active,
            coordinators=by_role[Role.coordinator],
            trainers=by_role[Role.trainer],
            secretaries=by_role[Role.secretary],
        ),
        _("Bylaws: quorum a majority of members; bylaw amendments need two thirds of votes cast."),
        _("Member {number}'s name corrected to {name} (entered without its accents).").format(
            number=misspelt[0], name=misspelt[1]
        ),
    ]
    return lines


def _without_accents(name: str) -> str:
    """The name as typed on a keyboard without accents (Núñez -> Nunez); Ł has no accent to drop."""
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
