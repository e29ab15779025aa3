"""What printed minutes show: a frozen view model built from the record (see views.py).

Templates render only this model, so a stored snapshot of it reprints identically.
Dates and times are already formatted strings, in the document's language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class AttendeeLine:
    number: str | None
    name: str
    arrived: str  # "09:05"
    left: str | None  # "11:40" or None if present until the close
    proxies_held_for: tuple[str, ...] = ()  # names of members this attendee represented
    # Every stretch in the room, (arrived, left or None for "until the close"), for a member who
    # left and came back; empty for one stretch (``arrived``/``left`` say it all) and in minutes
    # approved before stretches were recorded, which reprint as they were.
    stays: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class ProxyLine:
    giver: str
    holder: str
    status: str  # "in force", or "revoked: the member came in person at 09:40"


@dataclass(frozen=True)
class QuorumLine:
    statement: str  # one sentence: "Quorum reached: 312 present, 236 required."
    present: int
    proxies_counted: int
    required: int
    met: bool
    at_second_call: bool


@dataclass(frozen=True)
class VoteResultLine:
    method: str  # "roll call", "secret ballot", "show of hands", "consent"
    yes: int
    no: int
    abstain: int
    rule: str  # "majority of votes cast"
    required: int
    basis: str  # "35 votes cast"
    adopted: bool
    result: str  # "Adopted" / "Not adopted"
    explanation: str  # the decision sentence from thresholds.py
    article: str | None
    quorum: QuorumLine
    opened_at: str
    closed_at: str
    # (name, "yes"/"no"/"abstain") for roll calls; a vote cast with a proxy is named
    # "Holder by proxy for Giver" (in the minutes' language), never as the absent member's own.
    roll_call: tuple[tuple[str, str], ...] = ()
    ballots: str | None = None  # "25 ballots cast (of 27 voting codes handed out)"; roll call, secret


@dataclass(frozen=True)
class ObjectionLine:
    member: str
    reason: str
    status: str  # "resolved: ..." / "withdrawn" / "stands"


@dataclass(frozen=True)
class AmendmentLine:
    number: str  # "3.1"
    title: str
    proposed_text: str
    mover: str
    seconder: str | None
    fate: str  # "Adopted", "Not adopted", "Withdrawn"
    vote: VoteResultLine | None


@dataclass(frozen=True)
class MotionSection:
    number: str  # "3"
    title: str
    kind: str  # "ordinary motion", "amendment of the bylaws", ...
    original_text: str
    final_text: str  # what was voted: the text after adopted amendments
    mover: str
    seconder: str | None
    status: str  # "Adopted", "Not adopted", "Withdrawn", "Postponed"
    amendments: tuple[AmendmentLine, ...] = ()
    vote: VoteResultLine | None = None
    objections: tuple[ObjectionLine, ...] = ()


@dataclass(frozen=True)
class AgendaSection:
    """One agenda item with the motions proposed under it, in the agenda's order."""

    number: int
    title: str
    text: str | None
    motions: tuple[MotionSection, ...] = ()
    outcome: str | None = None  # "This item was not reached."...; None when a motion under it was decided


@dataclass(frozen=True)
class ElectionSection:
    title: str
    seats: int
    method: str  # "single transferable vote, fractional Droop quota"
    ballots: int
    winners: tuple[str, ...]
    rounds: int
    slips_note: str | None = None  # why the count was certified with its voting slips unbalanced


@dataclass(frozen=True)
class ErratumLine:
    """A correction printed under "Errata": entered on a date, what changed, and why."""

    entered: str  # "29/11/2026"
    what: str  # "Arrival of 0012 Ana Pérez: 18:10 changed to 18:30."
    reason: str | None


@dataclass(frozen=True)
class CheckpointLine:
    """The audit log's latest checkpoint signed with the returning officer's key, as the minutes print it."""

    number: int  # the checkpoint's event: 58
    anchor: str  # the event it signs: "57:3f2a9c0d5e6b7a81"
    key: str  # the key's fingerprint: "C820-1A2B-3C4D-5E6F"
    holder: str  # "Junta electoral"
    signed_on: str  # "5 December 2026"


@dataclass(frozen=True)
class Minutes:
    cooperative: str
    title: str  # "Minutes of the ordinary assembly"
    assembly_number: str  # "Assembly 7"
    kind: str  # "ordinary" / "extraordinary"
    date: str  # "25 November 2026"
    called_time: str
    opened_time: str  # when the assembly sat: at second call, the second call's time
    closed_time: str | None
    place: str
    chair: str
    secretary: str
    attendance_count: int
    active_members: int
    attendees: tuple[AttendeeLine, ...]
    proxies: tuple[ProxyLine, ...]
    quorum: QuorumLine
    previous_minutes: str | None  # sentence on the approval of the previous minutes, if any
    motions: tuple[MotionSection, ...]  # with an agenda, only the motions under no item
    elections: tuple[ElectionSection, ...] = ()
    agenda: tuple[AgendaSection, ...] = ()
    second_call: str | None = None  # "The assembly was held at second call, at 19:00, with 12 present."
    opened_at_second_call: bool = False  # opened_time is the time of the second call
    status: str = "draft"  # "draft" / "approved"
    approval_note: str | None = None  # "Approved by motion 2 of Assembly 8 on 20 December 2026."
    snapshot_hash: str | None = None
    # The audit log's last event when the minutes were printed (a draft) or approved, as
    # "1234:3f2a9c0d5e6b7a81": on paper, it lets anyone check later that the record was not cut back.
    audit_anchor: str | None = None
    # The latest checkpoint signed with the officer's key when printed or approved (None before the first).
    audit_checkpoint: CheckpointLine | None = None
    language: str = "en"
    # "Entered in the record on 29/11/2026 from the secretary's notes.": acts typed after the fact.
    entered_note: str | None = None
    errata: tuple[ErratumLine, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # translated headings used by the template

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
