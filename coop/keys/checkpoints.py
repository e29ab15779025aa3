"""Checkpoints of the audit chain signed with the returning officer's key: a chain no operator can re-forge.

Whoever runs the database can edit an audit row and recompute every hash after it, or delete the
last events; the chain still verifies by itself. A checkpoint is an audit event
``coop.chain.signed`` appended by the key's holder (``coop audit sign``, or at a vote's close)
whose data hold the number and hash of the chain's last event before it, the key's fingerprint,
and an Ed25519 signature over this text (UTF-8, no newline at the end)::

    coop-checkpoint/1
    {seq}
    {hash}
    {fingerprint}

``seq`` is the signed event's number (the checkpoint itself is event ``seq + 1``), ``hash`` its
64 hex digits, ``fingerprint`` the key's (``C820-1A2B-3C4D-5E6F``). Only the private key signs,
and it never enters the database, so a rewrite of any event up to a checkpoint is named by
``coop audit verify`` (:func:`check_checkpoints`); the public key is taken from the key's
creation event ``coop.key.created``, and a row of ``officer_keys`` that no longer agrees with
that event is named too (:func:`check_keys`).

Cutting the tail (the last checkpoints included) is caught by the anchors file the cooperative
keeps outside the database (:mod:`coop.keys.anchors_file`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from coop.audit import (
    FINGERPRINT_LENGTH,
    Anchor,
    AuditEvent,
    lock_chain,
    record_event,
    register_check,
    verify_links,
)
from coop.errors import AuditError
from coop.formatting import format_date
from coop.i18n import _
from coop.keys.material import OpenedKey, fingerprint, signature_holds
from coop.keys.registry import CREATED_ACTION, RegisteredKey

SIGNED_ACTION = "coop.chain.signed"
TEXT_FORMAT = "coop-checkpoint/1"
_PENDING = "coop.keys.checkpoints.pending_anchor_lines"


def checkpoint_text(seq: int, event_hash: str, key_fingerprint: str) -> bytes:
    """The exact bytes a checkpoint's signature covers (see the module's documentation)."""
    return f"{TEXT_FORMAT}\n{seq}\n{event_hash}\n{key_fingerprint}".encode()


@dataclass(frozen=True)
class Checkpoint:
    """A signed checkpoint: event ``number`` vouches for event ``seq`` (the one before it) and its hash."""

    number: int
    seq: int
    hash: str
    key_fingerprint: str
    holder: str
    signature: str
    signed_at: datetime

    @property
    def anchor(self) -> Anchor:
        """The signed event as ``coop audit verify --anchor`` takes it: ``57:3f2a9c0d5e6b7a81``."""
        return Anchor(self.seq, self.hash[:FINGERPRINT_LENGTH])

    @property
    def line(self) -> str:
        """The line kept in the anchors file: seq, hash, key fingerprint and signature."""
        return f"{self.seq} {self.hash} {self.key_fingerprint} {self.signature}"

    def as_json(self) -> dict[str, Any]:
        return {
            "checkpoint": self.number,
            "seq": self.seq,
            "hash": self.hash,
            "key_fingerprint": self.key_fingerprint,
            "holder": self.holder,
            "signature": self.signature,
            "signed_at": self.signed_at.isoformat(),
            "line": self.line,
        }


@dataclass(frozen=True)
class RecordedKey:
    """A key as its creation event recorded it: what every signature is checked against."""

    seq: int
    fingerprint: str
    public_key: str
    holder: str


def recorded_keys(session: Session) -> dict[str, RecordedKey]:
    """Every key made, by fingerprint, as the audit chain recorded it when it was made."""
    keys = {}
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.data)
        .where(AuditEvent.action == CREATED_ACTION)
        .order_by(AuditEvent.seq)
    )
    for seq, data in rows:
        record = _loads(data)
        if isinstance(record.get("fingerprint"), str) and isinstance(record.get("public_key"), str):
            keys[record["fingerprint"]] = RecordedKey(
                seq, record["fingerprint"], record["public_key"], str(record.get("holder", ""))
            )
    return keys


def _loads(data: str) -> dict[str, Any]:
    try:
        record = json.loads(data)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def checkpoint_of(event: AuditEvent, keys: dict[str, RecordedKey]) -> Checkpoint | None:
    """The checkpoint an event holds, or None if its data are not one."""
    record = _loads(event.data)
    try:
        seq, digest = int(record["seq"]), str(record["hash"])
        key_fingerprint, signature = str(record["key_fingerprint"]), str(record["signature"])
    except (KeyError, TypeError, ValueError):
        return None
    known = keys.get(key_fingerprint)
    holder = known.holder if known else str(record.get("holder", ""))
    return Checkpoint(event.seq, seq, digest, key_fingerprint, holder, signature, event.occurred_at)


def _head(session: Session) -> AuditEvent | None:
    return session.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))


def sign_checkpoint(
    session: Session, opened_key: OpenedKey, actor: str | None, now: datetime, *, anchors: Path | None = None
) -> Checkpoint:
    """Sign the chain's last event with ``opened_key`` and append the checkpoint ``coop.chain.signed``;
    with ``anchors``, its line is appended to that file once the transaction commits.

    Refused (AuditError) for a key this cooperative never made, and for a chain that does not
    verify or whose earlier checkpoints no longer hold: the holder would vouch for a forgery.
    """
    registered = session.scalar(
        select(RegisteredKey).where(RegisteredKey.public_key == opened_key.public_key)
    )
    keys = recorded_keys(session)
    recorded = keys.get(opened_key.fingerprint)
    if registered is None or recorded is None or recorded.public_key != opened_key.public_key:
        raise AuditError(
            _(
                "Key {fingerprint} was never made in this cooperative, so it cannot sign its audit log; "
                "give the file of a key listed by coop ballot key list."
            ).format(fingerprint=opened_key.fingerprint)
        )
    lock_chain(session)  # the head signed below stays the head until the checkpoint follows it
    links = verify_links(session)
    problems = []
    if links.problem:
        problems = [
            _("event {seq} ({action}): {reason}").format(
                seq=links.problem.seq, action=links.problem.action, reason=links.problem.reason
            )
        ]
    problems += check_checkpoints(session) + check_keys(session)
    if problems:
        raise AuditError(
            _(
                "The audit log is not signed: it does not verify ({problems}). Find out what happened "
                "with coop audit verify before vouching for it."
            ).format(problems="; ".join(problems))
        )
    if anchors is not None:
        check_writable(anchors)
    head = _head(session)
    if head is None:  # cannot happen: the key's creation is an event
        raise AuditError(_("The audit log is empty: there is nothing to sign."))
    signature = opened_key.sign(checkpoint_text(head.seq, head.hash, opened_key.fingerprint))
    written = record_event(
        session,
        SIGNED_ACTION,
        actor=actor,
        now=now,
        data={
            "format": TEXT_FORMAT,
            "seq": head.seq,
            "hash": head.hash,
            "key_fingerprint": opened_key.fingerprint,
            "holder": recorded.holder,
            "signature": signature,
        },
    )
    checkpoint = checkpoint_of(written, keys)
    assert checkpoint is not None
    if anchors is not None:
        append_when_committed(session, anchors, checkpoint)
    return checkpoint


# --- the anchors file's lines, written once the checkpoint is committed -----------------------


def check_writable(path: Path) -> None:
    """Refuse before signing (AuditError) a file that cannot be appended to; creates a missing one."""
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as error:
        raise AuditError(
            _("The anchors file {path} cannot be written ({reason}); give a file you may write.").format(
                path=path, reason=error.strerror or error
            )
        ) from None


def _write_pending(session: Session) -> None:
    pending: dict[Path, list[str]] = session.info.pop(_PENDING, {})
    for path, lines in pending.items():
        with path.open("a", encoding="utf-8") as stream:
            stream.writelines(f"{line}\n" for line in lines)


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def append_when_committed(session: Session, path: Path, checkpoint: Checkpoint) -> None:
    """Append ``checkpoint``'s line to the anchors file ``path`` once ``session`` commits; nothing if
    it rolls back, so the file never names a checkpoint the database never had."""
    check_writable(path)
    if not event.contains(session, "after_commit", _write_pending):
        event.listen(session, "after_commit", _write_pending)
        event.listen(session, "after_rollback", _forget_pending)
    session.info.setdefault(_PENDING, {}).setdefault(path, []).append(checkpoint.line)


def latest_checkpoint(session: Session) -> Checkpoint | None:
    """The last signed checkpoint of the chain, or None before the first."""
    event = session.scalar(
        select(AuditEvent).where(AuditEvent.action == SIGNED_ACTION).order_by(AuditEvent.seq.desc()).limit(1)
    )
    return checkpoint_of(event, recorded_keys(session)) if event is not None else None


def key_words(key_fingerprint: str, keys: dict[str, RecordedKey]) -> str:
    known = keys.get(key_fingerprint)
    if known is None or not known.holder:
        return _("key {fingerprint}").format(fingerprint=key_fingerprint)
    return _("key {fingerprint} of {holder}").format(fingerprint=key_fingerprint, holder=known.holder)


def check_checkpoints(session: Session) -> list[str]:
    """One sentence per signed checkpoint that no longer holds: forged, of an unknown key, or over a
    log that was rewritten up to it."""
    keys = recorded_keys(session)
    problems: list[str] = []
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == SIGNED_ACTION).order_by(AuditEvent.seq)
    ).all()
    for signed in events:
        checkpoint = checkpoint_of(signed, keys)
        if checkpoint is None:
            problems.append(
                _("checkpoint {number} cannot be read: its data are not a signed checkpoint").format(
                    number=signed.seq
                )
            )
            continue
        problems.extend(_checkpoint_problems(session, checkpoint, keys))
    return problems


def _checkpoint_problems(session: Session, checkpoint: Checkpoint, keys: dict[str, RecordedKey]) -> list[str]:
    key = keys.get(checkpoint.key_fingerprint)
    number = checkpoint.number
    if key is None:
        return [
            _(
                "checkpoint {number} names key {fingerprint}, which was never made in this cooperative "
                "(no coop.key.created event has it)"
            ).format(number=number, fingerprint=checkpoint.key_fingerprint)
        ]
    who = key_words(checkpoint.key_fingerprint, keys)
    text = checkpoint_text(checkpoint.seq, checkpoint.hash, checkpoint.key_fingerprint)
    if not signature_holds(key.public_key, text, checkpoint.signature):
        return [
            _(
                "the signature of checkpoint {number} does not hold under {key}: the checkpoint was "
                "forged or altered"
            ).format(number=number, key=who)
        ]
    if checkpoint.seq != number - 1:
        return [
            _(
                "checkpoint {number} signs event {seq}, not the event just before it: events were "
                "inserted or removed before the checkpoint"
            ).format(number=number, seq=checkpoint.seq)
        ]
    signed = session.get(AuditEvent, checkpoint.seq)
    if signed is None or signed.hash != checkpoint.hash:
        return [
            _(
                "the log was rewritten before checkpoint {number}, signed by {key} on {day}: event {seq} "
                "no longer has the hash that was signed"
            ).format(number=number, key=who, day=format_date(checkpoint.signed_at), seq=checkpoint.seq)
        ]
    return []


def check_keys(session: Session) -> list[str]:
    """One sentence per officer key whose row no longer agrees with its creation in the audit chain."""
    keys = recorded_keys(session)
    problems: list[str] = []
    rows = list(session.scalars(select(RegisteredKey).order_by(RegisteredKey.id)))
    for row in rows:
        recorded = keys.get(row.fingerprint)
        if recorded is None:
            problems.append(
                _(
                    "key {fingerprint} of {holder} is in the table of officer keys, but its making is not "
                    "in the audit log: it was added outside coop"
                ).format(fingerprint=row.fingerprint, holder=row.holder)
            )
        elif row.public_key != recorded.public_key or fingerprint_of(row.public_key) != row.fingerprint:
            problems.append(
                _(
                    "the public key of key {fingerprint} of {holder} was replaced: it is no longer the one "
                    "recorded when the key was made (event {seq})"
                ).format(fingerprint=row.fingerprint, holder=recorded.holder, seq=recorded.seq)
            )
    kept = {row.fingerprint for row in rows}
    for recorded in keys.values():
        if recorded.fingerprint not in kept:
            problems.append(
                _(
                    "key {fingerprint} of {holder}, made at event {seq}, is no longer in the table of "
                    "officer keys"
                ).format(fingerprint=recorded.fingerprint, holder=recorded.holder, seq=recorded.seq)
            )
    return problems


def fingerprint_of(public_key: str) -> str | None:
    """The fingerprint of ``public_key``, or None for text that is no public key."""
    try:
        return fingerprint(public_key)
    except ValueError:
        return None


register_check(check_keys)
register_check(check_checkpoints)
