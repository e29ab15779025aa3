"""Skills, training sessions, the skill history and role terms.

Every service takes the session, the acting member and ``now``; none commits; each change is
audited (``coop.<noun>.<past-tense verb>``). The arithmetic (current levels, expiry, coverage,
hours, rotation) is done by the pure :mod:`coop.training.coverage`; the services read the
records into its dataclasses and write what the rules allow.

Where things live (each service module imports only the ones above it):

``models``          the tables; ``terms`` the pure vocabulary of rotating roles and term limits
``coverage``        the pure arithmetic, a package split by subject
``common``          parsing levels, kinds and hours; who may do what; how a member is named
``skills``          the skill catalogue and its prerequisites
``skill_imports``   the skill CSV, all or nothing
``history``         reading the skill history: current levels, who can train, unmet prerequisites
``assessments``     assessments and certifications, one at a time or from a CSV file
``sessions``        training sessions, their attendance and the hours it credits
``picture``         what the reports read: matrix, expiry, coverage, pipeline, hours, one skill's standing
``role_terms``      role terms and the rotation report
``reports``         the printed skills matrix and coverage report

Rules kept here:

- Trainers (the trainer role) log sessions and record attendance and assessments; a secretary
  may too. The secretary manages the skill catalogue and role terms.
- Whoever gives a session or assesses a member holds the skill at level 4 (can train) on that
  day, or is named as an outside trainer; nobody assesses themselves.
- A session in the future is refused unless it is marked as planned; attendance is recorded
  once the day has come. Hours are above zero.
- Prerequisites are checked for every attendee and every assessment above level 0; unmet ones
  are refused with the reason, unless the trainer explicitly overrides them (audited).
- The skill history is append-only; a certified skill's assessment lapses ``validity_months``
  after it was made (``expires_on`` is the first day it no longer counts).
"""
