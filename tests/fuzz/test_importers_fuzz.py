"""Every importer, fed files hypothesis mutates from a good one, refuses them as a person reads it.

The rule (tests/fuzz/harness.py, ``Outcome.problems``): exit code 0, 1 or 2 only; never "internal
error"; a message under 4,000 characters; and a refused file leaves the database as it was. Runs
on a copy of the demo cooperative (SQLite), bounded: a few dozen files per importer.
benchmarks/fuzz_importers.py runs the same rule on a thousand files per importer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import harness

EXAMPLES = 30

steps = st.lists(
    st.tuples(st.integers(0, len(harness.MUTATIONS) - 1), st.integers(0, 2**32 - 1)), min_size=1, max_size=3
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return harness.build_demo(tmp_path_factory.mktemp("fuzz-demo"))


@pytest.mark.parametrize("importer", harness.IMPORTERS, ids=[importer.name for importer in harness.IMPORTERS])
def test_an_importer_refuses_a_mangled_file_in_a_sentence_and_saves_nothing(
    importer: harness.Importer, demo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    database = harness.prepared(importer, demo, tmp_path_factory.mktemp("fuzz"))
    spare = database.with_suffix(".spare")
    shutil.copy(database, spare)
    assert harness.attempt(importer, importer.seed, database, spare).exit_code == 0  # the good file imports

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(steps)
    def refused_in_a_sentence(mutations: list[tuple[int, int]]) -> None:
        outcome = harness.attempt(importer, harness.mutate(importer.seed, mutations), database, spare)
        assert outcome.problems() == [], outcome.message[:2000]

    refused_in_a_sentence()


def test_the_rule_catches_what_it_names() -> None:
    """The judge itself: each way of breaking the rule is named, and a clean refusal is not."""
    assert harness.Outcome(1, "Error: line 2: the name is empty.", changed=False).problems() == []
    assert harness.Outcome(0, "Imported 2 members.", changed=True).problems() == []
    assert harness.Outcome(3, "", changed=False).problems() == ["exit code 3"]
    internal = harness.Outcome(1, "Error: Unexpected internal error (ValueError: x)", changed=False)
    assert internal.problems()[0].startswith("internal error")
    assert harness.Outcome(1, "x" * 4000, changed=False).problems() == ["a message of 4000 characters"]
    assert harness.Outcome(0, "a long report " * 400, changed=True).problems() == []
    assert harness.Outcome(1, "Error: no.", changed=True).problems() == ["refused, yet the database changed"]
