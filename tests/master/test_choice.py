"""The assembly chooses a master plan's scenario by a real vote (``coop master propose-choice``), on both
databases; and ``coop plan check`` says where a weekly plan departs from the scenario chosen.

The tile plant of tests.factories.plans (clock: Wednesday 2026-11-25; assembly 1 open, members 1–30
present). Master plan "2027" covers 6 months from 2026-12; BALD-30 is forecast at 4,000 tiles in
December and 1,000 a month after, with no stock and no safety stock, so chasing demand plans 4,000
in December. December 2026 has four Mondays (7, 14, 21, 28).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from coop import db
from coop.assemblies.models import Motion
from coop.audit import AuditEvent
from coop.master.choice import chosen
from coop.master.models import MasterPlan
from coop.master.scenarios import find_master_plan
from tests.factories.context import FIXED_NOW, Context, member_actor
from tests.factories.master import tile_plant_cli
from tests.factories.plans import W50, decide_by_show_of_hands
from tests.factories.programs import Cli, assert_refused

FORECAST = {"2026-12": "4000", "2027-01": "1000", "2027-02": "1000", "2027-03": "1000", "2027-04": "1000"}


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    runner = tile_plant_cli(db_url, monkeypatch)
    for month, quantity in {**FORECAST, "2027-05": "1000"}.items():
        assert runner("master", "forecast", "set", "BALD-30", month, quantity, actor="0002").exit_code == 0
    created = runner("master", "plan", "create", "2027", "--from", "2026-12", "--months", "6", actor="0002")
    assert created.exit_code == 0, created.output
    return runner


def _add(cli: Cli, name: str, *args: str) -> None:
    result = cli("master", "scenario", "add", "2027", name, *args, actor="0002")
    assert result.exit_code == 0, result.output


def _propose(cli: Cli, scenario: str) -> int:
    result = cli("master", "propose-choice", "2027", scenario, "--assembly", "1", actor="0002")
    assert result.exit_code == 0, result.output + result.stderr
    return int(result.stdout.split("(id ")[1].split(")")[0])


def _vote(cli: Cli, motion: int, *, yes: int, no: int, abstain: int = 0) -> None:
    """The secretary chairs: the motion seconded, voted by a show of hands, closed."""
    with db.session_scope(db.engine_for(cli.url)) as session:
        chair = Context(session, member_actor(session, "0001"), FIXED_NOW)
        decide_by_show_of_hands(chair, session.get_one(Motion, motion), yes=yes, no=no, abstain=abstain)


def _stored(cli: Cli) -> MasterPlan:
    with db.session_scope(db.engine_for(cli.url)) as session:
        plan = find_master_plan(session, "2027")
        session.expunge_all()
        return plan


def test_an_adopted_motion_chooses_the_scenario_and_freezes_it_with_a_stable_hash(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    _add(cli, "Nivelada", "--level")
    motion = _propose(cli, "Nivelada")
    assert cli.json("master", "plan", "show", "2027")["status"] == "submitted"
    with db.session_scope(db.engine_for(cli.url)) as session:
        found = session.get(Motion, motion)
        assert (found.kind, found.title) == ("master_scenario", "Adopt scenario Nivelada of master plan 2027")
    _vote(cli, motion, yes=20, no=3, abstain=2)

    shown = cli.json("master", "plan", "show", "2027")
    assert shown["status"] == "decided"
    assert shown["standing"]["Nivelada"]["standing"] == "chosen"
    assert shown["standing"]["Persecución"] == {"standing": "not_chosen"}
    plan = _stored(cli)
    # The hash is the SHA-256 of exactly the canonical JSON stored.
    assert plan.choice_hash == hashlib.sha256(plan.choice_snapshot.encode("utf-8")).hexdigest()
    frozen = json.loads(plan.choice_snapshot)
    assert frozen["scenario"]["name"] == "Nivelada" and frozen["not_chosen"] == ["Persecución"]
    assert [s["scenario"] for s in frozen["comparison"]["scenarios"]] == ["Persecución", "Nivelada"]
    # Level: the same every month, enough by each month; December's 4,000 sets it.
    assert {r["production"] for r in frozen["schedule"] if r["product"] == "BALD-30"} == {"4000"}
    with db.session_scope(db.engine_for(cli.url)) as session:
        choice = chosen(session, find_master_plan(session, "2027"))
    assert choice is not None
    assert (choice.scenario_name, choice.assembly_id, choice.motion_id) == ("Nivelada", 1, motion)
    assert (choice.yes, choice.no, choice.abstain, choice.method) == (20, 3, 2, "show_of_hands")
    assert choice.hash == plan.choice_hash == shown["choice"]["hash"]

    # Demand changes after the vote: what was chosen does not.
    assert cli("master", "forecast", "set", "BALD-30", "2027-01", "7000", actor="0002").exit_code == 0
    plan_text = cli("master", "plan", "show", "2027").stdout
    scenario_text = cli("master", "scenario", "show", "2027", "Nivelada").stdout
    line = f"Frozen schedule and figures, SHA-256: {plan.choice_hash}"
    assert line in plan_text.splitlines() and line in scenario_text.splitlines()
    assert "20 yes, 3 no, 2 abstaining (show of hands)" in plan_text.replace("\n", " ")
    assert _stored(cli).choice_snapshot == plan.choice_snapshot
    assert "Assembly: not chosen" in cli("master", "scenario", "show", "2027", "Persecución").stdout
    # Decided: no further proposal, and its scenarios are kept as they were.
    assert_refused(
        cli("master", "propose-choice", "2027", "Persecución", "--assembly", "1", actor="0002"),
        "Master plan 2027 is decided already: the assembly chose scenario Nivelada.",
    )


def test_a_rejected_motion_leaves_the_plan_open_for_the_next_scenario(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    _add(cli, "Nivelada", "--level")
    first = _propose(cli, "Persecución")
    _vote(cli, first, yes=4, no=20)
    shown = cli.json("master", "plan", "show", "2027")
    assert shown["status"] == "draft" and shown["choice"] is None
    assert shown["standing"]["Persecución"] == {"standing": "rejected", "assembly_id": 1, "motion_id": first}
    assert _stored(cli).choice_hash is None
    second = _propose(cli, "Nivelada")
    _vote(cli, second, yes=22, no=1)
    assert cli.json("master", "plan", "show", "2027")["choice"]["scenario"] == "Nivelada"


def test_a_withdrawn_motion_leaves_the_plan_a_draft_again_as_a_rejected_one_does(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    motion = _propose(cli, "Persecución")
    assert cli.json("master", "plan", "show", "2027")["status"] == "submitted"
    withdrawn = cli("motion", "withdraw", str(motion), actor="0002")
    assert withdrawn.exit_code == 0, withdrawn.output + withdrawn.stderr
    shown = cli.json("master", "plan", "show", "2027")
    assert shown["status"] == "draft" and shown["choice"] is None
    assert shown["standing"]["Persecución"]["standing"] == "withdrawn"
    # A draft again: its scenarios can change, and the next one can be put to the assembly.
    _add(cli, "Nivelada", "--level")
    second = _propose(cli, "Nivelada")
    _vote(cli, second, yes=22, no=1)
    assert cli.json("master", "plan", "show", "2027")["choice"]["scenario"] == "Nivelada"
    with db.session_scope(db.engine_for(cli.url)) as session:
        recorded = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "coop.master_scenario.withdrawn")
        ).all()
        assert [json.loads(event.data) for event in recorded] == [
            {"plan": "2027", "scenario": "Persecución", "motion_id": motion}
        ]


def test_a_second_pending_motion_for_the_same_plan_is_refused(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    _add(cli, "Nivelada", "--level")
    motion = _propose(cli, "Persecución")
    with db.session_scope(db.engine_for(cli.url)) as session:
        before = len(session.scalars(select(Motion)).all())
    assert_refused(
        cli("master", "propose-choice", "2027", "Nivelada", "--assembly", "1", actor="0002"),
        f"Scenario Persecución of master plan 2027 is already before assembly 1 as motion {motion}; one "
        "scenario at a time, until that motion is decided or withdrawn.",
    )
    with db.session_scope(db.engine_for(cli.url)) as session:
        assert len(session.scalars(select(Motion)).all()) == before
    # While it is before the assembly, the plan's scenarios cannot change.
    refused = cli("master", "scenario", "add", "2027", "Otra", "--chase", actor="0002")
    assert refused.exit_code == 1 and "no longer a draft" in refused.stderr


def test_a_plan_with_one_scenario_is_a_yes_or_no_on_it(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase", "--overtime-pct", "20")
    _vote(cli, _propose(cli, "Persecución"), yes=25, no=0)
    frozen = json.loads(_stored(cli).choice_snapshot)
    assert frozen["not_chosen"] == []
    assert [s["scenario"] for s in frozen["comparison"]["scenarios"]] == ["Persecución"]
    december = next(r for r in frozen["schedule"] if r["month"] == "2026-12")
    assert december["production"] == "4000"


def test_an_unknown_scenario_or_plan_is_one_sentence_and_nothing_is_proposed(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    assert_refused(
        cli("master", "propose-choice", "2027", "Nada", "--assembly", "1", actor="0002"),
        "There is no scenario 'Nada'; see them with: coop master scenario list PLAN",
    )
    assert_refused(
        cli("master", "propose-choice", "2030", "Persecución", "--assembly", "1", actor="0002"),
        "There is no master plan '2030'; see them with: coop master plan list",
    )
    with db.session_scope(db.engine_for(cli.url)) as session:
        assert session.scalars(select(Motion)).all() == []
    assert cli.json("master", "plan", "show", "2027")["status"] == "draft"


def _plan_with_december(cli: Cli, quantity: str) -> int:
    """A weekly plan over 2026-W49 to W52: W49's Monday is in November, W50–W52 (3 weeks) in December."""
    created = cli.json(
        "plan", "create", f"Semanas {quantity}", "--from", "2026-W49", "--to", "2026-W52", actor="0002"
    )
    added = cli("plan", "line", "add", str(created["id"]), "BALD-30", quantity, "2026-W50", actor="0002")
    assert added.exit_code == 0, added.output + added.stderr
    return int(created["id"])


def _departures(cli: Cli, plan: int) -> list[dict[str, Any]]:
    return [f for f in cli.json("plan", "check", str(plan)) if f["key"].startswith("master_departure")]


def test_a_weekly_plan_departs_when_it_makes_more_or_less_than_a_tenth_off_its_share(cli: Cli) -> None:
    """The rule: December's planned 4,000 tiles × the plan's 3 weeks in December ÷ December's 4 weeks
    is a share of 3,000; a weekly plan making more than 3,300 or less than 2,700 departs."""
    _add(cli, "Persecución", "--chase")
    _vote(cli, _propose(cli, "Persecución"), yes=25, no=0)
    within = [_plan_with_december(cli, q) for q in ("2700", "3000", "3300")]
    beyond = {q: _plan_with_december(cli, q) for q in ("2699", "3301", "1000")}
    for plan in within:
        assert _departures(cli, plan) == []
    for plan in beyond.values():
        (found,) = _departures(cli, plan)
        assert found["key"] == "master_departure:BALD-30:2026-12"
        assert found["severity"] == "warning"
        assert "against 3,000 in master plan 2027 (4,000 in the month)" in found["message"]
    (low,) = _departures(cli, beyond["1000"])
    assert "BALD-30 in 2026-12: 1,000 in 3 of the month's 4 weeks" in low["message"]
    assert "66.7 % less; 10 % is allowed." in low["message"]
    # A departure warns; it does not stop the plan going to the assembly.
    submitted = cli("plan", "submit", str(beyond["1000"]), actor="0002")
    assert "departs" not in submitted.stderr


def test_a_weekly_plan_is_not_checked_before_the_assembly_has_chosen(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase")
    _propose(cli, "Persecución")
    assert _departures(cli, _plan_with_december(cli, "1000")) == []


def test_december_has_four_weeks_and_W50_is_in_it() -> None:
    from coop.master.departures import mondays_in_month

    assert mondays_in_month(date(2026, 12, 1)) == 4
    assert mondays_in_month(date(2027, 3, 1)) == 5  # 1, 8, 15, 22, 29
    assert W50.month == 12


def test_every_row_of_the_comparison_has_its_own_label_in_spanish(cli: Cli) -> None:
    _add(cli, "Persecución", "--chase", "--overtime-pct", "10")
    _add(cli, "Nivelada", "--level")
    result = cli("--lang", "es", "master", "compare", "2027")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[2:]
    labels = [line[:22].strip() for line in rows if line[:22].strip() and not line.startswith("  ")]
    table = labels[: labels.index("Carga máxima") + 1]
    assert len(table) == len(set(table)), table
    assert "% de horas extra" in table and "Horas extra (h)" in table
