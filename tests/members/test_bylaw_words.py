"""Every rule and every value a person reads is in words, in the language asked for."""

from __future__ import annotations

import pytest

from coop import i18n
from coop.members.bylaws import BYLAW_DEFINITIONS, DECISION_RULES, TIE_RULES, bylaw_titles, bylaw_value_words


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
