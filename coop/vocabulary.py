"""The words people read and type for the values coop stores.

A stored value (a member of an enum: a vote's method, a motion's status, a session's kind) is kept
in the record and in JSON under its English value, which scripts rely on. People never need to read
or type that value:

- its **label** is what a table, a show or a document prints, translated when it is shown
  ("show of hands", "a mano alzada");
- its **word** is what an operator types for it, in the operator's language ("show-of-hands",
  "a-mano-alzada"), and what a command's help lists. Without a word of its own, the label serves.

An operator may type the stored value, the word or the label, in English or in any language coop
has a catalogue for, in any case, with or without accents, with ``-``, ``_`` or spaces between
words: ``roll-call``, ``nominal``, ``Votación nominal`` all name ``roll_call``. A word that would
name two values of one vocabulary names neither; a test keeps every vocabulary free of such words.

Each enum states its vocabulary once, beside its definition, with :func:`define`; the msgids are
marked with ``N_`` (or written with :func:`in_context`) so ``make translations`` finds them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from coop.i18n import _, available_languages, pgettext, using

E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Term:
    """What people read (``label``) and type (``word``) for one stored value; both are msgids.

    ``context`` tells apart a label whose translation depends on what it describes: Spanish
    agrees in gender where English does not (an assembly is ``abierta``, a plan ``cerrado``).
    """

    label: str
    word: str | None = None
    context: str | None = None


def in_context(context: str, label: str, word: str | None = None) -> Term:
    """A label translated in ``context`` (``make translations`` extracts it with its context)."""
    return Term(label, word, context)


_VOCABULARIES: dict[type[Enum], dict[Enum, Term]] = {}


def define(enum: type[E], terms: Mapping[E, str | Term]) -> None:
    """State the label (and, where it differs, the typed word) of every value of ``enum``.

    A plain string is the label and serves as the word too. Every value needs one: a value without
    a label would reach a person in English.
    """
    missing = [member.name for member in enum if member not in terms]
    if missing:
        raise ValueError(f"{enum.__name__} has no label for {', '.join(missing)}")
    _VOCABULARIES[enum] = {
        member: term if isinstance(term, Term) else Term(term) for member, term in terms.items()
    }


def defined() -> tuple[type[Enum], ...]:
    """Every enum with a vocabulary (for the tests that keep them complete and unambiguous)."""
    return tuple(_VOCABULARIES)


def has_vocabulary(enum: type[Enum]) -> bool:
    return enum in _VOCABULARIES


def _term(value: Enum) -> Term:
    try:
        return _VOCABULARIES[type(value)][value]
    except KeyError:
        raise LookupError(f"{type(value).__name__} has no vocabulary; define one beside it") from None


def label(value: Enum) -> str:
    """What a person reads for ``value``, in the current language."""
    term = _term(value)
    return pgettext(term.context, term.label) if term.context else _(term.label)


def word(value: Enum) -> str:
    """What an operator types for ``value``, in the current language."""
    term = _term(value)
    return _(term.word) if term.word else label(value)


def words(enum: type[Enum]) -> list[str]:
    """The typed words of every value of ``enum``, in the enum's order, in the current language."""
    return [word(member) for member in enum]


def alternatives(items: Iterable[str]) -> str:
    """``a, b or c`` in the current language (``a, b o c``): how help and refusals list choices."""
    listed = list(items)
    if len(listed) < 2:
        return "".join(listed)
    return _("{items} or {last}").format(items=", ".join(listed[:-1]), last=listed[-1])


def words_text(enum: type[Enum]) -> str:
    """The typed words of ``enum`` as help lists them: ``nominal, secreta o a-mano-alzada``."""
    return alternatives(words(enum))


def fold(text: str) -> str:
    """A typed word as it is compared: lower case, without accents, words joined by ``_``."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "_".join(plain.replace("-", " ").replace("_", " ").split())


def accepted(enum: type[E], extra: Mapping[str, E] | None = None) -> dict[str, E]:
    """Every folded word that names a value of ``enum``: stored values, words and labels in every
    language. A word naming two values is left out. ``extra`` words (abbreviations such as ``y``)
    are not in it: they must be typed as they are (see :func:`parse`)."""
    found: dict[str, set[E]] = {}

    def add(text: str, member: E) -> None:
        found.setdefault(fold(text), set()).add(member)

    for member in enum:
        add(str(member.value), member)
    for language in available_languages():
        with using(language):
            for member in enum:
                add(word(member), member)
                add(label(member), member)
    return {key: next(iter(members)) for key, members in found.items() if len(members) == 1 and key}


def ambiguous(enum: type[Enum]) -> list[str]:
    """The folded words that would name two values of ``enum`` (there should be none)."""
    found: dict[str, set[Enum]] = {}
    for language in available_languages():
        with using(language):
            for member in enum:
                for text in (word(member), label(member), str(member.value)):
                    found.setdefault(fold(text), set()).add(member)
    return sorted(key for key, members in found.items() if len(members) > 1)


def parse(
    enum: type[E], text: str, refuse: Callable[[str], Exception], *, extra: Mapping[str, E] | None = None
) -> E:
    """The value of ``enum`` that ``text`` names, or ``refuse(text)`` raised.

    Words and labels are compared without regard to case, accents or joining marks; an ``extra``
    abbreviation only as typed (in any case), so that a stray ``ÿ`` in a ballot file is not read as
    ``y``. The refusal should list :func:`words_text` so the operator sees what to type instead.
    """
    typed = text.strip()
    if extra:
        abbreviations = {key.casefold(): member for key, member in extra.items()}
        if typed.casefold() in abbreviations:
            return abbreviations[typed.casefold()]
    found = accepted(enum).get(fold(typed))
    if found is None:
        raise refuse(typed)
    return found


def refusal(
    enum: type[Enum], error: Callable[[str], Exception], message: str, typed_as: str
) -> Callable[[str], Exception]:
    """A ``refuse`` for :func:`parse`: ``error(message)``, with what was typed put in as ``{typed_as}``
    and the words ``enum`` accepts as ``{words}``; ``message`` is already translated."""
    return lambda typed: error(message.format(**{typed_as: typed}, words=words_text(enum)))
