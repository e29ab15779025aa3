"""Certifications that lapse soon, in windows of 30, 60 and 90 days.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coop.errors import TrainingError
from coop.i18n import _
from coop.training.coverage.levels import Assessment, Level, latest_assessments

EXPIRY_WINDOWS: tuple[int, ...] = (30, 60, 90)


@dataclass(frozen=True)
class ExpiringCertification:
    member: str
    skill: str
    level: Level
    expires_on: date
    days_left: int  # days from ``on`` to the first day it is no longer valid


def expiring(assessments: Iterable[Assessment], on: date, within_days: int) -> list[ExpiringCertification]:
    """Current certifications with ``on < expires_on <= on + within_days``.

    Only the latest assessment of each (member, skill) counts: a certificate already renewed
    does not appear. Sorted by expiry date, member, skill.
    """
    if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
        raise TrainingError(
            _("The number of days must be zero or more, not {days}.").format(days=within_days)
        )
    horizon = on + timedelta(days=within_days)
    found = [
        ExpiringCertification(a.member, a.skill, a.level, a.expires_on, (a.expires_on - on).days)
        for a in latest_assessments(assessments, on).values()
        if a.expires_on is not None and on < a.expires_on <= horizon
    ]
    return sorted(found, key=lambda e: (e.expires_on, e.member, e.skill))


def expiry_windows(horizon_days: int) -> tuple[int, ...]:
    """30, 60 and the horizon (90 by default), without repeats."""
    return tuple(sorted({w for w in EXPIRY_WINDOWS if w < horizon_days} | {horizon_days}))


def expiring_by_window(
    assessments: Iterable[Assessment], on: date, windows: Sequence[int] = EXPIRY_WINDOWS
) -> dict[int, list[ExpiringCertification]]:
    """Certifications expiring within the largest window, each in the first window that holds it."""
    ordered = sorted(set(windows))
    if not ordered:
        return {}
    buckets: dict[int, list[ExpiringCertification]] = {window: [] for window in ordered}
    for item in expiring(assessments, on, ordered[-1]):
        window = next(w for w in ordered if item.days_left <= w)
        buckets[window].append(item)
    return buckets
