"""A catalogue record is found the way people name it.

The rule: by its code in any case; failing that, by its name, in any case and with spaces as they
come, when exactly one record has that name; otherwise refused with one sentence naming what was
typed. Products, work centres and skills follow it alike.
"""

from __future__ import annotations

import pytest

from coop.errors import PlanError, TrainingError
from coop.plans.catalogue import add_product
from coop.plans.common import find_product, find_work_centre
from coop.training.skills import find_skill
from tests.factories.plans import TilePlant


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("BALD-30", "BALD-30"),
        ("bald-30", "BALD-30"),
        ("  Bald-30 ", "BALD-30"),
        ("Baldosa 30×30", "BALD-30"),
        ("baldosa   30×30", "BALD-30"),
        (" BIZCOCHO 30×30 ", "BIZC-30"),
    ],
)
def test_a_product_is_found_by_its_code_in_any_case_or_by_its_name(
    plant: TilePlant, typed: str, code: str
) -> None:
    assert find_product(plant.session, typed).code == code


def test_a_name_two_products_share_names_neither(plant: TilePlant) -> None:
    plant.acting()(add_product, code="BALD-31", name="Baldosa 30×30", unit="pcs")
    assert find_product(plant.session, "bald-31").code == "BALD-31"
    with pytest.raises(PlanError) as refused:
        find_product(plant.session, " Baldosa 30×30 ")
    assert refused.value.message == (
        "There is no product with the code or name 'Baldosa 30×30'; see the list with: coop product list"
    )


def test_work_centres_and_skills_follow_the_same_rule(plant: TilePlant) -> None:
    kiln = find_work_centre(plant.session, "horno")
    assert find_work_centre(plant.session, kiln.name.upper()) is kiln
    with pytest.raises(PlanError, match=r"^There is no work centre 'HORNA'; see the list"):
        find_work_centre(plant.session, " HORNA ")
    skill = find_skill(plant.session, "hor-carga")
    assert find_skill(plant.session, f"  {skill.name.lower()} ") is skill
    with pytest.raises(TrainingError, match=r"^There is no skill with the code or name 'NOPE'"):
        find_skill(plant.session, "NOPE")
