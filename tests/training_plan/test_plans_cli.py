"""``coop training plan propose|edit|submit|propose-approval|show|list`` as a user meets them, on both
databases, on the tile plant of tests.factories.plans (clock: Wednesday 2026-11-25, in 2026-W48).

The plant: the plan "Verano" makes 1,000 tiles in 2026-W49 and in 2026-W50 at the kiln, needing 3
members at level 3 in HOR-CARGA each week; only 0003 and 0004 hold it (level 3, so they may teach).
Here 0005 Carla holds it at level 2: one step (two sessions of 4 h) in what is left of 2026-W48 takes
her to level 3 before the gap opens in 2026-W49; a member at level 0 would need three steps.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest

from coop.training.coverage import Level
from tests.factories.programs import assert_refused
from tests.factories.training_plans import PlantProgram as Plant

TOO_LOW = "Socio 0005 is at level 2 in Carga de vagonetas; a trainer of level 3 must be at level 3 or above."


def _propose(plant: Plant) -> Any:
    return plant.json("training", "plan", "propose", "--name", "Verano", "--from", "2026-W49")


def test_propose_stores_a_draft_whose_session_takes_the_nearest_trainee_to_the_level(plant: Plant) -> None:
    said = plant("training", "plan", "propose", "--name", "Verano", "--from", "2026-W49")
    assert said.exit_code == 0, said.output
    lines = said.stdout.splitlines()
    assert lines[0] == "Proposed training plan #1 Verano as a draft: 2 sessions."
    assert lines[1].startswith(
        "  Gap 2026-W49 in Carga de vagonetas level 3: closed in 2026-W48 by sessions 1, 2"
    )
    shown = plant.json("training", "plan", "show", "1")
    assert shown["status"] == "draft" and shown["approved_hash"] is None
    sessions = shown["sessions"]
    # one level up: two sessions of 4 h, from today, Wednesday (Monday and Tuesday are gone), before W49
    assert [(s["number"], s["day"], s["hours"], s["level"]) for s in sessions] == [
        (1, "2026-11-25", "4.00", 3),
        (2, "2026-11-26", "4.00", 3),
    ]
    assert all(s["trainees"] == ["0005"] and s["trainer"] in ("0003", "0004") for s in sessions)
    assert [g["week"] for g in shown["gaps"]] == ["2026-11-30", "2026-12-07"]
    assert plant.json("training", "plan", "list")["training_plans"][0]["status"] == "draft"


def test_the_life_cycle_ends_in_an_approved_plan_printed_from_its_snapshot(plant: Plant) -> None:
    _propose(plant)
    assert plant("training", "plan", "edit", "1", "--session", "1", "--add-trainee", "0006").exit_code == 0
    assert plant("training", "plan", "edit", "1", "--session", "1", "--remove-trainee", "0006").exit_code == 0
    assert plant("training", "plan", "edit", "1", "--session", "2", "--add-trainee", "0007").exit_code == 0
    submitted = plant("training", "plan", "submit", "1")
    assert submitted.exit_code == 0, submitted.output
    proposed = plant("training", "plan", "propose-approval", "1", "--assembly", "1", actor="0001")
    assert proposed.exit_code == 0, proposed.output
    motion = int(proposed.stdout.split("(id ")[1].split(")")[0])
    before = plant("training", "plan", "show", "1").stdout
    plant.vote(motion, yes=20, no=3)
    shown = plant.json("training", "plan", "show", "1")
    assert shown["status"] == "approved"
    assert shown["sessions"][1]["trainees"] == ["0005", "0007"]
    snapshot = {k: v for k, v in shown.items() if k not in ("approved_hash", "status")}
    from coop.audit import canonical_json

    frozen = canonical_json({**snapshot, "status": "approved"})
    assert shown["approved_hash"] == hashlib.sha256(frozen.encode()).hexdigest()
    table = plant("training", "plan", "show", "1").stdout
    assert f"Approved snapshot SHA-256: {shown['approved_hash']}" in table
    assert (
        table.replace(f"Approved snapshot SHA-256: {shown['approved_hash']}\n", "").replace(
            "approved by the assembly", "submitted to the assembly"
        )
        == before
    )
    # printed identically later; and an approved plan is not edited
    assert plant("training", "plan", "show", "1").stdout == table
    assert_refused(
        plant("training", "plan", "edit", "1", "--session", "1", "--add-trainee", "0008"),
        "Training plan #1 Verano is approved by the assembly; only a draft can be changed.",
    )


def test_a_rejected_plan_keeps_no_snapshot(plant: Plant) -> None:
    _propose(plant)
    plant("training", "plan", "submit", "1")
    proposed = plant("training", "plan", "propose-approval", "1", "--assembly", "1", actor="0001")
    motion = int(proposed.stdout.split("(id ")[1].split(")")[0])
    plant.vote(motion, yes=3, no=20)
    shown = plant.json("training", "plan", "show", "1")
    assert shown["status"] == "rejected" and shown["approved_hash"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--add-trainee", "0003"),
            "Socio 0003 is already at level 3 in Carga de vagonetas; choose someone below it.",
        ),
        (("--add-trainee", "0005"), "Socio 0005 is already a trainee of session 1."),
        (("--remove-trainee", "0009"), "Socio 0009 is not a trainee of session 1."),
        (("--week", "2026-W49"), "Session 1 must be held before week 2026-11-30, when its gap opens."),
        (
            ("--trainer", "0005"),
            "Socio 0005 is at level 2 in Carga de vagonetas; "
            "a trainer of level 3 must be at level 3 or above.",
        ),
        ((), "Say what to change: --add-trainee, --remove-trainee, --week or --trainer."),
    ],
)
def test_edit_refuses_in_one_sentence_and_changes_nothing(
    plant: Plant, args: tuple[str, ...], message: str
) -> None:
    before = _propose(plant)
    assert_refused(plant("training", "plan", "edit", "1", "--session", "1", *args), message)
    assert plant.json("training", "plan", "show", "1")["sessions"] == before["sessions"]


def test_refusals_of_the_life_cycle(plant: Plant) -> None:
    assert_refused(
        plant("training", "plan", "propose", "--name", "Viejo", "--from", "2026-W40"),
        "The horizon starts in the past (2026-09-28); start it this week or later with --from.",
    )
    assert_refused(
        plant("training", "plan", "propose", "--name", "Verano", actor="0010"),
        "Proposing a training plan is for a trainer or a coordinator; ask one of them to do it.",
    )
    _propose(plant)
    assert_refused(
        plant("training", "plan", "propose-approval", "1", "--assembly", "1", actor="0001"),
        "Training plan #1 Verano is not submitted; submit it first with: coop training plan submit 1",
    )
    assert_refused(
        plant("training", "plan", "show", "9"),
        "There is no training plan '9'; see them with: coop training plan list",
    )
    assert plant.json("training", "plan", "list")["training_plans"][0]["id"] == 1


def test_spanish_output(plant: Plant) -> None:
    said = plant("training", "plan", "propose", "--name", "Verano", "--from", "2026-W49", lang="es")
    assert said.exit_code == 0, said.output
    assert (
        said.stdout.splitlines()[0] == "Plan de capacitación #1 Verano propuesto como borrador: 2 sesiones."
    )
    shown = plant("training", "plan", "show", "1", lang="es").stdout
    assert "Sesiones:" in shown and "borrador" in shown


def _approve(plant: Plant) -> Any:
    shown = _propose(plant)
    plant.approve()
    return shown


def test_a_planned_session_held_and_assessed_closes_its_gap_in_the_progress(plant: Plant) -> None:
    _approve(plant)
    # the planned trainer holds HOR-CARGA at level 3: the one teaching rule lets them log it
    before = plant.json("training", "plan", "progress", "1")
    assert [(s["held"], s["assessed"]) for s in before["sessions"]] == [(False, []), (False, [])]
    assert (before["gaps_closed"], before["gaps_open"]) == (0, 2)
    held = plant.json("training", "log", "--from-plan", "1:1", "--date", "2026-11-25", actor="0001")
    assert held["skill"] == "HOR-CARGA"
    assert_refused(
        plant("training", "log", "--from-plan", "1:1", "--date", "2026-11-25", actor="0001"),
        f"Session 1 of training plan #1 Verano was already held as session {held['id']}.",
    )
    plant.assess("0005", Level.INDEPENDENT)
    after = plant.json("training", "plan", "progress", "1")
    first = after["sessions"][0]
    assert (first["held"], first["held_session_id"], first["trainees"], first["assessed"]) == (
        True,
        held["id"],
        ["0005"],
        ["0005"],
    )
    assert after["sessions"][1]["held"] is False
    # 0003, 0004 and now 0005 hold HOR-CARGA at level 3: both weeks' gaps (3 needed) are closed
    assert [(g["qualified_now"], g["needed"], g["closed"]) for g in after["gaps"]] == [
        (3, 3, True),
        (3, 3, True),
    ]
    table = plant("training", "plan", "progress", "1").stdout
    assert "Gaps closed: 2; still open: 0." in table


def test_only_an_approved_plan_is_held_from(plant: Plant) -> None:
    _propose(plant)
    assert_refused(
        plant("training", "log", "--from-plan", "1:1", actor="0001"),
        "Training plan #1 Verano is not approved by the assembly; its sessions are held once it is.",
    )
    assert_refused(
        plant("training", "log", "--from-plan", "uno", actor="0001"),
        "'uno' is not PLAN:SESSION; write it like --from-plan 1:3 (session 3 of plan 1).",
    )


def test_the_plan_and_the_log_keep_one_teaching_rule(plant: Plant) -> None:
    """A member teaches from the teaching level (3, independent) up to their own level: the proposal
    picks such trainers, and coop training log takes them; assessing at the session still needs 4."""
    from coop.training.coverage import TEACHING_LEVEL
    from coop.training_plan.proposal_inputs import Settings

    assert TEACHING_LEVEL == Level.INDEPENDENT == Settings(date(2026, 11, 23)).teaching_level
    shown = _approve(plant)
    assert_refused(
        plant("training", "log", "--from-plan", "1:1", "--trainer", "0006", actor="0001"),
        "Socio 0006 (#0006) cannot give a session in HOR-CARGA: that needs the skill at level 3 "
        "(independent) or above, and on 2026-11-25 Socio 0006 (#0006) has level 0 (none); name an "
        "outside trainer with --outside NAME instead.",
    )
    trainer = shown["sessions"][0]["trainer"]
    held = plant.json("training", "log", "--from-plan", "1:1", "--date", "2026-11-25", actor="0001")
    assert held["trainer"].endswith(f"(#{trainer})")
    # the same level-3 member gives an ordinary session too
    other = plant.json("training", "log", "HOR-CARGA", "--hours", "2", "--trainer", trainer, actor="0001")
    assert_refused(
        plant("training", "attend", str(other["id"]), "0005", "--level", "3", actor="0001"),
        f"{held['trainer']} gave session {other['id']} but does not hold HOR-CARGA at level 4 (can train), "
        "which assessing needs; record the attendance without --level and have a level 4 trainer assess "
        "with: coop training assess",
    )


def test_plan_check_says_when_the_approved_training_plan_closes_a_crew_gap(plant: Plant) -> None:
    """0004 leaves: the kiln's crew of 2 at level 3 in HOR-CARGA has 1 qualified member in 2026-W49 and
    W50. The approved training plan takes 0005 to level 3 in sessions 1 and 2 this week (W48), so she
    counts from W49: the check says so for both weeks, in the reader's language, until they are held."""
    assert plant("member", "deactivate", "0004", "--reason", "Jubilación", actor="0001").exit_code == 0
    before = plant.json("plan", "check", "1")
    crew = [f for f in before if f["code"] == "crew_gap"]
    assert len(crew) == 2 and not any("Training plan" in f["message"] for f in crew)
    _approve(plant)
    after = [f for f in plant.json("plan", "check", "1") if f["code"] == "crew_gap"]
    assert [f["message"].split("; qualified members: 1. ")[1] for f in after] == [
        "Training plan #1 Verano closes this gap in week 2026-W49 if sessions 1, 2 are held."
    ] * 2
    assert (
        "El plan de capacitación #1 Verano cierra esta brecha en la semana 2026-W49 si se hacen las "
        "sesiones 1, 2." in plant("plan", "check", "1", lang="es").stdout
    )
    plant("training", "log", "--from-plan", "1:1", actor="0001")
    after = [f for f in plant.json("plan", "check", "1") if f["code"] == "crew_gap"]
    assert after[0]["message"].endswith("closes this gap in week 2026-W49 if session 2 is held.")


def _stored_plans(plant: Plant) -> list[Any]:
    return plant.json("training", "plan", "list")["training_plans"]


def test_a_proposal_whose_every_gap_nobody_can_teach_is_refused_and_nothing_is_stored(plant: Plant) -> None:
    """In 2026-W51 the kiln's plan loads nothing, and HOR-CARGA has its two members: the only gap is
    Esmaltado, which the kiln requires and nobody holds."""
    assert plant("skill", "add", "HOR-ESM", "Esmaltado", "--category", "Hornos", actor="0001").exit_code == 0
    plant("workcentre", "require-skill", "HORNO", "HOR-ESM", "--minimum", "1")
    assert_refused(
        plant("training", "plan", "propose", "--name", "Esmaltado", "--from", "2026-W51", "--weeks", "1"),
        "Nobody can teach Esmaltado (HOR-ESM), the skill of every gap: no member holds it at level 3 or "
        "above and no outside trainer has given it, so no session can be proposed; its gaps close only with "
        "an outside trainer or a new member.",
    )
    assert _stored_plans(plant) == []
    # with gaps someone can teach as well, the plan is proposed and the untaught gap says why it stays open
    proposed = plant.json("training", "plan", "propose", "--name", "Verano", "--from", "2026-W49")
    assert any(g["skill"] == "HOR-ESM" and g["status"] == "open" for g in proposed["gaps"])


def test_the_bad_input_of_the_issue_is_refused_in_one_sentence_and_nothing_is_stored(plant: Plant) -> None:
    """A horizon in the past, a plan with no crews, a cycle in prerequisites: one sentence each."""
    assert_refused(
        plant("training", "plan", "propose", "--name", "Viejo", "--from", "2026-W47"),
        "The horizon starts in the past (2026-11-16); start it this week or later with --from.",
    )
    assert plant("plan", "create", "Bizcocho", "--from", "2026-W49", "--weeks", "2").exit_code == 0
    assert plant("plan", "line", "add", "2", "BIZC-30", "500", "2026-W49").exit_code == 0
    assert_refused(
        plant("training", "plan", "needs", "--from", "2026-W49", "--plan", "2"),
        "Plan #2 Bizcocho v1 puts no crew on any skill: none of its products' routings names a skill and a "
        "crew of 1 or more; give them one (coop workcentre routing add) or leave the plan out.",
    )
    assert plant("skill", "add", "HOR-ESM", "Esmaltado", "--category", "Hornos", actor="0001").exit_code == 0
    assert (
        plant("skill", "prerequisite", "add", "HOR-ESM", "HOR-CARGA", "--level", "2", actor="0001").exit_code
        == 0
    )
    assert_refused(
        plant("skill", "prerequisite", "add", "HOR-CARGA", "HOR-ESM", "--level", "1", actor="0001"),
        "HOR-ESM already needs HOR-CARGA, directly or through other skills; HOR-CARGA cannot also need "
        "HOR-ESM.",
    )
    assert _stored_plans(plant) == []
