"""What every plans service shares: reading what people type, who may plan, finding records, CSV files.

Codes, quantities, whole numbers, weeks and days are parsed here once, with one clear sentence
for each mistake; ``find_*`` look records up by code, name or number; the CSV helpers read a
file all lines or none and list every bad line with its number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from coop import csvfiles, parsing
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.db import get_by_number
from coop.errors import CoopError, PlanError
from coop.i18n import _
from coop.lookup import get_by_code_or_name
from coop.members.actors import Actor, require_role
from coop.members.models import Role
from coop.plans.capacity.results import Finding
from coop.plans.models import FindingAcknowledgement, Plan, Product, WorkCentre
from coop.training.models import Skill
from coop.training.skills import find_skill as find_training_skill

K = TypeVar("K")  # a key that must not repeat in one file
T = TypeVar("T")  # what one line of a file is read into


# --- parsing what people type ------------------------------------------------------------------


def check_code(text: str, what: str) -> str:
    return parsing.parse_code(
        text,
        missing=lambda: PlanError(_("{what} needs a code, like BALD-30.").format(what=what)),
        refuse=lambda code: PlanError(
            _(
                "'{code}' cannot be a code; use up to 40 letters, digits and - _ . "
                "without spaces, like BALD-30."
            ).format(code=code)
        ),
    )


def parse_quantity(text: str | Decimal | int, what: str, *, allow_zero: bool = False) -> Decimal:
    """A quantity as people type it: ``1200``, ``12.5``; never negative, at most 4 decimals."""
    return parsing.parse_quantity(text, what, error=PlanError, allow_zero=allow_zero)


def parse_whole(text: str | int, what: str, *, lowest: int, highest: int | None = None) -> int:
    raw = str(text).strip()
    try:
        value = int(raw)
    except ValueError:
        raise PlanError(_("{what} '{value}' is not a whole number.").format(what=what, value=raw)) from None
    if value < lowest or (highest is not None and value > highest):
        if highest is None:
            raise PlanError(
                _("{what} must be at least {lowest}, not {value}.").format(
                    what=what, lowest=lowest, value=value
                )
            )
        raise PlanError(
            _("{what} must be from {lowest} to {highest}, not {value}.").format(
                what=what, lowest=lowest, highest=highest, value=value
            )
        )
    return value


def parse_week(text: str | date, what: str) -> date:
    """The Monday of a week written ``2026-W49`` or as any date inside it (``2026-12-02``)."""
    return parsing.parse_week(
        text,
        lambda value: PlanError(
            _(
                "{what} '{value}' is not a week; write it like 2026-W49, or give any day of that week "
                "like 2026-12-02."
            ).format(what=what, value=value)
        ),
        error=PlanError,
    )


def parse_day(text: str | date, what: str) -> date:
    return parsing.parse_day(
        text,
        lambda value: PlanError(
            _("{what} '{value}' is not a date like 2026-12-08.").format(what=what, value=value)
        ),
    )


def quantity_text(value: Decimal | None) -> str:
    """A quantity for JSON and tables: no exponent, no trailing zeros (``"1200"``, ``"12.5"``)."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --- who may do it -----------------------------------------------------------------------------


def require_planner(session: Session, actor: Actor, doing: str) -> None:
    """Coordinators plan; a secretary may too."""
    if actor.member is not None and actor.member.has_role(Role.secretary):
        return
    require_role(session, actor, Role.coordinator, doing)


# --- finding things ----------------------------------------------------------------------------


def find_product(session: Session, reference: str) -> Product:
    """A product by code (any case) or by exact name."""
    missing = _("There is no product with the code or name '{ref}'; see the list with: coop product list")
    return get_by_code_or_name(session, Product, reference, error=PlanError, missing=missing)


def find_work_centre(session: Session, reference: str) -> WorkCentre:
    """A work centre by code (any case) or by exact name."""
    missing = _("There is no work centre '{ref}'; see the list with: coop workcentre list")
    return get_by_code_or_name(session, WorkCentre, reference, error=PlanError, missing=missing)


def find_plan(session: Session, reference: str | int) -> Plan:
    return get_by_number(
        session,
        Plan,
        reference,
        error=PlanError,
        missing=_("There is no plan {ref}; see them with: coop plan list"),
        not_a_number=_("'{ref}' is not a plan number; see them with: coop plan list"),
    )


def find_skill(session: Session, code: str) -> Skill:
    try:
        return find_training_skill(session, code)
    except CoopError as error:
        raise PlanError(error.message) from None


# --- CSV files ---------------------------------------------------------------------------------


def read_csv(
    path: Path, columns: Sequence[str], required: Sequence[str], *, dialect: CsvDialect = DETECT
) -> list[CsvRow]:
    content = csvfiles.read_file(path, error=PlanError)
    rows, problems = csvfiles.read_rows(
        content, path.name, columns, required, dialect=dialect, error=PlanError
    )
    if problems:
        raise csvfiles.bad_lines(path.name, problems, error=PlanError)
    if not rows:
        raise PlanError(_("{file} has no lines to import.").format(file=path.name))
    return rows


def load_csv(
    path: Path,
    columns: Sequence[str],
    required: Sequence[str],
    parse_row: Callable[[CsvRow], T],
    *,
    dialect: CsvDialect = DETECT,
) -> list[T]:
    """Every line of a plans CSV parsed, or one PlanError listing every line ``parse_row`` refused."""
    rows = read_csv(path, columns, required, dialect=dialect)
    return csvfiles.parse_all(rows, parse_row, path.name, catch=PlanError, error=PlanError)


def earlier_line(seen: dict[K, int], key: K, row: CsvRow) -> int | None:
    """The line of the file that already gave ``key``, or None, remembering ``row`` as its line."""
    other = seen.get(key)
    if other is None:
        seen[key] = row.line
    return other


def clean_name(name: str, what: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise PlanError(_("{what} needs a name.").format(what=what))
    if len(cleaned) > 200:
        raise PlanError(_("The name '{name}…' is longer than 200 characters.").format(name=cleaned[:40]))
    return cleaned


@dataclass(frozen=True)
class CheckedFinding:
    key: str
    finding: Finding
    figures: str
    acknowledgement: FindingAcknowledgement | None = None  # given for these very figures
    earlier: FindingAcknowledgement | None = None  # given for other figures: no longer covers it

    @property
    def blocking(self) -> bool:
        return self.finding.blocking

    @property
    def acknowledged(self) -> bool:
        return self.acknowledgement is not None

    @property
    def open(self) -> bool:
        """Blocking and not acknowledged: it stops the plan being submitted."""
        return self.blocking and not self.acknowledged
