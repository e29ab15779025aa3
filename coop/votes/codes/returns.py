"""The tellers' account of every printed slip: used, returned unused, or cancelled.

When a coded vote ends, the tellers hold every slip that did not cast a ballot: members who did
not vote hand theirs back, and the spares never handed out are in the secretary's pile. Their
serials are entered (``coop ballot returned``); a slip lost or exchanged for a paper ballot was
cancelled. Every printed serial must then be in exactly one of those piles:

* a serial in none is **unaccounted** (a slip nobody can show, or not entered yet);
* a serial whose code cast a ballot although the tellers hold its slip unused is
  **contradicted**: a ballot was cast with a code nobody typed from that slip. Marking unused
  codes used and slipping ballots into the box (stuffing) shows up here, slip by slip.

The count is certified only when the slips balance: closing a coded vote refuses otherwise,
unless the secretary records why it is closed anyway (kept with the vote, printed in the minutes).
A returned serial names no one: which member held which serial is only on the paper counterfoil.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.audit import record_event
from coop.errors import VoteError
from coop.i18n import _, ngettext
from coop.votes.codes.slips import hold_ballot_box, require_secret, uses_codes
from coop.votes.models import CancelReason, CodeStatus, ReturnedSlip, Vote, VotingCode

# --- pure: serials as typed, and the account ---------------------------------------------------

_RANGE = re.compile(r"^(\d+)\s*[-–—]\s*(\d+)$")


def parse_serials(words: Sequence[str]) -> list[int]:
    """``["3", "7", "12-20"]`` (commas also separate) -> the serials in the order given; a serial
    given twice or a range written backwards is refused."""
    serials: list[int] = []
    seen: set[int] = set()
    for word in words:
        for part in (p.strip() for p in word.split(",")):
            if not part:
                continue
            matched = _RANGE.match(part)
            if matched:
                first, last = int(matched.group(1)), int(matched.group(2))
                if first > last:
                    raise VoteError(
                        _(
                            "The range {range} runs backwards; write the lower serial first: {last}-{first}."
                        ).format(range=part, first=first, last=last)
                    )
                run = range(first, last + 1)
            elif part.isdigit():
                run = range(int(part), int(part) + 1)
            else:
                raise VoteError(
                    _("{word} is not a slip serial; give serials and ranges such as 3 7 12-20.").format(
                        word=part
                    )
                )
            for serial in run:
                if serial in seen:
                    raise VoteError(
                        _("Serial {serial} is given twice; give each slip once.").format(serial=serial)
                    )
                seen.add(serial)
                serials.append(serial)
    if not serials:
        raise VoteError(_("Give the serials of the slips returned unused, such as 3 7 12-20."))
    return serials


def serial_runs(serials: Iterable[int]) -> str:
    """``[1, 2, 3, 7, 9, 10]`` -> ``1–3, 7, 9–10``."""
    ordered = sorted(set(serials))
    runs: list[str] = []
    start = previous = None
    for serial in [*ordered, None]:
        if serial is not None and previous is not None and serial == previous + 1:
            previous = serial
            continue
        if start is not None:
            runs.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = serial
    return ", ".join(runs)


@dataclass(frozen=True)
class SlipAccount:
    """Every printed slip of a coded vote, by pile."""

    printed: int
    used: int
    returned: int
    cancelled: int
    unaccounted: tuple[int, ...]  # printed serials in no pile
    contradicted: tuple[int, ...]  # used codes whose slips the tellers hold unused

    @property
    def balanced(self) -> bool:
        return not self.unaccounted and not self.contradicted


def account_slips(codes: Iterable[tuple[int, str]], returned: Iterable[int]) -> SlipAccount:
    """``codes``: (serial, status) of every printed slip; ``returned``: serials the tellers hold unused."""
    held = set(returned)
    statuses = dict(codes)
    used = [s for s, status in statuses.items() if status == CodeStatus.used.value]
    cancelled = [s for s, status in statuses.items() if status == CodeStatus.cancelled.value]
    unaccounted = [s for s, status in statuses.items() if status == CodeStatus.issued.value and s not in held]
    return SlipAccount(
        printed=len(statuses),
        used=len(used),
        returned=len(held & set(statuses)),
        cancelled=len(cancelled),
        unaccounted=tuple(sorted(unaccounted)),
        contradicted=tuple(sorted(held & set(used))),
    )


def contradiction(serials: Sequence[int]) -> str:
    return ngettext(
        "slip {serials} was handed back unused but its code cast a ballot",
        "slips {serials} were handed back unused but their codes cast ballots",
        len(serials),
    ).format(serials=serial_runs(serials))


def slip_problems(account: SlipAccount, vote_id: int) -> list[str]:
    """One sentence per kind of imbalance, naming the serials."""
    problems: list[str] = []
    if account.contradicted:
        problems.append(contradiction(account.contradicted))
    if account.unaccounted:
        problems.append(
            ngettext(
                "slip {serials} is neither used, returned unused nor cancelled (enter the slips the "
                "tellers hold with: coop ballot returned {id} SERIALS)",
                "{count} slips are neither used, returned unused nor cancelled: {serials} (enter the "
                "slips the tellers hold with: coop ballot returned {id} SERIALS)",
                len(account.unaccounted),
            ).format(count=len(account.unaccounted), serials=serial_runs(account.unaccounted), id=vote_id)
        )
    return problems


# --- reading and entering ----------------------------------------------------------------------


def returned_serials(session: Session, vote_id: int) -> set[int]:
    return set(session.scalars(select(ReturnedSlip.serial).where(ReturnedSlip.vote_id == vote_id)))


def slip_account(session: Session, vote: Vote) -> SlipAccount:
    codes = session.execute(
        select(VotingCode.serial, VotingCode.status).where(VotingCode.vote_id == vote.id)
    ).all()
    return account_slips(
        ((serial, str(status)) for serial, status in codes), returned_serials(session, vote.id)
    )


@dataclass(frozen=True)
class ReturnedEntry:
    vote_id: int
    serials: tuple[int, ...]  # entered (or withdrawn) now
    contradicted: tuple[int, ...]  # of those entered, codes that cast a ballot: the stuffing evidence
    account: SlipAccount


def _require_coded_and_open(session: Session, vote: Vote) -> None:
    require_secret(vote)
    if not uses_codes(vote):
        raise VoteError(
            _("No voting codes were issued for vote {id}, so there are no slips to return.").format(
                id=vote.id
            )
        )
    hold_ballot_box(session, vote, alone=True)


def return_slips(
    session: Session, vote: Vote, *, serials: Sequence[int], actor: str, now: datetime
) -> ReturnedEntry:
    """Record slips the tellers hold unused. An unknown, cancelled or already returned serial
    refuses the whole entry; a serial whose code was used is recorded and named (see module)."""
    _require_coded_and_open(session, vote)
    status = {
        serial: (str(s), str(reason) if reason else None)
        for serial, s, reason in session.execute(
            select(VotingCode.serial, VotingCode.status, VotingCode.cancel_reason).where(
                VotingCode.vote_id == vote.id
            )
        )
    }
    unknown = [s for s in serials if s not in status]
    if unknown:
        raise VoteError(
            ngettext(
                "Vote {id} has no slip with serial {serials}; check the serials and enter them again.",
                "Vote {id} has no slips with serials {serials}; check the serials and enter them again.",
                len(unknown),
            ).format(id=vote.id, serials=serial_runs(unknown))
        )
    already = sorted(returned_serials(session, vote.id) & set(serials))
    if already:
        raise VoteError(
            ngettext(
                "Slip {serials} of vote {id} is already recorded as returned; leave it out.",
                "Slips {serials} of vote {id} are already recorded as returned; leave them out.",
                len(already),
            ).format(serials=serial_runs(already), id=vote.id)
        )
    for serial in serials:
        code_status, reason = status[serial]
        if code_status == CodeStatus.cancelled.value:
            message = (
                _(
                    "Slip {serial} of vote {id} was exchanged for a paper ballot, so it is accounted for "
                    "already; leave it out."
                )
                if reason == CancelReason.paper.value
                else _(
                    "Slip {serial} of vote {id} was cancelled as lost, so it is accounted for already; "
                    "leave it out."
                )
            )
            raise VoteError(message.format(serial=serial, id=vote.id))
    session.add_all(ReturnedSlip(vote_id=vote.id, serial=serial, entered_at=now) for serial in serials)
    session.flush()
    used = tuple(sorted(s for s in serials if status[s][0] == CodeStatus.used.value))
    data: dict[str, object] = {"vote_id": vote.id, "serials": sorted(serials)}
    if used:
        data["used"] = list(used)
    record_event(session, "coop.ballot.slips_returned", actor=actor, now=now, data=data)
    return ReturnedEntry(
        vote_id=vote.id,
        serials=tuple(sorted(serials)),
        contradicted=used,
        account=slip_account(session, vote),
    )


def withdraw_returned(
    session: Session, vote: Vote, *, serials: Sequence[int], actor: str, now: datetime
) -> ReturnedEntry:
    """Take back serials entered as returned by mistake (a mistyped serial); audited."""
    _require_coded_and_open(session, vote)
    missing = sorted(set(serials) - returned_serials(session, vote.id))
    if missing:
        raise VoteError(
            ngettext(
                "Slip {serials} of vote {id} is not recorded as returned, so there is nothing to withdraw.",
                "Slips {serials} of vote {id} are not recorded as returned, so there is nothing to withdraw.",
                len(missing),
            ).format(serials=serial_runs(missing), id=vote.id)
        )
    session.execute(
        delete(ReturnedSlip).where(ReturnedSlip.vote_id == vote.id, ReturnedSlip.serial.in_(serials))
    )
    record_event(
        session,
        "coop.ballot.slips_return_withdrawn",
        actor=actor,
        now=now,
        data={"vote_id": vote.id, "serials": sorted(serials)},
    )
    return ReturnedEntry(
        vote_id=vote.id, serials=tuple(sorted(serials)), contradicted=(), account=slip_account(session, vote)
    )


# --- certifying the count ----------------------------------------------------------------------


def certify_slips(session: Session, vote: Vote, *, unbalanced_reason: str | None) -> SlipAccount | None:
    """Before a coded vote is counted: its slips balance, or the secretary gives the reason it is
    closed anyway, which is kept with the vote (``Vote.slips_unbalanced``). None for a vote
    without codes."""
    reason = unbalanced_reason.strip() if unbalanced_reason is not None else None
    if not uses_codes(vote):
        if reason is not None:
            raise VoteError(
                _("Vote {id} has no voting slips to balance; leave out --slips-unbalanced.").format(
                    id=vote.id
                )
            )
        return None
    account = slip_account(session, vote)
    if account.balanced:
        if reason is not None:
            raise VoteError(
                _("The slips of vote {id} balance; leave out --slips-unbalanced.").format(id=vote.id)
            )
        return account
    if reason is None:
        raise VoteError(
            _(
                "The count of vote {id} cannot be certified while its slips do not balance: {problems}; "
                'or close it anyway with --slips-unbalanced "REASON", which the minutes print.'
            ).format(id=vote.id, problems="; ".join(slip_problems(account, vote.id)))
        )
    if not reason:
        raise VoteError(
            _('Say why the vote is closed although its slips do not balance: --slips-unbalanced "REASON".')
        )
    vote.slips_unbalanced = reason
    return account


def unbalanced_record(account: SlipAccount | None, reason: str | None) -> dict[str, object]:
    """What a closing audit event adds when the count was certified with slips unbalanced."""
    if account is None or reason is None or account.balanced:
        return {}
    return {
        "slips_unbalanced": reason.strip(),
        "slips_unaccounted": list(account.unaccounted),
        "slips_contradicted": list(account.contradicted),
    }
