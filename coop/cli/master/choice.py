"""``coop master propose-choice`` and ``coop master plan show``: the assembly chooses a scenario.

One motion per scenario (see :mod:`coop.master.choice` for why); the vote is held with the
assembly's usual commands (``coop motion second``, ``coop vote open``...).
"""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.commands import run
from coop.cli.master.demand import say
from coop.cli.options import AgendaItemOption, DecidingAssemblyOption, ProposerOption
from coop.i18n import _

if TYPE_CHECKING:
    from coop.api import Coop


class ShowFormat(enum.StrEnum):
    table = "table"
    json = "json"


def method_word(method: str) -> str:
    from coop import vocabulary
    from coop.votes.models import VoteMethod

    try:
        return vocabulary.label(VoteMethod(method))
    except ValueError:
        return method


def standing_words(standing: dict[str, Any]) -> str:
    """Where a scenario stands with the assembly, in words."""
    state = standing["standing"]
    if state == "chosen":
        return _("chosen by assembly {assembly} (motion {motion})").format(
            assembly=standing["assembly_id"], motion=standing["motion_id"]
        )
    if state == "not_chosen":
        return _("not chosen")
    if state == "before_assembly":
        return _("before assembly {assembly} as motion {motion}").format(
            assembly=standing["assembly_id"], motion=standing["motion_id"]
        )
    if state == "rejected":
        return _("rejected by assembly {assembly} (motion {motion})").format(
            assembly=standing["assembly_id"], motion=standing["motion_id"]
        )
    if state == "withdrawn":
        return _("motion {motion} withdrawn").format(motion=standing["motion_id"])
    return _("not yet put to an assembly")


def say_choice(choice: dict[str, Any]) -> None:
    """The vote that chose a scenario and the hash of what was frozen, the same wherever it is shown."""
    say(
        _(
            "Chosen: scenario {scenario}, by assembly {assembly} (motion {motion}) on {day}: {yes} yes, {no} "
            "no, {abstain} abstaining ({method})."
        ).format(
            scenario=choice["scenario"],
            assembly=choice["assembly_id"],
            motion=choice["motion_id"],
            day=choice["decided_at"][:10],
            yes=choice["yes"],
            no=choice["no"],
            abstain=choice["abstain"],
            method=method_word(choice["method"]),
        )
    )
    typer.echo(_("Frozen schedule and figures, SHA-256: {hash}").format(hash=choice["hash"]))


def propose_choice(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    scenario: str = typer.Argument(..., help=_("The scenario the assembly is asked to adopt.")),
    assembly: DecidingAssemblyOption = ...,
    by: ProposerOption = None,
    item: AgendaItemOption = None,
) -> None:
    """Put a scenario of a master plan to an open assembly: adopting the motion chooses it."""

    def call(c: Coop) -> dict[str, object]:
        motion = c.master.propose_choice(plan, scenario, assembly, proposer=by, item=item)
        return {"position": motion.position, "id": motion.id, "assembly": motion.assembly_id}

    data = run(ctx, call)
    say(
        _(
            "Scenario {scenario} of master plan {plan} is motion {position} (id {id}) of assembly "
            "{assembly}; if the assembly adopts it, the scenario is chosen and frozen; if it rejects it, "
            "the plan is open for the next scenario."
        ).format(scenario=scenario.strip(), plan=plan.strip(), **data)
    )


def plan_show(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    fmt: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help=_("table or json.")),
) -> None:
    """Show a master plan: its scenarios, where each stands with the assembly, and the choice."""
    data = run(ctx, lambda c: c.master.plan_standing(plan))
    if fmt is ShowFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    status = {"draft": _("draft"), "submitted": _("submitted"), "decided": _("decided")}[str(data["status"])]
    typer.echo(
        _("Master plan {name}: {months} months from {first}; {status}.").format(
            name=data["name"], months=data["months"], first=data["from"], status=status
        )
    )
    names = list(data["standing"])
    width = max((len(n) for n in names), default=0)
    for name in names:
        typer.echo(f"  {name.ljust(width)}  {standing_words(data['standing'][name])}")
    if data["choice"]:
        say_choice(data["choice"])


def register(app: typer.Typer, plan_app: typer.Typer) -> None:
    app.command("propose-choice")(propose_choice)
    plan_app.command("show")(plan_show)
