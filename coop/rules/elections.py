"""How the council is elected: the counting rules a cooperative's bylaws may name (``election.council``).

Pure vocabulary. The ranked rules count by ranking candidates (``irv``, ``stv-droop``, ``meek``,
``wigm``, ``scottish``); the list rules give seats to lists of titulares and suplentes (``dhondt``,
``sainte-lague``, ``lista-completa``, ``lista-incompleta``; see :mod:`coop.votes.lists`).
"""

from __future__ import annotations

import enum

from coop import vocabulary
from coop.i18n import N_


class CouncilRule(enum.StrEnum):
    irv = "irv"
    stv_droop = "stv-droop"
    meek = "meek"
    wigm = "wigm"
    scottish = "scottish"
    dhondt = "dhondt"
    sainte_lague = "sainte-lague"
    lista_completa = "lista-completa"
    lista_incompleta = "lista-incompleta"


vocabulary.define(
    CouncilRule,
    {
        CouncilRule.irv: vocabulary.Term(N_("instant runoff"), "irv"),
        CouncilRule.stv_droop: vocabulary.Term(N_("single transferable vote"), "stv-droop"),
        CouncilRule.meek: vocabulary.Term(N_("Meek STV"), "meek"),
        CouncilRule.wigm: vocabulary.Term(N_("weighted inclusive Gregory STV"), "wigm"),
        CouncilRule.scottish: vocabulary.Term(N_("the Scottish STV rules"), "scottish"),
        CouncilRule.dhondt: vocabulary.Term(N_("lists by D'Hondt"), "dhondt"),
        CouncilRule.sainte_lague: vocabulary.Term(N_("lists by Sainte-Laguë"), "sainte-lague"),
        CouncilRule.lista_completa: vocabulary.Term(N_("lista completa"), "lista-completa"),
        CouncilRule.lista_incompleta: vocabulary.Term(N_("lista incompleta"), "lista-incompleta"),
    },
)

#: What ``election.council`` is when the bylaws say nothing: ranked ballots, as coop counted before.
DEFAULT_COUNCIL_RULE = CouncilRule.stv_droop
