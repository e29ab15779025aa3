"""What every ballot file reader and writer shares.

The parsed results, failures naming the file and line, decoding, and atomic writing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from coop.errors import BallotFileError
from coop.i18n import _
from coop.messages import readable
from coop.numbers import WHOLE_NUMBER
from coop.votes.tally.ballots import RankedBallot

CONFORMANCE_FORMAT = "rcv-conformance-case/1"
OVERVOTE_TOKEN = "overvote"  # a CSV cell: several candidates marked, names not kept
MULTI_MARK_SEPARATOR = "|"  # a CSV cell "A|B": these candidates marked at the same rank

#: Called now and then while a file is read, with (bytes read so far, file size in bytes).
ProgressCallback = Callable[[int, int], None]

_ROWS_PER_BATCH = 65_536
_WHOLE_NUMBER = WHOLE_NUMBER  # bounded: a weight of 5,000 digits is refused, not fed to int()


@dataclass(frozen=True)
class BallotSet:
    """The ballots of one file, identical rankings grouped (``weight`` = how many)."""

    ballots: tuple[RankedBallot, ...]
    total_ballots: int
    rows: int  # data rows (CSV) or ballot lines (BLT) read


@dataclass(frozen=True)
class BltElection:
    """What a BLT file says: the candidates, seats, withdrawn candidates, title and ballots."""

    candidates: tuple[str, ...]
    seats: int
    withdrawn: tuple[str, ...]
    title: str
    ballots: BallotSet
    #: The order in which ties are broken (Droop's ``[tie ...]`` line); empty: the candidates' order.
    tie_order: tuple[str, ...] = ()


# --------------------------------------------------------------------------- shared helpers


def fail_at(path: Path | str, line: int | None, message: str) -> BallotFileError:
    where = f"{path}, line {line}" if line is not None else str(path)
    return BallotFileError(_("{where}: {problem}").format(where=where, problem=readable(message)))


def read_file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BallotFileError(_("{path}: no such file.").format(path=path)) from None
    except IsADirectoryError:
        raise BallotFileError(_("{path} is a folder, not a file.").format(path=path)) from None
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be read ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None


def decode_text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise fail_at(path, line, _("the file is not UTF-8 text (save it as UTF-8 and try again).")) from None


def _first_undecodable_line(path: Path, encoding: str = "utf-8") -> int:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                raw.decode("utf-8-sig" if number == 1 and encoding.startswith("utf-8") else encoding)
            except UnicodeDecodeError:
                return number
    return 1


def write_atomically(path: Path, lines: Iterable[str]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise BallotFileError(
            _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror or error)
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(lines)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BallotFileError(
                _("{path} cannot be written ({reason}).").format(path=path, reason=error.strerror or error)
            ) from None
        raise
