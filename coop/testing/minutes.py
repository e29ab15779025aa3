"""A hand-built Minutes view model, with every element printed minutes carry (and a large one).

The printed-minutes tests (tests/reports) and the documents' language tests render it; the minutes
rendering benchmark (benchmarks/bench_minutes_render.py) times it.
"""

from __future__ import annotations

from dataclasses import replace

from coop.reports.minutes_model import (
    AmendmentLine,
    AttendeeLine,
    ElectionSection,
    Minutes,
    MotionSection,
    ObjectionLine,
    ProxyLine,
    QuorumLine,
    VoteResultLine,
)

TEMPLATE = "minutes.html.j2"

CHAIR = "María Núñez Ibáñez"
SECRETARY = "Jan Łukasiewicz"
MOVER = "Lucía Ibáñez"
OBJECTOR = "Łucja Núñez"

AMENDED_ORIGINAL = "The cooperative buys a second kiln for the Hornos section."
AMENDED_FINAL = (
    "The cooperative buys a second kiln for the Hornos section, at a cost of no more than 48,000 euros."
)
CONSENT_TEXT = "The cleaning rota rotates weekly across all sections."
BYLAWS_TEXT = "Article 12 is replaced: the assembly meets four times a year."
WITHDRAWN_TEXT = "The canteen opens at 12:30."


def quorum(present: int, required: int, proxies: int = 2) -> QuorumLine:
    return QuorumLine(
        statement=(
            f"Quorum reached: {present} present and {proxies} represented by proxy, {required} required."
        ),
        present=present,
        proxies_counted=proxies,
        required=required,
        met=True,
        at_second_call=False,
    )


FIRST_NAMES = (
    "Ana",
    "Bruno",
    "Carmen",
    "Dolores",
    "Esteban",
    "Fátima",
    "Gonzalo",
    "Inés",
    "Joaquín",
    "Łucja",
    "Marta",
    "Nuria",
    "Óscar",
    "Paweł",
    "Rocío",
    "Sofía",
    "Tomás",
    "Úrsula",
    "Víctor",
    "Zoë",
)
LAST_NAMES = (
    "Núñez",
    "Łukasiewicz",
    "Ibáñez",
    "García",
    "Muñoz",
    "Peña",
    "Sánchez",
    "Wróblewski",
    "Ortiz",
    "Castaño",
    "Álvarez",
    "Fernández",
    "Żelazny",
    "Domínguez",
    "Hernández",
    "Gómez",
    "Müller",
)


def member_name(index: int) -> str:
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"


def attendees(count: int) -> tuple[AttendeeLine, ...]:
    people = [
        AttendeeLine(number="0001", name=CHAIR, arrived="09:00", left=None),
        AttendeeLine(number="0002", name=SECRETARY, arrived="09:00", left=None),
        AttendeeLine(
            number="0003", name=MOVER, arrived="09:40", left=None, proxies_held_for=("Paweł Ortiz",)
        ),
        AttendeeLine(number="0004", name=OBJECTOR, arrived="09:00", left="11:40"),
    ]
    for index in range(5, count + 1):
        people.append(
            AttendeeLine(number=f"{index:04d}", name=member_name(index), arrived="09:00", left=None)
        )
    return tuple(people[:count])


def vote(
    yes: int,
    no: int,
    abstain: int,
    *,
    required: int,
    adopted: bool,
    rule: str = "majority of votes cast",
    article: str | None = "Article 28.1",
    method: str = "show of hands",
    roll_call: tuple[tuple[str, str], ...] = (),
) -> VoteResultLine:
    """A vote's result; unless told otherwise, an ordinary motion's by a show of hands (Article 28.1)."""
    cast = yes + no
    result = "Adopted" if adopted else "Not adopted"
    return VoteResultLine(
        method=method,
        yes=yes,
        no=no,
        abstain=abstain,
        rule=rule,
        required=required,
        basis=f"{cast} votes cast",
        adopted=adopted,
        result=result,
        explanation=(f"{yes} votes for, {required} required under the rule of {rule}: {result.lower()}."),
        article=article,
        quorum=quorum(33, 18),
        opened_at="10:05",
        closed_at="10:12",
        roll_call=roll_call,
    )


def roll_call_votes() -> tuple[tuple[str, str], ...]:
    names = [CHAIR, SECRETARY, MOVER] + [member_name(index) for index in range(5, 36)]
    choices = ["yes"] * 20 + ["no"] * 13 + ["abstain"] * 1
    return tuple(zip(names, choices, strict=True))


def motions() -> tuple[MotionSection, ...]:
    amended = MotionSection(
        number="3",
        title="Second kiln",
        kind="ordinary motion",
        original_text=AMENDED_ORIGINAL,
        final_text=AMENDED_FINAL,
        mover=MOVER,
        seconder=SECRETARY,
        status="Adopted",
        amendments=(
            AmendmentLine(
                number="3.1",
                title="Cap the cost",
                proposed_text="Add: at a cost of no more than 48,000 euros.",
                mover=OBJECTOR,
                seconder=CHAIR,
                fate="Adopted",
                vote=vote(25, 8, 2, required=17, adopted=True),
            ),
            AmendmentLine(
                number="3.2",
                title="Second-hand kiln",
                proposed_text="Replace 'a second kiln' with 'a second-hand kiln'.",
                mover="Tomás García",
                seconder=None,
                fate="Not adopted",
                vote=vote(9, 23, 3, required=17, adopted=False),
            ),
        ),
        vote=vote(22, 13, 2, required=18, adopted=True),
    )
    consent = MotionSection(
        number="4",
        title="Cleaning rota",
        kind="consent motion",
        original_text=CONSENT_TEXT,
        final_text=CONSENT_TEXT,
        mover=CHAIR,
        seconder=None,
        status="Adopted",
        vote=VoteResultLine(
            method="consent",
            yes=0,
            no=0,
            abstain=0,
            rule="consent",
            required=0,
            basis="no standing objection",
            adopted=True,
            result="Adopted",
            explanation="Adopted by consent: the one objection was resolved.",
            article="Article 29",
            quorum=quorum(34, 18),
            opened_at="10:30",
            closed_at="10:41",
        ),
        objections=(
            ObjectionLine(
                member=OBJECTOR,
                reason="Night shift workers cannot clean on Mondays.",
                status="resolved: the night shift cleans on Tuesdays",
            ),
        ),
    )
    bylaws = MotionSection(
        number="5",
        title="Quarterly assemblies",
        kind="amendment of the bylaws",
        original_text=BYLAWS_TEXT,
        final_text=BYLAWS_TEXT,
        mover="Sofía Muñoz",
        seconder=MOVER,
        status="Not adopted",
        vote=vote(
            20,
            13,
            1,
            rule="two-thirds of votes cast",
            required=22,
            adopted=False,
            article="Article 31.2",
            method="roll call",
            roll_call=roll_call_votes(),
        ),
    )
    withdrawn = MotionSection(
        number="6",
        title="Canteen hours",
        kind="ordinary motion",
        original_text=WITHDRAWN_TEXT,
        final_text=WITHDRAWN_TEXT,
        mover="Óscar Peña",
        seconder=None,
        status="Withdrawn",
    )
    return (amended, consent, bylaws, withdrawn)


def sample_minutes(**changes: object) -> Minutes:
    minutes = Minutes(
        cooperative="Cooperativa Cerámica La Forja",
        title="Minutes of the ordinary assembly",
        assembly_number="Assembly 7",
        kind="ordinary",
        date="25 November 2026",
        called_time="08:30",
        opened_time="09:00",
        closed_time="12:15",
        place="Sala Grande, Calle del Horno 4, Talavera",
        chair=CHAIR,
        secretary=SECRETARY,
        attendance_count=35,
        active_members=52,
        attendees=attendees(35),
        proxies=(
            ProxyLine(giver="Paweł Ortiz", holder=MOVER, status="in force"),
            ProxyLine(
                giver="Rocío Álvarez", holder=CHAIR, status="revoked: the member came in person at 09:40"
            ),
        ),
        quorum=quorum(35, 18),
        previous_minutes="The minutes of Assembly 6 (24 June 2026) were approved without changes.",
        motions=motions(),
        elections=(
            ElectionSection(
                title="Election of the control committee",
                seats=3,
                method="single transferable vote, fractional Droop quota",
                ballots=34,
                winners=("Inés Núñez", "Paweł Wróblewski", "Zoë Ibáñez"),
                rounds=4,
            ),
        ),
    )
    return replace(minutes, **changes)  # type: ignore[arg-type]


def approved_minutes() -> Minutes:
    return sample_minutes(
        status="approved",
        approval_note="Approved by motion 2 of Assembly 8 on 20 December 2026.",
        snapshot_hash="9f2c" * 16,
    )


def large_minutes(attendee_count: int = 470, motion_count: int = 12) -> Minutes:
    base = motions()
    many = tuple(
        replace(
            base[index % len(base)],
            number=str(index + 3),
            title=f"{base[index % len(base)].title} ({index + 1})",
        )
        for index in range(motion_count)
    )
    return sample_minutes(
        attendance_count=attendee_count,
        active_members=512,
        attendees=attendees(attendee_count),
        motions=many,
        quorum=quorum(attendee_count, 257),
    )
