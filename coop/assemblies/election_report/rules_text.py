"""The counting rules of an election in plain words, one topic per line, with this count's figures."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coop.assemblies.election_report.numbers import as_decimal, join_names, plain_number, plural_count
from coop.i18n import _, ngettext
from coop.reports import election_model as em
from coop.votes.tally import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    seeded_permutation,
)


def method_name(rules: CountRules) -> str:
    kind = _("instant-runoff vote") if rules.seats == 1 else _("single transferable vote")
    return _("{kind}, {threshold}").format(kind=kind, threshold=threshold_name(rules))


def threshold_name(rules: CountRules) -> str:
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
    votes_round_1 = sum((as_decimal(v) for v in first["tally"].values()), Decimal(0))
    threshold_1 = as_decimal(first["threshold"])
    fixed = rules.seats > 1 or rules.threshold_fixed_after_round_1
    v = plain_number(votes_round_1, language)
    t = plain_number(threshold_1, language)
    votes_count = plural_count(votes_round_1)
    lines: list[em.RuleLine] = []

    # Threshold
    if rules.threshold is ThresholdRule.MAJORITY:
        if fixed:
            sentence = ngettext(
                "To be elected a candidate needs a majority of the votes of round 1: half of them, rounded "
                "down, plus one, that is {threshold} of {votes} vote. It stays the same for the whole "
                "count.",
                "To be elected a candidate needs a majority of the votes of round 1: half of them, rounded "
                "down, plus one, that is {threshold} of {votes} votes. It stays the same for the whole "
                "count.",
                votes_count,
            )
        else:
            sentence = ngettext(
                "To win, a candidate needs a majority of the votes still counting in the round: half of "
                "them, rounded down, plus one. In round 1 that was {threshold} of {votes} vote; it is "
                "worked out again in every round, as ballots with no further choice stop counting.",
                "To win, a candidate needs a majority of the votes still counting in the round: half of "
                "them, rounded down, plus one. In round 1 that was {threshold} of {votes} votes; it is "
                "worked out again in every round, as ballots with no further choice stop counting.",
                votes_count,
            )
    elif rules.threshold is ThresholdRule.DROOP:
        sentence = ngettext(
            "The threshold is the Droop quota: the {votes} vote of round 1 divided by {divisor} (the seats "
            "plus one), rounded down, plus one: {threshold_votes}.",
            "The threshold is the Droop quota: the {votes} votes of round 1 divided by {divisor} (the seats "
            "plus one), rounded down, plus one: {threshold_votes}.",
            votes_count,
        )
    elif rules.threshold is ThresholdRule.DROOP_FRACTIONAL:
        sentence = ngettext(
            "The threshold is the fractional Droop quota: the {votes} vote of round 1 divided by {divisor} "
            "(the seats plus one), cut to {places} decimal places, plus {unit}: {threshold_votes}.",
            "The threshold is the fractional Droop quota: the {votes} votes of round 1 divided by {divisor} "
            "(the seats plus one), cut to {places} decimal places, plus {unit}: {threshold_votes}.",
            votes_count,
        )
    else:
        sentence = ngettext(
            "The threshold is the Hare quota: the {votes} vote of round 1 divided by the {seats} seats, "
            "rounded up: {threshold_votes}.",
            "The threshold is the Hare quota: the {votes} votes of round 1 divided by the {seats} seats, "
            "rounded up: {threshold_votes}.",
            votes_count,
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
                threshold_votes=ngettext("{count} vote", "{count} votes", plural_count(threshold_1)).format(
                    count=t
                ),
                divisor=rules.seats + 1,
                seats=rules.seats,
                places=rules.decimal_places,
                unit=plain_number(unit, language),
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
                    names=join_names(list(rules.excluded_candidates))
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
