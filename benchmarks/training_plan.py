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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

RUNS = 3
MEMBERS = 470
SKILLS = 40
CENTRES = 20
PRODUCTS = 120
WEEKS = 26
PROPOSE_GOAL = 2.0
REPORT_GOAL = 3.0
NOW = datetime(2026, 11, 25, 9, 0)


def _csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def make_database(path: Path, folder: Path) -> dict[str, int]:
    """The plant, its skills and its two plans; returns what it holds."""
    from sqlalchemy import insert

    from coop.members.models import Member, MemberRole, Role
    from coop.plans.centres_imports import import_closures, import_routings, import_work_centres
    from coop.testing.cooperatives import insert_random_assessments, new_cooperative

    rng = random.Random(20)
    with new_cooperative(
        path, name="Cooperativa Cerámica de Medición", now=NOW, secretary_roles=("secretary", "coordinator")
    ) as c:
        session, actor = c.session, c.actor
        session.execute(
            insert(Member),
            [
                {"number": f"{n:04d}", "name": f"Socia Núñez {n:04d}", "active": True, "created_at": NOW}
                for n in range(2, MEMBERS + 1)
            ],
        )
        session.flush()
        ids = [m.id for m in c.members.list_members()]
        session.execute(
            insert(MemberRole), [{"member_id": i, "role": Role.member, "granted_at": NOW} for i in ids[1:]]
        )
        skills = [
            c.training.add_skill(
                f"SK-{i:02d}",
                f"Habilidad Łukasiewicz {i}",
                category="Planta",
                certified=i % 3 == 0,
                validity_months=12 if i % 3 == 0 else None,
                minimum_qualified=2 + i % 3,
            )
            for i in range(SKILLS)
        ]
        assessments = insert_random_assessments(
            c, skills, rng, skipped=0.95, days_ago=(10, 400), levels=(1, 1, 2, 2, 3, 4)
        )
        c.plans.import_products(
            _csv(
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
            path=_csv(
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
            path=_csv(folder / "closures.csv", "work_centre,date,reason", closures),
        )
        required = [
            f"WC-{i:02d},SK-{(i * 2 + k) % SKILLS:02d},{2 + k},{1 + (i + k) % 3}"
            for i in range(CENTRES)
            for k in range(2)
        ]
        c.plans.import_required_skills(
            _csv(folder / "required.csv", "work_centre,skill,min_level,min_qualified", required)
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
            path=_csv(
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
                plan, _csv(folder / f"lines-{number}.csv", "product,quantity,due_week,priority", rows)
            )
            lines += len(rows)
    return {"assessments": assessments, "required_skills": len(required), "plan_lines": lines}


def _time(argv: list[str]) -> tuple[float, float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "COOP_NOW": NOW.isoformat()}
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, done.stdout


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
        proposals = [_time([*propose, "--format", "json"]) for _ in range(RUNS)]
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
            reports.append(_time([*coop, "training", "plan", "report", "1", "--out", str(out), "--force"]))
        pdf = (folder / "plan-0.pdf").read_bytes()
        print(f"the printed plan: {len(pdf) // 1024} KB, {_pages(folder / 'plan-0.pdf')} pages")
        _summary("coop training plan report", reports, REPORT_GOAL)


if __name__ == "__main__":
    main()
