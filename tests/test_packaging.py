"""The CLI starts fast and a plain (non-editable) install works from the wheel alone."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.wheels import build_wheel

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['coop', '--help']\n"
        "from coop.cli.main import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy_modules = ('sqlalchemy', 'weasyprint', 'alembic', 'jinja2', 'psycopg')\n"
        "heavy = sorted(m for m in heavy_modules if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY=\n" in result.stdout, result.stdout[-300:]


def test_every_command_has_help_text() -> None:
    from typer.main import get_command

    from coop.cli.main import app

    root = get_command(app)

    def walk(command, path):  # type: ignore[no-untyped-def]
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    missing = [" ".join(path) for path, command in walk(root, ["coop"]) if not (command.help or "").strip()]
    assert missing == []


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the development environment, so the test needs no network;
    # the wheel's own coop (with its templates and migrations) comes first on the path.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dev-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOP_")}
    coop = [str(python), "-m", "coop.cli"]
    located = subprocess.run(
        [
            str(python),
            "-c",
            "import coop, coop.resources as r; print(coop.__file__); print(r.resource_dir('migrations'))",
        ],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(venv) in located.splitlines()[0] and str(venv) in located.splitlines()[1]
    init = subprocess.run(
        [*coop, "init", "--name", "Cooperativa Núñez"], cwd=work, env=env, capture_output=True, text=True
    )
    assert init.returncode == 0, init.stderr
    listed = subprocess.run(
        [*coop, "member", "list", "--format", "json"], cwd=work, env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
    assert (work / "coop.db").exists()
