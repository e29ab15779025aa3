"""The decision rules and tie rules by name, what each counts against, and how each is described."""

from __future__ import annotations

import enum
from typing import TypeVar

from coop import vocabulary
from coop.errors import CoopError, VoteError
from coop.i18n import N_, _


def check_count(value: object, what: str, *, error: type[CoopError]) -> int:
    """``value`` as a whole number of at least zero (a count of votes or of members), or an
    ``error`` naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(
            _("The number of {what} must be a whole number, not {value!r}.").format(what=what, value=value)
        )
    if value < 0:
        raise error(
            _("The number of {what} cannot be negative (got {value}).").format(what=what, value=value)
        )
    return value


class DecisionRule(enum.StrEnum):
    """How many yes votes a motion needs (see the module docstring)."""

    MAJORITY_CAST = "majority_cast"
    TWO_THIRDS_CAST = "two_thirds_cast"
    MAJORITY_PRESENT = "majority_present"
    TWO_THIRDS_PRESENT = "two_thirds_present"
    MAJORITY_MEMBERS = "majority_members"
    UNANIMITY = "unanimity"
    CONSENT = "consent"


vocabulary.define(
    DecisionRule,
    {
        DecisionRule.MAJORITY_CAST: N_("majority of votes cast"),
        DecisionRule.TWO_THIRDS_CAST: N_("two-thirds of votes cast"),
        DecisionRule.MAJORITY_PRESENT: N_("majority of members present"),
        DecisionRule.TWO_THIRDS_PRESENT: N_("two-thirds of members present"),
        DecisionRule.MAJORITY_MEMBERS: N_("majority of all active members"),
        DecisionRule.UNANIMITY: N_("unanimity"),
        DecisionRule.CONSENT: N_("consent"),
    },
)


class TieRule(enum.StrEnum):
    """What a tie under a majority rule means."""

    FAILS = "fails"
    PASSES = "passes"
    CHAIR_DECIDES = "chair_decides"


vocabulary.define(
    TieRule,
    {
        TieRule.FAILS: N_("a tie fails"),
        TieRule.PASSES: N_("a tie passes"),
        TieRule.CHAIR_DECIDES: N_("the chair decides a tie"),
    },
)


class Basis(enum.StrEnum):
    """What the yes votes are measured against."""

    VOTES_CAST = "votes_cast"
    PRESENT = "present"
    MEMBERS = "members"
    OBJECTIONS = "objections"


vocabulary.define(
    Basis,
    {
        Basis.VOTES_CAST: N_("votes cast"),
        Basis.PRESENT: N_("members present"),
        Basis.MEMBERS: N_("all active members"),
        Basis.OBJECTIONS: N_("objections raised"),
    },
)


class Choice(enum.StrEnum):
    """A casting vote."""

    YES = "yes"
    NO = "no"


vocabulary.define(Choice, {Choice.YES: N_("yes"), Choice.NO: N_("no")})


class ObjectionStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


vocabulary.define(
    ObjectionStatus,
    {
        ObjectionStatus.OPEN: vocabulary.in_context("objection", "open"),
        ObjectionStatus.RESOLVED: N_("resolved"),
        ObjectionStatus.WITHDRAWN: vocabulary.in_context("objection", "withdrawn"),
    },
)


_RULE_BASIS: dict[DecisionRule, Basis] = {
    DecisionRule.MAJORITY_CAST: Basis.VOTES_CAST,
    DecisionRule.TWO_THIRDS_CAST: Basis.VOTES_CAST,
    DecisionRule.MAJORITY_PRESENT: Basis.PRESENT,
    DecisionRule.TWO_THIRDS_PRESENT: Basis.PRESENT,
    DecisionRule.MAJORITY_MEMBERS: Basis.MEMBERS,
    DecisionRule.UNANIMITY: Basis.VOTES_CAST,
    DecisionRule.CONSENT: Basis.OBJECTIONS,
}

_MAJORITY_RULES = frozenset(
    {DecisionRule.MAJORITY_CAST, DecisionRule.MAJORITY_PRESENT, DecisionRule.MAJORITY_MEMBERS}
)
_TWO_THIRDS_RULES = frozenset({DecisionRule.TWO_THIRDS_CAST, DecisionRule.TWO_THIRDS_PRESENT})


K = TypeVar("K", bound=enum.StrEnum)


def _parse_key(kind: type[K], value: K | str, message: str) -> K:
    """``value`` as a member of ``kind`` (its key or its name in any language), or a VoteError with
    ``message``, what was typed as ``{rule}`` and the keys as ``{choices}``."""
    if isinstance(value, kind):
        return value
    keys = ", ".join(member.value for member in kind)
    return vocabulary.parse(kind, value, lambda typed: VoteError(message.format(rule=typed, choices=keys)))


def parse_decision_rule(value: DecisionRule | str) -> DecisionRule:
    """``value`` as a DecisionRule (its key or its name in any language), or a VoteError listing the keys."""
    return _parse_key(DecisionRule, value, _("Unknown decision rule {rule!r}; use one of: {choices}."))


def parse_tie_rule(value: TieRule | str) -> TieRule:
    """``value`` as a TieRule (its key, or its name in either language), or a VoteError listing the keys."""
    return _parse_key(TieRule, value, _("Unknown tie rule {rule!r}; use one of: {choices}."))


def _parse_choice(value: Choice | str) -> Choice:
    """The chair's casting vote: ``yes``/``sí`` or ``no``, or a VoteError listing them."""
    if isinstance(value, Choice):
        return value
    message = _("A casting vote must be {words}, not {value!r}.")
    return vocabulary.parse(Choice, value, vocabulary.refusal(Choice, VoteError, message, "value"))


def rule_basis(rule: DecisionRule | str) -> Basis:
    """What ``rule`` measures the yes votes against."""
    return _RULE_BASIS[parse_decision_rule(rule)]


def describe_rule(rule: DecisionRule | str) -> str:
    """One line saying what ``rule`` asks, for help texts and minutes."""
    rule = parse_decision_rule(rule)
    descriptions = {
        DecisionRule.MAJORITY_CAST: _("more yes than no votes; abstentions are not counted"),
        DecisionRule.TWO_THIRDS_CAST: _(
            "yes votes at least two thirds of yes and no votes; abstentions are not counted"
        ),
        DecisionRule.MAJORITY_PRESENT: _("yes votes more than half of the members present at the vote"),
        DecisionRule.TWO_THIRDS_PRESENT: _(
            "yes votes at least two thirds of the members present at the vote"
        ),
        DecisionRule.MAJORITY_MEMBERS: _("yes votes more than half of all active members"),
        DecisionRule.UNANIMITY: _("no votes against and at least one yes; abstentions do not break it"),
        DecisionRule.CONSENT: _("adopted unless a reasoned objection stands unresolved"),
    }
    return descriptions[rule]
