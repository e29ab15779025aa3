"""The bylaws in force as a printable document (view model built from the record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language
from coop.members.service import bylaws_in_force, get_cooperative


@dataclass(frozen=True)
class BylawLine:
    key: str
    meaning: str
    value: str
    article: str | None
    adopted: str  # "12/03/2024, motion 3 (...) of assembly 2" or "coop's default"


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
            adopted = format_date(bylaw.changed_at, language)
            if bylaw.source:
                adopted = _("{date}, by {source}").format(date=adopted, source=bylaw.source)
        lines.append(
            BylawLine(
                key=bylaw.key,
                meaning=bylaw.description,
                value=bylaw.value,
                article=bylaw.article,
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
