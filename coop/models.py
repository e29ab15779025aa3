"""Every table of the schema, imported in one place for Alembic and the schema tests.

The programs need not import it: every foreign key a model declares names a table of its own floor
or one below, which its module imports; a key from a lower table to a higher one (a role term names
the motion that elected the member) is declared by the higher floor's models (see
:mod:`coop.assemblies.models`), so it exists only once both tables are loaded.

Loading a module of models declares all its tables on ``Base.metadata``: the modules are listed
here, not each table again.
"""

from __future__ import annotations

from coop import audit
from coop.assemblies import models as assemblies_models
from coop.db import Base
from coop.keys import registry as keys_registry
from coop.master import models as master_models
from coop.members import models as members_models
from coop.plans import models as plans_models
from coop.training import models as training_models
from coop.training_plan import models as training_plan_models
from coop.votes import list_models as votes_list_models
from coop.votes import models as votes_models

MODEL_MODULES = (
    audit,
    keys_registry,
    members_models,
    votes_models,
    votes_list_models,
    training_models,
    assemblies_models,
    plans_models,
    master_models,
    training_plan_models,
)

metadata = Base.metadata
