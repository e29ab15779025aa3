"""Every rule and every value a person reads is in words, in the language asked for."""

from __future__ import annotations

import re

import pytest

from coop import i18n
from coop.errors import BylawError
from coop.members.bylaws import (
    BYLAW_DEFINITIONS,
    DECISION_RULES,
    TIE_RULES,
    bylaw_titles,
    bylaw_value_words,
    validate_bylaw,
)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_default_value_reads_as_words_not_as_the_stored_token(language: str) -> None:
    with i18n.using(language):
        for key, definition in BYLAW_DEFINITIONS.items():
            words = bylaw_value_words(key, definition.default)
            assert words and "_" not in words and words not in {"none", "yes", "no"}, (key, words)
            if language == "es":  # an English token left in a Spanish document is a missing word
                assert words != definition.default, (key, words)
        assert all(bylaw_titles().values())


def test_every_decision_and_tie_rule_has_spanish_words() -> None:
    with i18n.using("es"):
        for rule in DECISION_RULES:
            assert "_" not in bylaw_value_words("threshold.ordinary", rule)
        for rule in TIE_RULES:
            assert (
                "_" not in bylaw_value_words("tie_rule", rule) and bylaw_value_words("tie_rule", rule) != rule
            )
        assert bylaw_value_words("quorum", "2/5") == "2/5 de los asociados activos"
        assert bylaw_value_words("quorum.second_call_minutes", "60") == (
            "60 minutos después de la hora de la convocatoria"
        )


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("tie_rule", "chair_decides", "chair_decides"),
        ("tie_rule", "Chair-Decides", "chair_decides"),
        ("tie_rule", "la presidencia de la asamblea desempata", "chair_decides"),
        ("tie_rule", "the chair decides a tie", "chair_decides"),
        ("threshold.ordinary", "two-thirds-cast", "two_thirds_cast"),
        ("threshold.ordinary", "mayoría simple de los votos emitidos", "majority_cast"),
        ("threshold.ordinary", "unanimidad", "unanimity"),
        ("quorum", "mayoría", "majority"),
        ("motion.seconding_required", "sí", "yes"),
    ],
)
def test_a_rule_is_set_by_its_key_or_its_words_in_either_language(key: str, typed: str, stored: str) -> None:
    for language in ("en", "es"):
        with i18n.using(language):
            assert validate_bylaw(key, typed) == stored


def test_an_unknown_rule_is_refused_with_its_words_in_the_operators_language() -> None:
    with (
        i18n.using("es"),
        pytest.raises(
            BylawError,
            match=re.escape(
                "'moneda' no es ninguna de estas opciones: el empate rechaza la moción, el empate aprueba "
                "la moción o la presidencia de la asamblea desempata."
            ),
        ),
    ):
        validate_bylaw("tie_rule", "moneda")
