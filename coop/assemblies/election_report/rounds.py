"""One round of the count as the report shows it: the order of the candidates, what was decided and
why, the transfers, the balance of ballots no longer counting, and the round's chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from coop.assemblies.election_report.numbers import (
    TableNumbers,
    as_decimal,
    join_names,
    plain_number,
    plural_count,
)
from coop.i18n import _, ngettext
from coop.reports import charts
from coop.reports import election_model as em
from coop.votes.tally import CountRules


def candidate_order(rules: CountRules, rounds: Sequence[Mapping[str, Any]]) -> list[str]:
    """One order for every round: most votes in round 1 first, then the ballot paper's order."""
    position = {name: index for index, name in enumerate(rules.counted_candidates)}
    first = rounds[0]["tally"] if rounds else {}
    names = list(dict.fromkeys([*first, *(name for r in rounds for name in r["tally"])]))
    return sorted(
        names, key=lambda name: (-as_decimal(first.get(name, "0")), position.get(name, len(position)), name)
    )


def status_labels() -> dict[str, str]:
    return {
        "elected": _("elected"),
        "elected_earlier": _("elected earlier"),
        "eliminated": _("eliminated"),
        "continuing": _("continuing"),
    }


def inactive_cause_labels() -> dict[str, str]:
    return {
        "overvote": _("Inactive: overvote"),
        "skipped_ranks": _("Inactive: too many blank ranks"),
        "exhausted_choices": _("Inactive: no further choice"),
        "repeated_ranking": _("Inactive: repeated rank"),
    }


def tie_sentence(tie: Mapping[str, Any]) -> str:
    tied = join_names(list(tie["tied"]))
    if tie["selecting"] == "winner":
        return _("{tied} were tied for election; under the tie-break rule {selected} is elected.").format(
            tied=tied, selected=tie["selected"]
        )
    return _(
        "{tied} were tied for the fewest votes; under the tie-break rule {selected} is eliminated."
    ).format(tied=tied, selected=tie["selected"])


def decision_sentence(
    rules: CountRules,
    round_: Mapping[str, Any],
    threshold: Decimal,
    is_last: bool,
    numbers: TableNumbers,
    final_surplus: Decimal | None,
    winner_found: bool,
) -> str:
    tally = {name: as_decimal(votes) for name, votes in round_["tally"].items()}
    elected = list(round_["elected"])
    eliminated = list(round_["eliminated"])
    sentences: list[str] = []
    reached = [name for name in elected if tally.get(name, Decimal(0)) >= threshold]
    below = [name for name in elected if name not in reached]
    if reached:
        sentences.append(
            ngettext(
                "{names} reached the threshold of {threshold} votes and is elected.",
                "{names} reached the threshold of {threshold} votes and are elected.",
                len(reached),
            ).format(names=join_names(reached), threshold=plain_number(threshold, numbers.language))
        )
    if below:
        if rules.seats > 1:
            sentence = ngettext(
                "{names} is elected without reaching the threshold, as no more candidates remain than seats "
                "to fill.",
                "{names} are elected without reaching the threshold, as no more candidates remain than seats "
                "to fill.",
                len(below),
            )
        else:
            sentence = ngettext(
                "{names} has the most votes of the candidates remaining and is elected.",
                "{names} have the most votes of the candidates remaining and are elected.",
                len(below),
            )
        sentences.append(sentence.format(names=join_names(below)))
    write_in = rules.undeclared_write_in
    if winner_found and rules.continue_until_two_remain and eliminated and not elected:
        sentences.append(
            ngettext(
                "The count goes on until two candidates remain; {names}, with the fewest votes, is "
                "eliminated.",
                "The count goes on until two candidates remain; {names}, with the fewest votes, are "
                "eliminated.",
                len(eliminated),
            ).format(names=join_names(eliminated))
        )
    elif write_in is not None and write_in in eliminated:
        sentences.append(
            _(
                "Nobody is elected in this round; the write-in votes (“{label}”) are eliminated first, as "
                "the rules say."
            ).format(label=write_in)
        )
        others = [name for name in eliminated if name != write_in]
        if others:
            sentences.append(
                ngettext(
                    "{names} is eliminated too, with the fewest votes.",
                    "{names} are eliminated too, with the fewest votes.",
                    len(others),
                ).format(names=join_names(others))
            )
    elif eliminated:
        if len(eliminated) == 1:
            sentences.append(
                _("Nobody is elected in this round; {name}, with the fewest votes, is eliminated.").format(
                    name=eliminated[0]
                )
            )
        elif not rules.batch_elimination:
            sentences.append(
                _("Nobody is elected in this round; {names}, with the fewest votes, are eliminated.").format(
                    names=join_names(eliminated)
                )
            )
        else:
            sentences.append(
                _(
                    "Nobody is elected in this round; {names} are eliminated together, as their votes "
                    "together are fewer than those of the next candidate up."
                ).format(names=join_names(eliminated))
            )
    if not elected and not eliminated:
        if is_last and rules.stop_after_round is not None and round_["round"] >= rules.stop_after_round:
            sentences.append(_("The count stops here, as the rules say."))
        elif rules.seats > 1:
            sentences.append(_("All seats are filled; the count is complete."))
            if final_surplus is not None and final_surplus > 0:
                sentences.append(
                    ngettext(
                        "The {surplus} vote the last winners hold above the threshold is not transferred.",
                        "The {surplus} votes the last winners hold above the threshold are not transferred.",
                        plural_count(final_surplus),
                    ).format(surplus=numbers.votes(final_surplus))
                )
        else:
            sentences.append(_("The count is complete."))
    return " ".join(sentences)


def transfer_lines(
    round_: Mapping[str, Any], keeps_last_surplus: bool, language: str
) -> tuple[em.TransferLine, ...]:
    elected = set(round_["elected"])
    amounts = [as_decimal(a) for moves in round_["transfers"].values() for a in moves.values()]
    numbers = TableNumbers(language, amounts)
    lines = []
    for source, moves in round_["transfers"].items():
        if not moves:
            continue
        from_elected = source in elected
        kept = keeps_last_surplus and from_elected
        to_candidates = sorted(
            (
                (name, as_decimal(amount))
                for name, amount in moves.items()
                if name not in ("exhausted", "residual surplus")
            ),
            key=lambda item: (-item[1], item[0]),
        )
        rows = [
            em.TransferMove(to=name, votes=numbers.votes(amount), kind="candidate")
            for name, amount in to_candidates
        ]
        if "exhausted" in moves:
            if kept:
                rows.append(
                    em.TransferMove(
                        to=_("kept by the winner: all seats are filled"),
                        votes=numbers.votes(as_decimal(moves["exhausted"])),
                        kind="kept",
                    )
                )
            else:
                rows.append(
                    em.TransferMove(
                        to=_("no further choice: stops counting"),
                        votes=numbers.votes(as_decimal(moves["exhausted"])),
                        kind="exhausted",
                    )
                )
        if "residual surplus" in moves:
            rows.append(
                em.TransferMove(
                    to=_("residual surplus (rounding)"),
                    votes=numbers.votes(as_decimal(moves["residual surplus"])),
                    kind="residual",
                )
            )
        if kept:
            reason = _("surplus above the threshold, not transferred")
        elif from_elected:
            reason = _("surplus above the threshold")
        else:
            reason = _("eliminated: all their ballots move on")
        total = sum((as_decimal(amount) for amount in moves.values()), Decimal(0))
        lines.append(
            em.TransferLine(source=source, reason=reason, moves=tuple(rows), total=numbers.votes(total))
        )
    return tuple(lines)


def balance_of_round(
    round_: Mapping[str, Any], causes: Sequence[str], no_rankings: Decimal, show_residual: bool
) -> list[tuple[str, Decimal | None]]:
    inactive = round_["inactive"]
    values: list[tuple[str, Decimal | None]] = []
    if causes:
        values.extend((cause, as_decimal(inactive[cause])) for cause in causes)
    else:
        values.append(("inactive", as_decimal(inactive["total"])))
    if no_rankings:
        values.append(("no_rankings", no_rankings))
    if show_residual:
        values.append(("residual_surplus", as_decimal(round_.get("residual_surplus", "0"))))
    if "final_round_surplus" in round_ and as_decimal(round_["final_round_surplus"]) > 0:
        values.append(("final_round_surplus", as_decimal(round_["final_round_surplus"])))
    return values


def round_chart(
    rows: Sequence[em.TallyRow],
    tally: Mapping[str, Decimal],
    threshold: Decimal,
    label: str,
    description: str,
) -> str:
    return charts.horizontal_bar_chart(
        [chart_bar(row, tally) for row in rows],
        threshold=threshold,
        threshold_label=label,
        width_mm=80.0,  # half the page: the transfers stand beside it
        bar_height_mm=3.4 if len(rows) <= 12 else 2.4,
        bar_gap_mm=1.2 if len(rows) <= 12 else 0.7,
        font_size_pt=7.0 if len(rows) <= 12 else 5.5,
        description=description,
    )


def chart_bar(row: em.TallyRow, tally: Mapping[str, Decimal]) -> charts.Bar:
    style = {
        "elected": "elected",
        "elected_earlier": "elected",
        "eliminated": "eliminated",
    }.get(row.status_key, "default")
    return charts.Bar(label=row.candidate, value=tally[row.candidate], value_text=row.votes, style=style)


def chart_legend() -> tuple[charts.LegendItem, ...]:
    return (
        charts.LegendItem("elected", _("elected")),
        charts.LegendItem("default", _("continuing")),
        charts.LegendItem("eliminated", _("eliminated")),
        charts.LegendItem("line", _("threshold")),
    )
