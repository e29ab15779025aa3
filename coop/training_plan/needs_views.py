"""The training needs as people read them: each gap in one sentence with its causes, and as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from coop import vocabulary
from coop.i18n import _, ngettext
from coop.plans.capacity.weeks import week_label
from coop.rules.terms import TermRole
from coop.training_plan.needs import horizon_weeks
from coop.training_plan.needs_data import TEACHING_LEVEL, NeedsInputs
from coop.training_plan.types import CauseDetail, Gap, GapCause
from coop.views import View


@dataclass(frozen=True)
class Names:
    """Who and what the codes of the analysis name."""

    members: Mapping[str, str] = field(default_factory=dict)  # reference -> name
    skills: Mapping[str, str] = field(default_factory=dict)  # code -> name
    centres: Mapping[str, str] = field(default_factory=dict)  # code -> name
    terms: Mapping[tuple[str, date], str] = field(default_factory=dict)  # (member, start) -> role

    def member(self, ref: str | None) -> str:
        return self.members.get(ref or "", ref or "")

    def skill(self, code: str) -> str:
        name = self.skills.get(code)
        return f"{name} ({code})" if name else code

    def centre(self, code: str | None) -> str:
        name = self.centres.get(code or "")
        return f"{name} ({code})" if name else code or ""


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def cause_text(cause: CauseDetail, names: Names, today: date) -> str:
    """One cause of a gap as a clause of a sentence."""
    needed = cause.needed or 0
    members = ngettext("{count} member", "{count} members", needed).format(count=needed)
    who = names.member(cause.member)
    past = cause.on is not None and cause.on <= today
    if cause.cause is GapCause.minimum:
        return _("{centre} requires {members} each week it works").format(
            centre=names.centre(cause.centre), members=members
        )
    if cause.cause is GapCause.load:
        return _("the plans' load at {centre} needs {members}").format(
            centre=names.centre(cause.centre), members=members
        )
    if cause.cause is GapCause.single_point:
        return _("the skill's bus-factor target asks for {members}").format(members=members)
    if cause.cause is GapCause.lapse:
        text = (
            _("{member}'s certification lapsed on {day}")
            if past
            else _("{member}'s certification lapses on {day}")
        )
        return text.format(member=who, day=_day(cause.on))
    if cause.cause is GapCause.leaving:
        text = (
            _("{member} left the cooperative on {day}")
            if past
            else _("{member} leaves the cooperative on {day}")
        )
        return text.format(member=who, day=_day(cause.on))
    role = names.terms.get((cause.member or "", cause.on or date.min))
    label = vocabulary.label(TermRole(role)) if role in TermRole._value2member_map_ else role or ""
    text = (
        _("{member} is off the floor as {role} since {day}")
        if past
        else _("{member} is off the floor as {role} from {day}")
    )
    return text.format(member=who, role=label, day=_day(cause.on))


# At most this many members are named in one clause; the others are counted.
NAMED_AT_MOST = 4


def _names(members: list[str]) -> str:
    """``A, B and C``; past ``NAMED_AT_MOST``, ``A, B, C, D and 23 more``."""
    if len(members) > NAMED_AT_MOST:
        more = len(members) - NAMED_AT_MOST
        rest = ngettext("{count} more", "{count} more", more).format(count=more)
        members = [*members[:NAMED_AT_MOST], rest]
    if len(members) == 1:
        return members[0]
    return _("{some} and {last}").format(some=", ".join(members[:-1]), last=members[-1])


def _group_text(causes: list[CauseDetail], names: Names, today: date) -> str:
    """Several members' lapses or departures on one day, in one clause."""
    who = _names([names.member(c.member) for c in causes])
    day, past = _day(causes[0].on), causes[0].on is not None and causes[0].on <= today
    if causes[0].cause is GapCause.lapse:
        text = (
            _("the certifications of {members} lapsed on {day}")
            if past
            else _("the certifications of {members} lapse on {day}")
        )
    else:
        text = (
            _("{members} left the cooperative on {day}")
            if past
            else _("{members} leave the cooperative on {day}")
        )
    return text.format(members=who, day=day)


def causes_text(causes: tuple[CauseDetail, ...], names: Names, today: date) -> str:
    """The causes as clauses joined by semicolons; lapses and departures of one day are one clause."""
    clauses: list[str] = []
    index = 0
    while index < len(causes):
        cause = causes[index]
        group = [cause]
        if cause.cause in (GapCause.lapse, GapCause.leaving):
            while index + len(group) < len(causes) and (
                causes[index + len(group)].cause,
                causes[index + len(group)].on,
            ) == (cause.cause, cause.on):
                group.append(causes[index + len(group)])
        clauses.append(
            cause_text(cause, names, today) if len(group) == 1 else _group_text(group, names, today)
        )
        index += len(group)
    return "; ".join(clauses)


def gap_text(gap: Gap, names: Names, today: date) -> str:
    """``2027-W05: Carga del horno (HOR-CARGA) at level 3 needs 3 qualified members, 1 available: ...``"""
    head = ngettext(
        "{week}: {skill} at level {level} or above needs {needed} qualified member, {available} available",
        "{week}: {skill} at level {level} or above needs {needed} qualified members, {available} available",
        gap.needed,
    ).format(
        week=week_label(gap.week),
        skill=names.skill(gap.skill),
        level=gap.level,
        needed=gap.needed,
        available=gap.available,
    )
    causes = causes_text(gap.causes, names, today)
    return _("{head}: {causes}.").format(head=head, causes=causes) if causes else f"{head}."


@dataclass(frozen=True)
class CauseView(View):
    cause: GapCause
    member: str | None
    member_name: str | None
    on: date | None
    centre: str | None
    needed: int | None
    text: str


@dataclass(frozen=True)
class GapView(View):
    headings: ClassVar[Mapping[str, str]] = {}  # printed as sentences, not as a table

    skill: str
    skill_name: str
    level: int
    week: date
    week_label: str
    needed: int
    available: int
    short: int
    causes: tuple[CauseView, ...]
    text: str


@dataclass(frozen=True)
class NeedsReport(View):
    """The gaps of a horizon, the skills nobody can teach from within, and the plans read."""

    first_week: str
    last_week: str
    weeks: int
    plans: tuple[str, ...]
    gaps: tuple[GapView, ...]
    untaught: tuple[str, ...]
    untaught_text: tuple[str, ...]

    def lines(self) -> list[str]:
        """Each gap in one line, then the skills nobody can teach; or one line saying all is well."""
        found = [gap.text for gap in self.gaps] + list(self.untaught_text)
        if found:
            return found
        return [
            ngettext(
                "No gaps: every skill has the qualified members it needs in the week {first}.",
                "No gaps: every skill has the qualified members it needs in the {count} weeks "
                "from {first} to {last}.",
                self.weeks,
            ).format(count=self.weeks, first=self.first_week, last=self.last_week)
        ]


def report_of(inputs: NeedsInputs, gaps: list[Gap], untaught: list[str], names: Names) -> NeedsReport:
    weeks = horizon_weeks(inputs.start, inputs.weeks, inputs.today)
    views = tuple(
        GapView(
            gap.skill,
            names.skills.get(gap.skill, gap.skill),
            gap.level,
            gap.week,
            week_label(gap.week),
            gap.needed,
            gap.available,
            gap.short,
            tuple(
                CauseView(
                    c.cause,
                    c.member,
                    names.members.get(c.member) if c.member else None,
                    c.on,
                    c.centre,
                    c.needed,
                    cause_text(c, names, inputs.today),
                )
                for c in gap.causes
            ),
            gap_text(gap, names, inputs.today),
        )
        for gap in gaps
    )
    untaught_text = tuple(
        _(
            "Nobody can teach {skill}: no member holds it at level {level} or above and no outside trainer "
            "has given it; its gaps close only with an outside trainer or a new member."
        ).format(skill=names.skill(code), level=TEACHING_LEVEL)
        for code in untaught
    )
    return NeedsReport(
        week_label(weeks[0]),
        week_label(weeks[-1]),
        len(weeks),
        tuple(plan.ref for plan in inputs.plans),
        views,
        tuple(untaught),
        untaught_text,
    )
