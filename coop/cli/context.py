"""State shared by every command: database URL, acting member, language, debug flag."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class CliState:
    db: str | None = None
    actor: str | None = None
    debug: bool = False
    lang: str | None = None


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, CliState) else CliState()


@contextmanager
def open_session(ctx: typer.Context, *, require_current: bool = True) -> Iterator[Session]:
    """One transaction for the whole command: committed if the command finishes, else rolled back."""
    from coop import db

    engine = db.engine_for(db.resolve_url(state(ctx).db))
    if require_current:
        db.require_current_schema(engine)
    with db.session_scope(engine) as session:
        yield session


def now() -> datetime:
    """The one place the CLI reads the clock; services receive it as a parameter."""
    return datetime.now().replace(microsecond=0)
