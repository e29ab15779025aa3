"""Ballot files: the conformance CSV and ``rules.json``, the BLT format, and ``expected.json``.

Readers return complete, validated data or raise :class:`~coop.errors.BallotFileError` with one
sentence naming the file, the line and what is wrong; nothing partial is ever returned. Writers
write to a temporary file beside the target and rename it into place, so a failure leaves no
half-written file behind.

Reading a million-row CSV is dominated by parsing; identical rows are counted as they stream
past (a ballot file has far fewer distinct rankings than rows) and only distinct rows are
validated, so memory stays flat and the tally sees one group per distinct ranking.

Where things live
-----------------
``common``       :class:`BallotSet`, :class:`BltElection`, failures naming file and line, atomic writing
``rules_json``   ``rules.json`` read (every complaint with its line) and written
``ballots_csv``  the conformance ``ballots.csv`` read in batches and written
``blt``          the BLT format read, written, and converted from a ballots CSV
``conformance``  a conformance case folder read, and a result as ``expected.json``

The names below are re-exported so that ``from coop.votes.ballot_files import read_blt`` keeps
working.
"""

from __future__ import annotations

from coop.votes.ballot_files.ballots_csv import read_ballots_csv, write_ballots_csv
from coop.votes.ballot_files.blt import blt_lines, convert_csv_to_blt, read_blt, rules_for_blt, write_blt
from coop.votes.ballot_files.common import CONFORMANCE_FORMAT, BallotSet, BltElection, ProgressCallback
from coop.votes.ballot_files.conformance import conformance_json, read_conformance_case
from coop.votes.ballot_files.rules_json import (
    read_rules_json,
    rules_from_text,
    rules_to_json,
    write_rules_json,
)

__all__ = [
    "CONFORMANCE_FORMAT",
    "BallotSet",
    "BltElection",
    "ProgressCallback",
    "blt_lines",
    "conformance_json",
    "convert_csv_to_blt",
    "read_ballots_csv",
    "read_blt",
    "read_conformance_case",
    "read_rules_json",
    "rules_for_blt",
    "rules_from_text",
    "rules_to_json",
    "write_ballots_csv",
    "write_blt",
    "write_rules_json",
]
