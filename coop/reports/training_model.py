"""What the printed skills matrix and training-coverage report show: frozen view models.

Built by :mod:`coop.training.reports` from the records; the templates
(``skills_matrix.html.j2``, ``training_coverage.html.j2``) render only these. Dates arrive
formatted in the document's language; levels are numbers 0–4 and the templates draw them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatrixSkill:
    """One column of the matrix, and one line of its key."""

    code: str
    name: str
    category: str
    safety_critical: bool
    certified: bool
    validity: str  # "24 months", or "" when the skill does not lapse
    minimum: int  # members the plant needs at the qualifying level
    qualifying_level: int
    qualified: int  # active members at the qualifying level or above today
    status: str  # "below_minimum", "one_absence" or "ok"
    status_label: str  # the status in words


@dataclass(frozen=True)
class MatrixMark:
    """One cell: the level that counts today, or a certification that has lapsed."""

    level: int  # 0–4; 0 when never assessed, assessed at 0, or expired
    expired: bool = False
    lapsed_level: int = 0  # when expired: the level the certification was for
    due_soon: bool = False  # a current certification that lapses within the warning window


@dataclass(frozen=True)
class MatrixMember:
    number: str
    name: str
    section: str
    marks: tuple[MatrixMark, ...]  # one per skill, in the order of SkillsMatrixDocument.skills


@dataclass(frozen=True)
class SkillsMatrixDocument:
    cooperative: str
    language: str
    title: str
    as_of: str  # "25 November 2026"
    scope: str  # "All 470 active members" or "Section Hornos: 38 active members"
    soon_days: int  # the warning window for due_soon marks
    skills: tuple[MatrixSkill, ...]
    members: tuple[MatrixMember, ...]
    expired_count: int
    due_soon_count: int


@dataclass(frozen=True)
class CoverageLine:
    """One skill in the coverage report."""

    code: str
    name: str
    category: str
    safety_critical: bool
    minimum: int
    qualifying_level: int
    qualifying_label: str  # "independent"
    qualified: int
    status: str  # "below_minimum", "one_absence" or "ok"
    status_label: str
    shortfall: int  # members missing to reach the minimum
    qualified_at_horizon: int  # still qualified at the horizon, as certifications lapse
    holders: tuple[str, ...]  # the qualified members, "Name (#0012)"
    trainees: tuple[str, ...]  # in training, below the qualifying level: "Name (#0012), level 2"
    lapsing: tuple[str, ...]  # qualified members whose certification lapses before the horizon


@dataclass(frozen=True)
class ExpiringLine:
    member: str
    skill_code: str
    skill_name: str
    level: int
    expires_on: str
    days_left: int


@dataclass(frozen=True)
class ExpiringGroup:
    within_days: int  # the window: lapses within this many days (and after the previous window)
    lines: tuple[ExpiringLine, ...]


@dataclass(frozen=True)
class CoverageDocument:
    cooperative: str
    language: str
    title: str
    as_of: str
    horizon_days: int
    horizon_date: str
    active_members: int
    below_minimum: int  # skills below their minimum today
    one_absence: int  # skills where one absence would leave fewer than the minimum
    lapse_risk: int  # skills that fall below their minimum by the horizon as certifications lapse
    at_risk: tuple[CoverageLine, ...]  # status other than ok, or falling below by the horizon
    skills: tuple[CoverageLine, ...]  # every skill, by category and code
    expiring: tuple[ExpiringGroup, ...]
