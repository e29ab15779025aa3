"""``coop product``, ``coop material``, ``coop workcentre`` and ``coop plan``: production planning.

One module per command group, registered by :mod:`coop.cli.groups` under these names:

``product``     products and ``product bom`` (:mod:`.product`)
``material``    materials and their stock (:mod:`.material`)
``workcentre``  work centres and closures (:mod:`.workcentre`), ``workcentre routing`` (:mod:`.routing`)
``plan``        plans (:mod:`.plan`), ``plan line`` (:mod:`.plan_line`); their columns in :mod:`.plan_rows`

:mod:`.options` holds the arguments they share, :mod:`.shared` the rest; :mod:`coop.cli.commands`
the acting member, the import body and the listing of view models (:mod:`coop.plans.views`).
Each command body parses, makes one service call and emits.
"""

from coop.cli.plans.material import material_app
from coop.cli.plans.plan import plan_app
from coop.cli.plans.product import product_app
from coop.cli.plans.workcentre import workcentre_app

__all__ = ["material_app", "plan_app", "product_app", "workcentre_app"]
