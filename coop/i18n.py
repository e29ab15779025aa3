"""Translation hook: every user-facing string goes through ``_()``.

Catalogues live in ``coop/locale/<lang>/LC_MESSAGES/coop.mo`` (compiled from ``coop.po`` with
``make translations``). English is the source language: its text is the msgid itself, so it needs
no catalogue. A language without a catalogue falls back to English.

Which language? The CLI decides (see ``coop.cli.main``): ``--lang``, else ``COOP_LANG``, else the
cooperative's setting, else the system locale, else English. Documents are in the cooperative's
language whatever the messages use: :func:`using` switches for a block and puts the message
language back afterwards; :func:`in_cooperative_language` does it for a whole document builder
(its words are built into the view model before the template is rendered), and
``coop.reports.render`` for the rendering of the template.

So is every word a service stores (a motion's title, a vote's title, an audit description, a
snapshot): it is written inside :func:`for_the_record`, while the error it may raise instead is
worded outside, for whoever is at the keyboard.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "coop"
SOURCE_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, e.g. ``("en", "es")``."""
    compiled = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *(code for code in compiled if code != SOURCE_LANGUAGE))


def normalize_language(value: str | None) -> str | None:
    """The language we have for a code or locale name: ``es_AR.UTF-8`` -> ``es``; None if we have none.

    ``C`` and ``POSIX`` (no locale chosen) give None, and so does a language without a catalogue.
    """
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if code in {"", "c", "posix"}:
        return None
    languages = available_languages()
    if code in languages:
        return code
    base = code.split("_")[0]
    return base if base in languages else None


def system_language(environ: Mapping[str, str]) -> str | None:
    """The language of the system locale, looked up as gettext does.

    ``LANGUAGE`` (a colon-separated list of preferences) first, then ``LC_ALL``, ``LC_MESSAGES``
    and ``LANG``; the first variable that is set decides (``C`` or ``POSIX`` means English).
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if not value:
            continue
        for candidate in value.split(":"):
            language = normalize_language(candidate)
            if language:
                return language
        if variable != "LANGUAGE":
            return None
    return None


def set_language(language: str | None) -> None:
    """Switch every later ``_()`` call to ``language`` (e.g. ``es`` or ``es_AR``); None means English."""
    global _translation, _language
    code = normalize_language(language) or SOURCE_LANGUAGE
    if code == _language:
        return
    _language = code
    if code == SOURCE_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def current_language() -> str:
    """The language ``_()`` translates into now, e.g. ``"es"``."""
    return _language


@contextmanager
def using(language: str | None) -> Iterator[str]:
    """Translate into ``language`` inside the block, then go back to the language in use before."""
    previous = _language
    set_language(language)
    try:
        yield _language
    finally:
        set_language(previous)


def cooperative_language(session: Session) -> str | None:
    """The language the cooperative in this database works in (its ``language`` setting).

    Read with a bare table reference rather than ``coop.members.models.Cooperative``: the
    models are built on :mod:`coop.db`, which translates its messages with this module, so
    importing them here would close a loop.
    """
    from sqlalchemy import column, select, table

    cooperative = table("cooperative", column("id"), column("language"))
    return normalize_language(
        session.scalar(select(cooperative.c.language).order_by(cooperative.c.id).limit(1))
    )


@contextmanager
def for_the_record(session: Session) -> Iterator[str]:
    """Translate into the cooperative's language inside the block: for words stored in the record.

    Titles, texts, statements and descriptions kept in the database outlive whoever typed the
    command: the minutes of a Spanish-speaking cooperative are Spanish even when its secretary
    reads messages in English. A cooperative whose language we have no catalogue for keeps the
    language in use.
    """
    with using(cooperative_language(session) or _language) as language:
        yield language


def in_cooperative_language(
    builder: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Run ``builder(session, ...)`` in the cooperative's language, whatever messages use.

    For the functions that put words into a document's view model or into the record (minutes,
    results, reports): minutes of a Spanish-speaking cooperative are in Spanish even when whoever
    prints them reads messages in English.
    """

    @functools.wraps(builder)
    def run(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        with for_the_record(session):
            return builder(session, *args, **kwargs)

    return run


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in a context, for words whose translation depends on it.

    Spanish agrees in gender where English does not: ``pgettext("plan", "closed")`` (cerrado) and
    ``pgettext("election", "closed")`` (cerrada) are two entries of the catalogue.
    """
    return _translation.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _translation.npgettext(context, singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (it is translated later with ``_``)."""
    return message
