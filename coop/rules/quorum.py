"""Quorum arithmetic for assemblies.

Pure: plain numbers and datetimes in, frozen dataclasses out; no database, no clock (the
caller passes ``now``), no I/O. All arithmetic is on whole numbers and exact fractions.

The bylaw quorum spec
---------------------
A secretary writes the quorum as one of:

``majority``
    Half plus one of the active members, rounded down: ``n // 2 + 1`` (40 members: 21;
    41 members: 21). This is the first-call quorum of Ley 20.337, art. 49.
a fraction, ``1/3`` or ``0.5``
    That share of the active members, rounded up (``1/3`` of 40 is 13.33..., so 14). It must be
    more than 0 and at most 1; ``1/1`` or ``1.0`` means every active member.
a whole number, ``30``
    That many members, however many are active. A bare whole number is always a head count:
    ``1`` means one member, not all of them.

Whatever the spec, the quorum is never less than one member. Members represented by proxy
are added to those present only when the bylaws say proxies count towards the quorum.

Second call (Ley 20.337, art. 49)
---------------------------------
If the quorum is not reached, the assembly is valid with any number present once the bylaws'
wait (one hour by law) has passed after the time in the call. :func:`second_call_available`
says whether that moment has come: it is refused one minute early and open exactly on time.
At second call the required number is the bylaws' second-call minimum (:class:`SecondCall`;
0 or 1 means any number, so one member present is enough); it is never more than the
first-call quorum, since an assembly that has its first-call quorum is valid at any time.

Quorum is a matter of the moment: a meeting that had its quorum at the opening can lose it
when members leave, and the caller checks again with the new number present.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from functools import partial

from coop.errors import AssemblyError, BylawError
from coop.i18n import _, ngettext
from coop.rules.decisions import check_count

__all__ = [
    "QuorumCheck",
    "QuorumKind",
    "QuorumSpec",
    "SecondCall",
    "SecondCallStatus",
    "check_quorum",
    "parse_quorum_spec",
    "required_quorum",
    "second_call_available",
]

LEGAL_SECOND_CALL_WAIT_MINUTES = 60
"""Ley 20.337, art. 49: one hour after the time set in the call."""


class QuorumKind(enum.StrEnum):
    MAJORITY = "majority"
    FRACTION = "fraction"
    ABSOLUTE = "absolute"


_WHOLE = re.compile(r"\d+", re.ASCII)
_DECIMAL = re.compile(r"\d*\.\d+|\d+\.\d*", re.ASCII)
_RATIO = re.compile(r"(\d+)\s*/\s*(\d+)", re.ASCII)


@dataclass(frozen=True)
class QuorumSpec:
    """A validated bylaw quorum. Build it with :func:`parse_quorum_spec`.

    ``text`` is the spec as it should be stored and shown (``majority``, ``1/3``, ``0.5``,
    ``30``); ``fraction`` is set for a fraction, ``members`` for a whole number.
    """

    kind: QuorumKind
    text: str
    fraction: Fraction | None = None
    members: int | None = None

    def describe(self) -> str:
        """The quorum in words, for minutes and help texts."""
        if self.kind is QuorumKind.MAJORITY:
            return _("half plus one of the active members")
        if self.kind is QuorumKind.FRACTION:
            return _("{fraction} of the active members").format(fraction=self.text)
        return ngettext("{members} member", "{members} members", self.members or 0).format(
            members=self.members
        )


def _not_a_quorum(text: str) -> BylawError:
    return BylawError(
        _(
            "A quorum of {text} is not a fraction between 0 and 1 nor a whole number of members; "
            "write majority, a fraction such as 1/3 or 0.5, or a whole number such as 30."
        ).format(text=text)
    )


def parse_quorum_spec(text: str) -> QuorumSpec:
    """Read a bylaw quorum (``majority``, ``1/3``, ``0.5`` or ``30``), or raise BylawError."""
    if not isinstance(text, str) or not text.strip():
        raise BylawError(
            _(
                "The quorum is empty; write majority, a fraction such as 1/3 or 0.5, or a whole number "
                "such as 30."
            )
        )
    cleaned = text.strip()
    if cleaned.casefold() in {"majority", "mayoría", "mayoria"}:
        return QuorumSpec(kind=QuorumKind.MAJORITY, text="majority")
    if _WHOLE.fullmatch(cleaned):
        members = int(cleaned)
        if members == 0:
            raise BylawError(_("A quorum of 0 members is not a quorum; it must be at least 1 member."))
        return QuorumSpec(kind=QuorumKind.ABSOLUTE, text=str(members), members=members)
    ratio = _RATIO.fullmatch(cleaned)
    if ratio:
        if int(ratio.group(2)) == 0:
            raise _not_a_quorum(cleaned)
        fraction = Fraction(int(ratio.group(1)), int(ratio.group(2)))
        shown = f"{int(ratio.group(1))}/{int(ratio.group(2))}"
    elif _DECIMAL.fullmatch(cleaned):
        fraction = Fraction(cleaned)
        shown = cleaned
    else:
        raise _not_a_quorum(cleaned)
    if not 0 < fraction <= 1:
        raise _not_a_quorum(cleaned)
    return QuorumSpec(kind=QuorumKind.FRACTION, text=shown, fraction=fraction)


def _spec(spec: QuorumSpec | str) -> QuorumSpec:
    if isinstance(spec, QuorumSpec):
        return spec
    return parse_quorum_spec(spec)


_check_count = partial(check_count, error=AssemblyError)


def required_quorum(spec: QuorumSpec | str, active_members: int) -> int:
    """How many members (present, or by proxy where they count) make the first-call quorum."""
    spec = _spec(spec)
    _check_count(active_members, _("active members"))
    if spec.kind is QuorumKind.MAJORITY:
        return active_members // 2 + 1
    if spec.kind is QuorumKind.FRACTION:
        assert spec.fraction is not None
        share = -(-(spec.fraction.numerator * active_members) // spec.fraction.denominator)
        return max(1, share)
    assert spec.members is not None
    return spec.members


@dataclass(frozen=True)
class SecondCall:
    """The bylaws' second-call rule: ``minimum`` members present (0 or 1: any number).

    Pass it to :func:`check_quorum` only once :func:`second_call_available` says the second
    call has opened.
    """

    minimum: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.minimum, bool) or not isinstance(self.minimum, int) or self.minimum < 0:
            raise BylawError(
                _(
                    "The second-call minimum must be a whole number of members, 0 for any number, "
                    "not {value!r}."
                ).format(value=self.minimum)
            )


@dataclass(frozen=True)
class QuorumCheck:
    """Whether the quorum is met at this moment, with the numbers for the minutes.

    ``present`` counts members in person; ``proxies_counted`` the members represented by proxy
    that count (0 when proxies do not count); ``counted_total`` is their sum, compared with
    ``required``; ``missing`` is how many more members are needed (0 when met).
    """

    met: bool
    present: int
    proxies_counted: int
    counted_total: int
    required: int
    missing: int
    at_second_call: bool
    explanation: str
    proxies_represented: int = 0


def _attendance(present: int, proxies_represented: int, proxies_count: bool) -> str:
    if not proxies_represented:
        return ngettext("{present} present", "{present} present", present).format(present=present)
    if proxies_count:
        return ngettext(
            "{present} present and {proxies} represented by proxy",
            "{present} present and {proxies} represented by proxy",
            present,
        ).format(present=present, proxies=proxies_represented)
    return ngettext(
        "{present} present ({proxies} proxy not counted)",
        "{present} present ({proxies} proxies not counted)",
        proxies_represented,
    ).format(present=present, proxies=proxies_represented)


def check_quorum(
    spec: QuorumSpec | str,
    active_members: int,
    present: int,
    proxies_represented: int = 0,
    proxies_count: bool = False,
    second_call: SecondCall | None = None,
) -> QuorumCheck:
    """Check the quorum now: ``present`` members in person, ``proxies_represented`` by proxy.

    ``proxies_count`` says whether the bylaws count proxies towards the quorum. ``second_call``
    is given once the second call has opened (see :func:`second_call_available`); the required
    number is then the second-call minimum, never more than the first-call quorum.
    """
    spec = _spec(spec)
    _check_count(active_members, _("active members"))
    _check_count(present, _("members present"))
    _check_count(proxies_represented, _("members represented by proxy"))
    if not isinstance(proxies_count, bool):
        raise AssemblyError(
            _("Whether proxies count must be true or false, not {value!r}.").format(value=proxies_count)
        )
    if second_call is not None and not isinstance(second_call, SecondCall):
        raise AssemblyError(_("The second call must be given as the bylaws' second-call minimum."))
    if present + proxies_represented > active_members:
        if proxies_represented:
            raise AssemblyError(
                ngettext(
                    "{present} member present and {proxies} represented by proxy are more than the "
                    "{members} active members.",
                    "{present} members present and {proxies} represented by proxy are more than the "
                    "{members} active members.",
                    present,
                ).format(present=present, proxies=proxies_represented, members=active_members)
            )
        raise AssemblyError(
            ngettext(
                "{present} member present is more than the {members} active members.",
                "{present} members present are more than the {members} active members.",
                present,
            ).format(present=present, members=active_members)
        )

    first_call = required_quorum(spec, active_members)
    required = first_call if second_call is None else min(first_call, max(1, second_call.minimum))
    proxies_counted = proxies_represented if proxies_count else 0
    counted_total = present + proxies_counted
    met = counted_total >= required
    missing = max(0, required - counted_total)
    values = {
        "attendance": _attendance(present, proxies_represented, proxies_count),
        "required": required,
        "missing": missing,
    }
    at_second_call = second_call is not None
    any_number = at_second_call and required == 1
    if met and not at_second_call:
        explanation = _("Quorum reached: {attendance}, {required} required.").format(**values)
    elif met and any_number:
        explanation = _(
            "Quorum reached at second call: {attendance}; at second call any number present is enough."
        ).format(**values)
    elif met:
        explanation = _("Quorum reached at second call: {attendance}, {required} required.").format(**values)
    elif not at_second_call:
        explanation = ngettext(
            "Quorum not reached: {attendance}, {required} required; {missing} more member is needed.",
            "Quorum not reached: {attendance}, {required} required; {missing} more members are needed.",
            missing,
        ).format(**values)
    else:
        explanation = ngettext(
            "Quorum not reached at second call: {attendance}, {required} required; "
            "{missing} more member is needed.",
            "Quorum not reached at second call: {attendance}, {required} required; "
            "{missing} more members are needed.",
            missing,
        ).format(**values)
    return QuorumCheck(
        met=met,
        present=present,
        proxies_counted=proxies_counted,
        counted_total=counted_total,
        required=required,
        missing=missing,
        at_second_call=at_second_call,
        explanation=explanation,
        proxies_represented=proxies_represented,
    )


@dataclass(frozen=True)
class SecondCallStatus:
    """Whether the second call has opened; ``time_left`` is zero once it has."""

    available: bool
    time_left: timedelta
    opens_at: datetime
    explanation: str


def second_call_available(
    called_at: datetime, now: datetime, wait_minutes: int = LEGAL_SECOND_CALL_WAIT_MINUTES
) -> SecondCallStatus:
    """Whether the second call is open at ``now``, ``wait_minutes`` after ``called_at``.

    Open exactly when the wait has passed (``now >= called_at + wait``). Both times must be
    of the same kind: both with a time zone or both without.
    """
    if isinstance(wait_minutes, bool) or not isinstance(wait_minutes, int) or wait_minutes < 0:
        raise BylawError(
            _("The wait before the second call must be a whole number of minutes, not {value!r}.").format(
                value=wait_minutes
            )
        )
    if not isinstance(called_at, datetime) or not isinstance(now, datetime):
        raise AssemblyError(_("The called time and the current time must both be dates with a time."))
    if (called_at.utcoffset() is None) != (now.utcoffset() is None):
        raise AssemblyError(
            _("The called time and the current time must both have a time zone, or both have none.")
        )
    opens_at = called_at + timedelta(minutes=wait_minutes)
    available = now >= opens_at
    time_left = timedelta(0) if available else opens_at - now
    if available:
        explanation = _(
            "The second call is open: the {wait}-minute wait after the called time has passed."
        ).format(wait=wait_minutes)
    else:
        minutes_left = -(-time_left // timedelta(minutes=1))
        explanation = ngettext(
            "The second call opens in {minutes} minute.",
            "The second call opens in {minutes} minutes.",
            minutes_left,
        ).format(minutes=minutes_left)
    return SecondCallStatus(
        available=available, time_left=time_left, opens_at=opens_at, explanation=explanation
    )
