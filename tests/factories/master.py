"""The master plan tests' tile plant (tests.factories.plans), run through the coop program."""

from __future__ import annotations

import pytest

from coop import db
from tests.factories.context import FIXED_NOW
from tests.factories.plans import build_tile_plant
from tests.factories.programs import Cli

MONTHS = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]


def tile_plant_cli(url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The tile plant in the database at ``url``, and coop run on it at the tests' fixed moment."""
    monkeypatch.setenv("COOP_NOW", FIXED_NOW.isoformat())
    with db.session_scope(db.engine_for(url)) as session:
        build_tile_plant(session, FIXED_NOW)
    return Cli(url)


def add_april_peak(cli: Cli) -> Cli:
    """1000 tiles forecast a month of ``MONTHS`` but 9000 in April, a firm order of 1500 in February,
    and the master plan "2027" over those six months."""
    for month in MONTHS:
        quantity = "9000" if month == "2027-04" else "1000"
        assert cli("master", "forecast", "set", "BALD-30", month, quantity, actor="0002").exit_code == 0
    assert (
        cli("master", "order", "add", "Obra Pérez", "BALD-30", "1500", "2027-02", actor="0002").exit_code == 0
    )
    assert (
        cli("master", "plan", "create", "2027", "--from", "2027-01", "--months", "6", actor="0002").exit_code
        == 0
    )
    return cli
