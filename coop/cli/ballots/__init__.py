"""``coop ballot``: secret ballots with voting codes on paper slips, trackers, paper ballots entered
twice by the tellers, reconciliation and export for a recount.

Registered by :mod:`coop.cli.groups` as ``ballot``: the group and its commands live in :mod:`.ballot`,
the ``ballot paper`` subgroup in :mod:`.paper`, what they share in :mod:`.shared`.
"""

from coop.cli.ballots.ballot import app

__all__ = ["app"]
