"""How long proposing and printing a training plan take on a large plant, each as a whole ``coop`` process.

Builds a SQLite database of 470 members with skill records in 40 skills (some certified, lapsing
inside the horizon), 20 work centres with closures and required skills (two skills each, a minimum
of qualified members each week), 120 products routed through the centres (half of them needing a
skill at level 1 to 3), and two production plans over a 26-week horizon: a drafted one for the
first 13 weeks and another for the last 13. Then it runs, in fresh processes, 3 times each:

* ``coop training plan propose --weeks 26`` — the needs analysis and the proposal, stored as a
  draft: goal < 2 s;
* ``coop training plan report 1 --out plan.pdf`` — the printed plan: goal < 3 s;

and prints the medians (wall clock and CPU time: on a busy machine the wall clock says more about
the neighbours than about coop), the peak memory of each command, what the proposal found (gaps,
sessions, trainees) and the PDF's size and pages.

    .venv/bin/python benchmarks/training_plan.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from plant import COOPERATIVE, NOW, csv_file, timed_run

RUNS = 3
MEMBERS = 470
SKILLS = 40
CENTRES = 20
PRODUCTS = 120
WEEKS = 26
PROPOSE_GOAL = 2.0
REPORT_GOAL = 3.0


def make_database(path: Path, folder: Path) -> dict[str, int]:
    """The plant, its skills and its two plans; returns what it holds."""
    from coop.plans.centres_imports import import_closures, import_routings, import_work_centres
    from coop.testing.cooperatives import (
        add_numbered_skills,
        insert_members,
        insert_random_assessments,
        new_cooperative,
    )

    rng = random.Random(20)
    with new_cooperative(path, name=COOPERATIVE, now=NOW, secretary_roles=("secretary", "coordinator")) as c:
        session, actor = c.session, c.actor
        insert_members(c, MEMBERS, name="Socia Núñez {number}")
        skills = add_numbered_skills(c, SKILLS, name="Habilidad Łukasiewicz {index}", minimum_qualified=True)
        assessments = insert_random_assessments(
            c, skills, rng, skipped=0.95, days_ago=(10, 400), levels=(1, 1, 2, 2, 3, 4)
        )
        c.plans.import_products(
            csv_file(
                folder / "products.csv",
                "code,name,unit",
                [f"FP-{i:03d},Producto {i},pcs" for i in range(PRODUCTS)],
            )
        )
        centres = [f"WC-{i:02d},Centro {i},8,{1 + i % 2},5,{2 + i % 3},{80 + i % 20}" for i in range(CENTRES)]
        import_work_centres(
            session,
            actor=actor,
            now=NOW,
            path=csv_file(
                folder / "centres.csv",
                "code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct",
                centres,
            ),
        )
        first = NOW.date() + timedelta(days=7 - NOW.weekday())
        closures = [
            f"WC-{i % CENTRES:02d},{first + timedelta(days=7 * (i % WEEKS) + i % 5)},Mantenimiento"
            for i in range(CENTRES * 2)
        ]
        closures.append(f",{first + timedelta(days=7 * 5 + 4)},Asamblea")
        import_closures(
            session,
            actor=actor,
            now=NOW,
            path=csv_file(folder / "closures.csv", "work_centre,date,reason", closures),
        )
        required = [
            f"WC-{i:02d},SK-{(i * 2 + k) % SKILLS:02d},{2 + k},{1 + (i + k) % 3}"
            for i in range(CENTRES)
            for k in range(2)
        ]
        c.plans.import_required_skills(
            csv_file(folder / "required.csv", "work_centre,skill,min_level,min_qualified", required)
        )
        routings = []
        for index in range(PRODUCTS):
            skill = f"SK-{index % SKILLS:02d}" if index % 2 == 0 else ""
            level = str(1 + index % 3) if skill else ""
            routings.append(
                f"FP-{index:03d},WC-{index % CENTRES:02d},{rng.choice(('5', '10', '20'))},1,{skill},{level}"
            )
        import_routings(
            session,
            actor=actor,
            now=NOW,
            path=csv_file(
                folder / "routings.csv",
                "product,work_centre,minutes_per_unit,crew_size,skill,skill_level",
                routings,
            ),
        )
        lines = 0
        for number, weeks in enumerate((range(0, 13), range(13, WEEKS)), start=1):
            start = first + timedelta(weeks=weeks[0])
            plan = c.plans.create_plan(
                f"Plan {number}", period_start=start, period_end=first + timedelta(weeks=weeks[-1])
            )
            rows = [
                f"FP-{p:03d},{rng.randint(100, 900)},{first + timedelta(weeks=week)},{rng.randint(0, 3)}"
                for week in weeks
                for p in range(PRODUCTS)
            ]
            c.plans.import_plan_lines(
                plan, csv_file(folder / f"lines-{number}.csv", "product,quantity,due_week,priority", rows)
            )
            lines += len(rows)
    return {"assessments": assessments, "required_skills": len(required), "plan_lines": lines}


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader  # a development dependency

    return len(PdfReader(pdf).pages)


def _summary(label: str, runs: list[tuple[float, float, int, str]], goal: float) -> None:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    verdict = "within goal" if wall < goal else "OVER GOAL"
    print(
        f"{label}: wall {wall:.2f} s (goal < {goal:.0f} s), cpu {cpu:.2f} s, "
        f"peak memory {max(r[2] for r in runs) // 1024} MB — {verdict}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(os.environ.get("BENCH_DIR") or tmp)  # BENCH_DIR keeps the database, to profile it
        database = folder / "coop.db"
        database.unlink(missing_ok=True)
        start = time.perf_counter()
        counts = make_database(database, folder)
        print(f"built in {time.perf_counter() - start:.1f} s: {MEMBERS} members, {SKILLS} skills, {counts}")
        coop = [str(Path(sys.executable).with_name("coop")), "--db", str(database), "--as", "0001"]
        propose = [*coop, "training", "plan", "propose", "--name", "Medición", "--weeks", str(WEEKS)]
        proposals = [timed_run([*propose, "--format", "json"]) for _ in range(RUNS)]
        plan = json.loads(proposals[0][3])
        trainees = {ref for s in plan["sessions"] for ref in s["trainees"]}
        statuses = [g["status"] for g in plan["gaps"]]
        print(
            f"proposal over {WEEKS} weeks: {len(plan['gaps'])} gaps "
            f"({statuses.count('closed')} closed, {statuses.count('partly')} partly, "
            f"{statuses.count('open')} open), {len(plan['sessions'])} sessions, {len(trainees)} trainees"
        )
        _summary("coop training plan propose", proposals, PROPOSE_GOAL)
        reports = []
        for run in range(RUNS):
            out = folder / f"plan-{run}.pdf"
            reports.append(
                timed_run([*coop, "training", "plan", "report", "1", "--out", str(out), "--force"])
            )
        pdf = (folder / "plan-0.pdf").read_bytes()
        print(f"the printed plan: {len(pdf) // 1024} KB, {_pages(folder / 'plan-0.pdf')} pages")
        _summary("coop training plan report", reports, REPORT_GOAL)


if __name__ == "__main__":
    main()
