"""Skill levels, certifications and coverage arithmetic: plain data in, plain data out.

This package is pure: it reads no database, no clock and no global state, and imports nothing
from coop but errors and the translation hook. The training services build its frozen
dataclasses from their models and pass ``on``/``today`` explicitly.

Conventions (each is tested in ``tests/training/test_coverage.py``)
--------------------------------------------------------------------
Levels
    0 none, 1 supervised, 2 operates, 3 independent, 4 can train (:class:`Level`).

Expiry
    ``expires_on`` is the **first day the assessment is no longer valid**: an assessment with
    ``expires_on = 2025-03-01`` is valid on 2025-02-28 and expired on 2025-03-01. ``None``
    means it does not expire (skills that are not certified).

Current level
    The member's history is append-only. Only assessments made on or before ``on`` count
    (a later one is a planned exam, not a level). The current level is the level of the
    **latest** of them (latest ``assessed_on``; on the same day, the one later in the
    history). If that latest assessment has expired, the level is ``NONE`` and the cell is
    marked expired: a certified skill must be recertified, and an older certificate does not
    come back to life because a newer one lapsed. ``CurrentLevel.assessed_level`` keeps the
    level that lapsed so that a matrix can show "3, expired".

Expiring soon
    A current (latest, unexpired) assessment expires "within N days" of ``on`` when
    ``on < expires_on <= on + N days``. ``expiring_by_window`` puts each one in the first of
    the windows (30, 60, 90 days by default) that holds it.

Qualified, in training
    One definition for every report (:func:`is_qualified`, :func:`is_in_training`): a member
    is **qualified** in a skill at the skill's own ``qualifying_level`` or above, and **in
    training** above level 0 but below it. A skill that asks for level 2 counts its level-2
    members as qualified; one that asks for level 4 has its level-3 members in training.

Coverage and bus factor
    A member is qualified in a skill at ``qualifying_level`` or above. ``below_minimum``:
    fewer qualified members than the minimum. ``bus_factor``: one absence would leave fewer
    than the minimum, i.e. ``minimum > 0 and qualified - 1 < minimum`` (this also holds for a
    skill already below its minimum); ``status`` separates the two: ``below_minimum``,
    ``one_absence`` (exactly at the minimum) or ``ok``.

Prerequisites
    Only the direct prerequisites of a skill are checked (whoever holds the prerequisite
    skill has already met its own). An expired certification counts as level 0.

Rotation of roles
    A term runs from ``start`` to ``end`` **inclusive** (``end`` is the last day in office;
    ``None`` while it runs). Terms starting after ``today`` are ignored; a running term counts
    up to ``today`` inclusive. Time served is summed per term, in days and in whole calendar
    months (1 Jan–31 Dec is 12 months). A term limit counts every term ever held in that role:
    a member reaches it with ``max_terms`` terms or ``max_months`` months served, and is then
    not eligible for the next term. Eligible members come in rotation order: those who never
    held the role first (in the order the members were given), then by fewest terms and least
    time served.

Where things live
-----------------
Split by subject; each module imports only ``levels`` besides errors and translation:

``levels``         ``Level``, ``Assessment``, the ``CurrentLevel`` read from the history, qualified or not
``matrix``         the skills matrix
``expiry``         certifications lapsing within 30, 60 and 90 days
``hours``          training hours per member and per trainer
``risk``           coverage risk (minimum, bus factor) and the trainee pipeline
``prerequisites``  unmet prerequisites
``rotation``       terms, term limits, tenure and who is eligible next

Import a name from its module; the names below are also re-exported here.
"""

from coop.training.coverage.expiry import (
    EXPIRY_WINDOWS,
    ExpiringCertification,
    expiring,
    expiring_by_window,
    expiry_windows,
)
from coop.training.coverage.hours import (
    Attendance,
    HoursTotal,
    TrainingHours,
    TrainingSession,
    training_hours,
)
from coop.training.coverage.levels import (
    TEACHING_LEVEL,
    Assessment,
    CurrentLevel,
    Level,
    current_levels,
    is_in_training,
    is_qualified,
    level_label,
    member_levels,
)
from coop.training.coverage.matrix import MatrixCell, MatrixRow, SkillsMatrix, skills_matrix
from coop.training.coverage.prerequisites import Prerequisite, UnmetPrerequisite, check_prerequisites
from coop.training.coverage.risk import (
    CoverageStatus,
    Pipeline,
    SkillCoverage,
    SkillRequirement,
    coverage_risk,
    trainee_pipeline,
)
from coop.training.coverage.rotation import (
    RoleRotation,
    Tenure,
    Term,
    TermLimit,
    months_between,
    rotation_summary,
)

__all__ = [
    "EXPIRY_WINDOWS",
    "TEACHING_LEVEL",
    "Assessment",
    "Attendance",
    "CoverageStatus",
    "CurrentLevel",
    "ExpiringCertification",
    "HoursTotal",
    "Level",
    "MatrixCell",
    "MatrixRow",
    "Pipeline",
    "Prerequisite",
    "RoleRotation",
    "SkillCoverage",
    "SkillRequirement",
    "SkillsMatrix",
    "Tenure",
    "Term",
    "TermLimit",
    "TrainingHours",
    "TrainingSession",
    "UnmetPrerequisite",
    "check_prerequisites",
    "coverage_risk",
    "current_levels",
    "expiring",
    "expiring_by_window",
    "expiry_windows",
    "is_in_training",
    "is_qualified",
    "level_label",
    "member_levels",
    "months_between",
    "rotation_summary",
    "skills_matrix",
    "trainee_pipeline",
    "training_hours",
]
