"""Ranked STV counts of the Droop family: Meek, WIGM and the Scottish rules (pure: plain data in/out)."""

from coop.votes.stv.arithmetic import FIXED_P5, GUARDED_P18_G9, RATIONAL, Arithmetic
from coop.votes.stv.meek import count_meek
from coop.votes.stv.model import Event, Round, Snapshot, StvElection, StvResult
from coop.votes.stv.wigm import count_scottish, count_wigm

__all__ = [
    "FIXED_P5",
    "GUARDED_P18_G9",
    "RATIONAL",
    "Arithmetic",
    "Event",
    "Round",
    "Snapshot",
    "StvElection",
    "StvResult",
    "count_meek",
    "count_scottish",
    "count_wigm",
]
