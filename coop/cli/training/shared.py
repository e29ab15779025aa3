"""What the training command groups share: days, levels, a member's skills."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from coop import parsing
from coop.errors import TrainingError
from coop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member
    from coop.training.views import MemberSheet


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


def member_sheet(session: Session, member: Member, today: date) -> MemberSheet:
    """A member's record with their current skills and certifications, for ``coop member show``.

    Every skill with a level above 0 or a lapsed certification; a lapsed one shows level 0, the
    level it was for, and ``expired``.
    """
    from coop.members.views import member_record_view
    from coop.training.history import member_skills
    from coop.training.views import MemberSheet, MemberSkillView

    skills = tuple(MemberSkillView.of(line) for line in member_skills(session, member, today))
    return MemberSheet(member_record_view(member), skills)
