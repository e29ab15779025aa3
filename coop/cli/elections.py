"""``coop election ...``: ranked-choice elections in the database, from candidates to results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import open_session
from coop.cli.options import ElectionArgument, command_scope, emit_listing, emit_record
from coop.cli.output import OutputFormat, emit_or_say, emit_rows, format_option
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

app = typer.Typer(
    help=_("Ranked-choice elections: candidates, secret ranked ballots, the count."), no_args_is_help=True
)

ELECTION_COLUMNS = [
    ("id", "#"),
    ("title", _("Title")),
    ("seats", _("Seats")),
    ("rules", _("Rules")),
    ("status", _("Status")),
    ("ballots_cast", _("Ballots")),
    ("winners", _("Elected")),
]


def _election_command(
    ctx: typer.Context,
    election: str,
    operation: Callable[..., Any],
    *,
    then: Callable[[Session, Any], Any] | None = None,
    **options: Any,
) -> Any:
    """Run one service operation on an election in one transaction; ``then`` reads its outcome there."""
    from coop.assemblies.elections import find_election

    with command_scope(ctx) as scope:
        result = operation(
            scope.session,
            actor=scope.actor,
            now=scope.now,
            election=find_election(scope.session, election),
            **options,
        )
        return then(scope.session, result) if then is not None else result


@app.command("create")
def create(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help=_("What is being elected.")),
    seats: int = typer.Option(1, "--seats", help=_("How many people are elected.")),
    rules: str = typer.Option("irv", "--rules", help=_("irv, stv-droop, or a rules.json file.")),
    candidate: list[str] = typer.Option(
        ..., "--candidate", "-c", help=_("A member who consented to stand; repeat for each, in ballot order.")
    ),
    assembly: str | None = typer.Option(
        None, "--assembly", help=_("The assembly where the election is held.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Set up an election (secretary); candidates are listed once they consent to stand."""
    from coop.assemblies import elections
    from coop.assemblies.views import election_view

    with command_scope(ctx) as scope:
        election = elections.create_election(
            scope.session,
            actor=scope.actor,
            now=scope.now,
            title=title,
            seats=seats,
            rules=rules,
            candidates=candidate,
            assembly=assembly,
        )
        view = election_view(scope.session, election)
    emit_or_say(
        view.as_json(),
        fmt,
        _("Election {id} set up: {title}, {seats} seat(s), {count} candidates, rules {rules}.").format(
            id=view.id, title=view.title, seats=view.seats, count=len(view.candidates), rules=view.rules
        ),
    )


@app.command("list")
def list_(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List elections."""
    from coop.assemblies.views import list_elections

    emit_listing(ctx, list_elections, ELECTION_COLUMNS, fmt, title=_("Elections"))


@app.command("show")
def show(
    ctx: typer.Context,
    election: ElectionArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show an election: candidates, turnout and, once closed, who was elected."""
    from coop.assemblies import elections
    from coop.assemblies.views import election_view

    emit_record(ctx, lambda session: election_view(session, elections.find_election(session, election)), fmt)


@app.command("open")
def open_(ctx: typer.Context, election: ElectionArgument) -> None:
    """Open the election for voting (at an assembly, quorum is checked)."""
    from coop.assemblies.elections import eligible_voters, open_election

    eligible = _election_command(ctx, election, open_election, then=eligible_voters)
    typer.echo(
        _("Election {id} is open; {eligible} members may vote.").format(id=election, eligible=eligible)
    )


@app.command("cast")
def cast(
    ctx: typer.Context,
    election: ElectionArgument,
    ranking: list[str] = typer.Argument(..., help=_("Candidates in order of preference (names or numbers).")),
    on_behalf_of: str | None = typer.Option(None, "--for", help=_("The absent member whose proxy you hold.")),
) -> None:
    """Cast your secret ranked ballot (run it --as yourself)."""
    from coop.assemblies.elections import cast_election_ballot

    result = _election_command(
        ctx, election, cast_election_ballot, ranking=ranking, on_behalf_of=on_behalf_of
    )
    typer.echo(
        _("Ballot cast ({ranks} candidates ranked); it is secret and cannot be changed.").format(
            ranks=result.ranks
        )
    )


@app.command("close")
def close(ctx: typer.Context, election: ElectionArgument) -> None:
    """Close the election and count it; the result is fixed with its hash."""
    from coop.assemblies.elections import close_election

    result = _election_command(ctx, election, close_election)
    typer.echo(
        _("Counted {ballots} ballots in {rounds} rounds. Elected: {winners}.").format(
            ballots=result["total_ballots"],
            rounds=len(result["rounds"]),
            winners=", ".join(result["winners"]),
        )
    )


@app.command("results")
def results(
    ctx: typer.Context,
    election: ElectionArgument,
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Write the results report (.pdf or .html).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """The official count, round by round (JSON in the rcv-conformance-case/1 format)."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "election_results.html.j2") as printout:
        from coop.assemblies import elections

        with open_session(ctx) as session:
            found = elections.find_election(session, election)
            data = elections.official_result(found)
            report = None
            if out is not None:
                from coop.assemblies.election_report import election_report

                report = election_report(session, found)
        if out is not None and report is not None:
            written = printout.write(report=report)
            typer.echo(_("Wrote the results of election {id} to {file}.").format(id=election, file=written))
            return
        if fmt is OutputFormat.json:
            import json

            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        rows = []
        for round_ in data["rounds"]:
            rows.append(
                {
                    "round": round_["round"],
                    "threshold": round_["threshold"],
                    "tally": "; ".join(f"{name} {votes}" for name, votes in round_["tally"].items()),
                    "elected": round_["elected"],
                    "eliminated": round_["eliminated"],
                }
            )
        emit_rows(
            rows,
            [
                ("round", _("Round")),
                ("threshold", _("Threshold")),
                ("tally", _("Votes")),
                ("elected", _("Elected")),
                ("eliminated", _("Eliminated")),
            ],
            fmt,
            title=_("Elected: {winners}").format(winners=", ".join(data["winners"])),
        )


@app.command("export")
def export(
    ctx: typer.Context,
    election: ElectionArgument,
    out: Path = typer.Option(..., "--out", "-o", help=_("File: .blt for other STV software, or .csv.")),
) -> None:
    """Export the ballots of a closed election, in random order, for a recount elsewhere."""
    from coop.assemblies import elections
    from coop.errors import VoteError
    from coop.votes.ballot_files.ballots_csv import write_ballots_csv
    from coop.votes.ballot_files.blt import write_blt
    from coop.votes.ballot_files.rules_json import write_rules_json

    with open_session(ctx) as session:
        found = elections.find_election(session, election)
        if found.status.value != "closed":
            raise VoteError(
                _("Election {id} is not closed; ballots are exported after the count.").format(id=election)
            )
        ballots = elections.recount_ballots(session, found)
        rules = elections.count_rules_of(found)
    if out.suffix.lower() == ".blt":
        write_blt(out, ballots, rules)
    elif out.suffix.lower() == ".csv":
        write_ballots_csv(out, ballots, rules)
        # The counting rules beside the ballots: coop votes tabulate FILE.csv --rules FILE.rules.json
        write_rules_json(out.with_suffix(".rules.json"), rules)
    else:
        raise VoteError(_("Cannot write {file}: the ballots export as .blt or .csv.").format(file=out.name))
    typer.echo(
        ngettext(
            "Wrote {count} ballot to {file}, in random order.",
            "Wrote {count} ballots to {file}, in random order.",
            len(ballots),
        ).format(count=len(ballots), file=out)
    )
