"""Where the ranked-choice conformance cases live: ``../shared/conformance/rcv`` beside the
repository, or the folder ``COOP_CONFORMANCE_DIR`` names."""

from __future__ import annotations

import os
from pathlib import Path

CONFORMANCE_DIR = Path(
    os.environ.get("COOP_CONFORMANCE_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "rcv"
)
# Every folder with an expected.json, by name; none when the folder is missing.
CASES = (
    sorted(folder.name for folder in CONFORMANCE_DIR.iterdir() if (folder / "expected.json").is_file())
    if CONFORMANCE_DIR.is_dir()
    else []
)
