"""Deciding a motion: the outcome, the sentence for the record, and consent rounds."""

from __future__ import annotations

from collections.abc import Iterable

from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.rules.decisions import (
    _MAJORITY_RULES,
    _RULE_BASIS,
    Basis,
    Choice,
    DecisionRule,
    TieRule,
    _parse_choice,
    parse_decision_rule,
    parse_tie_rule,
)
from coop.votes.thresholds.arithmetic import (
    _basis_count,
    _required,
    is_deciding_tie,
    is_majority,
    reaches_two_thirds,
)
from coop.votes.thresholds.inputs import Decision, Objection, VoteContext, VoteCount


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


def abstaining_phrase(abstain: int) -> str:
    """ "3 abstaining": Spanish says "1 abstención" and "3 abstenciones"."""
    return ngettext("{count} abstaining", "{count} abstaining", abstain).format(count=abstain)


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
            ngettext(
                "{votes} votes were counted but there is only {members} active member.",
                "{votes} votes were counted but there are only {members} active members.",
                context.active_members,
            ).format(votes=count.total, members=context.active_members)
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
        "abstaining": abstaining_phrase(abstain),
    }

    tie = rule in _MAJORITY_RULES and is_deciding_tie(yes, no, basis_count)
    used_choice: Choice | None = None
    if tie:
        if tie_rule is TieRule.FAILS:
            adopted = False
            body = _(
                "Not adopted: {yes} yes and {no} no are a tie among {basis}, and under the bylaws "
                "a tie fails ({abstaining}); {needed}"
            ).format(**values)
        elif tie_rule is TieRule.PASSES:
            adopted = True
            body = _(
                "Adopted: {yes} yes and {no} no are a tie among {basis}, and under the bylaws "
                "a tie passes ({abstaining})"
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
                    "{basis} ({abstaining})"
                ).format(**values)
            else:
                body = _(
                    "Not adopted on the chair's casting vote: {yes} yes and {no} no were a tie "
                    "among {basis} ({abstaining})"
                ).format(**values)
    elif basis is Basis.VOTES_CAST and basis_count == 0:
        adopted = False
        body = _(
            "Not adopted: nobody voted yes or no ({abstaining}), and at least one yes vote is needed"
        ).format(**values)
    elif rule is DecisionRule.UNANIMITY:
        adopted = no == 0 and yes >= 1
        if adopted:
            body = _(
                "Adopted unanimously: {yes} yes and no votes against ({abstaining}, "
                "which does not break unanimity)"
            ).format(**values)
        else:
            body = ngettext(
                "Not adopted: unanimity was needed and {no} voted no ({yes} yes, {abstaining})",
                "Not adopted: unanimity was needed and {no} voted no ({yes} yes, {abstaining})",
                no,
            ).format(**values)
    elif rule in _MAJORITY_RULES:
        adopted = is_majority(yes, basis_count)
        if adopted:
            body = ngettext(
                "Adopted: {yes} yes is a majority of {basis} ({no} no, {abstaining}); {needed}",
                "Adopted: {yes} yes is a majority of {basis} ({no} no, {abstaining}); {needed}",
                yes,
            ).format(**values)
        else:
            body = ngettext(
                "Not adopted: {yes} yes is not a majority of {basis} ({no} no, {abstaining}); {needed}",
                "Not adopted: {yes} yes is not a majority of {basis} ({no} no, {abstaining}); {needed}",
                yes,
            ).format(**values)
    else:  # two thirds
        adopted = reaches_two_thirds(yes, basis_count)
        if adopted:
            body = ngettext(
                "Adopted: {yes} yes reaches two thirds of {basis} ({no} no, {abstaining}); {needed}",
                "Adopted: {yes} yes reaches two thirds of {basis} ({no} no, {abstaining}); {needed}",
                yes,
            ).format(**values)
        else:
            body = ngettext(
                "Not adopted: {yes} yes falls short of two thirds of {basis} ({no} no, {abstaining}); "
                "{needed}",
                "Not adopted: {yes} yes falls short of two thirds of {basis} ({no} no, {abstaining}); "
                "{needed}",
                yes,
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
            ngettext(
                "{votes} votes were counted but only {room} member is present or represented by proxy.",
                "{votes} votes were counted but only {room} members are present or represented by proxy.",
                room,
            ).format(votes=count.total, room=room)
        )
    raise VoteError(
        ngettext(
            "{votes} votes were counted but only {room} member is present.",
            "{votes} votes were counted but only {room} members are present.",
            room,
        ).format(votes=count.total, room=room)
    )


def _decide_consent(
    count: VoteCount, objections: list[Objection], tie_rule: TieRule, article: str | None
) -> Decision:
    for objection in objections:
        if not isinstance(objection, Objection):
            raise VoteError(_("Each objection must give who raised it, its reason and its status."))
    if count.no:
        raise VoteError(
            ngettext(
                "Under consent there are no 'no' votes: record each objection with its reason instead "
                "of {no} no vote.",
                "Under consent there are no 'no' votes: record each objection with its reason instead "
                "of {no} no votes.",
                count.no,
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
