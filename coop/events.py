"""A tiny signal registry: a higher domain reacts to a lower one without the lower importing it.

Example: the plans domain subscribes to ``motion.decided`` so that the assembly's vote on a
plan-approval motion moves the plan, while the assemblies domain knows nothing of plans; the
minutes a motion approves are frozen the same way, so a motion's vote never imports the minutes.
Handlers run inside the caller's transaction, so a failing handler undoes the whole command.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[..., None]

# Modules whose import subscribes their handlers; imported the first time anything is emitted,
# so that a reaction never depends on which command happened to import them.
SUBSCRIBER_MODULES: tuple[str, ...] = (
    "coop.assemblies.minutes_approval",
    "coop.plans.approval",
    "coop.training_plan.approval",
    "coop.training_plan.check_notes",
    "coop.master.choice",
    "coop.master.weekly_check",
)

_handlers: dict[str, list[Handler]] = defaultdict(list)
_loaded = False


def subscribe(event: str, handler: Handler) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def emit(event: str, **payload: Any) -> None:
    global _loaded
    if not _loaded:
        for module in SUBSCRIBER_MODULES:
            importlib.import_module(module)
        _loaded = True
    for handler in list(_handlers[event]):
        handler(**payload)
