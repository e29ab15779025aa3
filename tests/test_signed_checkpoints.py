"""Checkpoints signed with the returning officer's key: a chain whoever runs the database cannot re-forge.

The rules, as the cooperative reads them:
- a checkpoint vouches for every event up to it: rewriting any of them, even recomputing every hash
  after the edit as an attacker would, is named by ``coop audit verify`` with the checkpoint, the
  key, its holder and the day it was signed;
- a checkpoint whose signature does not hold, or that names a key the cooperative never made, is
  named; so is an officer key whose public half was replaced in its table;
- cutting the last events (checkpoints included) is named by ``coop audit verify --anchors FILE``,
  the file the cooperative keeps outside the database;
- a wrong passphrase signs nothing, in one sentence.

Every test runs on SQLite and on PostgreSQL as the database's owner (who can switch off the trigger
that keeps the log growing only, as a hostile operator would).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from coop import db
from coop.api import Coop
from coop.audit import GENESIS_HASH, AuditEvent, event_hash, verify_links
from coop.errors import AuditError
from coop.formatting import format_date
from coop.keys.checkpoints import SIGNED_ACTION, checkpoint_text, latest_checkpoint
from coop.keys.material import FASTEST, key_file_text, new_key
from coop.keys.registry import RegisteredKey
from tests.factories.context import FIXED_NOW
from tests.factories.programs import Cli

PASSPHRASE = "correcto caballo batería grapa"


@pytest.fixture
def officer(cli: Cli, tmp_path: Path) -> Path:
    """A cooperative of 5 members whose secretary (0001) made the key of the Junta electoral."""
    cli.add_members(total=5)
    key_file = tmp_path / "junta.key"
    with db.session_scope(db.engine_for(cli.url)) as session:
        Coop(session, actor="0001", now=FIXED_NOW).keys.create(
            key_file, passphrase=PASSPHRASE, holder="Junta electoral", strength=FASTEST
        )
    return key_file


def sign(cli: Cli, key_file: Path, *extra: str, passphrase: str = PASSPHRASE) -> object:
    return cli(
        "audit",
        "sign",
        "--key",
        str(key_file),
        "--passphrase-stdin",
        *extra,
        actor="0001",
        input=passphrase + "\n",
    )


@contextmanager
def as_the_operator(url: str) -> Iterator[Session]:
    """A session with the rights of whoever runs the database: on PostgreSQL, the log's trigger off."""
    engine = db.engine_for(url)
    with db.session_scope(engine) as session:
        if engine.dialect.name == "postgresql":
            session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        yield session
        session.flush()
        if engine.dialect.name == "postgresql":
            session.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))


def rehash_from(session: Session, first: int) -> None:
    """What the attacker did: recompute every hash from event ``first`` on, so the links hold again."""
    previous = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == first - 1)) or GENESIS_HASH
    for event in session.scalars(select(AuditEvent).where(AuditEvent.seq >= first).order_by(AuditEvent.seq)):
        event.prev_hash = previous
        event.hash = event_hash(event.seq, event.occurred_at, event.action, event.actor, event.data, previous)
        previous = event.hash
    session.flush()


def rename_a_member_in_the_log(session: Session) -> int:
    """Edit the last event of a member's admission (Socio 0005 becomes Intruso 0005); its number."""
    added = session.scalar(
        select(AuditEvent).where(AuditEvent.action == "coop.member.added").order_by(AuditEvent.seq.desc())
    )
    assert added is not None and "Socio" in added.data
    added.data = added.data.replace("Socio", "Intruso")
    return added.seq


def links_hold(url: str) -> bool:
    with db.session_scope(db.engine_for(url)) as session:
        return verify_links(session).problem is None


def last_seq(url: str) -> int:
    with db.session_scope(db.engine_for(url)) as session:
        return session.scalar(select(func.max(AuditEvent.seq))) or 0


def fingerprint_of_file(key_file: Path) -> str:
    import json

    return json.loads(key_file.read_text(encoding="utf-8"))["fingerprint"]


def test_an_honest_chain_with_checkpoints_verifies_clean(cli: Cli, officer: Path, tmp_path: Path) -> None:
    anchors = tmp_path / "checkpoints.txt"
    first = sign(cli, officer, "--anchors", str(anchors))
    assert first.exit_code == 0, first.output
    assert cli("member", "add", "Rosa Paz", "--number", "0006", actor="0001").exit_code == 0
    second = sign(cli, officer, "--anchors", str(anchors))
    assert second.exit_code == 0, second.output
    lines = anchors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[-1] in second.stdout

    verified = cli("audit", "verify", "--anchors", str(anchors))
    assert verified.exit_code == 0, verified.output
    assert "The 2 checkpoints of" in verified.stdout
    assert f"signed by key {fingerprint_of_file(officer)} of Junta electoral" in verified.stdout


def test_a_rewrite_rehashed_after_the_edit_is_named_by_the_checkpoint(cli: Cli, officer: Path) -> None:
    assert sign(cli, officer).exit_code == 0
    checkpoint = last_seq(cli.url)
    with as_the_operator(cli.url) as session:
        edited = rename_a_member_in_the_log(session)
        assert edited < checkpoint
        rehash_from(session, edited)
    assert links_hold(cli.url)  # the attack the chain alone does not see
    with db.session_scope(db.engine_for(cli.url)) as session:
        signed_on = format_date(session.get(AuditEvent, checkpoint).occurred_at, "en")  # type: ignore[union-attr]

    verified = cli("audit", "verify")
    assert verified.exit_code == 1
    assert (
        f"the log was rewritten before checkpoint {checkpoint}, signed by key {fingerprint_of_file(officer)} "
        f"of Junta electoral on {signed_on}: event {checkpoint - 1} no longer has the hash that was signed"
    ) in verified.stderr
    assert verified.stderr.count("\n") == 1 and "Traceback" not in verified.output


def test_the_tail_cut_with_its_checkpoint_is_named_by_the_anchors_file(
    cli: Cli, officer: Path, tmp_path: Path
) -> None:
    anchors = tmp_path / "checkpoints.txt"
    assert sign(cli, officer, "--anchors", str(anchors)).exit_code == 0
    checkpoint = last_seq(cli.url)
    assert cli("member", "add", "Rosa Paz", "--number", "0006", actor="0001").exit_code == 0
    with as_the_operator(cli.url) as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq >= checkpoint))
    assert links_hold(cli.url)
    assert cli("audit", "verify").exit_code == 0  # without the file, nothing shows the cut

    verified = cli("audit", "verify", "--anchors", str(anchors))
    assert verified.exit_code == 1
    assert (
        f"the log now ends at event {checkpoint - 1}, but checkpoint {checkpoint} was signed"
        in verified.stderr
    )
    assert "events were cut from the end of the log" in verified.stderr


def test_a_forged_signature_is_named(cli: Cli, officer: Path, tmp_path: Path) -> None:
    anchors = tmp_path / "checkpoints.txt"
    assert sign(cli, officer, "--anchors", str(anchors)).exit_code == 0
    checkpoint = last_seq(cli.url)
    impostor = new_key()
    with as_the_operator(cli.url) as session:
        event = session.get(AuditEvent, checkpoint)
        assert event is not None
        import json

        data = json.loads(event.data)
        data["signature"] = impostor.sign(checkpoint_text(data["seq"], data["hash"], data["key_fingerprint"]))
        event.data = json.dumps(data)
        rehash_from(session, checkpoint)
    assert links_hold(cli.url)
    verified = cli("audit", "verify")
    assert verified.exit_code == 1
    assert f"the signature of checkpoint {checkpoint} does not hold under key" in verified.stderr

    # the anchors file's line, altered by hand to match, is named too
    seq, digest, fingerprint, _signature = anchors.read_text(encoding="utf-8").split()
    forged = impostor.sign(checkpoint_text(int(seq), digest, fingerprint))
    anchors.write_text(f"{seq} {digest} {fingerprint} {forged}\n", encoding="utf-8")
    verified = cli("audit", "verify", "--anchors", str(anchors))
    assert "line 1 of checkpoints.txt: its signature does not hold" in verified.stderr


def test_a_checkpoint_signed_by_a_key_never_made_is_named(cli: Cli, officer: Path) -> None:
    """The operator makes a key of their own and appends a checkpoint signed with it."""
    stranger = new_key()
    with as_the_operator(cli.url) as session:
        head = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert head is not None
        from coop.audit import record_event

        record_event(
            session,
            SIGNED_ACTION,
            actor="0001",
            now=FIXED_NOW,
            data={
                "seq": head.seq,
                "hash": head.hash,
                "key_fingerprint": stranger.fingerprint,
                "signature": stranger.sign(checkpoint_text(head.seq, head.hash, stranger.fingerprint)),
            },
        )
        checkpoint = head.seq + 1
    verified = cli("audit", "verify")
    assert verified.exit_code == 1
    assert (
        f"checkpoint {checkpoint} names key {stranger.fingerprint}, which was never made in this cooperative"
        in verified.stderr
    )


def test_a_replaced_public_key_row_is_named(cli: Cli, officer: Path) -> None:
    assert sign(cli, officer).exit_code == 0
    assert cli("audit", "verify").exit_code == 0
    fingerprint = fingerprint_of_file(officer)
    with as_the_operator(cli.url) as session:
        session.execute(
            update(RegisteredKey)
            .where(RegisteredKey.fingerprint == fingerprint)
            .values(public_key=new_key().public_key)
        )
    verified = cli("audit", "verify")
    assert verified.exit_code == 1
    assert f"the public key of key {fingerprint} of Junta electoral was replaced" in verified.stderr


def test_a_wrong_passphrase_signs_nothing_in_one_sentence(cli: Cli, officer: Path, tmp_path: Path) -> None:
    anchors = tmp_path / "checkpoints.txt"
    before = last_seq(cli.url)
    refused = sign(cli, officer, "--anchors", str(anchors), passphrase="not the passphrase")
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: The passphrase does not open the key file {officer}; type it again.\n"
    assert last_seq(cli.url) == before
    assert not anchors.exists()


def test_sign_and_verify_exit_codes(cli: Cli, officer: Path, tmp_path: Path) -> None:
    assert cli("audit", "sign", "--passphrase-stdin", actor="0001", input=PASSPHRASE + "\n").exit_code == 2
    foreign = tmp_path / "foreign.key"
    foreign.write_text(
        key_file_text(new_key(), PASSPHRASE, holder="Otra", strength=FASTEST), encoding="utf-8"
    )
    refused = sign(cli, foreign)
    assert refused.exit_code == 1 and "which this cooperative never made" in refused.stderr

    missing = cli("audit", "verify", "--anchors", str(tmp_path / "none.txt"))
    assert missing.exit_code == 1 and "There is no anchors file" in missing.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("# notes are fine\n\n12 not-a-hash\n", encoding="utf-8")
    refused = cli("audit", "verify", "--anchors", str(bad))
    assert refused.exit_code == 1 and "Line 3 of" in refused.stderr and "Traceback" not in refused.output


def test_a_broken_chain_is_not_signed(cli: Cli, officer: Path) -> None:
    assert sign(cli, officer).exit_code == 0
    with as_the_operator(cli.url) as session:
        edited = rename_a_member_in_the_log(session)
        rehash_from(session, edited)
    before = last_seq(cli.url)
    refused = sign(cli, officer)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "Error: The audit log is not signed: it does not verify (the log was rewritten"
    )
    assert last_seq(cli.url) == before


def test_the_anchors_line_is_written_only_once_the_checkpoint_is_committed(
    cli: Cli, officer: Path, tmp_path: Path
) -> None:
    anchors = tmp_path / "checkpoints.txt"
    with pytest.raises(AuditError), Coop.open(cli.url, actor="0001", now=FIXED_NOW) as c:
        c.audit.sign_checkpoint(c.keys.open(officer, PASSPHRASE), anchors=anchors)
        raise AuditError("something later in the same transaction fails")
    assert anchors.read_text(encoding="utf-8") == ""  # created when checked, never written
    with db.session_scope(db.engine_for(cli.url)) as session:
        assert latest_checkpoint(session) is None

    with Coop.open(cli.url, actor="0001", now=FIXED_NOW) as c:
        checkpoint = c.audit.sign_checkpoint(c.keys.open(officer, PASSPHRASE), anchors=anchors)
    assert anchors.read_text(encoding="utf-8") == checkpoint.line + "\n"
    with Coop.open(cli.url, actor="0001", now=FIXED_NOW) as c:
        assert c.audit.check_anchors_file(anchors) == (1, [])
        latest = c.audit.latest_checkpoint()
    assert latest is not None and latest.number == checkpoint.number and latest.holder == "Junta electoral"


def test_the_minutes_print_the_latest_signed_checkpoint(cli: Cli, officer: Path, tmp_path: Path) -> None:
    opened = cli(
        "assembly", "open", "--date", "2026-11-25", "--time", "18:00", "--place", "Comedor",
        "--chair", "0002", "--secretary", "0001", actor="0001",
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    before = tmp_path / "before.html"
    assert cli("minutes", "1", "--out", str(before)).exit_code == 0
    assert "checkpoint signed with the returning officer" not in before.read_text(encoding="utf-8")

    signed = sign(cli, officer)
    assert signed.exit_code == 0, signed.output
    assert cli("member", "add", "Rosa Paz", "--number", "0006", actor="0001").exit_code == 0
    with db.session_scope(db.engine_for(cli.url)) as session:
        checkpoint = latest_checkpoint(session)
    assert checkpoint is not None
    after = tmp_path / "after.html"
    assert cli("minutes", "1", "--out", str(after)).exit_code == 0
    printed = " ".join(after.read_text(encoding="utf-8").split())
    assert (
        f"Latest checkpoint signed with the returning officer's key: event {checkpoint.number}, over "
        f"anchor {checkpoint.anchor}, key {checkpoint.key_fingerprint} of Junta electoral"
    ) in printed


def test_the_log_keeps_who_signed(cli: Cli, officer: Path) -> None:
    unsigned = cli("audit", "sign", "--key", str(officer), "--passphrase-stdin", input=PASSPHRASE + "\n")
    assert unsigned.exit_code == 1 and "Say who signs the audit log with --as MEMBER" in unsigned.stderr
    assert sign(cli, officer).exit_code == 0
    with db.session_scope(db.engine_for(cli.url)) as session:
        signed = session.scalars(select(AuditEvent).where(AuditEvent.action == SIGNED_ACTION)).one()
        assert signed.actor is not None and "0001" in signed.actor


def test_an_event_slipped_in_before_the_checkpoint_is_named(cli: Cli, officer: Path) -> None:
    """The operator inserts an event just before the checkpoint, moves the checkpoint one place on and
    recomputes the hashes: the event it signs is unchanged, but it is no longer the one before it."""
    assert sign(cli, officer).exit_code == 0
    checkpoint = last_seq(cli.url)
    with as_the_operator(cli.url) as session:
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.seq == checkpoint)
            .values(seq=checkpoint + 1, prev_hash="3" * 64, hash="4" * 64)  # rehashed below
        )
        session.add(
            AuditEvent(
                seq=checkpoint,
                occurred_at=FIXED_NOW,
                action="coop.member.added",
                actor="0001",
                data='{"name": "Socio Fantasma"}',
                prev_hash="1" * 64,
                hash="2" * 64,
            )
        )
        session.flush()
        rehash_from(session, checkpoint)
    assert links_hold(cli.url)
    verified = cli("audit", "verify")
    assert verified.exit_code == 1
    assert (
        f"checkpoint {checkpoint + 1} signs event {checkpoint - 1}, not the event just before it"
        in verified.stderr
    )
