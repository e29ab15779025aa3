"""Attendance times are times at this assembly: after it began, not in the future, in order.

The meeting fixture's assembly is called for 10:00 and opened at 10:00 (``meeting.now``).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coop.assemblies import attendance
from coop.errors import AssemblyError
from tests.factories.meetings import Meeting


def _arrive(meeting: Meeting, number: int, *, at_minute: int, now_minute: int) -> None:
    attendance.check_in(
        meeting.session,
        actor=meeting.secretary,
        now=meeting.later(now_minute),
        assembly=meeting.assembly,
        members=[f"{number:04d}"],
        at=meeting.later(at_minute),
    )


def _leave(meeting: Meeting, *numbers: int, at_minute: int, now_minute: int) -> None:
    attendance.check_out(
        meeting.session,
        actor=meeting.secretary,
        now=meeting.later(now_minute),
        assembly=meeting.assembly,
        members=[f"{n:04d}" for n in numbers],
        at=meeting.later(at_minute),
    )


def test_an_arrival_in_the_future_is_refused(meeting: Meeting) -> None:
    with pytest.raises(AssemblyError, match="later than now") as refused:
        _arrive(meeting, 5, at_minute=30, now_minute=10)
    assert "10:30" in refused.value.message and "10:10" in refused.value.message
    assert attendance.present_member_ids(meeting.assembly) == set()


def test_a_departure_in_the_future_is_refused(meeting: Meeting) -> None:
    _arrive(meeting, 5, at_minute=0, now_minute=0)
    with pytest.raises(AssemblyError, match="later than now"):
        _leave(meeting, 5, at_minute=45, now_minute=20)


def test_an_arrival_before_the_assembly_began_is_refused(meeting: Meeting) -> None:
    with pytest.raises(AssemblyError, match=r"before assembly .* began") as refused:
        _arrive(meeting, 5, at_minute=-30, now_minute=5)
    assert "09:30" in refused.value.message and "10:00" in refused.value.message


def test_a_departure_before_the_called_time_is_refused(meeting: Meeting) -> None:
    _arrive(meeting, 5, at_minute=0, now_minute=0)
    with pytest.raises(AssemblyError, match=r"before assembly .* began"):
        _leave(meeting, 5, at_minute=-60, now_minute=10)


def test_a_departure_before_that_members_arrival_is_refused(meeting: Meeting) -> None:
    _arrive(meeting, 5, at_minute=20, now_minute=30)
    with pytest.raises(AssemblyError, match=r"before .* arrived at 10:20") as refused:
        _leave(meeting, 5, at_minute=10, now_minute=30)
    assert "Socio 0005" in refused.value.message
    assert attendance.present_member_ids(meeting.assembly) == {meeting.assembly.attendance[0].member_id}


def test_a_return_before_the_members_last_departure_is_refused(meeting: Meeting) -> None:
    _arrive(meeting, 5, at_minute=0, now_minute=0)
    _leave(meeting, 5, at_minute=30, now_minute=30)
    with pytest.raises(AssemblyError, match=r"before .* left at 10:30"):
        _arrive(meeting, 5, at_minute=20, now_minute=40)


def test_a_refused_departure_changes_no_one(meeting: Meeting) -> None:
    """Several members leave in one command: one bad time, and no departure is written."""
    _arrive(meeting, 5, at_minute=0, now_minute=0)
    _arrive(meeting, 6, at_minute=25, now_minute=25)
    with pytest.raises(AssemblyError, match="Socio 0006"):
        _leave(meeting, 5, 6, at_minute=20, now_minute=30)
    assert all(stay.left_at is None for stay in meeting.assembly.attendance)


def test_times_within_the_assembly_are_recorded(meeting: Meeting) -> None:
    _arrive(meeting, 5, at_minute=0, now_minute=0)
    _leave(meeting, 5, at_minute=30, now_minute=35)
    _arrive(meeting, 5, at_minute=30, now_minute=40)  # back at the minute they left: allowed
    stays = [(s.arrived_at, s.left_at) for s in meeting.assembly.attendance]
    assert stays == [
        (meeting.now, meeting.now + timedelta(minutes=30)),
        (meeting.now + timedelta(minutes=30), None),
    ]


def test_arrivals_need_members_or_a_file_and_a_file_and_names_are_both_recorded(
    meeting: Meeting, tmp_path: Path
) -> None:
    """coop assembly attend: name the members arriving, give --file with their numbers, or both."""
    with pytest.raises(AssemblyError, match="Name the members arriving"):
        meeting.ctx(attendance.record_arrivals, assembly=meeting.assembly)
    listed = tmp_path / "arrivals.csv"
    listed.write_text("number\n0005\n0006\n", encoding="utf-8")
    arrived = meeting.ctx(
        attendance.record_arrivals,
        assembly=meeting.assembly,
        members=["0007"],
        path=listed,
    )
    assert [member.number for member in arrived] == ["0005", "0006", "0007"]
    assert len(attendance.present_member_ids(meeting.assembly)) == 3


@pytest.mark.parametrize(
    "content",
    [
        "Número;Nombre\r\n0005;\r\n0006;\r\n".encode("cp1252"),
        b"\xef\xbb\xbfnumero\n0005\n0006\n",
        b"0005\n0006\n",
    ],
)
def test_an_arrivals_file_may_be_a_spanish_sign_in_sheet(
    meeting: Meeting, tmp_path: Path, content: bytes
) -> None:
    """A sheet saved by a Spanish spreadsheet (headed Número, semicolons, Windows-1252) reads the same."""
    listed = tmp_path / "asistencia.csv"
    listed.write_bytes(content)
    arrived = meeting.ctx(attendance.record_arrivals, assembly=meeting.assembly, path=listed)
    assert [member.number for member in arrived] == ["0005", "0006"]
