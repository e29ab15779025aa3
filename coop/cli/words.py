"""Help texts that list the words an option takes, in the language the help is shown in.

A help text is read when its command module is imported, in English (its msgid), and
:func:`coop.cli.main.translate_help` translates it once the language is chosen. A help that lists
the words of a stored value holds a ``{words}`` placeholder instead of the words, and names the
list with :func:`listing`::

    help=listing(N_("How the vote is taken: {words}."), vote_methods)

shows ``How the vote is taken: roll-call, secret, show-of-hands or consent.`` in English and
``Cómo se vota: nominal, secreta, a-mano-alzada o consentimiento.`` in Spanish.

The words are defined beside their enums, in the models, which ``coop --help`` must not load (it
starts fast without the database layer): the lists are filled in by :func:`fill_word_lists` for
the one command whose help may be shown, and each list imports its enum only when it is asked for.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import click

from coop import vocabulary
from coop.i18n import _

WordList = Callable[[], str]


@dataclass(frozen=True)
class _Listing:
    words: WordList
    default: WordList | None


# The help texts (msgids, as Click keeps them) that list words, with the list each one fills in.
_LISTINGS: dict[str, _Listing] = {}


def listing(msgid: str, words: WordList, *, default: WordList | None = None) -> str:
    """``msgid`` (a help text with a ``{words}`` placeholder), to be shown with ``words()`` filled in;
    ``default()`` is the option's default as the operator would type it (its stored value is English)."""
    key = inspect.cleandoc(msgid)
    wanted = _Listing(words, default)
    if _LISTINGS.setdefault(key, wanted) != wanted:
        raise ValueError(f"The help text {msgid!r} already lists other words; give this one its own.")
    return msgid


def lists_words(help_text: str | None) -> bool:
    return help_text is not None and inspect.cleandoc(help_text) in _LISTINGS


def fill_word_lists(command: click.Command) -> None:
    """Fill in the word lists of the help that ``command`` shows: its own help, its parameters' and
    (for a group) its commands' short descriptions, from the msgids ``translate_help`` keeps."""
    subcommands = getattr(command, "commands", {}).values()
    for target in (command, *command.params, *subcommands):
        source = target.__dict__.get("_coop_help_source", {}).get("help")
        if not lists_words(source):
            continue
        found = _LISTINGS[inspect.cleandoc(source)]
        target.help = _(source).format(words=found.words())
        if found.default is not None and isinstance(target, click.Parameter):
            target.default = found.default()  # read as the same value: every word is understood


# --- the lists ------------------------------------------------------------------------------------
# Each imports its enum when asked for, so that importing a command module loads no model.


def choices() -> str:
    from coop.votes.models import Choice

    return vocabulary.words_text(Choice)


def vote_methods() -> str:
    from coop.votes.models import VoteMethod

    return vocabulary.words_text(VoteMethod)


def assembly_kinds() -> str:
    from coop.assemblies.models import AssemblyKind

    return vocabulary.words_text(AssemblyKind)


def session_kinds() -> str:
    from coop.training.models import SessionKind

    return vocabulary.words_text(SessionKind)


def roles() -> str:
    from coop.members.models import Role

    return vocabulary.words_text(Role)


def revocable_roles() -> str:
    """Every role but ``member``, which a member holds as long as they are one."""
    from coop.members.models import Role

    return vocabulary.alternatives(vocabulary.word(role) for role in Role if role is not Role.member)


def rotating_roles() -> str:
    from coop.rules.terms import TermRole

    return vocabulary.words_text(TermRole)


def casting_votes() -> str:
    from coop.rules.decisions import Choice

    return vocabulary.words_text(Choice)


def motion_kinds() -> str:
    """The kinds of motion one proposes: an amendment is proposed with ``coop motion amend``."""
    from coop.members.bylaws import MotionKind

    return vocabulary.alternatives(
        vocabulary.word(kind) for kind in MotionKind if kind is not MotionKind.amendment
    )


# --- defaults, as the operator types them ---------------------------------------------------------


def ordinary_assembly() -> str:
    from coop.assemblies.models import AssemblyKind

    return vocabulary.word(AssemblyKind.ordinary)


def practice_session() -> str:
    from coop.training.models import SessionKind

    return vocabulary.word(SessionKind.practice)
