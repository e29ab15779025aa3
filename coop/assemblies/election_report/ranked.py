"""The results report of an election counted by Meek, WIGM, the Scottish rules or Schulze, from its
stored result (formats ``coop-stv/1`` and ``coop-schulze/1``). Pure: no database.

Meek, WIGM and Scottish print each round as it began (votes, the change from the round before, Meek's
keep factors, the quota, surplus and votes for nobody) and what it decided; Schulze prints the pairwise
matrix, the strongest paths and the ranking, with how to check them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from coop.assemblies.election_report.build import ReportHeading
from coop.assemblies.election_report.numbers import MINUS, plain_number
from coop.formatting import format_number
from coop.i18n import _, ngettext
from coop.reports import election_model as em
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.stv.methods import STV_FORMAT, event_sentence
from coop.votes.stv.model import Event

#: Meek and WIGM keep 18 digits or exact fractions; the report shows this many decimals.
SHOWN_PLACES = 6
SCOTTISH_PLACES = 5


def build_ranked_report(
    result: Mapping[str, Any],
    *,
    preset: str,
    method: str,
    candidates: Sequence[str],
    heading: ReportHeading,
) -> em.ElectionReport:
    """The view model of a results report counted by ``preset`` (meek, wigm, scottish or schulze);
    ``method`` names it in words."""
    language = heading.language
    stv = result.get("format") == STV_FORMAT
    ballots = int(result["total_ballots"])
    places = SCOTTISH_PLACES if preset == "scottish" else SHOWN_PLACES
    if stv:
        count = _stv_count(result, preset, places, language)
        quota = _number(result["final"]["quota"], places, language)
        threshold_name = _("Droop quota")
        winners = _stv_winners(result, places, language)
        rules = _stv_rules(result, preset, language)
    else:
        schulze = _schulze_count(result, language)
        quota, threshold_name = "—", ""
        winners = tuple(
            em.WinnerLine(order=1, name=name, round=None, votes="", how=_("beats every other candidate"))
            for name in result["winners"]
        )
        rules = _schulze_rules()
    unranked = ballots - int(result["ballots"])
    return em.ElectionReport(
        **heading.report_fields(result, ballots),
        seats=int(result.get("seats", 1)),
        method=method,
        candidates=tuple(candidates),
        total_ballots=plain_number(ballots, language),
        ballots_with_no_rankings=plain_number(unranked, language),
        threshold=quota,
        threshold_name=threshold_name,
        rules=rules,
        rounds=(),
        winners=winners,
        ties=(),
        overview_svg=None,
        recount_note=_(
            "Anyone can redo this count: export the ballots with “coop election export {id} --out "
            "ballots.blt” and count them with “coop votes tabulate ballots.blt --method {method}”, or "
            "load the .blt file into other counting software (Droop, OpenSTV)."
        ).format(id=heading.reference, method=preset),
        round_count=len(result["rounds"]) if stv else 0,
        stv=count if stv else None,
        schulze=None if stv else schulze,
    )


def _number(text: str, places: int, language: str) -> str:
    """A stored decimal shown with ``places`` decimals (rounded half up), in the reader's way."""
    return format_number(Decimal(show_decimal(Fraction(text), places)), language, places)


def _change(value: Fraction, places: int, language: str) -> str:
    shown = format_number(Decimal(show_decimal(abs(value), places)), language, places)
    if Decimal(show_decimal(abs(value), places)) == 0:
        return shown
    return ("+" if value > 0 else MINUS) + shown


def _state_words() -> dict[str, str]:
    return {
        "hopeful": _("continuing"),
        "elected": _("elected"),
        "defeated": _("excluded"),
        "withdrawn": _("withdrawn"),
    }


def _stv_table(
    title: str,
    snapshot: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    events: Sequence[str],
    places: int,
    language: str,
) -> em.StvRoundTable:
    states = _state_words()
    keep = snapshot.get("keep_factors")
    order = sorted(snapshot["votes"].items(), key=lambda item: (-Fraction(item[1]), item[0]))
    rows = []
    for name, votes in order:
        change = (
            _change(Fraction(votes) - Fraction(before["votes"][name]), places, language)
            if before is not None
            else "—"
        )
        rows.append(
            em.StvRow(
                candidate=name,
                votes=_number(votes, places, language),
                change=change,
                keep_factor=_number(keep[name], places, language) if keep is not None else "",
                state=states[snapshot["states"][name]],
                state_key=snapshot["states"][name],
            )
        )
    return em.StvRoundTable(
        title=title,
        quota=_number(snapshot["quota"], places, language),
        rows=tuple(rows),
        surplus=_number(snapshot["surplus"], places, language),
        residual=_number(snapshot["residual"], places, language),
        events=tuple(events),
    )


def _events(round_: Mapping[str, Any], places: int, language: str) -> list[str]:
    return [
        event_sentence(
            Event(
                e["kind"],
                tuple(e["candidates"]),
                Fraction(e["amount"]) if e["amount"] is not None else None,
                e["reason"],
            ),
            places,
            lambda value: format_number(Decimal(show_decimal(value, places)), language, places),
        )
        for e in round_["events"]
    ]


def _stv_count(result: Mapping[str, Any], preset: str, places: int, language: str) -> em.StvCount:
    rounds = list(result["rounds"])
    tables = []
    before: Mapping[str, Any] | None = None
    for round_ in rounds:
        title = _("Round {number}").format(number=round_["round"])
        tables.append(_stv_table(title, round_, before, _events(round_, places, language), places, language))
        before = round_
    final = _stv_table(_("End of the count"), result["final"], before, (), places, language)
    meek = preset == "meek"
    if meek:
        numbers = _(
            "The count keeps 18 significant digits (and 9 more as a guard); the report shows {places} "
            "decimals, rounded. Omega, the surplus small enough to stop adjusting the keep factors: {omega}."
        ).format(places=places, omega=_number(result["omega"], 9, language))
    elif preset == "scottish":
        numbers = _(
            "Votes are counted to 5 decimals; transfer values are cut (not rounded) to 5 decimals, as "
            "the Scottish rules prescribe."
        )
    else:
        numbers = _("The count is exact (fractions); the report shows {places} decimals, rounded.").format(
            places=places
        )
    reading = _(
        "Each table shows the count as the round began: every candidate's votes, the change from the "
        "round before (votes transferred in or out), the quota, the surplus of the elected over the "
        "quota and the votes that count for nobody (ballots with no further choice, and rounding); "
        "below it, what the round decided."
    )
    if meek:
        reading += " " + _(
            "A candidate's keep factor is the share of each vote reaching them that they keep; the rest "
            "passes on to the next choice. It is 1 for a continuing candidate and 0 for an excluded one."
        )
    return em.StvCount(
        method=preset,
        reading_note=reading,
        numbers_note=numbers,
        keep_factors=meek,
        rounds=tuple(tables),
        final=final,
    )


def _stv_winners(result: Mapping[str, Any], places: int, language: str) -> tuple[em.WinnerLine, ...]:
    lines = []
    for position, name in enumerate(result["winners"], start=1):
        found = next(
            (
                r
                for r in result["rounds"]
                if any(e["kind"] == "elected" and name in e["candidates"] for e in r["events"])
            ),
            None,
        )
        votes = _number(result["final"]["votes"][name], places, language)
        if found is None:
            how = _("elected")
            number = None
        else:
            number = int(found["round"])
            remaining = any(
                e["kind"] == "elected" and name in e["candidates"] and e["reason"] == "remaining"
                for e in found["events"]
            )
            how = (
                _("elected in round {round}, as no more candidates remained than seats to fill")
                if remaining
                else _("elected in round {round}, over the quota")
            ).format(round=number)
        lines.append(em.WinnerLine(order=position, name=name, round=number, votes=votes, how=how))
    return tuple(lines)


def _stv_rules(result: Mapping[str, Any], preset: str, language: str) -> tuple[em.RuleLine, ...]:
    seats = int(result["seats"])
    quota_first = plain_number(Decimal(result["rounds"][0]["quota"]).normalize(), language)
    if preset == "meek":
        method = _(
            "Single transferable vote by Meek's method. Every candidate has a keep factor: the share of "
            "each vote reaching them that they keep. A ballot gives its first choice that share and passes "
            "the rest on to its next choice, and so on; the keep factors of the elected are lowered until "
            "each keeps just the quota."
        )
        quota = _(
            "The Droop quota: the votes kept by all candidates divided by the seats plus one ({quota} at "
            "the start); it is worked out again as ballots run out of choices. A candidate whose votes "
            "exceed it is elected."
        )
    else:
        method = _(
            "Single transferable vote by the weighted inclusive Gregory method: the surplus of an elected "
            "candidate passes on every ballot they hold, at a value reduced by surplus ÷ votes, to its "
            "next choice still continuing; the elected candidate keeps exactly the quota."
        )
        if preset == "scottish":
            method += " " + _(
                "These are the Scottish STV rules (Scottish Local Government Elections Order 2007)."
            )
            quota = _(
                "The ballots divided by the seats plus one, its whole part plus one ({quota}); a candidate "
                "who reaches it is elected."
            )
        else:
            quota = _(
                "The ballots divided by the seats plus one ({quota}); a candidate whose votes exceed it "
                "is elected."
            )
    lines = [
        em.RuleLine(topic=_("Method"), sentence=method),
        em.RuleLine(
            topic=_("Quota"),
            sentence=quota.format(quota=quota_first),
        ),
        em.RuleLine(
            topic=_("Exclusion"),
            sentence=ngettext(
                "When no surplus is left to transfer, the candidate with the fewest votes is excluded and "
                "their ballots pass on to their next choice, until {seats} candidate is elected.",
                "When no surplus is left to transfer, the candidate with the fewest votes is excluded and "
                "their ballots pass on to their next choice, until {seats} candidates are elected.",
                seats,
            ).format(seats=seats),
        ),
        em.RuleLine(
            topic=_("Ties"),
            sentence=_(
                "By the votes at the latest earlier stage where the tied candidates differed; then against "
                "the candidate listed first on the ballot paper."
            )
            if preset == "scottish"
            else _(
                "Against the candidate listed first on the ballot paper: that candidate is excluded first, "
                "or has their surplus transferred first."
            ),
        ),
    ]
    return tuple(lines)


def _schulze_rules() -> tuple[em.RuleLine, ...]:
    return (
        em.RuleLine(
            topic=_("Method"),
            sentence=_(
                "The Schulze method (winning votes), a Condorcet method: every pair of candidates is "
                "compared on every ballot, and the candidate who beats every other, directly or through a "
                "chain of wins, is elected."
            ),
        ),
        em.RuleLine(
            topic=_("Ballots"),
            sentence=_(
                "A ballot ranks a candidate above every candidate it ranks lower and every candidate it "
                "leaves unranked; the candidates it leaves unranked count as equal among themselves."
            ),
        ),
        em.RuleLine(
            topic=_("Ties"),
            sentence=_(
                "Candidates nobody beats share the first place; the bylaws' tie rule decides between them."
            ),
        ),
    )


def _matrix(
    names: Sequence[str], cells: Mapping[str, Mapping[str, int]], language: str
) -> tuple[em.MatrixRow, ...]:
    rows = []
    for row in names:
        rows.append(
            em.MatrixRow(
                candidate=row,
                cells=tuple(
                    "" if row == column else plain_number(cells[row][column], language) for column in names
                ),
                wins=tuple(row != column and cells[row][column] > cells[column][row] for column in names),
            )
        )
    return tuple(rows)


def _schulze_count(result: Mapping[str, Any], language: str) -> em.SchulzeCount:
    names = list(result["candidates"])
    ranking = []
    for place, tied in enumerate(result["ranking"], start=1):
        text = ", ".join(tied)
        if len(tied) > 1:
            text = _("{names} (tied)").format(names=text)
        ranking.append(f"{place}. {text}")
    return em.SchulzeCount(
        candidates=tuple(names),
        pairwise=_matrix(names, result["pairwise"], language),
        pairwise_note=_(
            "Each cell is the number of ballots that rank the row's candidate above the column's. The row's "
            "candidate wins the pair when its number is larger than the one across the diagonal (in bold)."
        ),
        paths=_matrix(names, result["strongest_paths"], language),
        paths_note=_(
            "Each cell is the strength of the strongest chain of wins from the row's candidate to the "
            "column's: a chain is as strong as its weakest win, and 0 means there is none. The row's "
            "candidate beats the column's when its number is larger than the one across the diagonal."
        ),
        ranking=tuple(ranking),
        how_to_check=_(
            "To check by hand: count, for every pair, the ballots that rank one above the other (the first "
            "table). A win counts with the votes of the winner; for every pair, follow every chain of wins "
            "from one to the other and take the chain whose weakest win is strongest (the second table). "
            "The winner is the candidate whose every number in the second table is larger than the one "
            "across the diagonal."
        ),
    )
