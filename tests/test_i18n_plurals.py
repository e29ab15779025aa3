"""Counts read right in both languages: "1 abstención", not "1 abstenciones"; numbers as each writes them.

The table holds every message that puts a count next to a noun through ``ngettext``: with a count of
one, English and Spanish both say the singular. The tests below it ask the services themselves.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop import i18n
from coop.formatting import format_number, format_quantity
from coop.i18n import ngettext
from coop.rules.decisions import DecisionRule
from coop.rules.quorum import check_quorum
from coop.rules.terms import TermLimit, describe_term_limit
from coop.votes.thresholds.decide import decide
from coop.votes.thresholds.inputs import VoteContext, VoteCount

# singular, plural, values, English with a count of 1, Spanish with a count of 1
SINGULARS = [
    ("{count} abstaining", "{count} abstaining", {}, "1 abstaining", "1 abstención"),
    ("%(num)d abstaining", "%(num)d abstaining", {}, "1 abstaining", "1 abstención"),
    (
        "{member} already holds {held} proxy and the bylaws allow {cap} per member (proxy.max_per_holder).",
        "{member} already holds {held} proxies and the bylaws allow {cap} per member (proxy.max_per_holder).",
        {"member": "Ana", "held": 1, "cap": 1},
        "Ana already holds 1 proxy and the bylaws allow 1 per member (proxy.max_per_holder).",
        "Ana ya tiene 1 carta poder y el estatuto permite 1 por asociado (proxy.max_per_holder).",
    ),
    (
        "The two entries of batch {batch} differ at {count} position; see them with: "
        "coop ballot paper compare {id} --batch {batch}",
        "The two entries of batch {batch} differ at {count} positions; see them with: "
        "coop ballot paper compare {id} --batch {batch}",
        {"batch": 2, "id": 7},
        "The two entries of batch 2 differ at 1 position; see them with: "
        "coop ballot paper compare 7 --batch 2",
        "Las dos cargas del lote 2 difieren en 1 posición; véalas con: coop ballot paper compare 7 --batch 2",
    ),
    (
        "Coverage on {day}: {below} skill below its minimum, {one} one absence away",
        "Coverage on {day}: {below} skills below their minimum, {one} one absence away",
        {"day": "04/12/2026", "below": 1, "one": 0},
        "Coverage on 04/12/2026: 1 skill below its minimum, 0 one absence away",
        "Cobertura al 04/12/2026: 1 competencia por debajo de su mínimo, 0 a una ausencia del mínimo",
    ),
    ("{count} seat", "{count} seats", {}, "1 seat", "1 cargo"),
    ("{count} candidate", "{count} candidates", {}, "1 candidate", "1 candidato"),
    ("{count} round", "{count} rounds", {}, "1 round", "1 ronda"),
    (
        "Counted {ballots} ballot in {rounds}. Elected: {winners}.",
        "Counted {ballots} ballots in {rounds}. Elected: {winners}.",
        {"ballots": 1, "rounds": "R", "winners": "Ana"},
        "Counted 1 ballot in R. Elected: Ana.",
        "Se escrutó 1 boleta en R. Electos: Ana.",
    ),
    (
        "{vote}: {count} ballot was added after the close ({now} now, {then} when frozen)",
        "{vote}: {count} ballots were added after the close ({now} now, {then} when frozen)",
        {"vote": "V", "now": 16, "then": 15},
        "V: 1 ballot was added after the close (16 now, 15 when frozen)",
        "V: se agregó 1 voto después del cierre (16 ahora, 15 al sellarse)",
    ),
    (
        "Recorded {count} member as having received a spare slip for {vote}.",
        "Recorded {count} members as having received a spare slip for {vote}.",
        {"vote": "V"},
        "Recorded 1 member as having received a spare slip for V.",
        "Se registró que 1 asociado recibió una papeleta de reserva para V.",
    ),
    (
        "{count} member needs a slip but only {available} left; print new slips with: "
        "coop ballot codes {id} --out slips.pdf",
        "{count} members need a slip but only {available} left; print new slips with: "
        "coop ballot codes {id} --out slips.pdf",
        {"available": "", "id": 3},
        "1 member needs a slip but only  left; print new slips with: coop ballot codes 3 --out slips.pdf",
        "1 asociado necesita una papeleta pero solo ; imprima papeletas nuevas con: "
        "coop ballot codes 3 --out papeletas.pdf",
    ),
    (
        "{count} spare slip is",
        "{count} spare slips are",
        {},
        "1 spare slip is",
        "queda 1 papeleta de reserva",
    ),
    ("{count} slip was", "{count} slips were", {}, "1 slip was", "se entregó 1 papeleta"),
    (
        "The audit chain is intact: {count} event checked.",
        "The audit chain is intact: {count} events checked.",
        {},
        "The audit chain is intact: 1 event checked.",
        "La cadena de auditoría está intacta: 1 evento verificado.",
    ),
    ("{count} blocking", "{count} blocking", {}, "1 blocking", "1 bloqueante"),
    ("{count} acknowledged", "{count} acknowledged", {}, "1 acknowledged", "1 reconocida"),
    ("{count} term", "{count} terms", {}, "1 term", "1 mandato"),
    ("{count} product added", "{count} products added", {}, "1 product added", "1 producto agregado"),
    ("{count} changed", "{count} changed", {}, "1 changed", "1 modificado"),
    ("{count} member", "{count} members", {}, "1 member", "1 asociado"),
    ("{present} present", "{present} present", {"present": 1}, "1 present", "1 presente"),
    (
        "{present} member present is more than the {members} active members.",
        "{present} members present are more than the {members} active members.",
        {"present": 1, "members": 0},
        "1 member present is more than the 0 active members.",
        "1 asociado presente supera la cantidad de asociados activos (0).",
    ),
    (
        "{votes} votes were counted but only {room} member is present.",
        "{votes} votes were counted but only {room} members are present.",
        {"votes": 2, "room": 1},
        "2 votes were counted but only 1 member is present.",
        "Se contaron 2 votos, pero solo hay 1 asociado presente.",
    ),
    (
        "reached the threshold in round {round} with {votes} vote",
        "reached the threshold in round {round} with {votes} votes",
        {"round": 2, "votes": "1"},
        "reached the threshold in round 2 with 1 vote",
        "alcanzó el umbral en la ronda 2 con 1 voto",
    ),
    (
        "Certifications lapsing in the next {days} day",
        "Certifications lapsing in the next {days} days",
        {"days": 1},
        "Certifications lapsing in the next 1 day",
        "Certificaciones que vencen dentro de 1 día",
    ),
]


def _one(singular: str, plural: str, values: dict[str, object]) -> str:
    text = ngettext(singular, plural, 1)
    if "%(num)" in singular:
        return text % {"num": 1, **values}
    return text.format(**{"count": 1, **values})


@pytest.mark.parametrize(("singular", "plural", "values", "english", "spanish"), SINGULARS)
def test_a_count_of_one_reads_as_the_singular(
    singular: str, plural: str, values: dict[str, object], english: str, spanish: str
) -> None:
    with i18n.using("en"):
        assert _one(singular, plural, values) == english
    with i18n.using("es"):
        assert _one(singular, plural, values) == spanish


def test_one_yes_and_one_abstention_read_in_the_singular() -> None:
    with i18n.using("es"):
        decision = decide(DecisionRule.MAJORITY_CAST, VoteCount(1, 0, 1), VoteContext(present=2))
    assert decision.explanation.startswith("Aprobada: 1 voto a favor es mayoría de ")
    assert "(0 en contra, 1 abstención)" in decision.explanation
    with i18n.using("en"):
        decision = decide(DecisionRule.MAJORITY_CAST, VoteCount(1, 0, 1), VoteContext(present=2))
    assert "(0 no, 1 abstaining)" in decision.explanation


def test_one_vote_against_breaks_unanimity_in_the_singular() -> None:
    with i18n.using("es"):
        decision = decide(DecisionRule.UNANIMITY, VoteCount(5, 1, 2))
    assert decision.explanation.startswith(
        "No aprobada: se necesitaba unanimidad y 1 votó en contra (5 a favor, 2 abstenciones)"
    )


def test_quorum_with_one_member_present() -> None:
    with i18n.using("es"):
        quorum = check_quorum("1", active_members=3, present=1)
    assert quorum.explanation == "Hay quórum: 1 presente; mínimo requerido: 1."


def test_a_term_limit_of_one_term_and_one_month() -> None:
    limit = TermLimit(max_terms=1, max_months=1)
    with i18n.using("en"):
        assert describe_term_limit(limit) == "at most 1 term or 1 month in office"
    with i18n.using("es"):
        assert describe_term_limit(limit) == "como máximo 1 mandato o 1 mes en el cargo"


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (Decimal("1500"), "1,500", "1.500"),
        (Decimal("4.2501"), "4.2501", "4,2501"),
        (Decimal("12.50"), "12.5", "12,5"),
        (Decimal("-0.00"), "0", "0"),
        (7, "7", "7"),
    ],
)
def test_quantities_in_messages_are_written_as_each_language_writes_them(
    value: Decimal | int, english: str, spanish: str
) -> None:
    assert format_quantity(value, "en") == english
    assert format_quantity(value, "es") == spanish


def test_a_percentage_keeps_its_one_decimal() -> None:
    assert format_number(Decimal("112.5"), "es", 1) == "112,5"
    assert format_number(Decimal("112.5"), "en", 1) == "112.5"
