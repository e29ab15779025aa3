"""HTML to PDF with WeasyPrint, and a helper process that prints while the command reads.

A document command spends about half a second reading the database, and another half-second
importing Jinja2 and WeasyPrint, compiling its template and warming WeasyPrint up (opening
Pango and fontconfig, parsing its own stylesheets) before it can lay out the first page. The
two are independent, so on a machine with more than one core the ``coop`` program runs them
side by side: :func:`coop.reports.render.print_ahead` starts a helper process (a fresh
Python running :func:`coop.reports.render.serve`) before the command touches the database. The
helper gets everything ready, then waits on its standard input for the view model, renders the
template, lays the document out and writes the PDF to its standard output.

The helper only ever changes *where* the work is done, never its result: it runs the same
:func:`coop.reports.render.render_html` and :func:`layout` as the command would, and a PDF
depends only on its HTML (see :func:`layout`), so the bytes are the same either way (a test
compares them). Whenever the helper cannot deliver (it could not start, failed, or was
killed), the command does the work itself, and an error reads exactly as it would without a
helper; a helper the command did not need (it stopped before printing) is stopped with it.

Only the ``coop`` program turns helpers on (:func:`allow_helper`); code that prints
in-process, such as the tests and the demo, does all the work in its own process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any

from coop.resources import resource_dir

# Enough text to make WeasyPrint load the fonts the print stylesheet uses, so the real
# document finds them ready; the warm-up document itself is thrown away.
_WARM_UP_HTML = (
    "<p style=\"font-family: 'DejaVu Serif'\">Núñez <b>Łukasiewicz</b></p>"
    "<p style=\"font-family: 'DejaVu Sans'\">Núñez <b>Łukasiewicz</b></p>"
)
_LENGTH = struct.Struct("!Q")

_helper_allowed = False
_helper: _Helper | None = None


def import_weasyprint() -> ModuleType:
    """Import WeasyPrint (only documents need it), without its slow library search on Linux.

    WeasyPrint opens Pango, HarfBuzz and fontconfig by trying several names per library, the
    Windows and macOS ones first; cffi hands each name that fails to ``ctypes.util.find_library``,
    which on Linux runs ``ldconfig``, ``gcc`` and ``ld`` in subprocesses: some fifty of them,
    about a quarter of a second on every document. Every list also holds the Linux soname
    (``libpango-1.0.so.0``), which the dynamic loader finds by itself, so the search is switched
    off for the import; if the libraries still cannot be opened, the import is retried with it.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint
    finally:
        ctypes.util.find_library = search
    return weasyprint


def layout(html: str) -> bytes:
    """Lay out ``html`` as a PDF in this process; the same HTML always gives the same bytes."""
    weasyprint = import_weasyprint()
    document = weasyprint.HTML(string=html, base_url=resource_dir("templates").as_uri() + "/")
    # WeasyPrint writes no CreationDate/ModDate unless the HTML carries dcterms meta tags
    # (ours do not); the identifier is derived from the content instead of being random.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = document.write_pdf(pdf_identifier=identifier)
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf


def print_by_helper(template: str, language: str | None, context: Mapping[str, Any]) -> bytes | None:
    """The PDF of ``template`` from the helper waiting for it, or None if there is none or it failed."""
    global _helper
    helper, _helper = _helper, None
    if helper is None or helper.template != template:
        if helper is not None:
            helper.stop()
        return None
    return helper.print(language, context)


def allow_helper() -> None:
    """Let :func:`coop.reports.render.print_ahead` start helpers (the ``coop`` program calls this)."""
    global _helper_allowed
    _helper_allowed = True


@contextmanager
def helper_ahead(out: Path | None, template: str) -> Iterator[None]:
    """Within this block, get ``template`` ready to print in a helper process if ``out`` is a PDF.

    :func:`coop.reports.render.print_ahead` enters this block for a command. Nothing happens
    ahead unless helpers are allowed, the machine has a second core, and WeasyPrint is not yet
    imported. A helper the block did not use is stopped when it ends.
    """
    global _helper
    started = None
    if _helper is None and _worth_a_helper(out):
        started = _helper = _Helper.start(template)
    try:
        yield
    finally:
        if started is not None:
            if _helper is started:
                _helper = None
            started.stop()


def _worth_a_helper(out: Path | None) -> bool:
    if out is None or not _helper_allowed or "weasyprint" in sys.modules:
        return False
    if Path(out).suffix.lower() != ".pdf" or getattr(sys, "frozen", False):
        return False  # a frozen program cannot run ``python -c``
    return (os.cpu_count() or 1) > 1


class _Helper:
    """A Python process that gets ready to print one template, then prints the view model sent to it."""

    def __init__(self, process: subprocess.Popen[bytes], template: str) -> None:
        self._process = process
        self.template = template

    @classmethod
    def start(cls, template: str) -> _Helper | None:
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", "from coop.reports.render import serve; serve()", template],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        except (OSError, ValueError):
            return None
        return cls(process, template)

    def print(self, language: str | None, context: Mapping[str, Any]) -> bytes | None:
        """The PDF of the template with ``context`` in ``language``, or None if the helper failed."""
        try:
            request = pickle.dumps((language, dict(context)), protocol=pickle.HIGHEST_PROTOCOL)
            reply, _ = self._process.communicate(request)
        except (OSError, ValueError, pickle.PicklingError, subprocess.SubprocessError):
            return None
        finally:
            self.stop()
        if self._process.returncode != 0 or len(reply) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack_from(reply)
        pdf = reply[_LENGTH.size :]
        return pdf if length == len(pdf) else None

    def stop(self) -> None:
        """Stop the helper if it is still running, and reap it."""
        with suppress(OSError):
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()


def warm_up() -> None:
    """Import WeasyPrint and load the fonts the print stylesheet uses (the helper's preparation)."""
    weasyprint = import_weasyprint()
    weasyprint.HTML(string=_WARM_UP_HTML).render()


def reply(pdf: bytes) -> None:
    """Send ``pdf`` back to the command, prefixed with its length (the helper's answer)."""
    sys.stdout.buffer.write(_LENGTH.pack(len(pdf)) + pdf)
    sys.stdout.buffer.flush()
