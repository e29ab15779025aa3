"""``c.access``: who may connect to a shared PostgreSQL database, one login per person
(:mod:`coop.access`). Only the database's owner grants and revokes logins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coop.api.domain import Domain

if TYPE_CHECKING:
    from coop.access.views import LoginView

__all__ = ["Access"]


class Access(Domain):
    """Logins per person on PostgreSQL, mapped to members; their group roles follow the member's roles."""

    def grant_login(self, member: str, *, login: str, password: str) -> LoginView:
        """Create the PostgreSQL login ``login`` for ``member`` (SCRAM; the owner only).

        Raises AccessError on SQLite, for a connection that may not create roles, a name taken or
        malformed, or a password under 10 characters; MemberError for an unknown member.
        """
        from coop.access.logins import grant_login
        from coop.access.views import login_view

        row = grant_login(self.session, now=self.now, reference=member, login=login, password=password)
        return login_view(self.session, row)

    def revoke_login(self, member: str) -> LoginView:
        """Take ``member``'s login away: it can no longer connect. Raises AccessError if they have none."""
        from coop.access.logins import revoke_login
        from coop.access.views import login_view

        row = revoke_login(self.session, now=self.now, reference=member)
        return login_view(self.session, row)

    def list_logins(self, *, include_revoked: bool = False) -> list[LoginView]:
        """The logins that may connect (every one ever granted with ``include_revoked``), by name."""
        from coop.access.views import list_logins

        return list_logins(self.session, include_revoked=include_revoked)
