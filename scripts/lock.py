"""Compile the lock files from pyproject.toml: `make lock` (or `python scripts/lock.py`).

requirements/runtime.lock  what `make demo` installs: coop's dependencies and its build backend
                           (hatchling, with editables for the editable install), so that coop
                           itself installs with --no-build-isolation and nothing comes unlocked;
requirements/dev.lock      what `make test` installs: the same versions plus the development extra.

Both are compiled by uv for every platform and Python coop supports (--universal), with the
hash of every file. Each lock's header records a fingerprint of the requirements it was compiled
from; tests/test_locks.py compares it with pyproject.toml and names `make lock` when they differ.
Run with --check to only compare (exit 1 when a lock is out of date).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements"
RUNTIME_LOCK = REQUIREMENTS / "runtime.lock"
DEV_LOCK = REQUIREMENTS / "dev.lock"
FINGERPRINT_PREFIX = "# requirements fingerprint: "
# What hatchling asks for to install coop in editable mode (`pip install -e .`), as the Makefile does:
# the wheel's force-included folders make it use the editables package.
EDITABLE_BUILD_REQUIRES = ["editables>=0.5"]
# The oldest Python coop supports: the universal lock resolves for it and every newer one.
PYTHON_VERSION = "3.11"


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, list[str]]:
    """The requirement strings each lock is compiled from, as pyproject.toml states them."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    runtime = [*data["project"]["dependencies"], *data["build-system"]["requires"], *EDITABLE_BUILD_REQUIRES]
    return {
        "runtime": sorted(runtime),
        "dev": sorted(runtime + list(data["project"]["optional-dependencies"]["dev"])),
    }


def fingerprint(requirement_strings: list[str]) -> str:
    text = json.dumps(sorted(requirement_strings), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def recorded_fingerprint(lock: Path) -> str | None:
    if not lock.exists():
        return None
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(FINGERPRINT_PREFIX):
            return line.removeprefix(FINGERPRINT_PREFIX).strip()
    return None


def stale_locks() -> list[str]:
    """The lock files whose recorded fingerprint differs from pyproject.toml's requirements."""
    wanted = requirements()
    return [
        str(lock.relative_to(ROOT))
        for lock, kind in ((RUNTIME_LOCK, "runtime"), (DEV_LOCK, "dev"))
        if recorded_fingerprint(lock) != fingerprint(wanted[kind])
    ]


def _uv() -> str:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(uv).exists():
        sys.exit("uv is not installed: run `make lock`, which installs the development tools first.")
    return uv


def _compile(requirement_strings: list[str], output: Path, constraints: list[Path], upgrade: bool) -> None:
    # uv runs in a scratch folder so that the "# via" notes name files, not temporary paths.
    with tempfile.TemporaryDirectory() as scratch:
        Path(scratch, "pyproject.in").write_text("\n".join(requirement_strings) + "\n", encoding="utf-8")
        command = [
            _uv(), "pip", "compile", "pyproject.in", "--quiet", "--universal", "--generate-hashes",
            "--python-version", PYTHON_VERSION, "--no-header", "--annotation-style", "line",
            "--output-file", output.name,
        ]
        if output.exists():  # the current pins are kept unless --upgrade or pyproject.toml asks otherwise
            shutil.copy(output, Path(scratch, output.name))
        for constraint in constraints:
            shutil.copy(constraint, Path(scratch, constraint.name))
            command += ["--constraint", constraint.name]
        if upgrade:
            command.append("--upgrade")
        subprocess.run(command, check=True, cwd=scratch)
        compiled = Path(scratch, output.name).read_text(encoding="utf-8")
    header = (
        f"# {output.name}: compiled by `make lock` (uv pip compile --universal --generate-hashes,\n"
        f"# Python {PYTHON_VERSION} and newer) from pyproject.toml; do not edit by hand.\n"
        f"{FINGERPRINT_PREFIX}{fingerprint(requirement_strings)}\n"
    )
    output.write_text(header + compiled, encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_locks()
        for name in stale:
            print(f"{name} does not match pyproject.toml: run `make lock`.", file=sys.stderr)
        return 1 if stale else 0
    upgrade = "--upgrade" in argv
    REQUIREMENTS.mkdir(exist_ok=True)
    wanted = requirements()
    _compile(wanted["runtime"], RUNTIME_LOCK, [], upgrade)
    # The development lock keeps every runtime version: tests run what the cooperative runs.
    _compile(wanted["dev"], DEV_LOCK, [RUNTIME_LOCK], upgrade)
    print(f"Wrote {RUNTIME_LOCK.relative_to(ROOT)} and {DEV_LOCK.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
