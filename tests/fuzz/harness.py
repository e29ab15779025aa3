"""Every importer run on a copy of the demo cooperative with a file it was not made for.

Shared by the fuzz tests (tests/fuzz/) and benchmarks/fuzz_importers.py. An importer is a command
line that reads one file (``{file}`` in its arguments), what the demo needs first for it to start
where its example starts (from tests/cli/test_help_pages.py), and a good file to mutate. The
outcome of a run is judged by one rule (:func:`judge`): exit 0, 1 or 2 only, never an internal
error, a message under 4,000 characters, and the database as it was whenever the file is refused.
"""

from __future__ import annotations

import contextlib
import json
import random
import shlex
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

CLOCK = {"COOP_NOW": "2026-11-25T18:00", "COOP_ACTOR": "", "COOP_DATABASE_URL": "", "COOP_LANG": "en"}
LONGEST_MESSAGE = 4_000

ELECTION_2 = [
    "--as 0001 election create --title Auditor -c 0008 -c 0013 -c 0021 --assembly 2",
    "--as 0001 election open 4",
]
PAPER_BATCH = [
    *ELECTION_2,
    "--as 0001 ballot codes election:4 --out slips.pdf --spares 4",
    "--as 0001 ballot cancel election:4 8 --paper",
]
MOTION_7_ROLL_CALL = [
    "--as 0001 motion propose 2 --by 0003 --title Forklift --text 'Buy a forklift.'",
    "--as 0001 motion second 10 --by 0004",
    "--as 0001 motion open-vote 10 --method roll-call",
]
PLAN_2 = ["--as 0003 plan create March --from 2027-W09 --weeks 4"]

# The rules of a one-seat instant-runoff count, in the conformance rules.json format.
RULES = {
    "format": "rcv-conformance-case/1",
    "title": "Auditor",
    "candidates": ["Ana", "Bea", "Carla"],
    "excluded_candidates": [],
    "seats": 1,
    "election_mode": "single_winner",
    "threshold": {"name": "majority"},
    "decimal_places": 1,
    "overvote": "skip_to_next_rank",
    "max_consecutive_skipped_ranks": 0,
    "duplicate_ranking": "ignore_duplicate",
    "batch_elimination": False,
    "continue_until_two_remain": False,
    "threshold_fixed_after_round_1": False,
    "max_rankings": 3,
    "stop_after_round": None,
    "tiebreak": {"mode": "random", "seed": 0},
}


@dataclass(frozen=True)
class Importer:
    """One command that reads a file: its arguments (``{file}`` where the file goes), its set-up,
    and a good file to mutate."""

    name: str
    argv: str
    seed: bytes
    prepare: tuple[str, ...] = ()
    extra: tuple[tuple[str, bytes], ...] = ()  # other files the command reads, unchanged

    def command(self, file: Path) -> list[str]:
        return [part.replace("{file}", str(file)) for part in shlex.split(self.argv)]


IMPORTERS: tuple[Importer, ...] = (
    Importer(
        "member import",
        "--as 0001 member import {file}",
        b"number,name,section,roles,joined_on\n"
        b"0061,Julieta Sosa,Hornos,,2026-11-20\n0062,Rosa Paz,Prensas,,\n",
    ),
    Importer(
        "motion roll-call",
        "--as 0001 motion roll-call 10 --file {file}",
        b"number,choice\n0003,yes\n0005,no\n0006,abstain\n",
        tuple(MOTION_7_ROLL_CALL),
    ),
    Importer(
        "assembly attend",
        "--as 0001 assembly attend 2 --file {file} --at 2026-11-25T17:55",
        b"number\n0057\n0058\n",
    ),
    Importer(
        "ballot paper enter",
        "--as 0004 ballot paper enter election:4 {file} --batch 1 --teller 0004",
        b"0013,0021\n0008\n0021,0013\n\n0008,0013,0021\n",
        tuple(PAPER_BATCH),
    ),
    Importer(
        "plan close",
        "--as 0003 plan close 1 --file {file}",
        ("line,actual_quantity\n" + "".join(f"{line},1000\n" for line in range(1, 41))).encode(),
        ("--as 0003 plan start 1",),
    ),
    Importer(
        "plan line import",
        "--as 0003 plan line import 2 {file}",
        b"product,quantity,due_week,priority\nPORC-4545,2000,2027-W09,1\nBALD-3030,4000,2027-W10,1\n",
        tuple(PLAN_2),
    ),
    Importer(
        "product import",
        "--as 0003 product import {file}",
        "code,name,unit\nBALD-2020,Baldosa roja 20×20,m²\n".encode(),
    ),
    Importer(
        "product bom import",
        "--as 0003 product bom import {file}",
        b"parent,component,quantity,scrap_pct\nBIZ-ZOC,ARC-ROJA,1,3\n",
    ),
    Importer(
        "material import",
        "--as 0003 material import {file}",
        b"material,quantity,counted_on\nPIG-GRIS,600,2026-11-24\n",
    ),
    Importer(
        "workcentre import",
        "--as 0003 workcentre import {file}",
        b"code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct\n"
        b"SECADERO,Secadero,8,3,7,1,95\n",
    ),
    Importer(
        "workcentre import-closures",
        "--as 0003 workcentre import-closures {file}",
        b"work_centre,date,reason\nHORNO-T,2027-01-18,Mantenimiento\n,2027-03-24,Feriado\n",
    ),
    Importer(
        "workcentre routing import",
        "--as 0003 workcentre routing import {file}",
        b"product,work_centre,minutes_per_unit,crew_size,skill,skill_level\nZOC-0830,ESMALTADO,1,2,ESM-LIN,3\n",
    ),
    Importer(
        "skill import",
        "--as 0001 skill import {file}",
        b"code,name,category,safety_critical,certified,validity_months,minimum_qualified,qualifying_level,"
        b"prerequisites,description\nHOR-ESM,Carga del horno de esmalte,Hornos,yes,no,,2,3,SEG-EPP:2,\n",
    ),
    Importer(
        "training import",
        "--as 0002 training import {file}",
        b"member,skill,level,assessed_on,assessor,outside_assessor,note\n0039,SEG-EPP,2,2026-11-20,0005,,Curso\n",
    ),
    Importer(
        "votes tabulate (ballots)",
        "votes tabulate {file} --rules rules.json",
        b"weight,rank1,rank2,rank3\n3,Ana,Bea,\n2,Bea,Carla,Ana\n2,Carla,,\n",
        extra=(("rules.json", json.dumps(RULES).encode()),),
    ),
    Importer(
        "votes tabulate (rules)",
        "votes tabulate ballots.csv --rules {file}",
        json.dumps(RULES).encode(),
        extra=(("ballots.csv", b"weight,rank1,rank2,rank3\n3,Ana,Bea,\n2,Bea,Carla,Ana\n2,Carla,,\n"),),
    ),
    Importer(
        "votes tabulate (blt)",
        "votes tabulate {file} --input-format blt",
        b'3 1\n3 1 2 0\n2 2 3 1 0\n2 3 0\n0\n"Ana"\n"Bea"\n"Carla"\n"Election"\n',
    ),
    Importer(
        "election create (rules)",
        "--as 0001 election create --title Auditor -c 0008 -c 0013 --assembly 2 --rules {file}",
        json.dumps(RULES).encode(),
    ),
)


@dataclass(frozen=True)
class Outcome:
    """What one run of an importer showed."""

    exit_code: int
    message: str
    changed: bool  # the database differs from before

    def problems(self) -> list[str]:
        """Every way this run broke the rule: exit 0/1/2, no internal error, a short message,
        the database unchanged when the file is refused."""
        found = []
        if self.exit_code not in (0, 1, 2):
            found.append(f"exit code {self.exit_code}")
        if "internal error" in self.message.lower() or "Traceback" in self.message:
            found.append("internal error: " + self.message[:300])
        if self.exit_code != 0 and len(self.message) >= LONGEST_MESSAGE:  # a refusal, not a report
            found.append(f"a message of {len(self.message)} characters")
        if self.exit_code != 0 and self.changed:
            found.append("refused, yet the database changed")
        return found


def snapshot(database: Path) -> dict[str, int]:
    """Rows per table: what a refused import must leave as it was."""
    with sqlite3.connect(database) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


runner = CliRunner()


def run(argv: list[str], database: Path | None, folder: Path | None = None) -> tuple[int, str]:
    """``coop`` in-process, on ``database`` (or none), in ``folder`` (the database's by default);
    its exit code and everything it printed."""
    from coop import db
    from coop.cli.main import app

    full = ["--db", str(database), *argv] if database is not None else argv
    with contextlib.chdir(folder or (database.parent if database is not None else Path.cwd())):
        result = runner.invoke(app, full, env=CLOCK)
    db.dispose_engines()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 99, f"internal error: {type(result.exception).__name__}: {result.exception}"
    return result.exit_code, result.output


def build_demo(folder: Path) -> Path:
    """The demo cooperative, built once; its database file."""
    code, output = run(["--lang", "en", "demo", "--dir", str(folder / "demo")], None, folder)
    assert code == 0, output
    return folder / "demo" / "coop.db"


def prepared(importer: Importer, demo: Path, folder: Path) -> Path:
    """A copy of the demo, set up for ``importer``, with the other files it reads beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "coop.db"
    shutil.copy(demo, database)
    for name, content in importer.extra:
        (folder / name).write_bytes(content)
    for step in importer.prepare:
        code, output = run(shlex.split(step), database)
        assert code == 0, f"{step}: {output}"
    return database


def attempt(importer: Importer, content: bytes, database: Path, spare: Path) -> Outcome:
    """Run ``importer`` on ``content`` against ``database``; a success is undone from ``spare``."""
    folder = database.parent
    file = folder / "input.csv"
    file.write_bytes(content)
    before = snapshot(database)
    code, message = run(importer.command(file), database)
    changed = snapshot(database) != before
    if code == 0 or changed:
        shutil.copy(spare, database)
    return Outcome(code, message, changed)


# --- Mutations: what a garbled file, a careless export or a hostile one holds ----------------


def _cells(content: bytes, seed: int) -> tuple[int, int]:
    """Where a cell starts and ends in ``content``: after a separator or a line end, chosen by ``seed``."""
    starts = [0] + [i + 1 for i, byte in enumerate(content) if byte in b",;\t\n"]
    start = starts[seed % len(starts)]
    end = start
    while end < len(content) and content[end] not in b",;\t\r\n":
        end += 1
    return start, end


def _replace_cell(content: bytes, seed: int, value: bytes) -> bytes:
    start, end = _cells(content, seed)
    return content[:start] + value + content[end:]


def _insert_cell(content: bytes, seed: int, value: bytes) -> bytes:
    start, _end = _cells(content, seed)
    return content[:start] + value + content[start:]


def _flip(content: bytes, seed: int) -> bytes:
    if not content:
        return bytes([seed % 256])
    position = seed % len(content)
    return content[:position] + bytes([(seed >> 8) % 256]) + content[position + 1 :]


def _cut(content: bytes, seed: int) -> bytes:
    if not content:
        return content
    start = seed % len(content)
    return content[:start] + content[start + (seed >> 10) % 40 :]


def _duplicate_lines(content: bytes, seed: int) -> bytes:
    lines = content.splitlines(keepends=True)
    line = lines[seed % len(lines)] if lines else b"x\n"
    return content + line * (1 + seed % 3000)


def _garbage_lines(content: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    return content + b"".join(
        bytes(rng.choice(b"abc,;\"'0123456789 -=+@\t.") for _ in range(rng.randint(1, 40))) + b"\n"
        for _ in range(rng.randint(1, 2000))
    )


def _duplicate_header(content: bytes, seed: int) -> bytes:
    header, _, rest = content.partition(b"\n")
    first = header.split(b",")[seed % max(1, len(header.split(b",")))]
    return header + b"," + first + b"\n" + rest


def _nested_json(content: bytes, seed: int) -> bytes:
    depth = 1000 + seed % 200_000
    return _insert_cell(content, seed, b"[" * depth + b"]" * (depth * (seed % 2)))


MUTATIONS: tuple[Callable[[bytes, int], bytes], ...] = (
    _flip,
    _cut,
    lambda content, seed: content.replace(b"\r\n", b"\n").replace(b"\n", b"\r"),  # "CSV (Macintosh)"
    lambda content, seed: _insert_cell(content, seed, b'"'),  # an unterminated quote
    _duplicate_header,
    lambda content, seed: _replace_cell(content, seed, b"9" * (4301 + seed % 20_000)),
    lambda content, seed: _replace_cell(
        content, seed, b"-1" + b"0" * (seed % 400) + b"e" + str(seed).encode()
    ),
    lambda content, seed: _insert_cell(content, seed, b"\x00"),
    lambda content, seed: _replace_cell(content, seed, b"A" * (131_073 + seed % 100_000)),
    lambda content, seed: _replace_cell(content, seed, b"x" * (200 + seed % 5_000)),
    lambda content, seed: _insert_cell(content, seed, b"a\rb"),  # a carriage return inside a cell
    _duplicate_lines,
    _garbage_lines,
    _nested_json,
    lambda content, seed: _insert_cell(content, seed, b"\x1b]0;pwned\x07\x1b[31m=cmd|' /C calc'!A0"),
    lambda content, seed: _replace_cell(content, seed, "Ñandú ẞ 𝔘 \u202e".encode()),
    lambda content, seed: content[: seed % (len(content) + 1)],
    lambda content, seed: b"",
    lambda content, seed: content + b"\n\n,,,,\n;;;\n\t\t\n",
    lambda content, seed: content.decode("utf-8", "replace").encode("utf-16"),
    lambda content, seed: _replace_cell(content, seed, b"NaN" if seed % 2 else b"-Infinity"),
    lambda content, seed: _replace_cell(content, seed, b"1e999999999"),
    lambda content, seed: _replace_cell(content, seed, b'"a""b"' + b'"' * (seed % 3)),
)


def mutate(content: bytes, steps: Sequence[tuple[int, int]]) -> bytes:
    """``content`` changed by each (mutation, seed) of ``steps`` in turn (indexes wrap around)."""
    for index, seed in steps:
        content = MUTATIONS[index % len(MUTATIONS)](content, seed)
    return content
