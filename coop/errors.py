"""User-facing errors: one sentence a person can act on.

The CLI turns a ``CoopError`` into that sentence on stderr and exit code 1; any other
exception is a bug and shows a traceback only with ``--debug``.
"""

from __future__ import annotations


class CoopError(Exception):
    """Base of every error whose message is meant for the person at the terminal."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseError(CoopError):
    """The database is missing, behind, unreachable or cannot be backed up."""


class PermissionDenied(CoopError):
    """The acting member lacks the role an operation needs."""


class MemberError(CoopError):
    """Unknown member, duplicate member number, bad member data."""


class BylawError(CoopError):
    """A bylaw key or value that is not valid."""


class AuditError(CoopError):
    """The audit chain cannot be read or written."""


class InputFileError(CoopError):
    """A CSV, JSON or BLT file that cannot be read; the message names the line."""


class VoteError(CoopError):
    """A vote, ballot or tally that cannot proceed."""


class BallotFileError(InputFileError):
    """A ballot file (CSV or BLT) or rules file that is not valid."""


class AssemblyError(CoopError):
    """Assemblies, attendance, proxies, quorum, motions."""


class TrainingError(CoopError):
    """Skills, training sessions, certifications, role terms."""


class PlanError(CoopError):
    """Products, materials, work centres, production plans."""


class DocumentError(CoopError):
    """A document that cannot be written: unknown format, missing folder, unwritable file."""


class AccessError(CoopError):
    """A login cannot be granted or revoked: not PostgreSQL, not the owner, a name taken, a weak password."""


class KeyFileError(CoopError):
    """A returning officer's key file or passphrase that cannot be used."""
