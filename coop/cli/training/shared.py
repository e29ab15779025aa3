"""What the training command groups share: the acting member, days, levels, a member's skills."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from coop import parsing
from coop.cli.context import state
from coop.errors import TrainingError
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member
    from coop.members.service import Actor


def actor_of(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def parse_day(text: str | None, what: str, default: date | None = None) -> date:
    if text is None:
        if default is None:
            raise TrainingError(_("{what} is needed, as a date like 2026-11-25.").format(what=what))
        return default
    return parsing.parse_day(
        text,
        lambda value: TrainingError(
            _("{what} '{value}' is not a date like 2026-11-25.").format(what=what, value=text)
        ),
    )


def level_text(level: int) -> str:
    from coop.training.coverage import level_label

    return _("{level} ({label})").format(level=level, label=level_label(level))


def member_skill_rows(session: Session, member: Member, today: date) -> list[dict[str, Any]]:
    """A member's current skills and certifications, for ``coop member show``.

    Every skill with a level above 0 or a lapsed certification; a lapsed one shows level 0, the
    level it was for, and ``expired``.
    """
    from coop.training.history import member_skills

    return [
        {
            "skill": line.skill.code,
            "name": line.skill.name,
            "level": int(line.current.level),
            "level_label": line.current.level.label,
            "assessed_on": line.current.assessed_on.isoformat() if line.current.assessed_on else None,
            "expires_on": line.current.expires_on.isoformat() if line.current.expires_on else None,
            "expired": line.current.expired,
            "lapsed_level": int(line.current.assessed_level) if line.current.expired else None,
        }
        for line in member_skills(session, member, today)
    ]
