"""The results report of an election: the view model, the printed PDF, and the SVG charts.

A 3-seat STV election (fractional Droop quota) and a single-winner IRV election with 7 rounds
are set up, voted and closed in the database (SQLite and PostgreSQL), then printed through the
CLI and through ``write_document``. The PDF's text is extracted with pypdf and checked; every
page is rendered to PNG in tests/artefacts/ so that a person can look at it. The chart builders
are pure and tested on their own; the report model is also built from every conformance case
to check that every round adds up to the ballots cast.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from coop import db
from coop.assemblies import elections
from coop.assemblies.election_report import (
    ReportHeading,
    build_election_report,
    describe_rules,
    election_report,
)
from coop.errors import VoteError
from coop.members.actors import Actor, find_member
from coop.members.register import add_member
from coop.reports import charts, render
from coop.reports.election_model import ElectionReport
from coop.votes.ballot_files.rules_json import read_rules_json
from coop.votes.models import Election
from coop.votes.tally.rules import CountRules
from tests.factories.context import FIXED_NOW, REPO_ROOT
from tests.factories.cooperative import build_cooperative
from tests.factories.keys import TEST_KEY
from tests.factories.programs import Cli
from tests.reports.layout import text_running_over

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"
TEMPLATE = "election_results.html.j2"
CONFORMANCE = REPO_ROOT.parent / "shared" / "conformance" / "rcv"

# Members added to the 45 of build_cooperative (0001 Ana Núñez, 0002 Zofia Łukasiewicz, 0003.. Socio).
EXTRA_MEMBERS = {
    "0046": "Lucía Ibáñez",
    "0047": "Óscar Peña",
    "0048": "Marta Sánchez-Castaño",
    "0049": "Jan Wróbel",
    "0050": "Paweł Żelazny",
    "0051": "Inés Muñoz",
}
ANA, ZOFIA, LUCIA, OSCAR, MARTA, JAN, PAWEL, INES = (
    "Ana Núñez",
    "Zofia Łukasiewicz",
    "Lucía Ibáñez",
    "Óscar Peña",
    "Marta Sánchez-Castaño",
    "Jan Wróbel",
    "Paweł Żelazny",
    "Inés Muñoz",
)
STV_CANDIDATES = ("0001", "0002", "0046", "0047", "0048", "0049")
IRV_CANDIDATES = ("0001", "0002", "0046", "0047", "0048", "0049", "0050", "0051")

# 40 ballots, as (how many, ranking). The count takes 6 rounds: Ana Núñez and Marta
# Sánchez-Castaño pass the quota of 10.0001 in round 1 and their surpluses move at fractional
# value; Jan Wróbel, Óscar Peña and Zofia Łukasiewicz are eliminated in turn; Lucía Ibáñez
# passes the quota in round 5; her surplus is not transferred (all seats filled).
STV_BALLOTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (7, (ANA,)),
    (3, (MARTA,)),
    (2, (LUCIA,)),
    (2, (LUCIA, MARTA)),
    (2, (MARTA, ANA)),
    (1, (ANA, LUCIA)),
    (1, (ANA, LUCIA, ZOFIA)),
    (1, (ANA, MARTA, LUCIA)),
    (1, (ANA, MARTA, ZOFIA)),
    (1, (ANA, ZOFIA)),
    (1, (ANA, ZOFIA, LUCIA)),
    (1, (ANA, ZOFIA, MARTA)),
    (1, (ANA, ZOFIA, OSCAR)),
    (1, (LUCIA, ANA)),
    (1, (LUCIA, ANA, JAN, OSCAR)),
    (1, (LUCIA, ZOFIA, ANA, JAN)),
    (1, (MARTA, ANA, LUCIA)),
    (1, (MARTA, ANA, ZOFIA, OSCAR)),
    (1, (MARTA, JAN, ANA, LUCIA)),
    (1, (MARTA, LUCIA)),
    (1, (MARTA, ZOFIA, LUCIA)),
    (1, (MARTA, OSCAR)),
    (1, (ZOFIA,)),
    (1, (ZOFIA, JAN, ANA)),
    (1, (ZOFIA, JAN, MARTA)),
    (1, (ZOFIA, LUCIA)),
    (1, (ZOFIA, LUCIA, MARTA, JAN)),
    (1, (ZOFIA, MARTA)),
    (1, (OSCAR,)),
)

# 45 ballots, 8 candidates: one elimination a round until Ana Núñez wins in round 7, 16 to 15.
IRV_BALLOTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (2, (ANA,)),
    (1, (ANA, LUCIA)),
    (1, (ANA, OSCAR)),
    (1, (ANA, MARTA, INES, PAWEL)),
    (1, (ANA, ZOFIA)),
    (1, (ANA, INES, JAN)),
    (1, (ANA, ZOFIA, LUCIA)),
    (1, (ANA, OSCAR, ZOFIA)),
    (1, (ANA, INES)),
    (1, (ANA, LUCIA, MARTA, ZOFIA)),
    (1, (ZOFIA, OSCAR, JAN, LUCIA)),
    (4, (ZOFIA,)),
    (1, (ZOFIA, PAWEL, LUCIA)),
    (1, (ZOFIA, PAWEL, OSCAR)),
    (1, (ZOFIA, JAN)),
    (1, (ZOFIA, LUCIA, ANA)),
    (1, (ZOFIA, PAWEL)),
    (1, (LUCIA, INES, JAN)),
    (1, (LUCIA, ZOFIA, INES)),
    (1, (LUCIA, ANA)),
    (1, (LUCIA, ANA, PAWEL)),
    (1, (LUCIA, ZOFIA, PAWEL)),
    (1, (LUCIA, INES, ANA, MARTA)),
    (1, (LUCIA, MARTA, ZOFIA)),
    (1, (LUCIA, OSCAR)),
    (1, (OSCAR, PAWEL)),
    (1, (OSCAR, MARTA, ANA)),
    (1, (OSCAR, ANA, PAWEL, INES)),
    (1, (OSCAR,)),
    (2, (OSCAR, INES)),
    (2, (MARTA,)),
    (1, (MARTA, JAN)),
    (1, (MARTA, ZOFIA, LUCIA)),
    (1, (JAN, PAWEL)),
    (1, (JAN, INES, LUCIA)),
    (1, (JAN,)),
    (2, (PAWEL,)),
    (1, (INES, ZOFIA, MARTA, LUCIA)),
)


@dataclass
class Counted:
    url: str
    stv: int
    irv: int


def _hold_election(
    session: Session,
    secretary: Actor,
    *,
    title: str,
    seats: int,
    rules: str,
    candidates: tuple[str, ...],
    ballots: tuple[tuple[int, tuple[str, ...]], ...],
) -> int:
    election = elections.create_election(
        session, actor=secretary, now=FIXED_NOW, title=title, seats=seats, rules=rules, candidates=candidates
    )
    elections.open_election(session, actor=secretary, now=FIXED_NOW, election=election)
    voter = 1
    for count, ranking in ballots:
        for _ in range(count):
            actor = Actor(find_member(session, f"{voter:04d}"))
            elections.cast_election_ballot(
                session, actor=actor, now=FIXED_NOW, election=election, ranking=list(ranking)
            )
            voter += 1
    elections.close_election(session, actor=secretary, now=FIXED_NOW, election=election, officer_key=TEST_KEY)
    return election.id


@pytest.fixture
def counted(db_url: str) -> Counted:
    """Two closed elections, committed, so that the CLI sees them too."""
    with db.session_scope(db.engine_for(db_url)) as session:
        secretary = build_cooperative(session, FIXED_NOW)
        for number, name in EXTRA_MEMBERS.items():
            add_member(session, actor=secretary, now=FIXED_NOW, name=name, number=number)
        stv = _hold_election(
            session,
            secretary,
            title="Consejo de administración 2027",
            seats=3,
            rules="stv-droop",
            candidates=STV_CANDIDATES,
            ballots=STV_BALLOTS,
        )
        irv = _hold_election(
            session,
            secretary,
            title="Coordinación de Hornos",
            seats=1,
            rules="irv",
            candidates=IRV_CANDIDATES,
            ballots=IRV_BALLOTS,
        )
    return Counted(db_url, stv, irv)


def _report(counted: Counted, election_id: int) -> tuple[ElectionReport, dict]:
    with db.session_scope(db.engine_for(counted.url)) as session:
        election = session.get(Election, election_id)
        assert election is not None
        return election_report(session, election), elections.official_result(election)


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace collapsed, so that a sentence broken across lines still matches."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_texts(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def _pngs(pdf_path: Path, prefix: str) -> list[Path]:
    """Every page of ``pdf_path`` as tests/artefacts/<prefix>-<n>.png, for a person to look at."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils): no PNG to look at")
    for old in ARTEFACTS.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf_path), str(ARTEFACTS / prefix)], check=True)
    return sorted(ARTEFACTS.glob(f"{prefix}-*.png"))


# --------------------------------------------------------------------------- the printed report


def test_election_results_pdf_via_cli_shows_the_whole_count(counted: Counted, tmp_path: Path) -> None:
    out = tmp_path / "results.pdf"
    result = Cli(counted.url)("election", "results", str(counted.stv), "--out", str(out))
    assert result.exit_code == 0, result.output + (result.stderr or "")
    assert f"Wrote the results of election {counted.stv} to" in result.stdout
    data = out.read_bytes()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "election-stv.pdf").write_bytes(data)
    images = _pngs(ARTEFACTS / "election-stv.pdf", "election-stv")
    text = pdf_text(data)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert len(images) == pages and images[0].stat().st_size > 10_000
    report, official = _report(counted, counted.stv)
    required = [
        "Cooperativa Cerámica Núñez",
        "Consejo de administración 2027",
        "Election results",
        f"Election {counted.stv}",
        "counted on 25 November 2026 at 10:00",
        "single transferable vote, fractional Droop quota",
        "40 ballots were cast by 51 eligible voters: a turnout of 78.4%.",
        # the rules, in plain words
        "HOW THE VOTES WERE COUNTED",  # headings are set in capitals
        "The threshold is the fractional Droop quota: the 40 votes of round 1 divided by 4 (the seats plus "
        "one), cut to 4 decimal places, plus 0.0001: 10.0001 votes. It stays the same for the whole count.",
        "Everyone who reaches the threshold in a round is elected at the end of that round.",
        "(Gregory method)",
        "A rank where more than one candidate is marked (an overvote) is passed over",
        "Blank ranks are passed over, however many there are.",
        "A candidate ranked again at a later rank is passed over there.",
        "A tie is broken by the earlier rounds",
        # the rounds
        *[f"Round {n} · threshold 10.0001" for n in range(1, 7)],
        "Ana Núñez and Marta Sánchez-Castaño reached the threshold of 10.0001 votes and are elected.",
        "Nobody is elected in this round; Jan Wróbel, with the fewest votes, is eliminated.",
        "Nobody is elected in this round; Zofia Łukasiewicz, with the fewest votes, is eliminated.",
        "Lucía Ibáñez reached the threshold of 10.0001 votes and is elected.",
        "All seats are filled; the count is complete.",
        "Inactive: no further choice",
        "Residual surplus (rounding)",
        "Surplus not transferred",
        "Total: ballots 40",
        # transfers
        "Transfers into round 2",
        "surplus above the threshold",
        "eliminated: all their ballots move on",
        "Zofia Łukasiewicz 1.6665",
        "no further choice: stops counting 2.3331",
        "residual surplus (rounding) 0.0004",
        "Total moved 4.9999",
        "kept by the winner: all seats are filled 0.6959",
        # winners, in order of election
        "ELECTED, IN ORDER OF ELECTION",
        "Ana Núñez — reached the threshold in round 1 with 15 votes",
        "Marta Sánchez-Castaño — reached the threshold in round 1 with 11 votes",
        "Lucía Ibáñez — reached the threshold in round 5 with 10.6968 votes",
        # certification
        "Returning officer",
        "Scrutineer",
        "Name, signature and date",
        "coop election export",
        "SHA-256 of the stored result (format rcv-conformance-case/1)",
        f"Page 1 of {pages}",
        f"Page {pages} of {pages}",
    ]
    missing = [item for item in required if item and item not in text]
    assert not missing, f"missing from the PDF: {missing}\n\n{text}"
    seed = json.loads(_rules_json(counted, counted.stv))["tiebreak"]["seed"]
    assert f"with the seed {seed}." in text
    assert report.result_hash in text.replace(" ", "")
    assert official["winners"] == [ANA, MARTA, LUCIA]
    # The Ibáñez round: her 10.6968 in round 5, shown at the threshold in round 6.
    assert re.search(r"Lucía Ibáñez 10\.6968 \+2\.4242 ✔ elected", text), text
    assert re.search(r"Lucía Ibáñez 10\.0001 −0\.6967 elected earlier", text), text
    # The running header starts on page 2.
    second = page_texts(data)[1]
    assert "Election results · Consejo de administración 2027 · 25 November 2026" in second
    print(f"\nSTV 3 seats, 6 rounds, 40 ballots: {pages} pages")
    assert pages <= 6


def _rules_json(counted: Counted, election_id: int) -> str:
    with db.session_scope(db.engine_for(counted.url)) as session:
        election = session.get(Election, election_id)
        assert election is not None
        return election.rules_json


def test_election_report_irv_with_seven_rounds(counted: Counted, tmp_path: Path) -> None:
    report, official = _report(counted, counted.irv)
    assert len(report.rounds) == 7 == len(official["rounds"])
    path = render.write_document(tmp_path / "irv.pdf", TEMPLATE, report=report)
    assert text_running_over(render.render_html(TEMPLATE, report=report)) == []
    data = path.read_bytes()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "election-irv.pdf").write_bytes(data)
    _pngs(ARTEFACTS / "election-irv.pdf", "election-irv")
    text = pdf_text(data)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    for expected in [
        "Coordinación de Hornos",
        "instant-runoff vote, majority of continuing votes",
        "To win, a candidate needs a majority of the votes still counting in the round",
        "In round 1 that was 23 of 45 votes",
        "Round 1 · threshold 23",
        "Round 7 · threshold 16",
        "Nobody is elected in this round; Inés Muñoz, with the fewest votes, is eliminated.",
        "Paweł Żelazny",
        "Ana Núñez reached the threshold of 16 votes and is elected.",
        "Ana Núñez — reached the threshold in round 7 with 16 votes",
        "Transfers into round 7",
        "Inactive: no further choice",
        "Total: ballots 45",
        "THE COUNT AT A GLANCE",
        f"Page 1 of {pages}",
    ]:
        assert expected in text, expected
    assert "Residual surplus" not in text  # IRV moves whole ballots: nothing to set aside
    print(f"\nIRV, 8 candidates, 7 rounds, 45 ballots: {pages} pages")


def test_election_report_model_adds_up_round_by_round(counted: Counted) -> None:
    report, official = _report(counted, counted.stv)
    assert (report.seats, report.total_ballots, report.eligible_voters, report.turnout) == (
        3,
        "40",
        51,
        "78.4%",
    )
    assert [w.name for w in report.winners] == official["winners"]
    assert [(w.order, w.round) for w in report.winners] == [(1, 1), (2, 1), (3, 5)]
    assert report.threshold == "10.0001" and report.result_format == "rcv-conformance-case/1"
    assert report.candidates == (ANA, ZOFIA, LUCIA, OSCAR, MARTA, JAN)
    topics = [line.topic for line in report.rules]
    assert topics[:3] == ["Threshold", "Election", "Surplus"]
    assert {"Transfers", "Overvotes", "Skipped ranks", "Repeated ranks", "Ties"} <= set(topics)
    for section, stored in zip(report.rounds, official["rounds"], strict=True):
        assert section.number == stored["round"]
        total = section.balance[-1]
        assert total.key == "total" and Decimal(total.votes.replace(",", "")) == Decimal(40)
        # Every number of a table has the same decimal places, so they line up on the point.
        places = {len(v.split(".")[1]) if "." in v else 0 for v in [r.votes for r in section.rows]}
        assert len(places) == 1
        # One fixed order of candidates: most votes in round 1 first.
        assert [r.candidate for r in section.rows] == [
            name for name in [ANA, MARTA, LUCIA, ZOFIA, OSCAR, JAN] if name in stored["tally"]
        ]
        assert "<svg" in section.chart_svg and 'class="threshold"' in section.chart_svg
        assert section.inactive_total == str(Decimal(stored["inactive"]["total"]))
    first, second = report.rounds[0], report.rounds[1]
    assert [r.change for r in first.rows] == ["—"] * 6
    assert {r.candidate: r.status_key for r in first.rows}[ANA] == "elected"
    assert {r.candidate: (r.votes, r.change, r.status_key) for r in second.rows}[ANA] == (
        "10.0001",
        "−4.9999",
        "elected_earlier",
    )
    ana = next(t for t in first.transfers if t.source == ANA)
    assert [(m.to, m.votes, m.kind) for m in ana.moves] == [
        (ZOFIA, "1.6665", "candidate"),
        (LUCIA, "0.9999", "candidate"),
        ("no further choice: stops counting", "2.3331", "exhausted"),
        ("residual surplus (rounding)", "0.0004", "residual"),
    ]
    assert ana.total == "4.9999"
    last = report.rounds[-1]
    assert last.final_round_surplus == "0.6959" and not last.transfers
    assert report.overview_svg is not None and report.overview_svg.count('class="panel"') == 6


def test_election_results_json_is_the_stored_official_result(counted: Counted) -> None:
    cli = Cli(counted.url)
    data = cli.json("election", "results", str(counted.stv))
    _report_model, official = _report(counted, counted.stv)
    assert data == official
    assert data["format"] == "rcv-conformance-case/1"
    assert data["winners"] == [ANA, MARTA, LUCIA]


def test_election_report_reprints_identically(counted: Counted, tmp_path: Path) -> None:
    """Printed from the stored result: two prints (two sessions, two reports) are byte-identical."""
    first, _ = _report(counted, counted.stv)
    again, _ = _report(counted, counted.stv)
    assert first == again
    one = render.write_document(tmp_path / "one.pdf", TEMPLATE, report=first).read_bytes()
    two = render.write_document(tmp_path / "two.pdf", TEMPLATE, report=again).read_bytes()
    assert one == two


def test_election_report_refuses_an_altered_result(counted: Counted) -> None:
    with db.session_scope(db.engine_for(counted.url)) as session:
        election = session.get(Election, counted.stv)
        assert election is not None
        election.result_json = (election.result_json or "").replace('"40"', '"41"')
        with pytest.raises(VoteError, match="does not match its hash"):
            election_report(session, election)
        session.rollback()


def test_election_results_refused_before_the_count(counted: Counted, tmp_path: Path) -> None:
    cli = Cli(counted.url)
    created = cli.json(
        "election",
        "create",
        "--title",
        "Comisión fiscal",
        "--seats",
        "1",
        "--rules",
        "irv",
        "-c",
        "0003",
        "-c",
        "0004",
        actor="0001",
    )
    result = cli("election", "results", str(created["id"]), "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "has not been counted yet" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- from any official result


def _case(name: str) -> tuple[dict, CountRules]:
    folder = CONFORMANCE / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return expected, read_rules_json(folder / "rules.json")


def _case_names() -> list[str]:
    if not CONFORMANCE.is_dir():
        return []
    return sorted(p.name for p in CONFORMANCE.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("name", _case_names())
def test_report_of_every_conformance_case_adds_up(name: str) -> None:
    expected, rules = _case(name)
    report = build_election_report(
        expected,
        rules,
        ReportHeading(
            cooperative="Cooperativa de Prueba",
            election_title=name,
            election_number="Case",
            election_id=None,
            counted_at=None,
            eligible_voters=None,
            result_hash="0" * 64,
        ),
    )
    total = Decimal(expected["total_ballots"])
    for section in report.rounds:
        votes = Decimal(section.balance[-1].votes.replace(",", ""))
        assert votes == total, (name, section.number)
        assert section.decision
    assert [w.name for w in report.winners] == expected["winners"]
    ties = expected.get("tie_resolutions_derived") or []
    assert len(report.ties) == len(ties)
    html = render.render_html(TEMPLATE, report=report)
    assert html.count('<section class="round') == len(expected["rounds"])


def test_report_of_a_large_real_count_prints(tmp_path: Path) -> None:
    """Minneapolis 2013 mayor: 80,101 ballots, 36 names, 33 rounds; no overview, every round still printed."""
    name = "irv_real_minneapolis_2013_mayor"
    if name not in _case_names():
        pytest.skip("conformance cases not found")
    expected, rules = _case(name)
    report = build_election_report(
        expected,
        rules,
        ReportHeading(
            cooperative="Minneapolis",
            election_title="Mayor 2013",
            election_number="Case",
            election_id=None,
            counted_at=None,
            eligible_voters=None,
            result_hash="0" * 64,
        ),
    )
    assert report.overview_svg is None
    assert report.total_ballots == "80,101"
    assert "Inactive: overvote" in {line.label for line in report.rounds[0].balance}
    # The write-in pseudo-candidate goes first by rule, not for having the fewest votes.
    assert report.rounds[0].decision == (
        "Nobody is elected in this round; the write-in votes (“Undeclared Write-ins”) are eliminated first, "
        "as the rules say."
    )
    assert "eliminated together" in report.rounds[-2].decision
    data = render.render_pdf(TEMPLATE, report=report)
    text = pdf_text(data)
    assert "Round 33 · threshold" in text and "Total: ballots 80,101" in text
    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"\nMinneapolis 2013 mayor, 33 rounds: {pages} pages")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "election-minneapolis.pdf").write_bytes(data)


def test_report_escapes_names_in_tables_and_charts() -> None:
    expected, rules = _case("stv_3_seats_fractional_quota")
    odd = "Bar <La Peña> & Co."
    text = json.dumps(expected, ensure_ascii=False).replace("Candidate A Name", odd)
    renamed_rules = replace(
        rules,
        candidates=tuple(odd if c == "Candidate A Name" else c for c in rules.candidates),
        tiebreak=replace(rules.tiebreak, order=()),
    )
    report = build_election_report(
        json.loads(text),
        renamed_rules,
        ReportHeading(
            cooperative="C",
            election_title="T",
            election_number="E",
            election_id=1,
            counted_at=FIXED_NOW,
            eligible_voters=30,
            result_hash="f" * 64,
        ),
    )
    html = render.render_html(TEMPLATE, report=report)
    assert odd not in html
    assert "Bar &lt;La Peña&gt; &amp; Co." in html
    for section in report.rounds:
        ET.fromstring(section.chart_svg)  # still well-formed XML
    assert report.overview_svg is not None
    ET.fromstring(report.overview_svg)


def test_rules_in_words_name_every_threshold_and_tie_break() -> None:
    for name in _case_names():
        expected, rules = _case(name)
        lines = describe_rules(rules, expected)
        topics = [line.topic for line in lines]
        assert topics[0] == "Threshold" and "Ties" in topics, name
        assert all(line.sentence.endswith(".") for line in lines), name
    expected, rules = _case("irv_tiebreak_seeded_permutation")
    ties = next(line for line in describe_rules(rules, expected) if line.topic == "Ties")
    permutation = rules.tiebreak.permutation or rules.candidates
    assert ", ".join(permutation) in ties.sentence


# --------------------------------------------------------------------------- the chart builders (pure)

BARS = (
    charts.Bar("Ana Núñez", Decimal("15"), "15", "elected"),
    charts.Bar("Zofia Łukasiewicz", Decimal("7.8483"), "7.8483"),
    charts.Bar("Bar <La Peña> & Co.", 1, "1", "eliminated"),
    charts.Bar("Nadie", 0, "0"),
)


def test_horizontal_bar_chart_is_deterministic_and_well_formed() -> None:
    one = charts.horizontal_bar_chart(BARS, threshold=Decimal("10.0001"), threshold_label="Threshold 10.0001")
    two = charts.horizontal_bar_chart(
        list(BARS), threshold=Decimal("10.0001"), threshold_label="Threshold 10.0001"
    )
    assert one == two
    root = ET.fromstring(one)
    assert root.tag.endswith("svg") and root.get("width") == "170mm"
    assert re.fullmatch(r"[0-9.]+mm", root.get("height") or "")
    assert "DejaVu Sans" in one
    assert one.count('class="bar ') == 4


def test_horizontal_bar_chart_draws_the_threshold_line_where_it_belongs() -> None:
    svg = charts.horizontal_bar_chart(
        BARS, threshold=Decimal("10"), threshold_label="Threshold 10", width_mm=100
    )
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    line = root.find(".//s:line[@class='threshold']", ns)
    assert line is not None and line.get("x1") == line.get("x2")
    bars = root.findall(".//s:rect", ns)
    ana = next(b for b in bars if b.get("class") == "bar bar-elected")
    x0, full = float(ana.get("x") or 0), float(ana.get("width") or 0)
    # Ana's bar is 15 long; the line at 10 stands two thirds of the way along it.
    assert float(line.get("x1") or 0) == pytest.approx(x0 + full * 10 / 15, abs=0.02)
    labels = [t.text for t in root.findall(".//s:text", ns)]
    assert "Threshold 10" in labels and "7.8483" in labels and "Zofia Łukasiewicz" in labels
    assert charts.horizontal_bar_chart(BARS).count('class="threshold"') == 0


def test_charts_escape_names() -> None:
    svg = charts.horizontal_bar_chart(BARS, title="A <b> & c", description='say "hi" <x>')
    assert "Bar &lt;La Peña&gt; &amp; Co." in svg and "<La Peña>" not in svg
    assert "A &lt;b&gt; &amp; c" in svg and "&quot;hi&quot;" in svg
    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Bar <La Peña> & Co." in texts  # the reader sees the name as written


def test_small_multiples_draws_one_panel_per_round_on_one_scale() -> None:
    panels = [
        charts.ChartPanel(f"Round {n}", BARS[: 4 - n // 2], Decimal("10.0001"), "10.0001")
        for n in range(1, 6)
    ]
    svg = charts.small_multiples(panels, columns=3, legend=[charts.LegendItem("elected", "elected")])
    assert svg == charts.small_multiples(panels, columns=3, legend=[charts.LegendItem("elected", "elected")])
    root = ET.fromstring(svg)
    assert svg.count('class="panel"') == 5 and svg.count('class="threshold"') == 5
    titles = [
        t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "panel-title"
    ]
    assert titles == [f"Round {n}" for n in range(1, 6)]
    # The same value gives the same bar length in every panel.
    widths = {
        r.get("width")
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("class") == "bar bar-elected"
    }
    assert len(widths) == 1
    with pytest.raises(ValueError):
        charts.small_multiples(panels, columns=0)


def test_bar_chart_with_capacity_line_marks_overloaded_weeks() -> None:
    weeks = [f"W{n}" for n in range(14, 22)]
    loads = [100, 130, 90, Decimal("120.5"), 120, 60, 150, 0]
    capacity = [120, 120, 120, 120, 120, 80, 120, 120]
    draw = partial(
        charts.bar_chart_with_capacity_line,
        weeks,
        loads,
        capacity,
        capacity_label="Capacity 120 h",
        load_label="load",
        overload_label="over <capacity>",
        value_texts=[str(v) for v in loads],
        axis_unit="h",
    )
    svg = draw()
    assert svg == draw()  # the same figures draw the same picture, to the byte
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    over = [r for r in root.iter(f"{ns}rect") if r.get("class") == "bar bar-over"]
    assert len(over) == 2 + 1  # 130 and 150 over 120, and 120.5 over 120; 120 is not over
    markers = [t for t in root.iter(f"{ns}text") if t.get("class") == "overload"]
    assert len(markers) == 3
    polyline = root.find(f".//{ns}polyline")
    assert polyline is not None and polyline.get("class") == "capacity"
    assert len((polyline.get("points") or "").split()) == 2 * len(weeks)
    assert "over &lt;capacity&gt;" in svg
    flat = charts.bar_chart_with_capacity_line(["a", "b"], [1, 2], 3, capacity_label="cap")
    assert 'class="bar bar-over"' not in flat
    with pytest.raises(ValueError):
        charts.bar_chart_with_capacity_line(["a"], [1, 2], 3, capacity_label="cap")


def test_text_width_measures_accented_names_like_their_letters() -> None:
    assert charts.text_width_mm("Núñez", 10) == pytest.approx(charts.text_width_mm("Nunez", 10))
    assert charts.text_width_mm("MMMM", 10) > charts.text_width_mm("iiii", 10)
    assert charts.text_width_mm("", 10) == 0
