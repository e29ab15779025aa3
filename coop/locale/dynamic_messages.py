"""Words the code translates from a variable (``_(assembly.kind.value)``), listed for extraction.

Extraction only sees string literals, so the values of these enums are marked here (the function
is never called). ``tests/test_i18n_catalogue.py`` fails when a ``_()`` call with a variable
argument appears that is not registered there, or when an enum below gains a value that the
catalogue lacks. Spanish note for translators: these stand alone or fill a ``{status}``/``{kind}``
slot; motions, elections and assemblies are feminine, ballot batches masculine.
"""

from __future__ import annotations

from coop.i18n import N_


def _dynamic_messages() -> None:  # pragma: no cover - read by the extractor, never run
    # coop.members.models.Role
    N_("member")
    N_("coordinator")
    N_("trainer")
    N_("secretary")
    # coop.training.models.SessionKind
    N_("theory")
    N_("practice")
    N_("shadowing")
    N_("exam")
