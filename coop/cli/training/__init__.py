"""``coop skill``, ``coop training`` and ``coop rotation``: skills, training, role terms.

One module per command group, registered by :mod:`coop.cli.groups` under these names:

``skill``     the skill catalogue and ``skill prerequisite`` (:mod:`.skill`)
``training``  the training record: sessions, attendance, assessments (:mod:`.records`), and the
              reports on who can do what: hours, expiring, matrix, coverage, pipeline (:mod:`.reports`),
              and ``training plan`` needs (:mod:`.plan`)
``rotation``  terms in rotating coordination roles (:mod:`.rotation`)

:mod:`.options` holds the arguments they share, :mod:`.shared` days and levels; :mod:`coop.cli.commands`
the acting member, the import body and the listing of view models (:mod:`coop.training.views`).
Each command body parses, makes one service call and emits.
"""

from coop.cli.training import plan, plan_report, plan_store, reports  # noqa: F401  (add the plan and report commands)
from coop.cli.training.records import training_app
from coop.cli.training.rotation import rotation_app
from coop.cli.training.skill import skill_app

__all__ = ["rotation_app", "skill_app", "training_app"]
