"""Logins on the real PostgreSQL server: a database where Ana Núñez (0001) is the secretary with
a login of her own and Socio 0003 a plain member with one, each named uniquely for this run (roles
are shared by every database of a server) and dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine, make_url

from coop import db
from coop.access.logins import grant_login
from coop.assemblies.models import Assembly
from tests.factories.context import FIXED_NOW, member_actor
from tests.factories.meetings import Meeting, open_meeting, secret_motion
from tests.factories.programs import Cli

PASSWORD = "correcto-caballo-batería"


@dataclass
class Shared:
    """A cooperative's database on PostgreSQL, its owner's URL, and logins made for the test."""

    owner_url: str
    prefix: str
    logins: dict[str, str] = field(default_factory=dict)  # member number -> login
    engines: list[Engine] = field(default_factory=list)

    def grant(self, number: str) -> str:
        login = f"{self.prefix}_{number}"
        with db.session_scope(db.engine_for(self.owner_url)) as session:
            grant_login(session, now=FIXED_NOW, reference=number, login=login, password=PASSWORD)
        self.logins[number] = login
        return login

    def url(self, number: str) -> str:
        """The database's URL with the member's login instead of the owner's."""
        return (
            make_url(self.owner_url)
            .set(username=self.logins[number], password=PASSWORD)
            .render_as_string(hide_password=False)
        )

    def engine(self, number: str) -> Engine:
        engine = create_engine(self.url(number))
        self.engines.append(engine)
        return engine

    def cli(self, number: str | None = None) -> Cli:
        return Cli(self.url(number) if number else self.owner_url)


@pytest.fixture
def shared(postgres_url: str) -> Iterator[Shared]:
    """45 members (see open_meeting), assembly 1 open; logins for 0001 (secretary) and 0003."""
    with db.session_scope(db.engine_for(postgres_url)) as session:
        open_meeting(session, FIXED_NOW)
    place = Shared(owner_url=postgres_url, prefix=f"t{uuid.uuid4().hex[:10]}")
    place.grant("0001")
    place.grant("0003")
    yield place
    for engine in place.engines:
        engine.dispose()
    db.dispose_engines()
    owner = create_engine(db.resolve_url(postgres_url), isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        for login in place.logins.values():
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
    owner.dispose()


def open_secret_vote(url: str) -> tuple[int, list[str]]:
    """Assembly 1's motion under a secret vote with slips issued by the secretary's services, over
    ``url`` (the owner's or her login's): the motion's id and the codes printed on the slips."""
    with db.session_scope(db.engine_for(url)) as session:
        assembly = session.scalars(select(Assembly)).one()
        meeting = Meeting(session, assembly, member_actor(session, "0001"), FIXED_NOW)
        vote = secret_motion(meeting)
        return vote.motion.id, [slip.code for slip in vote.issue().slips]
