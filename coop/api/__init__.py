"""The documented Python API: coop as a library, the way the CLI uses it.

A :class:`Coop` binds one session (one transaction), the acting member, the clock and the
cooperative's language; one attribute per domain calls the services with them::

    from coop.api import Coop

    with Coop.open("coop.db", actor="0001") as c:
        c.members.import_members("members.csv")
        c.audit.verify_chain()

The services stay plain functions taking ``session``, ``actor`` and ``now`` (see ``docs/python-api.md``);
this package only binds them. Importing it loads neither WeasyPrint nor Alembic: a PDF or a new
database pays for them when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from coop.api.access import Access
from coop.api.assemblies import Assemblies
from coop.api.audit import Audit
from coop.api.elections import Elections
from coop.api.keys import Keys
from coop.api.master import Master
from coop.api.members import Bylaws, Members, TheCooperative
from coop.api.plans import Plans
from coop.api.training import Training
from coop.api.training_plans import TrainingPlans
from coop.api.votes import Votes
from coop.errors import CoopError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.actors import Actor
    from coop.members.models import Member

__all__ = [
    "Access",
    "Assemblies",
    "Audit",
    "Bylaws",
    "Coop",
    "CoopError",
    "Elections",
    "Keys",
    "Master",
    "Members",
    "Plans",
    "TheCooperative",
    "Training",
    "TrainingPlans",
    "Votes",
]


def _database_url(url_or_path: str | Path | None) -> str:
    from coop import db

    return db.resolve_url(str(url_or_path) if url_or_path is not None else None)


def _clock(now: datetime | None) -> datetime:
    """The moment given, else the real clock read once (to the second, as the CLI records it)."""
    return now if now is not None else datetime.now().replace(microsecond=0)


class Coop:
    """One cooperative's database at one moment, as one member: the entry point of the API.

    ``Coop(session, actor=..., now=...)`` works over a session someone else owns (a test, the CLI);
    :meth:`Coop.open` opens the database and owns the transaction.
    """

    def __init__(
        self,
        session: Session,
        *,
        actor: str | Actor | Member | None = None,
        now: datetime | None = None,
    ) -> None:
        self._bind(session, actor=lambda: self._resolve(actor), clock=lambda: _clock(now))
        # Read at once, so that a wrong actor is said where the Coop is made.
        self.now  # noqa: B018
        self.actor  # noqa: B018

    @classmethod
    def deferred(cls, session: Session, *, actor: Callable[[], Actor], clock: Callable[[], datetime]) -> Coop:
        """A Coop whose actor and clock are read when a call first needs them, not when it is made.

        The CLI's commands use it, so that a wrong ``--as`` or ``COOP_NOW`` is said where the
        command's service would first use it, after the errors in its own arguments.
        """
        coop = cls.__new__(cls)
        coop._bind(session, actor=actor, clock=clock)
        return coop

    def _bind(self, session: Session, *, actor: Callable[[], Actor], clock: Callable[[], datetime]) -> None:
        self.session = session
        self._actor_source = actor
        self._clock_source = clock
        self.members = Members(self)
        self.bylaws = Bylaws(self)
        self.cooperative = TheCooperative(self)
        self.assemblies = Assemblies(self)
        self.votes = Votes(self)
        self.elections = Elections(self)
        self.training = Training(self)
        self.training_plans = TrainingPlans(self)
        self.plans = Plans(self)
        self.master = Master(self)
        self.audit = Audit(self)
        self.access = Access(self)
        self.keys = Keys(self)

    @cached_property
    def actor(self) -> Actor:
        """The member acting for the cooperative (``Actor(None)`` while it is being set up)."""
        return self._actor_source()

    @cached_property
    def now(self) -> datetime:
        """The moment every change is recorded at."""
        return self._clock_source()

    def _resolve(self, actor: str | Actor | Member | None) -> Actor:
        """The acting member, checked as the CLI checks ``--as``: known and still active."""
        from coop.members.actors import Actor, resolve_actor
        from coop.members.models import Member

        if isinstance(actor, Actor):
            return actor
        if isinstance(actor, Member):
            return resolve_actor(self.session, actor.reference)
        return resolve_actor(self.session, actor)

    @property
    def language(self) -> str | None:
        """The language the cooperative's documents are written in (``en``, ``es``), if it has one."""
        from coop.i18n import cooperative_language

        return cooperative_language(self.session)

    def acting_as(self, actor: str | Actor | Member | None) -> Coop:
        """The same session and clock, acting as another member (a voter casting their own ballot).

        Raises MemberError for an unknown member, PermissionDenied for a former member.
        """
        return Coop(self.session, actor=actor, now=self.now)

    def at(self, now: datetime) -> Coop:
        """The same session and actor at another moment (a script that replays a meeting hour by hour)."""
        return Coop(self.session, actor=self.actor, now=now)

    @classmethod
    @contextmanager
    def open(
        cls,
        url_or_path: str | Path | None = None,
        *,
        actor: str | Actor | Member | None = None,
        now: datetime | None = None,
        language: str | None = None,
    ) -> Iterator[Coop]:
        """Open the database in one transaction: committed if the block ends normally, else rolled back.

        ``url_or_path`` is a SQLite file or a URL (default: ``COOP_DATABASE_URL``, else ``./coop.db``).
        Messages are in ``language``, else in the cooperative's, inside the block only.
        Raises DatabaseError for a missing or outdated database, MemberError for an unknown actor.
        """
        import coop.models  # noqa: F401  (every table registered before the session: see coop.models)
        from coop import db
        from coop.i18n import cooperative_language, current_language, using

        engine = db.engine_for(_database_url(url_or_path))
        db.require_current_schema(engine)
        # A cooperative whose language has no catalogue keeps the language in use, as the CLI does.
        with (
            db.session_scope(engine) as session,
            using(language or cooperative_language(session) or current_language()),
        ):
            yield cls(session, actor=actor, now=now)

    @classmethod
    def init(
        cls,
        url_or_path: str | Path | None = None,
        *,
        name: str,
        language: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """Create a cooperative's database (as ``coop init``), or bring an older one up to date.

        Raises MemberError for a blank name, and for a different name or language on an existing
        database (those are a secretary's audited acts: ``c.cooperative``).
        """
        import coop.models  # noqa: F401  (every table registered before the session: see coop.models)
        from coop import db
        from coop.members.cooperative import check_language, set_up_cooperative

        if language is not None:
            check_language(language)
        moment = _clock(now)
        engine = db.engine_for(_database_url(url_or_path))
        if db.current_revision(engine) is not None:
            # A rename or a language change is refused before the schema is touched, as by coop init.
            with db.session_scope(engine) as session:
                set_up_cooperative(session, name=name, language=language, now=moment)
        path = db.sqlite_path(str(engine.url))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db.migrate(engine)
        with db.session_scope(engine) as session:
            set_up_cooperative(session, name=name, language=language, now=moment)
