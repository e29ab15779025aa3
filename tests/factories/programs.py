"""coop run as a person runs it: in-process through Typer's runner, or as the installed program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from tests.factories.context import FIXED_NOW

# A clean environment for each run: no language from the machine running the tests.
NO_LANGUAGE: dict[str, str | None] = {
    "COOP_LANG": None,
    "LANGUAGE": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "COOP_ACTOR": None,
}
# ... nor a database or a clock: documents printed at the tests' fixed moment.
CLEAN_ENV: dict[str, str | None] = {
    **NO_LANGUAGE,
    "COOP_DATABASE_URL": None,
    "COOP_NOW": FIXED_NOW.isoformat(),
}


def assert_refused(result: Result, message: str) -> None:
    """coop refused: exit status 1, nothing on stdout and the one sentence ``Error: message`` on stderr."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: {message}", result.stderr


class Cli:
    """Runs ``coop`` in-process against one database and keeps stdout and stderr apart."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, actor: str | None = None, input: str | None = None) -> Result:
        from coop.cli.main import app

        argv = ["--db", self.url]
        if actor is not None:
            argv += ["--as", actor]
        return self.runner.invoke(app, [*argv, *args], input=input, env={"COOP_ACTOR": ""})

    def json(self, *args: str, actor: str | None = None) -> Any:
        result = self(*args, "--format", "json", actor=actor)
        assert result.exit_code == 0, result.output + (result.stderr or "")
        return json.loads(result.stdout)

    def add_members(self, *names: str, total: int, others: str = "Socio {number}") -> None:
        """Ana Núñez (0001) as secretary, who adds ``names`` numbered from 0002 and then members
        called ``others`` (with their number) up to ``total`` members in all."""
        assert self("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
        unnamed = [others.format(number=number) for number in range(len(names) + 2, total + 1)]
        for number, name in enumerate([*names, *unnamed], start=2):
            added = self("member", "add", name, "--number", f"{number:04d}", actor="0001")
            assert added.exit_code == 0, added.output + (added.stderr or "")

    def open_assembly(
        self, *options: str, day: str = "2026-11-25", at: str = "18:00", place: str = "Comedor"
    ) -> Result:
        """Assembly called for ``day`` at ``at`` and opened in one step by the secretary (0001),
        chaired by 0002 and minuted by 0001; it must open."""
        opened = self(
            "assembly", "open", "--date", day, "--time", at, "--place", place,
            "--chair", "0002", "--secretary", "0001", *options, actor="0001",
        )  # fmt: skip
        assert opened.exit_code == 0, opened.output
        return opened


def coop_program(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The installed ``coop`` program in a process of its own, as a person runs it."""
    coop = Path(sys.executable).with_name("coop")
    environment = {**os.environ, "COOP_ACTOR": "", "COOP_LANG": "en"}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(coop), *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=environment, timeout=120
    )
