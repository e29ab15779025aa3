"""The arguments and options that several planning commands take, written once.

Each is an ``Annotated`` type: a command writes ``plan: PlanNumber`` and gets the same name,
help text and checks as every other command that takes a plan. The day range (``--from``,
``--to``) and ``--name`` serve the training commands too.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coop.i18n import _

PlanNumber = Annotated[str, typer.Argument(help=_("Plan number."))]
ProductRef = Annotated[str, typer.Argument(help=_("Product code or name."))]
ProductCode = Annotated[str, typer.Argument(help=_("Product code."))]
CentreRef = Annotated[str, typer.Argument(help=_("Work centre code or name."))]
CentreCode = Annotated[str, typer.Argument(help=_("Work centre code."))]
ParentProduct = Annotated[str, typer.Argument(help=_("The product made."))]
ClosurePlace = Annotated[str | None, typer.Argument(help=_("Work centre code (or --plant)."))]

NewName = Annotated[str | None, typer.Option("--name", help=_("New name."))]
FromDay = Annotated[str | None, typer.Option("--from", help=_("From this day (YYYY-MM-DD)."))]
ToDay = Annotated[str | None, typer.Option("--to", help=_("Up to this day (YYYY-MM-DD)."))]
