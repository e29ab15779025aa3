"""The training reports as frozen view models with one ``as_json()`` each: hours trained and taught,
certifications lapsing, the trainee pipeline, coverage lines and the rotation of coordination roles.

They are built from what :mod:`coop.training.picture` and :mod:`coop.training.role_terms` read, so
that ``coop training ...`` and ``coop rotation report`` only print them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from coop import vocabulary
from coop.i18n import N_
from coop.training.coverage import CoverageStatus
from coop.views import View

if TYPE_CHECKING:
    from coop.reports.training_model import CoverageLine
    from coop.training import coverage
    from coop.training.picture import HoursReport, TrainingPicture
    from coop.training.role_terms import RotationGroup

__all__ = [
    "CoverageLineView",
    "HoursView",
    "LapsingView",
    "MemberHoursView",
    "PipelineView",
    "RotationView",
    "TrainerHoursView",
    "lapsing_views",
    "pipeline_views",
]


@dataclass(frozen=True)
class MemberHoursView(View):
    """The hours one member trained over the period."""

    headings: ClassVar[dict[str, str]] = {
        "member": N_("Member"),
        "hours": N_("Hours"),
        "sessions": N_("Sessions"),
    }

    member: str
    hours: Decimal
    sessions: int


@dataclass(frozen=True)
class TrainerHoursView(View):
    """The hours one trainer taught over the period."""

    headings: ClassVar[dict[str, str]] = {
        "trainer": N_("Trainer"),
        "hours": N_("Hours"),
        "sessions": N_("Sessions"),
    }

    trainer: str
    hours: Decimal
    sessions: int


@dataclass(frozen=True)
class HoursView:
    """Hours of training per member and hours taught per trainer over a period."""

    report: HoursReport

    def member_views(self) -> list[MemberHoursView]:
        names = self.report.names
        return [MemberHoursView(names[r.who], r.hours, r.sessions) for r in self.report.hours.by_member]

    def trainer_views(self) -> list[TrainerHoursView]:
        names = self.report.names
        return [TrainerHoursView(names[r.who], r.hours, r.sessions) for r in self.report.hours.by_trainer]

    def members(self) -> list[dict[str, Any]]:
        return [view.as_json() for view in self.member_views()]

    def trainers(self) -> list[dict[str, Any]]:
        return [view.as_json() for view in self.trainer_views()]

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.report.start.isoformat(),
            "end": self.report.end.isoformat(),
            "member_hours": str(self.report.hours.member_hours),
            "trainer_hours": str(self.report.hours.trainer_hours),
            "members": self.members(),
            "trainers": self.trainers(),
        }


@dataclass(frozen=True)
class LapsingView(View):
    """One certification lapsing within a window of days."""

    headings: ClassVar[dict[str, str]] = {
        "within_days": N_("Within (days)"),
        "member": N_("Member"),
        "skill": N_("Skill"),
        "level": N_("Level"),
        "expires_on": N_("Lapses on"),
        "days_left": N_("Days left"),
    }

    within_days: int
    member: str
    skill: str
    level: int
    expires_on: date
    days_left: int


def lapsing_views(
    picture: TrainingPicture, windows: Mapping[int, Sequence[coverage.ExpiringCertification]]
) -> list[LapsingView]:
    """The certifications of each window, soonest window first, as ``certifications_lapsing`` gives them."""
    return [
        LapsingView(
            window,
            picture.member(item.member).label,
            item.skill,
            int(item.level),
            item.expires_on,
            item.days_left,
        )
        for window, items in windows.items()
        for item in items
    ]


@dataclass(frozen=True)
class PipelineView(View):
    """The trainees of one skill, by the level they have reached."""

    headings: ClassVar[dict[str, str]] = {
        "code": N_("Code"),
        "name": N_("Skill"),
        "qualifying_level": N_("At level"),
        "trainees": N_("Trainees"),
        "independent": N_("Level 3 (independent)"),
        "operates": N_("Level 2 (operates)"),
        "supervised": N_("Level 1 (supervised)"),
    }

    code: str
    name: str
    qualifying_level: int
    independent: tuple[str, ...]
    operates: tuple[str, ...]
    supervised: tuple[str, ...]
    trainees: int


def pipeline_views(picture: TrainingPicture, pipeline: Sequence[coverage.Pipeline]) -> list[PipelineView]:
    """Each skill's pipeline, with the members' labels and the skill's name."""
    names = {s.code: s.name for s in picture.skills}
    return [
        PipelineView(
            item.skill,
            names[item.skill],
            int(item.qualifying_level),
            tuple(picture.member(k).label for k in item.independent),
            tuple(picture.member(k).label for k in item.operates),
            tuple(picture.member(k).label for k in item.supervised),
            len(item.members),
        )
        for item in pipeline
    ]


@dataclass(frozen=True)
class CoverageLineView(View):
    """One skill's line of the coverage report."""

    headings: ClassVar[dict[str, str]] = {
        "code": N_("Code"),
        "name": N_("Skill"),
        "category": N_("Category"),
        "safety_critical": N_("Safety"),
        "minimum": N_("Needed"),
        "qualifying_level": N_("At level"),
        "qualified": N_("Qualified"),
        "status": N_("Coverage"),
        "below_minimum": N_("Below minimum"),
        "one_absence_away": N_("One absence away"),
        "shortfall": N_("Missing"),
        "qualified_members": N_("Qualified members"),
        "lapsing_members": N_("Lapsing"),
        "trainees": N_("In training"),
    }

    code: str
    name: str
    category: str
    safety_critical: bool
    minimum: int
    qualifying_level: int
    qualified: int
    qualified_at_horizon: int
    status: CoverageStatus
    below_minimum: bool
    one_absence_away: bool
    shortfall: int
    qualified_members: tuple[str, ...]
    lapsing_members: tuple[str, ...]
    trainees: tuple[str, ...]

    @classmethod
    def of(cls, line: CoverageLine) -> CoverageLineView:
        status = CoverageStatus(line.status)
        return cls.copied(
            line,
            status=status,
            below_minimum=status is CoverageStatus.BELOW_MINIMUM,
            one_absence_away=status is not CoverageStatus.OK,
            qualified_members=line.holders,
            lapsing_members=line.lapsing,
        )


@dataclass(frozen=True)
class RotationView:
    """One rotating role (in one section): its term limit, who held it, who is eligible next."""

    group: RotationGroup

    def label(self, key: str) -> str:
        return self.group.members[key].label

    def as_json(self) -> dict[str, Any]:
        from coop.rules.terms import describe_term_limit

        group, rotation = self.group, self.group.rotation
        return {
            "role": group.role.value,
            "role_label": vocabulary.label(group.role),
            "section": group.section,
            "term_limit": describe_term_limit(rotation.limit),
            "current": [self.label(k) for k in rotation.current],
            "holders": [
                {
                    "member": self.label(t.member),
                    "terms": t.terms,
                    "months": t.months,
                    "days": t.days,
                    "first_start": t.first_start.isoformat(),
                    "last_end": t.last_end.isoformat() if t.last_end else None,
                    "current": t.current,
                    "reached_limit": t.reached_limit,
                }
                for t in rotation.holders
            ],
            "at_limit": [self.label(k) for k in rotation.at_limit],
            "eligible": [self.label(k) for k in rotation.eligible],
        }
