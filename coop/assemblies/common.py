"""What every assembly operation shares: finding an assembly or a motion, naming a motion, and the
checks made before anything is recorded (an officer acts, the assembly is open, the member is active).

The operations themselves live by subject: :mod:`.meetings` (open, close, second call, quorum),
:mod:`.attendance` (arrivals, departures, proxies), :mod:`.motions` (propose, second, amend, withdraw,
postpone, resume), :mod:`.motion_votes` (open, cast, hand count, close) and :mod:`.objections`.
Every one takes the session, the acting member and ``now``; none commits; each change is audited.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from coop.assemblies.models import Assembly, AssemblyStatus, Motion, MotionStatus
from coop.db import get_by_number
from coop.errors import AssemblyError, MemberError
from coop.formatting import format_date, format_time
from coop.i18n import _
from coop.members.actors import Actor, find_member, require_role
from coop.members.models import Member, Role

PENDING = (MotionStatus.proposed, MotionStatus.seconded, MotionStatus.voting)


# --- finding things ---------------------------------------------------------------------------


def find_assembly(session: Session, reference: str | int) -> Assembly:
    return get_by_number(
        session,
        Assembly,
        reference,
        error=AssemblyError,
        missing=_("There is no assembly {ref}; see them with: coop assembly list"),
        not_a_number=_("'{ref}' is not an assembly number; see them with: coop assembly list"),
    )


def find_motion(session: Session, reference: str | int) -> Motion:
    return get_by_number(
        session,
        Motion,
        reference,
        error=AssemblyError,
        missing=_("There is no motion {ref}; see them with: coop motion list ASSEMBLY"),
        not_a_number=_("'{ref}' is not a motion number; see them with: coop motion list ASSEMBLY"),
    )


def motion_label(motion: Motion) -> str:
    what = _("Amendment") if motion.parent_id else _("Motion")
    return _("{what} {position} ({title})").format(what=what, position=motion.position, title=motion.title)


def require_officer(
    session: Session, actor: Actor, assembly: Assembly, doing: str, *, chair: bool = True
) -> None:
    """The assembly's chair (unless ``chair`` is False) or secretary, or a member holding the
    secretary role."""
    officers = (assembly.chair_id, assembly.secretary_id) if chair else (assembly.secretary_id,)
    if actor.member is not None and actor.member.id in officers:
        return
    require_role(session, actor, Role.secretary, doing)


def require_open(assembly: Assembly) -> None:
    if assembly.status is AssemblyStatus.called:
        raise AssemblyError(
            _(
                "Assembly {id} is called for {day} at {time} but not open yet; open it with: "
                "coop assembly open {id}"
            ).format(
                id=assembly.id, day=format_date(assembly.called_for), time=format_time(assembly.called_for)
            )
        )
    if assembly.status is not AssemblyStatus.open:
        raise AssemblyError(
            _("Assembly {id} was closed at {time}; nothing more can be recorded in it.").format(
                id=assembly.id, time=assembly.closed_at.strftime("%H:%M") if assembly.closed_at else "?"
            )
        )


def require_active(member: Member) -> Member:
    if not member.active:
        raise MemberError(_("{member} is not an active member.").format(member=member.label))
    return member


def acting_member(
    session: Session, actor: Actor, reference: str | None, assembly: Assembly, doing: str
) -> Member:
    """The member on whose behalf something is done: themselves, or anyone if an officer acts."""
    if reference is None:
        if actor.member is None:
            raise AssemblyError(
                _("{doing} needs a member: say who with --by MEMBER or --as MEMBER.").format(doing=doing)
            )
        return require_active(actor.member)
    member = require_active(find_member(session, reference))
    if actor.member is None or actor.member.id != member.id:
        require_officer(session, actor, assembly, doing)
    return member
