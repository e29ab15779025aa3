"""The README and the guides point only at what ships: a clone has no folder beside the repository.

Every relative link (``[text](path)``) and every path in backquotes that leaves the repository
(``../something``) must name a file or folder inside the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]

_LINK = re.compile(r"\]\(([^)\s]+)\)")
_CODE_PATH = re.compile(r"`(\.\./[^`\s]+)`")


def _relative_targets(text: str) -> list[str]:
    links = [target for target in _LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:|#", target)]
    return [target.split("#")[0] for target in links] + _CODE_PATH.findall(text)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(REPO_ROOT)))
def test_every_relative_link_names_a_file_of_the_repository(document: Path) -> None:
    broken = []
    for target in _relative_targets(document.read_text(encoding="utf-8")):
        resolved = (document.parent / target).resolve()
        if not resolved.is_relative_to(REPO_ROOT) or not resolved.exists():
            broken.append(target)
    assert broken == [], f"{document.name} points outside the repository or at nothing: {broken}"


def test_the_check_sees_links_and_paths_that_leave_the_repository() -> None:
    text = "see [the guide](docs/secretary.md#start), [site](https://example.org) and `../shared/DESIGN.md`"
    assert _relative_targets(text) == ["docs/secretary.md", "../shared/DESIGN.md"]
