"""What the production-planning commands share: the acting member, numbers that may be negative,
a routing's row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import state

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.service import Actor
    from coop.plans.models import Routing


# A quantity typed as "-4" reaches the service, which says plainly that it cannot be negative,
# instead of the parser taking it for an unknown option.
NUMBERS_MAY_BE_NEGATIVE = {"ignore_unknown_options": True}


def acting(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def routing_row(routing: Routing) -> dict[str, Any]:
    from coop.plans.common import quantity_text

    return {
        "product": routing.product.code,
        "work_centre": routing.work_centre.code,
        "minutes_per_unit": quantity_text(routing.minutes_per_unit),
        "crew_size": routing.crew_size,
        "skill": routing.skill.code if routing.skill else None,
        "skill_level": routing.skill_level,
    }
