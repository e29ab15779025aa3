"""The arguments and options that several training commands take, written once.

Each is an ``Annotated`` type: a command writes ``member: MemberRef`` and gets the same name and
help text as every other command that takes a member.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from coop.cli import words
from coop.cli.options import MemberArgument
from coop.cli.words import listing
from coop.i18n import N_, _

SkillRef = Annotated[str, typer.Argument(help=_("Skill code or name."))]
MemberRef = MemberArgument
RotatingRole = Annotated[
    str, typer.Argument(help=listing(N_("The rotating role: {words}."), words.rotating_roles))
]
SessionNumber = Annotated[str, typer.Argument(metavar="SESSION", help=_("Session number."))]
LearntSkill = Annotated[str, typer.Argument(help=_("The skill being learnt."))]

OnlySkill = Annotated[str | None, typer.Option("--skill", help=_("Only this skill."))]
OnlyRole = Annotated[
    str | None,
    typer.Option("--role", help=listing(N_("Only this rotating role: {words}."), words.rotating_roles)),
]
OnlyCategory = Annotated[
    str | None, typer.Option("--category", "-c", help=_("Only skills of this category."))
]
AsOnDay = Annotated[str | None, typer.Option("--on", help=_("As on this day (default today)."))]


def override_prerequisites_option(help: str) -> Any:
    """``--override-prerequisites`` (audited), its help saying what it lets a command record."""
    return typer.Option(False, "--override-prerequisites", help=help)
