"""The bylaws a cooperative can set, their defaults and how each value is checked.

Pure: no database. The quorum and decision-rule vocabularies come from the pure modules
that compute them (quorum.py, thresholds.py), which import nothing from coop's domains.
``coop bylaws set`` validates through ``validate_bylaw`` before storing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coop.assemblies.quorum import parse_quorum_spec
from coop.errors import BylawError, TrainingError
from coop.i18n import _
from coop.training.terms import TermRole, parse_term_limit, role_label, term_limit_text
from coop.votes.thresholds import DecisionRule, TieRule

DECISION_RULES = tuple(rule.value for rule in DecisionRule)
TIE_RULES = tuple(rule.value for rule in TieRule)

MOTION_KINDS = (
    "ordinary",
    "amendment",
    "minutes_approval",
    "plan_approval",
    "bylaws_amendment",
    "close_debate",
    "suspend_rules",
    "object_change",
    "merger",
    "dissolution",
    "consent",
)

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


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        cleaned = value.strip().lower().replace("-", "_")
        if cleaned not in choices:
            raise BylawError(
                _("'{value}' is not one of: {choices}.").format(value=value, choices=", ".join(choices))
            )
        return cleaned

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


def _definitions() -> dict[str, BylawDefinition]:
    items = [
        BylawDefinition(
            "quorum",
            "majority",
            _(
                "Members needed for a valid assembly: 'majority' (half plus one of active members), "
                "a fraction such as 0.25 or 1/3 of active members, or a whole number."
            ),
            _quorum,
        ),
        BylawDefinition(
            "quorum.proxies_count", "no", _("Whether proxies held count toward quorum."), _boolean
        ),
        BylawDefinition(
            "quorum.second_call_minutes",
            "0",
            _(
                "Minutes after the called time when an assembly without quorum may meet at second call "
                "(0: never)."
            ),
            _whole_number(0),
        ),
        BylawDefinition(
            "quorum.second_call_minimum",
            "1",
            _("Members needed at second call (1: any number present)."),
            _whole_number(1),
        ),
        BylawDefinition(
            "proxy.max_per_holder",
            "1",
            _("Proxies one member may hold at one assembly (0: none)."),
            _whole_number(0),
        ),
        BylawDefinition(
            "tie_rule",
            "fails",
            _("What a tied vote means: fails, passes or chair_decides."),
            _one_of(TIE_RULES),
        ),
        BylawDefinition(
            "motion.seconding_required",
            "yes",
            _("Whether a motion needs a seconder before it is debated (consent motions never do)."),
            _boolean,
        ),
    ]
    defaults = {
        "ordinary": "majority_cast",
        "amendment": "majority_cast",
        "minutes_approval": "majority_cast",
        "plan_approval": "majority_cast",
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
                _("Decision rule for motions of kind '{kind}'.").format(kind=kind),
                _one_of(DECISION_RULES),
            )
        )
    for role in TermRole:
        items.append(
            BylawDefinition(
                f"term_limit.{role.value}",
                "none",
                _(
                    "Term limit for the {role} role, counting every term ever held: none, '2 terms', "
                    "'36 months' or '2 terms or 36 months'."
                ).format(role=role_label(role)),
                _term_limit,
            )
        )
    return {item.key: item for item in items}


BYLAW_DEFINITIONS: dict[str, BylawDefinition] = _definitions()


def bylaw_descriptions() -> dict[str, str]:
    """What each rule means, in the language in use now (BYLAW_DEFINITIONS was built at import)."""
    return {key: definition.description for key, definition in _definitions().items()}


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
