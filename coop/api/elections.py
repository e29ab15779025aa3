"""``c.elections``: ranked-choice elections, from candidates to the official result
(:mod:`coop.assemblies.elections`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.election_lists import ListPeople
    from coop.assemblies.elections import ElectionCast
    from coop.keys.material import OpenedKey
    from coop.reports.election_model import ElectionReport
    from coop.votes.list_models import ElectionList
    from coop.votes.models import Election

__all__ = ["Elections"]


class Elections(Domain):
    """Ranked-choice elections: set up, open, cast secret ranked ballots, close and print results."""

    def find_election(self, election: Election | int | str) -> Election:
        """The Election with that number (an Election is returned as it is). Raises VoteError."""
        from coop.assemblies.elections import find_election
        from coop.votes.models import Election

        return election if isinstance(election, Election) else find_election(self.session, election)

    def list_elections(self) -> list[Election]:
        """Every election, oldest first."""
        from coop.assemblies.elections import list_elections

        return list_elections(self.session)

    def create_election(
        self,
        *,
        title: str,
        seats: int,
        candidates: Sequence[str],
        rules: str = "irv",
        assembly: str | int | None = None,
        item: int | None = None,
    ) -> Election:
        """Set up an election (secretary): candidates in ballot order, rules ``irv``, ``stv-droop``,
        ``meek``, ``wigm``, ``scottish``, ``schulze`` (one seat) or a rules.json file; held at
        ``assembly``, under its agenda item number ``item`` if given.
        Returns the Election. Raises VoteError."""
        from coop.assemblies.elections import create_election

        return self._run(
            create_election,
            title=title,
            seats=seats,
            rules=rules,
            candidates=candidates,
            assembly=None if assembly is None else str(assembly),
            agenda_item=item,
        )

    def create_list_election(
        self,
        *,
        title: str,
        seats: int,
        rules: str,
        alternates: int = 0,
        share: str | None = None,
        threshold: str | None = None,
        assembly: str | int | None = None,
        item: int | None = None,
    ) -> Election:
        """Set up an election by lists (secretary): ``rules`` dhondt, sainte-lague, lista-completa or
        lista-incompleta (``share`` like ``2/3``); ``threshold`` like ``3%``; ``alternates`` suplentes
        elected besides the seats. Register the lists with :meth:`add_list`. Raises VoteError."""
        from coop.assemblies.election_lists import create_list_election

        return self._run(
            create_list_election,
            title=title,
            seats=seats,
            rules=rules,
            alternates=alternates,
            share=share,
            threshold=threshold,
            assembly=None if assembly is None else str(assembly),
            agenda_item=item,
        )

    def add_list(
        self,
        election: Election | int | str,
        name: str,
        *,
        titulares: Sequence[str],
        suplentes: Sequence[str] = (),
    ) -> ElectionList:
        """Register a list before the election opens (secretary): its titulares and suplentes (member
        numbers or names) in their order. Raises VoteError."""
        from coop.assemblies.election_lists import add_list

        return self._run(
            add_list,
            election=self.find_election(election),
            name=name,
            titulares=titulares,
            suplentes=suplentes,
        )

    def election_lists(self, election: Election | int | str) -> list[ListPeople]:
        """The lists of an election by lists, in ballot order, with their titulares and suplentes."""
        from coop.assemblies.election_lists import lists_with_people

        return lists_with_people(self.session, self.find_election(election))

    def council_rule(self) -> str:
        """The rule the bylaws name for electing the council (the bylaw ``election.council``)."""
        from coop.assemblies.election_lists import council_rule

        return council_rule(self.session)

    def open_election(self, election: Election | int | str, *, at: datetime | time | None = None) -> Election:
        """Open the election for ballots (secretary), now or ``at`` (a ``time`` is on its assembly's
        day). Returns the Election. Raises VoteError or AssemblyError."""
        from coop.assemblies.elections import open_election

        return self._run(open_election, election=self.find_election(election), at=at)

    def cast_election_ballot(
        self, election: Election | int | str, ranking: Sequence[str], *, on_behalf_of: str | None = None
    ) -> ElectionCast:
        """Cast the acting member's secret ranked ballot (names or numbers, most preferred first).

        Each voter casts their own: use ``c.acting_as(voter).elections``. Raises VoteError.
        """
        from coop.assemblies.elections import cast_election_ballot

        return self._run(
            cast_election_ballot,
            election=self.find_election(election),
            ranking=ranking,
            on_behalf_of=on_behalf_of,
        )

    def close_election(
        self,
        election: Election | int | str,
        *,
        at: datetime | time | None = None,
        slips_unbalanced: str | None = None,
        officer_key: OpenedKey | None = None,
    ) -> dict[str, Any]:
        """Close and count the election; the result is fixed with its hash. ``at`` is when it
        closed, if not now (a ``time`` is on its assembly's day). With voting codes, every printed
        slip must be used, returned unused or cancelled, or ``slips_unbalanced`` give the reason.
        ``officer_key`` (from ``c.keys.open``) opens the sealed ballots; it is needed when any were cast.

        Returns the result (``winners``, ``rounds``, ``total_ballots``). Raises VoteError, or
        KeyFileError for another key.
        """
        from coop.assemblies.elections import close_election

        return self._run(
            close_election,
            election=self.find_election(election),
            at=at,
            slips_unbalanced=slips_unbalanced,
            officer_key=officer_key,
        )

    def official_result(self, election: Election | int | str) -> dict[str, Any]:
        """The stored official count: round by round (the rcv-conformance-case/1 format; Meek, WIGM and
        the Scottish rules coop-stv/1), or Schulze's matrices and ranking (coop-schulze/1)."""
        from coop.assemblies.elections import official_result

        return official_result(self.find_election(election))

    def export_ballots(self, election: Election | int | str, path: str | Path) -> int:
        """Write the ballots of a closed election in random order, for a recount elsewhere: a ``.blt``
        file, or a ``.csv`` with the counting rules beside it (``FILE.rules.json``).

        Returns how many ballots were written. Raises VoteError for an election not closed or
        another suffix.
        """
        from coop.assemblies.election_lists import is_list_election
        from coop.assemblies.election_lists_count import export_list_ballots
        from coop.assemblies.elections import count_rules_of, recount_ballots
        from coop.errors import VoteError
        from coop.i18n import _
        from coop.votes.ballot_files.ballots_csv import write_ballots_csv
        from coop.votes.ballot_files.blt import write_blt
        from coop.votes.ballot_files.rules_json import write_rules_json

        found = self.find_election(election)
        if found.status.value != "closed":
            raise VoteError(
                _("Election {id} is not closed; ballots are exported after the count.").format(id=election)
            )
        if is_list_election(found):  # one list per ballot, blank or void
            return export_list_ballots(self.session, found, Path(path))
        ballots = recount_ballots(self.session, found)
        rules = count_rules_of(found)
        out = Path(path)
        if out.suffix.lower() == ".blt":
            write_blt(out, ballots, rules)
        elif out.suffix.lower() == ".csv":
            write_ballots_csv(out, ballots, rules)
            # The counting rules beside the ballots: coop votes tabulate FILE.csv --rules FILE.rules.json
            write_rules_json(out.with_suffix(".rules.json"), rules)
        else:
            raise VoteError(
                _("Cannot write {file}: the ballots export as .blt or .csv.").format(file=out.name)
            )
        return len(ballots)

    def eligible_voters(self, election: Election | int | str) -> int:
        """How many members may vote in the election (fixed when it opens)."""
        from coop.assemblies.elections import eligible_voters

        return eligible_voters(self.session, self.find_election(election))

    def results_report(self, election: Election | int | str) -> ElectionReport:
        """The results report's view model: the official count with its rounds, turnout and hash."""
        from coop.assemblies.election_report import election_report

        return election_report(self.session, self.find_election(election))

    def write_results(self, election: Election | int | str, path: str | Path) -> Path:
        """Print the results report to ``path`` (.html or .pdf). Returns the path. Raises DocumentError."""
        return write_document(path, "election_results.html.j2", report=self.results_report(election))
