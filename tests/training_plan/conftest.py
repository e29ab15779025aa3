"""The training plan tests' plant (see tests.factories.training_plans)."""

from __future__ import annotations

import pytest

from coop import db
from tests.factories.training_plans import build_trainee_plant


@pytest.fixture
def trainee_plant_url(db_url: str) -> str:
    """A database holding the plant of tests.factories.training_plans, committed for the program."""
    with db.session_scope(db.engine_for(db_url)) as session:
        build_trainee_plant(session)
    return db_url
