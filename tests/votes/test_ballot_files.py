"""Ballot files: conformance CSV and rules.json, BLT both ways, and the errors people will meet."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from coop.errors import BallotFileError
from coop.votes.ballot_files.ballots_csv import read_ballots_csv
from coop.votes.ballot_files.blt import blt_lines, convert_csv_to_blt, read_blt, rules_for_blt, write_blt
from coop.votes.ballot_files.conformance import conformance_json, read_conformance_case
from coop.votes.ballot_files.rules_json import read_rules_json
from coop.votes.tally.ballots import OVERVOTE, RankedBallot
from coop.votes.tally.count import tabulate
from coop.votes.tally.rules import (
    CountRules,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    default_rules,
)
from tests.factories.conformance import CASES, CONFORMANCE_DIR

needs_cases = pytest.mark.skipif(not CASES, reason=f"no conformance cases at {CONFORMANCE_DIR}")

RULES = {
    "format": "rcv-conformance-case/1",
    "candidates": ["Ana", "Bruno", "Carmen"],
    "seats": 1,
    "max_rankings": 3,
}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rules_file(folder: Path, **changes: object) -> Path:
    return write(folder, "rules.json", json.dumps({**RULES, **changes}, indent=2))


def assert_one_sentence(
    error: pytest.ExceptionInfo[BallotFileError], path: Path, line: int | None, *fragments: str
) -> None:
    message = str(error.value)
    assert "\n" not in message and message.endswith("."), message
    assert message.startswith(f"{path}, line {line}: " if line is not None else f"{path}"), message
    for fragment in fragments:
        assert fragment in message, message


# --------------------------------------------------------------------------- rules.json


@needs_cases
def test_rules_json_reads_every_conformance_case() -> None:
    for case in CASES:
        rules = read_rules_json(CONFORMANCE_DIR / case / "rules.json")
        assert rules.candidates and rules.seats >= 1
    minneapolis = read_rules_json(CONFORMANCE_DIR / "irv_real_minneapolis_2013_mayor" / "rules.json")
    assert minneapolis.undeclared_write_in == "Undeclared Write-ins"
    assert minneapolis.batch_elimination and minneapolis.max_rankings == 3
    permutation = read_rules_json(CONFORMANCE_DIR / "irv_tiebreak_seeded_permutation" / "rules.json")
    assert permutation.tiebreak.mode is TiebreakMode.SEEDED_PERMUTATION
    assert permutation.tiebreak.permutation[0] == "George Gervin"


def test_rules_json_defaults_and_words(tmp_path: Path) -> None:
    rules = read_rules_json(
        rules_file(tmp_path, max_consecutive_skipped_ranks="unlimited", threshold="majority")
    )
    assert rules.max_consecutive_skipped_ranks is None
    assert (rules.election_mode, rules.threshold) == (ElectionMode.SINGLE_WINNER, ThresholdRule.MAJORITY)
    stv = read_rules_json(rules_file(tmp_path, seats=2))
    assert (stv.election_mode, stv.threshold) == (
        ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND,
        ThresholdRule.DROOP,
    )
    # Every rule the file leaves out is the counting package's default for that many seats.
    assert replace(stv, max_rankings=None) == default_rules(RULES["candidates"], 2)


def test_rules_json_bad_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.json", '{\n  "candidates": ["Ana", "Bruno"]\n  "seats": 1\n}\n')
    with pytest.raises(BallotFileError) as error:
        read_rules_json(path)
    assert_one_sentence(error, path, 3, "not valid JSON")


# rules_file() writes one key per line: "seats" on line 8, a key added by a test on line 10.
@pytest.mark.parametrize(
    ("changes", "line", "fragment"),
    [
        ({"overvote": "ignore"}, 10, '"overvote" must be one of exhaust_immediately'),
        ({"overvotes": "skip_to_next_rank"}, 10, 'unknown rule "overvotes"'),
        ({"seats": 0}, 8, '"seats" must be a whole number of at least 1'),
        ({"excluded_candidates": ["Zoe"]}, 10, "Excluded candidates must be in the candidate list: Zoe"),
        ({"tiebreak": {"mode": "random"}}, 10, "needs a seed"),
        ({"batch_elimination": "yes"}, 10, "must be true or false"),
        ({"election_mode": "borda"}, 10, '"election_mode" must be one of'),
        (
            {"surplus_transfer": {"method": "random ballots"}},
            10,
            "only fractional (Gregory) surplus transfer",
        ),
    ],
)
def test_rules_json_bad_values_name_the_line(
    tmp_path: Path, changes: dict[str, object], line: int, fragment: str
) -> None:
    path = rules_file(tmp_path, **changes)
    with pytest.raises(BallotFileError) as error:
        read_rules_json(path)
    assert_one_sentence(error, path, line, fragment)


def test_rules_json_wrong_encoding_and_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "rules.json", '{\n  "candidates": ["Jos\xe9"]\n}\n'.encode("latin-1"))
    with pytest.raises(BallotFileError) as error:
        read_rules_json(path)
    assert_one_sentence(error, path, 2, "not UTF-8")
    with pytest.raises(BallotFileError, match="no such file"):
        read_rules_json(tmp_path / "missing.json")


# --------------------------------------------------------------------------- ballots.csv


@needs_cases
def test_ballots_csv_reads_a_conformance_case_grouped() -> None:
    ballots, rules = read_conformance_case(CONFORMANCE_DIR / "irv_real_minneapolis_2013_mayor")
    assert ballots.total_ballots == 80_101
    assert ballots.rows == 7084
    assert len(ballots.ballots) <= ballots.rows
    assert sum(ballot.weight for ballot in ballots.ballots) == 80_101
    overvotes, _rules = read_conformance_case(CONFORMANCE_DIR / "irv_overvote_exhaust_if_multiple_continuing")
    assert RankedBallot((("A", "D"), ("B",), ("C",), ()), 3) in overvotes.ballots
    assert rules.max_rankings == 3


def test_ballots_csv_cells_blank_lines_and_quoted_names(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path, candidates=["Ana", "Bruno, hijo", "Carmen"]))
    path = write(
        tmp_path,
        "ballots.csv",
        'weight,rank1,rank2,rank3\n2,Ana,"Bruno, hijo",\n\n'
        '1,,overvote,Carmen\n3,,,\n1,Ana|Carmen,,\n2,Ana,"Bruno, hijo",\n',
    )
    ballots = read_ballots_csv(path, rules)
    assert ballots.total_ballots == 9 and ballots.rows == 5
    assert set(ballots.ballots) == {
        RankedBallot((("Ana",), ("Bruno, hijo",), ()), 4),
        RankedBallot(((), OVERVOTE, ("Carmen",)), 1),
        RankedBallot(((), (), ()), 3),
        RankedBallot((("Ana", "Carmen"), (), ()), 1),
    }
    assert tabulate(ballots.ballots, rules).ballots_with_no_rankings == 3


def test_ballots_csv_reports_progress(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path))
    path = write(tmp_path, "ballots.csv", "weight,rank1,rank2,rank3\n" + "1,Ana,Bruno,\n" * 1000)
    seen: list[tuple[int, int]] = []
    read_ballots_csv(path, rules, progress=lambda done, total: seen.append((done, total)))
    size = path.stat().st_size
    assert seen and seen[-1] == (size, size)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            "weight,rank1,rank2,rank3\n1,Ana,,\n1,Ana,Bruno\n",
            3,
            "expected 4 cells (the weight and 3 ranks) but found 3",
        ),
        ("weight,rank1,rank2,rank3\n1,Ana,Zoe,\n", 2, '"Zoe" is not one of the candidates'),
        ("weight,rank1,rank2,rank3\n1,Ana,,\n1,Ana,,\n-2,Bruno,,\n", 4, 'at least 1, not "-2"'),
        ("weight,rank1,rank2,rank3\n0,Bruno,,\n", 2, 'at least 1, not "0"'),
        ("weight,rank1,rank2,rank3\n1.5,Bruno,,\n", 2, 'at least 1, not "1.5"'),
        ("", 1, "the file is empty"),
        ("1,Ana,Bruno,\n2,Bruno,,\n", 1, "must be the header weight,rank1"),
        ("weight,rank1,rank2\n1,Ana,Bruno\n", 1, "2 rank columns but the rules allow 3"),
        ("weight,rank1,rank2,rank3\n1,Ana,Bruno|Zoe,\n", 2, '"Zoe" is not one of the candidates'),
    ],
)
def test_ballots_csv_bad_files_one_sentence_with_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    rules = read_rules_json(rules_file(tmp_path))
    path = write(tmp_path, "ballots.csv", text)
    with pytest.raises(BallotFileError) as error:
        read_ballots_csv(path, rules)
    assert_one_sentence(error, path, line, fragment)


def test_ballots_csv_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path, candidates=["Ana", "José"]))
    path = write(
        tmp_path, "ballots.csv", "weight,rank1,rank2,rank3\n1,Ana,,\n1,Jos\xe9,,\n".encode("latin-1")
    )
    with pytest.raises(BallotFileError) as error:
        read_ballots_csv(path, rules)
    assert_one_sentence(error, path, 3, "not UTF-8")


def test_ballots_csv_unnamed_overvote_needs_names_under_exhaust_if_multiple(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path, overvote="exhaust_if_multiple_continuing"))
    path = write(tmp_path, "ballots.csv", "weight,rank1,rank2,rank3\n1,Ana,,\n4,overvote,Ana,\n")
    with pytest.raises(BallotFileError) as error:
        read_ballots_csv(path, rules)
    assert_one_sentence(error, path, 3, 'rank 1 says "overvote"', "A|B")


def test_ballots_csv_missing_file_and_folder(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path))
    with pytest.raises(BallotFileError, match="no such file"):
        read_ballots_csv(tmp_path / "nope.csv", rules)
    with pytest.raises(BallotFileError, match="is a folder"):
        read_ballots_csv(tmp_path, rules)


# --------------------------------------------------------------------------- BLT


@needs_cases
@pytest.mark.parametrize("case", CASES)
def test_blt_round_trip_gives_the_same_count(tmp_path: Path, case: str) -> None:
    ballots, rules = read_conformance_case(CONFORMANCE_DIR / case)
    target = tmp_path / "ballots.blt"
    if any(OVERVOTE in ballot.ranks for ballot in ballots.ballots):
        # BLT holds overvotes only with the marked names; nothing is written.
        with pytest.raises(BallotFileError, match="not named"):
            write_blt(target, ballots.ballots, rules)
        assert list(tmp_path.iterdir()) == []
        return
    write_blt(target, ballots.ballots, rules)
    election = read_blt(target)
    assert election.candidates == rules.counted_candidates
    assert election.seats == rules.seats
    assert election.withdrawn == rules.excluded_candidates
    assert election.ballots.total_ballots == ballots.total_ballots
    again = tabulate(election.ballots.ballots, rules_for_blt(election, rules, source=target))
    assert conformance_json(again) == conformance_json(tabulate(ballots.ballots, rules))


def test_blt_reads_the_common_format_and_its_extensions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "election.blt",
        (
            "# comments are allowed\n"
            "4 2\n"
            "-4\n"
            "1 1 2 0\n"
            "2 2=3 - 1 0   # two marked at rank 1, rank 2 left blank\n"
            "(7) 3 3 0\n"
            "1 0\n"
            "0\n"
            '"Ana \\"la Roja\\""\n"Bruno, hijo"\n"Carmen"\n"Diego"\n"Elección del consejo"\n'
        ),
    )
    election = read_blt(path)
    assert election.candidates == ('Ana "la Roja"', "Bruno, hijo", "Carmen", "Diego")
    assert (election.seats, election.withdrawn, election.title) == (2, ("Diego",), "Elección del consejo")
    assert set(election.ballots.ballots) == {
        RankedBallot((('Ana "la Roja"',), ("Bruno, hijo",)), 1),
        RankedBallot((("Bruno, hijo", "Carmen"), (), ('Ana "la Roja"',)), 2),
        RankedBallot((("Carmen",),), 3),
        RankedBallot((), 1),
    }
    assert election.ballots.total_ballots == 7
    rules = rules_for_blt(election, None)
    assert (rules.election_mode, rules.threshold) == (
        ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND,
        ThresholdRule.DROOP,
    )
    assert rules.excluded_candidates == ("Diego",)
    assert tabulate(election.ballots.ballots, rules).ballots_with_no_rankings == 1
    # Written back, the same file reads the same.
    again = write(tmp_path, "again.blt", "".join(blt_lines(election.ballots.ballots, rules)))
    assert read_blt(again) == election


def test_blt_with_rules_must_agree_with_them(tmp_path: Path) -> None:
    path = write(tmp_path, "election.blt", '2 1\n1 1 2 0\n0\n"Ana"\n"Zoe"\n"Title"\n')
    rules = CountRules(candidates=("Ana", "Bruno"))
    with pytest.raises(BallotFileError, match='"Zoe" is not in the rules\' candidate list'):
        rules_for_blt(read_blt(path), rules, source=path)
    with pytest.raises(BallotFileError, match="says 1 seat but the rules say 2"):
        rules_for_blt(
            read_blt(path),
            replace(
                rules,
                candidates=("Ana", "Zoe"),
                seats=2,
                election_mode=ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND,
            ),
            source=path,
        )


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "the file is empty"),
        ("4\n", 1, "number of candidates and of seats"),
        ('2 1\n-3\n1 1 0\n0\n"A"\n"B"\n', 2, 'withdrawn candidate must be written -1 to -2, not "-3"'),
        ('2 1\n1 1 0\n0 1 2 0\n0\n"A"\n"B"\n', 3, 'at least 1, not "0"'),
        ('2 1\n-1 1 0\n0\n"A"\n"B"\n', 2, 'at least 1, not "-1"'),
        ('2 1\n1.5 1 0\n0\n"A"\n"B"\n', 2, 'at least 1, not "1.5"'),
        ('2 1\n1 1 3 0\n0\n"A"\n"B"\n', 2, '"3" is not a candidate number from 1 to 2'),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', 2, "must end with 0"),
        ('2 1\n1 1 2 0\n"A"\n"B"\n', 4, "must end with a line holding a single 0"),
        ('3 1\n1 1 2 0\n0\n"A"\n"B"\n', 5, "names 2 candidates but its first line says 3"),
        ('2 1\n1 1 2 0\n0\n"A"\n"A"\n', 5, '"A" appears twice'),
        ('2 1\n1 1 2 0\n0\n"A"\n"B"\n"T"\n"source"\n"note"\n"extra"\n', 9, "unexpected text after the title"),
        ('2 1\n[tie 1]\n1 1 2 0\n0\n"A"\n"B"\n', 2, "must name every candidate number exactly once"),
        ('2 1\n[withdrawn 3]\n1 1 2 0\n0\n"A"\n"B"\n', 2, '"3" is not a candidate number from 1 to 2'),
        ('2 1\n[seed 3]\n1 1 2 0\n0\n"A"\n"B"\n', 2, 'unknown option line "[seed 3]"'),
        ('2 1\n1 1 2 0\n0\n"Jos\xe9"\n"B"\n'.encode("latin-1"), 4, "not UTF-8"),  # the wrong encoding
    ],
)
def test_blt_bad_files_one_sentence_with_line(
    tmp_path: Path, text: str | bytes, line: int, fragment: str
) -> None:
    path = write(tmp_path, "bad.blt", text)
    with pytest.raises(BallotFileError) as error:
        read_blt(path)
    assert_one_sentence(error, path, line, fragment)


def test_write_blt_keeps_the_old_file_when_it_fails(tmp_path: Path) -> None:
    target = write(tmp_path, "out.blt", "old content\n")
    rules = CountRules(candidates=("A", "B"), overvote=OvervoteRule.SKIP_TO_NEXT_RANK)
    with pytest.raises(BallotFileError):
        write_blt(target, [RankedBallot((("A",),)), RankedBallot((OVERVOTE,))], rules)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.blt"]


def test_convert_csv_to_blt_names_the_line_of_an_unnamed_overvote(tmp_path: Path) -> None:
    rules = read_rules_json(rules_file(tmp_path))
    path = write(tmp_path, "ballots.csv", "weight,rank1,rank2,rank3\n1,Ana,,\n2,Bruno,overvote,Ana\n")
    out = tmp_path / "out.blt"
    with pytest.raises(BallotFileError) as error:
        convert_csv_to_blt(path, rules, out)
    assert_one_sentence(error, path, 3, "write the marked names (A|B)")
    assert not out.exists()
    path.write_text("weight,rank1,rank2,rank3\n1,Ana,,\n2,Bruno,Ana|Carmen,\n", encoding="utf-8")
    written = convert_csv_to_blt(path, rules, out)
    assert written.total_ballots == read_blt(out).ballots.total_ballots == 3
    assert "2 2 1=3 0\n" in out.read_text(encoding="utf-8")


@needs_cases
@pytest.mark.parametrize("case", CASES)
def test_rules_round_trip_through_json(case: str) -> None:
    from coop.votes.ballot_files.rules_json import read_rules_json, rules_from_text, rules_to_json

    rules = read_rules_json(CONFORMANCE_DIR / case / "rules.json")
    assert rules_from_text(json.dumps(rules_to_json(rules)), "copy.json") == rules
