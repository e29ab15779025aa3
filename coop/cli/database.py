"""``coop db status|upgrade|backup``."""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli.context import state
from coop.cli.options import command_group
from coop.i18n import _

app = command_group(_("Check, upgrade and back up the database."))


@app.command("status")
def status(ctx: typer.Context) -> None:
    """Show which database is in use and whether its schema is current."""
    from coop import db

    engine = db.engine_for(db.resolve_url(state(ctx).db))
    revision = db.current_revision(engine)
    typer.echo(_("Database: {db} ({kind})").format(db=db.describe(engine), kind=engine.dialect.name))
    if revision is None:
        typer.echo(_('Schema: none yet; create it with: coop init --name "Cooperativa ..."'))
        raise typer.Exit(1)
    if revision == db.SCHEMA_HEAD:
        typer.echo(_("Schema: {revision} (current)").format(revision=revision))
    else:
        typer.echo(
            _("Schema: {revision}, behind {head}; run: coop db upgrade").format(
                revision=revision, head=db.SCHEMA_HEAD
            )
        )
        raise typer.Exit(1)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema up to this version of coop (keeps every row)."""
    from coop import db
    from coop.errors import DatabaseError

    engine = db.engine_for(db.resolve_url(state(ctx).db))
    before = db.current_revision(engine)
    if before is None:
        raise DatabaseError(
            _(
                'There is no cooperative database at {db}; create it with: coop init --name "Cooperativa ..."'
            ).format(db=db.describe(engine))
        )
    db.migrate(engine)
    if before == db.SCHEMA_HEAD:
        typer.echo(_("Already current ({revision}).").format(revision=before))
    else:
        typer.echo(_("Upgraded from {old} to {new}.").format(old=before, new=db.SCHEMA_HEAD))


@app.command("backup")
def backup(
    ctx: typer.Context,
    target: Path = typer.Argument(..., help=_("File to write the copy to.")),
) -> None:
    """Copy the whole database to FILE while others may keep working."""
    from coop import backup as backups
    from coop import db

    engine = db.engine_for(db.resolve_url(state(ctx).db))
    db.require_current_schema(engine)
    written = backups.back_up(engine, target)
    typer.echo(_("Backed up {db} to {file}.").format(db=db.describe(engine), file=written))
