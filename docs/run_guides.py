"""Run the guides in docs/ and check that every output they show is what coop prints today.

    .venv/bin/python docs/run_guides.py                  # check every guide; exit 1 on a difference
    .venv/bin/python docs/run_guides.py docs/trainer.md  # check one guide
    .venv/bin/python docs/run_guides.py --update         # rewrite the outputs in the guides
    .venv/bin/python docs/run_guides.py --keep           # keep each guide's folder (to open its PDFs)

tests/test_guides.py runs the same check in the normal test run. After a change in what a command
prints, look at the diff the test shows; if the new output is right, run ``--update`` and read
``git diff docs/`` before committing.

How a guide is written (Markdown)
---------------------------------
* A fenced block whose info string starts with ``console`` holds commands and their output:
  ``$ coop ...`` starts a command; a line ending in `` \\`` continues on the next line; every line
  up to the next ``$`` line (or the end of the block) is the command's output, stdout and stderr
  together as the terminal shows them (an error is a line ``Error: ...``).
* ``$ export NAME=VALUE ...`` sets environment variables for the rest of the guide; nothing else
  but ``coop``, ``export`` and ``echo TEXT | coop ...`` (TEXT and a newline on the command's
  standard input, as a passphrase is given with ``--passphrase-stdin``) may follow a ``$``.
  Each guide starts with a clean environment (no
  ``COOP_*`` variable from yours, the C.UTF-8 locale), in a fresh empty folder of its own, which
  is the working folder of every command: relative paths (``--out acta-3.pdf``) land there.
* A fenced block whose info string holds ``file=NAME`` (```` ```csv file=presentes.csv ````) is
  written to NAME in the guide's folder at that point, for a later command to read.
* ``<!-- guide-tokens FILE: TOKEN TOKEN ... -->`` (an HTML comment, invisible on the page) says that
  TOKENs written in the guide stand for the random tokens of the same kind found in FILE, in order
  (a PDF is read with pypdf, or pdftotext if pypdf is missing). This is how a guide types a voting
  code printed on a slip.
* Everything else is prose the runner ignores.

What may differ from run to run, and how it is handled
------------------------------------------------------
* The clock: guides export ``COOP_NOW=2026-11-25T08:00`` (read only by ``coop.cli.context.now()``)
  before ``coop demo``, so the demo cooperative and every command get the same dates; a guide
  moves its clock on with another ``export COOP_NOW=...`` where time passes in the story.
* Random tokens (TOKEN_PATTERNS below: key fingerprints, voting codes, trackers, SHA-256 digests,
  audit anchors) are replaced by ``<hex>``, ``<code>``, ``<sha256>``, ``<anchor>`` in
  both the guide's and this run's output before they are compared. When the outputs agree, each
  token the guide shows is paired with the one printed in this run (a token the guide showed before
  must stand for the same value wherever it appears, as in a sorted list; new ones pair in order),
  and later commands have the guide's tokens replaced by this run's: a guide can write ``coop ballot
  verify 7 3f2a-...`` with the tracker it shows a few lines up. A guide that shows one value as two
  different tokens, or one token for two values, fails too. ``--update`` keeps the tokens of outputs
  that did not change, and puts the guide's tokens back into rewritten outputs where it knows them,
  so the guides do not churn. When a new command needs a token printed earlier, run ``--update``
  once to get the output, copy the token into the command, and run ``--update`` again.
* The guide's folder: its absolute path, if a command prints it, is shown as ``~/guide``.
* ``coop demo``: building it takes seconds, so it runs once per distinct arguments, COOP_NOW
  and COOP_LANG in a run of this script, and every guide asking for the same gets a copy of
  its folder and its output. It is reproducible given the clock (its randomness is seeded).

Trailing spaces and trailing blank lines of an output are not compared.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SHOWN_WORKDIR = "~/guide"
COMMAND_TIMEOUT = 300  # seconds; a command that takes longer is reported as a failure
UPDATE_PASSES = 3  # --update runs a rewritten guide again, to check it now matches

# kind -> pattern of a token that is random in every run.
TOKEN_PATTERNS: dict[str, re.Pattern[str]] = {
    # A returning officer's key fingerprint (upper case) or a ballot tracker (lower case): 16 hex
    # digits in groups of four. One kind, because a run may print one made of decimal digits only,
    # which fits both: two kinds would pair it with the wrong token now and then.
    "hex": re.compile(r"\b(?:[0-9A-F]{4}(?:-[0-9A-F]{4}){3}|[0-9a-f]{4}(?:-[0-9a-f]{4}){3})\b"),
    # A voting code: 16 symbols from coop.votes.codes.symbols.CODE_ALPHABET in groups of four.
    "code": re.compile(r"\b[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3}\b"),
    # A SHA-256 digest (audit chain, fixed results, approved minutes and plans).
    "sha256": re.compile(r"\b[0-9a-f]{64}\b"),
    # An audit anchor: an event number and the first 16 hex digits of its hash.
    "anchor": re.compile(r"\b\d+:[0-9a-f]{16}\b"),
}
_ANY_TOKEN = re.compile("|".join(f"(?P<{kind}>{p.pattern})" for kind, p in TOKEN_PATTERNS.items()))
_DIRECTIVE = re.compile(r"<!--\s*guide-tokens\s+(?P<file>\S+?):\s*(?P<tokens>[^>]*?)\s*-->")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


# --- reading a guide ----------------------------------------------------------------------------


@dataclass
class Step:
    """One ``$`` line (with its continuation lines) and the output the guide shows for it."""

    line: int  # 1-based line of the ``$`` in the guide
    command_lines: list[str]  # as written, "$ " included
    output_lines: list[str]
    output_start: int  # 0-based index in the file of the first output line (or where it would go)

    @property
    def command(self) -> str:
        """The command as the shell would join it: continuation backslashes removed."""
        parts = [self.command_lines[0][2:]]
        parts += [line.strip() for line in self.command_lines[1:]]
        return " ".join(part[:-1].rstrip() if part.endswith("\\") else part for part in parts)

    @property
    def expected(self) -> str:
        return "\n".join(self.output_lines)


@dataclass
class FileBlock:
    line: int
    name: str
    content: str


@dataclass
class Directive:
    line: int
    file: str
    tokens: list[str]


Item = Step | FileBlock | Directive


@dataclass
class Guide:
    path: Path
    lines: list[str]
    items: list[Item]

    @property
    def steps(self) -> list[Step]:
        return [item for item in self.items if isinstance(item, Step)]


class GuideError(Exception):
    """A guide the runner cannot read or run as written."""


def parse_guide(path: Path) -> Guide:
    lines = path.read_text(encoding="utf-8").splitlines()
    items: list[Item] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.search(line)
        if directive:
            items.append(Directive(index + 1, directive["file"], directive["tokens"].split()))
        opening = _FENCE.match(line.strip()) if line.startswith(("`", "~")) else None
        if not opening:
            index += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        end = index + 1
        while end < len(lines) and not (
            lines[end].startswith(fence[0] * len(fence)) and not lines[end].strip(fence[0]).strip()
        ):
            end += 1
        body = lines[index + 1 : end]
        words = info.split()
        target = next((w.removeprefix("file=") for w in words if w.startswith("file=")), None)
        if target:
            items.append(FileBlock(index + 1, target, "\n".join(body) + "\n"))
        elif words and words[0] == "console":
            items += _parse_console(path, body, index + 1)
        index = end + 1
    return Guide(path, lines, items)


def _parse_console(path: Path, body: list[str], first: int) -> list[Step]:
    steps: list[Step] = []
    position = 0
    while position < len(body):
        line = body[position]
        if not line.startswith("$ "):
            if steps:
                steps[-1].output_lines.append(line)
                position += 1
                continue
            raise GuideError(f"{path}:{first + position + 1}: output before any '$ ' command")
        start = position
        while body[position].endswith("\\") and position + 1 < len(body):
            position += 1
        steps.append(
            Step(
                line=first + start + 1,
                command_lines=body[start : position + 1],
                output_lines=[],
                output_start=first + position + 1,
            )
        )
        position += 1
    return steps


# --- normalising outputs ------------------------------------------------------------------------


def tokens_of(text: str) -> list[tuple[str, str]]:
    """Every random token in ``text``, in order, as (kind, token)."""
    return [(match.lastgroup or "", match.group()) for match in _ANY_TOKEN.finditer(text)]


def normalise(text: str) -> str:
    """What is compared: tokens as ``<kind>``, no trailing spaces, no trailing blank lines."""
    replaced = _ANY_TOKEN.sub(lambda m: f"<{m.lastgroup}>", text)
    return "\n".join(line.rstrip() for line in replaced.splitlines()).rstrip("\n")


# --- running a guide ----------------------------------------------------------------------------


@dataclass
class Outcome:
    step: Step
    actual: str  # as printed, the guide's folder shown as SHOWN_WORKDIR
    status: int
    command: str  # as run, tokens replaced
    # Where the guide's tokens contradict each other: one value shown as two tokens, or the reverse.
    conflicts: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return normalise(self.step.expected) == normalise(self.actual) and not self.conflicts


@dataclass
class GuideResult:
    guide: Guide
    outcomes: list[Outcome] = field(default_factory=list)
    workdir: Path | None = None
    seconds: float = 0.0
    tokens: dict[str, str] = field(default_factory=dict)  # the guide's token -> this run's

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.matches]

    @property
    def ok(self) -> bool:
        return not self.failures and len(self.outcomes) == len(self.guide.steps)

    def report(self) -> str:
        """A readable account of every difference, for the terminal and for the test."""
        name = _display_path(self.guide.path)
        if self.ok:
            return f"{name}: {len(self.outcomes)} commands, every output as the guide shows it"
        parts = [
            f"{name}: {len(self.failures)} of {len(self.guide.steps)} commands print something else than "
            f"the guide shows (random tokens shown as <kind>; '-' the guide, '+' this run)"
        ]
        for outcome in self.failures:
            status = f" (exit status {outcome.status})" if outcome.status else ""
            parts.append(f"\n{name}:{outcome.step.line}: $ {outcome.command}{status}")
            diff = difflib.unified_diff(
                normalise(outcome.step.expected).splitlines(),
                normalise(outcome.actual).splitlines(),
                "the guide",
                "this run",
                lineterm="",
                n=2,
            )
            parts.append("\n".join(diff))
            parts += outcome.conflicts
        parts.append(
            "\nIf the new output is right, refresh the guides with: "
            ".venv/bin/python docs/run_guides.py --update"
        )
        return "\n".join(parts)


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DOCS.parent))
    except ValueError:
        return str(path)


def coop_executable() -> str:
    """The ``coop`` beside this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "coop"
    if beside.exists():
        return str(beside)
    found = shutil.which("coop")
    if found is None:
        raise GuideError("no 'coop' command beside this Python or on PATH; install coop first")
    return found


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def clean_environment() -> dict[str, str]:
    """Yours, without any COOP_ variable and with a neutral locale, so a guide runs the same anywhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COOP_") and key not in LOCALE_VARIABLES
    }
    env.update({"LANG": "C.UTF-8", "PYTHONUTF8": "1", "COLUMNS": "100", "PYTHONDONTWRITEBYTECODE": "1"})
    return env


class DemoCache:
    """One build of ``coop demo`` per distinct arguments, clock and language; copies for each guide.

    With ``shared``, builds are kept in that folder and reused by every process that names it
    (the test workers of one test run), one process building while the others wait.
    """

    def __init__(self, shared: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._shared = shared
        self._root = shared or Path(tempfile.mkdtemp(prefix="coop-guide-demos-"))

    def run(self, argv: list[str], env: dict[str, str], workdir: Path) -> tuple[str, int]:
        key = "\0".join([*argv, env.get("COOP_NOW", ""), env.get("COOP_LANG", "")])
        place = self._root / hashlib.sha256(key.encode()).hexdigest()[:16]
        folder = _demo_folder(argv)
        with self._lock, _file_lock(place.with_suffix(".lock")):
            result = place / "result.json"
            if not result.exists():
                shutil.rmtree(place, ignore_errors=True)
                place.mkdir(parents=True)
                output, status = _execute(argv, env, place)
                result.write_text(json.dumps({"output": output, "status": status}), encoding="utf-8")
            built = json.loads(result.read_text(encoding="utf-8"))
        if (place / folder).exists():
            shutil.copytree(place / folder, workdir / folder, dirs_exist_ok=True)
        return built["output"], built["status"]

    def close(self) -> None:
        if self._shared is None:
            shutil.rmtree(self._root, ignore_errors=True)


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Held by one process at a time (where the system has fcntl; elsewhere a no-op)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _demo_folder(argv: list[str]) -> str:
    for index, word in enumerate(argv):
        if word == "--dir" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--dir="):
            return word.split("=", 1)[1]
    return "demo"


def _execute(
    argv: list[str], env: dict[str, str], workdir: Path, *, stdin: str | None = None
) -> tuple[str, int]:
    try:
        done = subprocess.run(
            argv,
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            input=None if stdin is None else stdin.encode("utf-8"),
            stdin=subprocess.DEVNULL if stdin is None else None,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"(the runner stopped this command after {COMMAND_TIMEOUT} s)", -1
    return done.stdout.decode("utf-8", errors="replace"), done.returncode


def _shown(output: str, workdir: Path) -> str:
    for form in {str(workdir.resolve()), str(workdir)}:
        output = output.replace(form, SHOWN_WORKDIR)
    return output


def _file_text(path: Path) -> str:
    if path.suffix.lower() != ".pdf":
        return path.read_text(encoding="utf-8", errors="replace")
    try:
        from pypdf import PdfReader
    except ImportError:
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8", errors="replace")
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _pair(expected: Iterable[tuple[str, str]], actual: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Pair tokens of the same kind in order: the guide's token -> this run's."""
    waiting: dict[str, list[str]] = {}
    for kind, token in actual:
        waiting.setdefault(kind, []).append(token)
    pairs: dict[str, str] = {}
    for kind, token in expected:
        if waiting.get(kind):
            pairs[token] = waiting[kind].pop(0)
    return pairs


def _pair_step(
    expected: list[tuple[str, str]], actual: list[tuple[str, str]], known: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Pair the tokens of an output that matches: the new pairs, and any contradictions.

    A token the guide showed before must stand for the same value here, wherever it is in the
    output (a sorted list of trackers puts them in another order in every run). The others pair
    in order, kind by kind. A value this run printed before under another token is a conflict:
    the guide shows two different tokens for one value.
    """
    present = {token for _kind, token in actual}
    claimed = {known[token] for _kind, token in expected if known.get(token) in present}
    new_expected = [(kind, token) for kind, token in expected if token not in known]
    rest = [(kind, token) for kind, token in actual if token not in claimed]
    pairs = _pair(new_expected, rest)
    owner = {value: token for token, value in known.items()}
    conflicts = [
        f"the guide shows {token} where it showed this value as {owner[value]} before"
        for token, value in pairs.items()
        if value in owner
    ]
    conflicts += [
        f"the guide shows {token} again, but this run prints another value here"
        for _kind, token in expected
        if token in known and known[token] not in present
    ]
    return {t: v for t, v in pairs.items() if v not in owner}, conflicts


def _substitute(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(token) for token in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)


def run_guide(guide: Guide, demos: DemoCache, *, keep: bool = False) -> GuideResult:
    import time

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix=f"coop-guide-{guide.path.stem}-"))
    result = GuideResult(guide, workdir=workdir if keep else None)
    env = clean_environment()
    coop = coop_executable()
    tokens = result.tokens
    try:
        for item in guide.items:
            if isinstance(item, FileBlock):
                target = workdir / item.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(_substitute(item.content, tokens), encoding="utf-8")
                continue
            if isinstance(item, Directive):
                source = workdir / item.file
                if not source.exists():
                    raise GuideError(f"{guide.path}:{item.line}: {item.file} was not written by the guide")
                listed = [(kind, token) for token in item.tokens for kind, _t in tokens_of(token)[:1]]
                tokens.update(_pair(listed, tokens_of(_file_text(source))))
                continue
            command = _substitute(item.command, tokens)
            try:
                words = shlex.split(command)
            except ValueError as error:
                raise GuideError(f"{guide.path}:{item.line}: {error}") from None
            if not words:
                raise GuideError(f"{guide.path}:{item.line}: an empty '$' line")
            if words[0] == "export":
                for assignment in words[1:]:
                    name, equals, value = assignment.partition("=")
                    if not equals:
                        raise GuideError(f"{guide.path}:{item.line}: 'export {assignment}' has no '='")
                    env[name] = value
                output, status = "", 0
            elif words[0] == "coop":
                argv = [coop, *words[1:]]
                if len(words) > 1 and words[1] == "demo":
                    output, status = demos.run(argv, env, workdir)
                else:
                    output, status = _execute(argv, env, workdir)
            elif words[0] == "echo" and "|" in words and words[words.index("|") + 1 :][:1] == ["coop"]:
                pipe = words.index("|")
                fed = " ".join(words[1:pipe]) + "\n"
                argv = [coop, *words[pipe + 2 :]]
                output, status = _execute(argv, env, workdir, stdin=fed)
            else:
                raise GuideError(
                    f"{guide.path}:{item.line}: only 'coop', 'export' and 'echo ... | coop' commands run, "
                    f"not {words[0]!r}"
                )
            outcome = Outcome(item, _shown(output, workdir), status, command)
            result.outcomes.append(outcome)
            if outcome.matches:
                pairs, outcome.conflicts = _pair_step(
                    tokens_of(item.expected), tokens_of(outcome.actual), tokens
                )
                tokens.update(pairs)
    finally:
        result.seconds = time.monotonic() - started
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return result


def run_guides(paths: Sequence[Path], *, keep: bool = False, jobs: int | None = None) -> list[GuideResult]:
    """Run every guide, side by side (each in its own folder, on its own copy of the demo)."""
    guides = [parse_guide(path) for path in paths]
    demos = DemoCache()
    try:
        with ThreadPoolExecutor(max_workers=jobs or max(1, len(guides))) as pool:
            return list(pool.map(lambda g: run_guide(g, demos, keep=keep), guides))
    finally:
        demos.close()


def default_guides() -> list[Path]:
    """Every Markdown file in docs/ with at least one console block."""
    return [path for path in sorted(DOCS.glob("*.md")) if parse_guide(path).steps]


# --- rewriting a guide ----------------------------------------------------------------------------


def updated_text(result: GuideResult) -> str:
    """The guide with this run's output in place of every output that differs.

    Tokens of outputs that still match are kept as the guide shows them, also where they appear
    in a rewritten output (a tracker printed again); commands get the tokens of the outputs that
    were rewritten, so a guide stays consistent with itself.
    """
    guide = result.guide
    lines = list(guide.lines)
    shown: dict[str, str] = {}  # the guide's token -> the token the rewritten guide shows
    known = {actual: token for token, actual in result.tokens.items()}  # this run's -> the guide's
    replacements: list[tuple[int, int, list[str]]] = []
    outcomes = {id(o.step): o for o in result.outcomes}
    for step in guide.steps:
        outcome = outcomes.get(id(step))
        command_lines = [_substitute(line, shown) for line in step.command_lines]
        start = step.output_start - len(step.command_lines)
        new_output = step.output_lines
        if outcome is not None and not outcome.matches:
            actual = _substitute(outcome.actual, known)
            new_output = (
                [line.rstrip() for line in actual.rstrip("\n").splitlines()] if actual.strip() else []
            )
            pairs, _conflicts = _pair_step(tokens_of(step.expected), tokens_of(actual), shown)
            shown.update(pairs)
        replacements.append((start, step.output_start + len(step.output_lines), command_lines + new_output))
    for start, end, new in sorted(replacements, reverse=True):
        lines[start:end] = new
    return "\n".join(lines) + "\n"


# --- command line -------------------------------------------------------------------------------


def update(paths: Sequence[Path], *, keep: bool = False, jobs: int | None = None) -> int:
    """Rewrite the outputs that differ, then run the rewritten guides again until they match.

    A second pass is needed when a rewritten output holds a token a later command uses (the
    command is rewritten with it, but ran with the old one); a third that still differs means
    the guide is not reproducible, and its report is printed.
    """
    pending = list(paths)
    last: dict[Path, GuideResult] = {}
    changed: set[Path] = set()
    for attempt in range(1, UPDATE_PASSES + 1):
        results = run_guides(pending, keep=keep, jobs=jobs)
        pending = []
        for result in results:
            name = _display_path(result.guide.path)
            if result.ok:
                verdict = "up to date" if attempt == 1 else "now matches"
                print(f"{name}: {verdict} ({len(result.outcomes)} commands, {result.seconds:.1f} s)")
            elif attempt < UPDATE_PASSES:
                result.guide.path.write_text(updated_text(result), encoding="utf-8")
                print(f"{name}: rewrote {len(result.failures)} outputs ({result.seconds:.1f} s)")
                changed.add(result.guide.path)
                pending.append(result.guide.path)
            else:
                print(f"{name}: still differs after {UPDATE_PASSES} runs:\n{result.report()}")
                return 1
            if result.workdir is not None:
                print(f"  its folder: {result.workdir}")
            last[result.guide.path] = result
        if not pending:
            break
    for path in sorted(changed):
        failing = [str(o.step.line) for o in last[path].outcomes if o.status]
        if failing:
            print(
                f"{_display_path(path)}: check that these end in an error on purpose: "
                f"lines {', '.join(failing)}"
            )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("guides", nargs="*", type=Path, help="guides to run (default: every guide in docs/)")
    parser.add_argument("--update", action="store_true", help="write this run's outputs into the guides")
    parser.add_argument("--keep", action="store_true", help="keep each guide's folder and say where")
    parser.add_argument("--jobs", type=int, default=None, help="guides run side by side (default: all)")
    options = parser.parse_args(argv)
    paths = options.guides or default_guides()
    try:
        if options.update:
            return update(paths, keep=options.keep, jobs=options.jobs)
        results = run_guides(paths, keep=options.keep, jobs=options.jobs)
    except GuideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for result in results:
        print(result.report() + f" ({result.seconds:.1f} s)")
        if result.workdir is not None:
            print(f"  its folder: {result.workdir}")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
