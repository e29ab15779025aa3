"""`coop votes tabulate --method ...`: list elections from a CSV of lists, and Schulze from ranked ballots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from coop.cli.main import app
from coop.cli.votes import COUNTS, Method
from tests.factories.tallies import WIKIPEDIA_SCHULZE as WIKIPEDIA

LISTS = "list,votes\nAzul,100000\nBlanca,80000\nCeleste,30000\nDorada,20000\nen blanco,1200\nNULO,300\n"


def coop(*args: str) -> Result:
    return CliRunner().invoke(app, ["--lang", "en", *args], env={"COOP_LANG": ""})


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("Error: "), message
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in message, message


def test_every_method_has_a_count() -> None:
    assert set(COUNTS) == set(Method)


def test_dhondt_json_has_seats_quotients_and_blank_and_void_apart(tmp_path: Path) -> None:
    result = coop(
        "votes",
        "tabulate",
        str(write(tmp_path, "l.csv", LISTS)),
        "-m",
        "dhondt",
        "--seats",
        "8",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [entry["seats"] for entry in data["lists"]] == [4, 3, 1, 0]
    assert (data["valid_votes"], data["blank"], data["void"], data["total_ballots"]) == (
        230000,
        1200,
        300,
        231500,
    )
    assert len(data["quotients"]) == 32 and sum(q["seat"] is not None for q in data["quotients"]) == 8
    third = next(q for q in data["quotients"] if q["list"] == "Azul" and q["divisor"] == 3)
    assert third == {"list": "Azul", "divisor": 3, "value": "33333.3333", "seat": 5}


def test_table_marks_the_seats_in_the_quotients_and_the_threshold(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", LISTS)
    result = coop("votes", "tabulate", str(path), "-m", "sainte-lague", "--seats", "8", "--threshold", "9%")
    assert result.exit_code == 0, result.output
    assert "100,000 [1]" in result.stdout and "33,333.33 [3]" in result.stdout
    assert "below the threshold" in result.stdout
    assert "Seats: Azul 4, Blanca 3, Celeste 1" in result.stdout


def test_spanish_file_and_spanish_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", "Lista;Votos\nAzul;900\nBlanca;40\nVoto en blanco;7\n")
    tabulate = ["--lang", "es", "votes", "tabulate", str(path), "-m", "dhondt", "--seats", "3"]
    tabulate += ["--threshold", "4,5%"]
    result = CliRunner().invoke(app, tabulate, env={"COOP_LANG": ""})
    assert result.exit_code == 0, result.output
    assert "900 [1]" in result.stdout
    data = json.loads(CliRunner().invoke(app, [*tabulate, "-f", "json"]).stdout)
    assert data["threshold_percent"] == "4.5000" and data["blank"] == 7
    assert [entry["seats"] for entry in data["lists"]] == [3, 0]


def test_one_ballot_per_line_is_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "list\nAzul\nAzul\nBlanca\nen blanco\nnulo\nAzul\n")
    result = coop("votes", "tabulate", str(path), "-m", "lista-incompleta", "--seats", "5", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(entry["name"], entry["votes"], entry["seats"]) for entry in data["lists"]] == [
        ("Azul", 3, 4),
        ("Blanca", 1, 1),
    ]
    assert (data["blank"], data["void"], data["share"]) == (1, 1, "2/3")


def test_lista_completa_and_a_given_share(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", LISTS)
    completa = json.loads(
        coop("votes", "tabulate", str(path), "-m", "lista-completa", "--seats", "6", "-f", "json").stdout
    )
    assert [entry["seats"] for entry in completa["lists"]] == [6, 0, 0, 0]
    half = coop(
        "votes",
        "tabulate",
        str(path),
        "-m",
        "lista-incompleta",
        "--seats",
        "6",
        "--share",
        "1/2",
        "-f",
        "json",
    )
    assert [entry["seats"] for entry in json.loads(half.stdout)["lists"]] == [3, 3, 0, 0]


def _schulze_files(folder: Path) -> tuple[Path, Path]:
    ballots = write(
        folder,
        "s.csv",
        "weight,rank1,rank2,rank3,rank4,rank5\n" + "".join(f"{w},{','.join(o)}\n" for w, o in WIKIPEDIA),
    )
    rules = write(
        folder,
        "s.rules.json",
        json.dumps(
            {"format": "rcv-conformance-case/1", "title": "W", "candidates": list("ABCDE"), "seats": 1}
        ),
    )
    return ballots, rules


def test_schulze_prints_both_matrices_and_the_winner(tmp_path: Path) -> None:
    ballots, rules = _schulze_files(tmp_path)
    result = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-m", "schulze")
    assert result.exit_code == 0, result.output
    assert "│ A │  - │ 20 │ 26 │ 30 │ 22 │" in result.stdout  # the pairwise row of A
    assert "│ E │ 25 │ 28 │ 28 │ 31 │  - │" in result.stdout  # the strongest paths from E
    assert "Winner: E" in result.stdout
    data = json.loads(
        coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-m", "schulze", "-f", "json").stdout
    )
    assert (
        data["winners"] == ["E"]
        and data["pairwise"]["E"]["D"] == 31
        and data["strongest_paths"]["C"]["B"] == 29
    )
    assert data["ranking"] == [["E"], ["A"], ["C"], ["B"], ["D"]]


def test_schulze_reads_a_blt_file(tmp_path: Path) -> None:
    lines = ["5 1"] + [f"{w} " + " ".join(str("ABCDE".index(c) + 1) for c in o) + " 0" for w, o in WIKIPEDIA]
    blt = write(tmp_path, "s.blt", "\n".join([*lines, "0", *(f'"{c}"' for c in "ABCDE"), '"W"']) + "\n")
    result = coop("votes", "tabulate", str(blt), "-m", "schulze", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["winners"] == ["E"]


def test_irv_named_or_not_counts_as_before(tmp_path: Path) -> None:
    ballots, rules = _schulze_files(tmp_path)
    plain = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-f", "json")
    named = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-m", "irv", "-f", "json")
    assert plain.exit_code == named.exit_code == 0 and plain.stdout == named.stdout
    assert_one_line_error(
        coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-m", "stv"), "--method irv"
    )


@pytest.mark.parametrize(
    ("text", "options", "fragment"),
    [
        ("list,votos,colour\nA,1\n", ["--seats", "2"], "unknown columns colour"),
        ("list,votes\nA,-4\nB,3\n", ["--seats", "2"], "line 2"),
        (LISTS, ["--seats", "0"], "at least 1"),
        (LISTS, ["--seats", "3", "--threshold", "tres"], "not a percentage"),
        (LISTS, ["--seats", "3", "--threshold", "150%"], "not a percentage"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(
    tmp_path: Path, text: str, options: list[str], fragment: str
) -> None:
    path = write(tmp_path, "l.csv", text)
    result = coop("votes", "tabulate", str(path), "-m", "dhondt", *options)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and fragment in result.stderr, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("share", ["3/2", "0", "1", "dos tercios", "2/0"])
def test_a_share_outside_0_and_1_is_refused(tmp_path: Path, share: str) -> None:
    path = write(tmp_path, "l.csv", LISTS)
    result = coop("votes", "tabulate", str(path), "-m", "lista-incompleta", "--seats", "3", "--share", share)
    assert_one_line_error(result, "fraction between 0 and 1")


def test_list_options_are_refused_for_ranked_counts(tmp_path: Path) -> None:
    ballots, rules = _schulze_files(tmp_path)
    result = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "--seats", "3")
    assert result.exit_code == 2 and "--seats" in result.output
    seeded = coop("votes", "tabulate", str(ballots), "--rules", str(rules), "-m", "schulze", "--seed", "4")
    assert seeded.exit_code == 2 and "--seed" in seeded.output
    lists = write(tmp_path, "l.csv", LISTS)
    assert coop("votes", "tabulate", str(lists), "-m", "dhondt").exit_code == 2  # no --seats


def test_titulares_take_the_seats_and_suplentes_are_listed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.csv",
        "lista,votos,titulares,suplentes\n"
        "Azul,600,Ana|Beto|Carla,Eva|Fede\nBlanca,300,Gina|Hugo,Ines\nen blanco,5,,\n",
    )
    result = coop("votes", "tabulate", str(path), "-m", "dhondt", "--seats", "3", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(entry["elected"], entry["alternates"]) for entry in data["lists"]] == [
        (["Ana", "Beto"], ["Eva", "Fede"]),
        (["Gina"], ["Ines"]),
    ]
    assert data["winners"] == ["Ana", "Beto", "Gina"] and data["blank"] == 5
    table = coop("votes", "tabulate", str(path), "-m", "dhondt", "--seats", "3")
    assert "Azul: elected Ana, Beto; alternates Eva, Fede" in table.stdout


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("list,votes,candidates\nAzul,600,Ana\nBlanca,300,Ana\n", "Ana stands twice"),
        ("list,votes,candidates\nAzul,600,Ana\nAzul,10,Beto\n", "names its candidates twice"),
        ("list,candidates\nAzul,Ana\n", "go with the votes column"),
        ("list,votes,candidates\nnulo,6,Ana\nAzul,3,Beto\n", "have no candidates"),
    ],
)
def test_candidates_are_refused_when_they_do_not_add_up(tmp_path: Path, text: str, fragment: str) -> None:
    result = coop("votes", "tabulate", str(write(tmp_path, "c.csv", text)), "-m", "dhondt", "--seats", "2")
    assert result.exit_code == 1 and fragment in result.stderr, result.output
