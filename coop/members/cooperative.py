"""The cooperative itself: set up once, then renamed or given another language only by a secretary."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_change, record_event
from coop.errors import DatabaseError, MemberError
from coop.i18n import SOURCE_LANGUAGE, _, available_languages, normalize_language
from coop.members.actors import SETUP_ACTOR, Actor, require_role
from coop.members.models import Cooperative, Role

# --- the cooperative ---------------------------------------------------------------------------


def get_cooperative(session: Session) -> Cooperative:
    cooperative = session.scalars(select(Cooperative).limit(1)).first()
    if cooperative is None:
        raise DatabaseError(_('The database has no cooperative yet; run: coop init --name "Cooperativa ..."'))
    return cooperative


def language_name(code: str) -> str:
    """A language as a person names it: ``es`` -> "Spanish" (in the language in use now)."""
    return {"en": _("English"), "es": _("Spanish")}.get(code, code)


def check_language(language: str) -> str:
    """A language coop can write documents in (``en``, ``es``), or a ``MemberError`` listing them."""
    code = normalize_language(language)
    if code is None:
        raise MemberError(
            _("'{value}' is not a language coop writes documents in; choose one of: {languages}.").format(
                value=language.strip(), languages=", ".join(available_languages())
            )
        )
    return code


def set_up_cooperative(
    session: Session, *, name: str | None, language: str | None, now: datetime
) -> Cooperative:
    """Name the cooperative (the first ``coop init``); on an existing database, change nothing.

    A later ``coop init`` must not rewrite the record behind the secretary's back: a different
    name or language is refused with the command that does it as an audited act.
    """
    cooperative = session.scalars(select(Cooperative).limit(1)).first()
    if cooperative is not None:
        if name is not None and " ".join(name.split()) != " ".join(cooperative.name.split()):
            raise MemberError(
                _(
                    "This database is already the cooperative {name}, and coop init changes nothing in it; "
                    'to rename it, a secretary runs: coop cooperative rename "NEW NAME" --reason "..."'
                ).format(name=cooperative.name)
            )
        new_language = check_language(language) if language is not None else cooperative.language
        if new_language != cooperative.language:
            raise MemberError(
                _(
                    "The documents of {name} are in {language}, and coop init changes nothing in an "
                    "existing database; to change their language, a secretary runs: "
                    "coop cooperative language {new}"
                ).format(
                    name=cooperative.name, language=language_name(cooperative.language), new=new_language
                )
            )
        return cooperative
    name = " ".join((name or "").split())
    if not name:
        raise MemberError(_('The cooperative needs a name: coop init --name "Cooperativa ..."'))
    code = check_language(language or SOURCE_LANGUAGE)
    cooperative = Cooperative(name=name, language=code, created_at=now)
    session.add(cooperative)
    record_event(
        session,
        "coop.cooperative.created",
        actor=SETUP_ACTOR,
        now=now,
        data={"name": name, "language": code},
    )
    return cooperative


def rename_cooperative(
    session: Session, *, actor: Actor, now: datetime, name: str, reason: str
) -> Cooperative:
    """Change the name printed on every document (secretary only), with the reason on record."""
    require_role(session, actor, Role.secretary, _("Renaming the cooperative"))
    cooperative = get_cooperative(session)
    new_name = " ".join(name.split())
    if not new_name:
        raise MemberError(_("The new name is empty; write the cooperative's name as it is registered."))
    reason = reason.strip()
    if not reason:
        raise MemberError(_("Say why the name changes, with --reason (e.g. the assembly's resolution)."))
    if new_name == cooperative.name:
        raise MemberError(
            _("The cooperative is already called {name}; nothing changed.").format(name=new_name)
        )
    old_name, cooperative.name = cooperative.name, new_name
    record_change(
        session, "coop.cooperative.renamed", actor, now, {"old": old_name, "new": new_name, "reason": reason}
    )
    return cooperative


def set_cooperative_language(
    session: Session, *, actor: Actor, now: datetime, language: str, reason: str | None = None
) -> Cooperative:
    """Change the language the cooperative's documents are written in (secretary only)."""
    require_role(session, actor, Role.secretary, _("Changing the language of the documents"))
    cooperative = get_cooperative(session)
    code = check_language(language)
    if code == cooperative.language:
        raise MemberError(
            _("The documents of {name} are already in {language}; nothing changed.").format(
                name=cooperative.name, language=language_name(code)
            )
        )
    old, cooperative.language = cooperative.language, code
    record_change(
        session,
        "coop.cooperative.language_changed",
        actor,
        now,
        {"old": old, "new": code, "reason": (reason or "").strip() or None},
    )
    return cooperative
