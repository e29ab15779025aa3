"""Compile the translation catalogues and check them: ``python -m coop.locale.build``.

``make translations`` runs it after extracting and merging: every ``<lang>/LC_MESSAGES/coop.po``
is compiled into the ``coop.mo`` next to it (the compiled files are committed and ship in the
wheel; ``tests/test_i18n_catalogue.py`` fails when one is older than its ``.po``). Untranslated
and fuzzy entries are left out of the ``.mo``, so the English text shows until they are done.

We compile with Babel's API rather than ``pybabel compile`` because Babel flags any ``%`` followed
by a letter as a printf placeholder ("{scrap} % scrap") and then refuses translations of our
``str.format`` strings; :func:`placeholder_problems` checks the placeholders we really use.
"""

from __future__ import annotations

import io
import re
import string
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent
DOMAIN = "coop"

# %(name)s, %d, %% ...: what Jinja2's gettext (always) and Click (sometimes) fill in with ``%``.
PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<kind>[diouxXeEfFgGcrsa%])"
)


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalogue(po: Path) -> Any:
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        return read_po(stream, locale=po.parent.parent.name)


def compile_catalogue(po: Path) -> bytes:
    """The ``.mo`` bytes for ``po``: translated, non-fuzzy entries only."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(po), use_fuzzy=False)
    return buffer.getvalue()


def is_translated(message: Any) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def catalogue_problems(po: Path) -> list[str]:
    """Every entry of ``po`` that is untranslated, fuzzy, or whose placeholders differ from its msgid."""
    problems = []
    for message in read_catalogue(po):
        if not message.id:
            continue
        label = _label(message)
        if message.fuzzy:
            problems.append(f"{po.parent.parent.name}: fuzzy (review it, then remove the flag): {label}")
        elif not is_translated(message):
            problems.append(f"{po.parent.parent.name}: not translated: {label}")
        else:
            problems.extend(f"{po.parent.parent.name}: {p}: {label}" for p in placeholder_problems(message))
    return problems


def placeholder_problems(message: Any) -> list[str]:
    """Placeholders of a translated entry that would break or lose a value when filled in.

    ``{name}`` fields (``str.format``) must be the same set as in the msgid; for a plural entry each
    form may only use the fields of the msgids, and the last form those of the plural msgid.
    ``%(name)s`` placeholders are checked the same way where the text is filled with ``%`` (a
    template, or a msgid that has them), and the translation must survive ``%`` formatting.
    """
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    percent = _percent_formatted(message, ids)
    problems = []
    for kind, names in (("{} fields", _brace_fields), ("% placeholders", _printf_names)):
        if kind.startswith("%") and not percent:
            continue
        id_names = [names(text) for text in ids]
        if any(n is None for n in id_names):
            continue  # the msgid itself is not a format string of this kind
        allowed = set().union(*id_names)  # type: ignore[arg-type]
        for index, text in enumerate(strings):
            found = names(text)
            if found is None:
                problems.append(f"malformed {kind} in {text!r}")
            elif not found <= allowed:
                problems.append(f"{kind} {sorted(found - allowed)} are not in the msgid")
            elif index == len(strings) - 1 and found != id_names[-1]:
                problems.append(f"{kind} {sorted(id_names[-1] - found)} are missing")
    if percent:
        for text in strings:
            try:
                text % _AnyValue()
            except (ValueError, TypeError, KeyError) as error:
                problems.append(f"cannot be filled in with % ({error}): {text!r}")
    return problems


def _percent_formatted(message: Any, ids: Iterable[str]) -> bool:
    in_template = any(filename.endswith(".j2") for filename, _line in message.locations)
    return in_template or any(match.group("name") for text in ids for match in PRINTF.finditer(text))


def _brace_fields(text: str) -> set[str] | None:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field]
        return {field.split(".")[0].split("[")[0] for field in fields}
    except ValueError:
        return None


def _printf_names(text: str) -> set[str] | None:
    return {match.group("name") or match.group("kind") for match in PRINTF.finditer(text)} - {"%"}


class _AnyValue(dict):  # type: ignore[type-arg]
    """A mapping with a number for every key: fills any ``%(name)s`` or ``%(name)d``."""

    def __missing__(self, key: str) -> int:
        return 1


def _label(message: Any) -> str:
    text = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return repr(text if len(text) <= 90 else text[:87] + "...")


def main(argv: list[str] | None = None) -> int:
    failed = False
    for po in po_files():
        catalogue = read_catalogue(po)
        entries = [m for m in catalogue if m.id]
        done = sum(1 for m in entries if is_translated(m))
        po.with_suffix(".mo").write_bytes(compile_catalogue(po))
        print(f"{po.relative_to(LOCALE_DIR.parent.parent)}: {done} of {len(entries)} translated; compiled")
        broken = [p for p in catalogue_problems(po) if "not translated" not in p and "fuzzy" not in p]
        for problem in broken:
            print(f"  {problem}", file=sys.stderr)
        failed = failed or bool(broken)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
