"""The results report of an election: the view model a returning officer prints for the assembly.

Everything comes from the **stored official result** (``Election.result_json``, checked
against its hash by :func:`coop.assemblies.elections.official_result`) and the stored counting
rules; nothing is recounted, so a reprint shows exactly the count that was fixed at the close.

:func:`election_report` reads the database; :func:`build_election_report` is pure (a result in
the ``rcv-conformance-case/1`` format and the rules in, the view model out), so a conformance
case or an exported count can be printed the same way. :func:`describe_rules` puts the counting
rules into plain words, one topic per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from coop.formatting import format_date, format_number, format_time
from coop.i18n import _, in_cooperative_language, ngettext
from coop.reports import charts
from coop.reports import election_model as em
from coop.votes.models import Election
from coop.votes.tally import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    seeded_permutation,
)

__all__ = ["build_election_report", "describe_rules", "election_report"]

INACTIVE_CAUSES = ("overvote", "skipped_ranks", "exhausted_choices", "repeated_ranking")
#: Beyond these sizes one small chart per round would be too small to read: no overview is drawn.
OVERVIEW_MAX_ROUNDS = 12
OVERVIEW_MAX_CANDIDATES = 14
MINUS = "\u2212"


@in_cooperative_language
def election_report(session: Session, election: Election) -> em.ElectionReport:
    """The results report of a counted election, from its stored official result."""
    from coop.assemblies.elections import count_rules_of, eligible_voters, official_result
    from coop.members.service import get_cooperative

    result = official_result(election)  # refuses a result altered after the count
    cooperative = get_cooperative(session)
    assert election.result_hash is not None  # official_result checked it
    return build_election_report(
        result,
        count_rules_of(election),
        cooperative=cooperative.name,
        election_title=election.title,
        election_number=_("Election {id}").format(id=election.id),
        election_id=election.id,
        counted_at=election.closed_at,
        eligible_voters=eligible_voters(session, election),
        result_hash=election.result_hash,
        language=cooperative.language,
    )


# --------------------------------------------------------------------------- numbers


def _dec(text: str | int | Decimal) -> Decimal:
    return text if isinstance(text, Decimal) else Decimal(str(text))


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class _Numbers:
    """Formats the numbers of one table with the same decimal places, so that they line up."""

    def __init__(self, language: str, values: Iterable[Decimal]) -> None:
        self.language = language
        self.places = max((_places(value) for value in values), default=0)

    def votes(self, value: Decimal) -> str:
        # Never fewer places than the value has: padding lines numbers up, rounding would change them.
        return format_number(value, self.language, max(self.places, _places(value)))

    def change(self, value: Decimal) -> str:
        text = self.votes(abs(value))
        if value > 0:
            return "+" + text
        if value < 0:
            return MINUS + text
        return text


def _plain(value: Decimal | int, language: str) -> str:
    """A number in a sentence: thousands separators, the decimals it needs and no trailing zeros."""
    value = _dec(value)
    return format_number(value, language, _places(value.normalize()))


def _join(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


# --------------------------------------------------------------------------- rules in words


def _method(rules: CountRules) -> str:
    kind = _("instant-runoff vote") if rules.seats == 1 else _("single transferable vote")
    return _("{kind}, {threshold}").format(kind=kind, threshold=_threshold_name(rules))


def _threshold_name(rules: CountRules) -> str:
    return {
        ThresholdRule.MAJORITY: _("majority of continuing votes"),
        ThresholdRule.DROOP: _("Droop quota"),
        ThresholdRule.DROOP_FRACTIONAL: _("fractional Droop quota"),
        ThresholdRule.HARE: _("Hare quota"),
    }[rules.threshold]


def describe_rules(
    rules: CountRules, result: Mapping[str, Any], language: str = "en"
) -> tuple[em.RuleLine, ...]:
    """The counting rules in plain words, with the figures of this count where they help."""
    rounds = result.get("rounds") or []
    first = rounds[0] if rounds else {"tally": {}, "threshold": "0"}
    votes_round_1 = sum((_dec(v) for v in first["tally"].values()), Decimal(0))
    threshold_1 = _dec(first["threshold"])
    fixed = rules.seats > 1 or rules.threshold_fixed_after_round_1
    v = _plain(votes_round_1, language)
    t = _plain(threshold_1, language)
    lines: list[em.RuleLine] = []

    # Threshold
    if rules.threshold is ThresholdRule.MAJORITY:
        if fixed:
            sentence = _(
                "To be elected a candidate needs a majority of the votes of round 1: half of them, rounded "
                "down, plus one, that is {threshold} of {votes} votes. It stays the same for the whole count."
            )
        else:
            sentence = _(
                "To win, a candidate needs a majority of the votes still counting in the round: half of "
                "them, rounded down, plus one. In round 1 that was {threshold} of {votes} votes; it is "
                "worked out again in every round, as ballots with no further choice stop counting."
            )
    elif rules.threshold is ThresholdRule.DROOP:
        sentence = _(
            "The threshold is the Droop quota: the {votes} votes of round 1 divided by {divisor} (the seats "
            "plus one), rounded down, plus one: {threshold} votes."
        )
    elif rules.threshold is ThresholdRule.DROOP_FRACTIONAL:
        sentence = _(
            "The threshold is the fractional Droop quota: the {votes} votes of round 1 divided by {divisor} "
            "(the seats plus one), cut to {places} decimal places, plus {unit}: {threshold} votes."
        )
    else:
        sentence = _(
            "The threshold is the Hare quota: the {votes} votes of round 1 divided by the {seats} seats, "
            "rounded up: {threshold} votes."
        )
    if rules.threshold is not ThresholdRule.MAJORITY:
        if fixed:
            sentence += " " + _("It stays the same for the whole count.")
        else:
            sentence += " " + _("It is worked out again in every round from the votes still counting.")
    unit = Decimal(1).scaleb(-rules.decimal_places)
    lines.append(
        em.RuleLine(
            _("Threshold"),
            sentence.format(
                votes=v,
                threshold=t,
                divisor=rules.seats + 1,
                seats=rules.seats,
                places=rules.decimal_places,
                unit=_plain(unit, language),
            ),
        )
    )

    # Who is elected
    if rules.seats == 1:
        election = _(
            "The first candidate to reach the threshold wins. If two candidates remain and neither "
            "reaches it, the one with more votes wins."
        )
        if rules.threshold_fixed_after_round_1:
            election = _(
                "The first candidate to reach the threshold wins. When only two candidates remain, the one "
                "with more votes wins."
            )
    elif rules.election_mode is ElectionMode.STV_ONE_WINNER_PER_ROUND:
        election = _(
            "In each round only one candidate is elected: the one with the most votes among those who "
            "reach the threshold. When no more candidates remain than seats to fill, they are all elected."
        )
    else:
        election = _(
            "Everyone who reaches the threshold in a round is elected at the end of that round. When no "
            "more candidates remain than seats to fill, they are all elected."
        )
    lines.append(em.RuleLine(_("Election"), election))

    # Transfers
    if rules.seats > 1:
        lines.append(
            em.RuleLine(
                _("Surplus"),
                _(
                    "The votes a winner has above the threshold (the surplus) move on: each of the winner's "
                    "ballots goes to its next choice still in the count at a reduced value, the surplus "
                    "divided by the winner's votes, cut to {places} decimal places (Gregory method). What "
                    "the cutting leaves over is set aside as residual surplus."
                ).format(places=rules.decimal_places),
            )
        )
    elimination = _(
        "When nobody is elected in a round, the candidate with the fewest votes is eliminated and each of "
        "their ballots moves, at its current value, to its next choice still in the count. A ballot with no "
        "further choice stops counting (exhausted)."
    )
    if rules.batch_elimination:
        elimination += " " + _(
            "Candidates whose votes together are fewer than those of the next candidate up are eliminated "
            "together in one round."
        )
    if rules.continue_until_two_remain:
        elimination += " " + _(
            "After a winner is found, the count goes on until two candidates remain, to show the result "
            "between the last two."
        )
    lines.append(em.RuleLine(_("Transfers"), elimination))

    # Ballot marks
    overvote = {
        OvervoteRule.SKIP_TO_NEXT_RANK: _(
            "A rank where more than one candidate is marked (an overvote) is passed over and the next rank "
            "is used."
        ),
        OvervoteRule.EXHAUST_IMMEDIATELY: _(
            "A ballot stops counting when the count reaches a rank where more than one candidate is marked "
            "(an overvote)."
        ),
        OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING: _(
            "At a rank where more than one candidate is marked (an overvote), the vote goes to the marked "
            "candidate if only one is still in the count; if two or more are, the ballot stops counting; if "
            "none is, the next rank is used."
        ),
    }[rules.overvote]
    lines.append(em.RuleLine(_("Overvotes"), overvote))
    skipped = rules.max_consecutive_skipped_ranks
    if skipped is None:
        skipped_sentence = _("Blank ranks are passed over, however many there are.")
    elif skipped == 0:
        skipped_sentence = _(
            "A ballot stops counting when the count reaches a blank rank before a later choice."
        )
    else:
        skipped_sentence = ngettext(
            "Up to {count} blank rank in a row is passed over; a ballot with more blank ranks in a row "
            "before a later choice stops counting there.",
            "Up to {count} blank ranks in a row are passed over; a ballot with more blank ranks in a row "
            "before a later choice stops counting there.",
            skipped,
        ).format(count=skipped)
    lines.append(em.RuleLine(_("Skipped ranks"), skipped_sentence))
    if rules.duplicate_ranking is DuplicateRule.IGNORE_DUPLICATE:
        repeated = _("A candidate ranked again at a later rank is passed over there.")
    else:
        repeated = _(
            "A ballot stops counting when the count reaches a candidate already ranked at an earlier rank."
        )
    lines.append(em.RuleLine(_("Repeated ranks"), repeated))

    # Ties
    lines.append(em.RuleLine(_("Ties"), _tie_rule_sentence(rules)))

    if rules.excluded_candidates:
        lines.append(
            em.RuleLine(
                _("Withdrawn candidates"),
                _("{names} count for no one: ballots pass over them.").format(
                    names=_join(list(rules.excluded_candidates))
                ),
            )
        )
    if rules.undeclared_write_in:
        lines.append(
            em.RuleLine(
                _("Write-ins"),
                _(
                    "Votes for candidates written in by the voters are counted together as “{label}”; they "
                    "are eliminated before anyone else and can never be elected."
                ).format(label=rules.undeclared_write_in),
            )
        )
    if rules.stop_after_round is not None:
        lines.append(
            em.RuleLine(
                _("End of the count"),
                _("The count stops after round {round}.").format(round=rules.stop_after_round),
            )
        )
    return tuple(lines)


def _tie_rule_sentence(rules: CountRules) -> str:
    rule = rules.tiebreak
    seed = str(rule.seed) if rule.seed is not None else "—"
    if rule.mode is TiebreakMode.CANDIDATE_ORDER:
        order = rule.order or rules.candidates
        return _(
            "Ties are broken by the order of the candidate list ({order}): to eliminate, the tied candidate "
            "listed latest goes; to elect, the one listed earliest wins."
        ).format(order=", ".join(order))
    if rule.mode is TiebreakMode.SEEDED_PERMUTATION:
        order = rule.permutation or (
            seeded_permutation(rules.candidates, rule.seed) if rule.seed is not None else rules.candidates
        )
        return _(
            "Ties are broken by an order of the candidates drawn before the count with the seed {seed} "
            "({order}): to eliminate, the tied candidate listed latest goes; to elect, the one listed "
            "earliest wins."
        ).format(seed=seed, order=", ".join(order))
    if rule.mode is TiebreakMode.RANDOM:
        return _(
            "Ties are broken by a random draw among the tied candidates that anyone can repeat: the Java "
            "random number generator started with the seed {seed}."
        ).format(seed=seed)
    return _(
        "A tie is broken by the earlier rounds: the tied candidate with fewer votes in the round before "
        "is eliminated (with more votes, elected), going back round by round. If they were tied in every "
        "round, a random draw that anyone can repeat decides, with the seed {seed}."
    ).format(seed=seed)


# --------------------------------------------------------------------------- rounds


def _candidate_order(rules: CountRules, rounds: Sequence[Mapping[str, Any]]) -> list[str]:
    """One order for every round: most votes in round 1 first, then the ballot paper's order."""
    position = {name: index for index, name in enumerate(rules.counted_candidates)}
    first = rounds[0]["tally"] if rounds else {}
    names = list(dict.fromkeys([*first, *(name for r in rounds for name in r["tally"])]))
    return sorted(
        names, key=lambda name: (-_dec(first.get(name, "0")), position.get(name, len(position)), name)
    )


def _status_labels() -> dict[str, str]:
    return {
        "elected": _("elected"),
        "elected_earlier": _("elected earlier"),
        "eliminated": _("eliminated"),
        "continuing": _("continuing"),
    }


def _inactive_labels() -> dict[str, str]:
    return {
        "overvote": _("Inactive: overvote"),
        "skipped_ranks": _("Inactive: too many blank ranks"),
        "exhausted_choices": _("Inactive: no further choice"),
        "repeated_ranking": _("Inactive: repeated rank"),
    }


def _tie_sentence(tie: Mapping[str, Any]) -> str:
    tied = _join(list(tie["tied"]))
    if tie["selecting"] == "winner":
        return _("{tied} were tied for election; under the tie-break rule {selected} is elected.").format(
            tied=tied, selected=tie["selected"]
        )
    return _(
        "{tied} were tied for the fewest votes; under the tie-break rule {selected} is eliminated."
    ).format(tied=tied, selected=tie["selected"])


def _decision(
    rules: CountRules,
    round_: Mapping[str, Any],
    threshold: Decimal,
    is_last: bool,
    numbers: _Numbers,
    final_surplus: Decimal | None,
    winner_found: bool,
) -> str:
    tally = {name: _dec(votes) for name, votes in round_["tally"].items()}
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
            ).format(names=_join(reached), threshold=_plain(threshold, numbers.language))
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
        sentences.append(sentence.format(names=_join(below)))
    write_in = rules.undeclared_write_in
    if winner_found and rules.continue_until_two_remain and eliminated and not elected:
        sentences.append(
            ngettext(
                "The count goes on until two candidates remain; {names}, with the fewest votes, is "
                "eliminated.",
                "The count goes on until two candidates remain; {names}, with the fewest votes, are "
                "eliminated.",
                len(eliminated),
            ).format(names=_join(eliminated))
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
                ).format(names=_join(others))
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
                    names=_join(eliminated)
                )
            )
        else:
            sentences.append(
                _(
                    "Nobody is elected in this round; {names} are eliminated together, as their votes "
                    "together are fewer than those of the next candidate up."
                ).format(names=_join(eliminated))
            )
    if not elected and not eliminated:
        if is_last and rules.stop_after_round is not None and round_["round"] >= rules.stop_after_round:
            sentences.append(_("The count stops here, as the rules say."))
        elif rules.seats > 1:
            sentences.append(_("All seats are filled; the count is complete."))
            if final_surplus is not None and final_surplus > 0:
                sentences.append(
                    _(
                        "The {surplus} votes the last winners hold above the threshold are not transferred."
                    ).format(surplus=numbers.votes(final_surplus))
                )
        else:
            sentences.append(_("The count is complete."))
    return " ".join(sentences)


def _transfers(
    round_: Mapping[str, Any], keeps_last_surplus: bool, language: str
) -> tuple[em.TransferLine, ...]:
    elected = set(round_["elected"])
    amounts = [_dec(a) for moves in round_["transfers"].values() for a in moves.values()]
    numbers = _Numbers(language, amounts)
    lines = []
    for source, moves in round_["transfers"].items():
        if not moves:
            continue
        from_elected = source in elected
        kept = keeps_last_surplus and from_elected
        to_candidates = sorted(
            (
                (name, _dec(amount))
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
                        votes=numbers.votes(_dec(moves["exhausted"])),
                        kind="kept",
                    )
                )
            else:
                rows.append(
                    em.TransferMove(
                        to=_("no further choice: stops counting"),
                        votes=numbers.votes(_dec(moves["exhausted"])),
                        kind="exhausted",
                    )
                )
        if "residual surplus" in moves:
            rows.append(
                em.TransferMove(
                    to=_("residual surplus (rounding)"),
                    votes=numbers.votes(_dec(moves["residual surplus"])),
                    kind="residual",
                )
            )
        if kept:
            reason = _("surplus above the threshold, not transferred")
        elif from_elected:
            reason = _("surplus above the threshold")
        else:
            reason = _("eliminated: all their ballots move on")
        total = sum((_dec(amount) for amount in moves.values()), Decimal(0))
        lines.append(
            em.TransferLine(source=source, reason=reason, moves=tuple(rows), total=numbers.votes(total))
        )
    return tuple(lines)


def _balance_values(
    round_: Mapping[str, Any], causes: Sequence[str], no_rankings: Decimal, show_residual: bool
) -> list[tuple[str, Decimal | None]]:
    inactive = round_["inactive"]
    values: list[tuple[str, Decimal | None]] = []
    if causes:
        values.extend((cause, _dec(inactive[cause])) for cause in causes)
    else:
        values.append(("inactive", _dec(inactive["total"])))
    if no_rankings:
        values.append(("no_rankings", no_rankings))
    if show_residual:
        values.append(("residual_surplus", _dec(round_.get("residual_surplus", "0"))))
    if "final_round_surplus" in round_ and _dec(round_["final_round_surplus"]) > 0:
        values.append(("final_round_surplus", _dec(round_["final_round_surplus"])))
    return values


def _round_chart(
    rows: Sequence[em.TallyRow],
    tally: Mapping[str, Decimal],
    threshold: Decimal,
    label: str,
    description: str,
) -> str:
    return charts.horizontal_bar_chart(
        [_bar(row, tally) for row in rows],
        threshold=threshold,
        threshold_label=label,
        width_mm=80.0,  # half the page: the transfers stand beside it
        bar_height_mm=3.4 if len(rows) <= 12 else 2.4,
        bar_gap_mm=1.2 if len(rows) <= 12 else 0.7,
        font_size_pt=7.0 if len(rows) <= 12 else 5.5,
        description=description,
    )


def _bar(row: em.TallyRow, tally: Mapping[str, Decimal]) -> charts.Bar:
    style = {
        "elected": "elected",
        "elected_earlier": "elected",
        "eliminated": "eliminated",
    }.get(row.status_key, "default")
    return charts.Bar(label=row.candidate, value=tally[row.candidate], value_text=row.votes, style=style)


def _legend() -> tuple[charts.LegendItem, ...]:
    return (
        charts.LegendItem("elected", _("elected")),
        charts.LegendItem("default", _("continuing")),
        charts.LegendItem("eliminated", _("eliminated")),
        charts.LegendItem("line", _("threshold")),
    )


# --------------------------------------------------------------------------- the report


def build_election_report(
    result: Mapping[str, Any],
    rules: CountRules,
    *,
    cooperative: str,
    election_title: str,
    election_number: str,
    election_id: int | None,
    counted_at: datetime | None,
    eligible_voters: int | None,
    result_hash: str,
    language: str = "en",
) -> em.ElectionReport:
    """The view model of a results report from an official result (``rcv-conformance-case/1``)."""
    rounds = list(result["rounds"])
    total_ballots = _dec(result["total_ballots"])
    no_rankings = _dec(result.get("ballots_with_no_rankings", "0"))
    order = _candidate_order(rules, rounds)
    statuses = _status_labels()
    causes = [cause for cause in INACTIVE_CAUSES if any(_dec(r["inactive"][cause]) for r in rounds)]
    show_residual = any(_dec(r.get("residual_surplus", "0")) for r in rounds)
    balance_labels = {
        **_inactive_labels(),
        "inactive": _("Inactive ballots"),
        "no_rankings": _("Ballots with no rankings"),
        "residual_surplus": _("Residual surplus (rounding)"),
        "final_round_surplus": _("Surplus not transferred"),
        "total": _("Total: ballots"),
    }
    ties_by_round: dict[int, list[str]] = {}
    all_ties: list[str] = []
    for tie in result.get("tie_resolutions_derived") or []:
        sentence = _("Round {round}: {what}").format(round=tie["round"], what=_tie_sentence(tie))
        ties_by_round.setdefault(int(tie["round"]), []).append(_tie_sentence(tie))
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
    inactive_labels = _inactive_labels()
    for index, round_ in enumerate(rounds):
        number = int(round_["round"])
        tally = {name: _dec(votes) for name, votes in round_["tally"].items()}
        threshold = _dec(round_["threshold"])
        balance_values = _balance_values(round_, causes, no_rankings, show_residual)
        changes = (
            {name: votes - previous_tally.get(name, Decimal(0)) for name, votes in tally.items()}
            if previous_tally is not None
            else {}
        )
        balance_total = sum(tally.values(), Decimal(0)) + sum(
            (value for _key, value in balance_values if value is not None), Decimal(0)
        )
        numbers = _Numbers(
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
        final_surplus = _dec(round_["final_round_surplus"]) if "final_round_surplus" in round_ else None
        threshold_text = _plain(threshold, language)
        title = _("Round {number}").format(number=number)
        chart = _round_chart(
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
                bars=tuple(_bar(row, tally) for row in rows),
                threshold=threshold,
                threshold_label=threshold_text,
            )
        )
        transfers = _transfers(round_, keeps_last_surplus_round == index, language)
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
                        votes=_plain(_dec(round_["inactive"][cause]), language),
                    )
                    for cause in INACTIVE_CAUSES
                ),
                inactive_total=_plain(_dec(round_["inactive"]["total"]), language),
                decision=_decision(
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
                    _plain(_dec(round_["residual_surplus"]), language)
                    if "residual_surplus" in round_
                    else None
                ),
                final_round_surplus=_plain(final_surplus, language) if final_surplus is not None else None,
                chart_svg=chart,
                elected=tuple(round_["elected"]),
                eliminated=tuple(round_["eliminated"]),
            )
        )
        elected_so_far.update(round_["elected"])
        previous_tally = tally
        previous_balance = {key: value for key, value in balance_values if value is not None}

    winners = _winners(rules, list(result["winners"]), rounds, language)
    overview = None
    if 1 < len(rounds) <= OVERVIEW_MAX_ROUNDS and len(order) <= OVERVIEW_MAX_CANDIDATES:
        overview = charts.small_multiples(
            panels,
            columns=3,
            legend=_legend(),
            description=_("The votes of each candidate, round by round."),
        )
    ballots = int(total_ballots)
    turnout = None
    if eligible_voters:
        share = (Decimal(ballots) * 100 / Decimal(eligible_voters)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        turnout = _("{percent}%").format(percent=format_number(share, language, 1))
        turnout_sentence = ngettext(
            "{ballots} ballot was cast by {eligible} eligible voters: a turnout of {turnout}.",
            "{ballots} ballots were cast by {eligible} eligible voters: a turnout of {turnout}.",
            ballots,
        ).format(
            ballots=_plain(ballots, language), eligible=_plain(eligible_voters, language), turnout=turnout
        )
    else:
        turnout_sentence = ngettext(
            "{ballots} ballot was counted.", "{ballots} ballots were counted.", ballots
        ).format(ballots=_plain(ballots, language))
    reference = str(election_id) if election_id is not None else "N"
    return em.ElectionReport(
        cooperative=cooperative,
        title=_("Election results"),
        election_title=election_title,
        election_number=election_number,
        seats=rules.seats,
        method=_method(rules),
        count_date=format_date(counted_at, language) if counted_at else "",
        count_time=format_time(counted_at),
        candidates=tuple(rules.candidates),
        total_ballots=_plain(total_ballots, language),
        ballots_with_no_rankings=_plain(no_rankings, language),
        eligible_voters=eligible_voters,
        turnout=turnout,
        turnout_sentence=turnout_sentence,
        threshold=_plain(_dec(result["final_threshold"]), language),
        threshold_name=_threshold_name(rules),
        rules=describe_rules(rules, result, language),
        rounds=tuple(sections),
        winners=winners,
        ties=tuple(all_ties),
        overview_svg=overview,
        result_hash=result_hash,
        result_format=str(result.get("format", "")),
        recount_note=_(
            "Anyone can redo this count: export the ballots with “coop election export {id} --out "
            "ballots.csv” and count them with “coop votes tabulate ballots.csv --rules ballots.rules.json”, "
            "or load the .blt export into other STV software."
        ).format(id=reference),
        status_note=_(
            "Printed from the official result stored when the election was closed; it is not recounted for "
            "printing, so every copy shows the same count."
        ),
        language=language,
    )


def _winners(
    rules: CountRules, names: Sequence[str], rounds: Sequence[Mapping[str, Any]], language: str
) -> tuple[em.WinnerLine, ...]:
    lines = []
    for position, name in enumerate(names, start=1):
        found = next((r for r in rounds if name in r["elected"]), None)
        if found is None:
            lines.append(em.WinnerLine(order=position, name=name, round=None, votes="", how=_("elected")))
            continue
        votes = _dec(found["tally"].get(name, "0"))
        threshold = _dec(found["threshold"])
        text = _plain(votes, language)
        if votes >= threshold:
            how = _("reached the threshold in round {round} with {votes} votes").format(
                round=found["round"], votes=text
            )
        elif rules.seats > 1:
            how = _(
                "elected in round {round} with {votes} votes, as no more candidates remained than seats "
                "to fill"
            ).format(round=found["round"], votes=text)
        else:
            how = _(
                "elected in round {round} with {votes} votes, the most of the candidates remaining"
            ).format(round=found["round"], votes=text)
        lines.append(em.WinnerLine(order=position, name=name, round=int(found["round"]), votes=text, how=how))
    return tuple(lines)
