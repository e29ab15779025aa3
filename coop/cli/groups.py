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
    from coop.cli import votes

    return [
        ("votes", votes.app),
    ]


def top_level_commands() -> list[TopLevelCommand]:
    return []
