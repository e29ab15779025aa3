"""Elections in the database counted by Meek, WIGM, the Scottish rules and Schulze, end to end:
created, cast by secret ballot, closed with the officer's key, stored with their hash, shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coop.assemblies import elections
from coop.errors import VoteError
from coop.members.actors import Actor, find_member
from coop.votes.ballot_files.blt import read_blt
from coop.votes.closing_record import check_closed_votes
from coop.votes.stv import GUARDED_P18_G9, StvElection, count_meek, count_scottish
from coop.votes.tally import group_rankings
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import Meeting

NAMES = ["Socio 0003", "Socio 0004", "Socio 0005", "Socio 0006"]
A, B, C, D = NAMES


def _election(meeting: Meeting, rules: str, seats: int):  # type: ignore[no-untyped-def]
    election = meeting.ctx(
        elections.create_election,
        title=f"Comisión ({rules})",
        seats=seats,
        rules=rules,
        candidates=["0003", "0004", "0005", "0006"],
    )
    meeting.ctx(elections.open_election, election=election)
    return election


def _cast_all(meeting: Meeting, election, rankings: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    for number, ranking in enumerate(rankings, start=7):
        elections.cast_election_ballot(
            meeting.session,
            actor=Actor(find_member(meeting.session, f"{number:04d}")),
            now=meeting.now,
            election=election,
            ranking=ranking,
        )


def _close(meeting: Meeting, election) -> dict:  # type: ignore[no-untyped-def]
    return meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)


# A beats C and D head to head, B beats everyone; B has the fewest first preferences.
CONDORCET = [[A, B, C]] * 8 + [[C, B, A]] * 7 + [[B, A, C]] * 5


def test_a_condorcet_winner_wins_schulze(meeting: Meeting) -> None:
    election = _election(meeting, "schulze", 1)
    _cast_all(meeting, election, CONDORCET)
    result = _close(meeting, election)
    # B is preferred to every other candidate by a majority of the ballots: B must win.
    pairwise = result["pairwise"]
    assert all(pairwise[B][other] > pairwise[other][B] for other in NAMES if other != B)
    assert result["winners"] == [B]
    # Unranked D counts below every ranked candidate on each ballot.
    assert pairwise[A][D] == 20 and pairwise[D][A] == 0
    assert result["total_ballots"] == "20" and result["format"] == "coop-schulze/1"
    assert elections.official_result(election) == result  # stored as returned, hash checked


def test_meek_result_equals_the_pure_count_of_the_same_ballots(meeting: Meeting) -> None:
    rankings = [[A, B], [A, C], [A, B, D], [B, A], [C, D], [D, C], [C, A], [B, C, D], [A], [D, B]] * 3
    election = _election(meeting, "meek", 2)
    _cast_all(meeting, election, rankings)
    result = _close(meeting, election)
    pure = count_meek(StvElection(tuple(NAMES), 2, group_rankings(rankings)), GUARDED_P18_G9)
    assert result["winners"] == list(pure.winners)
    assert len(result["rounds"]) == len(pure.rounds)
    assert result["method"] == "meek" and result["total_ballots"] == "30"
    # Meek keeps a keep factor for every candidate in every round, and an elected one's is below 1.
    last = result["final"]
    assert set(last["keep_factors"]) == set(NAMES)
    assert all(float(last["keep_factors"][name]) <= 1 for name in result["winners"])
    assert float(result["omega"]) > 0


def test_scottish_rules_count_to_five_decimals(meeting: Meeting) -> None:
    rankings = [[A, B, C]] * 9 + [[B, C]] * 3 + [[C, D]] * 4 + [[D, A]] * 2
    election = _election(meeting, "scottish", 2)
    _cast_all(meeting, election, rankings)
    result = _close(meeting, election)
    pure = count_scottish(StvElection(tuple(NAMES), 2, group_rankings(rankings)))
    assert result["winners"] == list(pure.winners)
    for round_ in result["rounds"]:
        assert all(len(value.split(".")[1]) == 5 for value in round_["votes"].values())


def test_wigm_elects_the_seats(meeting: Meeting) -> None:
    election = _election(meeting, "wigm", 3)
    _cast_all(meeting, election, [[A, B], [B, C], [C, D], [D, A], [A, C], [B, A]] * 3)
    result = _close(meeting, election)
    assert len(result["winners"]) == 3 and result["method"] == "wigm"


def test_refusals_in_one_sentence(meeting: Meeting) -> None:
    with pytest.raises(VoteError, match=r"^The schulze rules elect one person, not 3; for several seats"):
        _election(meeting, "schulze", 3)
    with pytest.raises(VoteError, match="4 candidates cannot fill 5 seats"):
        _election(meeting, "meek", 5)
    with pytest.raises(VoteError, match="'borda' is not a rules preset"):
        _election(meeting, "borda", 1)


def test_exported_ballots_recount_to_the_same_result(meeting: Meeting, tmp_path: Path) -> None:
    """The BLT export (what ``coop election export N --out FILE.blt`` writes) counted again by Meek
    elects the same; the audit check of closed votes still finds the result as the close fixed it."""
    from coop.votes.ballot_files.blt import write_blt
    from coop.votes.stv.methods import StvMethod, count_stv

    election = _election(meeting, "meek", 2)
    _cast_all(meeting, election, [[A, B], [A, C], [B, D], [C, D], [D, C], [A, D]] * 4)
    official = _close(meeting, election)
    rules = elections.count_rules_of(election)
    write_blt(tmp_path / "b.blt", elections.recount_ballots(meeting.session, election), rules)
    read = read_blt(tmp_path / "b.blt")
    recount = count_stv(
        StvElection(read.candidates, read.seats, read.ballots.ballots, tie_order=read.tie_order),
        StvMethod.meek,
    )
    assert list(recount.winners) == official["winners"]
    assert check_closed_votes(meeting.session) == []
    election.result_json = (election.result_json or "").replace('"24"', '"25"')
    assert any("result was changed" in problem for problem in check_closed_votes(meeting.session))


def test_results_show_each_round_or_the_matrices_in_both_languages(
    meeting: Meeting, db_url: str, tmp_path: Path
) -> None:
    from tests.factories.programs import Cli

    meek = _election(meeting, "meek", 2)
    _cast_all(meeting, meek, [[A, B], [A, C], [B, D], [C, D], [D, C], [A, D]] * 4)
    meek_result = _close(meeting, meek)
    schulze = _election(meeting, "schulze", 1)
    _cast_all(meeting, schulze, CONDORCET)
    _close(meeting, schulze)
    meek_id, schulze_id = meek.id, schulze.id
    meeting.session.commit()
    meeting.session.close()  # the command opens its own connection
    cli = Cli(db_url)

    shown = cli("election", "results", str(meek_id))
    assert shown.exit_code == 0, shown.output
    assert "Meek STV" in shown.stdout and "Keep factor" in shown.stdout and "Round 1: quota" in shown.stdout
    assert f"Elected: {', '.join(meek_result['winners'])}." in shown.stdout
    spanish = cli("--lang", "es", "election", "results", str(meek_id))
    assert "Factor de retención" in spanish.stdout and "Ronda 1" in spanish.stdout
    # Spanish readers take 9.500 for nine thousand five hundred: the count writes 9,5 their way, with
    # every decimal it was counted to, and a narrow terminal wraps the names, never a number.
    assert re.search(r"^Ronda 1: cuota \d+,\d{18}\s*$", spanish.stdout, re.M), spanish.stdout
    assert re.search(r"│ +\d+,\d{18} │ +[01],\d{18} │", spanish.stdout) and "…" not in spanish.stdout

    shown = cli("election", "results", str(schulze_id))
    assert "Strongest paths" in shown.stdout and f"Winner: {B}" in shown.stdout
    spanish = cli("--lang", "es", "election", "results", str(schulze_id))
    assert "Caminos más fuertes" in spanish.stdout

    # The printed report: the rounds with keep factors, or both matrices and how to check them.
    for number, words in ((meek_id, ("Keep factor", "End of the count")), (schulze_id, ("Strongest paths",))):
        out = tmp_path / f"results-{number}.html"
        written = cli("election", "results", str(number), "--out", str(out))
        assert written.exit_code == 0, written.output
        page = out.read_text(encoding="utf-8")
        assert all(word in page for word in words)
        assert "Round by round" not in page or number == meek_id
    page = (tmp_path / f"results-{schulze_id}.html").read_text(encoding="utf-8")
    assert "To check by hand" in page and "coop votes tabulate ballots.blt --method schulze" in page
