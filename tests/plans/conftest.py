"""The plan tests' tile plant (see tests.factories.plans for its numbers, worked out by hand)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from tests.factories.plans import TilePlant, build_tile_plant


@pytest.fixture
def plant(session: Session, now: datetime) -> TilePlant:
    return build_tile_plant(session, now)
