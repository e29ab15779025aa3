"""The documented Python API: the script of docs/python-api.md runs as written, every method is
documented, and importing the API stays light (as sqlite-utils' tests/test_docs.py keeps its docs true).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import coop.api
from coop.api import Coop, CoopError
from coop.errors import PermissionDenied
from coop.members.models import Role
from tests.factories.keys import TEST_KEY

REPO_ROOT = Path(__file__).resolve().parents[1]
GUIDE = REPO_ROOT / "docs" / "python-api.md"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[tuple[str, str]]:
    """The guide's fenced blocks of one kind, as (what follows the language, text)."""
    return [
        (info.strip(), text) for found, info, text in FENCE.findall(GUIDE.read_text("utf-8")) if found == kind
    ]


_DOMAIN_CLASS_NAMES = {
    "members": "Members",
    "bylaws": "Bylaws",
    "cooperative": "TheCooperative",
    "assemblies": "Assemblies",
    "votes": "Votes",
    "elections": "Elections",
    "training": "Training",
    "plans": "Plans",
    "master": "Master",
    "audit": "Audit",
    "access": "Access",
}


def _public_methods(cls: type) -> list[tuple[str, object]]:
    return [(name, member) for name, member in inspect.getmembers(cls) if not name.startswith("_")]


def test_the_guide_script_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COOP_DATABASE_URL", raising=False)
    for info, text in _blocks("csv"):
        (tmp_path / info).write_text(text, encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "guide"}
    for _info, code in _blocks("python"):
        exec(compile(code, str(GUIDE), "exec"), namespace)
    printed = capsys.readouterr().out

    assert len(namespace["imported"]) == 5  # type: ignore[arg-type]
    assert namespace["decision"].adopted  # type: ignore[attr-defined]
    assert (tmp_path / "minutes.pdf").read_bytes().startswith(b"%PDF")
    assert "Second kiln" in (tmp_path / "minutes.html").read_text(encoding="utf-8")
    for _info, expected in _blocks("text"):
        for line in expected.splitlines():
            assert line in printed, f"the guide shows {line!r}, the script printed:\n{printed}"
    assert "Audit log intact: True" in printed
    with Coop.open(tmp_path / "coop.db") as c:
        assert c.members.count_active_members() == 5  # the refused sixth member was rolled back
        assert c.votes.find_motion(1).status.value == "adopted"
        assert c.assemblies.find_assembly(1).status.value == "closed"


def test_coop_binds_one_transaction_the_actor_and_the_clock(db_url: str) -> None:
    """On SQLite and PostgreSQL: work is saved with the block, an error undoes all of it."""
    moment = datetime(2026, 11, 25, 18, 0)
    Coop.init(db_url, name="Cooperativa de Prueba", now=moment)
    with Coop.open(db_url, now=moment) as c:
        c.members.add_member("Ana Núñez", number="0001", roles="secretary")
        for number, name in [("0002", "Bruno Díaz"), ("0003", "Carla Ortiz"), ("0004", "David Paz")]:
            c.acting_as("0001").members.add_member(name, number=number)  # the secretary from now on
    with pytest.raises(PermissionDenied), Coop.open(db_url, actor="0002", now=moment) as c:
        c.members.grant_role("0003", "trainer")  # refused, and nothing of the block is kept
    with Coop.open(db_url, actor="0001", now=moment) as c:
        assert c.actor.label == c.members.find_member("0001").label
        assert c.now == moment and c.language == "en"
        assembly = c.assemblies.open_assembly(called_for=moment, place="Hall", chair="0001", secretary="0001")
        c.assemblies.record_arrivals(assembly, ["0001", "0002", "0003", "0004"])
        election = c.elections.create_election(
            title="Council", seats=1, candidates=["0002", "0003"], assembly=assembly.id
        )
        c.elections.open_election(election)
        for voter, ranking in [
            ("0001", ["0002"]),
            ("0002", ["0002"]),
            ("0003", ["0003"]),
            ("0004", ["0002"]),
        ]:
            c.acting_as(voter).elections.cast_election_ballot(election, ranking)
        assert c.elections.close_election(election, officer_key=TEST_KEY)["winners"] == ["Bruno Díaz"]
    with Coop.open(db_url) as c:
        assert not c.members.find_member("0003").has_role(Role.trainer)
        assert c.audit.verify_chain().intact


def test_a_coop_over_a_session_someone_else_owns(session, now: datetime) -> None:  # type: ignore[no-untyped-def]
    from coop.members.cooperative import set_up_cooperative

    set_up_cooperative(session, name="Cooperativa de Prueba", language=None, now=now)
    c = Coop(session, now=now)
    c.members.add_member("Ana Núñez", number="0001", roles=["secretary"])
    assert c.acting_as("0001").actor.member is c.members.find_member("0001")
    assert c.at(datetime(2027, 1, 1)).now == datetime(2027, 1, 1)
    with pytest.raises(CoopError):
        c.acting_as("9999")


@pytest.mark.parametrize("attribute", list(_DOMAIN_CLASS_NAMES))
def test_every_public_method_has_a_docstring_and_is_in_the_guide(attribute: str) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    cls = getattr(coop.api, _DOMAIN_CLASS_NAMES[attribute])
    assert f"`c.{attribute}`" in guide
    assert inspect.getdoc(cls)
    for name, member in _public_methods(cls):
        assert inspect.getdoc(member), f"c.{attribute}.{name} has no docstring"
        if inspect.isfunction(member):
            assert f"{name}(" in guide or f"`{name}`" in guide, f"c.{attribute}.{name} is not in {GUIDE.name}"


def test_every_domain_is_an_attribute_of_coop(session, now: datetime) -> None:  # type: ignore[no-untyped-def]
    c = Coop(session, now=now)
    for attribute, class_name in _DOMAIN_CLASS_NAMES.items():
        assert type(getattr(c, attribute)).__name__ == class_name
    for name, member in _public_methods(Coop):
        assert inspect.getdoc(member), f"Coop.{name} has no docstring"


def test_every_api_module_lists_what_it_exports() -> None:
    for info in pkgutil.iter_modules(coop.api.__path__, "coop.api."):
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        assert exported, f"{info.name} has no __all__"
        missing = [name for name in exported if not hasattr(module, name)]
        assert not missing, f"{info.name}.__all__ names what it does not have: {missing}"
    assert set(_DOMAIN_CLASS_NAMES.values()) | {"Coop", "CoopError"} <= set(coop.api.__all__)


def test_importing_the_api_loads_neither_weasyprint_nor_alembic() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, coop.api; print(' '.join(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    heavy = [name for name in loaded if name.split(".")[0] in {"weasyprint", "alembic"}]
    assert heavy == []


def test_messages_follow_the_cooperative_language_inside_the_block_only(sqlite_url: str) -> None:
    from coop import i18n

    Coop.init(sqlite_url, name="Cooperativa Textil", language="es", now=datetime(2026, 11, 25, 9, 0))
    with i18n.using("en"):
        with Coop.open(sqlite_url) as c:
            assert c.language == "es" and i18n.current_language() == "es"
        assert i18n.current_language() == "en"
        with Coop.open(sqlite_url, language="en"):
            assert i18n.current_language() == "en"
