"""Codes and trackers as text: the alphabet, the check symbol, grouping, hashing. Pure."""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets

from coop.errors import VoteError
from coop.i18n import _

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 symbols: no 0, O, 1, I or L
CODE_RANDOM_SYMBOLS = 15
CODE_LENGTH = CODE_RANDOM_SYMBOLS + 1  # and one check symbol
CODE_GROUP = 4
EXAMPLE_CODE = "K7QM-3XH9-PT4W-9C2R"
TRACKER_HEX_DIGITS = 16  # 64 bits: no two ballots of any real vote share one
# The actor recorded for a ballot cast with a code: the same for everyone, so the audit log says
# nothing of who sat at the terminal.
CODE_ACTOR = "(voting code)"
# The actor recorded for a secret ballot cast in person: the same for everyone, for the same reason.
SECRET_CAST_ACTOR = "(secret ballot)"

_INDEX = {symbol: index for index, symbol in enumerate(CODE_ALPHABET)}


# --- pure: codes and trackers -----------------------------------------------------------------


def _weighted_sum(symbols: str) -> int:
    """Σ position × value, positions from 1: modulo the prime 31 every weight is invertible."""
    return sum(position * _INDEX[symbol] for position, symbol in enumerate(symbols, start=1))


def check_symbol(body: str) -> str:
    """The symbol that makes the weighted sum of ``body`` plus it, at the next position, 0 mod 31."""
    base = len(CODE_ALPHABET)
    weight = len(body) + 1
    return CODE_ALPHABET[(-_weighted_sum(body) * pow(weight, -1, base)) % base]


def group(text: str, size: int = CODE_GROUP) -> str:
    return "-".join(text[i : i + size] for i in range(0, len(text), size))


def new_code(rng: random.Random | None = None) -> str:
    """A fresh code, grouped for printing; ``rng`` only for reproducible tests."""
    choose = (rng or secrets.SystemRandom()).choice
    body = "".join(choose(CODE_ALPHABET) for _unused in range(CODE_RANDOM_SYMBOLS))
    return group(body + check_symbol(body))


def normalize_code(text: str) -> str:
    """The code's 16 symbols, whatever the case, spaces or dashes it was typed with."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if len(cleaned) != CODE_LENGTH or any(symbol not in _INDEX for symbol in cleaned):
        raise VoteError(
            _(
                "That is not a voting code: a code has {length} letters and digits, printed on the slip "
                "like {example}."
            ).format(length=CODE_LENGTH, example=EXAMPLE_CODE)
        )
    if _weighted_sum(cleaned) % len(CODE_ALPHABET) != 0:
        raise VoteError(
            _("The code has a typing mistake (its last symbol does not check out); type it again as printed.")
        )
    return cleaned


def code_hash(pepper: str, code: str) -> str:
    """What is stored of a code: its HMAC-SHA256 with the vote's pepper (``code`` normalised)."""
    return hmac.new(pepper.encode("ascii"), code.encode("ascii"), hashlib.sha256).hexdigest()


def ballot_content(choice: str | None, ranking: str | None) -> str:
    """A ballot's content as one line of text: the choice and the stored ranking, tab-separated."""
    return f"{choice or ''}\t{ranking or ''}"


def tracker(salt: str, ballot_id: str, choice: str | None, ranking: str | None) -> str:
    """The tracker of one ballot: 16 hex digits in groups of four, like ``7f3a-91c2-e4b0-55d8``."""
    message = f"{ballot_id}\t{ballot_content(choice, ranking)}".encode()
    digest = hmac.new(salt.encode("ascii"), message, hashlib.sha256).hexdigest()
    return group(digest[:TRACKER_HEX_DIGITS])


def normalize_tracker(text: str) -> str:
    cleaned = "".join(text.split()).replace("-", "").lower()
    if len(cleaned) != TRACKER_HEX_DIGITS or any(c not in "0123456789abcdef" for c in cleaned):
        raise VoteError(
            _(
                "That is not a tracker: a tracker has {length} digits and letters a to f, "
                "like 7f3a-91c2-e4b0-55d8."
            ).format(length=TRACKER_HEX_DIGITS)
        )
    return group(cleaned)
