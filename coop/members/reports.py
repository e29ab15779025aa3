"""The bylaws in force as a printable document (view model built from the record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language
from coop.members.actors import SETUP_ACTOR
from coop.members.bylaws_record import bylaws_in_force
from coop.members.cooperative import get_cooperative


@dataclass(frozen=True)
class BylawLine:
    key: str  # what a secretary types in ``coop bylaws set``, printed small under the title
    title: str  # the rule in words: "Quorum", "Majority needed: amendment of the bylaws"
    meaning: str
    value: str  # in words: "majority of members present", never ``majority_present``
    article: str  # the article, or "no article cited"
    adopted: str  # "12/03/2024: Motion 3 (...), assembly 2 of ...; entered by ..." or "coop's default"


@dataclass(frozen=True)
class BylawsDocument:
    cooperative: str
    title: str
    as_of: str
    rules: tuple[BylawLine, ...]
    language: str = "en"  # the cooperative's: the document is rendered in it


@in_cooperative_language
def bylaws_document(session: Session, as_of: datetime) -> BylawsDocument:
    cooperative = get_cooperative(session)
    language = cooperative.language
    lines = []
    for bylaw in bylaws_in_force(session).values():
        if bylaw.changed_at is None:
            adopted = _("coop's default, never changed")
        else:
            # Say what authority the record has: the motion or preset cited, or that none was.
            adopted = _("{date}: {source}; entered by {who}").format(
                date=format_date(bylaw.changed_at, language),
                source=bylaw.source or _("no motion cited"),
                who=(
                    bylaw.changed_by
                    if bylaw.changed_by and bylaw.changed_by != SETUP_ACTOR
                    else _("the set-up, before the cooperative had a secretary")
                ),
            )
        lines.append(
            BylawLine(
                key=bylaw.key,
                title=bylaw.title,
                meaning=bylaw.description,
                value=bylaw.value_words,
                article=bylaw.article_words,
                adopted=adopted,
            )
        )
    return BylawsDocument(
        cooperative=cooperative.name,
        title=_("Bylaws in force"),
        as_of=format_date(as_of, language),
        rules=tuple(lines),
        language=language,
    )
