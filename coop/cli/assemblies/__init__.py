"""``coop assembly``, ``coop motion`` and ``coop minutes``: meetings, attendance, proxies, motions
and votes.

One module per command group, registered by :mod:`coop.cli.groups` under these names:

``assembly``  open, attendance, proxies, quorum, second call, close (:mod:`.assembly`)
``motion``    the motion lifecycle, its vote and objections (:mod:`.motion`)
``minutes``   the top-level command that prints the minutes (:mod:`.minutes`)

:mod:`.rows` holds the sentences they print and :mod:`.shared` typed times; the records they
show are views (:mod:`coop.assemblies.views`), their common arguments and the acting member are in
:mod:`coop.cli.options`. Each command body parses, makes one service call and emits.
"""

from coop.cli.assemblies import agenda, corrections  # noqa: F401  (add their commands to assembly_app)
from coop.cli.assemblies.assembly import assembly_app
from coop.cli.assemblies.minutes import minutes
from coop.cli.assemblies.motion import motion_app

__all__ = ["assembly_app", "minutes", "motion_app"]
