"""A production plan's columns in tables (the keys; each view heads its own), and what the check
says after its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.plans.check import PlanCheck


FINDING_KEYS = ["severity", "key", "message", "acknowledged"]


def say_check(check: PlanCheck) -> None:
    counts = check.counts
    blocking = counts.get("blocking", 0)
    acknowledged = sum(1 for f in check.findings if f.blocking and f.acknowledged)
    warnings = counts.get("warning", 0)
    notes = counts.get("info", 0)
    typer.echo(
        _("{blocking} ({acknowledged}), {warnings}, {notes}.").format(
            blocking=ngettext("{count} blocking", "{count} blocking", blocking).format(count=blocking),
            acknowledged=ngettext("{count} acknowledged", "{count} acknowledged", acknowledged).format(
                count=acknowledged
            ),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
            notes=ngettext("{count} note", "{count} notes", notes).format(count=notes),
        )
    )
    if check.open_blocking:
        typer.echo(
            _(
                "The plan cannot be submitted until each blocking finding is changed away or acknowledged: "
                'coop plan acknowledge {id} KEY --reason "..."'
            ).format(id=check.plan_id)
        )


# --- plans and their lines ----------------------------------------------------------------------


PLAN_KEYS = ["id", "name", "version", "status", "period_start", "period_end", "lines", "revised_by"]

LINE_KEYS = ["line", "product", "product_name", "quantity", "unit", "due_week", "priority", "actual_quantity"]

ACKNOWLEDGEMENT_KEYS = ["key", "reason", "by", "at"]

CHANGE_KEYS = ["change", "product", "due_week", "quantity_a", "quantity_b", "priority_a", "priority_b"]
