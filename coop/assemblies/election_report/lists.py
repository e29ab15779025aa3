"""The results report of an election by lists, from its stored result (``coop-list-result/1``).

Pure: the result JSON in, :class:`~coop.reports.election_lists_model.ListElectionReport` out. The
rules are put in plain words here, one topic per line, with the rule for the alternates.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from coop.assemblies.election_report.build import ReportHeading
from coop.assemblies.election_report.numbers import as_decimal, join_names, plain_number
from coop.formatting import format_number
from coop.i18n import _, ngettext
from coop.reports.election_lists_model import ElectedList, ListElectionReport, ListRow, QuotientCell
from coop.reports.election_model import RuleLine
from coop.votes.lists import ListMethod, ShareRounding, first_list_seats


def method_words(method: str) -> str:
    return {
        "dhondt": _("lists, D'Hondt"),
        "sainte-lague": _("lists, Sainte-Laguë"),
        "lista-completa": _("lista completa"),
        "lista-incompleta": _("lista incompleta"),
    }[method]


def _number(text: str | int, language: str, places: int = 0) -> str:
    value = as_decimal(text)
    if places:
        return format_number(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), language, places)
    return plain_number(value, language)


def list_rules_lines(result: Mapping[str, Any], language: str) -> tuple[RuleLine, ...]:
    method = result["method"]
    seats, alternates = int(result["seats"]), int(result["alternates"])
    if method == "dhondt":
        how = _(
            "Each list's votes are divided by 1, 2, 3 … up to the number of seats ({seats}); the seats go "
            "one by one to the highest quotients (D'Hondt)."
        ).format(seats=seats)
    elif method == "sainte-lague":
        how = _(
            "Each list's votes are divided by the odd numbers 1, 3, 5 …; the seats go one by one to the "
            "highest quotients (Sainte-Laguë)."
        )
    elif method == "lista-completa":
        how = _("The list with the most votes takes every seat (lista completa).")
    else:
        share = Fraction(result["share"])
        first = first_list_seats(seats, share, ShareRounding.UP)
        how = _(
            "The list with the most votes takes {share} of the seats, rounded up: {first} of {seats}; the "
            "runner-up takes the rest (lista incompleta)."
        ).format(share=f"{share.numerator}/{share.denominator}", first=first, seats=seats)
    threshold = as_decimal(result["threshold_percent"])
    if threshold:
        minimum = _(
            "A list takes part when its votes reach {percent} % of the valid votes ({votes} votes); lists "
            "below it take no seat."
        ).format(
            percent=plain_number(threshold.normalize(), language),
            votes=_number(result["threshold_votes"], language, 2),
        )
    else:
        minimum = _("No minimum share: every list with votes takes part.")
    lines = [
        RuleLine(_("Seats"), how),
        RuleLine(
            _("Valid votes"),
            _(
                "The valid votes are the votes cast for a list. Blank and void ballots are counted and "
                "reported apart: they are no list's votes and take no part in the threshold or the shares."
            ),
        ),
        RuleLine(_("Threshold"), minimum),
        RuleLine(_("Titulares"), _("Each list's seats are taken by its titulares, in the list's order.")),
    ]
    if alternates:
        lines.append(
            RuleLine(
                _("Suplentes"),
                ngettext(
                    "The {count} alternate place is shared among the lists by the same rule and the same "
                    "votes, as a second allocation; a list's place is taken by its suplentes in their own "
                    "order, who fill vacancies later.",
                    "The {count} alternate places are shared among the lists by the same rule and the same "
                    "votes, as a second allocation; each list's places are taken by its suplentes in their "
                    "own order, who fill vacancies later.",
                    alternates,
                ).format(count=alternates),
            )
        )
    lines.append(
        RuleLine(
            _("Ties"),
            _(
                "Lists tied for a seat: the one with more votes in total takes it; lists still tied are "
                "drawn by lot from the seed {seed}."
            ).format(seed=result["seed"]),
        )
    )
    return tuple(lines)


def tie_sentence(tie: Mapping[str, Any]) -> str:
    """How a tie between lists for a seat or an alternate place was broken, in a sentence."""
    tied = join_names(list(tie["tied"]))
    if tie["for"] == "alternate":
        if tie["by"] == "votes":
            return _(
                "Alternate place {seat}: {tied} tied; {chosen} takes it, having more votes in total."
            ).format(seat=tie["seat"], tied=tied, chosen=tie["chosen"])
        return _("Alternate place {seat}: {tied} tied in everything; {chosen} takes it by the draw.").format(
            seat=tie["seat"], tied=tied, chosen=tie["chosen"]
        )
    if tie["by"] == "votes":
        return _("Seat {seat}: {tied} tied; {chosen} takes it, having more votes in total.").format(
            seat=tie["seat"], tied=tied, chosen=tie["chosen"]
        )
    return _("Seat {seat}: {tied} tied in everything; {chosen} takes it by the draw.").format(
        seat=tie["seat"], tied=tied, chosen=tie["chosen"]
    )


def build_list_report(result: Mapping[str, Any], heading: ReportHeading) -> ListElectionReport:
    """The view model of the results of an election by lists."""
    language = heading.language
    divisors = tuple(int(d) for d in result["divisors"])
    cells = {(q["list"], int(q["divisor"])): q for q in result["quotients"]}
    rows = []
    for item in result["lists"]:
        quotients = tuple(
            QuotientCell(
                _number(cells[(item["name"], d)]["value"], language, 2), cells[(item["name"], d)]["seat"]
            )
            for d in divisors
            if (item["name"], d) in cells
        )
        rows.append(
            ListRow(
                number=int(item["number"]),
                name=item["name"],
                votes=_number(item["votes"], language),
                share=_number(item["share_percent"], language, 2) + " %",
                takes_part=bool(item["takes_part"]),
                seats=int(item["seats"]),
                alternate_places=int(item["alternate_places"]),
                quotients=quotients,
            )
        )
    elected = tuple(
        ElectedList(
            name=item["name"],
            titulares=tuple(item["elected"]),
            suplentes=tuple(item["alternates"]),
            sentence=_("{seats} and {places}").format(
                seats=ngettext("{count} seat", "{count} seats", item["seats"]).format(count=item["seats"]),
                places=ngettext(
                    "{count} alternate place", "{count} alternate places", item["alternate_places"]
                ).format(count=item["alternate_places"]),
            ),
        )
        for item in result["lists"]
        if item["seats"] or item["alternate_places"]
    )
    ballots = int(result["total_ballots"])
    threshold = as_decimal(result["threshold_percent"])
    method = result["method"]
    seat_order = list(result["seat_order"])
    recount = _(
        "Anyone can redo this count: export the ballots with “coop election export {id} --out ballots.csv” "
        "and count them with “coop votes tabulate ballots.csv --method {method} --seats {seats}{options}”."
    ).format(
        id=heading.reference,
        method=method,
        seats=result["seats"],
        options=(f" --share {result['share']}" if result.get("share") else "")
        + (f" --threshold {plain_number(threshold.normalize(), 'en')}%" if threshold else "")
        + f" --seed {result['seed']}",
    )
    return ListElectionReport(
        **heading.report_fields(result, ballots),
        method=method_words(method),
        seats=int(result["seats"]),
        alternates=int(result["alternates"]),
        total_ballots=plain_number(ballots, language),
        valid_votes=plain_number(int(result["valid_votes"]), language),
        blank=plain_number(int(result["blank"]), language),
        void=plain_number(int(result["void"]), language),
        threshold=_("{percent} % of the valid votes: {votes} votes").format(
            percent=plain_number(threshold.normalize(), language),
            votes=_number(result["threshold_votes"], language, 2),
        )
        if threshold
        else _("none"),
        lists=tuple(rows),
        divisors=divisors if ListMethod(method).uses_divisors else (),
        seat_sentence=_("Seats in order: {seats}.").format(
            seats="; ".join(f"{n}: {name}" for n, name in enumerate(seat_order, start=1))
        ),
        alternate_sentence=_("Alternate places in order: {places}.").format(
            places="; ".join(f"{n}: {name}" for n, name in enumerate(result["alternate_order"], start=1))
        )
        if result["alternate_order"]
        else "",
        elected=elected,
        winners=tuple(result["winners"]),
        alternates_elected=tuple(result["alternates_elected"]),
        rules=list_rules_lines(result, language),
        ties=tuple(tie_sentence(tie) for tie in result["ties"]),
        recount_note=recount,
    )
