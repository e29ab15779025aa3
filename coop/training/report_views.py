"""The training reports as frozen view models with one ``as_json()`` each: hours trained and taught,
certifications lapsing, the trainee pipeline, coverage lines and the rotation of coordination roles.

They are built from what :mod:`coop.training.picture` and :mod:`coop.training.role_terms` read, so
that ``coop training ...`` and ``coop rotation report`` only print them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from coop.reports.training_model import CoverageLine
    from coop.training import coverage
    from coop.training.picture import HoursReport, TrainingPicture
    from coop.training.role_terms import RotationGroup

__all__ = [
    "CoverageLineView",
    "HoursView",
    "LapsingView",
    "PipelineView",
    "RotationView",
    "lapsing_views",
    "pipeline_views",
]


@dataclass(frozen=True)
class HoursView:
    """Hours of training per member and hours taught per trainer over a period."""

    report: HoursReport

    def members(self) -> list[dict[str, Any]]:
        names = self.report.names
        return [
            {"member": names[r.who], "hours": str(r.hours), "sessions": r.sessions}
            for r in self.report.hours.by_member
        ]

    def trainers(self) -> list[dict[str, Any]]:
        names = self.report.names
        return [
            {"trainer": names[r.who], "hours": str(r.hours), "sessions": r.sessions}
            for r in self.report.hours.by_trainer
        ]

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
class LapsingView:
    """One certification lapsing within a window of days."""

    within_days: int
    member: str
    skill: str
    level: int
    expires_on: date
    days_left: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self) | {"expires_on": self.expires_on.isoformat()}  # the keys keep their order


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
class PipelineView:
    """The trainees of one skill, by the level they have reached."""

    code: str
    name: str
    qualifying_level: int
    independent: list[str]
    operates: list[str]
    supervised: list[str]
    trainees: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)  # every field is plain JSON already, in the order scripts have read


def pipeline_views(picture: TrainingPicture, pipeline: Sequence[coverage.Pipeline]) -> list[PipelineView]:
    """Each skill's pipeline, with the members' labels and the skill's name."""
    names = {s.code: s.name for s in picture.skills}
    return [
        PipelineView(
            item.skill,
            names[item.skill],
            int(item.qualifying_level),
            [picture.member(k).label for k in item.independent],
            [picture.member(k).label for k in item.operates],
            [picture.member(k).label for k in item.supervised],
            len(item.members),
        )
        for item in pipeline
    ]


@dataclass(frozen=True)
class CoverageLineView:
    """One skill's line of the coverage report."""

    line: CoverageLine

    def as_json(self) -> dict[str, Any]:
        line = self.line
        return {
            "code": line.code,
            "name": line.name,
            "category": line.category,
            "safety_critical": line.safety_critical,
            "minimum": line.minimum,
            "qualifying_level": line.qualifying_level,
            "qualified": line.qualified,
            "qualified_at_horizon": line.qualified_at_horizon,
            "status": line.status,
            "below_minimum": line.status == "below_minimum",
            "one_absence_away": line.status != "ok",
            "shortfall": line.shortfall,
            "qualified_members": list(line.holders),
            "lapsing_members": list(line.lapsing),
            "trainees": list(line.trainees),
        }


@dataclass(frozen=True)
class RotationView:
    """One rotating role (in one section): its term limit, who held it, who is eligible next."""

    group: RotationGroup

    def label(self, key: str) -> str:
        return self.group.members[key].label

    def as_json(self) -> dict[str, Any]:
        from coop.rules.terms import describe_term_limit, role_label

        group, rotation = self.group, self.group.rotation
        return {
            "role": group.role.value,
            "role_label": role_label(group.role),
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
