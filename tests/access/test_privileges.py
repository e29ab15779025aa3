"""The privilege table of coop.access.privileges, read as the rules it states (no server needed)."""

from __future__ import annotations

from coop.access.privileges import (
    AUDIT,
    GROUPS,
    OWNER_ONLY,
    VOTING_CODE_READABLE,
    WRITES,
    WRITTEN_BY_FUNCTIONS_ONLY,
    privilege_statements,
)
from coop.members.models import Role
from coop.models import metadata


def test_every_table_is_decided_a_new_table_must_say_who_writes_it() -> None:
    written = {table for writes in WRITES.values() for table in writes}
    undecided = set(metadata.tables) - written - set(OWNER_ONLY) - {AUDIT} - set(WRITTEN_BY_FUNCTIONS_ONLY)
    assert undecided == set(), f"say in coop/access/privileges.py which group writes {sorted(undecided)}"


def test_every_role_of_coop_has_its_group() -> None:
    assert set(GROUPS) == {role.value for role in Role}
    assert set(WRITES) == set(GROUPS.values())


def test_a_plain_member_writes_nothing_but_the_audit_log() -> None:
    statements = list(privilege_statements(metadata.tables))
    reads = ("GRANT SELECT", "GRANT EXECUTE", "GRANT USAGE")  # reading, and the checked functions
    member_writes = [
        s for s in statements if "coop_member" in s and s.startswith("GRANT") and not s.startswith(reads)
    ]
    assert member_writes == [f"GRANT INSERT ON {AUDIT} TO {', '.join(GROUPS.values())}"]


def test_nobody_changes_the_audit_log_or_reads_a_codes_hash() -> None:
    statements = list(privilege_statements(metadata.tables))
    audit = [s for s in statements if s.startswith("GRANT") and f" ON {AUDIT} " in s]
    assert audit == [
        f"GRANT SELECT ON {AUDIT} TO {', '.join(GROUPS.values())}",
        f"GRANT INSERT ON {AUDIT} TO {', '.join(GROUPS.values())}",
    ]
    assert "code_hash" not in VOTING_CODE_READABLE
    assert not any(s.startswith("GRANT SELECT ON voting_codes") for s in statements)


def test_no_group_updates_a_ballot_in_the_box() -> None:
    assert all("UPDATE" not in writes.get("secret_ballots", "") for writes in WRITES.values())
    # Nor inserts or deletes one: ballots go in and are rewritten only through the owner's functions.
    assert [group for group, writes in WRITES.items() if "secret_ballots" in writes] == []
    assert [group for group, writes in WRITES.items() if "sealed_ballots" in writes] == []
