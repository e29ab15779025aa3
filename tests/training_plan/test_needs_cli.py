"""``coop workcentre require-skill``, ``required-skills import`` and ``coop training plan needs`` as a
user meets them, on both databases, on the tile plant of tests.factories.plans (its clock: Wednesday
2026-11-25, in 2026-W48).

The plant: HORNO (Monday to Friday, closed Tuesday 2026-12-08) loads BALD-30 at 3 min a tile with a
crew of 2 holding HOR-CARGA at level 3; 0003 and 0004 hold it at level 3 (no expiry) and the skill's
bus-factor target is 2. The plan "Verano" makes 1,000 tiles in 2026-W49 and 1,000 in 2026-W50:
50 h of kiln each week, 100 crew-hours, ⌈100 / 40⌉ = 3 members needed, 2 available.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from coop import db
from tests.factories.context import FIXED_NOW
from tests.factories.plans import build_tile_plant
from tests.factories.programs import assert_refused

ENV = {"COOP_ACTOR": "", "COOP_NOW": FIXED_NOW.isoformat(), "COOP_LANG": "", "COOP_DATABASE_URL": ""}


class Plant:
    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, *args: str, actor: str | None = None, lang: str = "en") -> Result:
        from coop.cli.main import app

        argv = ["--db", self.url, "--lang", lang, *(["--as", actor] if actor else []), *args]
        return CliRunner().invoke(app, argv, env=ENV)

    def json(self, *args: str, actor: str | None = None) -> Any:
        result = self(*args, "--format", "json", actor=actor)
        assert result.exit_code == 0, result.output + (result.stderr or "")
        return json.loads(result.stdout)

    def needs(self, *args: str) -> Any:
        return self.json("training", "plan", "needs", "--from", "2026-W49", *args)


@pytest.fixture
def plant(db_url: str) -> Plant:
    with db.session_scope(db.engine_for(db_url)) as session:
        build_tile_plant(session, FIXED_NOW).plan()
    return Plant(db_url)


@pytest.fixture
def no_plan(db_url: str) -> Plant:
    with db.session_scope(db.engine_for(db_url)) as session:
        build_tile_plant(session, FIXED_NOW)
    return Plant(db_url)


# --- required skills ------------------------------------------------------------------------------


def test_require_skill_sets_replaces_and_removes_and_show_lists_them(no_plan: Plant) -> None:
    cli = no_plan
    said = cli(
        "workcentre", "require-skill", "horno", "HOR-CARGA", "--level", "3", "--minimum", "2", actor="0002"
    )
    assert said.exit_code == 0, said.output
    assert said.stdout.strip() == (
        "HORNO requires 2 members qualified in HOR-CARGA at level 3 or above each week it works."
    )
    assert (
        cli("workcentre", "require-skill", "HORNO", "HOR-CARGA", "--minimum", "1", actor="0002").exit_code
        == 0
    )
    shown = cli.json("workcentre", "show", "HORNO")
    # the level defaults to the skill's qualifying level (3); one row per centre and skill
    assert shown["required_skills"] == [
        {"work_centre": "HORNO", "skill": "HOR-CARGA", "min_level": 3, "min_qualified": 1}
    ]
    table = cli("workcentre", "show", "HORNO").stdout
    assert "Required skills:" in table and "HOR-CARGA" in table
    removed = cli("workcentre", "require-skill", "HORNO", "HOR-CARGA", "--remove", actor="0002")
    assert removed.stdout.strip() == "HORNO no longer requires HOR-CARGA."
    assert cli.json("workcentre", "show", "HORNO")["required_skills"] == []
    assert_refused(
        cli("workcentre", "require-skill", "HORNO", "HOR-CARGA", "--remove", actor="0002"),
        "HORNO does not require HOR-CARGA; see what it requires with: coop workcentre show HORNO",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--level", "5"), "The minimum level must be from 1 to 4, not 5."),
        (("--minimum", "0"), "The minimum of qualified members must be from 1 to 999, not 0."),
        (("--minimum", "dos"), "The minimum of qualified members 'dos' is not a whole number."),
    ],
)
def test_require_skill_refuses_bad_figures(no_plan: Plant, args: tuple[str, ...], message: str) -> None:
    assert_refused(no_plan("workcentre", "require-skill", "HORNO", "HOR-CARGA", *args, actor="0002"), message)
    assert no_plan.json("workcentre", "show", "HORNO")["required_skills"] == []


def test_only_a_coordinator_sets_required_skills(no_plan: Plant) -> None:
    result = no_plan("workcentre", "require-skill", "HORNO", "HOR-CARGA", actor="0010")
    assert result.exit_code == 1 and "coordinator" in result.stderr
    assert no_plan.json("workcentre", "show", "HORNO")["required_skills"] == []


def test_import_reads_a_csv_saved_by_a_spanish_spreadsheet(no_plan: Plant, tmp_path: Path) -> None:
    csv = tmp_path / "competencias-requeridas.csv"
    csv.write_bytes(
        "Centro de trabajo;Competencia;Nivel mínimo;Mínimo de habilitados\r\nhorno;HOR-CARGA;2;3\r\n".encode(
            "latin-1"
        )
    )
    said = no_plan("workcentre", "required-skills", "import", str(csv), actor="0002", lang="es")
    assert said.exit_code == 0, said.output
    assert no_plan.json("workcentre", "show", "HORNO")["required_skills"] == [
        {"work_centre": "HORNO", "skill": "HOR-CARGA", "min_level": 2, "min_qualified": 3}
    ]
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffwork_centre,skill,min_level,min_qualified\nHORNO,HOR-CARGA,3,1\n".encode())
    assert no_plan("workcentre", "required-skills", "import", str(bom), actor="0002").exit_code == 0
    assert no_plan.json("workcentre", "show", "HORNO")["required_skills"][0]["min_qualified"] == 1


def test_import_is_all_lines_or_none(no_plan: Plant, tmp_path: Path) -> None:
    csv = tmp_path / "required.csv"
    csv.write_text(
        "work_centre,skill,min_level,min_qualified\nHORNO,HOR-CARGA,3,2\nPRENSA,NO-EXISTE,3,1\n"
        "HORNO,HOR-CARGA,2,1\nHORNO2,HOR-CARGA,3,1\n",
        encoding="utf-8",
    )
    result = no_plan("workcentre", "required-skills", "import", str(csv), actor="0002")
    assert result.exit_code == 1
    error = result.stderr
    assert "line 3" in error and "NO-EXISTE" in error
    assert "line 4" in error and "also on line 2" in error
    assert "line 5" in error and "unknown work centre HORNO2" in error
    assert no_plan.json("workcentre", "show", "HORNO")["required_skills"] == []


# --- the needs analysis --------------------------------------------------------------------------


def test_needs_lists_the_crews_the_plan_needs_with_their_cause(plant: Plant) -> None:
    report = plant.needs("--weeks", "4")
    assert (report["first_week"], report["last_week"], report["weeks"]) == ("2026-W49", "2026-W52", 4)
    assert report["plans"] == ["#1 Verano v1"]
    rows = [(g["week_label"], g["skill"], g["level"], g["needed"], g["available"]) for g in report["gaps"]]
    assert rows == [("2026-W49", "HOR-CARGA", 3, 3, 2), ("2026-W50", "HOR-CARGA", 3, 3, 2)]
    assert report["gaps"][0]["causes"] == [
        {
            "cause": "load",
            "member": None,
            "member_name": None,
            "on": None,
            "centre": "HORNO",
            "needed": 3,
            "text": "the plans' load at Horno túnel (HORNO) needs 3 members",
        }
    ]
    table = plant("training", "plan", "needs", "--from", "2026-W49", "--weeks", "4").stdout.splitlines()
    assert table[0] == (
        "2026-W49: Carga de vagonetas (HOR-CARGA) at level 3 or above needs 3 qualified members, "
        "2 available: the plans' load at Horno túnel (HORNO) needs 3 members."
    )
    assert len(table) == 2


def test_more_hours_per_member_need_fewer_heads(plant: Plant) -> None:
    assert plant.needs("--weeks", "4", "--hours-per-member", "50")["gaps"] == []


def test_a_centres_minimum_counts_in_every_week_it_works(plant: Plant) -> None:
    plant("workcentre", "require-skill", "HORNO", "HOR-CARGA", "--minimum", "4", actor="0002")
    gaps = plant.needs("--weeks", "4")["gaps"]
    assert [(g["week_label"], g["needed"]) for g in gaps] == [
        ("2026-W49", 4),
        ("2026-W50", 4),
        ("2026-W51", 4),
        ("2026-W52", 4),
    ]
    assert gaps[2]["causes"][0]["text"] == "Horno túnel (HORNO) requires 4 members each week it works"


def test_a_coordinators_term_and_a_departure_are_named_as_causes(no_plan: Plant) -> None:
    """The coordinator's term takes 0003 off the floor; 0004 left on the day the clock reads."""
    cli = no_plan
    assert (
        cli("rotation", "record", "coordinator", "0003", "--start", "2026-11-02", actor="0001").exit_code == 0
    )
    assert cli("member", "deactivate", "0004", "--reason", "Jubilación", actor="0001").exit_code == 0
    gaps = cli.needs("--weeks", "1")["gaps"]
    assert [(g["skill"], g["needed"], g["available"]) for g in gaps] == [("HOR-CARGA", 2, 0)]
    causes = gaps[0]["causes"]
    assert [(c["cause"], c["member"], c["on"]) for c in causes] == [
        ("single_point", None, None),
        ("rotation", "0003", "2026-11-02"),
        ("leaving", "0004", "2026-11-25"),
    ]
    names = [c["member_name"] for c in causes[1:]]
    assert causes[1]["text"] == f"{names[0]} is off the floor as coordinator since 2026-11-02"
    assert causes[2]["text"] == f"{names[1]} left the cooperative on 2026-11-25"


def test_a_skill_nobody_can_teach_is_said(plant: Plant) -> None:
    assert plant("skill", "add", "HOR-ESM", "Esmaltado", "--category", "Hornos", actor="0001").exit_code == 0
    plant("workcentre", "require-skill", "HORNO", "HOR-ESM", "--minimum", "1", actor="0002")
    report = plant.needs("--weeks", "1")
    assert report["untaught"] == ["HOR-ESM"]
    lines = plant("training", "plan", "needs", "--from", "2026-W49", "--weeks", "1").stdout.splitlines()
    assert lines[-1] == (
        "Nobody can teach Esmaltado (HOR-ESM): no member holds it at level 3 or above and no outside "
        "trainer has given it; its gaps close only with an outside trainer or a new member."
    )


def test_no_gaps_is_said_in_one_line(no_plan: Plant) -> None:
    result = no_plan("training", "plan", "needs", "--from", "2026-W49", "--weeks", "2")
    assert result.stdout.strip() == (
        "No gaps: every skill has the qualified members it needs in the 2 weeks from 2026-W49 to 2026-W50."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--from", "2026-W47"),
            "The horizon starts in 2026-W47, which has passed; start in this week (2026-W48) or later.",
        ),
        (("--weeks", "0"), "A horizon must be from 1 to 104 weeks, not 0."),
        (("--hours-per-member", "0"), "The hours must be above zero, not 0."),
        (("--weeks", "105"), "A horizon must be from 1 to 104 weeks, not 105."),
        (("--from", "semana 3"), "'semana 3' is not a week; write it like 2027-W05, or give any day of it."),
        (
            ("--plan", "1", "--from", "2027-W10"),
            "Plan #1 Verano v1 has no line due from 2027-W10 to 2027-W22; choose a horizon that covers it.",
        ),
    ],
)
def test_needs_refusals(plant: Plant, args: tuple[str, ...], message: str) -> None:
    assert_refused(plant("training", "plan", "needs", *args), message)


def test_a_plan_asked_for_with_no_crews_is_refused(no_plan: Plant) -> None:
    cli = no_plan
    assert (
        cli("plan", "create", "Bizcocho", "--from", "2026-W49", "--weeks", "2", actor="0002").exit_code == 0
    )
    assert cli("plan", "line", "add", "1", "BIZC-30", "500", "2026-W49", actor="0002").exit_code == 0
    assert_refused(
        cli("training", "plan", "needs", "--plan", "1"),
        "Plan #1 Bizcocho v1 puts no crew on any skill: none of its products' routings names a skill "
        "and a crew of 1 or more; give them one (coop workcentre routing add) or leave the plan out.",
    )
    assert cli.needs("--weeks", "2")["plans"] == ["#1 Bizcocho v1"]  # not asked for: read, loads nobody


def test_needs_in_spanish(plant: Plant) -> None:
    result = plant("training", "plan", "needs", "--from", "2026-W49", "--weeks", "1", lang="es")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "2026-W49: Carga de vagonetas (HOR-CARGA) en nivel 3 o más necesita 3 asociados habilitados "
        "(disponibles: 2): la carga de los planes en Horno túnel (HORNO) necesita 3 asociados."
    )
    refused = plant("training", "plan", "needs", "--weeks", "0", lang="es")
    assert refused.stderr.strip() == "Error: El horizonte debe ser de 1 a 104 semanas, no de 0."
