"""Translation hook: every user-facing string goes through ``_()``.

Catalogues live in ``coop/locale/<lang>/LC_MESSAGES/coop.mo``; until a language is chosen
(or when its catalogue is missing) the English source text is used as is.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "coop"

_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Switch every later ``_()`` call to ``language`` (e.g. ``es``); None means English."""
    global _translation
    if not language:
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)
