"""Officer keys as ``coop ballot key list`` shows them: one frozen view each, with one ``as_json()``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy.orm import Session

from coop.i18n import N_
from coop.keys.registry import RegisteredKey, list_keys
from coop.views import View


@dataclass(frozen=True)
class KeyView(View):
    """A returning officer's key: its fingerprint to compare on paper, who holds it, whether in force."""

    headings: ClassVar[dict[str, str]] = {
        "fingerprint": N_("Fingerprint"),
        "holder": N_("Kept by"),
        "created_at": N_("Created"),
        "retired_at": N_("Replaced"),
    }

    fingerprint: str
    holder: str
    created_at: datetime
    retired_at: datetime | None
    public_key: str


def key_view(row: RegisteredKey) -> KeyView:
    return KeyView.copied(row)


def key_views(session: Session) -> list[KeyView]:
    """Every key ever made, oldest first; the one in force has no retirement date."""
    return [key_view(row) for row in list_keys(session)]
