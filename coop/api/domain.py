"""What every domain attribute of :class:`coop.api.Coop` shares: the bound session, actor and clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.actors import Actor

__all__ = ["Domain", "write_document"]

Result = TypeVar("Result")


class Bound(Protocol):
    """What a domain reads from its :class:`coop.api.Coop` (a protocol, so this module needs no Coop)."""

    @property
    def session(self) -> Session: ...

    @property
    def actor(self) -> Actor: ...

    @property
    def now(self) -> datetime: ...


class Domain:
    """One domain of the API (``c.members``, ``c.assemblies``...), bound to its :class:`Coop`."""

    def __init__(self, coop: Bound) -> None:
        self._coop = coop

    @property
    def session(self) -> Session:
        """The session (one transaction) every call of this domain works in."""
        return self._coop.session

    @property
    def actor(self) -> Actor:
        """The member acting for the cooperative (``Actor(None)`` while it is being set up)."""
        return self._coop.actor

    @property
    def now(self) -> datetime:
        """The moment every change is recorded at."""
        return self._coop.now

    def _run(self, service: Callable[..., Result], /, **options: Any) -> Result:
        """Run a service that acts: in the bound session, as the bound actor, at the bound clock."""
        return service(self.session, actor=self.actor, now=self.now, **options)


def write_document(path: str | Path, template: str, **context: Any) -> Path:
    """Render a document's view model to ``path``: HTML or PDF by its suffix (WeasyPrint only for a PDF).

    Raises DocumentError for another suffix or a folder that does not exist.
    """
    from coop.reports.render import write_document as render_to_file

    return render_to_file(Path(path), template, **context)
