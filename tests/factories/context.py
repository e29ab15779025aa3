"""The clock, the acting member and the session, bound once for the calls a test makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from coop.members.actors import Actor, find_member

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXED_NOW = datetime(2026, 11, 25, 10, 0, 0)

Result = TypeVar("Result")


@dataclass(frozen=True)
class Context:
    """Who acts, when and in which session: every service takes these three, so we pass them once."""

    session: Session
    actor: Actor
    now: datetime

    def __call__(self, service: Callable[..., Result], /, **arguments: Any) -> Result:
        """Call ``service(session, actor=..., now=..., **arguments)``, as a command would."""
        return service(self.session, actor=self.actor, now=self.now, **arguments)

    def acting_as(self, actor: Actor) -> Context:
        """The same session and clock with another member acting."""
        return replace(self, actor=actor)

    def at(self, now: datetime) -> Context:
        """The same session and member at another moment."""
        return replace(self, now=now)


def member_actor(session: Session, number: int | str) -> Actor:
    """The member with this number (``5`` or ``"0005"``) as the acting member."""
    reference = f"{number:04d}" if isinstance(number, int) else number
    return Actor(find_member(session, reference))
