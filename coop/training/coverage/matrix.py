"""The skills matrix: every member's current level in every skill.

Pure, like the whole package: see :mod:`coop.training.coverage` for the conventions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coop.training.coverage.levels import Assessment, Level, current_levels


@dataclass(frozen=True)
class MatrixCell:
    skill: str
    level: Level
    expired: bool = False
    assessed_level: Level = Level.NONE
    expires_on: date | None = None


@dataclass(frozen=True)
class MatrixRow:
    member: str
    cells: tuple[MatrixCell, ...]

    def cell(self, skill: str) -> MatrixCell:
        for cell in self.cells:
            if cell.skill == skill:
                return cell
        raise KeyError(skill)


@dataclass(frozen=True)
class SkillsMatrix:
    on: date
    members: tuple[str, ...]
    skills: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    def level(self, member: str, skill: str) -> Level:
        for row in self.rows:
            if row.member == member:
                return row.cell(skill).level
        raise KeyError(member)


def skills_matrix(
    members: Sequence[str], skills: Sequence[str], assessments: Iterable[Assessment], on: date
) -> SkillsMatrix:
    """Members × skills in the order given; each cell has the level and an expired mark."""
    levels = current_levels(assessments, on)
    rows = []
    for member in members:
        cells = []
        for skill in skills:
            current = levels.get((member, skill))
            if current is None:
                cells.append(MatrixCell(skill, Level.NONE))
            else:
                cells.append(
                    MatrixCell(
                        skill, current.level, current.expired, current.assessed_level, current.expires_on
                    )
                )
        rows.append(MatrixRow(member, tuple(cells)))
    return SkillsMatrix(on, tuple(members), tuple(skills), tuple(rows))
