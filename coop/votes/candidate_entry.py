"""What a voter types for a candidate: a number on the list, a member number or a name. Pure.

- ``2`` is the second candidate on the list (the ballot paper's order);
- ``0012``, ``012``, ``#12`` and, when no list number could be meant, ``12`` are member number 0012;
- ``Ines Pena`` or ``pena`` name Inés Peña: case and accents do not count (``Ł`` is typed ``L``),
  and the words typed need only be some of the name's words, in any order.

An entry that could name two candidates names neither: the voter is told which two and asked to
say more. The one exception is a voter who has the numbered list in front of them (the voting
terminal shows it): for them a number up to the list's length is a number on the list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coop import vocabulary
from coop.errors import VoteError
from coop.i18n import _
from coop.numbers import WHOLE_NUMBER, whole_number

# Letters with no accent to take off (Unicode gives them no decomposition), as people type them.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"}
)


@dataclass(frozen=True)
class Standing:
    """A candidate as voters name them: the name on the ballot and the member number, if any."""

    name: str
    number: str | None


def fold_name(text: str) -> str:
    """A name as it is compared: lower case, without accents, single spaces between words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def split_entries(texts: Iterable[str]) -> list[str]:
    """The entries of a ranking: each text cut at commas and semicolons, and a part made only of
    numbers (``2 1 3``) cut at its spaces too; a name keeps its spaces."""
    entries: list[str] = []
    for text in texts:
        for part in text.replace(";", ",").split(","):
            words = part.split()
            if words and all(word.lstrip("#").isdigit() for word in words):
                entries.extend(words)
            elif words:
                entries.append(" ".join(words))
    return entries


def _number_key(number: str) -> str:
    """Member numbers compared without their leading zeros: ``0012``, ``012`` and ``12`` agree."""
    value = whole_number(number)  # not int(): "²" is a digit to str.isdigit, and 5,000 digits too many
    return str(value) if value is not None else number.casefold()


def _by_number(candidates: Sequence[Standing], entry: str, *, list_shown: bool) -> Standing:
    digits = entry.lstrip("#")
    members = [c for c in candidates if c.number and _number_key(c.number) == _number_key(digits)]
    # A list number is typed plain: with a zero in front or a # it can only be a member number.
    plain = entry == digits and not (len(digits) > 1 and digits.startswith("0"))
    listed = candidates[int(digits) - 1] if plain and 1 <= int(digits) <= len(candidates) else None
    if listed is not None and (list_shown or not members or members == [listed]):
        return listed
    if listed is not None:
        member = members[0]
        raise VoteError(
            _(
                "'{entry}' could be number {entry} on the list ({listed}) or member number {number} "
                "({member}); type the name, or the member number with its zeros."
            ).format(entry=entry, listed=listed.name, number=member.number, member=member.name)
        )
    if len(members) == 1:
        return members[0]
    if members:
        raise VoteError(
            _("'{entry}' could be {names}; type the member number as printed, or the name.").format(
                entry=entry, names=vocabulary.alternatives(f"{c.name} ({c.number})" for c in members)
            )
        )
    raise VoteError(
        _(
            "'{entry}' is neither a number on the list (1 to {count}) nor the member number of a "
            "candidate; the candidates are: {names}."
        ).format(entry=entry, count=len(candidates), names=", ".join(c.name for c in candidates))
    )


def find_candidate(candidates: Sequence[Standing], entry: str, *, list_shown: bool = False) -> Standing:
    """The one candidate ``entry`` names, or a VoteError saying why it names none."""
    entry = " ".join(entry.split())
    if WHOLE_NUMBER.fullmatch(entry.lstrip("#")):  # "²" or 5,000 digits: no number, so no candidate's
        return _by_number(candidates, entry, list_shown=list_shown)
    wanted = fold_name(entry)
    exact = [c for c in candidates if fold_name(c.name) == wanted]
    if not exact:
        exact = [c for c in candidates if c.number and c.number.casefold() == entry.casefold()]
    if not exact:
        words = set(wanted.split())
        exact = [c for c in candidates if words <= set(fold_name(c.name).split())]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise VoteError(
            _("'{entry}' could be {names}; type more of the name, or the candidate's number.").format(
                entry=entry, names=vocabulary.alternatives(c.name for c in exact)
            )
        )
    raise VoteError(
        _("'{name}' is not a candidate in this election; the candidates are: {names}.").format(
            name=entry, names=", ".join(c.name for c in candidates)
        )
    )


def match_ranking(
    candidates: Sequence[Standing], texts: Iterable[str], *, list_shown: bool = False
) -> list[str]:
    """The names of the candidates ``texts`` rank, in order; each candidate at most once."""
    entries = split_entries(texts)
    if not entries:
        raise VoteError(_("A ballot must rank at least one candidate."))
    names: list[str] = []
    for entry in entries:
        name = find_candidate(candidates, entry, list_shown=list_shown).name
        if name in names:
            raise VoteError(_("{name} is ranked twice; rank each candidate once.").format(name=name))
        names.append(name)
    return names
