"""How long ``coop master compare`` takes on a large plant, as a whole ``coop`` process.

Builds a SQLite database of 300 members with skill records in 40 skills, 200 finished products
(each made of one of 40 components), 20 work centres with closures, a routing for every made item
(half of them needing a skill at level 1 to 3), a forecast for every product in each of 18 months
with a seasonal peak, a few hundred customer orders, and a master plan of 18 months with 4
scenarios (chase; level; chase with 15 % overtime and 6 more members in 3 skills; level with two
orders declined). Then it runs, in fresh processes, 3 times:

* ``coop master compare 2027 --format json`` — goal < 2 s;

and prints the median wall clock and CPU time, the peak memory, and what the comparison found.

    .venv/bin/python benchmarks/master_compare.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from plant import COOPERATIVE, NOW, csv_file, timed_run

RUNS = 3
MEMBERS = 300
PRODUCTS = 200
COMPONENTS = 40
CENTRES = 20
SKILLS = 40
MONTHS = 18
GOAL = 2.0
FIRST = "2026-11"


def _month(index: int) -> str:
    year, month = divmod(2026 * 12 + 10 + index, 12)
    return f"{year:04d}-{month + 1:02d}"


def make_database(path: Path, folder: Path) -> dict[str, int]:
    from coop.plans.catalogue_imports import import_bom
    from coop.plans.centres_imports import import_closures, import_routings, import_work_centres
    from coop.testing.cooperatives import (
        add_numbered_skills,
        insert_members,
        insert_random_assessments,
        new_cooperative,
    )

    rng = random.Random(21)
    with new_cooperative(path, name=COOPERATIVE, now=NOW, secretary_roles=("secretary", "coordinator")) as c:
        session = c.session
        actor = c.actor
        insert_members(c, MEMBERS)
        skills = add_numbered_skills(c, SKILLS)
        assessments = insert_random_assessments(
            c, skills, rng, skipped=0.8, days_ago=(10, 500), levels=(1, 2, 3, 3, 4)
        )
        finished = [f"FP-{i:03d}" for i in range(PRODUCTS)]
        components = [f"CO-{i:03d}" for i in range(COMPONENTS)]
        c.plans.import_products(
            csv_file(
                folder / "products.csv",
                "code,name,unit",
                [f"{code},Producto {code},pcs" for code in finished + components],
            )
        )
        bom = [
            f"{code},{components[i % COMPONENTS]},1,{rng.choice((0, 2, 5))}"
            for i, code in enumerate(finished)
        ]
        import_bom(
            session,
            actor=actor,
            now=NOW,
            path=csv_file(folder / "bom.csv", "parent,component,quantity,scrap_pct", bom),
        )
        centres = [f"WC-{i:02d},Centro {i},8,{1 + i % 3},5,{2 + i % 4},{80 + i % 20}" for i in range(CENTRES)]
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
        closures = [
            f"WC-{i % CENTRES:02d},{date(2027, 1, 4) + timedelta(days=7 * i)},Mantenimiento"
            for i in range(CENTRES * 3)
        ]
        closures.append(",2027-05-01,Feriado")
        import_closures(
            session,
            actor=actor,
            now=NOW,
            path=csv_file(folder / "closures.csv", "work_centre,date,reason", closures),
        )
        routings = []
        for index, code in enumerate(finished + components):
            skill = f"SK-{index % SKILLS:02d}" if index % 2 == 0 else ""
            level = str(1 + index % 3) if skill else ""
            minutes = rng.choice(('"0,5"', "1", "2"))
            routings.append(
                f"{code},WC-{(index * 3) % CENTRES:02d},{minutes},{1 + index % 2},{skill},{level}"
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
        forecasts = []
        for code in finished:
            base = rng.randint(100, 800)
            for m in range(MONTHS):
                peak = 2.5 if m % 12 in (3, 4) else 1.0
                forecasts.append(f"{code},{_month(m)},{int(base * peak)}")
        c.master.import_forecasts(csv_file(folder / "forecast.csv", "product,month,quantity", forecasts))
        orders = [
            f"Cliente {i},{rng.choice(finished)},{rng.randint(200, 3000)},{_month(rng.randrange(MONTHS))},yes"
            for i in range(300)
        ]
        c.master.import_orders(
            csv_file(folder / "orders.csv", "customer,product,quantity,due_month,firm", orders)
        )
        c.master.create_plan("2027", since=FIRST, months=MONTHS)
        c.master.add_scenario("2027", "Demanda", policy="chase")
        c.master.add_scenario("2027", "Nivelada", policy="level")
        c.master.add_scenario(
            "2027",
            "Horas extra",
            policy="chase",
            overtime_pct="15",
            extra_qualified=["SK-00=6", "SK-02=6", "SK-04=6"],
        )
        c.master.add_scenario("2027", "Sin dos pedidos", policy="level", declined_orders=["1", "2"])
        counts = {"assessments": assessments, "forecasts": len(forecasts), "orders": len(orders)}
    return counts


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(os.environ.get("BENCH_DIR") or tmp)  # BENCH_DIR keeps the database, to profile it
        database = folder / "coop.db"
        start = time.perf_counter()
        counts = make_database(database, folder)
        print(f"built in {time.perf_counter() - start:.1f} s: {counts}")
        coop = str(Path(sys.executable).with_name("coop"))
        argv = [
            coop,
            "--db",
            str(database),
            "master",
            "compare",
            "2027",
            "--format",
            "json",
        ]
        runs = [timed_run(argv) for _ in range(RUNS)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        data = json.loads(runs[-1][3])
        print(
            f"coop master compare: {PRODUCTS} products, {CENTRES} centres, {SKILLS} skills, {MONTHS} months, "
            f"{len(data['scenarios'])} scenarios"
        )
        print(
            f"  wall {wall:.2f} s (goal < {GOAL:.0f} s), cpu {cpu:.2f} s, "
            f"peak memory {runs[-1][2] // 1024} MB"
        )
        for s in data["scenarios"]:
            peak = s["peak"] or {}
            print(
                f"  {s['scenario']:<16} output {s['output']:>9}  stock {s['closing_stock']:>8}  overtime "
                f"{s['overtime_hours']:>8} h  unmet {s['unmet_demand']:>6}  "
                f"train {sum(s['training_needed'].values()):>3}"
                f"  peak {peak.get('work_centre')} {peak.get('month')} {peak.get('percent')} %"
            )
        print("  within goal" if wall < GOAL else "  OVER GOAL")


if __name__ == "__main__":
    main()
