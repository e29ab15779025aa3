"""The notice of meeting (convocatoria) of a called assembly, for the notice board and the authority.

It says the kind of assembly, its date, the time of the first and second call, the place, the
agenda, the quorum and proxy rules in force with their articles, and where the documents can be
read. Printed later than the bylaws' notice period (``notice.days``) it still prints, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coop.assemblies.models import Assembly, AssemblyKind, AssemblyStatus
from coop.formatting import format_date, format_time
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.bylaws_record import bylaws_in_force
from coop.members.cooperative import get_cooperative

QUORUM_KEYS = ("quorum", "quorum.second_call_minutes", "quorum.second_call_minimum")
PROXY_KEYS = ("proxy.max_per_holder", "quorum.proxies_count")


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str
    text: str  # "" when the item has no text


@dataclass(frozen=True)
class NoticeRule:
    title: str  # "Quorum"
    value: str  # in words: "half plus one of the active members"
    article: str  # "Ley 20.337, art. 49", or "no article cited"


@dataclass(frozen=True)
class Notice:
    cooperative: str
    title: str  # "Notice of ordinary assembly"
    summons: str  # the sentence that calls the members
    day: str  # "25 November 2026"
    first_call: str  # "18:00"
    second_call: str  # "19:00, if there is no quorum at the first call", or "" when the bylaws have none
    place: str
    agenda: tuple[NoticeItem, ...]
    quorum_rules: tuple[NoticeRule, ...]
    proxy_rules: tuple[NoticeRule, ...]
    documents_at: str  # "" when not given
    issued: str  # the date it was printed
    chair: str
    secretary: str
    late_warning: str  # "" when printed within the notice period; said on screen, not printed
    language: str = "en"


def late_warning(assembly: Assembly, now: datetime, notice_days: int) -> str:
    """A sentence when ``now`` is fewer than ``notice_days`` days before a called assembly, else "".

    A notice reprinted once the assembly has opened is a copy for the record, not a late notice.
    """
    days_before = (assembly.called_for.date() - now.date()).days
    if days_before >= notice_days or assembly.status is not AssemblyStatus.called:
        return ""
    return ngettext(
        "This notice is printed {days} day before assembly {id}, but the bylaws ask for {required} "
        "(notice.days); publish it anyway and record why.",
        "This notice is printed {days} days before assembly {id}, but the bylaws ask for {required} "
        "(notice.days); publish it anyway and record why.",
        days_before,
    ).format(days=max(days_before, 0), id=assembly.id, required=notice_days)


@in_cooperative_language
def notice_of_meeting(
    session: Session, assembly: Assembly, now: datetime, documents_at: str | None = None
) -> Notice:
    """The notice of ``assembly`` as printed at ``now``, in the cooperative's language."""
    cooperative = get_cooperative(session)
    language = cooperative.language
    bylaws = bylaws_in_force(session)
    ordinary = assembly.kind is AssemblyKind.ordinary
    title = _("Notice of ordinary assembly") if ordinary else _("Notice of extraordinary assembly")
    day = format_date(assembly.called_for, language)
    summons = (
        _("The members of {cooperative} are called to the ordinary assembly on {day} at {time}, at {place}.")
        if ordinary
        else _(
            "The members of {cooperative} are called to the extraordinary assembly on {day} at {time}, "
            "at {place}."
        )
    ).format(
        cooperative=cooperative.name, day=day, time=format_time(assembly.called_for), place=assembly.place
    )
    wait = int(bylaws["quorum.second_call_minutes"].value)
    second_call = (
        _("{time}, if there is no quorum at the first call").format(
            time=format_time(assembly.called_for + timedelta(minutes=wait))
        )
        if wait > 0
        else ""
    )

    def rules(keys: tuple[str, ...]) -> tuple[NoticeRule, ...]:
        return tuple(
            NoticeRule(
                title=bylaws[key].title, value=bylaws[key].value_words, article=bylaws[key].article_words
            )
            for key in keys
        )

    return Notice(
        cooperative=cooperative.name,
        title=title,
        summons=summons,
        day=day,
        first_call=format_time(assembly.called_for),
        second_call=second_call,
        place=assembly.place,
        agenda=tuple(NoticeItem(item.position, item.title, item.text or "") for item in assembly.agenda),
        quorum_rules=rules(QUORUM_KEYS),
        proxy_rules=rules(PROXY_KEYS),
        documents_at=(documents_at or "").strip(),
        issued=format_date(now, language),
        chair=assembly.chair.label,
        secretary=assembly.secretary.label,
        late_warning=late_warning(assembly, now, int(bylaws["notice.days"].value)),
        language=language,
    )
