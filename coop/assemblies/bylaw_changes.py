"""A bylaw changed by the assembly: the rule cites the motion, and only a motion that could change it.

``coop bylaws set KEY VALUE --motion N`` records that the assembly adopted the new value. The
record must stand in front of a lawyer, so the motion cited must have been adopted and be of a
kind that can change the bylaws (``BYLAW_CHANGING_KINDS``); anything else is refused with a
sentence naming the motion's state or kind, and nothing is saved.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from coop.assemblies.common import motion_label
from coop.assemblies.models import Motion, MotionStatus
from coop.errors import AssemblyError
from coop.formatting import format_date
from coop.i18n import _, using
from coop.members.actors import Actor
from coop.members.bylaws import BYLAW_CHANGING_KINDS, motion_kind_label, validate_bylaw
from coop.members.bylaws_record import BylawChange, BylawValue, apply_bylaw_preset, set_bylaw
from coop.members.cooperative import get_cooperative
from coop.members.presets import find_preset


def _why_it_cannot_change_bylaws(motion: Motion) -> str | None:
    """What keeps ``motion`` from being the authority for a bylaw change, or None if nothing does."""
    label = motion_label(motion)
    if motion.status is MotionStatus.adopted:
        if motion.kind in BYLAW_CHANGING_KINDS:
            return None
        return _(
            "{motion} was adopted as {kind}, and only an amendment of the bylaws can change them"
        ).format(motion=label, kind=motion_kind_label(motion.kind))
    states = {
        MotionStatus.proposed: _("{motion} has not been voted on yet"),
        MotionStatus.seconded: _("{motion} has not been voted on yet"),
        MotionStatus.postponed: _("{motion} was postponed and has not been voted on"),
        MotionStatus.voting: _("{motion} is still being voted on"),
        MotionStatus.rejected: _("{motion} was not adopted"),
        MotionStatus.withdrawn: _("{motion} was withdrawn"),
    }
    return states[motion.status].format(motion=label)


def motion_citation(motion: Motion, language: str) -> str:
    """How the record names the motion, in ``language``: "Motion 3 (...), assembly 2 of 25/11/2026"."""
    with using(language):
        return _("{motion}, assembly {assembly} of {date}").format(
            motion=motion_label(motion),
            assembly=motion.assembly_id,
            date=format_date(motion.assembly.called_for, language),
        )


def _require_bylaw_changing_motion(motion: Motion, *, key: str | None) -> None:
    reason = _why_it_cannot_change_bylaws(motion)
    if reason is None:
        return
    if key is None:
        raise AssemblyError(
            _(
                "The preset was not applied: {reason}; cite the adopted motion of kind bylaws-amendment "
                "that adopted it."
            ).format(reason=reason)
        )
    raise AssemblyError(
        _(
            "Bylaw {key} not changed: {reason}; cite the adopted motion of kind bylaws-amendment "
            "that changed it."
        ).format(key=key, reason=reason)
    )


def apply_bylaw_preset_by_motion(
    session: Session, *, actor: Actor, now: datetime, name: str, motion: Motion
) -> list[BylawChange]:
    """Adopt a preset as the assembly resolved by ``motion``, an adopted bylaws amendment."""
    find_preset(name)  # an unknown preset is the first thing to say
    _require_bylaw_changing_motion(motion, key=None)
    return apply_bylaw_preset(
        session,
        actor=actor,
        now=now,
        name=name,
        adopted_by=motion_citation(motion, get_cooperative(session).language),
        motion_id=motion.id,
    )


def set_bylaw_by_motion(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    key: str,
    value: str,
    article: str | None,
    motion: Motion,
) -> BylawValue:
    """Record a bylaw the assembly changed by ``motion``, which must be an adopted bylaws amendment."""
    validate_bylaw(key, value)  # a bad key or value is the first thing to say
    _require_bylaw_changing_motion(motion, key=key)
    # The citation is stored, so it is written in the cooperative's language, whoever types it.
    source = motion_citation(motion, get_cooperative(session).language)
    return set_bylaw(
        session,
        actor=actor,
        now=now,
        key=key,
        value=value,
        article=article,
        source=source,
        motion_id=motion.id,
    )
