"""``coop product``, ``material``, ``workcentre`` and ``plan`` as a user meets them, on both databases.

Parsed JSON, the one-sentence errors with exit code 1 (2 for a mistyped command), and nothing
written when a command fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coop import db
from tests.factories.context import FIXED_NOW
from tests.factories.cooperative import build_cooperative
from tests.factories.plans import build_tile_plant
from tests.factories.programs import Cli


# These build their own cooperative on an empty database: the ``cli`` fixture's would already be
# there, and ``coop init``'s service refuses to rename it.
@pytest.fixture
def people_cli(db_url: str) -> Cli:
    """The assembly tests' cooperative: 0001 secretary, 0002 coordinator, 0003–0045 members."""
    with db.session_scope(db.engine_for(db_url)) as session:
        build_cooperative(session, FIXED_NOW)
    return Cli(db_url)


@pytest.fixture
def plant_cli(db_url: str) -> Cli:
    """The tile plant of conftest.py, with an assembly open and 30 members present."""
    with db.session_scope(db.engine_for(db_url)) as session:
        build_tile_plant(session, FIXED_NOW)
    return Cli(db_url)


def _fails(result, message: str | None = None) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    error = result.stderr.strip()
    assert error.startswith("Error: ")
    if message is not None:
        assert error == f"Error: {message}"
    return error


# --- master data -------------------------------------------------------------------------------------


def test_master_data_commands_give_json(people_cli: Cli) -> None:
    cli = people_cli
    assert cli.json("product", "add", "bald-30", "Baldosa 30×30", "--unit", "pcs", actor="0002") == {
        "code": "BALD-30",
        "name": "Baldosa 30×30",
        "unit": "pcs",
    }
    for code, name, unit in (("BIZC-30", "Bizcocho", "pcs"), ("ARC-ROJ", "Arcilla roja", "kg")):
        assert cli("product", "add", code, name, "--unit", unit, actor="0002").exit_code == 0
    added = cli("product", "bom", "add", "BALD-30", "BIZC-30", "1", "--scrap", "10", actor="0002")
    assert added.stdout.strip() == "One BALD-30 needs 1 pcs of BIZC-30, plus 10 % scrap."
    assert cli("product", "bom", "add", "BIZC-30", "ARC-ROJ", "2", actor="0002").exit_code == 0
    shown = cli.json("product", "show", "BALD-30")
    assert shown["bom"] == [{"component": "BIZC-30", "quantity": "1", "unit": "pcs", "scrap_pct": "10"}]
    assert shown["materials_per_unit"] == [{"material": "ARC-ROJ", "quantity": "2.2", "unit": "kg"}]
    assert shown["material"] is False

    stocked = cli("material", "stock", "ARC-ROJ", "5000", "--counted-on", "2026-11-20", actor="0002")
    assert stocked.stdout.strip() == "ARC-ROJ: 5,000 kg in stock."
    assert cli.json("material", "list") == [
        {"code": "ARC-ROJ", "name": "Arcilla roja", "unit": "kg", "stock": "5000", "counted_on": "2026-11-20"}
    ]
    assert [p["material"] for p in cli.json("product", "list")] == [True, False, False]

    centre = cli.json(
        "workcentre",
        "add",
        "horno",
        "Horno túnel",
        "--hours-per-shift",
        "8",
        "--shifts",
        "2",
        "--efficiency",
        "75",
        actor="0002",
    )
    assert centre == {
        "code": "HORNO",
        "name": "Horno túnel",
        "hours_per_shift": "8",
        "shifts_per_day": 2,
        "working_days": 5,
        "parallel": 1,
        "efficiency_pct": "75",
        "hours_per_week": "60",
    }
    closed = cli("workcentre", "close", "HORNO", "--date", "2026-12-08", "--reason", "Feriado", actor="0002")
    assert closed.stdout.strip() == "HORNO is closed on 2026-12-08: Feriado."
    assert (
        cli(
            "workcentre", "close", "--plant", "--date", "2026-12-25", "--reason", "Navidad", actor="0002"
        ).exit_code
        == 0
    )
    assert cli.json("workcentre", "closures") == [
        {"date": "2026-12-08", "work_centre": "HORNO", "reason": "Feriado"},
        {"date": "2026-12-25", "work_centre": None, "reason": "Navidad"},
    ]
    routed = cli(
        "workcentre", "routing", "add", "BALD-30", "HORNO", "--minutes", "3", "--crew", "2", actor="0002"
    )
    assert routed.stdout.strip() == "BALD-30 passes through HORNO: 3 min a unit, crew of 2."
    assert cli.json("workcentre", "show", "HORNO")["routings"] == [
        {
            "product": "BALD-30",
            "work_centre": "HORNO",
            "minutes_per_unit": "3",
            "crew_size": 2,
            "skill": None,
            "skill_level": None,
        }
    ]
    assert cli("workcentre", "update", "HORNO", "--shifts", "3", actor="0002").stdout.strip() == (
        "Changed work centre HORNO: 90 h in a full week."
    )


def test_master_data_refusals_write_nothing(people_cli: Cli, tmp_path: Path) -> None:
    cli = people_cli
    for code, unit in (("A", "pcs"), ("B", "pcs")):
        cli("product", "add", code, code, "--unit", unit, actor="0002")
    cli("product", "bom", "add", "A", "B", "2", actor="0002")
    _fails(
        cli("product", "bom", "add", "B", "A", "1", actor="0002"),
        "The bill of materials would go round in a circle: B → A → B; a product cannot be made of itself, "
        "so nothing was changed.",
    )
    assert cli.json("product", "show", "B")["bom"] == []
    _fails(
        cli("product", "add", "C", "Ce", "--unit", "kg", actor="0010"),
        "Adding a product needs the coordinator role, and Socio 0010 (#0010) does not hold it.",
    )
    _fails(cli("material", "stock", "B", "-4", actor="0002"), "Stock of B cannot be negative (-4).")
    _fails(
        cli("workcentre", "close", "--date", "2026-12-08", "--reason", "x", actor="0002"),
        "Name the work centre, or give --plant to close the whole plant.",
    )
    bad = tmp_path / "products.csv"
    bad.write_text("code,name,unit\nC,Ce,kg\nD,,kg\n", encoding="utf-8")
    error = _fails(cli("product", "import", str(bad), actor="0002"))
    assert "products.csv has 1 bad line, so nothing was imported" in error
    assert "line 3: A product needs a name" in error
    assert [p["code"] for p in cli.json("product", "list")] == ["A", "B"]
    assert cli("product", "add", actor="0002").exit_code == 2  # a mistyped command: usage, exit 2


# --- plans -----------------------------------------------------------------------------------------


def test_plan_from_draft_to_approval_through_the_cli(plant_cli: Cli, tmp_path: Path) -> None:
    cli = plant_cli
    created = cli.json("plan", "create", "Verano", "--from", "2026-W49", "--weeks", "4", actor="0002")
    assert (created["id"], created["status"], created["period_start"], created["period_end"]) == (
        1,
        "draft",
        "2026-W49",
        "2026-W52",
    )
    line = cli.json("plan", "line", "add", "1", "BALD-30", "1000", "2026-11-30", actor="0002")
    assert line == {
        "line": 1,
        "product": "BALD-30",
        "product_name": "Baldosa 30×30",
        "quantity": "1000",
        "unit": "pcs",
        "due_week": "2026-W49",
        "priority": 0,
        "actual_quantity": None,
    }
    lines = tmp_path / "lines.csv"
    lines.write_text("product,quantity,due_week,priority\nBALD-30,1000,2026-W50,1\n", encoding="utf-8")
    assert cli("plan", "line", "import", "1", str(lines), actor="0002").exit_code == 0

    findings = cli.json("plan", "check", "1")
    assert [(f["key"], f["severity"], f["blocks_submission"], f["lines"]) for f in findings] == [
        ("overload:HORNO:2026-W50", "blocking", True, [2]),
        ("shortage:ESM-BL", "blocking", True, [2]),
    ]
    assert findings[0]["percent"] == "104.2" and findings[1]["required"] == "420"
    table = cli("plan", "check", "1")
    assert "2 blocking (0 acknowledged), 0 warnings, 0 notes." in table.stdout

    error = _fails(cli("plan", "submit", "1", actor="0002"))
    assert error.startswith(
        "Error: Plan #1 Verano v1 cannot be submitted: 2 blocking findings are not acknowledged"
    )
    assert "\n" not in error
    assert cli.json("plan", "show", "1")["status"] == "draft"

    for key in ("overload:HORNO:2026-W50", "shortage:ESM-BL"):
        done = cli(
            "plan", "acknowledge", "1", key, "--reason", "Horas extra y compra de esmalte", actor="0002"
        )
        assert done.stdout.strip() == f"Acknowledged {key}: Horas extra y compra de esmalte"
    assert cli("plan", "submit", "1", actor="0002").exit_code == 0
    proposed = cli("plan", "propose-approval", "1", "--assembly", "1", actor="0002")
    assert proposed.stdout.strip() == (
        "Plan #1 Verano v1 is motion 1 (id 1) of assembly 1; the assembly's vote approves or rejects it."
    )
    assert cli("motion", "second", "1", "--by", "0005", actor="0001").exit_code == 0
    assert cli("motion", "open-vote", "1", "--method", "show-of-hands", actor="0001").exit_code == 0
    assert (
        cli("motion", "hand-count", "1", "--yes", "22", "--no", "3", "--abstain", "1", actor="0001").exit_code
        == 0
    )
    assert cli("motion", "close", "1", actor="0001").exit_code == 0

    shown = cli.json("plan", "show", "1")
    assert shown["status"] == "approved" and shown["approval_motion_id"] == 1
    assert len(shown["approved_hash"]) == 64
    assert [a["key"] for a in shown["acknowledgements"]] == ["overload:HORNO:2026-W50", "shortage:ESM-BL"]

    _fails(
        cli("plan", "line", "remove", "1", "1", actor="0002"),
        "Plan #1 Verano v1 was approved by the assembly and can never be edited; make a new version with: "
        "coop plan revise 1",
    )
    revision = cli.json("plan", "revise", "1", actor="0002")
    assert (revision["id"], revision["version"], revision["predecessor_id"], revision["status"]) == (
        2,
        2,
        1,
        "draft",
    )
    assert cli("plan", "line", "remove", "2", "2", actor="0002").exit_code == 0
    assert cli("plan", "line", "add", "2", "BALD-30", "600", "2026-W51", actor="0002").exit_code == 0
    diff = cli.json("plan", "diff", "1", "2")
    assert diff["lines"] == [
        {
            "change": "removed",
            "product": "BALD-30",
            "due_week": "2026-W50",
            "quantity_a": "1000",
            "quantity_b": None,
            "priority_a": 1,
            "priority_b": None,
        },
        {
            "change": "added",
            "product": "BALD-30",
            "due_week": "2026-W51",
            "quantity_a": None,
            "quantity_b": "600",
            "priority_a": None,
            "priority_b": 0,
        },
    ]
    assert diff["unchanged_lines"] == 1
    listed = cli.json("plan", "list")
    assert [(p["id"], p["status"], p["revised_by"]) for p in listed] == [
        (1, "approved", 2),
        (2, "draft", None),
    ]

    out = tmp_path / "plan-1.html"
    written = cli("plan", "report", "1", "--out", str(out))
    assert (
        written.exit_code == 0 and written.stdout.strip() == f"Wrote plan #1 Verano v1 as approved to {out}."
    )
    html = out.read_text(encoding="utf-8")
    assert shown["approved_hash"] in html and "Approved by the assembly" in html


def test_plan_errors_are_one_sentence_and_write_nothing(plant_cli: Cli, tmp_path: Path) -> None:
    cli = plant_cli
    _fails(
        cli("plan", "create", "Verano", "--from", "2026-W49", actor="0002"),
        "Say how long the plan runs: --to WEEK or --weeks N.",
    )
    _fails(
        cli("plan", "create", "Verano", "--from", "la semana que viene", "--weeks", "2", actor="0002"),
        "The first week 'la semana que viene' is not a week; write it like 2026-W49, or give any day of that "
        "week like 2026-12-02.",
    )
    assert cli.json("plan", "list") == []
    assert (
        cli("plan", "create", "Verano", "--from", "2026-W49", "--to", "2026-W52", actor="0002").exit_code == 0
    )
    _fails(
        cli("plan", "line", "add", "1", "BALD-30", "-20", "2026-W49", actor="0002"),
        "The quantity of BALD-30 cannot be negative (-20).",
    )
    _fails(
        cli("plan", "line", "add", "1", "TAZA", "20", "2026-W49", actor="0002"),
        "There is no product with the code or name 'TAZA'; see the list with: coop product list",
    )
    bad = tmp_path / "lines.csv"
    bad.write_text("product,quantity,due_week\nBALD-30,10,2026-W49\nTAZA,5,2026-W50\nBALD-30,-1,2026-W50\n")
    error = _fails(cli("plan", "line", "import", "1", str(bad), actor="0002"))
    assert error.splitlines() == [
        "Error: lines.csv has 2 bad lines, so nothing was imported; fix them and import again:",
        "  line 3: unknown product TAZA",
        "  line 4: quantity cannot be negative (-1)",
    ]
    assert cli.json("plan", "show", "1")["line_items"] == []
    _fails(
        cli("plan", "acknowledge", "1", "shortage:ESM-BL", "--reason", "x", actor="0002"),
        "Plan #1 Verano v1 has no finding 'shortage:ESM-BL' now; see the findings with: coop plan check 1",
    )
    _fails(
        cli("plan", "start", "1", actor="0002"),
        "Plan #1 Verano v1 is draft; only a plan approved by the assembly can start.",
    )
    _fails(cli("plan", "show", "7"), "There is no plan 7; see them with: coop plan list")
    _fails(
        cli("plan", "report", "1", "--out", str(tmp_path / "plan.docx")),
        "Cannot write plan.docx: a document must end in .pdf, .html or .htm.",
    )
    assert not (tmp_path / "plan.docx").exists()
    _fails(
        cli("plan", "close", "1", "--actual", "1", actor="0002"),
        "'1' is not LINE=QUANTITY; write it like --actual 3=1150.",
    )
    assert cli("plan", "show", "1", "--bogus").exit_code == 2


def test_closing_with_actuals_from_a_file(plant_cli: Cli, tmp_path: Path) -> None:
    cli = plant_cli
    cli("plan", "create", "Corto", "--from", "2026-W49", "--weeks", "1", actor="0002")
    cli("plan", "line", "add", "1", "BALD-30", "500", "2026-W49", actor="0002")
    assert cli("plan", "submit", "1", actor="0002").exit_code == 0
    cli("plan", "propose-approval", "1", "--assembly", "1", actor="0002")
    cli("motion", "second", "1", "--by", "0005", actor="0001")
    cli("motion", "open-vote", "1", "--method", "show-of-hands", actor="0001")
    cli("motion", "hand-count", "1", "--yes", "20", "--no", "0", actor="0001")
    cli("motion", "close", "1", actor="0001")
    assert cli("plan", "start", "1", actor="0002").exit_code == 0
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("line,actual_quantity\n1,480\n", encoding="utf-8")
    assert cli("plan", "close", "1", "--file", str(actuals), actor="0002").exit_code == 0
    assert cli.json("plan", "show", "1")["line_items"][0]["actual_quantity"] == "480"


def test_a_spanish_operator_types_numbers_the_spanish_way(plant_cli: Cli, tmp_path: Path) -> None:
    """In Spanish a point groups thousands and a comma marks decimals, on the command line and in a CSV
    file; a number that reads two ways is refused with both readings and nothing is written."""
    cli = plant_cli
    assert cli("plan", "create", "Verano", "--from", "2026-W49", "--weeks", "4", actor="0002").exit_code == 0
    line = cli.json("--lang", "es", "plan", "line", "add", "1", "BALD-30", "1.500", "2026-W49", actor="0002")
    assert line["quantity"] == "1500"
    error = _fails(
        cli("--lang", "es", "plan", "line", "add", "1", "BALD-30", "1.5", "2026-W50", actor="0002")
    )
    assert error.endswith(
        "'1.5' se puede leer de dos maneras; escriba 1,5 para un decimal o 15 para un número entero."
    )
    lines = tmp_path / "lineas.csv"
    lines.write_text('product,quantity,due_week\nBALD-30,"2.000,5",2026-W50\n', encoding="utf-8")
    assert cli("--lang", "es", "plan", "line", "import", "1", str(lines), actor="0002").exit_code == 0
    assert [row["quantity"] for row in cli.json("plan", "show", "1")["line_items"]] == ["1500", "2000.5"]


def test_plan_files_as_a_spanish_spreadsheet_saves_them(plant_cli: Cli, tmp_path: Path) -> None:
    """Windows-1252, semicolons, Spanish headings and decimal commas; detected, or named."""
    cli = plant_cli
    assert cli("plan", "create", "Verano", "--from", "2026-W49", "--weeks", "4", actor="0002").exit_code == 0
    lines = tmp_path / "líneas.csv"
    lines.write_bytes(
        "Producto;Cantidad;Semana de entrega;Prioridad\r\nBALD-30;1.250,5;2026-W50;2\r\n".encode("cp1252")
    )
    spanish = ["--lang", "es"]
    assert cli(*spanish, "plan", "line", "import", "1", str(lines), actor="0002").exit_code == 0
    named = ["--delimiter", ";", "--encoding", "cp1252"]
    assert cli(*spanish, "plan", "line", "import", "1", str(lines), *named, actor="0002").exit_code == 0
    assert [row["quantity"] for row in cli.json("plan", "show", "1")["line_items"]] == ["1250.5", "1250.5"]
    wrong = cli("plan", "line", "import", "1", str(lines), "--delimiter", "tab", actor="0002")
    assert _fails(wrong).endswith(
        "líneas.csv has no tabs in its header line, but it has semicolons (;); name that delimiter "
        "with --delimiter, or leave it out to have it detected."
    )
    centres = tmp_path / "centros.csv"
    centres.write_bytes(
        "Código;Nombre;Horas por turno;Turnos por día;Días laborables;Eficiencia\r\n"
        "PRENSA-2;Prensa Núñez;7,5;2;5;85\r\n".encode("cp1252")
    )
    result = cli(*spanish, "workcentre", "import", str(centres), "--encoding", "latin-1", actor="0002")
    assert result.exit_code == 0, result.output
    assert cli.json("workcentre", "show", "PRENSA-2")["hours_per_shift"] == "7.5"
