"""State shared by every command: database URL, acting member, language, debug flag."""

from __future__ import annotations

import os
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
    """One transaction for the whole command: committed if the command finishes, else rolled back.

    Once the database is open, messages switch to the cooperative's language, unless ``--lang``
    or ``COOP_LANG`` chose one (the root command has already applied that choice).
    """
    from coop import db

    engine = db.engine_for(db.resolve_url(state(ctx).db))
    if require_current:
        db.require_current_schema(engine)
    with db.session_scope(engine) as session:
        if require_current and state(ctx).lang is None:
            _use_cooperative_language(session)
        yield session


def _use_cooperative_language(session: Session) -> None:
    """Messages in the cooperative's language, if it has one we speak (else the choice stands)."""
    from coop.i18n import cooperative_language, set_language

    language = cooperative_language(session)
    if language:
        set_language(language)


def now() -> datetime:
    """The one place the CLI reads the clock; services receive it as a parameter.

    ``COOP_NOW`` (e.g. ``2026-11-25T18:00``) fixes the clock for every command, so that a training
    room or a written guide gets the same dates and times on every run (``coop demo`` included).
    A time with an offset is taken in local time. Never set it on a real cooperative's database.
    """
    fixed = os.environ.get("COOP_NOW", "").strip()
    if not fixed:
        return datetime.now().replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(fixed)
    except ValueError:
        from coop.errors import CoopError
        from coop.i18n import _

        raise CoopError(
            _(
                "COOP_NOW={value} is not a date and time such as 2026-11-25T18:00; unset it to use the clock."
            ).format(value=fixed)
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)
