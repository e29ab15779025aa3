"""The results report of an election: the view model a returning officer prints for the assembly.

Everything comes from the **stored official result** (``Election.result_json``, checked
against its hash by :func:`coop.assemblies.elections.official_result`) and the stored counting
rules; nothing is recounted, so a reprint shows exactly the count that was fixed at the close.

:func:`election_report` reads the database; :func:`build_election_report` is pure (a result in
the ``rcv-conformance-case/1`` format and the rules in, the view model out), so a conformance
case or an exported count can be printed the same way. :func:`describe_rules` puts the counting
rules into plain words, one topic per line.

The builders are split by subject, all pure: :mod:`.build` (the whole report), :mod:`.rounds`
(one round), :mod:`.rules_text` (the rules in words), :mod:`.numbers`, and :mod:`.ranked` (counts by
Meek, WIGM, the Scottish rules or Schulze).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from coop.assemblies.election_methods import is_ranked_method, method_phrase
from coop.assemblies.election_report.build import ReportHeading, build_election_report
from coop.assemblies.election_report.ranked import build_ranked_report
from coop.assemblies.election_report.rules_text import describe_rules
from coop.i18n import _, in_cooperative_language
from coop.reports import election_model as em
from coop.votes.models import Election

__all__ = ["ReportHeading", "build_election_report", "describe_rules", "election_report"]


@in_cooperative_language
def election_report(session: Session, election: Election) -> em.ElectionReport:
    """The results report of a counted election, from its stored official result."""
    from coop.assemblies.elections import count_rules_of, eligible_voters, official_result
    from coop.members.cooperative import get_cooperative

    result = official_result(election)  # refuses a result altered after the count
    cooperative = get_cooperative(session)
    assert election.result_hash is not None  # official_result checked it
    heading = ReportHeading(
        cooperative=cooperative.name,
        election_title=election.title,
        election_number=_("Election {id}").format(id=election.id),
        election_id=election.id,
        counted_at=election.closed_at,
        eligible_voters=eligible_voters(session, election),
        result_hash=election.result_hash,
        language=cooperative.language,
    )
    if result.get("format") == "coop-list-result/1":  # an election by lists: the allocation table
        from coop.assemblies.election_report.lists import build_list_report

        return build_list_report(result, heading)  # type: ignore[return-value]
    if is_ranked_method(election.rules_preset):
        assert election.rules_preset is not None
        return build_ranked_report(
            result,
            preset=election.rules_preset,
            method=method_phrase(election.rules_preset),
            candidates=[c.name for c in election.candidates],
            heading=heading,
        )
    return build_election_report(result, count_rules_of(election), heading)
