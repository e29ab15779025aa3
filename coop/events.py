"""A tiny signal registry: a higher domain reacts to a lower one without the lower importing it.

Example: the plans domain subscribes to ``motion.decided`` so that the assembly's vote on a
plan-approval motion moves the plan, while the assemblies domain knows nothing of plans.
Handlers run inside the caller's transaction, so a failing handler undoes the whole command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[..., None]

_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(event: str, handler: Handler) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def emit(event: str, **payload: Any) -> None:
    for handler in list(_handlers[event]):
        handler(**payload)
