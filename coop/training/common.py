"""Shared by the training services: parsing what people type, who may do what, naming members."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from coop import vocabulary
from coop.csvfiles import read_file as read_file  # where the training imports read their files
from coop.errors import MemberError, TrainingError
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.models import Member, Role
from coop.parsing import (
    AmbiguousNumber,
    read_typed_number,
    spells_decimal_comma,
)
from coop.training.coverage import Level
from coop.training.models import (
    SessionKind,
    Skill,
)

MAX_HOURS = Decimal("9999.99")


# --- parsing what people type ------------------------------------------------------------------


def parse_level(text: str | int, *, lowest: int = 0) -> Level:
    """A level from ``0``–``4`` or its name in either language (``independent``, ``puede capacitar``)."""

    def refuse(typed: str) -> TrainingError:
        return TrainingError(
            _(
                "'{value}' is not a skill level; use a number from {lowest} to 4 "
                "(0 none, 1 supervised, 2 operates, 3 independent, 4 can train)."
            ).format(value=typed, lowest=lowest)
        )

    typed = str(text).strip()
    # "03" is level 3; "²" is a digit to str.isdigit but no number int() reads
    number = str(int(typed)) if typed.isascii() and typed.isdigit() and len(typed) < 4 else typed
    level = vocabulary.parse(Level, number, refuse, extra={"trainer": Level.CAN_TRAIN})
    if level < lowest:
        raise refuse(typed)
    return level


def parse_session_kind(text: str) -> SessionKind:
    """``theory``, ``práctica``... (see :func:`coop.vocabulary.parse`), or a TrainingError listing them."""
    message = _("'{kind}' is not a kind of session; use {words}.")
    refuse = vocabulary.refusal(SessionKind, TrainingError, message, "kind")
    return vocabulary.parse(SessionKind, text, refuse)


def parse_hours(text: str | Decimal | int) -> Decimal:
    """Hours as a decimal above zero, with at most two decimals."""
    # English hours have always taken a comma for the point ("1,5"); Spanish reads its own way.
    typed = text if spells_decimal_comma() else str(text).strip().replace(",", ".")
    try:
        hours = read_typed_number(typed)
    except AmbiguousNumber as ambiguous:
        raise TrainingError(ambiguous.sentence(_("Hours"))) from None
    if hours is None:
        raise TrainingError(_("'{value}' is not a number of hours, like 2 or 1.5.").format(value=text))
    if hours <= 0:
        raise TrainingError(_("The hours must be above zero, not {hours}.").format(hours=text))
    if hours > MAX_HOURS or hours != hours.quantize(Decimal("0.01")):
        raise TrainingError(
            _("{hours} hours cannot be recorded; give at most {max} hours with up to two decimals.").format(
                hours=text, max=MAX_HOURS
            )
        )
    return hours.quantize(Decimal("0.01"))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(skill: Skill, level: int, assessed_on: date) -> date | None:
    """The first day an assessment no longer counts: certified skills lapse after their validity."""
    if not skill.certified or skill.validity_months is None or level == Level.NONE:
        return None
    return add_months(assessed_on, skill.validity_months)


def hours_text(hours: Decimal) -> str:
    """``2``, ``1.5``: hours as people write them (JSON keeps the string too)."""
    text = format(hours.normalize(), "f")
    return text


# --- who may do what ---------------------------------------------------------------------------


def require_trainer(session: Session, actor: Actor, doing: str) -> None:
    """Trainers record training; a secretary may record it for them."""
    if actor.member is not None and actor.member.has_role(Role.secretary):
        return
    require_role(session, actor, Role.trainer, doing)


def require_active(member: Member) -> Member:
    if not member.active:
        raise MemberError(_("{member} is not an active member.").format(member=member.label))
    return member


def member_or_outsider(
    session: Session, actor: Actor, member: str | None, outside: str | None, both: str, neither: str
) -> tuple[Member | None, str | None]:
    """Who trained or assessed: an active member named, an outside trainer, or else the actor.

    Exactly one of the two is returned. ``both`` and ``neither`` are the caller's refusals when
    both are given, or neither is and the actor is no member.
    """
    outsider = " ".join((outside or "").split()) or None
    if outsider is not None and member is not None:
        raise TrainingError(both)
    if outsider is not None:
        return None, outsider
    if member is not None:
        return require_active(find_member(session, member)), None
    if actor.member is not None:
        return actor.member, None
    raise TrainingError(neither)


def member_key(member: Member) -> str:
    """How a member is named in the pure coverage arithmetic: what names them in any command."""
    return member.reference
