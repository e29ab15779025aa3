"""Former home of the assembly operations, kept only for the callers in other domains.

The operations now live by subject (see :mod:`coop.assemblies.common`); every caller in the
assemblies domain, its CLI, tests and benchmarks imports from there. The training, votes, plans and
bylaws modules and tests that still import this module are being reworked on other branches at the same
time; once those are merged they move to the new homes and this module goes.
"""

from __future__ import annotations

from coop.assemblies.attendance import (
    assembly_began,
    check_in,
    check_in_file,
    check_out,
    grant_proxy,
    present_member_ids,
    present_stays,
    proxies_in_force,
    read_member_numbers,
)
from coop.assemblies.common import (
    PENDING,
    acting_member,
    find_assembly,
    find_motion,
    motion_label,
    require_active,
    require_officer,
    require_open,
)
from coop.assemblies.meetings import (
    QuorumRecord,
    VoteQuorum,
    close_assembly,
    current_quorum,
    list_assemblies,
    open_assembly,
    parse_kind,
    quorum_record,
    record_second_call,
)
from coop.assemblies.motion_votes import (
    CastResult,
    attendance_at_vote,
    cast_motion_vote,
    close_motion_vote,
    enter_hand_count,
    open_motion_vote,
)
from coop.assemblies.motions import (
    amend_motion,
    parse_motion_kind,
    postpone_motion,
    propose_motion,
    resume_motion,
    second_motion,
    transition,
    withdraw_motion,
)
from coop.assemblies.objections import (
    raise_objection,
    resolve_objection,
)
from coop.votes.models import VoteMethod  # tests of the votes domain read it from here

__all__ = [
    "PENDING",
    "CastResult",
    "QuorumRecord",
    "VoteMethod",
    "VoteQuorum",
    "acting_member",
    "amend_motion",
    "assembly_began",
    "attendance_at_vote",
    "cast_motion_vote",
    "check_in",
    "check_in_file",
    "check_out",
    "close_assembly",
    "close_motion_vote",
    "current_quorum",
    "enter_hand_count",
    "find_assembly",
    "find_motion",
    "grant_proxy",
    "list_assemblies",
    "motion_label",
    "open_assembly",
    "open_motion_vote",
    "parse_kind",
    "parse_motion_kind",
    "postpone_motion",
    "present_member_ids",
    "present_stays",
    "propose_motion",
    "proxies_in_force",
    "quorum_record",
    "raise_objection",
    "read_member_numbers",
    "record_second_call",
    "require_active",
    "require_officer",
    "require_open",
    "resolve_objection",
    "resume_motion",
    "second_motion",
    "transition",
    "withdraw_motion",
]
