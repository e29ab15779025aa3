"""Voting codes on paper slips, and the trackers a voter checks their ballot with.

A code is 15 random symbols from an alphabet without look-alikes (no 0, O, 1, I or L) plus a
check symbol (the sum of position × value is 0 modulo the prime 31, which catches every single
mistyped symbol and every swap of two symbols), printed in groups: ``K7QM-3XH9-PT4W-9C2R``.
That is 15·log2(31) ≈ 74 random bits.
Only an HMAC of the code with the vote's secret pepper is stored, so whoever reads the database
cannot cast with a code nobody has used yet.

Casting marks the code used and stores the ballot in one transaction: an ``UPDATE ... WHERE
status = 'issued'`` decides, so two terminals typing the same code at the same instant cast
one ballot between them. The ballot row holds the choice and a random id, nothing more; the
audit event says only that a ballot was cast in this vote.

Who received a slip is listed apart (``slip_recipients``) with no serial and no code: which
serial a member holds is written only on the paper counterfoil the secretary keeps.

A tracker is an HMAC of the ballot's random id and content with the vote's secret tracker salt,
shown once to the voter when they cast. After the close every tracker is published, sorted,
never beside its choice: a voter can see that their ballot was counted but cannot prove to
anyone how they voted.

Where things live
-----------------
``symbols``   codes and trackers as text: alphabet, check symbol, hashing (pure)
``slips``     who receives a slip; issuing, cancelling and reissuing slips
``casting``   casting a ballot with a code
``trackers``  the published trackers and a voter's check of their own

The names below are re-exported so that ``codes.issue_codes(...)`` keeps working.
"""

from __future__ import annotations

from coop.votes.codes.casting import CodeCast, cast_with_code, check_code, require_codes
from coop.votes.codes.slips import (
    CodeSummary,
    Entitlement,
    IssuedSlips,
    PrintedSlip,
    cancel_code,
    code_summary,
    hold_ballot_box,
    issue_codes,
    reissue_code,
    require_open,
    require_secret,
    uses_codes,
)
from coop.votes.codes.symbols import (
    CODE_ACTOR,
    CODE_ALPHABET,
    CODE_GROUP,
    CODE_LENGTH,
    CODE_RANDOM_SYMBOLS,
    EXAMPLE_CODE,
    TRACKER_HEX_DIGITS,
    ballot_content,
    check_symbol,
    code_hash,
    group,
    new_code,
    normalize_code,
    normalize_tracker,
    tracker,
)
from coop.votes.codes.trackers import TrackerCheck, all_trackers, check_tracker, published_trackers

__all__ = [
    "CODE_ACTOR",
    "CODE_ALPHABET",
    "CODE_GROUP",
    "CODE_LENGTH",
    "CODE_RANDOM_SYMBOLS",
    "EXAMPLE_CODE",
    "TRACKER_HEX_DIGITS",
    "CodeCast",
    "CodeSummary",
    "Entitlement",
    "IssuedSlips",
    "PrintedSlip",
    "TrackerCheck",
    "all_trackers",
    "ballot_content",
    "cancel_code",
    "cast_with_code",
    "check_code",
    "check_symbol",
    "check_tracker",
    "code_hash",
    "code_summary",
    "group",
    "hold_ballot_box",
    "issue_codes",
    "new_code",
    "normalize_code",
    "normalize_tracker",
    "published_trackers",
    "reissue_code",
    "require_codes",
    "require_open",
    "require_secret",
    "tracker",
    "uses_codes",
]
