"""The motion lifecycle as an explicit table: every move is listed, anything else is refused.

Pure: the service asks ``next_status`` before it changes anything, so an illegal move writes
nothing and the error names the current state and what is allowed from it.
"""

from __future__ import annotations

import enum

from coop import vocabulary
from coop.errors import AssemblyError
from coop.i18n import N_, _


class MotionAction(enum.StrEnum):
    second = "second"
    amend = "amend"
    withdraw = "withdraw"
    postpone = "postpone"
    resume = "resume"
    open_vote = "open-vote"
    record_vote = "vote"
    object = "object"
    close = "close"


# What ``coop motion show`` lists as the next steps (the command to type is the action's value).
vocabulary.define(
    MotionAction,
    {
        MotionAction.second: N_("second it"),
        MotionAction.amend: N_("amend it"),
        MotionAction.withdraw: N_("withdraw it"),
        MotionAction.postpone: N_("postpone it"),
        MotionAction.resume: N_("resume it"),
        MotionAction.open_vote: N_("open the vote"),
        MotionAction.record_vote: N_("record votes"),
        MotionAction.object: N_("raise an objection"),
        MotionAction.close: N_("close the vote"),
    },
)


# status -> action -> status after it (None: the status stays, e.g. an amendment is added).
TRANSITIONS: dict[str, dict[MotionAction, str | None]] = {
    "proposed": {
        MotionAction.second: "seconded",
        MotionAction.amend: None,
        MotionAction.withdraw: "withdrawn",
        MotionAction.postpone: "postponed",
        MotionAction.open_vote: "voting",  # only where no seconder is needed; the service checks
    },
    "seconded": {
        MotionAction.amend: None,
        MotionAction.withdraw: "withdrawn",
        MotionAction.postpone: "postponed",
        MotionAction.open_vote: "voting",
    },
    "postponed": {
        MotionAction.resume: None,  # back to where it was: proposed or seconded
        MotionAction.withdraw: "withdrawn",
    },
    "voting": {
        MotionAction.record_vote: None,
        MotionAction.object: None,
        MotionAction.close: None,  # adopted or rejected: the count decides
    },
    "adopted": {},
    "rejected": {},
    "withdrawn": {},
}


def status_label(status: str) -> str:
    """A motion's status in words (its vocabulary's label)."""
    from coop.assemblies.models import MotionStatus

    return vocabulary.label(MotionStatus(status))


def allowed_actions(status: str) -> list[MotionAction]:
    return list(TRANSITIONS.get(status, {}))


def next_status(status: str, action: MotionAction, motion_label: str) -> str | None:
    """The status after ``action``, or an ``AssemblyError`` naming what is allowed instead."""
    moves = TRANSITIONS.get(status, {})
    if action in moves:
        return moves[action]
    allowed = ", ".join(a.value for a in moves)
    if allowed:
        raise AssemblyError(
            _(
                "{motion} is {status}, so '{action}' is not possible; from {status} you can: {allowed}."
            ).format(motion=motion_label, status=status_label(status), action=action.value, allowed=allowed)
        )
    raise AssemblyError(
        _("{motion} is {status}, so '{action}' is not possible; nothing more can be done with it.").format(
            motion=motion_label, status=status_label(status), action=action.value
        )
    )
