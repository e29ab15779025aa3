"""The returning officer's key: only the passphrase opens the file, only the key opens a sealed
ballot, a signature holds only for the text signed, and a key file is never written over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from coop.errors import KeyFileError
from coop.keys.material import (
    FASTEST,
    fingerprint,
    key_file_text,
    new_key,
    open_key_file,
    public_key_of_file,
    seal,
    signature_holds,
)
from tests.factories.programs import Cli

PASSPHRASE = "tres palabras cualquiera"


def _key_file(tmp_path: Path, name: str = "junta.key") -> tuple[Path, str]:
    key = new_key()
    path = tmp_path / name
    path.write_text(key_file_text(key, PASSPHRASE, holder="Junta electoral", strength=FASTEST))
    return path, key.public_key


def _create_key(cli: Cli, out: Path, *, holder: str, actor: str) -> Result:
    """``coop ballot key create`` writing the key to ``out``, the passphrase typed on stdin."""
    return cli(
        "ballot",
        "key",
        "create",
        "--out",
        str(out),
        "--holder",
        holder,
        "--passphrase-stdin",
        actor=actor,
        input=PASSPHRASE + "\n",
    )


def test_the_passphrase_opens_the_file_and_gives_back_the_same_key(tmp_path: Path) -> None:
    path, public_key = _key_file(tmp_path)
    opened = open_key_file(path, PASSPHRASE)
    assert opened.public_key == public_key == public_key_of_file(path)
    assert opened.fingerprint == fingerprint(public_key)


def test_a_wrong_passphrase_is_one_sentence(tmp_path: Path) -> None:
    path, _public = _key_file(tmp_path)
    with pytest.raises(KeyFileError, match="The passphrase does not open the key file"):
        open_key_file(path, PASSPHRASE + "!")


@pytest.mark.parametrize(
    "content", ["", "not json", json.dumps({"format": "other"}), json.dumps({"format": "coop-officer-key/1"})]
)
def test_a_file_that_is_no_key_file_is_named(tmp_path: Path, content: str) -> None:
    path = tmp_path / "junta.key"
    path.write_text(content)
    with pytest.raises(KeyFileError, match="is not a coop key file"):
        open_key_file(path, PASSPHRASE)


def test_the_file_does_not_hold_the_private_key_in_the_clear(tmp_path: Path) -> None:
    key = new_key()
    text = key_file_text(key, PASSPHRASE, holder="Junta electoral", strength=FASTEST)
    import base64

    assert base64.b64encode(bytes(key.signing_key)).decode() not in text
    assert bytes(key.signing_key).hex() not in text


def test_a_short_passphrase_is_refused() -> None:
    with pytest.raises(KeyFileError, match="too short"):
        key_file_text(new_key(), "corta", holder="Junta", strength=FASTEST)


def test_only_the_key_opens_what_was_sealed_to_it() -> None:
    ours, theirs = new_key(), new_key()
    sealed = seal(ours.public_key, "sí".encode())
    assert ours.open_sealed(sealed) == "sí".encode()
    with pytest.raises(KeyFileError, match="sealed to another key"):
        theirs.open_sealed(sealed)


def test_the_same_ballot_seals_differently_each_time() -> None:
    key = new_key()
    assert seal(key.public_key, b"yes") != seal(key.public_key, b"yes")


def test_a_signature_holds_for_the_text_signed_and_the_key_that_signed_it_only() -> None:
    key, other = new_key(), new_key()
    signature = key.sign(b"coop-checkpoint/1\n12\nabc")
    assert signature_holds(key.public_key, b"coop-checkpoint/1\n12\nabc", signature)
    assert not signature_holds(key.public_key, b"coop-checkpoint/1\n13\nabc", signature)
    assert not signature_holds(other.public_key, b"coop-checkpoint/1\n12\nabc", signature)
    assert not signature_holds(key.public_key, b"coop-checkpoint/1\n12\nabc", "not base64!")


@pytest.mark.no_officer_key
def test_the_secretary_makes_a_key_and_its_file_is_private_and_never_written_over(
    cli: Cli, tmp_path: Path
) -> None:
    cli.add_members("Zofia Łukasiewicz", total=3)
    out = tmp_path / "junta.key"
    made = _create_key(cli, out, holder="Junta electoral", actor="0001")
    assert made.exit_code == 0, made.output
    assert (out.stat().st_mode & 0o777) == 0o600
    keys = cli.json("ballot", "key", "list")
    assert [(k["holder"], k["retired_at"]) for k in keys] == [("Junta electoral", None)]
    assert keys[0]["fingerprint"] in made.stdout
    assert open_key_file(out, PASSPHRASE).fingerprint == keys[0]["fingerprint"]
    before = out.read_bytes()
    again = _create_key(cli, out, holder="Junta electoral", actor="0001")
    assert again.exit_code == 1
    assert "never written over" in again.stderr
    assert out.read_bytes() == before
    assert len(cli.json("ballot", "key", "list")) == 1  # nothing saved


@pytest.mark.no_officer_key
def test_a_new_key_replaces_the_one_in_force(cli: Cli, tmp_path: Path) -> None:
    cli.add_members(total=2)
    for name in ("first.key", "second.key"):
        made = _create_key(cli, tmp_path / name, holder="Junta", actor="0001")
        assert made.exit_code == 0, made.output
    keys = cli.json("ballot", "key", "list")
    assert [k["retired_at"] is None for k in keys] == [False, True]


@pytest.mark.no_officer_key
def test_only_the_secretary_makes_the_key(cli: Cli, tmp_path: Path) -> None:
    cli.add_members(total=2)
    refused = _create_key(cli, tmp_path / "k.key", holder="Junta", actor="0002")
    assert refused.exit_code == 1
    assert "secretary" in refused.stderr
    assert not (tmp_path / "k.key").exists()


@pytest.mark.no_officer_key
def test_the_key_is_in_the_audit_chain_with_its_public_half(cli: Cli, tmp_path: Path) -> None:
    cli.add_members(total=2)
    _create_key(cli, tmp_path / "k.key", holder="Junta", actor="0001")
    events = cli.json("audit", "log", "--action", "coop.key.created")
    assert len(events) == 1
    assert public_key_of_file(tmp_path / "k.key") in json.dumps(events[0], ensure_ascii=False)
