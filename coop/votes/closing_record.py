"""What decided a vote, fixed in the audit chain at its close and checked by ``coop audit verify``.

Every close of a vote appends one ``coop.vote.closing_recorded`` event, whatever the method (roll
call, secret ballot, show of hands, consent) and whether it decided a motion or an election. Its
data hold, read back from the database in the closing transaction:

- ``closing``: the method, the status and the closing time;
- ``participation``: how many rows say who took part and a digest of them all (member represented,
  who cast it, the choice of a roll call), sorted, so that a flipped, added or removed roll-call
  vote shows;
- ``hand_count``: the tellers' totals of a show of hands and who counted;
- ``totals``, ``rule`` (rule, tie rule, article, votes required, basis, casting vote), ``quorum``
  (as stored when the vote opened) and ``decision`` (adopted, and a digest of the explanation);
- for an election, ``election``: a digest of the stored result and the hash stored with it, of the
  counting rules, the seats, the status and the closing time;
- for a motion, ``motion``: what the assemblies floor decides with the vote (the motion's new status,
  the digests of its text and objections, an amended motion's new text), checked up there
  (:mod:`coop.assemblies.motion_record`), since this floor knows nothing of motions.

A secret vote's ballot box is, besides, frozen in ``coop.vote.frozen`` (:mod:`.ballot_box`); this
record leaves that event as it is and adds what decided. ``coop audit verify`` reads the same facts
again and names each group that changed, with the vote. Votes closed before this record existed
have none, and nothing new is said about them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import AuditEvent, record_event, register_check
from coop.i18n import _, ngettext
from coop.votes.models import Election, Vote, VoteMethod, VoteParticipation

CLOSING_ACTION = "coop.vote.closing_recorded"

Facts = dict[str, Any]


# --- pure: digests, and what changed ----------------------------------------------------------


def text_digest(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode("utf-8")).hexdigest()


def lines_digest(lines: Iterable[str]) -> str:
    """SHA-256 over the lines, sorted, one per line."""
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(f"{line}\n".encode())
    return digest.hexdigest()


def moment(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=None).isoformat(timespec="microseconds")


def _field_label(key: str) -> str:
    labels = {
        "yes": _("yes"),
        "no": _("no"),
        "abstain": _("abstain"),
        "counted_by": _("counted by"),
        "rule": _("rule"),
        "tie_rule": _("tie rule"),
        "article": _("article"),
        "required": _("required"),
        "basis": _("basis"),
        "basis_count": _("basis count"),
        "casting_vote": _("casting vote"),
        "present": _("present"),
        "proxies": _("proxies"),
        "proxies_counted": _("proxies counted"),
        "met": _("quorum met"),
        "at_second_call": _("at second call"),
        "active_members": _("active members"),
        "statement_digest": _("statement"),
        "method": _("method"),
        "status": _("status"),
        "closed_at": _("closed at"),
        "seats": _("seats"),
        "rules_digest": _("counting rules"),
    }
    return labels.get(key, key)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def changes(recorded: Mapping[str, Any] | None, current: Mapping[str, Any]) -> str:
    """``yes 15, recorded 10; no 3, recorded 5``: each field of a group that is not as recorded."""
    recorded = recorded or {}
    parts = []
    for key in sorted(set(recorded) | set(current)):
        now, then = current.get(key), recorded.get(key)
        if now == then:
            continue
        if key.endswith("_digest"):
            parts.append(_("{field} changed").format(field=_field_label(key)))
        else:
            parts.append(
                _("{field} {now}, recorded {then}").format(
                    field=_field_label(key), now=_shown(now), then=_shown(then)
                )
            )
    return "; ".join(parts)


def _decision_word(adopted: bool | None) -> str:
    if adopted is None:
        return "—"
    return _("adopted") if adopted else _("not adopted")


def vote_differences(name: str, recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """One sentence per group of a closed vote's facts that is not as the closing record fixed it."""
    problems: list[str] = []
    if current["closing"] != recorded.get("closing"):
        problems.append(
            _("{vote}: its closing was changed after the close ({changes})").format(
                vote=name, changes=changes(recorded.get("closing"), current["closing"])
            )
        )
    problems.extend(_participation_differences(name, recorded, current))
    groups = {
        "hand_count": _(
            "{vote}: the tellers' count of the show of hands was changed after the close ({changes})"
        ),
        "totals": _("{vote}: its totals were changed after the close ({changes})"),
        "rule": _("{vote}: how its decision was reached was changed after the close ({changes})"),
        "quorum": _("{vote}: the quorum recorded with it was changed after the close ({changes})"),
    }
    for group, sentence in groups.items():
        if current[group] != recorded.get(group):
            problems.append(sentence.format(vote=name, changes=changes(recorded.get(group), current[group])))
    decided, then = current["decision"], recorded.get("decision") or {}
    if decided.get("adopted") != then.get("adopted"):
        problems.append(
            _("{vote}: its decision was changed after the close (now '{now}', recorded '{then}')").format(
                vote=name,
                now=_decision_word(decided.get("adopted")),
                then=_decision_word(then.get("adopted")),
            )
        )
    if decided.get("explanation_digest") != then.get("explanation_digest"):
        problems.append(
            _("{vote}: the explanation of its decision was changed after the close").format(vote=name)
        )
    return problems


def _participation_differences(
    name: str, recorded: Mapping[str, Any], current: Mapping[str, Any]
) -> list[str]:
    now, then = current["participation"], recorded.get("participation") or {}
    if now == then:
        return []
    if current["closing"].get("method") != VoteMethod.roll_call.value:
        return [_("{vote}: the record of who took part was changed after the close").format(vote=name)]
    rows, before = int(now["rows"]), int(then.get("rows", -1))
    if rows > before >= 0:
        return [
            ngettext(
                "{vote}: {count} roll-call vote was added after the close ({now} now, {then} at the close)",
                "{vote}: {count} roll-call votes were added after the close ({now} now, {then} at the close)",
                rows - before,
            ).format(vote=name, count=rows - before, now=rows, then=before)
        ]
    if rows < before:
        return [
            ngettext(
                "{vote}: {count} roll-call vote was deleted after the close ({now} now, {then} at the close)",
                "{vote}: {count} roll-call votes were deleted after the close "
                "({now} now, {then} at the close)",
                before - rows,
            ).format(vote=name, count=before - rows, now=rows, then=before)
        ]
    return [_("{vote}: a roll-call vote was changed after the close").format(vote=name)]


def election_differences(name: str, recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    if (current["result_digest"], current["result_hash"]) != (
        recorded.get("result_digest"),
        recorded.get("result_hash"),
    ):
        problems.append(_("{election}: its result was changed after the close").format(election=name))
    for keys, problem in (
        (
            ("rules_digest", "seats"),
            _("{election}: its counting rules were changed after the close ({changes})"),
        ),
        (("status", "closed_at"), _("{election}: its closing was changed after the close ({changes})")),
    ):
        if any(current[key] != recorded.get(key) for key in keys):
            problems.append(
                problem.format(
                    election=name,
                    changes=changes(
                        {key: recorded.get(key) for key in keys}, {key: current[key] for key in keys}
                    ),
                )
            )
    return problems


# --- reading what the database holds -----------------------------------------------------------


def vote_facts(session: Session, vote_id: int) -> Facts | None:
    """What decided the vote, as the database holds it now (None if the vote is gone).

    Columns are read with a query, not from objects in the session, so that the record written at
    the close and the check made later see the same stored values."""
    session.flush()
    row = session.execute(select(Vote.__table__).where(Vote.__table__.c.id == vote_id)).mappings().first()
    if row is None:
        return None
    rows = session.execute(
        select(
            VoteParticipation.represented_member_id,
            VoteParticipation.cast_by_member_id,
            VoteParticipation.choice,
        ).where(VoteParticipation.vote_id == vote_id)
    ).all()
    lines = [f"{represented}\t{cast_by}\t{_value(choice) or ''}" for represented, cast_by, choice in rows]
    return {
        "closing": {
            "method": _value(row["method"]),
            "status": _value(row["status"]),
            "closed_at": moment(row["closed_at"]),
        },
        "participation": {"rows": len(lines), "digest": lines_digest(lines)},
        "hand_count": {
            "yes": row["hand_yes"],
            "no": row["hand_no"],
            "abstain": row["hand_abstain"],
            "counted_by": row["hand_counted_by"],
        },
        "totals": {"yes": row["yes_count"], "no": row["no_count"], "abstain": row["abstain_count"]},
        "rule": {
            "rule": row["rule"],
            "tie_rule": row["tie_rule"],
            "article": row["article"],
            "required": row["required"],
            "basis": row["basis"],
            "basis_count": row["basis_count"],
            "casting_vote": row["casting_vote"],
        },
        "quorum": {
            "present": row["quorum_present"],
            "proxies": row["quorum_proxies"],
            "proxies_counted": bool(row["quorum_proxies_counted"]),
            "required": row["quorum_required"],
            "met": bool(row["quorum_met"]),
            "at_second_call": bool(row["quorum_at_second_call"]),
            "active_members": row["active_members"],
            "statement_digest": text_digest(row["quorum_statement"]),
        },
        "decision": {
            "adopted": None if row["adopted"] is None else bool(row["adopted"]),
            "explanation_digest": text_digest(row["explanation"]),
        },
    }


def election_facts(session: Session, election_id: int) -> Facts | None:
    session.flush()
    table = Election.__table__
    row = session.execute(select(table).where(table.c.id == election_id)).mappings().first()
    if row is None:
        return None
    return {
        "id": election_id,
        "status": _value(row["status"]),
        "closed_at": moment(row["closed_at"]),
        "seats": row["seats"],
        "rules_digest": text_digest(row["rules_json"]),
        "result_digest": text_digest(row["result_json"]),
        "result_hash": row["result_hash"],
    }


def _value(value: Any) -> Any:
    """An enum column's stored word (the column may come back as the enum or as its string)."""
    return getattr(value, "value", value)


# --- the record, and its check ------------------------------------------------------------------


def record_closing(
    session: Session,
    *,
    vote: Vote,
    actor: str,
    now: datetime,
    election: Election | None = None,
    about: Mapping[str, Any] | None = None,
) -> Facts:
    """Append the closing record of ``vote``; call it last in the closing transaction, once the vote,
    the motion or the election hold what the close decided. ``about`` adds what a higher floor
    decides with the vote (``{"motion": {...}}``), which that floor checks itself."""
    facts = vote_facts(session, vote.id)
    assert facts is not None  # the vote being closed is in the session
    data: Facts = {"vote_id": vote.id, **facts}
    if election is not None:
        data["election"] = election_facts(session, election.id)
    data.update(about or {})
    record_event(session, CLOSING_ACTION, actor=actor, now=now, data=data)
    return data


def closing_records(session: Session) -> list[tuple[int, Facts]]:
    """Every closing record in the chain, in its order: (event number, data)."""
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.data)
        .where(AuditEvent.action == CLOSING_ACTION)
        .order_by(AuditEvent.seq)
    )
    return [(seq, json.loads(data)) for seq, data in rows]


def check_closed_votes(session: Session) -> list[str]:
    """Read every closed vote (and election) again; one sentence per thing no longer as it was closed."""
    problems: list[str] = []
    for _seq, record in closing_records(session):
        vote_id = record.get("vote_id")
        current = vote_facts(session, vote_id) if isinstance(vote_id, int) else None
        if current is None:
            problems.append(
                _(
                    "vote {id} was closed with a record in the audit log but is no longer in the database"
                ).format(id=vote_id)
            )
        else:
            title = session.scalar(select(Vote.title).where(Vote.id == vote_id))
            problems.extend(
                vote_differences(_("vote {id} ({title})").format(id=vote_id, title=title), record, current)
            )
        if isinstance(record.get("election"), dict):
            problems.extend(_election_problems(session, record["election"]))
    return problems


def _election_problems(session: Session, recorded: Mapping[str, Any]) -> list[str]:
    election_id = recorded.get("id")
    current = election_facts(session, election_id) if isinstance(election_id, int) else None
    if current is None:
        return [
            _(
                "election {id} was closed with a record in the audit log but is no longer in the database"
            ).format(id=election_id)
        ]
    title = session.scalar(select(Election.title).where(Election.id == election_id))
    return election_differences(
        _("election {id} ({title})").format(id=election_id, title=title), recorded, current
    )


register_check(check_closed_votes)
