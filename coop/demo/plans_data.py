"""The demo ceramics plant as data: products, bills of materials, stock, work centres, routings,
holidays, and the reasons the coordinators give for accepting a finding.
"""

from __future__ import annotations

from coop.plans.capacity.results import FindingCode

# code, name, unit
PRODUCTS = (
    ("BALD-3030", "Baldosa roja esmaltada 30×30", "m²"),
    ("PORC-4545", "Porcelanato gris 45×45", "m²"),
    ("ZOC-0830", "Zócalo 8×30", "pcs"),
    ("BIZ-3030", "Bizcocho prensado 30×30", "m²"),
    ("BIZ-4545", "Bizcocho prensado 45×45", "m²"),
    ("BIZ-ZOC", "Bizcocho de zócalo", "pcs"),
    ("ESM-BLANCO", "Esmalte blanco", "kg"),
    ("ESM-GRIS", "Esmalte gris", "kg"),
    ("ARC-ROJA", "Arcilla roja", "kg"),
    ("ARC-BLANCA", "Arcilla blanca", "kg"),
    ("FELDESPATO", "Feldespato", "kg"),
    ("FRITA", "Frita cerámica", "kg"),
    ("CAOLIN", "Caolín", "kg"),
    ("PIG-GRIS", "Pigmento gris", "kg"),
    ("CAJA-3030", "Caja de cartón 30×30", "pcs"),
    ("CAJA-4545", "Caja de cartón 45×45", "pcs"),
)

# parent, component, quantity per unit, scrap %
BOM = (
    ("BALD-3030", "BIZ-3030", "1", "4"),
    ("BALD-3030", "ESM-BLANCO", "0.45", "5"),
    ("BALD-3030", "CAJA-3030", "0.7", None),
    ("PORC-4545", "BIZ-4545", "1", "6"),
    ("PORC-4545", "ESM-GRIS", "0.5", "5"),
    ("PORC-4545", "CAJA-4545", "0.6", None),
    ("ZOC-0830", "BIZ-ZOC", "1", "3"),
    ("ZOC-0830", "ESM-BLANCO", "0.03", None),
    ("BIZ-3030", "ARC-ROJA", "18", "2"),
    ("BIZ-3030", "FELDESPATO", "2", None),
    ("BIZ-4545", "ARC-BLANCA", "16", "2"),
    ("BIZ-4545", "FELDESPATO", "5", None),
    ("BIZ-ZOC", "ARC-ROJA", "0.8", None),
    ("ESM-BLANCO", "FRITA", "0.7", None),
    ("ESM-BLANCO", "CAOLIN", "0.3", "1"),
    ("ESM-GRIS", "FRITA", "0.65", None),
    ("ESM-GRIS", "CAOLIN", "0.3", None),
    ("ESM-GRIS", "PIG-GRIS", "0.05", None),
)

# Stock on hand: enough for the quarter, except grey pigment (an import that has not arrived).
STOCK = (
    ("ARC-ROJA", "1500000"),
    ("ARC-BLANCA", "520000"),
    ("FELDESPATO", "300000"),
    ("FRITA", "40000"),
    ("CAOLIN", "16000"),
    ("PIG-GRIS", "450"),
    ("CAJA-3030", "60000"),
    ("CAJA-4545", "20000"),
)

# code, name, hours per shift, shifts, days a week, stations, efficiency %
CENTRES = (
    ("PRENSAS", "Prensas hidráulicas", "8", 3, 5, 2, "85"),
    ("ESMALTADO", "Línea de esmaltado", "8", 3, 5, 1, "90"),
    ("HORNO-T", "Horno túnel", "8", 3, 7, 1, "90"),
    ("MOLINO", "Molinos de esmalte", "8", 2, 5, 1, "100"),
)

# product, work centre, minutes per unit, crew, skill, level
ROUTINGS = (
    ("BIZ-3030", "PRENSAS", "0.9", 1, "PRE-OP", 3),
    ("BIZ-4545", "PRENSAS", "1.1", 1, "PRE-OP", 3),
    ("BIZ-ZOC", "PRENSAS", "0.05", 1, "PRE-OP", 2),
    ("BALD-3030", "ESMALTADO", "0.5", 1, "ESM-LIN", 3),
    ("PORC-4545", "ESMALTADO", "0.6", 1, "ESM-LIN", 3),
    ("ZOC-0830", "ESMALTADO", "0.03", 1, "ESM-LIN", 2),
    ("BALD-3030", "HORNO-T", "0.8", 2, "HOR-CARGA", 3),
    ("PORC-4545", "HORNO-T", "1.2", 1, "HOR-CURVA", 3),
    ("ZOC-0830", "HORNO-T", "0.04", 2, "HOR-CARGA", 3),
    ("ESM-BLANCO", "MOLINO", "0.6", 1, "ESM-PREP", 2),
    ("ESM-GRIS", "MOLINO", "0.6", 1, "ESM-PREP", 2),
)

# work centre, skill, level, members needed each week it works (whatever it makes): a first-aider
# on every shift, fire fighters at the kiln, someone who can change the presses' dies
REQUIRED_SKILLS = (
    ("HORNO-T", "SEG-INC", 3, 3),
    ("HORNO-T", "HOR-QUEM", 3, 2),
    ("PRENSAS", "PRE-MATR", 3, 2),
    ("PRENSAS", "SEG-PRIM", 3, 2),
    ("ESMALTADO", "SEG-PRIM", 3, 1),
)

# National holidays (month, day) on which the presses, the glazing line and the mills stop; the
# tunnel kiln never goes out for a holiday.
HOLIDAYS = (
    (1, 1, "Año Nuevo"),
    (3, 24, "Día Nacional de la Memoria"),
    (4, 2, "Día del Veterano y de los Caídos en Malvinas"),
    (5, 1, "Día del Trabajador"),
    (5, 25, "Revolución de Mayo"),
    (6, 20, "Día de la Bandera"),
    (7, 9, "Día de la Independencia"),
    (12, 8, "Inmaculada Concepción de María"),
    (12, 25, "Navidad"),
)

REASONS = {
    FindingCode.OVERLOAD: (
        "El pedido de la obra del hospital entra la semana del mantenimiento del horno: se hacen dos turnos "
        "extra el sábado y el domingo, acordados con el sector Hornos."
    ),
    FindingCode.SHORTAGE: (
        "El pigmento gris importado llega en la semana 8 según el proveedor; Compras sigue el envío y, si se "
        "atrasa, se reemplaza el porcelanato gris por blanco en las últimas semanas."
    ),
    FindingCode.CREW_GAP: (
        "Se cubre con rotación entre secciones y con quienes terminan la capacitación este mes."
    ),
}
