"""The ``coop`` program as a process of its own: exit statuses, and output that cannot be written.

The program ends without tearing the interpreter down (coop.cli.main.exit_now); these tests
check that nothing of what a person or a script relies on is lost on the way out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli


def coop_program(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """The installed ``coop`` program in a process of its own, as a person runs it."""
    coop = Path(sys.executable).with_name("coop")
    environment = {**os.environ, "COOP_ACTOR": "", "COOP_LANG": "en"}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(coop), *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=environment, timeout=120
    )


def _members(cli: Cli, count: int) -> None:
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    for number in range(2, count + 1):
        added = cli("member", "add", f"Jan Łukasiewicz {number}", "--number", f"{number:04d}", actor="0001")
        assert added.exit_code == 0


def test_statuses_and_a_committed_change_survive_the_fast_exit(cli: Cli) -> None:
    _members(cli, 2)
    added = coop_program("--db", cli.url, "--as", "0001", "member", "add", "Zofia Núñez", "--number", "0003")
    assert added.returncode == 0, added.stderr
    listed = coop_program("--db", cli.url, "member", "list", "--format", "csv")
    assert listed.returncode == 0 and "0003,Zofia Núñez" in listed.stdout
    assert coop_program("--db", cli.url, "member", "show", "0099").returncode == 1
    assert coop_program("--db", cli.url, "member", "lisst").returncode == 2


def test_a_reader_that_stops_early_gets_one_sentence_not_a_traceback(cli: Cli) -> None:
    _members(cli, 40)
    coop = Path(sys.executable).with_name("coop")
    reader = subprocess.Popen(
        [str(coop), "--db", cli.url, "member", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COOP_LANG": "en"},
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # as `coop member list | head -0` would
    errors = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 1
    assert errors.strip().splitlines() == [
        "Error: The output was closed before the command finished; nothing was saved."
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to fill the disk")
def test_output_to_a_full_disk_is_reported(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        helped = coop_program("--help", stdout=full)
    assert helped.returncode == 1
    assert helped.stderr.strip() == "Error: the output could not be written in full: No space left on device."
