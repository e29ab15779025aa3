"""coop.parsing: what people type, read one way; each refusal is the caller's own error and sentence."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop import parsing
from coop.errors import CoopError, MemberError, PlanError
from coop.formatting import format_number
from coop.i18n import using


def _refuse(value: str) -> CoopError:
    return MemberError(f"refused '{value}'")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-08", date(2026, 12, 8)),
        ("  2026-12-08 ", date(2026, 12, 8)),
        ("20261208", date(2026, 12, 8)),
        (date(2026, 2, 28), date(2026, 2, 28)),
        (datetime(2026, 2, 28, 18, 30), datetime(2026, 2, 28, 18, 30)),
    ],
)
def test_parse_day_reads_iso_days(typed: str | date, day: date) -> None:
    assert parsing.parse_day(typed, _refuse) == day


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("08/12/2026", "08/12/2026"), (" 2026-02-30 ", "2026-02-30"), ("", ""), ("mañana", "mañana")],
)
def test_parse_day_refusal_is_the_callers_error_with_the_text_stripped(typed: str, shown: str) -> None:
    with pytest.raises(MemberError, match=f"^refused '{shown}'$"):
        parsing.parse_day(typed, _refuse)


@pytest.mark.parametrize(
    ("typed", "monday"),
    [
        ("2026-W49", date(2026, 11, 30)),
        ("2026w49", date(2026, 11, 30)),
        ("2025-W7", date(2025, 2, 10)),
        ("2026-12-02", date(2026, 11, 30)),
        ("2026-W49-3", date(2026, 11, 30)),
        (date(2026, 12, 6), date(2026, 11, 30)),
    ],
)
def test_parse_week_gives_the_monday(typed: str | date, monday: date) -> None:
    assert parsing.parse_week(typed, _refuse, error=PlanError) == monday


def test_parse_week_refuses_text_that_is_no_week_with_the_callers_sentence() -> None:
    with pytest.raises(MemberError, match=r"^refused 'week 49'$"):
        parsing.parse_week(" week 49 ", _refuse, error=PlanError)


def test_parse_week_refuses_a_week_the_year_does_not_have_with_the_given_error() -> None:
    with pytest.raises(PlanError, match=r"^2026-W54 is not an ISO week\.$"):
        parsing.parse_week("2026-W54", _refuse, error=PlanError)


@pytest.mark.parametrize(
    ("typed", "allow_zero", "quantity"),
    [
        ("1200", False, Decimal("1200")),
        (" 12.5 ", False, Decimal("12.5")),
        (Decimal("0.0001"), False, Decimal("0.0001")),
        (7, False, Decimal(7)),
        ("0", True, Decimal(0)),
        ("999999999999", False, Decimal("999999999999")),
    ],
)
def test_parse_quantity_reads_plain_decimals(
    typed: str | Decimal | int, allow_zero: bool, quantity: Decimal
) -> None:
    assert parsing.parse_quantity(typed, "Quantity", error=PlanError, allow_zero=allow_zero) == quantity


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,5", "Quantity '1,5' is not a number; write decimals with a point and no thousands separator"),
        ("1.200,5", "Quantity '1.200,5' is not a number; write decimals with a point"),
        ("doce", "Quantity 'doce' is not a number; write it like 1200 or 12.5."),
        ("NaN", "Quantity 'NaN' is not a number; write it like 1200 or 12.5."),
        ("Infinity", "Quantity 'Infinity' is not a number"),
        ("-3", r"Quantity cannot be negative \(-3\)."),
        ("0", "Quantity must be above zero."),
        ("1000000000000", "Quantity 1000000000000 is too large."),
        ("1.23456", "Quantity 1.23456 has more than 4 decimals."),
    ],
)
def test_parse_quantity_refusals(typed: str, message: str) -> None:
    with pytest.raises(PlanError, match=f"^{message}"):
        parsing.parse_quantity(typed, "Quantity", error=PlanError)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", Decimal(12)), ("1.5", Decimal("1.5")), ("x", None), ("NaN", None), ("-inf", None)],
)
def test_read_decimal_gives_none_for_what_is_not_a_finite_number(typed: str, value: Decimal | None) -> None:
    assert parsing.read_decimal(typed) == value


# How an operator of each language types a number. Spanish writes a decimal comma and groups thousands
# with points; English writes a decimal point and no thousands separator (as the CLI always has).
TYPED_NUMBERS: list[tuple[str, str, Decimal]] = [
    ("es", "0,1", Decimal("0.1")),
    ("es", "12,5", Decimal("12.5")),
    ("es", "1.500", Decimal(1500)),
    ("es", "4.500.000", Decimal(4500000)),
    ("es", "1.500,25", Decimal("1500.25")),
    ("es", "1500,25", Decimal("1500.25")),
    ("es", "1200", Decimal(1200)),
    ("es", " -3 ", Decimal(-3)),
    ("en", "1.5", Decimal("1.5")),
    ("en", "0.25", Decimal("0.25")),
    ("en", "1200", Decimal(1200)),
]


@pytest.mark.parametrize(("language", "typed", "value"), TYPED_NUMBERS)
def test_a_number_is_read_the_way_the_operators_language_writes_it(
    language: str, typed: str, value: Decimal
) -> None:
    assert parsing.read_typed_number(typed, language) == value


# In Spanish a point groups thousands, so a point that does not group three digits ("1.5") could be a
# decimal typed the English way or a mistyped thousand: refused with both readings, never guessed.
@pytest.mark.parametrize(
    ("typed", "as_decimal", "as_whole"),
    [
        ("1.5", "1,5", "15"),
        ("0.25", "0,25", "25"),
        ("12.5000", "12,5000", "125000"),
        ("0.250", "0,250", "250"),
    ],
)
def test_in_spanish_a_point_that_groups_no_thousands_is_refused_as_ambiguous(
    typed: str, as_decimal: str, as_whole: str
) -> None:
    with pytest.raises(parsing.AmbiguousNumber) as refused:
        parsing.read_typed_number(typed, "es")
    assert (refused.value.as_decimal, refused.value.as_whole) == (as_decimal, as_whole)
    assert refused.value.sentence("Quantity") == (
        f"Quantity '{typed}' could be read two ways; "
        f"write {as_decimal} for a decimal or {as_whole} for a whole number."
    )


@pytest.mark.parametrize("typed", ["1,2,3", "1.500.5", "1.50,5", "doce", "NaN", ""])
def test_in_spanish_what_is_no_number_reads_as_none(typed: str) -> None:
    assert parsing.read_typed_number(typed, "es") is None


def test_without_a_language_the_current_message_language_decides() -> None:
    with using("es"):
        assert parsing.read_typed_number("1.500") == Decimal(1500)
    with using("en"):
        assert parsing.read_typed_number("1.500") == Decimal("1.5")


@given(st.decimals(min_value=0, max_value=parsing.MAX_QUANTITY, places=4) | st.integers(0, 10**12))
def test_a_number_formatted_the_spanish_way_reads_back_to_itself(value: Decimal | int) -> None:
    assert parsing.read_typed_number(format_number(value, "es"), "es") == value


@pytest.mark.parametrize(
    ("typed", "quantity"),
    [("0,5", Decimal("0.5")), ("1.500", Decimal(1500)), (" 1.500,25 ", Decimal("1500.25"))],
)
def test_parse_quantity_reads_the_spanish_way_when_the_operator_speaks_spanish(
    typed: str, quantity: Decimal
) -> None:
    with using("es"):
        assert parsing.parse_quantity(typed, "Cantidad", error=PlanError) == quantity


def test_parse_quantity_refuses_an_ambiguous_spanish_number_in_spanish() -> None:
    with using("es"), pytest.raises(PlanError) as refused:
        parsing.parse_quantity("1.5", "Cantidad", error=PlanError)
    assert str(refused.value) == (
        "Cantidad '1.5' se puede leer de dos maneras; escriba 1,5 para un decimal o 15 para un número entero."
    )


def _missing() -> CoopError:
    return PlanError("no code")


@pytest.mark.parametrize(
    ("typed", "code"), [("bald-30", "BALD-30"), (" kiln_1.a ", "KILN_1.A"), ("x" * 40, "X" * 40)]
)
def test_parse_code_gives_the_code_in_capitals(typed: str, code: str) -> None:
    assert parsing.parse_code(typed, missing=_missing, refuse=_refuse) == code


@pytest.mark.parametrize(
    ("typed", "error", "message"),
    [
        ("", PlanError, "^no code$"),
        ("   ", PlanError, "^no code$"),
        (" two words ", MemberError, "^refused 'two words'$"),
        ("año", MemberError, "^refused 'año'$"),
        ("x" * 41, MemberError, f"^refused '{'x' * 41}'$"),
    ],
)
def test_parse_code_refusals(typed: str, error: type[CoopError], message: str) -> None:
    with pytest.raises(error, match=message):
        parsing.parse_code(typed, missing=_missing, refuse=_refuse)


def test_a_code_with_an_accent_or_an_enye_is_refused_in_words_a_spanish_reader_takes_at_their_word() -> None:
    """Codes are A to Z: in Spanish, "letras" alone would promise Ñ and Á, so the sentence rules them out."""
    from coop.plans.common import check_code
    from coop.training.skills import check_code as check_skill_code

    with using("es"), pytest.raises(PlanError) as refused:
        check_code("PZ-Ñ1", "Un producto")
    assert "'PZ-Ñ1' no puede ser un código; use hasta 40 letras sin tilde ni ñ, dígitos" in str(refused.value)
    with using("es"), pytest.raises(CoopError) as refused_skill:
        check_skill_code("Soldadura-eléctrica")
    assert "use hasta 40 letras sin tilde ni ñ, dígitos" in str(refused_skill.value)


def test_parsing_is_pure() -> None:
    """No database, no clock: only the errors and the translations from the rest of coop."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(parsing.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    assert {name for name in imported if name and name.startswith("coop")} <= {"coop.errors", "coop.i18n"}
    assert not {"sqlalchemy", "time", "random", "os"} & {(name or "").split(".")[0] for name in imported}
