"""``coop master``: demand (customer orders, forecasts) and the master production schedule.

``order`` and ``forecast`` and ``product`` are in :mod:`.demand`; ``schedule`` and ``accuracy`` in
:mod:`.schedule`; ``plan``, ``scenario``, ``capacity`` and ``compare`` in :mod:`.scenarios`;
``propose-choice`` and ``plan show`` in :mod:`.choice`; ``report`` (the printed master plan) in
:mod:`.report`. Each command body parses, makes one call on ``c.master`` and prints.
"""

from coop.cli.master.choice import register as register_choice
from coop.cli.master.demand import master_app
from coop.cli.master.report import register as register_report
from coop.cli.master.scenarios import plan_app
from coop.cli.master.scenarios import register as register_scenarios
from coop.cli.master.schedule import register

register(master_app)
register_scenarios(master_app)
register_report(master_app)
register_choice(master_app, plan_app)

__all__ = ["master_app"]
