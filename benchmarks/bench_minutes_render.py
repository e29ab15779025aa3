"""How long printing the minutes takes: a whole process that renders HTML and PDF.

Builds a Minutes view model by hand (no database: this measures the rendering layer) and, in a
fresh `python -c` process each time, renders it to HTML and to PDF. Prints the median of 3 runs
and the peak memory of those processes. Goals on a 2-core machine: <= 1.5 s for an assembly of
470 attendees and 12 motions, <= 1.0 s for a 2-page minutes.

    .venv/bin/python benchmarks/bench_minutes_render.py
"""

from __future__ import annotations

import io
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coop.reports.minutes_model import (
    AmendmentLine,
    AttendeeLine,
    Minutes,
    MotionSection,
    ObjectionLine,
    ProxyLine,
    QuorumLine,
    VoteResultLine,
)

RUNS = 3
FIRST = (
    "Ana",
    "Bruno",
    "Carmen",
    "Dolores",
    "Esteban",
    "Fátima",
    "Gonzalo",
    "Inés",
    "Joaquín",
    "Łucja",
    "Marta",
    "Nuria",
    "Óscar",
    "Paweł",
    "Rocío",
    "Sofía",
    "Tomás",
    "Úrsula",
    "Víctor",
    "Zoë",
)
LAST = (
    "Núñez",
    "Łukasiewicz",
    "Ibáñez",
    "García",
    "Muñoz",
    "Peña",
    "Sánchez",
    "Wróblewski",
    "Ortiz",
    "Castaño",
    "Álvarez",
    "Fernández",
    "Żelazny",
    "Domínguez",
    "Hernández",
    "Gómez",
    "Müller",
)

# The child process: load the pickled model, render HTML, then PDF, and write both.
CHILD = """
import pickle, sys
from pathlib import Path
from coop.reports import render
minutes = pickle.loads(Path(sys.argv[1]).read_bytes())
render.write_document(Path(sys.argv[2]) / "minutes.html", "minutes.html.j2", minutes=minutes)
render.write_document(Path(sys.argv[2]) / "minutes.pdf", "minutes.html.j2", minutes=minutes)
"""


def name(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"


def quorum(present: int, required: int) -> QuorumLine:
    return QuorumLine(
        statement=f"Quorum reached: {present} present and 4 represented by proxy, {required} required.",
        present=present,
        proxies_counted=4,
        required=required,
        met=True,
        at_second_call=False,
    )


def vote(
    yes: int,
    no: int,
    abstain: int,
    rule: str,
    required: int,
    present: int,
    roll_call: tuple[tuple[str, str], ...] = (),
) -> VoteResultLine:
    adopted = yes >= required
    result = "Adopted" if adopted else "Not adopted"
    return VoteResultLine(
        method="roll call" if roll_call else "show of hands",
        yes=yes,
        no=no,
        abstain=abstain,
        rule=rule,
        required=required,
        basis=f"{yes + no} votes cast",
        adopted=adopted,
        result=result,
        explanation=f"{yes} votes for, {required} required under the rule of {rule}: {result.lower()}.",
        article="Article 28.1",
        quorum=quorum(present, present // 2 + 1),
        opened_at="10:05",
        closed_at="10:12",
        roll_call=roll_call,
    )


def motion(index: int, present: int) -> MotionSection:
    """In turn: amended twice, consent with an objection, two-thirds by roll call, withdrawn."""
    number = str(index + 3)
    text = (
        f"Motion {number}: the cooperative adopts the proposal described in annex {index + 1}, "
        "with its budget and calendar, and asks the council to carry it out."
    )
    kind = index % 4
    if kind == 0:
        amendments = tuple(
            AmendmentLine(
                number=f"{number}.{n}",
                title=f"Amendment {n}",
                proposed_text="Add: within the 2027 budget.",
                mover=name(index + n),
                seconder=name(index + n + 1),
                fate="Adopted" if n == 1 else "Not adopted",
                vote=vote(300 - 100 * n, 100 * n, 20, "majority of votes cast", 201, present),
            )
            for n in (1, 2)
        )
        return MotionSection(
            number=number,
            title=f"Proposal {index + 1}",
            kind="ordinary motion",
            original_text=text,
            final_text=text + " Within the 2027 budget.",
            mover=name(index),
            seconder=name(index + 3),
            status="Adopted",
            amendments=amendments,
            vote=vote(280, 120, 40, "majority of votes cast", 201, present),
        )
    if kind == 1:
        consent = VoteResultLine(
            method="consent",
            yes=0,
            no=0,
            abstain=0,
            rule="consent",
            required=0,
            basis="no standing objection",
            adopted=True,
            result="Adopted",
            explanation="Adopted by consent: the one objection was resolved.",
            article="Article 29",
            quorum=quorum(present, present // 2 + 1),
            opened_at="10:30",
            closed_at="10:41",
        )
        return MotionSection(
            number=number,
            title=f"Proposal {index + 1}",
            kind="consent motion",
            original_text=text,
            final_text=text,
            mover=name(index),
            seconder=None,
            status="Adopted",
            vote=consent,
            objections=(
                ObjectionLine(
                    member=name(index + 5),
                    reason="The calendar clashes with the night shift.",
                    status="resolved: the calendar moves a week",
                ),
            ),
        )
    if kind == 2:
        roll_call = tuple(
            (name(n), "abstain" if n % 10 == 0 else "yes" if n % 5 < 3 else "no") for n in range(present)
        )
        yes = sum(1 for _, choice in roll_call if choice == "yes")
        no = sum(1 for _, choice in roll_call if choice == "no")
        return MotionSection(
            number=number,
            title=f"Proposal {index + 1}",
            kind="amendment of the bylaws",
            original_text=text,
            final_text=text,
            mover=name(index),
            seconder=name(index + 2),
            status="Not adopted",
            vote=vote(
                yes,
                no,
                present - yes - no,
                "two-thirds of votes cast",
                -(-2 * (yes + no) // 3),
                present,
                roll_call,
            ),
        )
    return MotionSection(
        number=number,
        title=f"Proposal {index + 1}",
        kind="ordinary motion",
        original_text=text,
        final_text=text,
        mover=name(index),
        seconder=None,
        status="Withdrawn",
    )


def build_minutes(attendees: int, motions: int, roll_call_size: int | None = None) -> Minutes:
    people = tuple(
        AttendeeLine(
            number=f"{n:04d}",
            name=name(n),
            arrived="09:40" if n % 50 == 0 else "09:00",
            left="11:30" if n % 70 == 0 else None,
        )
        for n in range(1, attendees + 1)
    )
    present = roll_call_size or attendees
    return Minutes(
        cooperative="Cooperativa Cerámica La Forja",
        title="Minutes of the ordinary assembly",
        assembly_number="Assembly 7",
        kind="ordinary",
        date="25 November 2026",
        called_time="08:30",
        opened_time="09:00",
        closed_time="12:15",
        place="Sala Grande, Calle del Horno 4, Talavera",
        chair=name(1),
        secretary=name(2),
        attendance_count=attendees,
        active_members=attendees + 40,
        attendees=people,
        proxies=tuple(
            ProxyLine(giver=name(attendees + n), holder=name(n), status="in force") for n in range(4)
        ),
        quorum=quorum(attendees, (attendees + 40) // 2 + 1),
        previous_minutes="The minutes of Assembly 6 were approved without changes.",
        motions=tuple(motion(index, present) for index in range(motions)),
    )


def run_child(model: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, str(model), str(out)], check=True)
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def peak_mb() -> float:
    """The largest resident set of any child process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(label: str, minutes: Minutes, folder: Path) -> tuple[str, float, int, float]:
    """Median seconds, PDF size and peak memory; cases run smallest first so the peak is this case's."""
    model = folder / f"case{len(list(folder.iterdir()))}.pickle"
    model.write_bytes(pickle.dumps(minutes))
    out = model.with_suffix("")
    out.mkdir()
    timings = [run_child(model, out) for _ in range(RUNS)]
    pdf = out / "minutes.pdf"
    return f"{label} ({pages(pdf)} pages)", statistics.median(timings), pdf.stat().st_size, peak_mb()


def main() -> None:
    cases = [  # smallest first: ru_maxrss of children only ever grows
        ("30 attendees, 2 motions", build_minutes(30, 2), 1.0),
        ("470 attendees, 12 motions", build_minutes(470, 12, roll_call_size=60), 1.5),
    ]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline = time.perf_counter() - start
        results = [(*measure(label, minutes, Path(folder)), goal) for label, minutes, goal in cases]
    print(
        f"Minutes rendering: HTML + PDF in one fresh process, median of {RUNS} runs "
        f"(python -c pass: {baseline * 1000:.0f} ms)"
    )
    for label, seconds, size, memory, goal in results:
        verdict = "ok" if seconds <= goal else "OVER GOAL"
        print(
            f"  {label:<34} {seconds:5.2f} s  (goal <= {goal:.1f} s, {verdict})  "
            f"peak {memory:4.0f} MB  PDF {size / 1024:4.0f} KiB"
        )


if __name__ == "__main__":
    main()
