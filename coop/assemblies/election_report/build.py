"""The whole results report from an official result (``rcv-conformance-case/1``) and its rules:
round by round, the winners, the turnout and the notes on how to redo the count. Pure: no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coop.assemblies.election_report.numbers import TableNumbers, as_decimal, plain_number, plural_count
from coop.assemblies.election_report.rounds import (
    balance_of_round,
    candidate_order,
    chart_bar,
    chart_legend,
    decision_sentence,
    inactive_cause_labels,
    round_chart,
    status_labels,
    tie_sentence,
    transfer_lines,
)
from coop.assemblies.election_report.rules_text import describe_rules, method_name, threshold_name
from coop.formatting import format_date, format_number, format_time
from coop.i18n import _, ngettext
from coop.reports import charts
from coop.reports import election_model as em
from coop.votes.tally import CountRules

INACTIVE_CAUSES = ("overvote", "skipped_ranks", "exhausted_choices", "repeated_ranking")
#: Beyond these sizes one small chart per round would be too small to read: no overview is drawn.
OVERVIEW_MAX_ROUNDS = 12
OVERVIEW_MAX_CANDIDATES = 14


@dataclass(frozen=True)
class ReportHeading:
    """What every kind of results report prints above its count, and in which language."""

    cooperative: str
    election_title: str
    election_number: str
    election_id: int | None
    counted_at: datetime | None
    eligible_voters: int | None
    result_hash: str
    language: str = "en"

    @property
    def reference(self) -> str:
        """The election's number in the recount commands ("N" for a count that is no stored election)."""
        return str(self.election_id) if self.election_id is not None else "N"

    def report_fields(self, result: Mapping[str, Any], ballots: int) -> dict[str, Any]:
        """The view model's fields that every kind of report fills alike: the heading, the turnout,
        the result's hash and format, and the note on reprints."""
        turnout, turnout_sentence = turnout_of(ballots, self.eligible_voters, self.language)
        return {
            "cooperative": self.cooperative,
            "title": _("Election results"),
            "election_title": self.election_title,
            "election_number": self.election_number,
            "count_date": format_date(self.counted_at, self.language) if self.counted_at else "",
            "count_time": format_time(self.counted_at),
            "eligible_voters": self.eligible_voters,
            "turnout": turnout,
            "turnout_sentence": turnout_sentence,
            "result_hash": self.result_hash,
            "result_format": str(result.get("format", "")),
            "status_note": _(
                "Printed from the official result stored when the election was closed; it is not recounted "
                "for printing, so every copy shows the same count."
            ),
            "language": self.language,
        }


def build_election_report(
    result: Mapping[str, Any], rules: CountRules, heading: ReportHeading
) -> em.ElectionReport:
    """The view model of a results report from an official result (``rcv-conformance-case/1``)."""
    language = heading.language
    rounds = list(result["rounds"])
    total_ballots = as_decimal(result["total_ballots"])
    no_rankings = as_decimal(result.get("ballots_with_no_rankings", "0"))
    order = candidate_order(rules, rounds)
    statuses = status_labels()
    causes = [cause for cause in INACTIVE_CAUSES if any(as_decimal(r["inactive"][cause]) for r in rounds)]
    show_residual = any(as_decimal(r.get("residual_surplus", "0")) for r in rounds)
    balance_labels = {
        **inactive_cause_labels(),
        "inactive": _("Inactive ballots"),
        "no_rankings": _("Ballots with no rankings"),
        "residual_surplus": _("Residual surplus (rounding)"),
        "final_round_surplus": _("Surplus not transferred"),
        "total": _("Total: ballots"),
    }
    ties_by_round: dict[int, list[str]] = {}
    all_ties: list[str] = []
    for tie in result.get("tie_resolutions_derived") or []:
        sentence = _("Round {round}: {what}").format(round=tie["round"], what=tie_sentence(tie))
        ties_by_round.setdefault(int(tie["round"]), []).append(tie_sentence(tie))
        all_ties.append(sentence)
    final_round = rounds[-1] if rounds else None
    keeps_last_surplus_round = (
        len(rounds) - 2 if final_round is not None and "final_round_surplus" in final_round else None
    )

    sections: list[em.RoundSection] = []
    panels: list[charts.ChartPanel] = []
    elected_so_far: set[str] = set()
    previous_tally: dict[str, Decimal] | None = None
    previous_balance: dict[str, Decimal] = {}
    inactive_labels = inactive_cause_labels()
    for index, round_ in enumerate(rounds):
        number = int(round_["round"])
        tally = {name: as_decimal(votes) for name, votes in round_["tally"].items()}
        threshold = as_decimal(round_["threshold"])
        balance_values = balance_of_round(round_, causes, no_rankings, show_residual)
        changes = (
            {name: votes - previous_tally.get(name, Decimal(0)) for name, votes in tally.items()}
            if previous_tally is not None
            else {}
        )
        balance_total = sum(tally.values(), Decimal(0)) + sum(
            (value for _key, value in balance_values if value is not None), Decimal(0)
        )
        numbers = TableNumbers(
            language,
            [
                *tally.values(),
                *changes.values(),
                *(value for _key, value in balance_values if value is not None),
                balance_total,
            ],
        )
        rows = []
        for name in order:
            if name not in tally:
                continue
            if name in round_["elected"]:
                key = "elected"
            elif name in round_["eliminated"]:
                key = "eliminated"
            elif name in elected_so_far:
                key = "elected_earlier"
            else:
                key = "continuing"
            rows.append(
                em.TallyRow(
                    candidate=name,
                    votes=numbers.votes(tally[name]),
                    change=numbers.change(changes[name]) if previous_tally is not None else "—",
                    status=statuses[key],
                    status_key=key,
                )
            )
        balance = []
        for key, value in balance_values:
            assert value is not None
            change = ""
            if previous_tally is not None and key != "no_rankings":
                change = numbers.change(value - previous_balance.get(key, Decimal(0)))
            elif previous_tally is None and key != "no_rankings":
                change = "—"
            balance.append(
                em.BalanceRow(key=key, label=balance_labels[key], votes=numbers.votes(value), change=change)
            )
        balance.append(
            em.BalanceRow(
                key="total", label=balance_labels["total"], votes=numbers.votes(balance_total), change=""
            )
        )
        is_last = index == len(rounds) - 1
        final_surplus = as_decimal(round_["final_round_surplus"]) if "final_round_surplus" in round_ else None
        threshold_text = plain_number(threshold, language)
        title = _("Round {number}").format(number=number)
        chart = round_chart(
            rows,
            tally,
            threshold,
            _("Threshold {threshold}").format(threshold=threshold_text),
            _("Votes of each candidate in round {number}, with the threshold of {threshold}.").format(
                number=number, threshold=threshold_text
            ),
        )
        panels.append(
            charts.ChartPanel(
                title=title,
                bars=tuple(chart_bar(row, tally) for row in rows),
                threshold=threshold,
                threshold_label=threshold_text,
            )
        )
        transfers = transfer_lines(round_, keeps_last_surplus_round == index, language)
        if is_last:
            transfers_heading = _("Transfers after round {number}").format(number=number)
        else:
            transfers_heading = _("Transfers into round {number}").format(number=number + 1)
        sections.append(
            em.RoundSection(
                number=number,
                title=title,
                threshold=threshold_text,
                rows=tuple(rows),
                balance=tuple(balance),
                inactive=tuple(
                    em.InactiveCount(
                        cause=cause,
                        label=inactive_labels[cause],
                        votes=plain_number(as_decimal(round_["inactive"][cause]), language),
                    )
                    for cause in INACTIVE_CAUSES
                ),
                inactive_total=plain_number(as_decimal(round_["inactive"]["total"]), language),
                decision=decision_sentence(
                    rules,
                    round_,
                    threshold,
                    is_last,
                    numbers,
                    final_surplus,
                    winner_found=bool(elected_so_far),
                ),
                ties=tuple(ties_by_round.get(number, ())),
                transfers_heading=transfers_heading,
                transfers=transfers,
                residual_surplus=(
                    plain_number(as_decimal(round_["residual_surplus"]), language)
                    if "residual_surplus" in round_
                    else None
                ),
                final_round_surplus=plain_number(final_surplus, language)
                if final_surplus is not None
                else None,
                chart_svg=chart,
                elected=tuple(round_["elected"]),
                eliminated=tuple(round_["eliminated"]),
            )
        )
        elected_so_far.update(round_["elected"])
        previous_tally = tally
        previous_balance = {key: value for key, value in balance_values if value is not None}

    winners = winner_lines(rules, list(result["winners"]), rounds, language)
    overview = None
    if 1 < len(rounds) <= OVERVIEW_MAX_ROUNDS and len(order) <= OVERVIEW_MAX_CANDIDATES:
        overview = charts.small_multiples(
            panels,
            columns=3,
            legend=chart_legend(),
            description=_("The votes of each candidate, round by round."),
        )
    return em.ElectionReport(
        **heading.report_fields(result, int(total_ballots)),
        seats=rules.seats,
        method=method_name(rules),
        candidates=tuple(rules.candidates),
        total_ballots=plain_number(total_ballots, language),
        ballots_with_no_rankings=plain_number(no_rankings, language),
        threshold=plain_number(as_decimal(result["final_threshold"]), language),
        threshold_name=threshold_name(rules),
        rules=describe_rules(rules, result, language),
        rounds=tuple(sections),
        winners=winners,
        ties=tuple(all_ties),
        overview_svg=overview,
        recount_note=_(
            "Anyone can redo this count: export the ballots with “coop election export {id} --out "
            "ballots.csv” and count them with “coop votes tabulate ballots.csv --rules ballots.rules.json”, "
            "or load the .blt export into other STV software."
        ).format(id=heading.reference),
    )


def winner_lines(
    rules: CountRules, names: Sequence[str], rounds: Sequence[Mapping[str, Any]], language: str
) -> tuple[em.WinnerLine, ...]:
    lines = []
    for position, name in enumerate(names, start=1):
        found = next((r for r in rounds if name in r["elected"]), None)
        if found is None:
            lines.append(em.WinnerLine(order=position, name=name, round=None, votes="", how=_("elected")))
            continue
        votes = as_decimal(found["tally"].get(name, "0"))
        threshold = as_decimal(found["threshold"])
        text = plain_number(votes, language)
        if votes >= threshold:
            how = ngettext(
                "reached the threshold in round {round} with {votes} vote",
                "reached the threshold in round {round} with {votes} votes",
                plural_count(votes),
            ).format(round=found["round"], votes=text)
        elif rules.seats > 1:
            how = ngettext(
                "elected in round {round} with {votes} vote, as no more candidates remained than seats "
                "to fill",
                "elected in round {round} with {votes} votes, as no more candidates remained than seats "
                "to fill",
                plural_count(votes),
            ).format(round=found["round"], votes=text)
        else:
            how = ngettext(
                "elected in round {round} with {votes} vote, the most of the candidates remaining",
                "elected in round {round} with {votes} votes, the most of the candidates remaining",
                plural_count(votes),
            ).format(round=found["round"], votes=text)
        lines.append(em.WinnerLine(order=position, name=name, round=int(found["round"]), votes=text, how=how))
    return tuple(lines)


def turnout_of(ballots: int, eligible_voters: int | None, language: str) -> tuple[str | None, str]:
    """The turnout (``"88.9%"``, None without a count of eligible voters) and the sentence that says it."""
    turnout = None
    if eligible_voters:
        share = (Decimal(ballots) * 100 / Decimal(eligible_voters)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        turnout = _("{percent}%").format(percent=format_number(share, language, 1))
        turnout_sentence = ngettext(
            "{ballots} ballot was cast by {eligible} eligible voters: a turnout of {turnout}.",
            "{ballots} ballots were cast by {eligible} eligible voters: a turnout of {turnout}.",
            ballots,
        ).format(
            ballots=plain_number(ballots, language),
            eligible=plain_number(eligible_voters, language),
            turnout=turnout,
        )
    else:
        turnout_sentence = ngettext(
            "{ballots} ballot was counted.", "{ballots} ballots were counted.", ballots
        ).format(ballots=plain_number(ballots, language))
    return turnout, turnout_sentence
