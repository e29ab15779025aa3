"""The guides in docs/ show real commands with their real output: run them and compare.

Each guide runs in its own temporary folder, on its own copy of the demo cooperative, through
docs/run_guides.py (which documents the format and what is normalised). A failure prints a diff;
if the new output is right, refresh the guides with ``.venv/bin/python docs/run_guides.py --update``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _load_runner() -> ModuleType:
    path = REPO_ROOT / "docs" / "run_guides.py"
    spec = importlib.util.spec_from_file_location("coop_docs_run_guides", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


runner = _load_runner()
GUIDES = runner.default_guides()


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One build of the demo per test run, copied for every guide (shared by the xdist workers,
    whose temporary folders sit side by side)."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "guide-demos"
    cache = runner.DemoCache(shared)
    yield cache
    cache.close()


def test_every_role_has_a_guide() -> None:
    names = {path.name for path in GUIDES}
    assert {"secretary.md", "returning-officer.md", "coordinator.md", "trainer.md"} <= names
    index = (REPO_ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"({name})" in index, f"docs/README.md does not link to {name}"


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES, ids=[path.stem for path in GUIDES])
def test_guide_outputs_match(guide: Path, demos: object) -> None:
    result = runner.run_guide(runner.parse_guide(guide), demos)
    assert result.ok, result.report()


# --- the runner itself ---------------------------------------------------------------------------

SAMPLE = """# A guide

Some prose with `$ coop not-run` in it.

```csv file=boletas.csv
weight,rank1,rank2
1,Ana,Raúl
1,Raúl,
2,Ana,
```

```json file=reglas.json
{"candidates": ["Ana", "Raúl"], "seats": 1}
```

```console
$ export COOP_LANG=en
$ coop votes tabulate boletas.csv \\
      --rules reglas.json --format json
old output
$ coop votes tabulate nada.csv --rules reglas.json
```
"""


def test_parse_guide_reads_commands_outputs_and_files(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text(SAMPLE, encoding="utf-8")
    guide = runner.parse_guide(path)
    steps = guide.steps
    assert [s.command for s in steps] == [
        "export COOP_LANG=en",
        "coop votes tabulate boletas.csv --rules reglas.json --format json",
        "coop votes tabulate nada.csv --rules reglas.json",
    ]
    assert steps[1].line == 18 and steps[1].output_lines == ["old output"]
    assert steps[2].output_lines == []
    files = [item for item in guide.items if isinstance(item, runner.FileBlock)]
    assert [f.name for f in files] == ["boletas.csv", "reglas.json"]
    assert files[0].content == "weight,rank1,rank2\n1,Ana,Raúl\n1,Raúl,\n2,Ana,\n"


def test_normalise_hides_random_tokens_and_trailing_space() -> None:
    text = (
        "Your tracker is 7f3a-91c2-e4b0-55d8: note it.   \n"
        "code K7QM-3XH9-PT4W-9C2R\n"
        "hash " + "ab" * 32 + "\n\n"
    )
    assert runner.normalise(text) == "Your tracker is <hex>: note it.\ncode <code>\nhash <sha256>"
    # A tracker of decimal digits only also fits a key fingerprint: both are one kind, so a run that
    # prints such a tracker still pairs it with the tracker the guide shows.
    guide_tokens = runner.tokens_of("tracker 7f3a-91c2-e4b0-55d8, key 0A1B-2C3D-4E5F-6A7B")
    run_tokens = runner.tokens_of("tracker 1234-5678-9012-3456, key 9F8E-7D6C-5B4A-3210")
    assert [kind for kind, _token in guide_tokens] == [kind for kind, _token in run_tokens] == ["hex", "hex"]
    assert runner._pair(guide_tokens, run_tokens)["7f3a-91c2-e4b0-55d8"] == "1234-5678-9012-3456"
    # A date or a member number is never taken for a token.
    assert runner.normalise("2026-11-25 0001-0002") == "2026-11-25 0001-0002"


def test_tokens_pair_in_order_and_contradictions_are_found() -> None:
    known = {"aaaa-aaaa-aaaa-aaaa": "1111-1111-1111-1111"}
    expected = [("tracker", "bbbb-bbbb-bbbb-bbbb"), ("tracker", "aaaa-aaaa-aaaa-aaaa")]
    # A sorted list: the known token is found wherever it is, the new one pairs with the rest.
    actual = [("tracker", "1111-1111-1111-1111"), ("tracker", "2222-2222-2222-2222")]
    pairs, conflicts = runner._pair_step(expected, actual, known)
    assert pairs == {"bbbb-bbbb-bbbb-bbbb": "2222-2222-2222-2222"} and conflicts == []
    # The guide shows a new token for a value it showed before under another one.
    pairs, conflicts = runner._pair_step([("tracker", "cccc-cccc-cccc-cccc")], actual[:1], known)
    assert pairs == {} and "showed this value as aaaa-aaaa-aaaa-aaaa" in conflicts[0]


def test_update_rewrites_outputs_then_the_guide_matches(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text(SAMPLE, encoding="utf-8")
    cache = runner.DemoCache()
    try:
        first = runner.run_guide(runner.parse_guide(path), cache)
        assert not first.ok and "-old output" in first.report()
        path.write_text(runner.updated_text(first), encoding="utf-8")
        second = runner.run_guide(runner.parse_guide(path), cache)
    finally:
        cache.close()
    assert second.ok, second.report()
    updated = path.read_text(encoding="utf-8")
    assert '"winners": [' in updated and "old output" not in updated
    assert "\n$ coop votes tabulate nada.csv --rules reglas.json\nError: " in updated
    assert updated.split("```console")[0] == SAMPLE.split("```console")[0]  # prose and files as they were
