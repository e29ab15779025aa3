"""Rotation of roles: time served, term limits, and who is eligible next.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coop.errors import TrainingError
from coop.i18n import _
from coop.rules.terms import TermLimit


@dataclass(frozen=True)
class Term:
    """``member`` held ``role`` from ``start`` to ``end`` inclusive (``None``: still holds it)."""

    role: str
    member: str
    start: date
    end: date | None = None
    motion: str | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise TrainingError(
                _("The term of {member} as {role} ends on {end}, before it starts on {start}.").format(
                    member=self.member, role=self.role, start=self.start.isoformat(), end=self.end.isoformat()
                )
            )


def months_between(start: date, stop: date) -> int:
    """Whole calendar months from ``start`` up to (not including) ``stop``; 0 if none."""
    months = (stop.year - start.year) * 12 + stop.month - start.month
    if stop.day < start.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class Tenure:
    """How long ``member`` has held a role, up to ``today``."""

    member: str
    terms: int
    days: int
    months: int
    first_start: date
    last_end: date | None  # None: holds it now
    current: bool
    motions: tuple[str, ...]
    reached_limit: bool


@dataclass(frozen=True)
class RoleRotation:
    role: str
    limit: TermLimit | None
    holders: tuple[Tenure, ...]  # by first start
    current: tuple[str, ...]
    eligible: tuple[str, ...]  # rotation order: never held first
    at_limit: tuple[str, ...]


def _tenure(member: str, terms: Sequence[Term], today: date, limit: TermLimit | None) -> Tenure:
    days = months = 0
    current = False
    for term in terms:
        stop = today if term.end is None or term.end > today else term.end
        current = current or term.end is None or term.end >= today
        days += (stop - term.start).days + 1
        months += months_between(term.start, stop + timedelta(days=1))
    ends = [t.end for t in terms]
    last_end = None if current or None in ends else max(e for e in ends if e is not None)
    return Tenure(
        member,
        len(terms),
        days,
        months,
        min(t.start for t in terms),
        last_end,
        current,
        tuple(t.motion for t in terms if t.motion),
        limit.reached(len(terms), months) if limit else False,
    )


def rotation_summary(
    terms: Iterable[Term],
    today: date,
    *,
    members: Sequence[str] = (),
    roles: Sequence[str] | None = None,
    limit: TermLimit | Mapping[str, TermLimit] | None = None,
) -> list[RoleRotation]:
    """Who held each role and for how long, and who is eligible for its next term.

    ``members`` is the pool of candidates (active members, in the order to list them); when
    empty, only past and present holders are considered. ``roles`` defaults to every role
    with a term, in code order. ``limit`` is one limit for every role or one per role.
    """
    by_role: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for term in terms:
        if term.start <= today:
            by_role[term.role][term.member].append(term)
    if roles is None:
        roles = sorted(by_role)
    result = []
    for role in roles:
        role_limit = limit.get(role) if isinstance(limit, Mapping) else limit
        held = by_role.get(role, {})
        tenures = sorted(
            (
                _tenure(member, sorted(ts, key=lambda t: t.start), today, role_limit)
                for member, ts in held.items()
            ),
            key=lambda t: (t.first_start, t.member),
        )
        by_member = {t.member: t for t in tenures}
        pool = list(dict.fromkeys(members)) if members else [t.member for t in tenures]
        candidates = [m for m in pool if m not in by_member or not by_member[m].reached_limit]

        order = {
            member: (by_member[member].terms, by_member[member].days, index)
            if member in by_member
            else (0, 0, index)
            for index, member in enumerate(pool)
        }
        result.append(
            RoleRotation(
                role,
                role_limit,
                tuple(tenures),
                tuple(t.member for t in tenures if t.current),
                tuple(sorted(candidates, key=order.__getitem__)),
                tuple(t.member for t in tenures if t.reached_limit),
            )
        )
    return result
