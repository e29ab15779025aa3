"""Coordination roles that rotate, and the term limits the bylaws may set for them.

Pure: no database. The bylaws (``coop.members.bylaws``) read this vocabulary to define one
``term_limit.<role>`` key per role, and the training services turn a stored value into the
:class:`TermLimit` that :func:`~coop.training.coverage.rotation_summary` applies.

A term limit counts every term ever held in the role (not only consecutive ones): rotation is
how a self-managed plant spreads knowledge, so a member who has served the limit steps aside
for good unless the assembly changes the bylaw. Values: ``none``, ``2 terms``, ``36 months``
or ``2 terms or 36 months`` (whichever is reached first); years count as twelve months, and
the Spanish words (mandatos, meses, años) are understood too.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from coop import vocabulary
from coop.errors import TrainingError
from coop.i18n import N_, _, ngettext


class TermRole(enum.StrEnum):
    coordinator = "coordinator"
    section_coordinator = "section_coordinator"
    president = "president"
    secretary = "secretary"
    treasurer = "treasurer"
    auditor = "auditor"


vocabulary.define(
    TermRole,
    {
        TermRole.coordinator: N_("coordinator"),
        TermRole.section_coordinator: vocabulary.Term(N_("section coordinator"), N_("section-coordinator")),
        TermRole.president: N_("president"),
        TermRole.secretary: N_("secretary"),
        TermRole.treasurer: N_("treasurer"),
        TermRole.auditor: N_("auditor"),
    },
)


@dataclass(frozen=True)
class TermLimit:
    """At most ``max_terms`` terms and/or ``max_months`` months in a role (``None``: no limit)."""

    max_terms: int | None = None
    max_months: int | None = None

    def __post_init__(self) -> None:
        for value in (self.max_terms, self.max_months):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise TrainingError(
                    _("A term limit must be a whole number of at least 1, not {value}.").format(value=value)
                )

    def reached(self, terms: int, months: int) -> bool:
        return (self.max_terms is not None and terms >= self.max_terms) or (
            self.max_months is not None and months >= self.max_months
        )


def parse_term_role(text: str) -> TermRole:
    """``treasurer``, ``síndico``... (see :func:`coop.vocabulary.parse`), or a TrainingError listing them."""
    message = _("'{role}' is not a rotating role; use {words}.")
    return vocabulary.parse(TermRole, text, vocabulary.refusal(TermRole, TrainingError, message, "role"))


_UNITS = {
    "term": "terms",
    "terms": "terms",
    "mandato": "terms",
    "mandatos": "terms",
    "month": "months",
    "months": "months",
    "mes": "months",
    "meses": "months",
    "year": "years",
    "years": "years",
    "año": "years",
    "años": "years",
}
_NONE = {"none", "no", "0", "no limit", "sin límite", "sin limite", "ninguno"}
_PART = re.compile(r"^(\d+)\s*([^\d\s]+)$")


def parse_term_limit(text: str) -> TermLimit | None:
    """``none`` gives None; ``2 terms``, ``36 months``, ``3 years``, ``2 terms or 36 months`` a limit."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _NONE:
        return None
    max_terms: int | None = None
    max_months: int | None = None
    for part in re.split(r"\s*(?:,|\bor\b|\bo\b)\s*", cleaned):
        match = _PART.match(part)
        unit = _UNITS.get(match.group(2)) if match else None
        if match is None or unit is None:
            raise TrainingError(
                _(
                    "'{value}' is not a term limit; write none, '2 terms', '36 months' "
                    "or '2 terms or 36 months'."
                ).format(value=text.strip())
            )
        number = int(match.group(1))
        if number < 1:
            raise TrainingError(
                _("A term limit must be at least 1 (or none), not {value}.").format(value=text.strip())
            )
        if unit == "terms":
            if max_terms is not None:
                raise TrainingError(
                    _("'{value}' gives the number of terms twice.").format(value=text.strip())
                )
            max_terms = number
        else:
            if max_months is not None:
                raise TrainingError(_("'{value}' gives the time in office twice.").format(value=text.strip()))
            max_months = number * 12 if unit == "years" else number
    return TermLimit(max_terms=max_terms, max_months=max_months)


def term_limit_text(limit: TermLimit | None) -> str:
    """The normalised bylaw value: ``none``, ``2 terms``, ``36 months``, ``2 terms or 36 months``."""
    if limit is None:
        return "none"
    parts = []
    if limit.max_terms is not None:
        parts.append(f"{limit.max_terms} terms")
    if limit.max_months is not None:
        parts.append(f"{limit.max_months} months")
    return " or ".join(parts) or "none"


def describe_term_limit(limit: TermLimit | None) -> str:
    """The limit as a sentence part for people: "at most 2 terms or 36 months in office"."""
    if limit is None:
        return _("no term limit")
    if limit.max_terms is not None and limit.max_months is not None:
        return _("at most {terms} or {months} in office").format(
            terms=_terms_phrase(limit.max_terms), months=_months_phrase(limit.max_months)
        )
    if limit.max_terms is not None:
        return _("at most {terms}").format(terms=_terms_phrase(limit.max_terms))
    return _("at most {months} in office").format(months=_months_phrase(limit.max_months or 0))


def _terms_phrase(terms: int) -> str:
    return ngettext("{count} term", "{count} terms", terms).format(count=terms)


def _months_phrase(months: int) -> str:
    return ngettext("{count} month", "{count} months", months).format(count=months)
