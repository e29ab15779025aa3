"""What a refusal may show: a screenful at most, values cut to a readable length, no control character.

Every refusal of a file (a CSV of a million bad lines, a value of thousands of digits) passes through
here before it reaches a person.
"""

from __future__ import annotations

import re

from coop.i18n import ngettext

# A refusal lists this many problems, then says how many more there are: a garbage file of a million
# bad lines is refused in a screenful, not in megabytes.
SHOWN_PROBLEMS = 20
# An echoed value longer than this is cut (``AAAA…``): enough to recognise it, short enough to read.
SHOWN_CHARACTERS = 60
_LONG_WORD = re.compile(rf"\S{{{SHOWN_CHARACTERS + 20},}}")


def shortened(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text`` cut to ``limit`` characters and an ellipsis, when it is longer (an echoed value)."""
    return text if len(text) <= limit else text[:limit] + "…"


def readable(sentence: str) -> str:
    """A sentence with every overlong run of characters (a value echoed back) cut to a readable length."""
    return _LONG_WORD.sub(lambda word: shortened(word.group()), sentence)


# Whatever a refusal says, it says in a screenful: this many characters at most.
LONGEST_MESSAGE = 3_000
_VERY_LONG_WORD = re.compile(r"\S{200,}")  # longer than any path a person types
_CONTROL_OR_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # never sent to a terminal


def brief(message: str) -> str:
    """Any refusal cut to a screenful: the first lines and a count of the rest, no value of
    thousands of characters, and at most 3,000 characters (the last guard before the terminal)."""
    lines = message.splitlines() or [""]
    if len(lines) > SHOWN_PROBLEMS + 2:
        hidden = len(lines) - SHOWN_PROBLEMS - 1
        lines = [
            *lines[: SHOWN_PROBLEMS + 1],
            "  " + ngettext("and {count} more line", "and {count} more lines", hidden).format(count=hidden),
        ]
    text = "\n".join(
        _VERY_LONG_WORD.sub(lambda word: shortened(word.group()), _CONTROL_OR_ESCAPE.sub("", line))
        for line in lines
    )
    return text if len(text) <= LONGEST_MESSAGE else text[:LONGEST_MESSAGE] + "…"
