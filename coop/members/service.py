"""The members domain's operations, one module per subject; this module gathers them for callers.

- ``cooperative``: set up, rename, the language of documents
- ``actors``: finding a member, the acting member, role checks
- ``register``: admitting, listing, deactivating members; roles
- ``register_csv``: the register's CSV import and export
- ``bylaws_record``: the bylaws in force, changes and presets

Each function takes the session, the acting member and ``now``; none commits, each change
writes an audit event.
"""

from __future__ import annotations

from coop.members.actors import (
    SETUP_ACTOR,
    Actor,
    find_member,
    namesakes,
    require_role,
    resolve_actor,
)
from coop.members.bylaws_record import (
    BylawChange,
    BylawValue,
    apply_bylaw_preset,
    bylaws_in_force,
    set_bylaw,
)
from coop.members.cooperative import (
    check_language,
    get_cooperative,
    language_name,
    rename_cooperative,
    set_cooperative_language,
    set_up_cooperative,
)
from coop.members.register import (
    add_member,
    check_joining_date,
    check_number_form,
    count_active_members,
    deactivate_member,
    grant_role,
    insert_member,
    list_members,
    parse_roles,
    revoke_role,
)
from coop.members.register_csv import (
    MEMBER_CSV_COLUMNS,
    MemberRow,
    import_members,
    member_csv_rows,
    read_member_csv,
)

__all__ = [
    "MEMBER_CSV_COLUMNS",
    "SETUP_ACTOR",
    "Actor",
    "BylawChange",
    "BylawValue",
    "MemberRow",
    "add_member",
    "apply_bylaw_preset",
    "bylaws_in_force",
    "check_joining_date",
    "check_language",
    "check_number_form",
    "count_active_members",
    "deactivate_member",
    "find_member",
    "get_cooperative",
    "grant_role",
    "import_members",
    "insert_member",
    "language_name",
    "list_members",
    "member_csv_rows",
    "namesakes",
    "parse_roles",
    "read_member_csv",
    "rename_cooperative",
    "require_role",
    "resolve_actor",
    "revoke_role",
    "set_bylaw",
    "set_cooperative_language",
    "set_up_cooperative",
]
