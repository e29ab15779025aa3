"""Every command's ``--help`` page, in English and in Spanish, as a person reads it.

Each page says what the command is for (its first line), describes every positional argument,
ends with an example drawn from the demo cooperative, shows no reST markup (````coop ...````) and
fits an 80-column terminal. The examples are real: each command's examples run against a copy of
the demo cooperative, after the steps that bring the demo to where the example starts (an open
election for a ballot command, a draft plan for a plan command), with the files they read.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer
from click.testing import CliRunner

from coop import db
from coop.cli.examples import EXAMPLES
from coop.cli.main import app

runner = CliRunner()
WIDTH = 80
CLOCK = {"COOP_NOW": "2026-11-25T18:00", "COOP_ACTOR": "", "COOP_DATABASE_URL": "", "COOP_LANG": ""}
HEADINGS = {"en": ("Example", "Arguments:", "[required]"), "es": ("Ejemplo", "Argumentos:", "[obligatorio]")}


def _leaves(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _leaves(sub, (*path, name))
    else:
        yield path


# The command tree, built once (Typer takes a tenth of a second to build it at every call of `app`).
ROOT = typer.main.get_command(app)
COMMANDS = sorted(_leaves(ROOT))
IDS = [" ".join(path) for path in COMMANDS]


def _help(language: str, *path: str) -> str:
    result = runner.invoke(ROOT, ["--lang", language, *path, "--help"], env=CLOCK)
    assert result.exit_code == 0, result.output
    return result.output


def _example_commands(page: str) -> list[list[str]]:
    """The command lines of a help page's example block (joined where a line ends in `` \\``)."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^  (Example|Ejemplo)", line))
    text = "\n".join(lines[start + 1 :]).replace(" \\\n", " ")
    return [shlex.split(line.strip()) for line in text.splitlines() if line.strip().startswith("coop ")]


def test_every_command_is_listed() -> None:
    assert len(COMMANDS) > 120
    assert ("member", "show") in COMMANDS and ("minutes",) in COMMANDS


def test_every_example_belongs_to_a_command() -> None:
    assert sorted(EXAMPLES) == sorted(IDS)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_help_page_has_purpose_described_arguments_and_example(path: tuple[str, ...], language: str) -> None:
    example, arguments_heading, required = HEADINGS[language]
    page = _help(language, *path)
    lines = page.splitlines()

    purpose = lines[2] if len(lines) > 2 else ""
    assert lines[1] == "" and purpose.startswith("  ") and len(purpose.strip()) > 10, page

    command = ROOT
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if arguments:
        section = lines[lines.index(arguments_heading) + 1 :]
        section = section[: section.index("")]
        starts = [i for i, row in enumerate(section) if re.match(r"^  \S", row)]
        assert len(starts) == len(arguments), page
        for start, end in zip(starts, [*starts[1:], len(section)], strict=True):
            metavar, _, description = section[start].strip().partition("  ")
            described = " ".join([description, *section[start + 1 : end]]).replace(required, "").strip()
            assert described, f"{' '.join(path)}: {metavar} has no description\n{page}"

    assert re.search(rf"^  {example}s?\b.*:$", page, re.MULTILINE), page
    examples = _example_commands(page)
    assert any(" ".join(path) in " ".join(argv) for argv in examples), page
    assert "``" not in page, page
    too_wide = [line for line in lines if len(line) > WIDTH]
    assert not too_wide, "\n".join(too_wide)


def _groups(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(command, click.Group):
        yield path
        for name, sub in command.commands.items():
            yield from _groups(sub, (*path, name))


GROUPS = list(_groups(ROOT))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", GROUPS, ids=[" ".join(path) or "coop" for path in GROUPS])
def test_group_help_fits_the_terminal_and_shows_no_markup(path: tuple[str, ...], language: str) -> None:
    page = _help(language, *path)
    assert "``" not in page, page
    assert not [line for line in page.splitlines() if len(line) > WIDTH], page


@pytest.mark.parametrize("language", ["en", "es"])
def test_root_help_says_where_the_examples_run(language: str) -> None:
    page = _help(language)
    assert "coop demo" in page and "--db demo/coop.db" in page, page


# --- The examples run -----------------------------------------------------------------------

# What the demo needs first for an example to start where it says (the demo as built: assembly 2
# open, elections 1, 2 and 3 closed, plan 1 approved).
ELECTION_3 = [
    "--as 0001 election create --title Auditor -c 0008 -c 0013 -c 0021 --assembly 2",
    "--as 0001 election open 4",
]
SLIPS = [*ELECTION_3, "--as 0001 ballot codes election:4 --out slips.pdf --spares 4"]
MOTION_7 = ["--as 0001 motion propose 2 --by 0003 --title Forklift --text 'Buy a forklift.'"]
DRAFT_PLAN_2 = "--as 0003 training plan propose --name Enero --from 2027-W02 --weeks 1"
MOTION_7_SECONDED = [*MOTION_7, "--as 0001 motion second 10 --by 0004"]
PLAN_2 = ["--as 0003 plan create March --from 2027-W09 --weeks 4"]
PLAN_2_SHORT = [*PLAN_2, "--as 0003 plan line add 2 PORC-4545 90000 2027-W10"]
PAPER_BATCH = [*SLIPS, "--as 0001 ballot cancel election:4 8 --paper"]
CALLED_3 = ["--as 0001 assembly call --date 2026-12-19 --time 18:00 --place Comedor --chair 0002"]
CALLED_3_AGENDA = [
    *CALLED_3,
    "--as 0001 assembly agenda add 3 --title 'Election of two members to sign the minutes'",
    "--as 0001 assembly agenda add 3 --title 'Winter plan' --kind plan-approval",
]
MASTER_PLAN = "--as 0003 master plan create 2027 --from 2027-01 --months 12"
LEVEL_SCENARIO = "--as 0003 master scenario add 2027 Level --level"

PREPARE: dict[str, list[str]] = {
    "assembly agenda add": CALLED_3,
    "assembly agenda move": CALLED_3_AGENDA,
    "assembly agenda remove": CALLED_3_AGENDA,
    "assembly agenda list": CALLED_3,
    "assembly agenda edit": CALLED_3_AGENDA,
    "assembly agenda postpone": [*CALLED_3_AGENDA, "--as 0001 assembly open 3"],
    "assembly agenda resume": [
        *CALLED_3_AGENDA,
        "--as 0001 assembly open 3",
        "--as 0001 assembly agenda postpone 3 2 --reason 'Not ready'",
    ],
    "assembly notice": CALLED_3,
    "assembly open": CALLED_3,
    "motion propose": [*CALLED_3_AGENDA, "--as 0001 assembly open 3"],
    "assembly second-call": [
        "--as 0001 bylaws set quorum.second_call_minutes 30",
        "--as 0001 assembly open --date 2026-11-25 --time 17:00 --place Comedor --chair 0002"
        " --secretary 0001",
    ],
    "assembly close": [],
    "assembly correct": ["--as 0001 assembly close 2 --closed-at 20:40"],
    "assembly attendance-fix": ["--as 0001 assembly close 2 --closed-at 20:40"],
    "assembly reopen": ["--as 0001 assembly close 2 --closed-at 20:40"],
    "motion second": MOTION_7,
    "motion edit": MOTION_7,
    "motion amend": MOTION_7_SECONDED,
    "motion withdraw": MOTION_7,
    "motion postpone": MOTION_7_SECONDED,
    "motion resume": [*MOTION_7_SECONDED, "--as 0001 motion postpone 10"],
    "motion open-vote": MOTION_7_SECONDED,
    "motion vote": [*MOTION_7_SECONDED, "--as 0001 motion open-vote 10 --method roll-call"],
    "motion roll-call": [*MOTION_7_SECONDED, "--as 0001 motion open-vote 10 --method roll-call"],
    "motion withdraw-vote": [
        *MOTION_7_SECONDED,
        "--as 0001 motion open-vote 10 --method roll-call",
        "--as 0001 motion vote 10 no --member 0004",
    ],
    "motion hand-count": [*MOTION_7_SECONDED, "--as 0001 motion open-vote 10 --method show-of-hands"],
    "motion object": [
        "--as 0001 motion propose 2 --kind consent --by 0005 --title Closing --text 'Close on 30 December.'",
        "--as 0001 motion open-vote 10",
    ],
    "motion resolve-objection": [
        "--as 0001 motion propose 2 --kind consent --by 0005 --title Closing --text 'Close on 30 December.'",
        "--as 0001 motion open-vote 10",
        "--as 0001 motion object 10 --by 0023 --reason 'A delivery.'",
    ],
    "motion close": [
        *MOTION_7_SECONDED,
        "--as 0001 motion open-vote 10 --method show-of-hands",
        "--as 0001 motion hand-count 10 --yes 30 --no 5",
    ],
    "election open": ELECTION_3[:1],
    "election list-add": ["--as 0001 election create --title Consejo --council --seats 3"],
    "election cast": ELECTION_3,
    "election close": [*ELECTION_3, "--as 0013 election cast 4 0021 0008"],
    "ballot codes": ELECTION_3,
    "ballot paper print": ELECTION_3,
    "ballot cancel": SLIPS,
    "ballot reissue": SLIPS,
    "ballot returned": SLIPS,
    "ballot paper enter": PAPER_BATCH,
    "ballot paper compare": [
        *PAPER_BATCH,
        "--as 0004 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0004",
        "--as 0005 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0005",
    ],
    "ballot paper accept": [
        *PAPER_BATCH,
        "--as 0004 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0004",
        "--as 0005 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0005",
    ],
    "ballot paper discard": [
        *PAPER_BATCH,
        "--as 0004 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0004",
    ],
    "ballot paper list": [
        *PAPER_BATCH,
        "--as 0004 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0004",
    ],
    "plan acknowledge": PLAN_2_SHORT,
    "training attend": ["--as 0002 training log HOR-QUEM --hours 3 --kind practice"],
    "ballot trackers": [
        *PAPER_BATCH,
        "--as 0004 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0004",
        "--as 0005 ballot paper enter election:4 batch-1.csv --batch 1 --teller 0005",
        "--as 0001 ballot paper accept election:4 --batch 1",
        "--as 0001 ballot returned election:4 1-7 9-42",
        "--as 0001 election close 4",
    ],
    "plan submit": [*PLAN_2, "--as 0003 plan line add 2 PORC-4545 100 2027-W10"],
    "plan propose-approval": [
        *PLAN_2,
        "--as 0003 plan line add 2 PORC-4545 100 2027-W10",
        "--as 0003 plan submit 2",
    ],
    "plan close": ["--as 0003 plan start 1"],
    "plan diff": ["--as 0003 plan revise 1"],
    "plan line add": PLAN_2,
    "plan line remove": [*PLAN_2, "--as 0003 plan line add 2 PORC-4545 100 2027-W10"],
    "plan line import": PLAN_2,
    # the demo's training plan 1 is approved: a second one, a draft, is edited, submitted, put to the assembly
    "training plan edit": [DRAFT_PLAN_2],
    "training plan submit": [DRAFT_PLAN_2],
    "training plan propose-approval": [DRAFT_PLAN_2, "--as 0003 training plan submit 2"],
    # what was made, for forecasts derived from it and checked against it
    "master forecast derive": ["--as 0003 plan start 1", "--as 0003 plan close 1 --file made.csv"],
    # a master plan and its scenarios
    "master scenario add": [MASTER_PLAN],
    "master scenario list": [MASTER_PLAN, LEVEL_SCENARIO],
    "master scenario show": [MASTER_PLAN, LEVEL_SCENARIO],
    "master plan show": [MASTER_PLAN, LEVEL_SCENARIO],
    "master propose-choice": [MASTER_PLAN, LEVEL_SCENARIO],
    "master capacity": [MASTER_PLAN, LEVEL_SCENARIO],
    "master compare": [MASTER_PLAN, LEVEL_SCENARIO, "--as 0003 master scenario add 2027 Chase --chase"],
    "master report": [MASTER_PLAN, LEVEL_SCENARIO, "--as 0003 master scenario add 2027 Chase --chase"],
    "master accuracy": [
        "--as 0003 master forecast set BALD-3030 2027-01 30000",
        "--as 0003 plan start 1",
        "--as 0003 plan close 1 --file made.csv",
    ],
}

# Examples that cannot run as printed: they type a random token the demo made (a voting code, a
# tracker); the commands themselves are run with real tokens in tests/votes and docs/.
NOT_RUN = {
    "ballot cast": "a voting code",
    "ballot verify": "a ballot tracker",
    "ballot key create": "a passphrase typed twice (tests/votes/test_sealed_ballots.py and docs/ make keys)",
    "election close": "the returning officer's key file and its passphrase (docs/returning-officer.md)",
    "access grant": "a PostgreSQL server (tests/access runs it)",
    "access revoke": "a PostgreSQL server (tests/access runs it)",
    "audit sign": "the returning officer's key file and its passphrase (tests/test_signed_checkpoints.py)",
}

# The files the examples read, under the English and the Spanish example's name.
FILES: dict[tuple[str, str], str] = {
    # an anchors file with no checkpoint yet (the demo's log is not signed)
    ("checkpoints.txt", "puntos-de-control.txt"): "# Checkpoints of the audit log\n",
    ("new-members.csv", "asociados-nuevos.csv"): (
        "number,name,section,roles,joined_on\n0061,Julieta Sosa,Hornos,,2026-11-20\n"
    ),
    ("roll-call.csv", "votacion-nominal.csv"): "number,choice\n0003,yes\n0005,no\n0006,abstain\n",
    ("batch-1.csv", "lote-1.csv"): "0013,0021\n0008\n0021,0013\n",
    # the votes of a council elected by lists (coop votes tabulate --method dhondt)
    ("lists.csv", "listas.csv"): "list,votes\nAzul,412\nBlanca,268\nCeleste,31\nen blanco,9\nnulo,4\n",
    ("made.csv", "fabricado.csv"): "line,actual_quantity\n"
    + "".join(f"{line},1000\n" for line in range(1, 41)),
    (
        "march.csv",
        "marzo.csv",
    ): "product,quantity,due_week,priority\nPORC-4545,2000,2027-W09,1\nBALD-3030,4000,2027-W10,1\n",
    ("orders.csv", "pedidos.csv"): (
        "customer,product,quantity,due_month,firm\nCorralón Güemes,BALD-3030,1200,2027-03,yes\n"
        "Obra Pérez,PORC-4545,800,2027-05,no\n"
    ),
    ("forecast.csv", "pronostico.csv"): (
        "product,month,quantity\nBALD-3030,2027-03,4000\nBALD-3030,2027-04,4200\n"
    ),
    ("bom.csv", "lista-de-materiales.csv"): "parent,component,quantity,scrap_pct\nBIZ-ZOC,ARC-ROJA,1,3\n",
    ("products.csv", "productos.csv"): "code,name,unit\nBALD-2020,Baldosa roja 20×20,m²\n",
    ("skills.csv", "competencias.csv"): (
        "code,name,category,safety_critical,certified,validity_months,minimum_qualified,qualifying_level,"
        "prerequisites,description\nHOR-ESM,Carga del horno de esmalte,Hornos,yes,no,,2,3,SEG-EPP:2,\n"
    ),
    ("stock.csv", "existencias.csv"): "material,quantity,counted_on\nPIG-GRIS,600,2026-11-24\n",
    ("work-centres.csv", "centros.csv"): (
        "code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct\nSECADERO,Secadero,8,3,7,1,95\n"
    ),
    (
        "closures.csv",
        "cierres.csv",
    ): "work_centre,date,reason\nHORNO-T,2027-01-18,Mantenimiento\n,2027-03-24,Feriado\n",
    ("routings.csv", "rutas.csv"): (
        "product,work_centre,minutes_per_unit,crew_size,skill,skill_level\nZOC-0830,ESMALTADO,1,2,ESM-LIN,3\n"
    ),
    ("required-skills.csv", "competencias-requeridas.csv"): (
        "work_centre,skill,min_level,min_qualified\nHORNO-T,HOR-CARGA,3,2\n"
    ),
    ("assessments.csv", "evaluaciones.csv"): (
        "member,skill,level,assessed_on,assessor,outside_assessor,note\n0039,SEG-EPP,2,2026-11-20,0005,,Curso\n"
    ),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("help-demo")
    result = runner.invoke(
        ROOT,
        ["--lang", "en", "demo", "--dir", str(folder / "demo")],
        env={**CLOCK, "COOP_NOW": "2026-11-25T08:00"},
    )
    assert result.exit_code == 0, result.output
    db.dispose_engines()  # its last writes move from the write-ahead log into coop.db, which is copied
    return folder / "demo"


def _run(argv: list[str], database: Path, language: str) -> None:
    """Run one command line on the demo copy, typed in the language of the help page it comes from."""
    if argv[0] != "--db" and argv[:2] != ["demo", "--dir"]:
        argv = ["--db", str(database), *argv]
    result = runner.invoke(ROOT, argv, env={**CLOCK, "COOP_LANG": language})
    assert result.exit_code == 0, f"coop {shlex.join(argv)}\n{result.output}"


RUN = [path for path, name in zip(COMMANDS, IDS, strict=True) if name not in NOT_RUN]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", RUN, ids=[" ".join(path) for path in RUN])
def test_examples_run_on_the_demo(
    path: tuple[str, ...], language: str, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = _example_commands(_help(language, *path))
    if language != "en" and commands == _example_commands(_help("en", *path)):
        pytest.skip("the same command lines as the English example")
    (tmp_path / "demo").mkdir()
    for part in demo.glob("coop.db*"):
        shutil.copy(part, tmp_path / "demo" / part.name)
    monkeypatch.chdir(tmp_path)
    for names, text in FILES.items():
        for name in names:
            (tmp_path / name).write_text(text, encoding="utf-8")
    database = tmp_path / "demo" / "coop.db"
    for step in PREPARE.get(" ".join(path), []):
        _run(shlex.split(step), database, "en")
    for argv in commands:
        _run(argv[1:], database, language)
