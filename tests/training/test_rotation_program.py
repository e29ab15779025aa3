"""Every ``coop rotation`` command as a person runs it: the real program, in a process of its own.

In-process tests share one interpreter, where some earlier test has always imported every
model; a command run on its own only has the models it imported itself. A term refers to the
motion that elected the member, so recording one crashed ("could not find table 'motions'")
while every in-process test passed. These tests run each command as its own process, on a
fresh database and on the demo database.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coop import db
from tests.factories.context import FIXED_NOW
from tests.factories.programs import Cli, coop_program
from tests.factories.training import build_plant


def _run(url: str, *args: str) -> tuple[int, str, str]:
    done = coop_program("--db", url, "--as", "0001", *args)
    return done.returncode, done.stdout, done.stderr


def _json(url: str, *args: str):  # type: ignore[no-untyped-def]
    code, out, err = _run(url, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coop.demo import build_demo, demo_database_path

    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, now=FIXED_NOW)
    db.dispose_engines()  # folds the WAL into the file we copy
    return demo_database_path(folder)


def test_every_rotation_command_on_a_fresh_database(cli: Cli) -> None:
    with db.session_scope(db.engine_for(cli.url)) as session:
        build_plant(session, FIXED_NOW)
    url = cli.url

    code, out, err = _run(url, "rotation", "record", "coordinator", "0004", "--start", "2024-03-01")
    assert (code, err) == (0, ""), err
    assert out.strip() == "Recorded Óscar Muñoz (#0004) as coordinator from 2024-03-01."
    code, out, err = _run(
        url, "rotation", "record", "treasurer", "0005", "--start", "2022-01-01", "--end", "2023-12-31"
    )
    assert (code, err) == (0, ""), err
    # No motion exists yet: the number is refused in one sentence, and nothing is saved.
    code, out, err = _run(
        url, "rotation", "record", "treasurer", "0006", "--start", "2024-01-01", "--motion", "7"
    )
    assert code == 1
    assert err.strip() == "Error: There is no motion 7; see them with: coop motion list ASSEMBLY"

    code, out, err = _run(url, "rotation", "end", "coordinator", "0004", "--date", "2026-02-28")
    assert (code, err) == (0, ""), err
    assert out.strip() == "The term of Óscar Muñoz (#0004) as coordinator ends on 2026-02-28."

    terms = _json(url, "rotation", "list")
    assert [(t["role"], t["member"], t["starts_on"], t["ends_on"]) for t in terms] == [
        ("treasurer", "Raúl Ibáñez (#0005)", "2022-01-01", "2023-12-31"),
        ("coordinator", "Óscar Muñoz (#0004)", "2024-03-01", "2026-02-28"),
    ]
    code, out, err = _run(url, "rotation", "list")
    assert code == 0 and "Óscar Muñoz (#0004)" in out, err
    report = _json(url, "rotation", "report", "--on", "2026-11-25")
    assert [g["role"] for g in report["roles"]] == ["coordinator", "treasurer"]
    code, out, err = _run(url, "rotation", "report")
    assert code == 0 and "Coordinator — no term limit" in out, err


def test_every_rotation_command_on_the_demo_database(demo_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "coop.db"
    shutil.copyfile(demo_template, path)
    url = str(path)

    code, out, err = _run(url, "rotation", "end", "coordinator", "0003", "--date", "2026-02-28")
    assert (code, err) == (0, ""), err
    # Motion 1 of the demo's first assembly was adopted; motion 4 was not.
    code, out, err = _run(
        url, "rotation", "record", "coordinator", "0005", "--start", "2026-03-01", "--motion", "4"
    )
    assert code == 1
    assert err.strip() == (
        "Error: Motion 4 (Reforma del artículo 34) was not adopted (it is not adopted); "
        "a term needs the motion that elected the member."
    )
    code, out, err = _run(
        url, "rotation", "record", "coordinator", "0005", "--start", "2026-03-01", "--motion", "1"
    )
    assert (code, err) == (0, ""), err
    assert out.strip() == "Recorded Óscar Muñoz (#0005) as coordinator from 2026-03-01."

    terms = _json(url, "rotation", "list", "--role", "coordinator")
    assert [(t["member"], t["ends_on"], t["motion_id"]) for t in terms][-2:] == [
        ("Raúl Ibáñez (#0003)", "2026-02-28", None),
        ("Óscar Muñoz (#0005)", None, 1),
    ]
    report = _json(url, "rotation", "report", "--role", "coordinator", "--on", "2026-11-25")
    [coordinator] = report["roles"]
    assert coordinator["current"] == ["Óscar Muñoz (#0005)"]
    code, out, err = _run(url, "rotation", "report")
    assert code == 0 and "Coordinator — at most 2 terms" in out, err
    # Every column has a heading a person reads (an empty one printed the catalogue's header).
    code, out, err = _run(url, "--lang", "es", "rotation", "report")
    assert code == 0 and "Coordinador — como máximo 2 mandatos" in out, err
    assert "Project-Id-Version" not in out and "Nota" in out
    code, out, err = _run(url, "rotation", "list")
    assert code == 0 and "Óscar Muñoz (#0005)" in out, err
    # The table names roles in the reader's language; JSON keeps the stored word.
    code, out, err = _run(url, "--lang", "es", "rotation", "list")
    assert code == 0 and "coordinador de sección" in out and "section_coordinator" not in out, err
