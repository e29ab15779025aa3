"""Decision rules for yes/no/abstain votes on a motion.

Pure arithmetic: plain numbers in, a frozen :class:`Decision` out; no database, no clock, no
I/O. Every comparison is made with whole numbers (two thirds is ``3 * yes >= 2 * basis``),
so a result never depends on rounding.

The rules, in the words a returning officer can defend
-------------------------------------------------------
``majority_cast`` (simple majority of the votes cast)
    Adopted when there are more yes votes than no votes. Abstentions, blank votes and members
    who do not vote are not counted at all. Needed: more than half of yes + no, that is half
    rounded down plus one (35 votes cast: 18 needed).
``two_thirds_cast`` (two thirds of the votes cast)
    Adopted when the yes votes are at least two thirds of yes + no (``3 x yes >= 2 x (yes +
    no)``); abstentions are not counted. Needed: two thirds rounded up, and at least one yes.
``majority_present`` (majority of the members present at the moment of the vote)
    Adopted when the yes votes are more than half of the members present when the vote is
    taken (Ley 20.337, art. 53). An abstention, or a member present who does not vote, weighs
    the same as a no. Members represented by proxy are added to those present only when the
    caller says proxies count (``proxies_count=True``). 45 present: 23 needed.
``two_thirds_present`` (two thirds of the members present)
    Adopted when the yes votes are at least two thirds of the members present at the moment of
    the vote (with proxies, as above), rounded up: 45 present, 30 needed. Ley 20.337, art. 53
    asks this for bylaw reform, change of purpose, merger and dissolution.
``majority_members`` (absolute majority of the membership)
    Adopted when the yes votes are more than half of all active members, present or not.
``unanimity``
    Adopted when nobody votes no and at least one member votes yes. Abstentions do not break
    unanimity: a member who wants to stop the motion must vote no. (It is unanimity of the
    votes cast, so a member can stand aside without blocking.)
``consent``
    Adopted unless a reasoned objection stands. Each objection is recorded with who raised it,
    its reason and whether it is still open, resolved (the proposal was amended or the objector
    is satisfied) or withdrawn. An objection given without a reason is recorded but does not
    block. There are no "no" votes under consent: an objection is the way to block, so a count
    with no votes is refused. Yes votes and abstentions (standing aside) may be recorded; they
    do not change the outcome.

Ties
----
A majority of a basis is more than half of it; exactly half is not a majority. Only the three
majority rules can tie, and a tie is as many yes votes as no votes, at least one each. The
bylaws' :class:`TieRule` applies to a tie, and only where the tie is what stands between the
motion and its adoption: when one more yes vote would make a majority of the basis. Under
``majority_cast`` that is every tie; under ``majority_present`` and ``majority_members`` the
yes votes of a tie must also fall just one short of a majority (20 present: 10 yes, 10 no; but
with 8 yes, 8 no and 4 abstaining even a broken tie leaves 9 of 20, so the motion simply fails).
The tie rule then decides: ``fails`` (the default: a majority was not reached), ``passes``, or
``chair_decides`` (the chair's casting vote, yes or no, decides; without it the decision
cannot be made and :class:`~coop.errors.VoteError` asks for it). Because a tie may be broken
in favour, one more no vote can adopt a motion under those two tie rules (10 yes, 9 no and an
abstention of 20 present fails; 10 yes and 10 no is a tie that the bylaws resolve): that is
what the bylaws say, and the explanation names it. Two thirds, unanimity and consent cannot
tie: reaching the threshold exactly adopts the motion. When nobody votes yes there is nothing
to break: the motion is not adopted.

Invalid input (negative or fractional counts, more votes than members present, an unknown
rule, a missing number the rule needs) raises :class:`~coop.errors.VoteError` with one
sentence the person at the terminal can act on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from coop.errors import VoteError
from coop.i18n import _, ngettext

__all__ = [
    "Basis",
    "Choice",
    "Decision",
    "DecisionRule",
    "Objection",
    "ObjectionStatus",
    "TieRule",
    "VoteContext",
    "VoteCount",
    "decide",
    "describe_rule",
    "is_deciding_tie",
    "is_majority",
    "parse_decision_rule",
    "parse_tie_rule",
    "reaches_two_thirds",
    "rule_basis",
    "votes_needed",
]


class DecisionRule(enum.StrEnum):
    """How many yes votes a motion needs (see the module docstring)."""

    MAJORITY_CAST = "majority_cast"
    TWO_THIRDS_CAST = "two_thirds_cast"
    MAJORITY_PRESENT = "majority_present"
    TWO_THIRDS_PRESENT = "two_thirds_present"
    MAJORITY_MEMBERS = "majority_members"
    UNANIMITY = "unanimity"
    CONSENT = "consent"


class TieRule(enum.StrEnum):
    """What a tie under a majority rule means."""

    FAILS = "fails"
    PASSES = "passes"
    CHAIR_DECIDES = "chair_decides"


class Basis(enum.StrEnum):
    """What the yes votes are measured against."""

    VOTES_CAST = "votes_cast"
    PRESENT = "present"
    MEMBERS = "members"
    OBJECTIONS = "objections"


class Choice(enum.StrEnum):
    """A casting vote."""

    YES = "yes"
    NO = "no"


class ObjectionStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


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


def _check_count(value: object, what: str) -> int:
    """``value`` as a whole number of at least zero, or a VoteError naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise VoteError(
            _("The number of {what} must be a whole number, not {value!r}.").format(what=what, value=value)
        )
    if value < 0:
        raise VoteError(
            _("The number of {what} cannot be negative (got {value}).").format(what=what, value=value)
        )
    return value


def _too_many_attending(present: int, proxies: int, members: int) -> str:
    if proxies:
        return _(
            "{present} members present and {proxies} represented by proxy are more than the "
            "{members} active members."
        ).format(present=present, proxies=proxies, members=members)
    return _("{present} members present are more than the {members} active members.").format(
        present=present, members=members
    )


@dataclass(frozen=True)
class VoteCount:
    """The tally of a yes/no/abstain vote. ``abstain`` includes blank votes."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    def __post_init__(self) -> None:
        _check_count(self.yes, _("yes votes"))
        _check_count(self.no, _("no votes"))
        _check_count(self.abstain, _("abstentions"))

    @property
    def cast(self) -> int:
        """Yes plus no: the votes cast in the sense of the ``*_cast`` rules."""
        return self.yes + self.no

    @property
    def total(self) -> int:
        """Every vote counted, abstentions included."""
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class VoteContext:
    """Who could have voted, at the moment of the vote.

    ``present``: members present in person; ``active_members``: all active members;
    ``proxies_represented``: absent members represented by a proxy holder who is present;
    ``proxies_count``: whether those represented count as present (and may vote). A number the
    rule does not use may be left as None.
    """

    present: int | None = None
    active_members: int | None = None
    proxies_represented: int = 0
    proxies_count: bool = False

    def __post_init__(self) -> None:
        if self.present is not None:
            _check_count(self.present, _("members present"))
        if self.active_members is not None:
            _check_count(self.active_members, _("active members"))
        _check_count(self.proxies_represented, _("members represented by proxy"))
        if not isinstance(self.proxies_count, bool):
            raise VoteError(
                _("Whether proxies count must be true or false, not {value!r}.").format(
                    value=self.proxies_count
                )
            )
        if self.present is not None and self.active_members is not None:
            attending = self.present + self.proxies_represented
            if attending > self.active_members:
                raise VoteError(
                    _too_many_attending(self.present, self.proxies_represented, self.active_members)
                )

    @property
    def present_total(self) -> int | None:
        """Members counted as present for the vote: in person, plus proxies when they count."""
        if self.present is None:
            return None
        return self.present + (self.proxies_represented if self.proxies_count else 0)


@dataclass(frozen=True)
class Objection:
    """An objection under the consent rule; ``by`` names who raised it, for the minutes."""

    by: str
    reason: str
    status: ObjectionStatus = ObjectionStatus.OPEN

    def __post_init__(self) -> None:
        try:
            status = ObjectionStatus(self.status)
        except ValueError:
            raise VoteError(
                _("Unknown objection status {status!r}; use one of: {choices}.").format(
                    status=self.status, choices=", ".join(s.value for s in ObjectionStatus)
                )
            ) from None
        object.__setattr__(self, "status", status)

    @property
    def reasoned(self) -> bool:
        return bool(self.reason and self.reason.strip())

    @property
    def stands(self) -> bool:
        """True when this objection blocks: it gives a reason and is still open."""
        return self.reasoned and self.status is ObjectionStatus.OPEN


@dataclass(frozen=True)
class Decision:
    """The outcome of a vote, ready for the minutes.

    ``required`` is the number of yes votes that carries the motion without a tie, measured
    against ``basis_count`` (minutes: "required: 18 of 35"); under consent it is 0 and the
    basis counts the reasoned objections raised. ``casting_vote`` is set only when the chair's
    casting vote decided a tie.
    """

    adopted: bool
    rule: DecisionRule
    required: int
    yes: int
    no: int
    abstain: int
    basis: Basis
    basis_count: int
    tie: bool
    explanation: str
    article: str | None = None
    tie_rule: TieRule = TieRule.FAILS
    casting_vote: Choice | None = None
    objections_raised: int = 0
    objections_standing: int = 0


def parse_decision_rule(value: DecisionRule | str) -> DecisionRule:
    """``value`` as a DecisionRule, or a VoteError listing the rules."""
    try:
        return DecisionRule(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise VoteError(
            _("Unknown decision rule {rule!r}; use one of: {choices}.").format(
                rule=value, choices=", ".join(r.value for r in DecisionRule)
            )
        ) from None


def parse_tie_rule(value: TieRule | str) -> TieRule:
    """``value`` as a TieRule, or a VoteError listing the tie rules."""
    try:
        return TieRule(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise VoteError(
            _("Unknown tie rule {rule!r}; use one of: {choices}.").format(
                rule=value, choices=", ".join(r.value for r in TieRule)
            )
        ) from None


def _parse_choice(value: Choice | str) -> Choice:
    try:
        return Choice(value.strip().lower() if isinstance(value, str) else value)
    except ValueError:
        raise VoteError(_("A casting vote must be yes or no, not {value!r}.").format(value=value)) from None


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


def _basis_phrase(basis: Basis, basis_count: int, context: VoteContext) -> str:
    if basis is Basis.VOTES_CAST:
        phrase = ngettext("the {count} vote cast", "the {count} votes cast", basis_count)
    elif basis is Basis.PRESENT and context.proxies_count and context.proxies_represented:
        # the minutes list who attended in person: say that the basis also counts the proxies
        return ngettext(
            "the {count} member present or represented ({in_person} in person, {proxies} by proxy)",
            "the {count} members present or represented ({in_person} in person, {proxies} by proxy)",
            basis_count,
        ).format(count=basis_count, in_person=context.present, proxies=context.proxies_represented)
    elif basis is Basis.PRESENT:
        phrase = ngettext("the {count} member present", "the {count} members present", basis_count)
    else:
        phrase = ngettext("the {count} active member", "the {count} active members", basis_count)
    return phrase.format(count=basis_count)


def _sentence(body: str, article: str | None) -> str:
    if article:
        return _("{body} ({article}).").format(body=body, article=article)
    return _("{body}.").format(body=body)


def decide(
    rule: DecisionRule | str,
    count: VoteCount,
    context: VoteContext | None = None,
    *,
    tie_rule: TieRule | str = TieRule.FAILS,
    casting_vote: Choice | str | None = None,
    objections: Iterable[Objection] = (),
    article: str | None = None,
) -> Decision:
    """Decide a motion under ``rule`` from ``count`` and ``context``.

    ``tie_rule`` and ``casting_vote`` (the chair's, ``yes`` or ``no``) settle ties under the
    majority rules; the casting vote is used only when there is a tie, and only with
    ``TieRule.CHAIR_DECIDES``. ``objections`` are given only under consent. ``article`` names
    the bylaw or law provision applied (e.g. "art. 53, Ley 20.337") and is carried into the
    decision and its explanation.
    """
    rule = parse_decision_rule(rule)
    tie_rule = parse_tie_rule(tie_rule)
    if not isinstance(count, VoteCount):
        raise VoteError(_("The vote count is missing or not a count of yes, no and abstain votes."))
    context = context if context is not None else VoteContext()
    choice = _parse_choice(casting_vote) if casting_vote is not None else None
    if choice is not None and tie_rule is not TieRule.CHAIR_DECIDES:
        raise VoteError(
            _(
                "A casting vote was given, but under the tie rule {tie_rule} the chair does not decide ties."
            ).format(tie_rule=tie_rule.value)
        )
    objection_list = list(objections)
    if objection_list and rule is not DecisionRule.CONSENT:
        raise VoteError(
            _("Objections decide only under the consent rule, not under {rule}.").format(rule=rule.value)
        )
    article = article.strip() if article and article.strip() else None

    _check_room(count, context)
    if (
        rule is DecisionRule.MAJORITY_MEMBERS
        and context.active_members is not None
        and count.total > context.active_members
    ):
        raise VoteError(
            _("{votes} votes were counted but there are only {members} active members.").format(
                votes=count.total, members=context.active_members
            )
        )

    if rule is DecisionRule.CONSENT:
        return _decide_consent(count, objection_list, tie_rule, article)

    basis = _RULE_BASIS[rule]
    basis_count = _basis_count(rule, count, context)
    required = _required(rule, basis_count)
    yes, no, abstain = count.yes, count.no, count.abstain
    values = {
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "required": required,
        "basis": _basis_phrase(basis, basis_count, context),
        "needed": ngettext("{required} was needed", "{required} were needed", required).format(
            required=required
        ),
    }

    tie = rule in _MAJORITY_RULES and is_deciding_tie(yes, no, basis_count)
    used_choice: Choice | None = None
    if tie:
        if tie_rule is TieRule.FAILS:
            adopted = False
            body = _(
                "Not adopted: {yes} yes and {no} no are a tie among {basis}, and under the bylaws "
                "a tie fails ({abstain} abstaining); {needed}"
            ).format(**values)
        elif tie_rule is TieRule.PASSES:
            adopted = True
            body = _(
                "Adopted: {yes} yes and {no} no are a tie among {basis}, and under the bylaws "
                "a tie passes ({abstain} abstaining)"
            ).format(**values)
        else:
            if choice is None:
                raise VoteError(
                    _(
                        "The vote is tied at {yes} yes and {no} no, and the bylaws give the chair the "
                        "casting vote; record the chair's casting vote, yes or no."
                    ).format(**values)
                )
            used_choice = choice
            adopted = choice is Choice.YES
            if adopted:
                body = _(
                    "Adopted on the chair's casting vote: {yes} yes and {no} no were a tie among "
                    "{basis} ({abstain} abstaining)"
                ).format(**values)
            else:
                body = _(
                    "Not adopted on the chair's casting vote: {yes} yes and {no} no were a tie "
                    "among {basis} ({abstain} abstaining)"
                ).format(**values)
    elif basis is Basis.VOTES_CAST and basis_count == 0:
        adopted = False
        body = _(
            "Not adopted: nobody voted yes or no ({abstain} abstaining), and at least one yes vote is needed"
        ).format(**values)
    elif rule is DecisionRule.UNANIMITY:
        adopted = no == 0 and yes >= 1
        if adopted:
            body = _(
                "Adopted unanimously: {yes} yes and no votes against ({abstain} abstaining, "
                "which does not break unanimity)"
            ).format(**values)
        else:
            body = _(
                "Not adopted: unanimity was needed and {no} voted no ({yes} yes, {abstain} abstaining)"
            ).format(**values)
    elif rule in _MAJORITY_RULES:
        adopted = is_majority(yes, basis_count)
        if adopted:
            body = _(
                "Adopted: {yes} yes is a majority of {basis} ({no} no, {abstain} abstaining); "
                "{needed}"
            ).format(**values)
        else:
            body = _(
                "Not adopted: {yes} yes is not a majority of {basis} ({no} no, {abstain} "
                "abstaining); {needed}"
            ).format(**values)
    else:  # two thirds
        adopted = reaches_two_thirds(yes, basis_count)
        if adopted:
            body = _(
                "Adopted: {yes} yes reaches two thirds of {basis} ({no} no, {abstain} "
                "abstaining); {needed}"
            ).format(**values)
        else:
            body = _(
                "Not adopted: {yes} yes falls short of two thirds of {basis} ({no} no, "
                "{abstain} abstaining); {needed}"
            ).format(**values)

    return Decision(
        adopted=adopted,
        rule=rule,
        required=required,
        yes=yes,
        no=no,
        abstain=abstain,
        basis=basis,
        basis_count=basis_count,
        tie=tie,
        explanation=_sentence(body, article),
        article=article,
        tie_rule=tie_rule,
        casting_vote=used_choice,
    )


def _check_room(count: VoteCount, context: VoteContext) -> None:
    """More votes than members who could vote is a counting mistake."""
    room = context.present_total
    if room is None or count.total <= room:
        return
    if context.proxies_count and context.proxies_represented:
        raise VoteError(
            _(
                "{votes} votes were counted but only {room} members are present or represented by proxy."
            ).format(votes=count.total, room=room)
        )
    raise VoteError(
        _("{votes} votes were counted but only {room} members are present.").format(
            votes=count.total, room=room
        )
    )


def _decide_consent(
    count: VoteCount, objections: list[Objection], tie_rule: TieRule, article: str | None
) -> Decision:
    for objection in objections:
        if not isinstance(objection, Objection):
            raise VoteError(_("Each objection must give who raised it, its reason and its status."))
    if count.no:
        raise VoteError(
            _(
                "Under consent there are no 'no' votes: record each objection with its reason instead "
                "of {no} no votes."
            ).format(no=count.no)
        )
    raised = sum(1 for o in objections if o.reasoned)
    standing = sum(1 for o in objections if o.stands)
    adopted = standing == 0
    if not adopted:
        body = ngettext(
            "Not adopted: {standing} reasoned objection still stands",
            "Not adopted: {standing} reasoned objections still stand",
            standing,
        ).format(standing=standing)
    elif raised == 0:
        body = _("Adopted by consent: no reasoned objection was raised")
    else:
        body = ngettext(
            "Adopted by consent: the {raised} reasoned objection raised was resolved or withdrawn",
            "Adopted by consent: all {raised} reasoned objections raised were resolved or withdrawn",
            raised,
        ).format(raised=raised)
    return Decision(
        adopted=adopted,
        rule=DecisionRule.CONSENT,
        required=0,
        yes=count.yes,
        no=count.no,
        abstain=count.abstain,
        basis=Basis.OBJECTIONS,
        basis_count=raised,
        tie=False,
        explanation=_sentence(body, article),
        article=article,
        tie_rule=tie_rule,
        objections_raised=raised,
        objections_standing=standing,
    )
