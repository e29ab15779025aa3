"""The bylaws a cooperative can set, their defaults and how each value is checked.

Pure: no database. The quorum and decision-rule vocabularies come from the pure modules
that compute them (quorum.py, thresholds.py), which import nothing from coop's domains.
``coop bylaws set`` validates through ``validate_bylaw`` before storing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from coop import vocabulary
from coop.errors import BylawError, TrainingError
from coop.i18n import N_, _, ngettext
from coop.rules.decisions import DecisionRule, TieRule
from coop.rules.elections import DEFAULT_COUNCIL_RULE, CouncilRule
from coop.rules.quorum import parse_quorum_spec
from coop.rules.terms import (
    TermRole,
    describe_term_limit,
    parse_term_limit,
    term_limit_text,
)

DECISION_RULES = tuple(rule.value for rule in DecisionRule)
TIE_RULES = tuple(rule.value for rule in TieRule)


class MotionKind(enum.StrEnum):
    """What a motion decides; the bylaws set the decision rule of each kind (``threshold.<kind>``)."""

    ordinary = "ordinary"
    amendment = "amendment"
    minutes_approval = "minutes_approval"
    plan_approval = "plan_approval"
    training_plan = "training_plan"
    master_scenario = "master_scenario"
    bylaws_amendment = "bylaws_amendment"
    close_debate = "close_debate"
    suspend_rules = "suspend_rules"
    object_change = "object_change"
    merger = "merger"
    dissolution = "dissolution"
    consent = "consent"


vocabulary.define(
    MotionKind,
    {
        MotionKind.ordinary: vocabulary.Term(N_("ordinary motion"), N_("ordinary")),
        MotionKind.amendment: N_("amendment"),
        MotionKind.minutes_approval: vocabulary.Term(N_("approval of minutes"), N_("minutes-approval")),
        MotionKind.plan_approval: vocabulary.Term(N_("approval of a production plan"), N_("plan-approval")),
        MotionKind.training_plan: vocabulary.Term(N_("approval of a training plan"), N_("training-plan")),
        MotionKind.master_scenario: vocabulary.Term(
            N_("choice of a master plan's scenario"), N_("master-scenario")
        ),
        MotionKind.bylaws_amendment: vocabulary.Term(N_("amendment of the bylaws"), N_("bylaws-amendment")),
        MotionKind.close_debate: vocabulary.Term(N_("motion to close debate"), N_("close-debate")),
        MotionKind.suspend_rules: vocabulary.Term(N_("motion to suspend the rules"), N_("suspend-rules")),
        MotionKind.object_change: vocabulary.Term(
            N_("change of the cooperative's object"), N_("object-change")
        ),
        MotionKind.merger: vocabulary.Term(N_("merger or incorporation"), N_("merger")),
        MotionKind.dissolution: N_("dissolution"),
        MotionKind.consent: vocabulary.Term(N_("decision by consent"), N_("consent")),
    },
)

MOTION_KINDS = tuple(kind.value for kind in MotionKind)

# The kinds of motion by which an assembly can change a bylaw: ``coop bylaws set --motion`` cites
# only an adopted motion of one of these kinds (no bylaw names others, so the list is fixed here).
BYLAW_CHANGING_KINDS = ("bylaws_amendment",)


def motion_kind_label(kind: str) -> str:
    """A kind of motion in words (the same words the minutes use)."""
    return vocabulary.label(MotionKind(kind)) if kind in MOTION_KINDS else kind


def _stored_label(enum: type[Enum], value: str) -> str:
    """The label of a stored value of ``enum``; a value this version does not know, as stored."""
    try:
        return vocabulary.label(enum(value))
    except ValueError:
        return value


def decision_rule_title(rule: str) -> str:
    """A decision rule in words (the same words the minutes use)."""
    return _stored_label(DecisionRule, rule)


_TRUE = {"yes", "true", "1", "on", "si", "sí"}
_FALSE = {"no", "false", "0", "off"}


def _boolean(value: str) -> str:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return "yes"
    if lowered in _FALSE:
        return "no"
    raise BylawError(_("'{value}' is not yes or no.").format(value=value))


def _whole_number(minimum: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            number = int(value.strip())
        except ValueError:
            raise BylawError(_("'{value}' is not a whole number.").format(value=value)) from None
        if number < minimum:
            raise BylawError(
                _("{value} is below the smallest allowed value, {minimum}.").format(
                    value=number, minimum=minimum
                )
            )
        return str(number)

    return check


def _one_of(enum: type[Enum]) -> Callable[[str], str]:
    """A check that stores the value of ``enum`` that ``value`` names (its stored value, its word or
    its label, in either language)."""

    def check(value: str) -> str:
        def refuse(text: str) -> BylawError:
            choices = vocabulary.words_text(enum)
            return BylawError(_("'{value}' is not one of: {choices}.").format(value=text, choices=choices))

        return str(vocabulary.parse(enum, value, refuse).value)

    return check


def _quorum(value: str) -> str:
    return parse_quorum_spec(value).text


def _term_limit(value: str) -> str:
    try:
        return term_limit_text(parse_term_limit(value))
    except TrainingError as error:
        raise BylawError(error.message) from None


@dataclass(frozen=True)
class BylawDefinition:
    key: str
    default: str
    description: str
    check: Callable[[str], str]
    title: str = ""  # the rule's name in words, for documents and tables
    # How to write a value in ``coop bylaws set``, for the screen only: the document says the
    # meaning in words and never shows the words one types (``chair_decides``, ``2 terms``).
    accepted: str = ""


def _definitions() -> dict[str, BylawDefinition]:
    items = [
        BylawDefinition(
            "quorum",
            "majority",
            _(
                "Members needed for a valid assembly: half plus one of the active members, a fraction "
                "of them, or a number of members."
            ),
            _quorum,
            _("Quorum"),
            _("Write majority, a fraction such as 1/3 or 0.25, or a whole number such as 30."),
        ),
        BylawDefinition(
            "quorum.proxies_count",
            "no",
            _("Whether proxies held count toward quorum."),
            _boolean,
            _("Proxies and the quorum"),
        ),
        BylawDefinition(
            "quorum.second_call_minutes",
            "0",
            _(
                "Minutes after the called time when an assembly without quorum may meet at second call "
                "(0: never)."
            ),
            _whole_number(0),
            _("Second call"),
        ),
        BylawDefinition(
            "quorum.second_call_minimum",
            "1",
            _("Members needed at second call (1: any number present)."),
            _whole_number(1),
            _("Quorum at second call"),
        ),
        BylawDefinition(
            "proxy.max_per_holder",
            "1",
            _("Proxies one member may hold at one assembly (0: none)."),
            _whole_number(0),
            _("Proxies per member"),
        ),
        BylawDefinition(
            "notice.days",
            "15",
            _("Days before an assembly by which its notice of meeting must be published."),
            _whole_number(0),
            _("Notice of meeting"),
        ),
        BylawDefinition(
            "tie_rule",
            "fails",
            _("What a tied vote means: the motion fails, it passes, or the chair decides."),
            _one_of(TieRule),
            _("Tied votes"),
            _("Write one of: {rules}.").format(rules=vocabulary.words_text(TieRule)),
        ),
        BylawDefinition(
            "motion.seconding_required",
            "yes",
            _("Whether a motion needs a seconder before it is debated (consent motions never do)."),
            _boolean,
            _("Seconding of motions"),
        ),
    ]
    items.append(
        BylawDefinition(
            "election.council",
            DEFAULT_COUNCIL_RULE.value,
            _(
                "How the council is elected: by ranking candidates (irv, stv-droop) or by lists of "
                "titulares and suplentes (dhondt, sainte-lague, lista-completa, lista-incompleta); coop "
                "election create --council counts by it."
            ),
            _one_of(CouncilRule),
            _("Election of the council"),
            _("Write one of: {rules}.").format(rules=vocabulary.words_text(CouncilRule)),
        )
    )
    defaults = {
        "ordinary": "majority_cast",
        "amendment": "majority_cast",
        "minutes_approval": "majority_cast",
        "plan_approval": "majority_cast",
        "training_plan": "majority_cast",
        "master_scenario": "majority_cast",
        "bylaws_amendment": "two_thirds_cast",
        "close_debate": "two_thirds_cast",
        "suspend_rules": "two_thirds_cast",
        "object_change": "two_thirds_cast",
        "merger": "two_thirds_cast",
        "dissolution": "two_thirds_cast",
        "consent": "consent",
    }
    for kind in MOTION_KINDS:
        items.append(
            BylawDefinition(
                f"threshold.{kind}",
                defaults[kind],
                _("Decision rule for motions of this kind: {kind}.").format(kind=motion_kind_label(kind)),
                _one_of(DecisionRule),
                _("Majority needed: {kind}").format(kind=motion_kind_label(kind)),
                _("Write one of: {rules}.").format(rules=vocabulary.words_text(DecisionRule)),
            )
        )
    for role in TermRole:
        items.append(
            BylawDefinition(
                f"term_limit.{role.value}",
                "none",
                _("Term limit for the {role} role, counting every term ever held.").format(
                    role=vocabulary.label(role)
                ),
                _term_limit,
                _("Term limit: {role}").format(role=vocabulary.label(role)),
                _("Write none, '2 terms', '36 months' or '2 terms or 36 months'."),
            )
        )
    return {item.key: item for item in items}


BYLAW_DEFINITIONS: dict[str, BylawDefinition] = _definitions()


def bylaw_descriptions() -> dict[str, str]:
    """What each rule means, in the language in use now (BYLAW_DEFINITIONS was built at import)."""
    return {key: definition.description for key, definition in _definitions().items()}


def bylaw_accepted_values() -> dict[str, str]:
    """How to write each rule's value in ``coop bylaws set``, in the language in use now."""
    return {key: definition.accepted for key, definition in _definitions().items()}


def bylaw_titles() -> dict[str, str]:
    """Each rule's name in words, in the language in use now."""
    return {key: definition.title for key, definition in _definitions().items()}


def no_article_text() -> str:
    """What a person reads where a rule cites no article (JSON keeps null)."""
    return _("no article cited")


def bylaw_value_words(key: str, value: str) -> str:
    """A stored value as a person reads it, in the language in use now: ``majority_present`` ->
    "majority of members present". JSON and the audit log keep the stored value itself.

    A value this version cannot read (a key from elsewhere) is shown as stored rather than hidden.
    """
    try:
        if key == "quorum":
            return parse_quorum_spec(value).describe()
        if key == "quorum.proxies_count":
            return _("proxies count") if value == "yes" else _("proxies do not count")
        if key == "motion.seconding_required":
            return _("a seconder is required") if value == "yes" else _("no seconder is required")
        if key == "quorum.second_call_minutes":
            minutes = int(value)
            if minutes == 0:
                return _("no second call")
            return ngettext(
                "{minutes} minute after the called time",
                "{minutes} minutes after the called time",
                minutes,
            ).format(minutes=minutes)
        if key == "quorum.second_call_minimum":
            members = int(value)
            if members <= 1:
                return _("any number of members present")
            return ngettext("{members} member", "{members} members", members).format(members=members)
        if key == "proxy.max_per_holder":
            proxies = int(value)
            if proxies == 0:
                return _("no proxies")
            return ngettext("{count} proxy per member", "{count} proxies per member", proxies).format(
                count=proxies
            )
        if key == "notice.days":
            days = int(value)
            return ngettext("{days} day before the assembly", "{days} days before the assembly", days).format(
                days=days
            )
        if key == "tie_rule":
            return _stored_label(TieRule, value)
        if key == "election.council":
            return _stored_label(CouncilRule, value)
        if key.startswith("threshold."):
            return decision_rule_title(value)
        if key.startswith("term_limit."):
            return describe_term_limit(parse_term_limit(value))
    except (ValueError, BylawError, TrainingError):
        return value
    return value


def validate_bylaw(key: str, value: str) -> str:
    """The normalised value, or a ``BylawError`` saying what is wrong and what is allowed."""
    definition = BYLAW_DEFINITIONS.get(key)
    if definition is None:
        raise BylawError(
            _("'{key}' is not a bylaw coop knows; see the list with: coop bylaws show").format(key=key)
        )
    try:
        return definition.check(value)
    except BylawError as error:
        raise BylawError(
            _("Bylaw {key} not changed: {reason}").format(key=key, reason=error.message)
        ) from None
