"""Column kinds the tables share, declared once (SQLAlchemy's ``Annotated`` pattern).

``id: Mapped[Id]`` is the same column as ``id: Mapped[int] = mapped_column(Integer,
primary_key=True)``; ``Mapped[Name | None]`` makes the column nullable, as ``Mapped[str | None]``
does. Plain ``datetime``, ``date``, ``int`` and ``bool`` need no kind at all: SQLAlchemy maps them
to DateTime, Date, Integer and Boolean by itself.
"""

from __future__ import annotations

from typing import Annotated

from sqlalchemy import String, Text
from sqlalchemy.orm import mapped_column

# Every table's surrogate key.
Id = Annotated[int, mapped_column(primary_key=True)]
# A name as people write it: a member's, a product's, or whoever recorded a row.
Name = Annotated[str, mapped_column(String(200))]
# Free text of any length: notes, reasons, the wording of a motion, a JSON snapshot.
LongText = Annotated[str, mapped_column(Text)]
# A SHA-256 digest in hexadecimal.
Digest = Annotated[str, mapped_column(String(64))]
