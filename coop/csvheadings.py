"""The column headings a Spanish spreadsheet gives an import file, as aliases of the English ones.

One table for every import. A heading is compared without case, accents, or the difference
between a space, a hyphen and an underscore, so "Número", "numero" and "NUMERO" are one heading,
and "Fecha de ingreso" is ``fecha_de_ingreso``. An alias may stand for several English columns
(``fecha`` is the date of whichever import reads it); the first one the import has is meant.
The words follow the project's Argentine glossary (asociado, sector, competencia, centro de trabajo).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Spanish heading (already normalised) -> the English columns it may stand for, in order.
SPANISH_HEADINGS: dict[str, tuple[str, ...]] = {
    # members
    "numero": ("number",),
    "numero_de_asociado": ("number", "member"),
    "nro": ("number",),
    "nombre": ("name",),
    "nombre_y_apellido": ("name",),
    "apellido_y_nombre": ("name",),
    "seccion": ("section",),
    "sector": ("section",),
    "cargos": ("roles",),
    "funciones": ("roles",),
    "fecha_de_ingreso": ("joined_on",),
    "ingreso": ("joined_on",),
    "fecha": ("joined_on", "assessed_on", "date", "counted_on"),
    # skills and assessments
    "asociado": ("member",),
    "asociada": ("member",),
    "competencia": ("skill",),
    "habilidad": ("skill",),
    "nivel": ("level", "min_level"),
    "nivel_minimo": ("min_level",),
    "fecha_de_evaluacion": ("assessed_on",),
    "evaluador": ("assessor",),
    "evaluadora": ("assessor",),
    "evaluador_externo": ("outside_assessor",),
    "evaluadora_externa": ("outside_assessor",),
    "nota": ("note",),
    "observaciones": ("note",),
    "codigo": ("code",),
    "categoria": ("category",),
    "critica_para_la_seguridad": ("safety_critical",),
    "seguridad": ("safety_critical",),
    "requiere_habilitacion": ("certified",),
    "habilitacion": ("certified",),
    "meses_de_validez": ("validity_months",),
    "vigencia_en_meses": ("validity_months",),
    "minimo_de_habilitados": ("minimum_qualified", "min_qualified"),
    "minimo_habilitados": ("minimum_qualified", "min_qualified"),
    "habilitados_por_semana": ("min_qualified",),
    "minimo": ("min_qualified",),
    "nivel_para_habilitar": ("qualifying_level",),
    "nivel_de_habilitacion": ("qualifying_level",),
    "requisitos_previos": ("prerequisites",),
    "requisitos": ("prerequisites",),
    "descripcion": ("description",),
    # planning: products, materials, work centres, routings, plans
    "producto": ("product", "parent"),
    "producto_final": ("parent",),
    "unidad": ("unit",),
    "componente": ("component",),
    "insumo": ("component", "material"),
    "cantidad": ("quantity",),
    "merma_pct": ("scrap_pct",),
    "merma": ("scrap_pct",),
    "desperdicio_pct": ("scrap_pct",),
    "fecha_de_recuento": ("counted_on",),
    "centro_de_trabajo": ("work_centre",),
    "centro": ("work_centre",),
    "puesto": ("work_centre",),
    "horas_por_turno": ("hours_per_shift",),
    "turnos_por_dia": ("shifts_per_day",),
    "dias_laborables": ("working_days",),
    "dias_habiles": ("working_days",),
    "en_paralelo": ("parallel",),
    "paralelo": ("parallel",),
    "eficiencia_pct": ("efficiency_pct",),
    "eficiencia": ("efficiency_pct",),
    "motivo": ("reason",),
    "minutos_por_unidad": ("minutes_per_unit",),
    "dotacion": ("crew_size",),
    "personas": ("crew_size",),
    "nivel_de_competencia": ("skill_level",),
    "semana_de_entrega": ("due_week",),
    "semana": ("due_week",),
    "prioridad": ("priority",),
    "linea": ("line",),
    "renglon": ("line",),
    "cantidad_real": ("actual_quantity",),
    # demand: customer orders and forecasts
    "cliente": ("customer",),
    "mes": ("month", "due_month"),
    "mes_de_entrega": ("due_month",),
    "firme": ("firm",),
    "pedido_firme": ("firm",),
    # a roll call
    "voto": ("choice",),
    "opcion": ("choice",),
    "en_representacion_de": ("for",),
    "en_nombre_de": ("for",),
    "por": ("for",),
    # the votes of a list election
    "lista": ("list",),
    "votos": ("votes",),
    "cantidad_de_votos": ("votes",),
    "titulares": ("candidates",),
    "candidatos": ("candidates",),
    "suplentes": ("alternates",),
}


# How a refusal names each column to a Spanish-speaking operator: the heading a Spanish spreadsheet
# would have, which the table above reads back as that column.
SPANISH_NAMES: dict[str, str] = {
    "number": "número",
    "name": "nombre",
    "section": "sección",
    "roles": "cargos",
    "joined_on": "fecha de ingreso",
    "member": "asociado",
    "skill": "competencia",
    "level": "nivel",
    "assessed_on": "fecha de evaluación",
    "assessor": "evaluador",
    "outside_assessor": "evaluador externo",
    "note": "observaciones",
    "code": "código",
    "category": "categoría",
    "safety_critical": "crítica para la seguridad",
    "certified": "requiere habilitación",
    "validity_months": "meses de validez",
    "minimum_qualified": "mínimo de habilitados",
    "qualifying_level": "nivel para habilitar",
    "min_level": "nivel mínimo",
    "min_qualified": "mínimo de habilitados",
    "prerequisites": "requisitos previos",
    "description": "descripción",
    "product": "producto",
    "parent": "producto",
    "unit": "unidad",
    "component": "componente",
    "material": "insumo",
    "quantity": "cantidad",
    "scrap_pct": "merma",
    "counted_on": "fecha de recuento",
    "work_centre": "centro de trabajo",
    "hours_per_shift": "horas por turno",
    "shifts_per_day": "turnos por día",
    "working_days": "días laborables",
    "parallel": "en paralelo",
    "efficiency_pct": "eficiencia",
    "date": "fecha",
    "reason": "motivo",
    "minutes_per_unit": "minutos por unidad",
    "crew_size": "dotación",
    "skill_level": "nivel de competencia",
    "due_week": "semana de entrega",
    "priority": "prioridad",
    "line": "línea",
    "actual_quantity": "cantidad real",
    "customer": "cliente",
    "month": "mes",
    "due_month": "mes de entrega",
    "firm": "firme",
    "choice": "voto",
    "list": "lista",
    "votes": "votos",
    "candidates": "titulares",
    "alternates": "suplentes",
    "for": "en representación de",
}


def normalise_heading(heading: str) -> str:
    """A heading as the table spells it: lower case, no accents, words joined by underscores."""
    without_accents = "".join(
        char for char in unicodedata.normalize("NFKD", heading) if not unicodedata.combining(char)
    )
    return re.sub(r"[\s\-_]+", "_", without_accents.strip().lower())


def column_for(heading: str, columns: Sequence[str]) -> str | None:
    """The import's column a heading names (English or Spanish), or None when it names none."""
    wanted = normalise_heading(heading)
    if wanted in columns:
        return wanted
    return next((column for column in SPANISH_HEADINGS.get(wanted, ()) if column in columns), None)


def spanish_names(columns: Sequence[str]) -> list[str]:
    """The columns as a Spanish spreadsheet heads them (a column without a Spanish name as it is)."""
    return [SPANISH_NAMES.get(column, column) for column in columns]
