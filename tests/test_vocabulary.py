"""The words people read and type for stored values (coop.vocabulary) and how views read (coop.display)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import pytest

import coop.models  # noqa: F401  (defines every table's vocabularies)
from coop import display, vocabulary
from coop.assemblies.models import AssemblyKind, AssemblyStatus
from coop.errors import VoteError
from coop.i18n import N_, using
from coop.plans.models import PlanStatus
from coop.views import View
from coop.votes.models import Choice, VoteMethod


@pytest.mark.parametrize("enum", vocabulary.defined(), ids=lambda enum: enum.__name__)
def test_no_typed_word_names_two_values(enum: type) -> None:
    assert vocabulary.ambiguous(enum) == []


@pytest.mark.parametrize("enum", vocabulary.defined(), ids=lambda enum: enum.__name__)
def test_every_value_reads_in_spanish_as_other_words_than_the_stored_english(enum: type) -> None:
    # Spanish labels that happen to be spelled as the English value (e.g. "no") are fine; a label
    # left untranslated would read as the English label itself.
    with using("en"):
        english = {member: vocabulary.label(member) for member in enum}
    with using("es"):
        spanish = {member: vocabulary.label(member) for member in enum}
    # The words of Argentine list elections are Spanish in both languages (GLOSSARY-es.md).
    same = {"no", "nominal", "lista completa", "lista incompleta", "titular", "suplente"}
    untranslated = [m for m in enum if spanish[m] == english[m] and english[m] not in same]
    assert untranslated == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("secreta", VoteMethod.secret),
        ("SECRETA", VoteMethod.secret),
        ("a mano alzada", VoteMethod.show_of_hands),
        ("a-mano-alzada", VoteMethod.show_of_hands),
        ("nominal", VoteMethod.roll_call),
        ("Votación nominal", VoteMethod.roll_call),
        ("roll-call", VoteMethod.roll_call),
        ("roll_call", VoteMethod.roll_call),
        ("show of hands", VoteMethod.show_of_hands),
        ("secret", VoteMethod.secret),
        # a choice, with or without accents
        ("sí", Choice.yes),
        ("si", Choice.yes),
        ("Sí", Choice.yes),
        ("yes", Choice.yes),
        ("no", Choice.no),
        ("abstención", Choice.abstain),
        ("abstencion", Choice.abstain),
        ("abstain", Choice.abstain),
    ],
)
def test_a_word_is_read_in_either_language_whatever_the_operator_uses(
    typed: str, expected: VoteMethod | Choice
) -> None:
    for language in ("en", "es"):
        with using(language):
            assert vocabulary.parse(type(expected), typed, VoteError) is expected


def test_an_unknown_word_is_refused_by_the_callers_sentence() -> None:
    with pytest.raises(VoteError, match="'secretísima'"):
        vocabulary.parse(
            VoteMethod, " secretísima ", lambda typed: VoteError(f"'{typed}' is not a way of voting")
        )


def test_a_refusal_names_what_was_typed_and_the_words_to_type_instead() -> None:
    message = "'{method}' is not a way of voting; use {words}."
    refuse = vocabulary.refusal(VoteMethod, VoteError, message, "method")
    with using("es"), pytest.raises(VoteError) as refused:
        vocabulary.parse(VoteMethod, " secretísima ", refuse)
    assert refused.value.message == (
        "'secretísima' is not a way of voting; use nominal, secreta, a-mano-alzada o consentimiento."
    )


def test_help_lists_the_words_in_the_operators_language() -> None:
    with using("en"):
        assert vocabulary.words_text(VoteMethod) == "roll-call, secret, show-of-hands or consent"
    with using("es"):
        assert vocabulary.words_text(VoteMethod) == "nominal, secreta, a-mano-alzada o consentimiento"


def test_a_label_agrees_with_what_it_describes_in_spanish() -> None:
    with using("es"):
        assert vocabulary.label(AssemblyStatus.closed) == "cerrada"
        assert vocabulary.label(PlanStatus.closed) == "cerrado"


@dataclass(frozen=True)
class _Sample(View):
    headings: ClassVar = {"kind": N_("Kind"), "share": N_("Share"), "open": N_("Open")}

    kind: AssemblyKind
    share: Decimal
    open: bool
    note: str | None


def test_a_view_reads_in_the_operators_words_while_its_json_keeps_the_stored_values() -> None:
    sample = _Sample(AssemblyKind.ordinary, Decimal("1500.25"), True, None)
    with using("es"):
        assert display.text_row(sample) == {
            "kind": "ordinaria",
            "share": "1.500,25",
            "open": "sí",
            "note": "",
        }
        shown = {line.heading: line.text for line in display.fields(sample)}
        assert shown["Tipo"] == "ordinaria"  # the heading translated, the stored value by its label
        assert shown["note"] == ""  # a field without a heading shows its key (a test of each show finds it)
    assert sample.as_json() == {"kind": "ordinary", "share": "1500.25", "open": True, "note": None}
    with using("en"):
        assert display.text_row(sample)["share"] == "1,500.25"
