"""Who may act, proven by a real PostgreSQL server: each person's login is their member, and the
database itself refuses what their group roles do not allow, whatever program they connect with."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from coop import db
from coop.assemblies import ballots
from tests.access.conftest import PASSWORD, Shared, open_secret_vote
from tests.factories.context import FIXED_NOW
from tests.factories.keys import key_input, key_options
from tests.factories.programs import Cli


def _refused(shared: Shared, number: str, statement: str) -> str:
    """Run ``statement`` as the member's login; the database's refusal, in its words."""
    with pytest.raises(DBAPIError) as refusal, shared.engine(number).begin() as connection:
        connection.execute(text(statement))
    return str(refusal.value.orig)


def test_a_plain_members_login_cannot_change_the_bylaws_through_coop(shared: Shared) -> None:
    result = shared.cli("0003")("bylaws", "set", "quorum.second_call_minutes", "60")
    assert result.exit_code == 1
    assert "needs the secretary role, and Socio 0003 (#0003) does not hold it" in result.stderr


def test_a_plain_members_login_cannot_change_the_bylaws_through_sql(shared: Shared) -> None:
    for statement in (
        "UPDATE bylaws SET value = '60'",
        "INSERT INTO bylaws (key, value, changed_at) VALUES ('x', 'y', now())",
        "DELETE FROM bylaws",
    ):
        assert "permission denied for table bylaws" in _refused(shared, "0003", statement)


def test_the_secretarys_login_acts_as_her_and_the_log_says_so(shared: Shared) -> None:
    result = shared.cli("0001")("bylaws", "set", "quorum.second_call_minutes", "60")
    assert result.exit_code == 0, result.stderr
    with db.session_scope(db.engine_for(shared.owner_url)) as session:
        actor = session.scalar(text("SELECT actor FROM audit_events ORDER BY seq DESC LIMIT 1"))
    assert actor == "Ana Núñez (#0001)"


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"])
def test_no_login_can_change_an_audit_row(shared: Shared, statement: str) -> None:
    for number in ("0003", "0001"):  # a plain member, and the secretary herself
        assert "permission denied for table audit_events" in _refused(shared, number, statement)


def test_the_owner_too_is_refused_changing_the_audit_log_by_the_trigger(shared: Shared) -> None:
    owner = db.engine_for(shared.owner_url)
    for statement in (
        "UPDATE audit_events SET actor = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ):
        with pytest.raises(DBAPIError, match="the audit log only grows"), owner.begin() as connection:
            connection.execute(text(statement))


def test_no_login_can_read_the_voting_codes(shared: Shared) -> None:
    open_secret_vote(shared.owner_url)
    for number in ("0003", "0001"):
        assert "permission denied for table voting_codes" in _refused(
            shared, number, "SELECT code_hash FROM voting_codes"
        )
    with shared.engine("0001").connect() as connection:  # what the secretary counts stays readable
        assert connection.execute(text("SELECT count(*) FROM voting_codes WHERE status = 'issued'")).scalar()


def test_a_ballot_goes_in_the_box_only_with_a_code(shared: Shared) -> None:
    motion_id, codes = open_secret_vote(shared.owner_url)
    refusal = _refused(
        shared,
        "0003",
        "INSERT INTO secret_ballots (id, vote_id, choice) "
        f"SELECT 'contraband', vote_id, 'yes' FROM motions WHERE id = {motion_id}",
    )
    assert "permission denied for table secret_ballots" in refusal
    # With a code, through coop_cast_with_code, the same login casts; the code then is spent.
    with db.session_scope(db.engine_for(shared.url("0003"))) as session:
        target = ballots.find_ballot_vote(session, f"motion:{motion_id}")
        ballots.cast_with_code(session, now=FIXED_NOW, target=target, code=codes[0], choices=["yes"])
    with db.session_scope(db.engine_for(shared.url("0003"))) as session:
        target = ballots.find_ballot_vote(session, f"motion:{motion_id}")
        with pytest.raises(Exception, match="already been used"):
            ballots.cast_with_code(session, now=FIXED_NOW, target=target, code=codes[0], choices=["no"])
    with db.engine_for(shared.owner_url).connect() as connection:
        # One ballot in the box, sealed to the officer's key until the close.
        assert connection.execute(text("SELECT count(*) FROM sealed_ballots")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM secret_ballots")).scalar_one() == 0


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO secret_ballots (id, vote_id, choice) SELECT 'contraband', vote_id, 'yes' FROM motions",
        "INSERT INTO sealed_ballots (id, vote_id, sealed) SELECT 'contraband', vote_id, 'eA==' FROM motions",
        "DELETE FROM sealed_ballots",
        "DELETE FROM secret_ballots",
    ],
)
def test_not_even_the_secretarys_login_writes_the_ballot_box_directly(shared: Shared, statement: str) -> None:
    """Issue 18: ballots go in only through the owner's functions (a code, a voter in person, a
    paper batch agreed on) and are rewritten only by the close's, which adds and drops nothing."""
    open_secret_vote(shared.owner_url)
    refusal = _refused(shared, "0001", statement)
    assert "permission denied for table" in refusal


def test_the_secretarys_login_cannot_rewrite_a_box_with_a_ballot_more(shared: Shared) -> None:
    motion_id, codes = open_secret_vote(shared.owner_url)
    with db.session_scope(db.engine_for(shared.url("0003"))) as session:
        target = ballots.find_ballot_vote(session, f"motion:{motion_id}")
        ballots.cast_with_code(session, now=FIXED_NOW, target=target, code=codes[0], choices=["yes"])
    with shared.engine("0001").begin() as connection:
        vote_id = connection.execute(text(f"SELECT vote_id FROM motions WHERE id = {motion_id}")).scalar_one()
        stuffed = connection.execute(
            text(
                "SELECT coop_rewrite_ballot_box(:v, CAST(:ids AS text[]), CAST(:choices AS text[]), "
                "CAST(:rankings AS text[]))"
            ),
            {"v": vote_id, "ids": ["a" * 32, "b" * 32], "choices": ["yes", "yes"], "rankings": [None, None]},
        ).scalar_one()
        assert stuffed == "miscounted"
        assert connection.execute(text("SELECT count(*) FROM sealed_ballots")).scalar_one() == 1


def test_as_another_member_is_refused_to_a_login(shared: Shared) -> None:
    result = shared.cli("0003")("bylaws", "set", "quorum.second_call_minutes", "60", actor="0001")
    assert result.exit_code == 1
    assert "You are connected as Socio 0003 (#0003)" in result.stderr
    assert "cannot act as Ana Núñez (#0001)" in result.stderr
    # Naming oneself is no disguise: the act is refused for the role, not for the name.
    own = shared.cli("0003")("bylaws", "set", "quorum.second_call_minutes", "60", actor="0003")
    assert "does not hold it" in own.stderr


def test_the_owner_is_refused_member_acts_once_a_secretary_has_a_login(shared: Shared) -> None:
    for actor in ("0001", None):
        result = shared.cli()("bylaws", "set", "quorum.second_call_minutes", "60", actor=actor)
        assert result.exit_code == 1
        assert "is no member's, and members act through their own logins here" in result.stderr


def test_group_roles_follow_the_members_roles(shared: Shared) -> None:
    def groups() -> set[str]:
        with db.engine_for(shared.owner_url).connect() as connection:
            return set(
                connection.execute(
                    text(
                        "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                        "JOIN pg_roles l ON l.oid = a.member WHERE l.rolname = :login"
                    ),
                    {"login": shared.logins["0003"]},
                ).scalars()
            )

    assert groups() == {"coop_member"}
    secretary = shared.cli("0001")
    assert secretary("member", "role", "grant", "0003", "trainer").exit_code == 0
    assert groups() == {"coop_member", "coop_trainer"}
    assert secretary("member", "role", "revoke", "0003", "trainer").exit_code == 0
    assert groups() == {"coop_member"}
    assert shared.cli("0001").json("access", "list")[1]["groups"] == ["coop_member"]
    assert secretary("member", "deactivate", "0003", "--reason", "Renuncia").exit_code == 0
    assert groups() == set()
    assert secretary("member", "reactivate", "0003", "--reason", "Error de carga").exit_code == 0
    assert groups() == {"coop_member"}


def test_a_revoked_login_cannot_connect(shared: Shared) -> None:
    result = shared.cli()("access", "revoke", "0003")
    assert result.exit_code == 0, result.stderr
    assert f"The login {shared.logins['0003']} of Socio 0003 (#0003) can no longer connect." in result.stdout
    db.dispose_engines()
    with pytest.raises(OperationalError, match="is not permitted to log in"):
        shared.engine("0003").connect()
    listed = shared.cli().json("access", "list", "--all")
    assert [row["revoked_at"] is not None for row in listed] == [False, True]


def test_only_the_owner_grants_logins(shared: Shared) -> None:
    secretary = shared.cli("0001")
    login = f"{shared.prefix}_x"
    result = secretary("access", "grant", "0004", "--login", login, "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 1
    assert "Only the database's owner" in result.stderr


@pytest.mark.parametrize(
    ("login", "password", "refusal"),
    [
        ("Ana Núñez", PASSWORD, "cannot be a login"),
        ("coop_secretary", PASSWORD, "cannot be a login"),
        ("postgres", PASSWORD, "already exists on this database server"),
        ("{prefix}_new", "corta", "at least 10 characters"),
    ],
)
def test_a_login_is_refused_in_one_sentence(shared: Shared, login: str, password: str, refusal: str) -> None:
    name = login.format(prefix=shared.prefix)
    result = shared.cli()(
        "access", "grant", "0004", "--login", name, "--password-stdin", input=password + "\n"
    )
    assert result.exit_code == 1 and refusal in result.stderr and "Traceback" not in result.output


def test_logins_are_refused_on_sqlite(sqlite_url: str) -> None:
    cli = Cli(sqlite_url)
    result = cli("access", "grant", "0001", "--login", "ana", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 1 and "on a SQLite file the file's permissions decide" in result.stderr


def test_the_secretarys_login_closes_a_secret_vote_cast_by_code(shared: Shared) -> None:
    """Her login runs the whole vote: attendance, the motion, the slips (codes written, never read
    back), and the close, which rewrites the ballot box in random order and freezes it."""
    motion_id, codes = open_secret_vote(shared.url("0001"))
    with db.session_scope(db.engine_for(shared.url("0003"))) as session:
        target = ballots.find_ballot_vote(session, f"motion:{motion_id}")
        ballots.cast_with_code(session, now=FIXED_NOW, target=target, code=codes[1], choices=["no"])
    # Slip 2 voted; the tellers hand in every other slip unused, entered by her login.
    returned = shared.cli("0001")("ballot", "returned", str(motion_id), "1", f"3-{len(codes)}")
    assert returned.exit_code == 0, returned.stderr
    closed = shared.cli("0001")(
        "motion", "close", str(motion_id), "--confirm-empty", *key_options(), input=key_input()
    )
    assert closed.exit_code == 0, closed.stderr
    # A closed ballot box is kept as frozen even for the secretary's login (no grant, and the 0006
    # triggers behind it).
    refusal = _refused(shared, "0001", "DELETE FROM secret_ballots")
    assert "cannot be changed" in refusal or "permission denied for table secret_ballots" in refusal
    verified = shared.cli("0001")("audit", "verify")
    assert verified.exit_code == 0, verified.stdout + verified.stderr


def test_approved_minutes_keep_their_snapshot_even_for_the_owner(shared: Shared) -> None:
    owner = db.engine_for(shared.owner_url)
    with owner.begin() as connection:  # approving stores the snapshot once
        connection.execute(
            text("UPDATE assemblies SET minutes_snapshot = '{}', minutes_hash = 'abc' WHERE id = 1")
        )
    for statement in (
        "UPDATE assemblies SET minutes_snapshot = '{\"x\": 1}' WHERE id = 1",
        "DELETE FROM assemblies",
    ):
        with (
            pytest.raises(DBAPIError, match="the approved minutes_snapshot of assemblies 1"),
            owner.begin() as c,
        ):
            c.execute(text(statement))
    with owner.begin() as connection:  # the rest of the row may still change (its closing time)
        connection.execute(text("UPDATE assemblies SET closed_at = now() WHERE id = 1"))


def test_each_officer_acts_where_their_role_acts_and_nowhere_else(shared: Shared) -> None:
    """The secretary adds a skill; a trainer logs a session of it; a coordinator adds a product.
    A trainer's login cannot add a product, through coop or through SQL."""
    secretary = shared.cli("0001")
    assert secretary("member", "role", "grant", "0005", "trainer").exit_code == 0
    shared.grant("0002")  # Zofia Łukasiewicz, coordinator
    shared.grant("0005")
    added = secretary("skill", "add", "HOR-ESM", "Carga del horno", "--category", "Hornos")
    assert added.exit_code == 0, added.stderr
    logged = shared.cli("0005")(
        "training", "log", "HOR-ESM", "--hours", "3", "--kind", "practice", "--outside", "Ing. Paz"
    )
    assert logged.exit_code == 0, logged.stderr
    product = shared.cli("0002")("product", "add", "BALD-2020", "Baldosa roja 20×20", "--unit", "m²")
    assert product.exit_code == 0, product.stderr
    refused = shared.cli("0005")("product", "add", "BALD-3030", "Baldosa 30×30", "--unit", "m²")
    assert refused.exit_code == 1 and "coordinator" in refused.stderr
    assert "permission denied for table products" in _refused(
        shared, "0005", "INSERT INTO products (code, name, unit, created_at) VALUES ('X', 'X', 'u', now())"
    )


def test_a_teller_enters_paper_ballots_and_a_plain_member_is_refused_in_a_sentence(
    shared: Shared, tmp_path: Path
) -> None:
    motion_id, _codes = open_secret_vote(shared.url("0001"))
    assert shared.cli("0001")("member", "role", "grant", "0011", "teller").exit_code == 0
    shared.grant("0011")
    pile = tmp_path / "pile.csv"
    pile.write_text("yes\nno\nyes\n", encoding="utf-8")
    entered = shared.cli("0011")(
        "ballot", "paper", "enter", str(motion_id), "--batch", "1", "--teller", "0011", str(pile)
    )
    assert entered.exit_code == 0, entered.stderr
    # coop lets any member enter their own pile; on a shared database the teller role is needed.
    refused = shared.cli("0003")(
        "ballot", "paper", "enter", str(motion_id), "--batch", "2", "--teller", "0003", str(pile)
    )
    assert refused.exit_code == 1
    assert "The database refused this to your login" in refused.stderr and "internal" not in refused.stderr


def test_the_password_is_asked_twice_without_showing_it(shared: Shared) -> None:
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    login = f"{shared.prefix}_0004"
    result = shared.cli()("access", "grant", "0004", "--login", login, input=typed)
    assert result.exit_code == 0, result.stderr
    shared.logins["0004"] = login
    assert PASSWORD not in result.output
    assert f"Socio 0004 (#0004) connects as {login} (group roles: coop_member)." in result.stdout


def test_a_coordinators_login_sets_a_work_centres_required_skills_and_a_trainers_cannot(
    shared: Shared,
) -> None:
    """required_skills is the coordinators' table: coop and the database both say so."""
    secretary = shared.cli("0001")
    assert secretary("member", "role", "grant", "0005", "trainer").exit_code == 0
    shared.grant("0002")  # Zofia Łukasiewicz, coordinator
    shared.grant("0005")
    assert secretary("skill", "add", "HOR-ESM", "Carga del horno", "--category", "Hornos").exit_code == 0
    coordinator = shared.cli("0002")
    added = coordinator("workcentre", "add", "HORNO", "Horno", "--hours-per-shift", "8")
    assert added.exit_code == 0, added.stderr
    required = coordinator("workcentre", "require-skill", "HORNO", "HOR-ESM", "--minimum", "2")
    assert required.exit_code == 0, required.stderr
    refused = shared.cli("0005")("workcentre", "require-skill", "HORNO", "HOR-ESM", "--remove")
    assert refused.exit_code == 1 and "coordinator" in refused.stderr
    assert "permission denied for table required_skills" in _refused(
        shared, "0005", "UPDATE required_skills SET min_qualified = 1"
    )
