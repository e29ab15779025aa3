"""The key file of a returning officer (or electoral board), and what its key does.

One Ed25519 key: it signs checkpoints of the audit chain, and its X25519 form opens the secret
ballots sealed to it (libsodium sealed boxes, through PyNaCl). Only the public half is in the
database; the private half lives in a file the officer keeps, encrypted with a passphrase
(Argon2id, then XSalsa20-Poly1305), so that neither whoever runs the database nor whoever copies
the file can open a ballot or sign a checkpoint without the passphrase.

Plain data in and out: nothing here touches the database.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

from coop.errors import KeyFileError
from coop.i18n import _

FILE_FORMAT = "coop-officer-key/1"
MIN_PASSPHRASE = 10


@dataclass(frozen=True)
class Strength:
    """How hard the passphrase is to guess by brute force: Argon2id's time and memory."""

    opslimit: int
    memlimit: int


# What a person's terminal spends once per use (about a tenth of a second, 64 MiB).
INTERACTIVE = Strength(nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE, nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE)
# For the test suite only: the same code path, at libsodium's minimum cost.
FASTEST = Strength(nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_key: str) -> str:
    """What a person compares on paper: 16 hex digits of the public key's SHA-256, in fours."""
    digest = hashlib.sha256(_unb64(public_key)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class OpenedKey:
    """The private key, opened with its passphrase: it opens sealed ballots and signs."""

    signing_key: SigningKey

    @property
    def public_key(self) -> str:
        return _b64(bytes(self.signing_key.verify_key))

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def open_sealed(self, sealed: str) -> bytes:
        """The plaintext of a ballot sealed to this key; KeyFileError if it was sealed to another."""
        box = SealedBox(self.signing_key.to_curve25519_private_key())
        try:
            return box.decrypt(_unb64(sealed))
        except (nacl.exceptions.CryptoError, ValueError):
            raise KeyFileError(
                _(
                    "A sealed ballot does not open with key {fingerprint}: it was sealed to another key."
                ).format(fingerprint=self.fingerprint)
            ) from None

    def sign(self, message: bytes) -> str:
        return _b64(self.signing_key.sign(message).signature)


def new_key() -> OpenedKey:
    return OpenedKey(SigningKey.generate())


def key_from_seed(seed: bytes) -> OpenedKey:
    """The key a 32-byte seed makes: for the demo, which must make the same records every run
    (a real key is always :func:`new_key`, drawn from the operating system)."""
    return OpenedKey(SigningKey(seed))


def seal(public_key: str, plaintext: bytes) -> str:
    """Seal ``plaintext`` so that only the holder of ``public_key``'s private half can read it.

    A sealed box uses a fresh ephemeral key each time: two equal ballots seal differently.
    """
    box_key: PublicKey = VerifyKey(_unb64(public_key)).to_curve25519_public_key()
    return _b64(SealedBox(box_key).encrypt(plaintext))


def signature_holds(public_key: str, message: bytes, signature: str) -> bool:
    try:
        VerifyKey(_unb64(public_key)).verify(message, _unb64(signature))
    except (nacl.exceptions.BadSignatureError, ValueError):
        return False
    return True


def _box_key(passphrase: str, salt: bytes, strength: Strength) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        passphrase.encode("utf-8"),
        salt,
        opslimit=strength.opslimit,
        memlimit=strength.memlimit,
    )


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(
            _(
                "The passphrase is too short: use at least {count} characters (a few words are easier "
                "to remember than symbols)."
            ).format(count=MIN_PASSPHRASE)
        )


def key_file_text(key: OpenedKey, passphrase: str, *, holder: str, strength: Strength = INTERACTIVE) -> str:
    """The key file's content: the public key in the clear, the private seed under the passphrase."""
    check_passphrase(passphrase)
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_box_key(passphrase, salt, strength))
    content = {
        "format": FILE_FORMAT,
        "holder": holder,
        "fingerprint": key.fingerprint,
        "public_key": key.public_key,
        "kdf": {
            "name": "argon2id",
            "opslimit": strength.opslimit,
            "memlimit": strength.memlimit,
            "salt": _b64(salt),
        },
        "sealed_seed": _b64(bytes(box.encrypt(bytes(key.signing_key)))),
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def _read(path: Path) -> dict:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(
            _("There is no key file {path}; give the file the officer keeps.").format(path=path)
        ) from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise KeyFileError(_("{path} is not a coop key file.").format(path=path)) from None
    if not isinstance(content, dict) or content.get("format") != FILE_FORMAT:
        raise KeyFileError(_("{path} is not a coop key file.").format(path=path))
    return content


def public_key_of_file(path: Path) -> str:
    """The public key a key file holds (no passphrase needed)."""
    content = _read(path)
    try:
        return str(content["public_key"])
    except KeyError:
        raise KeyFileError(_("{path} is not a coop key file.").format(path=path)) from None


def open_key_file(path: Path, passphrase: str) -> OpenedKey:
    """The private key in ``path``, or KeyFileError naming what is wrong (file or passphrase)."""
    content = _read(path)
    try:
        kdf = content["kdf"]
        strength = Strength(int(kdf["opslimit"]), int(kdf["memlimit"]))
        box = nacl.secret.SecretBox(_box_key(passphrase, _unb64(kdf["salt"]), strength))
        sealed_seed = _unb64(content["sealed_seed"])
    except (KeyError, TypeError, ValueError, nacl.exceptions.CryptoError):
        raise KeyFileError(_("{path} is not a coop key file.").format(path=path)) from None
    try:
        seed = box.decrypt(sealed_seed)
    except nacl.exceptions.CryptoError:
        raise KeyFileError(
            _("The passphrase does not open the key file {path}; type it again.").format(path=path)
        ) from None
    key = OpenedKey(SigningKey(seed))
    if key.public_key != content.get("public_key"):
        raise KeyFileError(_("{path} is not a coop key file.").format(path=path))
    return key
