"""The bylaws in force: each rule's value, its article and the motion that adopted it; changes and presets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_change
from coop.i18n import _, using
from coop.members.actors import Actor, require_role
from coop.members.bylaws import (
    BYLAW_DEFINITIONS,
    bylaw_accepted_values,
    bylaw_descriptions,
    bylaw_titles,
    bylaw_value_words,
    no_article_text,
    validate_bylaw,
)
from coop.members.cooperative import get_cooperative
from coop.members.models import Bylaw, Role

# --- bylaws ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BylawValue:
    key: str
    value: str
    default: str
    article: str | None
    changed_at: datetime | None
    changed_by: str | None
    source: str | None
    description: str
    title: str = ""  # the rule's name in words, in the language in use when it was read
    value_words: str = ""  # the value as a person reads it (``value`` is what scripts get)
    accepted: str = ""  # how to write a value in ``coop bylaws set`` (screen help, not documents)

    @property
    def article_words(self) -> str:
        """The article, or words saying none is cited (never an empty cell a reader must guess at)."""
        return self.article or no_article_text()

    @property
    def is_default(self) -> bool:
        return self.changed_at is None


def _cooperative_language(session: Session) -> str:
    return get_cooperative(session).language


def bylaws_in_force(session: Session) -> dict[str, BylawValue]:
    stored = {b.key: b for b in session.scalars(select(Bylaw))}
    descriptions = bylaw_descriptions()
    titles = bylaw_titles()
    accepted = bylaw_accepted_values()
    values: dict[str, BylawValue] = {}
    for key, definition in BYLAW_DEFINITIONS.items():
        row = stored.get(key)
        value = row.value if row else definition.default
        values[key] = BylawValue(
            key=key,
            value=value,
            default=definition.default,
            article=row.article if row else None,
            changed_at=row.changed_at if row else None,
            changed_by=row.changed_by if row else None,
            source=row.source if row else None,
            description=descriptions[key],
            title=titles[key],
            value_words=bylaw_value_words(key, value),
            accepted=accepted[key],
        )
    return values


def set_bylaw(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    key: str,
    value: str,
    article: str | None = None,
    source: str | None = None,
    motion_id: int | None = None,
) -> BylawValue:
    """Change one rule; ``article`` names where it comes from, ``source`` the motion or preset.

    ``source`` is stored as written (callers write it in the cooperative's language) and
    ``motion_id`` goes into the audit event. Callers check that the motion may change bylaws.
    """
    require_role(session, actor, Role.secretary, _("Changing the bylaws"))
    normalised = validate_bylaw(key, value)
    row = session.get(Bylaw, key)
    old_value = row.value if row else BYLAW_DEFINITIONS[key].default
    old_article = row.article if row else None
    if article is not None:
        new_article = article.strip() or None
    elif normalised == old_value:
        new_article = old_article
    else:
        # An article says one value: "Ley 20.337, art. 49" is the basis of a majority quorum, not
        # of 2/5. Keeping it would make the record cite a basis the new value does not have, and
        # refusing would push the secretary to type the old article again; so a new value without
        # --article cites no article, and every reader is told so ("no article cited").
        new_article = None
    if source is None and row is not None and normalised == old_value:
        # Only the article is corrected: the motion or preset that adopted the value stays its authority.
        source = row.source
    if row is None:
        row = Bylaw(
            key=key,
            value=normalised,
            article=new_article,
            changed_at=now,
            changed_by=actor.label,
            source=source,
        )
        session.add(row)
    else:
        row.value, row.article, row.changed_at, row.changed_by, row.source = (
            normalised,
            new_article,
            now,
            actor.label,
            source,
        )
    session.flush()
    record_change(
        session,
        "coop.bylaw.changed",
        actor,
        now,
        {
            "key": key,
            "old": old_value,
            "new": normalised,
            "old_article": old_article,
            "article": new_article,
            "source": source,
            **({"motion_id": motion_id} if motion_id is not None else {}),
        },
    )
    return bylaws_in_force(session)[key]


@dataclass(frozen=True)
class BylawChange:
    key: str
    old: str
    new: str
    old_article: str | None
    article: str | None

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_article != self.article


def apply_bylaw_preset(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    adopted_by: str | None = None,
    motion_id: int | None = None,
) -> list[BylawChange]:
    """Adopt every rule of a preset with its article; returns each rule's old and new value.

    ``adopted_by`` names the motion that adopted the preset (in the cooperative's language), and
    ``motion_id`` is its id; the caller has checked that the motion may change the bylaws.
    """
    from coop.members.presets import find_preset

    require_role(session, actor, Role.secretary, _("Applying a bylaw preset"))
    find_preset(name)  # an unknown name is refused in the operator's language
    before = bylaws_in_force(session)
    with using(_cooperative_language(session)):  # its articles and source are stored: the record's language
        preset = find_preset(name)
        source = _("preset {name}").format(name=preset.name)
        if adopted_by is not None:
            source = _("preset {name}, adopted by {motion}").format(name=preset.name, motion=adopted_by)
    changes = []
    for rule in preset.rules:
        old = before[rule.key]
        change = BylawChange(rule.key, old.value, rule.value, old.article, rule.article)
        if change.changed:
            set_bylaw(
                session,
                actor=actor,
                now=now,
                key=rule.key,
                value=rule.value,
                article=rule.article,
                source=source,
                motion_id=motion_id,
            )
        changes.append(change)
    record_change(
        session,
        "coop.bylaws.preset_applied",
        actor,
        now,
        {
            "preset": preset.name,
            **({"motion_id": motion_id} if motion_id is not None else {}),
            "changed": [
                {"key": c.key, "old": c.old, "new": c.new, "article": c.article} for c in changes if c.changed
            ],
        },
    )
    return changes
