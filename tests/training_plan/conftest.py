"""The training plan tests' plant (see tests.factories.training_plans), run through the program."""

from __future__ import annotations

import pytest

from coop import db
from tests.factories.training_plans import PlantProgram, build_trainee_plant


@pytest.fixture
def plant(db_url: str) -> PlantProgram:
    """The plant of tests.factories.training_plans, committed, and coop run on it."""
    with db.session_scope(db.engine_for(db_url)) as session:
        build_trainee_plant(session)
    return PlantProgram(db_url)
