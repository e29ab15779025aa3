"""How long checking and printing a large production plan takes, each as a whole ``coop`` process.

Builds a SQLite database of 470 members with skill records, 200 finished products whose bills of
materials go three levels deep (200 products → 100 components → 50 sub-components → 40
materials, scrap on every line), 20 work centres with closures, a routing for every made item
(half of them needing a skill), stock for every material, and a 13-week plan with one line per
product per week (2,600 lines). Stations and stock are then sized to the plan, as in a plant that
makes this mix every quarter, so the check finds a realistic handful of problems (a few overloads
and shortfalls, lapsing certifications) rather than hundreds. Master data goes in through the
services' CSV imports; members and skill records in bulk. Then it runs, in fresh processes, 3
times each:

* ``coop plan check 1 --format json`` — goal <= 1 s;
* ``coop plan report 1 --out plan.pdf`` — goal <= 3 s;

and prints the medians (wall clock and CPU time: on a busy machine the wall clock says more about
the neighbours than about coop), the peak memory of each command (ru_maxrss of the process) and
the size of the PDF. The report is printed by the command's helper process (coop.reports.pdf)
while the command reads the database; the CPU time counts both.

    .venv/bin/python benchmarks/bench_plans.py
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from plant import COOPERATIVE, NOW, csv_file

RUNS = 3
MEMBERS = 470
FINISHED = 200
COMPONENTS = 100
SUBCOMPONENTS = 50
MATERIALS = 40
CENTRES = 20
WEEKS = 13
SKILLS = 10
CHECK_GOAL = 1.0
REPORT_GOAL = 3.0


def make_database(path: Path, folder: Path) -> dict[str, int]:
    """The plant and the plan; returns what it holds."""
    from coop.plans.catalogue_imports import import_bom, import_stock
    from coop.plans.centres_imports import import_closures, import_routings, import_work_centres
    from coop.testing.cooperatives import (
        add_numbered_skills,
        insert_members,
        insert_random_assessments,
        new_cooperative,
    )

    rng = random.Random(200)
    roles = ("secretary", "coordinator")
    with new_cooperative(path, name=COOPERATIVE, now=NOW, secretary_roles=roles) as cooperative:
        session = cooperative.session
        secretary = cooperative.actor  # the CSV imports the API does not offer yet are called as services
        insert_members(cooperative, MEMBERS)
        skills = add_numbered_skills(cooperative, SKILLS)
        assessments = insert_random_assessments(
            cooperative, skills, rng, skipped=0.6, days_ago=(10, 500), levels=(1, 2, 3, 3, 4)
        )

        finished = [f"FP-{i:03d}" for i in range(FINISHED)]
        components = [f"CO-{i:03d}" for i in range(COMPONENTS)]
        subs = [f"SU-{i:03d}" for i in range(SUBCOMPONENTS)]
        materials = [f"MA-{i:03d}" for i in range(MATERIALS)]
        products = [f"{c},Producto {c},pcs" for c in finished + components + subs]
        products += [f"{c},Material {c},kg" for c in materials]
        cooperative.plans.import_products(csv_file(folder / "products.csv", "code,name,unit", products))
        bom = []
        for index, code in enumerate(finished):
            for k in range(2):
                bom.append(
                    f"{code},{components[(index * 2 + k) % COMPONENTS]},{1 + k},{rng.choice((0, 2, 5))}"
                )
        for index, code in enumerate(components):
            for k in range(2):
                bom.append(f"{code},{subs[(index + k * 7) % SUBCOMPONENTS]},{_es(0.5)},{rng.choice((0, 3))}")
        for index, code in enumerate(subs):
            for k in range(2):
                bom.append(
                    f"{code},{materials[(index + k * 11) % MATERIALS]},{_es(rng.choice((0.2, 0.5, 1.5)))},1"
                )
        import_bom(
            session,
            actor=secretary,
            now=NOW,
            path=csv_file(folder / "bom.csv", "parent,component,quantity,scrap_pct", bom),
        )
        stock = [f"{code},{rng.randint(20_000, 200_000)}," for code in materials]
        import_stock(
            session,
            actor=secretary,
            now=NOW,
            path=csv_file(folder / "stock.csv", "material,quantity,counted_on", stock),
        )
        centres = [
            f"WC-{i:02d},Centro {i},8,{1 + i % 3},{5 + i % 2},{1 + i % 4},{80 + i % 20}"
            for i in range(CENTRES)
        ]
        import_work_centres(
            session,
            actor=secretary,
            now=NOW,
            path=csv_file(
                folder / "centres.csv",
                "code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct",
                centres,
            ),
        )
        first = NOW.date() + timedelta(days=7 - NOW.weekday())
        closures = [
            f"WC-{i:02d},{(first + timedelta(days=7 * (i % WEEKS) + 1)).isoformat()},Mantenimiento"
            for i in range(CENTRES)
        ]
        closures.append(f",{(first + timedelta(days=7 * 4 + 4)).isoformat()},Asamblea")
        import_closures(
            session,
            actor=secretary,
            now=NOW,
            path=csv_file(folder / "closures.csv", "work_centre,date,reason", closures),
        )
        routings = []
        for index, code in enumerate(finished + components + subs):
            for k in range(2 if code in finished else 1):
                skill = f"SK-{index % SKILLS:02d}" if index % 2 == 0 else ""
                level = str(1 + index % 3) if skill else ""
                routings.append(
                    f"{code},WC-{(index * 3 + k * 5) % CENTRES:02d},{_es(rng.choice((0.2, 0.5, 1, 2)))},"
                    f"{1 + index % 2},{skill},{level}"
                )
        import_routings(
            session,
            actor=secretary,
            now=NOW,
            path=csv_file(
                folder / "routings.csv",
                "product,work_centre,minutes_per_unit,crew_size,skill,skill_level",
                routings,
            ),
        )
        plan = cooperative.plans.create_plan(
            "Trimestre de medición", period_start=first, period_end=first + timedelta(days=7 * (WEEKS - 1))
        )
        lines = [
            f"{code},{rng.randint(50, 400)},{first + timedelta(days=7 * week)},{rng.randint(0, 3)}"
            for week in range(WEEKS)
            for code in finished
        ]
        cooperative.plans.import_plan_lines(
            plan, csv_file(folder / "lines.csv", "product,quantity,due_week,priority", lines)
        )
        _fit_the_plant(session, secretary, plan, folder, rng)
        counts = {
            "assessments": assessments,
            "bom": len(bom),
            "routings": len(routings),
            "lines": len(lines),
        }
    return counts


def _es(number: float | Decimal) -> str:
    """A decimal as a Spanish cooperative's spreadsheet writes it in a comma-separated file: "0,5"."""
    return f'"{str(number).replace(".", ",")}"'


def _fit_the_plant(session, secretary, plan, folder: Path, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Size stations and stock to the plan, as a plant that makes this mix every quarter would be.

    Each work centre gets enough stations for its average week at about 75 % of its hours, each
    material about 1.1–1.6 times what the quarter needs; the week-to-week swing of the lines, the
    closures and a few short materials then give the check a realistic handful of findings.
    """
    import math
    from decimal import Decimal

    from coop.plans.capacity.bom import explode_bom
    from coop.plans.capacity.load import load_by_week
    from coop.plans.catalogue_imports import import_stock
    from coop.plans.centres_imports import import_work_centres
    from coop.plans.check import load_inputs

    inputs = load_inputs(session, plan, on=NOW.date())
    loads: dict[str, Decimal] = {}
    for load in load_by_week(inputs.lines, inputs.bom, inputs.routings):
        loads[load.work_centre] = loads.get(load.work_centre, Decimal(0)) + load.hours
    rows = []
    for centre in inputs.work_centres:
        station_week = (
            centre.hours_per_shift
            * centre.shifts_per_day
            * centre.efficiency_pct
            / 100
            * (centre.working_days_per_week)
        )
        average = loads.get(centre.code, Decimal(0)) / WEEKS
        stations = max(1, math.ceil(average / (station_week * Decimal("0.75"))))
        rows.append(
            f"{centre.code},{centre.name},{_es(centre.hours_per_shift)},{centre.shifts_per_day},"
            f"{centre.working_days_per_week},{stations},{_es(centre.efficiency_pct)}"
        )
    import_work_centres(
        session,
        actor=secretary,
        now=NOW,
        path=csv_file(
            folder / "centres.csv",
            "code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct",
            rows,
        ),
    )
    needs = explode_bom(inputs.lines, inputs.bom)
    stock = [
        f"{code},{(need.quantity * Decimal(str(rng.uniform(1.1, 1.6)))).quantize(Decimal(1))},"
        for code, need in needs.items()
    ]
    for index in range(0, len(stock), 13):  # a few materials run short: their delivery is late
        code = stock[index].split(",")[0]
        stock[index] = f"{code},{(needs[code].quantity * Decimal('0.8')).quantize(Decimal(1))},"
    import_stock(
        session,
        actor=secretary,
        now=NOW,
        path=csv_file(folder / "stock.csv", "material,quantity,counted_on", stock),
    )


def run(command: list[str], folder: Path) -> tuple[float, float, bytes, float]:
    """Seconds, peak memory in MB (ru_maxrss of that process alone), stdout and CPU seconds of one
    whole process. CPU time (user + system) is what a busy machine inflates least."""
    output, errors = folder / "stdout", folder / "stderr"
    with output.open("wb") as stdout, errors.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(errors.read_text(encoding="utf-8"))
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, output.read_bytes(), cpu  # Linux reports KiB


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = folder / "coop.db"
        start = time.perf_counter()
        counts = make_database(database, folder)
        built = time.perf_counter() - start
        coop = [sys.executable, "-m", "coop.cli", "--db", str(database)]
        check_command = [*coop, "plan", "check", "1", "--format", "json"]
        out = folder / "plan.pdf"
        report_command = [*coop, "plan", "report", "1", "--out", str(out), "--force"]
        checks = [run(check_command, folder) for _ in range(RUNS)]
        findings = json.loads(checks[-1][2])
        reports = [run(report_command, folder) for _ in range(RUNS)]
        size = out.stat().st_size
        page_count = pages(out)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline = time.perf_counter() - start
        load = os.getloadavg()[0]
    check_median = statistics.median(t for t, _m, _o, _c in checks)
    report_median = statistics.median(t for t, _m, _o, _c in reports)
    print(
        f"Production plan: {FINISHED} products with 3-level BOMs ({counts['bom']} BOM lines, "
        f"{FINISHED + COMPONENTS + SUBCOMPONENTS + MATERIALS} items), {CENTRES} work centres, "
        f"{counts['routings']} routings, {WEEKS} weeks, {counts['lines']} plan lines, {MEMBERS} members "
        f"with {counts['assessments']} skill records (database built in {built:.1f} s; "
        f"python -c pass: {baseline:.2f} s)"
    )
    for label, results, goal, median in (
        ("coop plan check --format json", checks, CHECK_GOAL, check_median),
        ("coop plan report --out x.pdf", reports, REPORT_GOAL, report_median),
    ):
        verdict = "ok" if median <= goal else "OVER GOAL"
        runs = ", ".join(f"{t:.2f}" for t, _m, _o, _c in results)
        cpu = statistics.median(c for _t, _m, _o, c in results)
        print(
            f"  {label}: median of {RUNS} {median:5.2f} s (runs {runs}; goal <= {goal:.0f} s, {verdict}); "
            f"CPU {cpu:.2f} s; peak memory {max(m for _t, m, _o, _c in results):.0f} MB"
        )
    print(f"  {len(findings)} findings; PDF {size / 1024:.0f} KiB, {page_count} pages")
    print(f"  load average during the runs: {load:.1f} on {os.cpu_count()} CPUs (wall times grow with it)")


if __name__ == "__main__":
    main()
