"""Browser journeys: Playwright driving Debian's Chromium, with an axe-core check per page."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from mutualis.directory.finess_import import run_import
from mutualis.directory.reference import load_solutions
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.initiatives.reference import load_initiative_types
from mutualis.territories.loaders import load_territories

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLE_2026 = Path("tests/e2e/data/etalab-cs1100507-e2e.csv")
ARTIFACTS = Path("test-artifacts")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def assert_accessible(page) -> None:
    """No axe-core violation on the page as it stands (WCAG 2.1 A/AA rules)."""
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    violations = results.response["violations"]
    assert not violations, results.generate_report()


@pytest.fixture
def directory_data(transactional_db):
    """Reference data and the verbatim 2026 FINESS lines, as in a fresh demo."""
    load_territories()
    load_nomenclatures()
    load_solutions()
    load_initiative_types()
    run_import(SAMPLE_2026, wet_run=True)
