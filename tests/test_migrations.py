"""Alembic is the only way the schema changes: one head, models match, upgrades keep every row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text

from coop import db
from coop.models import metadata
from coop.resources import resource_dir


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def test_single_head_equal_to_schema_head() -> None:
    heads = _script().get_heads()
    assert heads == [db.SCHEMA_HEAD]


def test_models_match_migrations(db_url: str) -> None:
    engine = db.engine_for(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_from_empty_and_downgrade_to_base(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(db.resolve_url(str(tmp_path / "fresh.db")))
    db.migrate(engine)
    assert db.current_revision(engine) == db.SCHEMA_HEAD
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


# Rows to put into a database left at each revision before the head, so the test below can
# check that upgrading from there keeps them. Every non-head revision needs an entry.
Seed = Callable[[Connection], None]
SEEDS: dict[str, Seed] = {}


def _seed(revision: str) -> Callable[[Seed], Seed]:
    """Register the decorated function as the seed of ``revision``."""

    def register(seed: Seed) -> Seed:
        SEEDS[revision] = seed
        return seed

    return register


@_seed("0001_foundation")
def _seed_0001(connection: Connection) -> None:
    now = datetime(2025, 1, 1, 9, 0)
    connection.execute(
        text("INSERT INTO cooperative (id, name, language, created_at) VALUES (1, 'Vieja', 'es', :t)"),
        {"t": now},
    )
    for index in range(1, 31):
        connection.execute(
            text("INSERT INTO members (id, number, name, active, created_at) VALUES (:i, :n, :name, :a, :t)"),
            {"i": index, "n": f"{index:04d}", "name": f"Socio Núñez {index}", "a": index % 7 != 0, "t": now},
        )
        connection.execute(
            text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (:i, 'member', :t)"),
            {"i": index, "t": now},
        )
    connection.execute(
        text("INSERT INTO bylaws (key, value, article, changed_at) VALUES ('quorum', '1/3', 'Art. 32', :t)"),
        {"t": now},
    )


@_seed("0002_assemblies")
def _seed_0002(connection: Connection) -> None:
    """An assembly with attendance, a proxy, a voted motion, an amendment and a consent objection."""
    now = datetime(2025, 3, 1, 18, 0)
    connection.execute(
        text(
            "INSERT INTO votes (id, title, kind, method, status, opened_at, closed_at, rule, tie_rule, "
            "quorum_present, quorum_proxies, quorum_proxies_counted, quorum_required, quorum_met, "
            "quorum_at_second_call, quorum_statement, active_members, yes_count, no_count, abstain_count, "
            "adopted) VALUES (:i, :title, 'yes_no', :method, 'closed', :t, :t, 'majority_cast', 'fails', "
            "20, 1, 0, 14, 1, 0, 'Quórum: 20 presentes', 26, 12, 5, 3, 1)"
        ),
        [
            {"i": 1, "title": "Reparar el horno", "method": "roll_call", "t": now},
            {"i": 2, "title": "Horario de verano", "method": "secret", "t": now},
        ],
    )
    connection.execute(
        text(
            "INSERT INTO assemblies (id, kind, called_for, place, chair_id, secretary_id, status, opened_at, "
            "closed_at, minutes_status) "
            "VALUES (1, 'ordinary', :t, 'Comedor', 1, 2, 'closed', :t, :t, 'draft')"
        ),
        {"t": now},
    )
    connection.execute(
        text(
            "INSERT INTO attendance (assembly_id, member_id, arrived_at, left_at) VALUES (1, :m, :t, :left)"
        ),
        [{"m": m, "t": now, "left": now if m == 3 else None} for m in range(1, 21)],
    )
    connection.execute(
        text(
            "INSERT INTO proxies (assembly_id, giver_id, holder_id, document, granted_at) "
            "VALUES (1, 22, 4, 'Carta poder', :t)"
        ),
        {"t": now},
    )
    for motion_id, parent, vote_id, kind in (
        (1, None, 1, "ordinary"),
        (2, 1, None, "amendment"),
        (3, None, 2, "consent"),
    ):
        connection.execute(
            text(
                "INSERT INTO motions (id, assembly_id, parent_id, position, kind, title, text, final_text, "
                "proposer_id, seconder_id, status, vote_id, proposed_at) "
                "VALUES (:i, 1, :parent, :pos, :kind, "
                "'Moción de Núñez', 'Texto', 'Texto', 5, 6, 'adopted', :vote, :t)"
            ),
            {
                "i": motion_id,
                "parent": parent,
                "pos": str(motion_id),
                "kind": kind,
                "vote": vote_id,
                "t": now,
            },
        )
    connection.execute(
        text(
            "INSERT INTO objections "
            "(motion_id, member_id, reason, status, resolution, raised_at, resolved_at) "
            "VALUES (3, 8, 'Sin transporte', 'resolved', 'Combi', :t, :t)"
        ),
        {"t": now},
    )
    connection.execute(
        text(
            "INSERT INTO vote_participation (vote_id, represented_member_id, cast_by_member_id, choice) "
            "VALUES (:v, :m, :m, :c)"
        ),
        [{"v": 1, "m": m, "c": "yes" if m % 3 else "no"} for m in range(1, 21)]
        + [{"v": 2, "m": m, "c": None} for m in range(1, 21)],
    )
    connection.execute(
        text("INSERT INTO secret_ballots (id, vote_id, choice) VALUES (:i, 2, :c)"),
        [{"i": f"{n:032x}", "c": "yes" if n % 4 else "abstain"} for n in range(1, 21)],
    )


@_seed("0003_training")
def _seed_0003(connection: Connection) -> None:
    """Skills with a prerequisite, a session with attendance and assessments, role terms."""
    now = datetime(2025, 4, 1, 9, 0)
    connection.execute(
        text(
            "INSERT INTO skills (id, code, name, category, safety_critical, certified, validity_months, "
            "minimum_qualified, qualifying_level, created_at) "
            "VALUES (:i, :code, :name, 'Hornos', :safe, :cert, "
            ":months, 2, 3, :t)"
        ),
        [
            {
                "i": 1,
                "code": "SEG-EPP",
                "name": "Protección",
                "safe": True,
                "cert": False,
                "months": None,
                "t": now,
            },
            {
                "i": 2,
                "code": "HOR-QUEM",
                "name": "Quemadores",
                "safe": True,
                "cert": True,
                "months": 12,
                "t": now,
            },
        ],
    )
    connection.execute(
        text("INSERT INTO skill_prerequisites (skill_id, requires_id, min_level) VALUES (2, 1, 2)")
    )
    connection.execute(
        text(
            "INSERT INTO training_sessions (id, skill_id, trainer_id, outside_trainer, held_on, hours, kind, "
            "place, planned, logged_at, logged_by) "
            "VALUES (1, 2, NULL, 'Inspectora gasista', :d, 4.5, 'exam', "
            "'Nave de hornos', 0, :t, 'Socio Núñez 1 (#0001)')"
        ),
        {"d": now.date(), "t": now},
    )
    for member in range(2, 8):
        connection.execute(
            text(
                "INSERT INTO training_attendance (session_id, member_id, present, hours, assessed_level, "
                "recorded_at) VALUES (1, :m, :present, NULL, :level, :t)"
            ),
            {"m": member, "present": member != 7, "level": None if member == 7 else 3, "t": now},
        )
        if member != 7:
            connection.execute(
                text(
                    "INSERT INTO skill_assessments (member_id, skill_id, level, assessed_on, expires_on, "
                    "session_id, outside_assessor, recorded_at, recorded_by) VALUES (:m, 2, 3, :d, :e, 1, "
                    "'Inspectora gasista', :t, '(setup)')"
                ),
                {"m": member, "d": now.date(), "e": now.date().replace(year=2026), "t": now},
            )
    connection.execute(
        text(
            "INSERT INTO role_terms (role, section, member_id, starts_on, ends_on, motion_id, recorded_at, "
            "recorded_by) VALUES (:role, :section, :m, :start, :end, :motion, :t, '(setup)')"
        ),
        [
            {
                "role": "coordinator",
                "section": None,
                "m": 2,
                "start": now.date().replace(year=2023),
                "end": now.date().replace(year=2024),
                "motion": None,
                "t": now,
            },
            {
                "role": "section_coordinator",
                "section": "Hornos",
                "m": 3,
                "start": now.date(),
                "end": None,
                "motion": 1,
                "t": now,
            },
        ],
    )


@_seed("0004_elections")
def _seed_0004(connection: Connection) -> None:
    """A closed STV election at assembly 1 with its candidates, secret ranked ballots and result."""
    now = datetime(2025, 5, 1, 19, 0)
    connection.execute(
        text(
            "INSERT INTO votes (id, title, kind, method, status, opened_at, closed_at, rule, tie_rule, "
            "quorum_present, quorum_proxies, quorum_proxies_counted, quorum_required, quorum_met, "
            "quorum_at_second_call, quorum_statement, active_members, adopted) "
            "VALUES (3, 'Consejo 2026', 'ranked', 'secret', 'closed', :t, :t, 'stv', 'fails', "
            "20, 0, 0, 14, 1, 0, 'Quórum: 20 presentes', 26, NULL)"
        ),
        {"t": now},
    )
    connection.execute(
        text(
            "INSERT INTO elections (id, title, seats, rules_preset, rules_json, assembly_id, status, "
            "vote_id, created_at, opened_at, closed_at, result_json, result_hash) "
            "VALUES (1, 'Consejo de administración 2026', 2, 'stv-droop', '{\"method\": \"stv\"}', 1, "
            '\'closed\', 3, :t, :t, :t, \'{"winners": ["Socio Núñez 2", "Socio Núñez 4"]}\', :h)'
        ),
        {"t": now, "h": "a" * 64},
    )
    connection.execute(
        text(
            "INSERT INTO candidates (election_id, member_id, name, position, consented_at) "
            "VALUES (1, :m, :name, :p, :t)"
        ),
        [{"m": m, "name": f"Socio Núñez {m}", "p": p, "t": now} for p, m in enumerate((2, 3, 4, 5), start=1)],
    )
    connection.execute(
        text("INSERT INTO secret_ballots (id, vote_id, choice, ranking) VALUES (:i, 3, NULL, :r)"),
        [{"i": f"{n + 100:032x}", "r": '["Socio Núñez 2", "Socio Núñez 4"]'} for n in range(1, 21)],
    )
    connection.execute(
        text(
            "INSERT INTO vote_participation (vote_id, represented_member_id, cast_by_member_id, choice) "
            "VALUES (3, :m, :m, NULL)"
        ),
        [{"m": m} for m in range(1, 21)],
    )


@_seed("0005_plans")
def _seed_0005(connection: Connection) -> None:
    """A tile with a two-level bill of materials, stock, a kiln with a closure and a routing needing a
    skill, and an approved plan revised by a draft, with an acknowledged finding."""
    now = datetime(2025, 6, 1, 9, 0)
    connection.execute(
        text("INSERT INTO products (id, code, name, unit, created_at) VALUES (:i, :c, :n, :u, :t)"),
        [
            {"i": 1, "c": "BALD-30", "n": "Baldosa 30×30", "u": "pcs", "t": now},
            {"i": 2, "c": "BIZC-30", "n": "Bizcocho", "u": "pcs", "t": now},
            {"i": 3, "c": "ARC-ROJ", "n": "Arcilla roja", "u": "kg", "t": now},
            {"i": 4, "c": "ESM-BL", "n": "Esmalte blanco", "u": "kg", "t": now},
        ],
    )
    connection.execute(
        text("INSERT INTO bom_lines (parent_id, component_id, quantity, scrap_pct) VALUES (:p, :c, :q, :s)"),
        [
            {"p": 1, "c": 2, "q": 1, "s": 10},
            {"p": 1, "c": 4, "q": 0.2, "s": 5},
            {"p": 2, "c": 3, "q": 2, "s": 0},
        ],
    )
    connection.execute(
        text(
            "INSERT INTO stock_levels (product_id, quantity, counted_on, recorded_at, recorded_by) "
            "VALUES (:p, :q, :d, :t, '(setup)')"
        ),
        [{"p": 3, "q": 5000, "d": now.date(), "t": now}, {"p": 4, "q": 300, "d": now.date(), "t": now}],
    )
    connection.execute(
        text(
            "INSERT INTO work_centres (id, code, name, hours_per_shift, shifts_per_day, working_days, "
            "parallel, efficiency_pct, created_at) VALUES (1, 'HORNO', 'Horno túnel', 8, 2, 5, 1, 75, :t)"
        ),
        {"t": now},
    )
    connection.execute(
        text(
            "INSERT INTO closures (work_centre_id, closed_on, reason, recorded_at, recorded_by) "
            "VALUES (:w, :d, :r, :t, '(setup)')"
        ),
        [
            {"w": 1, "d": now.date().replace(day=10), "r": "Mantenimiento", "t": now},
            {"w": None, "d": now.date().replace(day=20), "r": "Feriado", "t": now},
        ],
    )
    connection.execute(
        text(
            "INSERT INTO routings (product_id, work_centre_id, minutes_per_unit, crew_size, skill_id, "
            "skill_level) VALUES (1, 1, 3, 2, 2, 3)"
        )
    )
    for plan_id, version, predecessor, status in ((1, 1, None, "approved"), (2, 2, 1, "draft")):
        connection.execute(
            text(
                "INSERT INTO plans (id, name, version, predecessor_id, period_start, period_end, status, "
                "created_at, created_by, approval_motion_id, approved_snapshot, approved_hash) "
                "VALUES (:i, 'Invierno', :v, :p, :start, :end, :s, :t, 'Socio Núñez 2 (#0002)', :m, "
                ":snap, :h)"
            ),
            {
                "i": plan_id,
                "v": version,
                "p": predecessor,
                "start": datetime(2025, 6, 2).date(),
                "end": datetime(2025, 8, 25).date(),
                "s": status,
                "t": now,
                "m": 1 if status == "approved" else None,
                "snap": "{}" if status == "approved" else None,
                "h": "b" * 64 if status == "approved" else None,
            },
        )
        connection.execute(
            text(
                "INSERT INTO plan_lines (plan_id, position, product_id, quantity, due_week, priority) "
                "VALUES (:p, :n, 1, :q, :w, 0)"
            ),
            [
                {"p": plan_id, "n": 1, "q": 1000, "w": datetime(2025, 6, 2).date()},
                {"p": plan_id, "n": 2, "q": 1000 + 500 * (version - 1), "w": datetime(2025, 6, 9).date()},
            ],
        )
    connection.execute(
        text(
            "INSERT INTO finding_acknowledgements (plan_id, finding_key, figures, reason, member_id, "
            "acknowledged_by, acknowledged_at) VALUES (1, 'shortage:ESM-BL', 'required=420;available=300', "
            "'Compra en curso', 2, 'Socio Núñez 2 (#0002)', :t)"
        ),
        {"t": now},
    )


@_seed("0006_ballots")
def _seed_0006(connection: Connection) -> None:
    """An open secret vote on a new motion of assembly 1, with voting codes, a slip and a paper batch."""
    now = datetime(2025, 7, 1, 18, 0)
    connection.execute(
        text(
            "INSERT INTO votes (id, title, kind, method, status, opened_at, rule, tie_rule, "
            "quorum_present, quorum_proxies, quorum_proxies_counted, quorum_required, quorum_met, "
            "quorum_at_second_call, quorum_statement, active_members, code_pepper, tracker_salt) "
            "VALUES (4, 'Compra de esmalte', 'yes_no', 'secret', 'open', :t, 'majority_cast', 'fails', "
            "20, 0, 0, 14, 1, 0, 'Quórum: 20 presentes', 26, :p, :s)"
        ),
        {"t": now, "p": "c" * 64, "s": "d" * 64},
    )
    connection.execute(
        text(
            "INSERT INTO motions (id, assembly_id, parent_id, position, kind, title, text, final_text, "
            "proposer_id, seconder_id, status, vote_id, proposed_at) "
            "VALUES (4, 1, NULL, '3', 'ordinary', 'Compra de esmalte', 'Texto', 'Texto', 5, 6, 'voting', 4, "
            ":t)"
        ),
        {"t": now},
    )
    connection.execute(
        text("INSERT INTO voting_codes (vote_id, serial, code_hash, status) VALUES (4, :n, :h, 'issued')"),
        [{"n": n, "h": f"{n:064x}"} for n in range(1, 11)],
    )
    connection.execute(
        text(
            "INSERT INTO slip_recipients (vote_id, received_by_member_id, represented_member_id, issued_on) "
            "VALUES (4, 4, 22, :d)"
        ),
        {"d": now.date()},
    )
    connection.execute(
        text("INSERT INTO paper_batches (id, vote_id, number, status) VALUES (1, 4, 1, 'entered')")
    )


@_seed("0007_agenda")
def _seed_0007(connection: Connection) -> None:
    """A called assembly with a two-item agenda, the open motion of 0006 hung on an item, and member 2
    made a trainer (0009 widens the roles' check)."""
    connection.execute(
        text(
            "INSERT INTO assemblies (id, kind, called_for, place, chair_id, secretary_id, status, "
            "opened_at, minutes_status) "
            "VALUES (8, 'ordinary', :t, 'Salón Güemes', 1, 2, 'called', NULL, 'draft')"
        ),
        {"t": datetime(2025, 12, 20, 18, 0)},
    )
    connection.execute(
        text(
            "INSERT INTO agenda_items (id, assembly_id, position, title, text, motion_kind) VALUES "
            "(1, 8, 1, 'Memoria y balance', NULL, 'ordinary'), "
            "(2, 8, 2, 'Elección de consejeros', 'Tres titulares', NULL)"
        )
    )
    connection.execute(text("UPDATE motions SET agenda_item_id = 1 WHERE id = 4"))
    connection.execute(
        text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (2, 'trainer', :t)"),
        {"t": datetime(2025, 8, 1, 9, 0)},
    )


@_seed("0009_access")
def _seed_0009(connection: Connection) -> None:
    """Member 2's login, granted and still in force."""
    connection.execute(
        text("INSERT INTO member_logins (id, member_id, login, granted_at) VALUES (1, 2, 'zofia', :t)"),
        {"t": datetime(2025, 9, 1, 9, 0)},
    )


@_seed("0010_agenda_elections")
def _seed_0010(connection: Connection) -> None:
    """The second agenda item of 0007 decided by the election of 0004."""
    connection.execute(
        text("UPDATE agenda_items SET election_id = (SELECT min(id) FROM elections) WHERE id = 2")
    )


def test_after_the_upgrade_a_member_can_be_a_teller_and_have_a_login(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0009 adds the teller role to the roles' check and the table of members' logins."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (3, 'teller', :t)"),
            {"t": datetime(2025, 9, 1, 9, 0)},
        )
        connection.execute(
            text("INSERT INTO member_logins (member_id, login, granted_at) VALUES (3, 'socio_3', :t)"),
            {"t": datetime(2025, 9, 1, 9, 0)},
        )
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(
                text("INSERT INTO member_roles (member_id, role, granted_at) VALUES (4, 'treasurer', :t)"),
                {"t": datetime(2025, 9, 1, 9, 0)},
            )
        roles = connection.execute(text("SELECT role FROM member_roles WHERE member_id = 2 ORDER BY role"))
        assert roles.scalars().all() == ["member", "trainer"]


def _earlier_revisions() -> list[str]:
    revisions = [r.revision for r in _script().walk_revisions()]
    return [r for r in reversed(revisions) if r != db.SCHEMA_HEAD]


def _seeded(tmp_path: Path, through: str | None = None) -> Engine:
    """A database as coop opens it (foreign keys on), left at each earlier revision up to ``through``
    (all of them when None) with the seed of every revision it passed."""
    engine = db.engine_for(db.resolve_url(str(tmp_path / "old.db")))
    revisions = _earlier_revisions()
    if through is not None:
        revisions = revisions[: revisions.index(through) + 1]
    # Each seed goes in at its own revision, as the rows were written then (a later revision's
    # triggers refuse, for instance, ballots added to a vote already closed).
    for earlier in revisions:
        db.migrate(engine, earlier)
        with engine.begin() as connection:
            SEEDS[earlier](connection)
    return engine


def test_every_earlier_revision_has_a_seed() -> None:
    assert set(_earlier_revisions()) <= set(SEEDS)


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_upgrade_populated_database_keeps_rows(tmp_path, revision: str) -> None:  # type: ignore[no-untyped-def]
    engine = _seeded(tmp_path, through=revision)
    before = _row_counts(engine)
    db.migrate(engine)
    after = _row_counts(engine)
    assert db.current_revision(engine) == db.SCHEMA_HEAD
    for table, count in before.items():
        assert after[table] >= count, f"{table} lost rows in the upgrade from {revision}"


def _row_counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        return {t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}


def test_after_the_upgrade_an_assembly_can_be_called_with_its_agenda(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0007 widens the status check to 'called', lets opened_at wait and hangs motions on agenda items."""
    engine = _seeded(tmp_path, through="0006_ballots")
    db.migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO assemblies (id, kind, called_for, place, chair_id, secretary_id, status, "
                "opened_at, minutes_status) "
                "VALUES (9, 'ordinary', :t, 'Salón Güemes', 1, 2, 'called', NULL, 'draft')"
            ),
            {"t": datetime(2025, 12, 20, 18, 0)},
        )
        connection.execute(
            text(
                "INSERT INTO agenda_items (id, assembly_id, position, title) "
                "VALUES (1, 9, 1, 'Memoria y balance')"
            )
        )
        connection.execute(text("UPDATE motions SET agenda_item_id = 1 WHERE id = 4"))
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(text("UPDATE assemblies SET status = 'convened' WHERE id = 9"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM assemblies WHERE id = 9")).scalar_one() == "called"


def test_an_upgrade_that_would_leave_a_broken_key_is_undone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On SQLite the keys are off while tables are rebuilt, so they are all checked before the commit."""
    from coop.errors import DatabaseError

    engine = _seeded(tmp_path, through="0006_ballots")
    with engine.connect() as connection:  # a row written by hand, behind coop's back
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        connection.connection.driver_connection.execute("UPDATE attendance SET member_id = 9999 WHERE id = 1")  # type: ignore[union-attr]
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    with pytest.raises(
        DatabaseError, match="The upgrade was undone: row 1 of attendance refers to a missing row of members"
    ):
        db.migrate(engine)
    assert db.current_revision(engine) == "0006_ballots"


def test_after_the_upgrade_a_secret_vote_names_no_key_until_one_is_made(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0011 adds the officers' keys; the votes already held name none (they were not sealed)."""
    engine = _seeded(tmp_path, through="0010_agenda_elections")
    db.migrate(engine)
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT count(*) FROM officer_keys")).scalar_one()
        sealed_to = connection.execute(text("SELECT count(officer_key_id) FROM votes")).scalar_one()
        votes = connection.execute(text("SELECT count(*) FROM votes")).scalar_one()
    assert (keys, sealed_to) == (0, 0)
    assert votes > 0


def test_after_the_upgrade_an_election_decides_an_agenda_item(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0010 lets an agenda item name the election that decides it, one item per election."""
    engine = _seeded(tmp_path, through="0007_agenda")
    db.migrate(engine)
    with engine.begin() as connection:
        election = connection.execute(text("SELECT min(id) FROM elections")).scalar_one()
        connection.execute(text("UPDATE agenda_items SET election_id = :e WHERE id = 2"), {"e": election})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text("UPDATE agenda_items SET election_id = :e WHERE id = 1"), {"e": election})
        with pytest.raises(Exception, match="FOREIGN KEY constraint failed"), connection.begin_nested():
            connection.execute(text("UPDATE agenda_items SET election_id = 999 WHERE id = 1"))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, election_id FROM agenda_items ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(1, None), (2, election)]


@_seed("0011_officer_keys")
def _seed_0011(connection: Connection) -> None:
    """A second work centre, the press line, with no routing yet; a product that 0015's orders and
    forecasts may name; the electoral board's key in force, and a secret vote opened under it
    (vote 7, still open)."""
    connection.execute(
        text(
            "INSERT INTO products (code, name, unit, created_at) "
            "VALUES ('ZOC-0830', 'Zócalo 8×30', 'pcs', :t)"
        ),
        {"t": datetime(2025, 10, 1, 9, 0)},
    )
    connection.execute(
        text(
            "INSERT INTO work_centres (id, code, name, hours_per_shift, shifts_per_day, working_days, "
            "parallel, efficiency_pct, created_at) VALUES (2, 'PRENSA', 'Prensas', 7.5, 1, 5, 2, 90, :t)"
        ),
        {"t": datetime(2025, 10, 1, 9, 0)},
    )
    now = datetime(2026, 1, 10, 18, 0)
    connection.execute(
        text(
            "INSERT INTO officer_keys (id, fingerprint, public_key, holder, created_at) "
            "VALUES (1, 'AAAA-BBBB-CCCC-DDDD', :k, 'Junta electoral', :t)"
        ),
        {"k": "A" * 43 + "=", "t": now},
    )
    connection.execute(
        text(
            "INSERT INTO votes (id, title, kind, method, status, opened_at, rule, tie_rule, "
            "quorum_present, quorum_proxies, quorum_proxies_counted, quorum_required, quorum_met, "
            "quorum_at_second_call, quorum_statement, active_members, officer_key_id) "
            "VALUES (7, 'Compra de hornos', 'yes_no', 'secret', 'open', :t, 'majority_cast', 'fails', "
            "20, 0, 0, 14, 1, 0, 'Quórum: 20 presentes', 26, 1)"
        ),
        {"t": now},
    )


def test_after_the_upgrade_an_open_vote_takes_sealed_ballots_and_a_closed_one_keeps_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0012 adds sealed_ballots, guarded as the other ballot tables are once their vote closes."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sealed_ballots (id, vote_id, sealed) VALUES (:i, 7, 'c2VsbGFkbw==')"),
            {"i": "a" * 32},
        )
        connection.execute(text("UPDATE votes SET status = 'closed' WHERE id = 7"))
        with pytest.raises(Exception, match="sealed_ballots of a closed vote"), connection.begin_nested():
            connection.execute(text("DELETE FROM sealed_ballots WHERE vote_id = 7"))
        with pytest.raises(Exception, match="sealed_ballots of a closed vote"), connection.begin_nested():
            connection.execute(
                text("INSERT INTO sealed_ballots (id, vote_id, sealed) VALUES (:i, 7, 'eA==')"),
                {"i": "b" * 32},
            )
    with engine.connect() as connection:
        # the seed's sealed ballot and this one
        assert connection.execute(text("SELECT count(*) FROM sealed_ballots")).scalar_one() == 2
        assert connection.execute(text("PRAGMA secure_delete")).scalar_one() == 1


@_seed("0012_sealed_ballots")
def _seed_0012(connection: Connection) -> None:
    """One sealed ballot in the open vote 7."""
    connection.execute(
        text("INSERT INTO sealed_ballots (id, vote_id, sealed) VALUES (:i, 7, 'b3Ryby1zZWxsYWRv')"),
        {"i": "c" * 32},
    )


def test_after_the_upgrade_a_work_centre_can_require_a_skill_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0014 adds the skills a work centre requires: one row per centre and skill, a level from 1 to 4."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO required_skills (work_centre_id, skill_id, min_level, min_qualified) "
                "VALUES (1, 2, 3, 2)"
            )
        )
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(
                text(
                    "INSERT INTO required_skills (work_centre_id, skill_id, min_level, min_qualified) "
                    "VALUES (1, 2, 2, 1)"
                )
            )
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(
                text(
                    "INSERT INTO required_skills (work_centre_id, skill_id, min_level, min_qualified) "
                    "VALUES (1, 1, 5, 1)"
                )
            )
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT work_centre_id, skill_id, min_level, min_qualified FROM required_skills "
                "ORDER BY work_centre_id"
            )
        ).all()
        centres = connection.execute(text("SELECT count(*) FROM work_centres")).scalar_one()
    assert [tuple(r) for r in rows] == [(1, 2, 3, 2), (2, 2, 3, 2)]  # the press line's, from before
    assert centres == 2


@_seed("0013_returned_slips")
def _seed_0013(connection: Connection) -> None:
    """The tellers hold slip 9 of the open vote 4 unused."""
    connection.execute(
        text("INSERT INTO returned_slips (vote_id, serial, entered_at) VALUES (4, 9, :t)"),
        {"t": datetime(2025, 7, 1, 18, 30)},
    )


def test_after_the_upgrade_the_tellers_enter_returned_slips_of_an_open_vote_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0013 adds the returned slips (one row per vote and serial, kept once the vote closes) and the
    reason a vote was closed with its slips unbalanced."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    insert = text("INSERT INTO returned_slips (vote_id, serial, entered_at) VALUES (4, :s, :t)")
    at = datetime(2025, 7, 1, 19, 0)
    with engine.begin() as connection:
        connection.execute(insert, {"s": 3, "t": at})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(insert, {"s": 3, "t": at})
        assert connection.execute(text("SELECT slips_unbalanced FROM votes WHERE id = 4")).scalar() is None
        connection.execute(text("UPDATE votes SET status = 'closed', closed_at = :t WHERE id = 4"), {"t": at})
        with pytest.raises(Exception, match="returned_slips of a closed vote cannot be changed"):
            connection.execute(insert, {"s": 4, "t": at})


@_seed("0014_required_skills")
def _seed_0014(connection: Connection) -> None:
    """The press line needs two members qualified in skill 2 at level 3."""
    connection.execute(
        text(
            "INSERT INTO required_skills (work_centre_id, skill_id, min_level, min_qualified) "
            "VALUES (2, 2, 3, 2)"
        )
    )


def test_after_the_upgrade_products_have_orders_and_one_forecast_a_month(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0015 adds customer orders, forecasts (one per product and month) and planning settings."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    t = datetime(2026, 12, 1, 9, 0)
    with engine.begin() as connection:
        product = connection.execute(text("SELECT min(id) FROM products")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO customer_orders (customer, product_id, quantity, due_month, firm, recorded_at, "
                "recorded_by) VALUES ('Corralón Güemes', :p, 500, '2027-03-01', 1, :t, 'x')"
            ),
            {"p": product, "t": t},
        )
        forecast = (
            "INSERT INTO demand_forecasts (product_id, month, quantity, method, recorded_at, recorded_by) "
            "VALUES (:p, '2027-03-01', :q, 'entered', :t, 'x')"
        )
        connection.execute(text(forecast), {"p": product, "q": 800, "t": t})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text(forecast), {"p": product, "q": 900, "t": t})
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(
                text(
                    "INSERT INTO product_planning (product_id, make_to_stock, safety_stock, min_batch, "
                    "max_batch, stock_on_hand, changed_at, changed_by) "
                    "VALUES (:p, 1, 0, 600, 500, 0, :t, 'x')"
                ),
                {"p": product, "t": t},
            )
    with engine.connect() as connection:
        # its own order and the one of 0015's seed, once the next revisions ran
        assert connection.execute(text("SELECT count(*) FROM customer_orders")).scalar_one() == 2
        assert connection.execute(text("SELECT count(*) FROM products")).scalar_one() > 0


@_seed("0015_demand")
def _seed_0015(connection: Connection) -> None:
    """A firm order and a February forecast for the first product; the last one made to stock."""
    product = connection.execute(text("SELECT min(id) FROM products")).scalar_one()
    last = connection.execute(text("SELECT max(id) FROM products")).scalar_one()
    t = datetime(2026, 12, 1, 9, 0)
    connection.execute(
        text(
            "INSERT INTO customer_orders (customer, product_id, quantity, due_month, firm, recorded_at, "
            "recorded_by) VALUES ('Corralón Güemes', :p, 500, '2027-03-01', :firm, :t, 'x')"
        ),
        {"p": product, "t": t, "firm": True},
    )
    connection.execute(
        text(
            "INSERT INTO demand_forecasts (product_id, month, quantity, method, recorded_at, recorded_by) "
            "VALUES (:p, '2027-02-01', 800, 'entered', :t, 'x')"
        ),
        {"p": product, "t": t},
    )
    connection.execute(
        text(
            "INSERT INTO product_planning (product_id, make_to_stock, safety_stock, stock_on_hand, "
            "changed_at, changed_by) VALUES (:p, :mts, 0, 0, :t, 'x')"
        ),
        {"p": last, "t": t, "mts": True},
    )


def test_after_the_upgrade_a_training_plan_keeps_its_sessions_trainees_and_gaps(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0016 adds training plans: numbered sessions (one trainer: a member or an outside name), their
    trainees once each, and the gaps; the demand recorded before is kept."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    t = datetime(2026, 12, 5, 9, 0)
    with engine.begin() as connection:
        skill = connection.execute(text("SELECT min(id) FROM skills")).scalar_one()
        member = connection.execute(text("SELECT min(id) FROM members")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO training_plans (id, name, starts_on, weeks, status, created_at, created_by) "
                "VALUES (1, 'Verano', '2027-01-04', 13, 'draft', :t, 'x')"
            ),
            {"t": t},
        )
        session = (
            "INSERT INTO training_plan_sessions (plan_id, number, skill_id, level, held_on, hours, "
            "trainer_id, outside_trainer) VALUES (1, :n, :s, 3, '2027-01-05', 4, :m, :o)"
        )
        connection.execute(text(session), {"n": 1, "s": skill, "m": member, "o": None})
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(text(session), {"n": 2, "s": skill, "m": member, "o": "Técnico"})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text(session), {"n": 1, "s": skill, "m": None, "o": "Técnico"})
        first = connection.execute(text("SELECT id FROM training_plan_sessions")).scalar_one()
        trainee = "INSERT INTO training_plan_trainees (session_id, member_id) VALUES (:s, :m)"
        connection.execute(text(trainee), {"s": first, "m": member})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text(trainee), {"s": first, "m": member})
        connection.execute(
            text(
                "INSERT INTO training_plan_gaps (plan_id, position, skill_id, level, week, needed, "
                "available, short, status, reason) "
                "VALUES (1, 1, :s, 3, '2027-01-11', 3, 2, 0, 'closed', 'Brecha')"
            ),
            {"s": skill},
        )
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM training_plan_trainees")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM customer_orders")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM demand_forecasts")).scalar_one() == 1


@_seed("0016_training_plans")
def _seed_0016(connection: Connection) -> None:
    """A draft training plan with no session yet."""
    connection.execute(
        text(
            "INSERT INTO training_plans (id, name, starts_on, weeks, status, created_at, created_by) "
            "VALUES (5, 'Invierno', '2027-06-07', 13, 'draft', :t, 'x')"
        ),
        {"t": datetime(2026, 12, 5, 9, 0)},
    )


def test_after_the_upgrade_a_master_plan_has_scenarios_named_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0017 adds master plans (6 to 18 months) and their scenarios, one name per plan."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    t = datetime(2026, 12, 2, 9, 0)
    plan = text(
        "INSERT INTO master_plans (name, first_month, months, status, created_at, created_by) "
        "VALUES (:n, :m, :k, 'draft', :t, 'ana')"
    )
    scenario = text(
        "INSERT INTO master_scenarios (plan_id, name, assumptions, created_at, created_by) "
        "VALUES ((SELECT id FROM master_plans WHERE name = '2027'), :n, '{}', :t, 'ana')"
    )
    with engine.begin() as connection:
        connection.execute(plan, {"n": "2027", "m": date(2027, 1, 1), "k": 12, "t": t})
        connection.execute(scenario, {"n": "nivelada", "t": t})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(scenario, {"n": "nivelada", "t": t})
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(plan, {"n": "larga", "m": date(2027, 1, 1), "k": 24, "t": t})
        orders = connection.execute(text("SELECT count(*) FROM customer_orders")).scalar_one()
    assert orders == 1


@_seed("0017_scenarios")
def _seed_0017(connection: Connection) -> None:
    """A draft master plan with one scenario, from before the assembly could choose."""
    t = datetime(2026, 12, 5, 9, 0)
    connection.execute(
        text(
            "INSERT INTO master_plans (id, name, first_month, months, status, created_at, created_by) "
            "VALUES (7, 'Antes', :m, 12, 'draft', :t, 'x')"
        ),
        {"m": date(2027, 1, 1), "t": t},
    )
    connection.execute(
        text(
            "INSERT INTO master_scenarios (plan_id, name, assumptions, created_at, created_by) "
            "VALUES (7, 'Nivelada', '{}', :t, 'x')"
        ),
        {"t": t},
    )


def test_after_the_upgrade_a_scenario_has_its_motion_and_a_plan_its_frozen_choice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0018 links a scenario to the motion that put it to the assembly and keeps the plan's choice:
    the motion adopted, when, the snapshot and its hash; the plans and scenarios before are kept."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    with engine.begin() as connection:
        kept = connection.execute(
            text("SELECT choice_motion_id, choice_hash, decided_at FROM master_plans WHERE id = 7")
        ).one()
        assert tuple(kept) == (None, None, None)
        motion = connection.execute(text("SELECT min(id) FROM motions")).scalar_one()
        connection.execute(
            text("UPDATE master_scenarios SET motion_id = :m WHERE plan_id = 7"), {"m": motion}
        )
        connection.execute(
            text(
                "UPDATE master_plans SET status = 'decided', choice_motion_id = :m, decided_at = :t, "
                "choice_snapshot = '{}', choice_hash = :h WHERE id = 7"
            ),
            {"m": motion, "t": datetime(2026, 12, 6, 10, 0), "h": "0" * 64},
        )
        with pytest.raises(Exception, match="FOREIGN KEY constraint failed"), connection.begin_nested():
            connection.execute(text("UPDATE master_scenarios SET motion_id = 99999 WHERE plan_id = 7"))
        scenarios = connection.execute(text("SELECT count(*) FROM master_scenarios")).scalar_one()
    assert scenarios == 2  # the draft plan's and the decided plan's


@_seed("0018_master_choice")
def _seed_0018(connection: Connection) -> None:
    """A master plan the assembly decided: its scenario linked to the motion that chose it."""
    t = datetime(2026, 12, 6, 9, 0)
    motion = connection.execute(text("SELECT min(id) FROM motions")).scalar_one()
    connection.execute(
        text(
            "INSERT INTO master_plans (id, name, first_month, months, status, created_at, created_by, "
            "choice_motion_id, decided_at, choice_snapshot, choice_hash) "
            "VALUES (8, 'Elegido', :m, 12, 'decided', :t, 'x', :motion, :t, '{}', :h)"
        ),
        {"m": date(2027, 1, 1), "t": t, "motion": motion, "h": "0" * 64},
    )
    connection.execute(
        text(
            "INSERT INTO master_scenarios (plan_id, name, assumptions, created_at, created_by, motion_id) "
            "VALUES (8, 'Nivelada', '{}', :t, 'x', :motion)"
        ),
        {"t": t, "motion": motion},
    )


def test_after_the_upgrade_an_election_has_lists_and_a_member_stands_on_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """0019 adds the lists of an election by lists; a member stands on one list of an election, at one
    place of it; the master plans recorded before are kept."""
    engine = _seeded(tmp_path)
    db.migrate(engine)
    t = datetime(2026, 12, 6, 9, 0)
    with engine.begin() as connection:
        election = connection.execute(text("SELECT min(id) FROM elections")).scalar_one()
        lists = (
            "INSERT INTO election_lists (id, election_id, name, position, registered_at) "
            "VALUES (:i, :e, :n, :p, :t)"
        )
        connection.execute(text(lists), {"i": 1, "e": election, "n": "Celeste", "p": 1, "t": t})
        connection.execute(text(lists), {"i": 2, "e": election, "n": "Verde", "p": 2, "t": t})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text(lists), {"i": 3, "e": election, "n": "Celeste", "p": 3, "t": t})
        person = (
            "INSERT INTO election_list_members (list_id, election_id, member_id, place, position) "
            "VALUES (:l, :e, :m, :place, :p)"
        )
        connection.execute(text(person), {"l": 1, "e": election, "m": 1, "place": "titular", "p": 1})
        with pytest.raises(Exception, match="UNIQUE constraint failed"), connection.begin_nested():
            connection.execute(text(person), {"l": 2, "e": election, "m": 1, "place": "titular", "p": 1})
        with pytest.raises(Exception, match="CHECK constraint failed"), connection.begin_nested():
            connection.execute(text(person), {"l": 2, "e": election, "m": 2, "place": "vocal", "p": 1})
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM master_scenarios")).scalar_one() == 2
        decided = connection.execute(text("SELECT choice_hash FROM master_plans WHERE id = 8")).scalar_one()
        assert decided == "0" * 64
        assert connection.execute(text("SELECT count(*) FROM election_list_members")).scalar_one() == 1
