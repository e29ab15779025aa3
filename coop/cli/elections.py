"""``coop election ...``: ranked-choice elections in the database, from candidates to results."""

from __future__ import annotations

from pathlib import Path

import typer

from coop import display
from coop.cli.assemblies.shared import parse_when, when_option
from coop.cli.election_lists import emit_list_result, list_close_message
from coop.cli.options import (
    ElectionArgument,
    SlipsUnbalancedOption,
    command_group,
    command_scope,
    emit_listing,
    emit_record,
    say_done,
)
from coop.cli.output import OutputFormat, emit_or_say, emit_rows, format_option
from coop.cli.passphrase import KeyFileOption, PassphraseStdinOption, opened_key
from coop.i18n import _, ngettext

app = command_group(_("Elections: candidates ranked or lists, secret ballots, the count."))

ELECTION_COLUMNS = ("id", "title", "seats", "rules", "status", "ballots_cast", "winners")


@app.command("create")
def create(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help=_("What is being elected.")),
    seats: int = typer.Option(1, "--seats", help=_("How many people are elected.")),
    rules: str | None = typer.Option(
        None,
        "--rules",
        help=_(
            "irv, stv-droop, meek, wigm, scottish, schulze or a rules.json file (ranked); dhondt, "
            "sainte-lague, lista-completa or lista-incompleta (by lists). Default: irv, or for --council "
            "the bylaws' election.council."
        ),
    ),
    council: bool = typer.Option(
        False,
        "--council",
        help=_("The election of the council: counted by the bylaws' election.council rule."),
    ),
    candidate: list[str] = typer.Option(
        [], "--candidate", "-c", help=_("A member who consented to stand; repeat for each, in ballot order.")
    ),
    alternates: int = typer.Option(0, "--alternates", help=_("By lists: how many suplentes are elected.")),
    share: str | None = typer.Option(
        None, "--share", help=_("lista-incompleta: the first list's share of the seats (default 2/3).")
    ),
    threshold: str | None = typer.Option(
        None, "--threshold", help=_("By lists: the least share of the valid votes a list needs, like 3%.")
    ),
    assembly: str | None = typer.Option(
        None, "--assembly", help=_("The assembly where the election is held.")
    ),
    item: int | None = typer.Option(
        None, "--item", help=_("The number of the assembly's agenda item the election decides.")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Set up an election (secretary): candidates who consented to stand, or (by lists) the seats and
    alternates, the lists registered next with list-add."""
    from coop.assemblies.election_lists import LIST_RULES
    from coop.assemblies.election_views import election_view

    with command_scope(ctx) as c:
        chosen = rules or (c.elections.council_rule() if council else "irv")
        by_lists = chosen in LIST_RULES
        if by_lists and candidate:
            raise typer.BadParameter(
                _(
                    "An election by lists has no --candidate: members stand on its lists "
                    "(coop election list-add)."
                ),
                param_hint="--candidate",
            )
        if not by_lists and (alternates or share is not None or threshold is not None):
            raise typer.BadParameter(
                _("--alternates, --share and --threshold are for elections by lists (--rules dhondt, ...)."),
                param_hint="--rules",
            )
        if by_lists:
            election = c.elections.create_list_election(
                title=title,
                seats=seats,
                rules=chosen,
                alternates=alternates,
                share=share,
                threshold=threshold,
                assembly=assembly,
                item=item,
            )
        else:
            if not candidate:
                raise typer.BadParameter(
                    _("Name the candidates: --candidate 0004 --candidate 0012 ..."), param_hint="--candidate"
                )
            election = c.elections.create_election(
                title=title, seats=seats, rules=chosen, candidates=candidate, assembly=assembly, item=item
            )
        view = election_view(c.session, election)
    seats_text = ngettext("{count} seat", "{count} seats", view.seats).format(count=view.seats)
    if by_lists:
        message = _(
            "Election {id} set up: {title}, {seats} and {alternates}, rules {rules}; register its lists "
            'with: coop election list-add {id} "Lista 1" --titulares ... --suplentes ...'
        ).format(
            id=view.id,
            title=view.title,
            seats=seats_text,
            alternates=ngettext("{count} alternate", "{count} alternates", alternates).format(
                count=alternates
            ),
            rules=view.rules,
        )
    else:
        message = _("Election {id} set up: {title}, {seats}, {candidates}, rules {rules}.").format(
            id=view.id,
            title=view.title,
            seats=seats_text,
            candidates=ngettext("{count} candidate", "{count} candidates", len(view.candidates)).format(
                count=len(view.candidates)
            ),
            rules=view.rules,
        )
    emit_or_say(view.as_json(), fmt, message)


@app.command("list")
def list_(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List elections."""
    from coop.assemblies.election_views import ElectionView, list_elections

    columns = display.headings(ElectionView, ELECTION_COLUMNS)
    emit_listing(ctx, list_elections, columns, fmt, title=_("Elections"))


@app.command("show")
def show(
    ctx: typer.Context,
    election: ElectionArgument,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show an election: candidates, turnout and, once closed, who was elected."""
    from coop.assemblies import elections
    from coop.assemblies.election_views import election_view

    emit_record(ctx, lambda session: election_view(session, elections.find_election(session, election)), fmt)


@app.command("open")
def open_(
    ctx: typer.Context,
    election: ElectionArgument,
    at: str | None = when_option(
        _("When it opened, if not now: HH:MM on its assembly's day, or a date and time.")
    ),
) -> None:
    """Open the election for voting (at an assembly, quorum is checked)."""
    when = parse_when(at)
    say_done(
        ctx,
        lambda c: c.elections.eligible_voters(c.elections.open_election(election, at=when)),
        lambda eligible: ngettext(
            "Election {id} is open; {eligible} member may vote.",
            "Election {id} is open; {eligible} members may vote.",
            eligible,
        ).format(id=election, eligible=eligible),
    )


@app.command("cast")
def cast(
    ctx: typer.Context,
    election: ElectionArgument,
    ranking: list[str] = typer.Argument(
        None, help=_("Candidates in order of preference (names or numbers); by lists, the one list chosen.")
    ),
    on_behalf_of: str | None = typer.Option(None, "--for", help=_("The absent member whose proxy you hold.")),
    blank: bool = typer.Option(False, "--blank", help=_("Cast a blank ballot (voto en blanco).")),
) -> None:
    """Cast your secret ballot (run it --as yourself): candidates ranked, or one list, or --blank."""
    if blank and ranking:
        raise typer.BadParameter(_("A blank ballot names nobody: give --blank or a choice, not both."))
    if not blank and not ranking:
        raise typer.BadParameter(_("Name your choice, or cast a blank ballot with --blank."))
    from coop.assemblies.election_lists import is_list_election, list_choice

    def act(c):  # type: ignore[no-untyped-def]
        cast = c.elections.cast_election_ballot(election, ranking or [], on_behalf_of=on_behalf_of)
        found = c.elections.find_election(election)
        return cast, list_choice(c.session, found, ranking or []) if is_list_election(found) else None

    def message(done) -> str:  # type: ignore[no-untyped-def]
        cast, chosen = done
        if cast.ranks == 0:
            return _("Blank ballot cast; it is secret and cannot be changed.")
        if chosen is not None:
            return _("Ballot cast for {list}; it is secret and cannot be changed.").format(list=chosen[0])
        return ngettext(
            "Ballot cast ({ranks} candidate ranked); it is secret and cannot be changed.",
            "Ballot cast ({ranks} candidates ranked); it is secret and cannot be changed.",
            cast.ranks,
        ).format(ranks=cast.ranks)

    say_done(ctx, act, message)


@app.command("close")
def close(
    ctx: typer.Context,
    election: ElectionArgument,
    at: str | None = when_option(
        _("When it closed, if not now: HH:MM on its assembly's day, or a date and time.")
    ),
    slips_unbalanced: SlipsUnbalancedOption = None,
    key_file: KeyFileOption = None,
    passphrase_stdin: PassphraseStdinOption = False,
) -> None:
    """Close the election and count it (its sealed ballots opened with the returning officer's
    --key); the result is fixed with its hash."""
    when = parse_when(at)
    key = opened_key(key_file, passphrase_stdin)
    say_done(
        ctx,
        lambda c: c.elections.close_election(
            election, at=when, slips_unbalanced=slips_unbalanced, officer_key=key
        ),
        _closed_sentence,
    )


def _closed_sentence(result: dict) -> str:
    if "lists" in result:  # an election by lists: seats per list
        return list_close_message(result)
    ballots = int(result["total_ballots"])
    winners = ", ".join(result["winners"])
    if "rounds" not in result:  # Schulze: every pair compared once, no rounds
        return ngettext(
            "Counted {ballots} ballot by the Schulze method. Elected: {winners}.",
            "Counted {ballots} ballots by the Schulze method. Elected: {winners}.",
            ballots,
        ).format(ballots=ballots, winners=winners)
    return ngettext(
        "Counted {ballots} ballot in {rounds}. Elected: {winners}.",
        "Counted {ballots} ballots in {rounds}. Elected: {winners}.",
        ballots,
    ).format(
        ballots=ballots,
        rounds=ngettext("{count} round", "{count} rounds", len(result["rounds"])).format(
            count=len(result["rounds"])
        ),
        winners=winners,
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
        with command_scope(ctx) as c:
            data = c.elections.official_result(election)
            title = c.elections.find_election(election).title
            report = None if out is None else c.elections.results_report(election)
        if out is not None and report is not None:
            written = printout.write(report=report)
            typer.echo(_("Wrote the results of election {id} to {file}.").format(id=election, file=written))
            return
        if fmt is OutputFormat.json:
            import json

            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if "lists" in data:  # an election by lists: the allocation, not rounds
            emit_list_result(data, fmt)
            return
        if _print_ranked_method(data, title):
            return
        from decimal import Decimal

        from coop.formatting import format_number

        rows = []
        for round_ in data["rounds"]:  # votes are decimal text ("7.6248"): shown the reader's way
            tally = round_["tally"].items()
            rows.append(
                {
                    "round": round_["round"],
                    "threshold": format_number(Decimal(round_["threshold"])),
                    "tally": "; ".join(f"{name} {format_number(Decimal(votes))}" for name, votes in tally),
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
    from coop.assemblies.election_lists import is_list_election

    with command_scope(ctx) as c:
        count = c.elections.export_ballots(election, out)
        by_lists = is_list_election(c.elections.find_election(election))
    if by_lists:
        typer.echo(
            ngettext(
                "Wrote the votes of {count} ballot to {file}: one line per list, then blank and void.",
                "Wrote the votes of {count} ballots to {file}: one line per list, then blank and void.",
                count,
            ).format(count=count, file=out)
        )
        return
    typer.echo(
        ngettext(
            "Wrote {count} ballot to {file}, in random order.",
            "Wrote {count} ballots to {file}, in random order.",
            count,
        ).format(count=count, file=out)
    )


def _print_ranked_method(data: dict, title: str) -> bool:
    """A Meek, WIGM or Scottish count round by round, or a Schulze count's matrices, as stored."""
    from coop.assemblies.election_methods import SCHULZE_FORMAT, STV_FORMAT

    if data.get("format") == STV_FORMAT:
        from coop.cli.stv_rounds import print_stv_rounds
        from coop.votes.stv.methods import stv_from_json

        print_stv_rounds(stv_from_json(data), title)
        return True
    if data.get("format") == SCHULZE_FORMAT:
        from coop.cli.votes_counts import print_schulze
        from coop.votes.schulze import schulze_from_json

        print_schulze(schulze_from_json(data), title)
        return True
    return False


from coop.cli.election_lists import register_list_commands  # noqa: E402  (after app exists)

register_list_commands(app)
