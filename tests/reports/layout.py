"""Checks on a document's layout, read off WeasyPrint's boxes rather than the PDF's text.

Text past the right margin, or out of its table cell into the next one, is still in the PDF
(text extraction finds it) but not readable on paper, so these checks look at where each piece
of text was laid out.
"""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint.formatting_structure import boxes

from coop.reports import render
from coop.reports.pdf import import_weasyprint


def _text_boxes(box: boxes.Box, *, right_edge: float, turned: bool) -> Iterator[tuple[boxes.TextBox, float]]:
    """Each piece of text with the right edge it must stay within (its cell's, else the page's)."""
    # Rotated text (the DRAFT watermark, the skills matrix's column heads) is laid out before
    # it turns: its unrotated box says nothing about where it lands on the page.
    turned = turned or bool(box.style["transform"])
    if isinstance(box, boxes.TableCellBox):
        right_edge = min(right_edge, box.position_x + box.border_width())
    if isinstance(box, boxes.TextBox) and not turned:
        yield box, right_edge
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, right_edge=right_edge, turned=turned)


def text_running_over(html: str, *, tolerance_pt: float = 0.5) -> list[str]:
    """Every piece of text that runs past the page's right margin or out of its table cell.

    Rotated text is left out: the diagonal DRAFT watermark is wider than the page on purpose.
    """
    document = import_weasyprint().HTML(string=html, base_url=render.templates_dir().as_uri() + "/").render()
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        page_edge = page_box.content_box_x() + page_box.width
        for box, right_edge in _text_boxes(page_box, right_edge=page_edge, turned=False):
            if box.position_x + box.width > right_edge + tolerance_pt:
                found.append(f"page {number}: {box.text!r}")
    return found


def pages_by_id(html: str) -> dict[str, list[int]]:
    """The pages on which each element with an ``id`` is laid out, in order (a table split over
    two pages is on both)."""
    document = import_weasyprint().HTML(string=html, base_url=render.templates_dir().as_uri() + "/").render()
    found: dict[str, list[int]] = {}

    def walk(box: boxes.Box, number: int) -> None:
        element = getattr(box, "element", None)
        identifier = element.get("id") if element is not None else None
        if identifier and number not in found.setdefault(identifier, []):
            found[identifier].append(number)
        for child in getattr(box, "children", ()):
            walk(child, number)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, number)
    return found
