"""The lock files install what pyproject.toml asks for, at exact versions with hashes.

`make demo` and `make test` install from requirements/runtime.lock and requirements/dev.lock; when
a dependency is added to, removed from or changed in pyproject.toml, the locks must be compiled
again with `make lock`, and these tests say so.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO_ROOT = Path(__file__).resolve().parents[1]
HINT = "run `make lock` and commit requirements/"


def _load_lock_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coop_scripts_lock", REPO_ROOT / "scripts" / "lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


lock = _load_lock_script()
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(path: Path) -> dict[str, Version]:
    """Package name -> pinned version, read from a lock file."""
    found: dict[str, Version] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = Version(match.group(2))
    return found


LOCKS = {"runtime": lock.RUNTIME_LOCK, "dev": lock.DEV_LOCK}


@pytest.mark.parametrize("kind", LOCKS)
def test_each_lock_was_compiled_from_the_current_pyproject(kind: str) -> None:
    wanted = lock.requirements()[kind]
    assert lock.recorded_fingerprint(LOCKS[kind]) == lock.fingerprint(wanted), (
        f"{LOCKS[kind].relative_to(REPO_ROOT)} was compiled from other requirements than "
        f"pyproject.toml's: {HINT}"
    )


@pytest.mark.parametrize("kind", LOCKS)
def test_every_requirement_is_pinned_within_its_range(kind: str) -> None:
    pinned = pins(LOCKS[kind])
    problems = []
    for text in lock.requirements()[kind]:
        requirement = Requirement(text)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name} {version} is outside {requirement.specifier}")
    assert not problems, f"{LOCKS[kind].relative_to(REPO_ROOT)}: {'; '.join(problems)}: {HINT}"


def test_every_pin_has_hashes() -> None:
    for path in LOCKS.values():
        text = path.read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 3)[3])
        unhashed = [entry.split()[0] for entry in entries if "==" in entry and "--hash=sha256:" not in entry]
        assert not unhashed, f"{path.name} pins without a hash: {unhashed}: {HINT}"


def test_tests_run_the_versions_the_cooperative_runs() -> None:
    runtime, dev = pins(lock.RUNTIME_LOCK), pins(lock.DEV_LOCK)
    differing = {
        name: (str(version), str(dev.get(name)))
        for name, version in runtime.items()
        if dev.get(name) != version
    }
    assert not differing, f"runtime and dev locks differ (runtime, dev): {differing}: {HINT}"


def test_a_changed_dependency_is_noticed(tmp_path: Path) -> None:
    """The check itself: adding a dependency to pyproject.toml changes what the locks must record."""
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changed = tmp_path / "pyproject.toml"
    added = pyproject.replace("dependencies = [\n", 'dependencies = [\n    "cryptography>=44",\n', 1)
    changed.write_text(added, encoding="utf-8")
    before, after = lock.requirements(), lock.requirements(changed)
    assert "cryptography>=44" in after["runtime"] and "cryptography>=44" in after["dev"]
    assert lock.fingerprint(after["runtime"]) != lock.fingerprint(before["runtime"])
    assert lock.fingerprint(after["dev"]) != lock.fingerprint(before["dev"])
    assert "make lock" in HINT
