"""What the printed training plan shows: plain data in (:class:`PlanSource`), a frozen view model out.

Pure: the source holds the plan as ``coop training plan show --format json`` gives it (an approved
plan from its frozen snapshot), the progress as ``coop training plan progress`` gives it, and what
the records say beside them (the causes of each gap, the places, the assembly's decision), all as
plain values. :func:`build_report` turns them into :class:`TrainingPlanReport`, every word in the
language in use (the caller switches to the cooperative's), every number as the string to print,
and the before/after coverage chart as SVG (:mod:`coop.reports.charts`); its sections are built by
:mod:`coop.reports.training_plan_rows` and :mod:`coop.reports.training_plan_chart`. The template
``training_plan.html.j2`` renders only the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from coop.formatting import format_date
from coop.i18n import _, ngettext, pgettext
from coop.numbers import written_quantity
from coop.reports.plan_model import ApprovalSection
from coop.reports.training_plan_chart import CoverageRow, coverage_chart, coverage_rows
from coop.reports.training_plan_rows import (
    CalendarSession,
    CalendarWeek,
    GapRow,
    PersonRow,
    calendar_blocks,
    gap_rows,
    people_rows,
    week_label,
)

__all__ = [
    "CalendarSession",
    "CalendarWeek",
    "CoverageRow",
    "GapRow",
    "PersonRow",
    "PlanSource",
    "ProgressFacts",
    "TrainingPlanReport",
    "build_report",
    "report_context",
]


@dataclass(frozen=True)
class PlanSource:
    """Everything the printed plan reads, as plain data."""

    cooperative: str
    language: str
    today: date  # the day it is printed; progress is counted up to it
    plan: Mapping[str, Any]  # shown_data: sessions, gaps, status, approved_hash (snapshot when approved)
    created_by: str
    created_on: date
    submitted_on: date | None = None
    approval: ApprovalSection | None = None  # the assembly's decided vote, once closed
    pending_motion: str | None = None  # "Motion 3 of assembly 2, not decided yet"
    causes: Mapping[tuple[str, int, str], str] = field(default_factory=dict)  # (skill, level, ISO Monday)
    skill_names: Mapping[str, str] = field(default_factory=dict)  # code -> name today
    places: Mapping[int, str] = field(default_factory=dict)  # session number -> where it is to be held
    held_places: Mapping[int, str] = field(default_factory=dict)  # session number -> where it was held
    progress: Mapping[str, Any] | None = None  # plan_progress(), once a session was held


@dataclass(frozen=True)
class ProgressFacts:
    on: str
    sessions_planned: int
    sessions_held: int
    seats_planned: int  # a trainee counts once in every session they are planned in
    seats_assessed: int
    gaps_closed: int
    gaps_open: int
    summary: str


@dataclass(frozen=True)
class TrainingPlanReport:
    cooperative: str
    language: str
    title: str
    plan_id: int
    name: str
    label: str  # "#1 Primer trimestre"
    status: str  # draft, submitted, approved, rejected
    status_label: str
    period: str  # "2026-W50 to 2027-W10"
    period_dates: str
    weeks: int
    created: str  # "Proposed by ... on ..."
    submitted_on: str | None
    printed_on: str
    approved_hash: str | None
    approval: ApprovalSection | None
    pending_motion: str | None
    summary: tuple[str, ...]
    gaps: tuple[GapRow, ...]
    gap_count: int
    calendar: tuple[CalendarWeek, ...]
    session_count: int
    hours: str
    trainees: tuple[PersonRow, ...]
    trainers: tuple[PersonRow, ...]
    coverage: tuple[CoverageRow, ...]
    coverage_svg: str
    progress: ProgressFacts | None


def _status_label(status: str) -> str:
    return {
        "draft": pgettext("plan", "draft"),
        "submitted": _("submitted to the assembly"),
        "approved": _("approved by the assembly"),
        "rejected": _("rejected by the assembly"),
    }.get(status, status)


def _summary(plan: Mapping[str, Any], hours: str, trainees: int, trainers: int) -> tuple[str, ...]:
    sessions = len(plan["sessions"])
    said = [
        ngettext(
            "{count} session, {hours} hours of training in all, for {trainees} and by {trainers}.",
            "{count} sessions, {hours} hours of training in all, for {trainees} and by {trainers}.",
            sessions,
        ).format(
            count=sessions,
            hours=hours,
            trainees=ngettext("{count} trainee", "{count} trainees", trainees).format(count=trainees),
            trainers=ngettext("{count} trainer", "{count} trainers", trainers).format(count=trainers),
        )
    ]
    gaps = plan["gaps"]
    if not gaps:
        said.append(_("The needs analysis found no gap: every skill has the qualified members it needs."))
        return tuple(said)
    counts = {
        status: sum(1 for g in gaps if g["status"] == status) for status in ("closed", "partly", "open")
    }
    skills = len({(g["skill"], g["level"]) for g in gaps})
    said.append(
        ngettext(
            "The needs analysis found {count} gap (a skill short of members in a week) in {skills}:",
            "The needs analysis found {count} gaps (a skill short of members in a week) in {skills}:",
            len(gaps),
        ).format(
            count=len(gaps), skills=ngettext("{count} skill", "{count} skills", skills).format(count=skills)
        )
        + " "
        + _(
            "{closed} closed in time by the plan, {partly} partly closed, {open} that cannot be closed."
        ).format(**counts)
    )
    return tuple(said)


def _progress(source: PlanSource) -> ProgressFacts | None:
    progress = source.progress
    if not progress:
        return None
    sessions = progress["sessions"]
    held = sum(1 for s in sessions if s["held"])
    seats = sum(len(s["trainees"]) for s in sessions)
    assessed = sum(len(s["assessed"]) for s in sessions)
    on = format_date(date.fromisoformat(progress["on"]), source.language)
    return ProgressFacts(
        on=on,
        sessions_planned=len(sessions),
        sessions_held=held,
        seats_planned=seats,
        seats_assessed=assessed,
        gaps_closed=progress["gaps_closed"],
        gaps_open=progress["gaps_open"],
        summary=_(
            "On {day}: {held} of {planned} sessions held; {assessed} of {seats} trainees' places assessed at "
            "the level their session teaches; {closed} gaps closed by the members qualified now, "
            "{open} still open."
        ).format(
            day=on,
            held=held,
            planned=len(sessions),
            assessed=assessed,
            seats=seats,
            closed=progress["gaps_closed"],
            open=progress["gaps_open"],
        ),
    )


def build_report(source: PlanSource) -> TrainingPlanReport:
    """The printed training plan, in the language in use."""
    plan, language = source.plan, source.language
    start = date.fromisoformat(plan["starts_on"])
    end = start + timedelta(weeks=plan["weeks"]) - timedelta(days=1)
    names = {row["skill"]: row["skill_name"] for row in plan["sessions"]}  # as the plan names them
    names = {**source.skill_names, **names}
    trainees, trainers = people_rows(plan["sessions"], language)
    coverage = coverage_rows(plan["gaps"], names)
    hours = written_quantity(sum((Decimal(s["hours"]) for s in plan["sessions"]), Decimal(0)), language)
    return TrainingPlanReport(
        cooperative=source.cooperative,
        language=language,
        title=_("Training plan"),
        plan_id=plan["id"],
        name=plan["name"],
        label=f"#{plan['id']} {plan['name']}",
        status=plan["status"],
        status_label=_status_label(plan["status"]),
        period=_("{start} to {end}").format(start=week_label(start), end=week_label(end)),
        period_dates=_("{start} to {end}").format(
            start=format_date(start, language), end=format_date(end, language)
        ),
        weeks=plan["weeks"],
        created=_("Proposed by {who} on {date}.").format(
            who=source.created_by, date=format_date(source.created_on, language)
        ),
        submitted_on=format_date(source.submitted_on, language) if source.submitted_on else None,
        printed_on=format_date(source.today, language),
        approved_hash=plan.get("approved_hash"),
        approval=source.approval,
        pending_motion=source.pending_motion,
        summary=_summary(plan, hours, len(trainees), len(trainers)),
        gaps=gap_rows(plan["gaps"], names, source.causes, source.progress),
        gap_count=len(plan["gaps"]),
        calendar=calendar_blocks(plan, source.places, source.held_places, source.progress, language),
        session_count=len(plan["sessions"]),
        hours=hours,
        trainees=trainees,
        trainers=trainers,
        coverage=coverage,
        coverage_svg=coverage_chart(coverage) if coverage else "",
        progress=_progress(source),
    )


def report_context(source: PlanSource) -> dict[str, Any]:
    """The template's context: ``{"report": TrainingPlanReport}``."""
    return {"report": build_report(source)}
