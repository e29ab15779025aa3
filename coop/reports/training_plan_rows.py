"""The sections of the printed training plan, built from plain data (see :mod:`.training_plan_model`).

Pure: the plan's sessions and gaps as ``coop training plan show --format json`` gives them, maps of
plain values beside them; rows out, every word in the language in use and every number as printed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from coop.formatting import format_date
from coop.i18n import _, ngettext, pgettext
from coop.numbers import written_quantity

WEEK = timedelta(weeks=1)


@dataclass(frozen=True)
class GapRow:
    """A gap, or a run of consecutive weeks of the same gap told the same way."""

    skill: str
    skill_name: str
    level: int
    weeks: str  # "2026-W51" or "2026-W51 to 2027-W02"
    week_count: int
    qualified: int  # qualified and available in the week, before the plan
    needed: int
    still_short: int  # after the plan's sessions
    status: str  # closed, partly, open, none
    status_label: str
    cause: str  # why the plant is short, in words ("" when the records no longer say)
    cause_as_above: bool  # the same cause as the row above, for the same skill and level
    plan_text: str  # what the plan does about it
    plan_as_above: bool  # the plan does the same as in the row above, for the same skill and level
    qualified_now: str  # with the progress: the members qualified today (else "")


@dataclass(frozen=True)
class CalendarSession:
    number: int
    weekday: str  # "Mon"
    day: str  # "7": the day of the month (its week's dates head the week)
    skill: str
    skill_name: str
    level: int
    trainer: str
    trainees: str  # "Ana Núñez, Ramón Peña"
    trainee_count: int
    hours: str
    place: str
    held: str  # "" or "held on 07/12/2026; 1 of 2 assessed"
    was_held: bool


@dataclass(frozen=True)
class CalendarWeek:
    """One week with its sessions, or a run of weeks without any (``sessions`` empty)."""

    week: str  # "2026-W50", or "2026-W54 to 2027-W05" for a run without sessions
    dates: str  # "07/12/2026 to 13/12/2026"
    sessions: tuple[CalendarSession, ...]
    hours: str  # hours of training in the week ("" for an empty run)
    in_plan: bool  # inside the plan's weeks (sessions may be held before its first week)


@dataclass(frozen=True)
class PersonRow:
    name: str
    reference: str  # member number, "" for an outside trainer
    sessions: int
    hours: str
    skills: str  # "Prensa hidráulica (level 3); ..."


def week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _span(first: date, last: date) -> str:
    if first == last:
        return week_label(first)
    return _("{start} to {end}").format(start=week_label(first), end=week_label(last))


def _weekday(day: date) -> str:
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))[day.weekday()]


def sort_key(text: str) -> str:
    """Names in the order people look them up: accents and case set aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- gaps ------------------------------------------------------------------------------------------


def _status_label(status: str) -> str:
    return {
        "closed": pgettext("gap", "closed"),
        "partly": pgettext("gap", "partly closed"),
        "open": pgettext("gap", "cannot be closed"),
        "none": pgettext("gap", "nothing to close"),
    }.get(status, status)


_SLOT = "\x00"


def _told(status: str) -> str:
    """How the stored sentence of a gap in ``status`` reads up to what follows its status, "{gap}"
    left in (the sentences of :mod:`coop.training_plan.proposal_words`, in the record's language)."""
    if status == "closed":
        return _("{gap}: closed {closing}").format(gap="{gap}", closing=_SLOT)
    if status == "open":
        return _("{gap}: cannot be closed: {reason}").format(gap="{gap}", reason=_SLOT)
    if status == "partly":
        return ngettext(
            "{gap}: partly closed {closing}; {count} more cannot be trained in time: {reason}",
            "{gap}: partly closed {closing}; {count} more cannot be trained in time: {reason}",
            2,
        ).format(gap="{gap}", closing=_SLOT, count=2, reason="")
    return _("{gap}: nothing to close").format(gap="{gap}") + _SLOT


def _plan_text(gap: Mapping[str, Any], skill_name: str) -> str:
    """The stored sentence without what the row says already: its head ("Gap 2026-W51 in Prensa
    level 3") and its status; the whole sentence if it reads otherwise (a skill renamed since)."""
    head = _("Gap {week} in {skill} level {level}").format(
        week=week_label(date.fromisoformat(gap["week"])), skill=skill_name, level=gap["level"]
    )
    text = str(gap["text"])
    lead = _told(str(gap["status"])).partition(_SLOT)[0].replace("{gap}", head)
    if text.startswith(lead):
        return text[len(lead) :]
    if text.startswith(head + ": "):
        text = text[len(head) + 2 :]
    return text[:1].upper() + text[1:]


def gap_rows(
    gaps: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
    causes: Mapping[tuple[str, int, str], str],
    progress: Mapping[str, Any] | None,
) -> tuple[GapRow, ...]:
    """Skill by skill, week by week; consecutive weeks told alike in one row."""
    now = {}
    if progress:
        now = {(g["skill"], g["level"], g["week"]): g["qualified_now"] for g in progress["gaps"]}
    ordered = sorted(
        gaps, key=lambda g: (sort_key(names.get(g["skill"], g["skill"])), g["skill"], -g["level"], g["week"])
    )
    rows: list[tuple[date, date, GapRow]] = []
    for gap in ordered:
        name = names.get(gap["skill"], gap["skill"])
        week = date.fromisoformat(gap["week"])
        key = (gap["skill"], gap["level"], gap["week"])
        row = GapRow(
            skill=gap["skill"],
            skill_name=name,
            level=gap["level"],
            weeks=week_label(week),
            week_count=1,
            qualified=gap["available"],
            needed=gap["needed"],
            still_short=gap["still_short"],
            status=gap["status"],
            status_label=_status_label(gap["status"]),
            cause=causes.get(key, ""),
            cause_as_above=False,
            plan_as_above=False,
            plan_text=_plan_text(gap, name),
            qualified_now=str(now[key]) if key in now else "",
        )
        if rows:
            first, last, previous = rows[-1]
            alike = previous == replace(
                row,
                weeks=previous.weeks,
                week_count=previous.week_count,
                cause_as_above=previous.cause_as_above,
                plan_as_above=previous.plan_as_above,
            )
            if alike and week == last + WEEK:
                merged = replace(previous, weeks=_span(first, week), week_count=previous.week_count + 1)
                rows[-1] = (first, week, merged)
                continue
        if rows:
            above = rows[-1][2]
            if (above.skill, above.level) == (row.skill, row.level):
                row = replace(
                    row,
                    cause_as_above=bool(row.cause) and above.cause == row.cause,
                    plan_as_above=(above.status, above.plan_text) == (row.status, row.plan_text),
                )
        rows.append((week, week, row))
    return tuple(row for _first, _last, row in rows)


# --- the calendar ----------------------------------------------------------------------------------


def _held_text(progress_row: Mapping[str, Any] | None, language: str) -> tuple[str, bool]:
    if progress_row is None:
        return "", False
    if not progress_row["held"]:
        return _("not held yet"), False
    held_on = format_date(date.fromisoformat(progress_row["held_on"]), language)
    return (
        _("held on {day}; {assessed} of {trainees} assessed at level {level}").format(
            day=held_on,
            assessed=len(progress_row["assessed"]),
            trainees=len(progress_row["trainees"]),
            level=progress_row["level"],
        ),
        True,
    )


def _session_row(
    row: Mapping[str, Any], place: str, progress_row: Mapping[str, Any] | None, language: str
) -> CalendarSession:
    day = date.fromisoformat(row["day"])
    held, was_held = _held_text(progress_row, language)
    return CalendarSession(
        number=row["number"],
        weekday=_weekday(day),
        day=str(day.day),
        skill=row["skill"],
        skill_name=row["skill_name"],
        level=row["level"],
        trainer=row["trainer_name"] or "",
        trainees=", ".join(row["trainee_names"]) or _("no trainees"),
        trainee_count=len(row["trainees"]),
        hours=written_quantity(Decimal(row["hours"]), language),
        place=place or "—",
        held=held,
        was_held=was_held,
    )


def calendar_blocks(
    plan: Mapping[str, Any],
    places: Mapping[int, str],
    held_places: Mapping[int, str],
    progress: Mapping[str, Any] | None,
    language: str,
) -> tuple[CalendarWeek, ...]:
    """Every week from the first session (or the plan's start) to the plan's end; weeks without
    sessions in a row are one line."""
    start = date.fromisoformat(plan["starts_on"])
    end = start + timedelta(weeks=plan["weeks"] - 1)
    by_week: dict[date, list[Mapping[str, Any]]] = {}
    for row in sorted(plan["sessions"], key=lambda r: (r["day"], r["number"])):
        by_week.setdefault(monday(date.fromisoformat(row["day"])), []).append(row)
    first = min([start, *by_week])
    last = max([end, *by_week])
    held = {s["number"]: s for s in progress["sessions"]} if progress else {}
    blocks: list[CalendarWeek] = []
    empty: list[date] = []

    def close_empty() -> None:
        if empty:
            blocks.append(
                CalendarWeek(
                    week=_span(empty[0], empty[-1]),
                    dates=_("{start} to {end}").format(
                        start=format_date(empty[0], language),
                        end=format_date(empty[-1] + timedelta(days=6), language),
                    ),
                    sessions=(),
                    hours="",
                    in_plan=start <= empty[0] <= end,
                )
            )
            empty.clear()

    week = first
    while week <= last:
        rows = by_week.get(week)
        if not rows:
            empty.append(week)
        else:
            close_empty()
            blocks.append(
                CalendarWeek(
                    week=week_label(week),
                    dates=_("{start} to {end}").format(
                        start=format_date(week, language), end=format_date(week + timedelta(days=6), language)
                    ),
                    sessions=tuple(
                        _session_row(
                            r,
                            held_places.get(r["number"]) or places.get(r["number"], ""),
                            held.get(r["number"]),
                            language,
                        )
                        for r in rows
                    ),
                    hours=written_quantity(sum((Decimal(r["hours"]) for r in rows), Decimal(0)), language),
                    in_plan=start <= week <= end,
                )
            )
        week += WEEK
    close_empty()
    return tuple(blocks)


# --- people ----------------------------------------------------------------------------------------


def _skills_text(levels: Mapping[str, int]) -> str:
    return "; ".join(
        _("{skill} (level {level})").format(skill=name, level=level)
        for name, level in sorted(levels.items(), key=lambda item: sort_key(item[0]))
    )


def _rows(
    people: Iterable[tuple[tuple[str, str], list[Mapping[str, Any]]]], language: str
) -> tuple[PersonRow, ...]:
    rows = []
    for (reference, name), sessions in people:
        levels: dict[str, int] = {}
        for s in sessions:
            levels[s["skill_name"]] = max(levels.get(s["skill_name"], 0), s["level"])
        rows.append(
            PersonRow(
                name=name,
                reference=reference,
                sessions=len(sessions),
                hours=written_quantity(sum((Decimal(s["hours"]) for s in sessions), Decimal(0)), language),
                skills=_skills_text(levels),
            )
        )
    return tuple(sorted(rows, key=lambda r: (sort_key(r.name), r.reference)))


def people_rows(
    sessions: Sequence[Mapping[str, Any]], language: str
) -> tuple[tuple[PersonRow, ...], tuple[PersonRow, ...]]:
    """The trainees and the trainers: sessions, hours, and the skills and levels they learn or teach."""
    trainees: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    trainers: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for s in sessions:
        for reference, name in zip(s["trainees"], s["trainee_names"], strict=True):
            trainees.setdefault((reference, name), []).append(s)
        trainers.setdefault((s["trainer"] or "", s["trainer_name"] or ""), []).append(s)
    return _rows(trainees.items(), language), _rows(trainers.items(), language)
