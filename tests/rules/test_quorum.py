"""Quorum arithmetic: bylaw specs, required numbers, checks, proxies, second call."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop.errors import AssemblyError, BylawError
from coop.rules.quorum import (
    QuorumCheck,
    QuorumKind,
    QuorumSpec,
    SecondCall,
    check_quorum,
    parse_quorum_spec,
    required_quorum,
    second_call_available,
)

# --- parsing the bylaw spec -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "shown", "fraction", "members"),
    [
        ("majority", QuorumKind.MAJORITY, "majority", None, None),
        ("  Majority ", QuorumKind.MAJORITY, "majority", None, None),
        ("0.5", QuorumKind.FRACTION, "0.5", Fraction(1, 2), None),
        (".25", QuorumKind.FRACTION, ".25", Fraction(1, 4), None),
        ("1/3", QuorumKind.FRACTION, "1/3", Fraction(1, 3), None),
        (" 2 / 3 ", QuorumKind.FRACTION, "2/3", Fraction(2, 3), None),
        ("1/1", QuorumKind.FRACTION, "1/1", Fraction(1), None),
        ("1.0", QuorumKind.FRACTION, "1.0", Fraction(1), None),
        ("2/4", QuorumKind.FRACTION, "2/4", Fraction(1, 2), None),
        ("30", QuorumKind.ABSOLUTE, "30", None, 30),
        ("030", QuorumKind.ABSOLUTE, "30", None, 30),
        ("1", QuorumKind.ABSOLUTE, "1", None, 1),
    ],
)
def test_parse_quorum_spec_valid(
    text: str, kind: QuorumKind, shown: str, fraction: Fraction | None, members: int | None
) -> None:
    spec = parse_quorum_spec(text)
    assert spec == QuorumSpec(kind=kind, text=shown, fraction=fraction, members=members)


@pytest.mark.parametrize(
    "text",
    [
        "1.7",
        "0",
        "0.0",
        "0/3",
        "4/3",
        "1/0",
        "-1",
        "-0.5",
        "1e-1",
        "half",
        "30.0",
        "50%",
        "1/3 of members",
        "0,5",
    ],
)
def test_parse_quorum_spec_invalid(text: str) -> None:
    with pytest.raises(BylawError) as info:
        parse_quorum_spec(text)
    message = str(info.value)
    assert message.endswith(".")
    assert "\n" not in message


def test_parse_quorum_spec_message() -> None:
    with pytest.raises(BylawError) as info:
        parse_quorum_spec("1.7")
    assert str(info.value) == (
        "A quorum of 1.7 is not a fraction between 0 and 1 nor a whole number of members; "
        "write majority, a fraction such as 1/3 or 0.5, or a whole number such as 30."
    )


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_quorum_spec_empty(text: str) -> None:
    with pytest.raises(BylawError, match="The quorum is empty"):
        parse_quorum_spec(text)


def test_parse_quorum_spec_zero_members() -> None:
    with pytest.raises(BylawError, match="at least 1 member"):
        parse_quorum_spec("0")


def test_parse_quorum_spec_not_text() -> None:
    with pytest.raises(BylawError):
        parse_quorum_spec(30)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("majority", "half plus one of the active members"),
        ("1/3", "1/3 of the active members"),
        ("30", "30 members"),
        ("1", "1 member"),
    ],
)
def test_quorum_spec_describe(text: str, words: str) -> None:
    assert parse_quorum_spec(text).describe() == words


def test_quorum_spec_is_frozen() -> None:
    spec = parse_quorum_spec("majority")
    with pytest.raises(FrozenInstanceError):
        spec.text = "1/2"  # type: ignore[misc]


# --- required quorum ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "active", "required"),
    [
        ("majority", 40, 21),
        ("majority", 41, 21),
        ("majority", 60, 31),
        ("majority", 1, 1),
        ("majority", 0, 1),
        ("0.5", 40, 20),
        ("0.5", 41, 21),
        ("1/2", 41, 21),
        ("1/3", 40, 14),
        ("1/3", 39, 13),
        ("1/3", 1, 1),
        ("1/3", 0, 1),  # never less than one member
        ("2/3", 45, 30),
        ("0.1", 7, 1),
        ("1/1", 17, 17),
        ("1.0", 17, 17),
        ("30", 100, 30),
        ("30", 25, 30),  # more than the members: never reachable at first call
        ("1", 100, 1),
    ],
)
def test_required_quorum(spec: str, active: int, required: int) -> None:
    assert required_quorum(spec, active) == required
    assert required_quorum(parse_quorum_spec(spec), active) == required


@pytest.mark.parametrize("active", [-1, 2.5, "40", True])
def test_required_quorum_bad_members(active: object) -> None:
    with pytest.raises(AssemblyError, match="active members"):
        required_quorum("majority", active)  # type: ignore[arg-type]


def test_required_quorum_bad_spec_text() -> None:
    with pytest.raises(BylawError):
        required_quorum("1.7", 40)


# --- checking the quorum --------------------------------------------------------------------


def test_check_quorum_not_reached_sentence() -> None:
    check = check_quorum("majority", 60, 28)
    assert check == QuorumCheck(
        met=False,
        present=28,
        proxies_counted=0,
        counted_total=28,
        required=31,
        missing=3,
        at_second_call=False,
        explanation="Quorum not reached: 28 present, 31 required; 3 more members are needed.",
        proxies_represented=0,
    )


def test_check_quorum_one_more_member_singular() -> None:
    check = check_quorum("majority", 60, 30)
    assert check.missing == 1
    assert check.explanation == "Quorum not reached: 30 present, 31 required; 1 more member is needed."


# spec, active, present, proxies, proxies_count, met, counted_total, required, missing
CHECKS = [
    ("majority", 60, 31, 0, False, True, 31, 31, 0),
    ("majority", 60, 30, 0, False, False, 30, 31, 1),
    ("majority", 60, 0, 0, False, False, 0, 31, 31),
    ("majority", 60, 60, 0, False, True, 60, 31, 0),
    ("majority", 60, 29, 2, True, True, 31, 31, 0),  # proxies carry it
    ("majority", 60, 29, 2, False, False, 29, 31, 2),  # proxies do not count
    ("1/3", 40, 14, 0, False, True, 14, 14, 0),
    ("1/3", 40, 13, 0, False, False, 13, 14, 1),
    ("1/3", 40, 10, 4, True, True, 14, 14, 0),
    ("0.5", 41, 21, 0, False, True, 21, 21, 0),
    ("30", 100, 30, 0, False, True, 30, 30, 0),
    ("30", 100, 25, 4, True, False, 29, 30, 1),
    ("30", 25, 25, 0, False, False, 25, 30, 5),
]


@pytest.mark.parametrize(
    ("spec", "active", "present", "proxies", "proxies_count", "met", "counted", "required", "missing"),
    CHECKS,
)
def test_check_quorum_table(
    spec: str,
    active: int,
    present: int,
    proxies: int,
    proxies_count: bool,
    met: bool,
    counted: int,
    required: int,
    missing: int,
) -> None:
    check = check_quorum(spec, active, present, proxies, proxies_count)
    assert check.met is met
    assert check.present == present
    assert check.proxies_represented == proxies
    assert check.proxies_counted == (proxies if proxies_count else 0)
    assert check.counted_total == counted
    assert check.required == required
    assert check.missing == missing
    assert not check.at_second_call
    assert check.explanation.startswith("Quorum reached" if met else "Quorum not reached")


def test_check_quorum_reached_sentence_with_proxies() -> None:
    check = check_quorum("majority", 60, 29, proxies_represented=2, proxies_count=True)
    assert check.explanation == "Quorum reached: 29 present and 2 represented by proxy, 31 required."


def test_check_quorum_sentence_proxies_not_counted() -> None:
    check = check_quorum("majority", 60, 29, proxies_represented=2, proxies_count=False)
    assert check.explanation == (
        "Quorum not reached: 29 present (2 proxies not counted), 31 required; 2 more members are needed."
    )


def test_check_quorum_lost_mid_meeting() -> None:
    """Quorum is checked again when members leave: met at the opening, lost after the break."""
    opening = check_quorum("majority", 60, 35)
    after_break = check_quorum("majority", 60, 28)
    back_again = check_quorum("majority", 60, 31)
    assert opening.met
    assert not after_break.met
    assert after_break.missing == 3
    assert (
        after_break.explanation == "Quorum not reached: 28 present, 31 required; 3 more members are needed."
    )
    assert back_again.met


def test_check_quorum_lost_when_proxy_holder_leaves() -> None:
    """A holder who leaves takes the proxies with them."""
    assert check_quorum("majority", 60, 29, 3, True).met
    assert not check_quorum("majority", 60, 28, 0, True).met


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"present": -1}, AssemblyError, "members present cannot be negative"),
        ({"present": 3.0}, AssemblyError, "members present must be a whole number"),
        ({"proxies_represented": -2}, AssemblyError, "represented by proxy cannot be negative"),
        ({"active_members": -1}, AssemblyError, "active members cannot be negative"),
        ({"present": 61}, AssemblyError, "61 members present are more than the 60 active members"),
        (
            {"present": 58, "proxies_represented": 3},
            AssemblyError,
            "58 members present and 3 represented by proxy are more than the 60 active members",
        ),
        ({"proxies_count": "no"}, AssemblyError, "Whether proxies count must be true or false"),
        ({"second_call": 1}, AssemblyError, "second call must be given"),
        ({"spec": "1.7"}, BylawError, "A quorum of 1.7 is not a fraction"),
    ],
)
def test_check_quorum_invalid(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    args: dict[str, object] = {"spec": "majority", "active_members": 60, "present": 30}
    args.update(kwargs)
    with pytest.raises(error, match=message):
        check_quorum(**args)  # type: ignore[arg-type]


# --- second call ----------------------------------------------------------------------------

CALLED = datetime(2025, 5, 1, 18, 0)


def test_second_call_refused_one_minute_early() -> None:
    status = second_call_available(CALLED, CALLED + timedelta(minutes=59), 60)
    assert not status.available
    assert status.time_left == timedelta(minutes=1)
    assert status.opens_at == datetime(2025, 5, 1, 19, 0)
    assert status.explanation == "The second call opens in 1 minute."


def test_second_call_accepted_exactly_on_time() -> None:
    status = second_call_available(CALLED, CALLED + timedelta(hours=1), 60)
    assert status.available
    assert status.time_left == timedelta(0)
    assert (
        status.explanation == "The second call is open: the 60-minute wait after the called time has passed."
    )


def test_second_call_one_second_early_is_refused() -> None:
    status = second_call_available(CALLED, CALLED + timedelta(minutes=60) - timedelta(seconds=1))
    assert not status.available
    assert status.time_left == timedelta(seconds=1)
    assert status.explanation == "The second call opens in 1 minute."


@pytest.mark.parametrize(
    ("elapsed", "available", "left", "sentence"),
    [
        (timedelta(0), False, timedelta(hours=1), "The second call opens in 60 minutes."),
        (timedelta(minutes=-30), False, timedelta(minutes=90), "The second call opens in 90 minutes."),
        (
            timedelta(minutes=47, seconds=30),
            False,
            timedelta(minutes=12, seconds=30),
            "The second call opens in 13 minutes.",
        ),
        (timedelta(hours=3), True, timedelta(0), None),
    ],
)
def test_second_call_available_table(
    elapsed: timedelta, available: bool, left: timedelta, sentence: str | None
) -> None:
    status = second_call_available(CALLED, CALLED + elapsed)
    assert status.available is available
    assert status.time_left == left
    if sentence:
        assert status.explanation == sentence


def test_second_call_custom_wait_and_zero_wait() -> None:
    assert second_call_available(CALLED, CALLED + timedelta(minutes=30), 30).available
    assert not second_call_available(CALLED, CALLED + timedelta(minutes=29), 30).available
    assert second_call_available(CALLED, CALLED, 0).available


def test_second_call_with_time_zones() -> None:
    buenos_aires = timezone(timedelta(hours=-3))
    called = datetime(2025, 5, 1, 18, 0, tzinfo=buenos_aires)
    assert second_call_available(called, datetime(2025, 5, 1, 22, 0, tzinfo=UTC)).available
    assert not second_call_available(called, datetime(2025, 5, 1, 21, 59, tzinfo=UTC)).available


def test_second_call_mixed_time_zones_refused() -> None:
    with pytest.raises(AssemblyError, match="both have a time zone"):
        second_call_available(CALLED, datetime(2025, 5, 1, 19, 0, tzinfo=UTC))


@pytest.mark.parametrize("wait", [-1, 1.5, True])
def test_second_call_bad_wait(wait: object) -> None:
    with pytest.raises(BylawError, match="whole number of minutes"):
        second_call_available(CALLED, CALLED, wait)  # type: ignore[arg-type]


def test_second_call_not_datetimes() -> None:
    with pytest.raises(AssemblyError, match="dates with a time"):
        second_call_available("18:00", CALLED)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minimum", "present", "met", "required", "sentence"),
    [
        (
            0,
            1,
            True,
            1,
            "Quorum reached at second call: 1 present; at second call any number present is enough.",
        ),
        (
            1,
            12,
            True,
            1,
            "Quorum reached at second call: 12 present; at second call any number present is enough.",
        ),
        (
            0,
            0,
            False,
            1,
            "Quorum not reached at second call: 0 present, 1 required; 1 more member is needed.",
        ),
        (10, 12, True, 10, "Quorum reached at second call: 12 present, 10 required."),
        (
            10,
            8,
            False,
            10,
            "Quorum not reached at second call: 8 present, 10 required; 2 more members are needed.",
        ),
        (
            50,
            31,
            True,
            31,
            "Quorum reached at second call: 31 present, 31 required.",
        ),  # never above first call
    ],
)
def test_check_quorum_at_second_call(
    minimum: int, present: int, met: bool, required: int, sentence: str
) -> None:
    check = check_quorum("majority", 60, present, second_call=SecondCall(minimum))
    assert check.at_second_call
    assert check.met is met
    assert check.required == required
    assert check.missing == max(0, required - present)
    assert check.explanation == sentence


def test_check_quorum_second_call_flow() -> None:
    """Ley 20.337 art. 49: 28 of 60 at 18:00 is not enough; at 19:00 the same 28 are."""
    first = check_quorum("majority", 60, 28)
    assert not first.met
    assert not second_call_available(CALLED, CALLED + timedelta(minutes=59)).available
    assert second_call_available(CALLED, CALLED + timedelta(minutes=60)).available
    second = check_quorum("majority", 60, 28, second_call=SecondCall())
    assert second.met and second.at_second_call


@pytest.mark.parametrize("minimum", [-1, 2.0, True])
def test_second_call_bad_minimum(minimum: object) -> None:
    with pytest.raises(BylawError, match="second-call minimum"):
        SecondCall(minimum)  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------

specs = st.one_of(
    st.just("majority"),
    st.integers(1, 500).map(str),
    st.tuples(st.integers(1, 50), st.integers(1, 50))
    .filter(lambda t: t[0] <= t[1])
    .map(lambda t: f"{t[0]}/{t[1]}"),
    st.integers(1, 1000).map(lambda n: f"{n / 1000}"),
)


@given(specs, st.integers(0, 2000), st.integers(0, 2000))
def test_property_required_quorum_monotonic_in_members(spec: str, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert required_quorum(spec, low) <= required_quorum(spec, high)


@given(specs, st.integers(0, 2000))
def test_property_required_quorum_matches_exact_arithmetic(spec: str, active: int) -> None:
    parsed = parse_quorum_spec(spec)
    required = required_quorum(parsed, active)
    assert required >= 1
    if parsed.kind is QuorumKind.MAJORITY:
        assert 2 * required > active and 2 * (required - 1) <= active
    elif parsed.kind is QuorumKind.FRACTION:
        assert parsed.fraction is not None
        assert required >= parsed.fraction * active
        assert required == 1 or required - 1 < parsed.fraction * active
    else:
        assert required == int(spec)


@st.composite
def attendances(draw: st.DrawFn) -> tuple[str, int, int, int, bool]:
    spec = draw(specs)
    active = draw(st.integers(0, 300))
    present = draw(st.integers(0, active))
    proxies = draw(st.integers(0, active - present))
    return spec, active, present, proxies, draw(st.booleans())


@given(attendances(), st.integers(0, 50))
def test_property_check_quorum_consistent(attendance: tuple[str, int, int, int, bool], minimum: int) -> None:
    spec, active, present, proxies, proxies_count = attendance
    first = check_quorum(spec, active, present, proxies, proxies_count)
    second = check_quorum(spec, active, present, proxies, proxies_count, SecondCall(minimum))
    for check in (first, second):
        assert check.met is (check.counted_total >= check.required)
        assert check.missing == max(0, check.required - check.counted_total)
        assert check.counted_total == present + check.proxies_counted
    assert first.required == required_quorum(spec, active)
    assert second.required <= first.required
    assert not first.met or second.met  # the second call never loses a quorum the first call had


@given(attendances())
def test_property_one_more_present_never_loses_quorum(attendance: tuple[str, int, int, int, bool]) -> None:
    spec, active, present, proxies, proxies_count = attendance
    active = max(active, present + proxies + 1)  # room for one more member to arrive
    before = check_quorum(spec, active, present, proxies, proxies_count)
    after = check_quorum(spec, active, present + 1, proxies, proxies_count)
    assert not before.met or after.met
    assert after.missing <= before.missing


@given(st.integers(-600, 600), st.integers(0, 240))
def test_property_second_call_opens_exactly_after_wait(offset_seconds: int, wait: int) -> None:
    now = CALLED + timedelta(minutes=wait, seconds=offset_seconds)
    status = second_call_available(CALLED, now, wait)
    assert status.available is (offset_seconds >= 0)
    assert status.time_left == max(timedelta(0), -timedelta(seconds=offset_seconds))
    assert status.opens_at == CALLED + timedelta(minutes=wait)


@pytest.mark.parametrize("typed", ["majority", "Majority", "mayoría", "Mayoria"])
def test_a_majority_quorum_is_read_in_either_language_and_stored_as_majority(typed: str) -> None:
    assert parse_quorum_spec(typed).text == "majority"
