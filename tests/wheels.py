"""Build coop's wheel as a release would: the packaging and catalogue tests install or read it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def build_wheel(outdir: Path) -> Path:
    """Build the wheel into ``outdir`` (no isolation, so no network) and return its path."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    return next(outdir.glob("coop-*.whl"))
