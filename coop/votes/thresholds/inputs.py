"""What a decision is made from (the count, the room, objections) and the Decision it gives."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.rules.decisions import Basis, Choice, DecisionRule, ObjectionStatus, TieRule, check_count

_check_count = partial(check_count, error=VoteError)


def _too_many_attending(present: int, proxies: int, members: int) -> str:
    if proxies:
        return ngettext(
            "{present} member present and {proxies} represented by proxy are more than the "
            "{members} active members.",
            "{present} members present and {proxies} represented by proxy are more than the "
            "{members} active members.",
            present,
        ).format(present=present, proxies=proxies, members=members)
    return ngettext(
        "{present} member present is more than the {members} active members.",
        "{present} members present are more than the {members} active members.",
        present,
    ).format(present=present, members=members)


@dataclass(frozen=True)
class VoteCount:
    """The tally of a yes/no/abstain vote. ``abstain`` includes blank votes."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    def __post_init__(self) -> None:
        _check_count(self.yes, _("yes votes"))
        _check_count(self.no, _("no votes"))
        _check_count(self.abstain, _("abstentions"))

    @property
    def cast(self) -> int:
        """Yes plus no: the votes cast in the sense of the ``*_cast`` rules."""
        return self.yes + self.no

    @property
    def total(self) -> int:
        """Every vote counted, abstentions included."""
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class VoteContext:
    """Who could have voted, at the moment of the vote.

    ``present``: members present in person; ``active_members``: all active members;
    ``proxies_represented``: absent members represented by a proxy holder who is present;
    ``proxies_count``: whether those represented count as present (and may vote). A number the
    rule does not use may be left as None.
    """

    present: int | None = None
    active_members: int | None = None
    proxies_represented: int = 0
    proxies_count: bool = False

    def __post_init__(self) -> None:
        if self.present is not None:
            _check_count(self.present, _("members present"))
        if self.active_members is not None:
            _check_count(self.active_members, _("active members"))
        _check_count(self.proxies_represented, _("members represented by proxy"))
        if not isinstance(self.proxies_count, bool):
            raise VoteError(
                _("Whether proxies count must be true or false, not {value!r}.").format(
                    value=self.proxies_count
                )
            )
        if self.present is not None and self.active_members is not None:
            attending = self.present + self.proxies_represented
            if attending > self.active_members:
                raise VoteError(
                    _too_many_attending(self.present, self.proxies_represented, self.active_members)
                )

    @property
    def present_total(self) -> int | None:
        """Members counted as present for the vote: in person, plus proxies when they count."""
        if self.present is None:
            return None
        return self.present + (self.proxies_represented if self.proxies_count else 0)


@dataclass(frozen=True)
class Objection:
    """An objection under the consent rule; ``by`` names who raised it, for the minutes."""

    by: str
    reason: str
    status: ObjectionStatus = ObjectionStatus.OPEN

    def __post_init__(self) -> None:
        try:
            status = ObjectionStatus(self.status)
        except ValueError:
            raise VoteError(
                _("Unknown objection status {status!r}; use one of: {choices}.").format(
                    status=self.status, choices=", ".join(s.value for s in ObjectionStatus)
                )
            ) from None
        object.__setattr__(self, "status", status)

    @property
    def reasoned(self) -> bool:
        return bool(self.reason and self.reason.strip())

    @property
    def stands(self) -> bool:
        """True when this objection blocks: it gives a reason and is still open."""
        return self.reasoned and self.status is ObjectionStatus.OPEN


@dataclass(frozen=True)
class Decision:
    """The outcome of a vote, ready for the minutes.

    ``required`` is the number of yes votes that carries the motion without a tie, measured
    against ``basis_count`` (minutes: "required: 18 of 35"); under consent it is 0 and the
    basis counts the reasoned objections raised. ``casting_vote`` is set only when the chair's
    casting vote decided a tie.
    """

    adopted: bool
    rule: DecisionRule
    required: int
    yes: int
    no: int
    abstain: int
    basis: Basis
    basis_count: int
    tie: bool
    explanation: str
    article: str | None = None
    tie_rule: TieRule = TieRule.FAILS
    casting_vote: Choice | None = None
    objections_raised: int = 0
    objections_standing: int = 0
