"""Data flows one way (DESIGN.md §2): an app imports only the apps above it and ``core``;
nothing imports ``observatory``, ``api``, ``portal`` or another app's views."""

import re
from pathlib import Path

from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[2] / "mutualis"
IMPORT = re.compile(r"^\s*(?:from|import) mutualis\.(\w+)((?:\.\w+)*)", re.MULTILINE)
LEAVES = {"observatory", "api", "portal"}


def apps_in_order() -> list[str]:
    return [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("mutualis.")]


def test_apps_import_only_the_apps_above_them():
    order = {app: rank for rank, app in enumerate(apps_in_order())}
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        app = path.relative_to(PACKAGE).parts[0]
        if app not in order or "migrations" in path.parts:
            continue
        for dependency, modules in IMPORT.findall(path.read_text()):
            if dependency == app:
                continue
            below = order[dependency] > order[app]
            if below or dependency in LEAVES or ".views" in modules or modules.endswith("_views"):
                wrong.append(f"{path.relative_to(PACKAGE)} imports mutualis.{dependency}{modules}")
    assert wrong == []
