"""The training tests' plant (see tests.factories.training for who and what is in it)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from tests.factories.training import Plant, build_plant


@pytest.fixture
def plant(session: Session, now: datetime) -> Plant:
    return build_plant(session, now)
