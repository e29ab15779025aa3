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
    # coop.assemblies.models.AssemblyKind
    N_("ordinary")
    N_("extraordinary")
    # coop.assemblies.models.MinutesStatus
    N_("draft")
    N_("approved")
    # coop.assemblies.models.MotionStatus
    N_("proposed")
    N_("seconded")
    N_("postponed")
    N_("voting")
    N_("adopted")
    N_("rejected")
    N_("withdrawn")
    # coop.votes.models.ElectionStatus, coop.assemblies.models.ObjectionStatus
    N_("open")
    N_("closed")
    N_("resolved")
    # coop.votes.models.Choice
    N_("yes")
    N_("no")
    N_("abstain")
    # coop.votes.models.PaperBatchStatus
    N_("entered")
    N_("accepted")
    N_("discarded")
