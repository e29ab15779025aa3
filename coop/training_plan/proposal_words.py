"""A gap of a training plan proposal in one sentence, in plain words (the message language).

"Gap 2027-W05 in kiln operation level 3: closed in 2027-W03 by session 2 (Zofia Łukasiewicz teaches
Ramón Núñez and Ana Pérez, 8 h)"; "Gap 2027-W05 in glazing level 3: cannot be closed: no trainer is
free before 2027-W05".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from coop.formatting import format_quantity
from coop.i18n import _, ngettext
from coop.training_plan.proposal_inputs import GapOutcome, Proposal, Reason, Session, Status

__all__ = ["explain", "reason_words", "week_label"]


def week_label(week: date) -> str:
    """``"2027-W05"`` for any day of that ISO week."""
    iso = week.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _listing(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def reason_words(reason: Reason, before: date) -> str:
    """Why (the rest of) a gap cannot be closed, in a few words."""
    week = week_label(before)
    words = {
        Reason.no_trainer: _("nobody may teach it (no member at the teaching level, no outside trainer)"),
        Reason.no_candidate: _("no other member below the level meets the prerequisites"),
        Reason.no_time: _("there are not enough open days before {week}"),
        Reason.trainer_busy: _("no trainer is free before {week}"),
        Reason.overloaded: _("every candidate's planned hours leave no room for training before {week}"),
    }
    return words[reason].format(week=week)


def _courses(sessions: Sequence[Session], names: Mapping[str, str]) -> str:
    """Who teaches whom, and for how many hours: one phrase per trainer and group of trainees."""
    groups: dict[tuple[str, tuple[str, ...]], Decimal] = {}
    for session in sessions:
        key = (session.trainer_name, session.trainees)
        groups[key] = groups.get(key, Decimal(0)) + session.hours
    phrases = [
        _("{trainer} teaches {trainees}, {hours} h").format(
            trainer=trainer,
            trainees=_listing([names.get(ref, ref) for ref in trainees]),
            hours=format_quantity(hours),
        )
        for (trainer, trainees), hours in groups.items()
    ]
    return "; ".join(phrases)


def _closing(outcome: GapOutcome, proposal: Proposal, names: Mapping[str, str]) -> str:
    numbers = outcome.sessions
    said = ngettext("session {numbers}", "sessions {numbers}", len(numbers)).format(
        numbers=", ".join(str(n) for n in numbers)
    )
    assert outcome.closes_in is not None
    return _("in {week} by {sessions} ({courses})").format(
        week=week_label(outcome.closes_in),
        sessions=said,
        courses=_courses([proposal.session(n) for n in numbers], names),
    )


def explain(
    outcome: GapOutcome,
    proposal: Proposal,
    member_names: Mapping[str, str],
    skill_names: Mapping[str, str],
) -> str:
    """One sentence: the gap, and whether, when and by which sessions it closes, or why it cannot."""
    gap = outcome.gap
    head = _("Gap {week} in {skill} level {level}").format(
        week=week_label(gap.week), skill=skill_names.get(gap.skill, gap.skill), level=gap.level
    )
    if outcome.status is Status.none:
        return _("{gap}: nothing to close").format(gap=head)
    if outcome.status is Status.closed:
        closing = _closing(outcome, proposal, member_names)
        return _("{gap}: closed {closing}").format(gap=head, closing=closing)
    assert outcome.reason is not None
    why = reason_words(outcome.reason, gap.week)
    if outcome.status is Status.open:
        return _("{gap}: cannot be closed: {reason}").format(gap=head, reason=why)
    return ngettext(
        "{gap}: partly closed {closing}; {count} more cannot be trained in time: {reason}",
        "{gap}: partly closed {closing}; {count} more cannot be trained in time: {reason}",
        outcome.still_short,
    ).format(
        gap=head, closing=_closing(outcome, proposal, member_names), count=outcome.still_short, reason=why
    )
