"""The anchors file: every signed checkpoint, one line each, in a file the cooperative keeps outside
the database (a pen drive, a shared folder, a printout).

A line is ``{seq} {hash} {key fingerprint} {signature}``, the fields of the signed text of
:mod:`coop.keys.checkpoints` separated by one space; the checkpoint itself is event ``seq + 1``.
Blank lines and lines starting with ``#`` are notes. ``coop audit verify --anchors FILE`` checks
every line: the signed event still there with that hash, the checkpoint after it still in the
log, the signature valid under the key the log recorded. A line past the log's end says that
events were cut from it, which the chain alone cannot show.

A line is appended by :func:`coop.keys.checkpoints.sign_checkpoint` only once the checkpoint is
committed: a command that fails leaves the file as it was, so the file never names a checkpoint
the database never had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop.audit import AuditEvent
from coop.errors import AuditError
from coop.i18n import _
from coop.keys.checkpoints import (
    SIGNED_ACTION,
    checkpoint_of,
    checkpoint_text,
    key_words,
    recorded_keys,
)
from coop.keys.material import signature_holds

_LINE = re.compile(
    r"^(?P<seq>[0-9]+) (?P<hash>[0-9a-f]{64}) "
    r"(?P<key>[0-9A-F]{4}(?:-[0-9A-F]{4}){3}) (?P<signature>[A-Za-z0-9+/=]+)$"
)


@dataclass(frozen=True)
class AnchorLine:
    number: int  # the line's number in the file, from 1
    seq: int
    hash: str
    key_fingerprint: str
    signature: str


def read_anchor_lines(path: Path) -> list[AnchorLine]:
    """The checkpoint lines of ``path``, or AuditError naming the file or the first line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuditError(
            _("There is no anchors file {path}; give the file the checkpoints were written to.").format(
                path=path
            )
        ) from None
    except (OSError, UnicodeDecodeError):
        raise AuditError(_("{path} cannot be read as an anchors file.").format(path=path)) from None
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise AuditError(
                _(
                    "Line {line} of {path} is not a checkpoint line; each line holds the event number, "
                    "its hash, the key's fingerprint and the signature, as coop audit sign wrote them."
                ).format(line=number, path=path)
            )
        lines.append(AnchorLine(number, int(match["seq"]), match["hash"], match["key"], match["signature"]))
    return lines


def check_anchors_file(session: Session, path: Path) -> tuple[int, list[str]]:
    """How many checkpoint lines ``path`` holds, and one sentence per line the log no longer bears out."""
    lines = read_anchor_lines(path)
    keys = recorded_keys(session)
    last = session.scalar(select(func.max(AuditEvent.seq))) or 0
    problems = []
    for line in lines:
        where = _("line {line} of {path}").format(line=line.number, path=path.name)
        problem = _line_problem(session, line, keys, last)
        if problem:
            problems.append(f"{where}: {problem}")
    return len(lines), problems


def _line_problem(session: Session, line: AnchorLine, keys: dict, last: int) -> str | None:
    key = keys.get(line.key_fingerprint)
    if key is None:
        return _(
            "it names key {fingerprint}, which this database never made: its record of keys was changed, "
            "or the file belongs to another cooperative"
        ).format(fingerprint=line.key_fingerprint)
    who = key_words(line.key_fingerprint, keys)
    if not signature_holds(
        key.public_key, checkpoint_text(line.seq, line.hash, line.key_fingerprint), line.signature
    ):
        return _("its signature does not hold under {key}: the line was altered").format(key=who)
    if line.seq + 1 > last:
        return _(
            "the log now ends at event {last}, but checkpoint {number} was signed by {key}: events were "
            "cut from the end of the log"
        ).format(last=last, number=line.seq + 1, key=who)
    signed = session.get(AuditEvent, line.seq)
    if signed is None or signed.hash != line.hash:
        return _(
            "event {seq} no longer has the hash signed by {key}: the log was rewritten at or before it"
        ).format(seq=line.seq, key=who)
    held = session.get(AuditEvent, line.seq + 1)
    checkpoint = checkpoint_of(held, keys) if held is not None and held.action == SIGNED_ACTION else None
    if checkpoint is None or checkpoint.signature != line.signature:
        return _("checkpoint {number} is no longer in the log: it was removed or replaced").format(
            number=line.seq + 1
        )
    return None
