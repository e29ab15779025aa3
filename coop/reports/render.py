"""Turn a view model into a printed document: Jinja2 -> HTML -> PDF.

Templates live in ``templates/`` (``coop/templates`` inside a wheel) and render only the view
model they are given: ``StrictUndefined`` makes a missing field an error instead of a blank.
Every word a template prints goes through gettext (``{% trans %}`` or ``_()``), bound to
:mod:`coop.i18n`. A document is written in the cooperative's language, whoever prints it and
whatever language their messages use: the language comes from ``language=`` or else from the
view model (every view model carries the cooperative's ``language``), is switched to for the
rendering only, and the message language is back in use afterwards.

WeasyPrint is imported by :mod:`coop.reports.pdf` only, when a PDF is laid out: it is slow to
import and no other command needs it. PDF output is deterministic: the same HTML gives the same
bytes (no creation or modification date is written, and the file identifier is a hash of the
content), so a reprint of a stored snapshot is byte-identical on the same WeasyPrint and fonts.

This module sits above :mod:`coop.reports.pdf`: it owns everything that needs a template (writing
a document, :func:`print_ahead` for the commands, the helper process's :func:`serve`), and pdf
only lays HTML out and runs the helper process, without knowing about templates.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import pickle
import re
import signal
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from coop import i18n
from coop.errors import DocumentError
from coop.i18n import _
from coop.resources import resource_dir

if TYPE_CHECKING:
    import jinja2

HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
STYLESHEET = "print.css"


def templates_dir() -> Path:
    """The folder holding the ``*.html.j2`` templates and ``print.css``."""
    return resource_dir("templates")


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = []
    for char in str(text):
        if char in {'"', "\\", "<", ">", "&"} or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return Markup('"' + "".join(escaped) + '"')


def svg_image(svg: str) -> Markup:
    """An SVG drawing (from :mod:`coop.reports.charts`) as an ``<img>`` with a data URI.

    Inline, every element of the drawing would be styled against the document's stylesheets
    and parsed as HTML; as an image WeasyPrint draws the same picture without that work (a
    tenth of the time of a plan report's twenty load charts). The drawing's description
    (its ``aria-label``) becomes the image's alternative text.
    """
    label = re.search(r'aria-label="([^"]*)"', svg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart-image" src="data:image/svg+xml;base64,{data}" alt="{alt}">').format(
        data=data, alt=html.unescape(label.group(1)) if label else ""
    )


def keep_together(text: str) -> str:
    """``text`` with no-break spaces, so that a line never breaks inside it (a name, say)."""
    return str(text).replace(" ", "\u00a0")


def css_content(text: str, **counters: str) -> Markup:
    """A CSS ``content`` value from a translated sentence with ``{name}`` slots for counters.

    ``css_content("Page {page} of {pages}", page="counter(page)", pages="counter(pages)")``
    gives ``"Page " counter(page) " of " counter(pages)``: the words stay translatable and in
    the translator's order, the numbers come from the page counters.
    """
    parts: list[str] = []
    rest = str(text)
    while rest:
        positions = [(rest.find("{" + name + "}"), name) for name in counters if "{" + name + "}" in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, name = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(counters[name])
        rest = rest[index + len(name) + 2 :]
    return Markup(" ".join(parts) or '""')


def _printable(value: Any) -> Any:
    """Every value a template prints, without control characters (an old name's terminal escape)."""
    from coop.display import printable

    if not isinstance(value, str):
        return value
    return Markup(printable(value)) if isinstance(value, Markup) else printable(value)  # safe stays safe


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment for every document (built once per process)."""
    import jinja2  # here: a PDF printed by the helper process needs no Jinja2 in the command

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=_printable,
    )
    # Look the callables up at call time so that set_language() after this point still applies.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: i18n._(message),
        lambda singular, plural, count: i18n.ngettext(singular, plural, count),
        newstyle=True,
        pgettext=lambda context, message: i18n.pgettext(context, message),
        npgettext=lambda context, singular, plural, count: i18n.npgettext(context, singular, plural, count),
    )
    env.filters["css_string"] = css_string
    env.filters["keep_together"] = keep_together
    env.filters["svg_image"] = svg_image
    env.globals["css_content"] = css_content
    env.globals["stylesheet"] = _stylesheet
    return env


def _stylesheet() -> Markup:
    """The shared print stylesheet, inlined so that an HTML document stands on its own."""
    return Markup((templates_dir() / STYLESHEET).read_text(encoding="utf-8"))


def document_language(context: Mapping[str, Any]) -> str | None:
    """The language of the view model in ``context`` (its ``language`` field), if it has one."""
    for value in context.values():
        language = getattr(value, "language", None)
        if isinstance(language, str) and language:
            return language
    return None


def render_html(template: str, *, language: str | None = None, **context: Any) -> str:
    """Render ``template`` (e.g. ``minutes.html.j2``) with ``context`` into an HTML string.

    In ``language``, else the view model's language, else the language of messages.
    """
    language = language or document_language(context)
    with i18n.using(language) if language else nullcontext():
        return environment().get_template(template).render(**context)


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` as an A4 PDF; the same HTML always gives the same bytes."""
    from coop.reports import pdf

    return pdf.layout(html)


def render_pdf(template: str, *, language: str | None = None, **context: Any) -> bytes:
    """Render ``template`` with ``context`` straight to PDF bytes (language as in :func:`render_html`)."""
    return html_to_pdf(render_html(template, language=language, **context))


def document_format(path: Path) -> str:
    """``"html"`` or ``"pdf"`` from the file name's suffix; any other suffix is refused."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    raise DocumentError(
        _("Cannot write {name}: a document must end in .pdf, .html or .htm.").format(name=path.name)
    )


def write_document(path: Path, template: str, *, language: str | None = None, **context: Any) -> Path:
    """Render ``template`` into ``path`` as HTML or PDF, chosen by the suffix; return ``path``.

    The document is in ``language``, else in its view model's language (the cooperative's);
    messages about the file (it cannot be written...) stay in the language of messages.

    The file is written to a temporary name in the same folder and renamed into place, so a
    failure at any point leaves either the previous file or nothing, never half a document.
    """
    path = Path(path)
    kind = document_format(path)
    folder = path.parent
    if not folder.is_dir():
        raise DocumentError(
            _("Cannot write {name}: the folder {folder} does not exist.").format(
                name=path.name, folder=folder
            )
        )
    if kind == "html":
        data = render_html(template, language=language, **context).encode("utf-8")
    else:
        from coop.reports import pdf

        printed = pdf.print_by_helper(template, language, context)
        if printed is None:
            printed = html_to_pdf(render_html(template, language=language, **context))
        data = printed
    _write_atomically(path, data)
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise DocumentError(
            _("Cannot write {name}: {reason}.").format(name=path.name, reason=error.strerror or error)
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DocumentError(
                _("Cannot write {name}: {reason}.").format(name=path.name, reason=error.strerror or error)
            ) from error
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def document_hash(data: bytes) -> str:
    """The SHA-256 of a document's bytes, in hex: what a snapshot records and a reprint is checked against."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Printout:
    """The document a command is going to write: where to, and from which template."""

    out: Path | None
    template: str

    def write(self, **context: Any) -> Path:
        """Render the template with ``context`` into ``out`` (see :func:`write_document`)."""
        assert self.out is not None, "a command without --out writes no document"
        return write_document(self.out, self.template, **context)


@contextmanager
def print_ahead(out: Path | None, template: str) -> Iterator[Printout]:
    """Within this block, get ``template`` ready to print in a helper process if ``out`` is a PDF.

    A command that writes a document enters this block first, before it imports the database
    layer, so that the helper's start-up overlaps the command's own, and writes the document
    with the ``Printout`` it is given. Nothing happens ahead unless helpers are allowed, the
    machine has a second core, and WeasyPrint is not yet imported. A helper the block did not
    use is stopped when it ends (see :func:`coop.reports.pdf.helper_ahead`).
    """
    from coop.reports import pdf

    with pdf.helper_ahead(out, template):
        yield Printout(out, template)


def serve() -> None:
    """The helper's life: get ready, read the view model, write back the length-prefixed PDF.

    The template's name is the helper's one argument. Any failure ends the helper quietly with
    a non-zero status: the command then prints the document itself and reports the problem in
    its own words.
    """
    # The command's own Ctrl-C handling speaks for both processes; the helper just goes.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        from coop.reports import pdf

        template = sys.argv[1]
        environment().get_template(template)
        pdf.warm_up()
        request = sys.stdin.buffer.read()
        if not request:
            return  # the command ended without printing
        language, context = pickle.loads(request)
        pdf.reply(pdf.layout(render_html(template, language=language, **context)))
    except BaseException:  # whatever it was, the command prints the document itself and reports it
        sys.exit(1)
