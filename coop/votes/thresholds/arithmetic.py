"""Whole-number arithmetic of the thresholds: majorities, two thirds, ties, votes needed."""

from __future__ import annotations

from coop.errors import VoteError
from coop.i18n import _
from coop.rules.decisions import (
    _MAJORITY_RULES,
    _RULE_BASIS,
    _TWO_THIRDS_RULES,
    Basis,
    DecisionRule,
    parse_decision_rule,
)
from coop.votes.thresholds.inputs import VoteContext, VoteCount


def is_majority(yes: int, basis: int) -> bool:
    """More than half of ``basis``: exactly half is not a majority."""
    return 2 * yes > basis


def reaches_two_thirds(yes: int, basis: int) -> bool:
    """At least two thirds of ``basis``, and at least one yes vote."""
    return yes >= 1 and 3 * yes >= 2 * basis


def is_deciding_tie(yes: int, no: int, basis: int) -> bool:
    """As many yes as no votes (at least one each), one yes vote short of a majority of ``basis``:
    the only case in which the bylaws' tie rule decides a majority vote."""
    return yes == no >= 1 and not is_majority(yes, basis) and is_majority(yes + 1, basis)


def _majority_of(basis: int) -> int:
    """Fewest whole votes that are more than half of ``basis``."""
    return basis // 2 + 1


def _two_thirds_of(basis: int) -> int:
    """Fewest whole votes that are at least two thirds of ``basis`` (and at least one)."""
    return max(1, -(-2 * basis // 3))


def _basis_count(rule: DecisionRule, count: VoteCount | None, context: VoteContext) -> int:
    """The number the yes votes are measured against, checking that the rule has what it needs."""
    basis = _RULE_BASIS[rule]
    if basis is Basis.VOTES_CAST:
        if count is None:
            raise VoteError(
                _(
                    "The votes needed under {rule} depend on the yes and no votes cast; give the count."
                ).format(rule=rule.value)
            )
        return count.cast
    if basis is Basis.PRESENT:
        present = context.present_total
        if present is None:
            raise VoteError(
                _("The rule {rule} needs the number of members present at the moment of the vote.").format(
                    rule=rule.value
                )
            )
        if present == 0:
            raise VoteError(
                _("No members are present, so no vote can be taken under {rule}.").format(rule=rule.value)
            )
        return present
    if basis is Basis.MEMBERS:
        if context.active_members is None:
            raise VoteError(_("The rule {rule} needs the number of active members.").format(rule=rule.value))
        if context.active_members == 0:
            raise VoteError(
                _("There are no active members, so no vote can be taken under {rule}.").format(
                    rule=rule.value
                )
            )
        return context.active_members
    return 0  # consent: no votes are needed


def _required(rule: DecisionRule, basis_count: int) -> int:
    if rule in _MAJORITY_RULES:
        return _majority_of(basis_count)
    if rule in _TWO_THIRDS_RULES:
        return _two_thirds_of(basis_count)
    if rule is DecisionRule.UNANIMITY:
        return max(1, basis_count)
    return 0


def votes_needed(rule: DecisionRule | str, context: VoteContext, count: VoteCount | None = None) -> int:
    """The fewest yes votes that adopt a motion under ``rule`` without a tie.

    Rules measured against members present or active members need only ``context``; the
    ``*_cast`` rules and unanimity depend on how many voted yes or no, so they need ``count``
    too. Consent needs no votes (0). With ``TieRule.PASSES`` a tie also adopts, with one vote
    fewer; this function does not count on that.
    """
    rule = parse_decision_rule(rule)
    return _required(rule, _basis_count(rule, count, context))
