"""Bylaw presets a cooperative can adopt: the rules of a recognised source, each with its article.

A preset sets only the keys it names; a cooperative can then adjust single values (its own
statute may be stricter). Pure data: ``coop bylaws preset apply`` goes through ``set_bylaw``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coop.errors import BylawError
from coop.i18n import _
from coop.members.bylaws import MOTION_KINDS


@dataclass(frozen=True)
class PresetRule:
    key: str
    value: str
    article: str


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str
    rules: tuple[PresetRule, ...]
    notes: tuple[str, ...] = ()


def _thresholds(kinds: Iterable[str], rule: str, article: str) -> list[PresetRule]:
    """The decision rule of each of these kinds of motion."""
    return [PresetRule(f"threshold.{kind}", rule, article) for kind in kinds]


def _other_kinds(*kinds: str) -> list[str]:
    """Every kind of motion but these, in the order of MOTION_KINDS."""
    return [kind for kind in MOTION_KINDS if kind not in kinds]


def _robert() -> Preset:
    majority = "Robert's Rules of Order (12th ed.), 44:1"
    two_thirds = "Robert's Rules of Order (12th ed.), 44:3"
    rules = [
        PresetRule("quorum", "majority", "Robert's Rules of Order (12th ed.), 40:3"),
        PresetRule("quorum.proxies_count", "no", "Robert's Rules of Order (12th ed.), 45:70"),
        PresetRule("proxy.max_per_holder", "0", "Robert's Rules of Order (12th ed.), 45:70"),
        # Stored as the rule's article: words in it are in the cooperative's language (see apply).
        PresetRule("quorum.second_call_minutes", "0", _("Robert's Rules of Order (no second call)")),
        PresetRule("tie_rule", "fails", "Robert's Rules of Order (12th ed.), 44:12"),
        PresetRule("motion.seconding_required", "yes", "Robert's Rules of Order (12th ed.), 4:9"),
    ]
    # Main motions by a majority; consent by consent; every other kind of motion by two thirds.
    majority_kinds = (
        "ordinary",
        "amendment",
        "minutes_approval",
        "plan_approval",
        "training_plan",
        "master_scenario",
    )
    rules += _thresholds(majority_kinds, "majority_cast", majority)
    rules += _thresholds(_other_kinds(*majority_kinds, "consent"), "two_thirds_cast", two_thirds)
    rules += _thresholds(("consent",), "consent", "Robert's Rules of Order (12th ed.), 4:58")
    return Preset(
        name="robert",
        title=_("Robert's Rules of Order"),
        description=_(
            "Quorum a majority of members; main motions by a majority of votes cast (abstentions not "
            "counted); two thirds of votes cast to amend the bylaws, close debate or suspend the rules; "
            "no proxies; a tie fails."
        ),
        rules=tuple(rules),
    )


def _ar_ley_20337() -> Preset:
    quorum_article = "Ley 20.337, art. 49"
    simple = "Ley 20.337, art. 53"
    rules = [
        PresetRule("quorum", "majority", quorum_article),
        PresetRule("quorum.second_call_minutes", "60", quorum_article),
        PresetRule("quorum.second_call_minimum", "1", quorum_article),
        PresetRule("notice.days", "15", "Ley 20.337, art. 48"),
        PresetRule("tie_rule", "fails", simple),
        # Art. 63: the assembly elects the council; the statute sets how. Lista completa is proposed
        # as the rule many statutes adopt; a cooperative whose statute names another sets it so.
        PresetRule("election.council", "lista-completa", "Ley 20.337, art. 63"),
    ]
    # Art. 53: two thirds of those present for these; a simple majority for every other kind.
    two_thirds_kinds = ("bylaws_amendment", "object_change", "merger", "dissolution")
    rules += _thresholds(_other_kinds(*two_thirds_kinds), "majority_present", simple)
    rules += _thresholds(two_thirds_kinds, "two_thirds_present", simple)
    return Preset(
        name="ar-ley-20337",
        title=_("Argentine cooperative law (Ley 20.337)"),
        description=_(
            "Quorum half plus one of the members at the called time; one hour later the assembly is "
            "valid with any number present (second call, art. 49). Resolutions by a simple majority of "
            "those present at the moment of the vote; two thirds of those present to amend the statute, "
            "change the object, merge or dissolve (art. 53). The council elected by lista completa "
            "(art. 63: as the statute provides)."
        ),
        rules=tuple(rules),
        notes=(
            _("One member, one vote, whatever their capital: coop always counts one vote per member."),
            _("Decisions by consent are taken by a simple majority of those present under this law."),
        ),
    )


def all_presets() -> dict[str, Preset]:
    presets = (_robert(), _ar_ley_20337())
    return {preset.name: preset for preset in presets}


def find_preset(name: str) -> Preset:
    presets = all_presets()
    preset = presets.get(name.strip().lower())
    if preset is None:
        raise BylawError(
            _("There is no bylaw preset called '{name}'; the presets are: {names}.").format(
                name=name, names=", ".join(presets)
            )
        )
    return preset
