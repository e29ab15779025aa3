"""Finding a catalogue record (a product, a work centre, a skill) the way people name it.

People type a record's code in any case (``bald-30``) or its name as it stands (``Baldosa 30×30``,
in any case, spaces as they come); a name that two records share names neither. Records people
name by number are found with :func:`coop.db.get_by_number`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import ExecutableOption

from coop.errors import CoopError
from coop.parsing import normalise_code


class Coded(Protocol):
    code: Any
    name: Any


C = TypeVar("C", bound=Coded)


def get_by_code_or_name(
    session: Session,
    model: type[C],
    reference: str,
    *,
    error: type[CoopError],
    missing: str,
    options: Sequence[ExecutableOption] = (),
) -> C:
    """The ``model`` row whose code is ``reference`` (any case) or, failing that, the one row whose
    name it is; otherwise ``error`` with the sentence ``missing``, which may name it as ``{ref}``.

    ``options`` (such as a ``selectinload``) apply to the row found by its code.
    """
    ref = reference.strip()
    found = session.scalars(select(model).options(*options).where(model.code == normalise_code(ref))).first()
    if found is not None:
        return found
    wanted = " ".join(ref.split()).casefold()
    in_order = session.scalars(select(model).order_by(model.code))
    matches = [row for row in in_order if row.name.casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    raise error(missing.format(ref=ref))
