"""``coop init`` and ``coop demo``."""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli.context import now, state
from coop.i18n import _


def init(
    ctx: typer.Context,
    name: str | None = typer.Option(
        None,
        "--name",
        help=_("The cooperative's name, as printed on minutes (needed to create the database)."),
    ),
    language: str | None = typer.Option(
        None, "--language", help=_("Language of documents when creating the database: en (default) or es.")
    ),
) -> None:
    """Create the cooperative's database, or upgrade an existing one (its record is left as it is)."""
    from coop import db
    from coop.members.cooperative import check_language, set_up_cooperative

    if language is not None:
        check_language(language)  # before anything is created
    engine = db.engine_for(db.resolve_url(state(ctx).db))
    before = db.current_revision(engine)
    if before is None and not (name or "").strip():
        from coop.errors import MemberError

        raise MemberError(_('The cooperative needs a name: coop init --name "Cooperativa ..."'))
    if before is not None:
        # Refuse a rename or a language change before anything is touched, the schema included:
        # those are a secretary's audited acts (coop cooperative rename|language), not set-up.
        with db.session_scope(engine) as session:
            set_up_cooperative(session, name=name, language=language, now=now())
    path = db.sqlite_path(str(engine.url))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db.migrate(engine)
    with db.session_scope(engine) as session:
        cooperative = set_up_cooperative(session, name=name, language=language, now=now())
        cooperative_name = cooperative.name
    if before is None:
        typer.echo(
            _("Created the database of {name} at {db}.").format(name=cooperative_name, db=db.describe(engine))
        )
    elif before != db.SCHEMA_HEAD:
        typer.echo(
            _("Upgraded the database of {name} at {db} from {old} to {new}.").format(
                name=cooperative_name, db=db.describe(engine), old=before, new=db.SCHEMA_HEAD
            )
        )
    else:
        typer.echo(
            _("The database of {name} at {db} is up to date.").format(
                name=cooperative_name, db=db.describe(engine)
            )
        )


def demo(
    ctx: typer.Context,
    directory: Path = typer.Option(
        Path("demo"), "--dir", help=_("Folder for the demo database and documents.")
    ),
) -> None:
    """Build a believable demo cooperative in DIR/coop.db and print what was made."""
    from coop.demo import build_demo

    summary = build_demo(directory, now=now())
    for line in summary:
        typer.echo(line)
