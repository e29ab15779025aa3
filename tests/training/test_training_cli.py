"""``coop skill``, ``coop training`` and ``coop rotation`` as a user meets them, on both databases.

Parsed JSON, the one-sentence errors with exit code 1, and nothing written when a command fails.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import Result

from coop import db
from tests.factories.context import FIXED_NOW
from tests.factories.programs import Cli
from tests.factories.training import build_plant


@pytest.fixture
def plant_cli(cli: Cli) -> Cli:
    with db.session_scope(db.engine_for(cli.url)) as session:
        build_plant(session, FIXED_NOW)
    return cli


def _sessions(cli: Cli) -> list[dict]:  # type: ignore[type-arg]
    return cli.json("training", "list")


# --- skills ------------------------------------------------------------------------------------------


def test_skill_add_list_show_json(plant_cli: Cli) -> None:
    added = plant_cli.json(
        "skill",
        "add",
        "log-auto",
        "Autoelevador",
        "--category",
        "Logística",
        "--safety-critical",
        "--valid-for",
        "12",
        "--minimum",
        "4",
        actor="0001",
    )
    assert added == {
        "code": "LOG-AUTO",
        "name": "Autoelevador",
        "category": "Logística",
        "safety_critical": True,
        "certified": True,
        "validity_months": 12,
        "minimum_qualified": 4,
        "qualifying_level": 3,
        "prerequisites": [],
        "description": None,
    }
    codes = [s["code"] for s in plant_cli.json("skill", "list")]
    assert codes == ["HOR-CARGA", "HOR-QUEM", "LOG-AUTO", "SEG-EPP"]  # by category, then code
    shown = plant_cli.json("skill", "show", "Quemadores a gas")
    assert shown["prerequisites"] == ["SEG-EPP:2"]
    assert shown["qualified"] == ["Zofia Łukasiewicz (#0002)"]
    assert (shown["coverage"], shown["one_absence_away"]) == ("below_minimum", True)


def test_skill_add_needs_the_secretary(plant_cli: Cli) -> None:
    result = plant_cli("skill", "add", "X-1", "Algo", actor="0002")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: Adding a skill needs the secretary role, and Zofia Łukasiewicz (#0002) does not hold it."
    )


def _import(plant_cli: Cli, file: Path, text: str, *, command: str = "skill") -> Result:
    """The secretary imports ``text``, written to ``file`` in UTF-8, with ``coop COMMAND import``."""
    file.write_text(text, encoding="utf-8")
    return plant_cli(command, "import", str(file), actor="0001")


def test_skill_import_reports_every_bad_line_and_writes_nothing(plant_cli: Cli, tmp_path: Path) -> None:
    before = plant_cli.json("skill", "list")
    result = _import(
        plant_cli,
        tmp_path / "skills.csv",
        "code,name,category,qualifying_level,prerequisites\n"
        "PRE-OP,Prensa hidráulica,Prensas,3,SEG-EPP:2\n"
        "PRE-MATR,Cambio de matrices,Prensas,9,PRE-OP:3\n"
        ",Sin código,Prensas,3,\n"
        "PRE-PAST,Pastas,Prensas,3,SEG-EPP\n",
    )
    assert result.exit_code == 1
    assert "skills.csv has 3 bad lines, so nothing was imported" in result.stderr
    assert "line 3: '9' is not a skill level" in result.stderr
    assert "line 4: A skill needs a code, like KILN-LOAD" in result.stderr
    assert "line 5: prerequisite 'SEG-EPP' needs a level: write CODE:LEVEL" in result.stderr
    assert plant_cli.json("skill", "list") == before

    unknown = tmp_path / "unknown.csv"
    header = "code,name,prerequisites\n"
    result = _import(
        plant_cli, unknown, header + "PRE-OP,Prensa,NOPE:2\nSEG-EPP,Otra vez,\nPRE-MATR,Matrices,PRE-OP:3\n"
    )
    assert result.exit_code == 1
    assert "line 2: unknown skill NOPE in the prerequisites" in result.stderr
    assert "line 3: skill SEG-EPP already exists" in result.stderr
    assert plant_cli.json("skill", "list") == before

    result = _import(plant_cli, unknown, header + "PRE-MATR,Matrices,PRE-OP:3\nPRE-OP,Prensa,SEG-EPP:2\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Imported 2 skills from unknown.csv."
    assert plant_cli.json("skill", "show", "PRE-MATR")["prerequisites"] == ["PRE-OP:3"]


def test_prerequisite_add_and_remove(plant_cli: Cli) -> None:
    result = plant_cli("skill", "prerequisite", "add", "HOR-CARGA", "SEG-EPP", "--level", "2", actor="0001")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Training in HOR-CARGA now needs SEG-EPP at level 2 (operates)."
    cycle = plant_cli("skill", "prerequisite", "add", "SEG-EPP", "HOR-CARGA", "--level", "1", actor="0001")
    assert cycle.exit_code == 1 and "HOR-CARGA already needs SEG-EPP" in cycle.stderr
    assert plant_cli("skill", "prerequisite", "remove", "HOR-CARGA", "SEG-EPP", actor="0001").exit_code == 0
    assert plant_cli.json("skill", "show", "HOR-CARGA")["prerequisites"] == []


# --- sessions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "Error: The hours must be above zero, not 0."),
        ("-2", "Error: The hours must be above zero, not -2."),
        ("dos", "Error: 'dos' is not a number of hours, like 2 or 1.5."),
    ],
)
def test_log_refuses_hours_not_above_zero(plant_cli: Cli, hours: str, message: str) -> None:
    result = plant_cli("training", "log", "SEG-EPP", "--hours", hours, actor="0002")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == message
    assert _sessions(plant_cli) == []


def test_log_refuses_a_future_date_unless_planned(plant_cli: Cli) -> None:
    ahead = (date.today() + timedelta(days=10)).isoformat()
    result = plant_cli("training", "log", "SEG-EPP", "--hours", "2", "--date", ahead, actor="0002")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {ahead} is in the future; to put a session on the calendar ahead of time, "
        "log it with --planned."
    )
    assert _sessions(plant_cli) == []
    planned = plant_cli.json(
        "training",
        "log",
        "SEG-EPP",
        "--hours",
        "2",
        "--date",
        ahead,
        "--planned",
        "--kind",
        "theory",
        actor="0002",
    )
    assert (planned["held_on"], planned["planned"], planned["status"], planned["kind"]) == (
        ahead,
        True,
        "planned",
        "theory",
    )
    early = plant_cli("training", "attend", str(planned["id"]), "0004", actor="0002")
    assert early.exit_code == 1 and "record its attendance once it has taken place" in early.stderr


def test_log_needs_level_4_or_an_outside_trainer(plant_cli: Cli) -> None:
    refused = plant_cli("training", "log", "HOR-CARGA", "--hours", "2", actor="0003")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: Inés Peña (#0003) cannot give a session in HOR-CARGA")
    assert "level 0 (none)" in refused.stderr
    assert _sessions(plant_cli) == []
    outside = plant_cli.json(
        "training", "log", "HOR-CARGA", "--hours", "2", "--outside", "Técnico del horno", actor="0003"
    )
    assert outside["trainer"] == "Técnico del horno (outside trainer)" and outside["outside_trainer"] is True
    not_trainer = plant_cli("training", "log", "HOR-CARGA", "--hours", "2", "--outside", "X", actor="0004")
    assert not_trainer.exit_code == 1 and "needs the trainer role" in not_trainer.stderr


def test_attend_assess_and_member_show(plant_cli: Cli) -> None:
    held = plant_cli.json("training", "log", "SEG-EPP", "--hours", "3", "--place", "Comedor", actor="0002")
    rows = plant_cli.json(
        "training", "attend", str(held["id"]), "0004", "Raúl Ibáñez", "--level", "2", actor="0002"
    )
    assert [(r["member"], r["hours"], r["assessed_level"]) for r in rows] == [
        ("Óscar Muñoz (#0004)", "3.00", 2),
        ("Raúl Ibáñez (#0005)", "3.00", 2),
    ]
    self_assessed = plant_cli("training", "attend", str(held["id"]), "0002", "--level", "3", actor="0002")
    assert self_assessed.exit_code == 1
    assert "cannot assess themselves" in self_assessed.stderr
    absent = plant_cli("training", "attend", str(held["id"]), "0006", "--absent", actor="0002")
    assert absent.exit_code == 0, absent.output
    shown = plant_cli.json("training", "show", str(held["id"]))
    assert (shown["present"], shown["absent"], shown["assessed"]) == (2, 1, 2)

    member = plant_cli.json("member", "show", "0004")
    [skill] = member["skills"]
    assert skill["skill"] == "SEG-EPP" and skill["level"] == 2 and skill["level_label"] == "operates"
    assert skill["expires_on"] is None and skill["expired"] is False
    table = plant_cli("member", "show", "0004")
    assert "Skills and certifications:" in table.stdout and "SEG-EPP" in table.stdout

    hours = plant_cli.json("training", "hours")
    assert {r["member"]: r["hours"] for r in hours["members"]} == {
        "Óscar Muñoz (#0004)": "3.00",
        "Raúl Ibáñez (#0005)": "3.00",
    }
    assert hours["trainers"] == [{"trainer": "Zofia Łukasiewicz (#0002)", "hours": "3.00", "sessions": 1}]


def test_lapsed_certification_in_member_show_matrix_and_coverage(plant_cli: Cli) -> None:
    result = plant_cli(
        "training",
        "assess",
        "0004",
        "HOR-QUEM",
        "3",
        "--date",
        "2024-01-10",
        "--outside",
        "Inspectora gasista",
        "--override-prerequisites",
        actor="0001",
    )
    assert result.exit_code == 0, result.output
    assert "the certification lapses on 2025-01-10" in result.stdout
    [skill] = plant_cli.json("member", "show", "0004")["skills"]
    assert (skill["skill"], skill["level"], skill["expired"], skill["lapsed_level"]) == (
        "HOR-QUEM",
        0,
        True,
        3,
    )
    assert skill["expires_on"] == "2025-01-10"

    matrix = plant_cli.json("training", "matrix", "--section", "Hornos")
    row = next(r for r in matrix if r["number"] == "0004")
    assert row["skills"] == {
        "HOR-QUEM": {"level": 0, "expired": True, "assessed_level": 3, "expires_on": "2025-01-10"}
    }
    table = plant_cli("training", "matrix", "--category", "Hornos")
    line = next(text for text in table.stdout.splitlines() if text.startswith("0004"))
    assert "×3" in line
    as_csv = plant_cli("training", "matrix", "--format", "csv")
    assert as_csv.stdout.splitlines()[0] == "number,name,section,HOR-CARGA,HOR-QUEM,SEG-EPP"

    coverage = {c["code"]: c for c in plant_cli.json("training", "coverage")}
    assert coverage["HOR-QUEM"]["qualified_members"] == ["Zofia Łukasiewicz (#0002)"]
    assert coverage["HOR-QUEM"]["status"] == "below_minimum"
    history = plant_cli.json("training", "history", "0004")
    assert [(h["skill"], h["level"], h["lapsed"]) for h in history] == [("HOR-QUEM", 3, True)]


def test_assessment_import_reports_unknown_members_and_skills_with_line_numbers(
    plant_cli: Cli, tmp_path: Path
) -> None:
    result = _import(
        plant_cli,
        tmp_path / "history.csv",
        "member,skill,level,assessed_on,assessor,outside_assessor\n"
        "9999,SEG-EPP,2,2026-03-01,0002,\n"
        "0004,NOPE,2,2026-03-01,0002,\n"
        "0005,SEG-EPP,2,1 de marzo,0002,\n"
        "0006,SEG-EPP,7,2026-03-01,,Bomberos\n"
        "0007,SEG-EPP,2,2026-03-01,,\n"
        "0008,SEG-EPP,2,2026-03-01,0002,\n",
        command="training",
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "Error: history.csv has 5 bad lines, so nothing was imported; fix them and import again:"
    )
    assert lines[1:] == [
        "  line 2: No member has the number or name '9999'",
        "  line 3: There is no skill with the code or name 'NOPE'",
        "  line 4: assessed_on '1 de marzo' is not a date like 2025-03-15",
        "  line 5: '7' is not a skill level",
        "  line 6: give either an assessor (member) or an outside_assessor (name), one of the two",
    ]
    assert plant_cli.json("training", "history", "0008") == []


def test_expiring_pipeline_and_documents(plant_cli: Cli, tmp_path: Path) -> None:
    soon = (date.today() - timedelta(days=365 - 20)).isoformat()
    assert (
        plant_cli(
            "training", "assess", "0004", "SEG-EPP", "2", "--date", soon, "--outside", "ART", actor="0001"
        ).exit_code
        == 0
    )
    result = plant_cli(
        "training", "assess", "0004", "HOR-QUEM", "3", "--date", soon, "--outside", "Gasista", actor="0001"
    )
    assert result.exit_code == 0, result.output
    expiring = plant_cli.json("training", "expiring", "--days", "60")
    mine = [e for e in expiring if e["member"] == "Óscar Muñoz (#0004)"]
    assert [(e["skill"], e["within_days"]) for e in mine] == [("HOR-QUEM", 30)]
    assert 19 <= mine[0]["days_left"] <= 21
    assert plant_cli("training", "assess", "0005", "SEG-EPP", "1", actor="0002").exit_code == 0
    pipeline = {p["code"]: p for p in plant_cli.json("training", "pipeline")}
    assert pipeline["SEG-EPP"]["supervised"] == ["Raúl Ibáñez (#0005)"]

    pdf = tmp_path / "matrix.pdf"
    written = plant_cli("training", "matrix", "--out", str(pdf))
    assert written.exit_code == 0, written.output
    assert pdf.read_bytes().startswith(b"%PDF")
    html = tmp_path / "coverage.html"
    assert plant_cli("training", "coverage", "--out", str(html)).exit_code == 0
    assert "Training coverage report" in html.read_text(encoding="utf-8")
    wrong = plant_cli("training", "matrix", "--out", str(tmp_path / "matrix.docx"))
    assert wrong.exit_code == 1 and "must end in .pdf, .html or .htm" in wrong.stderr


# --- rotation -------------------------------------------------------------------------------------------


def test_rotation_record_report_and_term_limit(plant_cli: Cli) -> None:
    bad = plant_cli("bylaws", "set", "term_limit.coordinator", "forever", actor="0001")
    assert bad.exit_code == 1
    assert "Bylaw term_limit.coordinator not changed: 'forever' is not a term limit" in bad.stderr
    assert (
        plant_cli("bylaws", "set", "term_limit.coordinator", "2 terms or 3 years", actor="0001").exit_code
        == 0
    )
    for start, end in (("2021-03-01", "2022-02-28"), ("2022-03-01", "2023-02-28")):
        recorded = plant_cli(
            "rotation", "record", "coordinator", "0004", "--start", start, "--end", end, actor="0001"
        )
        assert recorded.exit_code == 0, recorded.output
    assert (
        recorded.stdout.strip()
        == "Recorded Óscar Muñoz (#0004) as coordinator from 2022-03-01 to 2023-02-28."
    )
    third = plant_cli("rotation", "record", "coordinator", "0004", "--start", "2024-03-01", actor="0001")
    assert third.exit_code == 1
    assert third.stderr.strip() == (
        "Error: Óscar Muñoz (#0004) has already served 2 terms (24 months) as coordinator, and bylaw "
        "term_limit.coordinator allows at most 2 terms or 36 months in office; the assembly must elect "
        "someone else, or change that bylaw first."
    )
    unknown_role = plant_cli("rotation", "record", "boss", "0005", "--start", "2024-03-01", actor="0001")
    assert unknown_role.exit_code == 1 and "'boss' is not a rotating role" in unknown_role.stderr
    assert (
        plant_cli(
            "rotation", "record", "coordinator", "0005", "--start", "2024-03-01", actor="0001"
        ).exit_code
        == 0
    )

    report = plant_cli.json("rotation", "report")
    [coordinator] = report["roles"]
    assert coordinator["term_limit"] == "at most 2 terms or 36 months in office"
    assert coordinator["current"] == ["Raúl Ibáñez (#0005)"]
    assert coordinator["at_limit"] == ["Óscar Muñoz (#0004)"]
    assert coordinator["eligible"][0] == "Ana Núñez (#0001)"
    assert "Óscar Muñoz (#0004)" not in coordinator["eligible"]
    table = plant_cli("rotation", "report")
    assert "Coordinator — at most 2 terms or 36 months in office" in table.stdout
    assert "limit reached" in table.stdout
    ended = plant_cli("rotation", "end", "coordinator", "0005", "--date", "2026-02-28", actor="0001")
    assert ended.exit_code == 0, ended.output
    assert [t["ends_on"] for t in plant_cli.json("rotation", "list")] == [
        "2022-02-28",
        "2023-02-28",
        "2026-02-28",
    ]


def test_skill_update_and_nothing_to_change(plant_cli: Cli) -> None:
    result = plant_cli("skill", "update", "HOR-QUEM", "--minimum", "5", "--no-expiry", actor="0001")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Changed skill HOR-QUEM."
    shown = plant_cli.json("skill", "show", "HOR-QUEM")
    assert (shown["minimum_qualified"], shown["validity_months"], shown["certified"]) == (5, None, True)
    again = plant_cli("skill", "update", "HOR-QUEM", "--minimum", "5", actor="0001")
    assert again.exit_code == 1
    assert again.stderr.strip() == "Error: Nothing to change in skill HOR-QUEM: give what should change."
    assert [e["action"] for e in plant_cli.json("audit", "log")].count("coop.skill.changed") == 1


def test_attendance_hours_must_be_above_zero(plant_cli: Cli) -> None:
    held = plant_cli.json("training", "log", "SEG-EPP", "--hours", "3", actor="0002")
    result = plant_cli("training", "attend", str(held["id"]), "0004", "--hours", "0", actor="0002")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: The hours must be above zero, not 0."
    assert plant_cli.json("training", "show", str(held["id"]))["attendance"] == []


def test_every_training_report_counts_the_skills_own_qualifying_level(plant_cli: Cli, tmp_path: Path) -> None:
    """SEG-EPP counts level 2 as qualified: a member at level 2 is qualified in the skill, the
    pipeline and the coverage report, and "in training" in none of them; level 1 is in training."""
    for member, level in (("0004", "2"), ("0005", "1")):
        assessed = plant_cli("training", "assess", member, "SEG-EPP", level, "--outside", "ART", actor="0001")
        assert assessed.exit_code == 0, assessed.output
    shown = plant_cli.json("skill", "show", "SEG-EPP")
    assert shown["qualifying_level"] == 2
    assert "Óscar Muñoz (#0004)" in shown["qualified"]
    assert shown["in_training"] == ["Raúl Ibáñez (#0005)"]
    [pipeline] = plant_cli.json("training", "pipeline", "--skill", "SEG-EPP")
    assert (pipeline["operates"], pipeline["supervised"], pipeline["trainees"]) == (
        [],
        ["Raúl Ibáñez (#0005)"],
        1,
    )
    coverage = {line["code"]: line for line in plant_cli.json("training", "coverage")}
    assert "Óscar Muñoz (#0004)" in coverage["SEG-EPP"]["qualified_members"]
    assert coverage["SEG-EPP"]["trainees"] == ["Raúl Ibáñez (#0005), level 1"]
    html = tmp_path / "coverage.html"
    assert plant_cli("training", "coverage", "--out", str(html)).exit_code == 0
    assert "Óscar Muñoz (#0004), level 2" not in html.read_text(encoding="utf-8")


def test_skill_and_assessment_imports_read_a_spanish_spreadsheet(plant_cli: Cli, tmp_path: Path) -> None:
    skills = tmp_path / "competencias.csv"
    sheet = (
        "Código\tNombre\tCategoría\tDescripción\r\nPRE-MATR\tMatrices de prensa\tPrensas\tCambio y ajuste\r\n"
    )
    skills.write_bytes(sheet.encode("cp1252"))
    named = ["--delimiter", "tab", "--encoding", "windows-1252"]
    result = plant_cli("skill", "import", str(skills), *named, actor="0001")
    assert result.exit_code == 0, result.output
    assert plant_cli.json("skill", "show", "PRE-MATR")["category"] == "Prensas"
    history = tmp_path / "evaluaciones.csv"
    history.write_bytes(
        "\ufeffAsociado;Competencia;Nivel;Fecha de evaluación;Evaluador externo;Observaciones\r\n"
        "0004;SEG-EPP;2;2026-03-01;Aseguradora de Riesgos del Trabajo;Curso de Núñez\r\n".encode()
    )
    result = plant_cli("training", "import", str(history), "--encoding", "utf-8", actor="0001")
    assert result.exit_code == 0, result.output
    assert [row["note"] for row in plant_cli.json("training", "history", "0004")][-1] == "Curso de Núñez"
