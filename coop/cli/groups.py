"""Every command group of the CLI, in the order ``coop --help`` lists them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import typer


@dataclass(frozen=True)
class TopLevelCommand:
    function: Callable[..., Any]
    options: dict[str, Any] = field(default_factory=dict)


def all_groups() -> list[tuple[str, typer.Typer]]:
    from coop.cli import (
        access,
        assemblies,
        audit,
        ballots,
        bylaws,
        cooperative,
        database,
        elections,
        master,
        members,
        plans,
        training,
        votes,
    )

    return [
        ("cooperative", cooperative.app),
        ("member", members.app),
        ("bylaws", bylaws.app),
        ("assembly", assemblies.assembly_app),
        ("motion", assemblies.motion_app),
        ("election", elections.app),
        ("ballot", ballots.app),
        ("votes", votes.app),
        ("skill", training.skill_app),
        ("training", training.training_app),
        ("rotation", training.rotation_app),
        ("product", plans.product_app),
        ("material", plans.material_app),
        ("workcentre", plans.workcentre_app),
        ("plan", plans.plan_app),
        ("master", master.master_app),
        ("audit", audit.app),
        ("access", access.app),
        ("db", database.app),
    ]


def top_level_commands() -> list[TopLevelCommand]:
    from coop.cli import assemblies, setup

    return [
        TopLevelCommand(setup.init, {"name": "init"}),
        TopLevelCommand(setup.demo, {"name": "demo"}),
        TopLevelCommand(assemblies.minutes, {"name": "minutes"}),
    ]
