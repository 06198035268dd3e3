from dataclasses import dataclass

import pytest

from mutualis.actionplans.models import ActionPlan
from tests.actionplans.factories import ActionFactory, body_admin, open_plan
from tests.factories import regional_actor


@dataclass
class World:
    facilitator: object
    plan: ActionPlan
    owner_body: object
    owner_admin: object
    action: object


@pytest.fixture
def world(db) -> World:
    facilitator = regional_actor("84")
    plan = open_plan(facilitator)
    body, admin = body_admin()
    action = ActionFactory(plan=plan, owner_body=body, title="Ouvrir l'espace de partage")
    return World(facilitator, plan, body, admin, action)
