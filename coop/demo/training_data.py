"""The demo ceramics plant's training as data: its 25 skills, who teaches what, the outside
trainers, the places and the kinds of session.
"""

from __future__ import annotations

from dataclasses import dataclass

from coop.training.models import SessionKind


@dataclass(frozen=True)
class DemoSkill:
    code: str
    name: str
    category: str
    safety_critical: bool = False
    validity_months: int | None = None  # certified skills only
    minimum: int = 2
    qualifying_level: int = 3
    prerequisites: tuple[tuple[str, int], ...] = ()
    section: str | None = None  # where most of the people who learn it work


SKILLS = (
    DemoSkill("SEG-EPP", "Equipos de protección personal", "Seguridad", True, None, 20, 2),
    DemoSkill("SEG-PRIM", "Primeros auxilios", "Seguridad", True, 24, 8),
    DemoSkill("SEG-INC", "Prevención y combate de incendios", "Seguridad", True, 12, 6),
    DemoSkill(
        "HOR-CARGA",
        "Carga de vagonetas del horno túnel",
        "Hornos",
        True,
        None,
        6,
        3,
        (("SEG-EPP", 2),),
        "Hornos",
    ),
    DemoSkill(
        "HOR-QUEM",
        "Quemadores a gas del horno túnel",
        "Hornos",
        True,
        12,
        4,
        3,
        (("HOR-CARGA", 2),),
        "Hornos",
    ),
    DemoSkill("HOR-CURVA", "Curvas de cocción", "Hornos", False, None, 3, 3, (("HOR-CARGA", 3),), "Hornos"),
    DemoSkill("HOR-SEC", "Secaderos", "Hornos", False, None, 3, 3, (), "Hornos"),
    DemoSkill("PRE-OP", "Prensa hidráulica", "Prensas", True, None, 6, 3, (("SEG-EPP", 2),), "Prensas"),
    DemoSkill("PRE-MATR", "Cambio de matrices", "Prensas", True, None, 3, 3, (("PRE-OP", 3),), "Prensas"),
    DemoSkill("PRE-PAST", "Molienda y preparación de pastas", "Prensas", False, None, 3, 3, (), "Prensas"),
    DemoSkill("ESM-PREP", "Preparación de esmaltes", "Esmaltado", False, None, 3, 3, (), "Esmaltado"),
    DemoSkill("ESM-LIN", "Línea de esmaltado", "Esmaltado", False, None, 5, 3, (), "Esmaltado"),
    DemoSkill(
        "ESM-SERI", "Decoración serigráfica", "Esmaltado", False, None, 2, 3, (("ESM-LIN", 2),), "Esmaltado"
    ),
    DemoSkill("ESM-LAB", "Laboratorio de calidad", "Esmaltado", False, None, 2, 3, (), "Esmaltado"),
    DemoSkill(
        "MAN-ELEC",
        "Mantenimiento eléctrico",
        "Mantenimiento",
        True,
        36,
        3,
        3,
        (("SEG-EPP", 2),),
        "Mantenimiento",
    ),
    DemoSkill("MAN-MEC", "Mantenimiento mecánico", "Mantenimiento", False, None, 4, 3, (), "Mantenimiento"),
    DemoSkill("MAN-SOLD", "Soldadura", "Mantenimiento", True, 24, 2, 3, (("SEG-INC", 2),), "Mantenimiento"),
    DemoSkill(
        "MAN-NEUM",
        "Compresores y neumática",
        "Mantenimiento",
        False,
        None,
        2,
        3,
        (("MAN-MEC", 2),),
        "Mantenimiento",
    ),
    DemoSkill("LOG-AUTO", "Autoelevador", "Logística", True, 12, 5, 3, (("SEG-EPP", 2),), "Logística"),
    DemoSkill("LOG-DESP", "Despacho y remitos", "Logística", False, None, 3, 3, (), "Logística"),
    DemoSkill("LOG-STOCK", "Control de stock", "Logística", False, None, 2, 3, (), "Logística"),
    DemoSkill("GES-VTAS", "Ventas y atención a clientes", "Gestión", False, None, 3, 3, (), "Administración"),
    DemoSkill(
        "GES-PLAN", "Planificación de la producción", "Gestión", False, None, 2, 3, (), "Administración"
    ),
    DemoSkill("GES-COMP", "Compras de insumos", "Gestión", False, None, 2, 3, (), "Administración"),
    DemoSkill("GES-ANT", "Liquidación de anticipos", "Gestión", False, None, 2, 3, (), "Administración"),
)

# Who teaches what: the three trainers, certified by outside trainers first.
TRAINERS = {
    "0002": ("SEG-EPP", "HOR-CARGA", "HOR-QUEM", "HOR-CURVA", "HOR-SEC", "PRE-PAST"),
    "0004": ("SEG-EPP", "ESM-PREP", "ESM-LIN", "ESM-SERI", "ESM-LAB", "LOG-DESP", "LOG-STOCK"),
    "0005": ("SEG-EPP", "SEG-PRIM", "SEG-INC", "MAN-ELEC", "MAN-MEC", "MAN-SOLD", "MAN-NEUM", "LOG-AUTO"),
}
OUTSIDE = {
    "SEG-EPP": "Aseguradora de Riesgos del Trabajo",
    "SEG-PRIM": "Cruz Roja Argentina, filial Neuquén",
    "SEG-INC": "Bomberos Voluntarios de Centenario",
    "HOR-CARGA": "Técnico del fabricante del horno",
    "HOR-QUEM": "Inspectora gasista matriculada",
    "HOR-CURVA": "Técnico del fabricante del horno",
    "HOR-SEC": "Técnico del fabricante del horno",
    "PRE-OP": "Técnico de servicio de prensas",
    "PRE-MATR": "Técnico de servicio de prensas",
    "PRE-PAST": "Universidad Nacional del Comahue",
    "ESM-PREP": "Universidad Nacional del Comahue",
    "ESM-LIN": "Universidad Nacional del Comahue",
    "ESM-SERI": "Universidad Nacional del Comahue",
    "ESM-LAB": "Universidad Nacional del Comahue",
    "MAN-ELEC": "Escuela Técnica N.º 9",
    "MAN-MEC": "Escuela Técnica N.º 9",
    "MAN-SOLD": "Escuela Técnica N.º 9",
    "MAN-NEUM": "Escuela Técnica N.º 9",
    "LOG-AUTO": "Centro de Formación Profesional 3",
    "LOG-DESP": "Federación de Cooperativas de Trabajo",
    "LOG-STOCK": "Federación de Cooperativas de Trabajo",
    "GES-VTAS": "Federación de Cooperativas de Trabajo",
    "GES-PLAN": "Federación de Cooperativas de Trabajo",
    "GES-COMP": "Federación de Cooperativas de Trabajo",
    "GES-ANT": "Federación de Cooperativas de Trabajo",
}
PLACES = {
    "Seguridad": "Comedor de la planta",
    "Hornos": "Nave de hornos",
    "Prensas": "Nave de prensas",
    "Esmaltado": "Línea de esmaltado",
    "Mantenimiento": "Taller de mantenimiento",
    "Logística": "Depósito",
    "Gestión": "Oficina de administración",
}
KINDS = (
    SessionKind.theory,
    SessionKind.practice,
    SessionKind.practice,
    SessionKind.shadowing,
    SessionKind.exam,
)
