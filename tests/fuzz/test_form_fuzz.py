"""Every form of the site, fuzzed field by field: no input answers a server error.

The forms are found by fetching every page of the URL configuration as each role allowed to
read it, in the world of ``tests/core/test_url_permissions.py`` plus a few objects in the
states whose forms it does not show (``more_pages``; discovery in ``tests/fuzz/discovery.py``).
Each field of each form is then sent, as the role that saw the form, with the form's other
fields at the values a browser would send, and a hostile value in that field: a fixed sweep
(non-ASCII digits, numbers beyond 64 bits or beyond a float, NUL, 128 KB of text, paths,
formulas, markup, a non-UUID, a foreign ``next``…; the parsing part of it for choices) and, in
free-text fields, a few Hypothesis texts. Any status >= 500 fails, with the URL, the field and
the value. Each submission is rolled back (a savepoint), so the world stays the same for the
next one. A write view that no discovered form reaches fails too, unless ``NOT_REACHED`` says
why; floors on the forms and fields found keep the fuzz from silently testing nothing.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterable

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutualis.actionplans.models import ActionPlan
from mutualis.agreements import services as agreement_services
from mutualis.grappes import services as grappe_services
from mutualis.grappes.models import Grappe
from mutualis.initiatives.models import Initiative
from mutualis.library import services as library_services
from mutualis.maturity import services as maturity
from mutualis.sharing import services as sharing_services
from mutualis.specifications import offer_services, publication
from mutualis.specifications import services as specification_services
from mutualis.specifications.models import Importance, Rating, Specification
from mutualis.workshops import services as workshop_services
from tests.core.test_url_permissions import EXPECTED, NOT_ALLOWED, WRITES, world  # noqa: F401
from tests.factories import ManagingBodyFactory, MembershipFactory
from tests.fuzz.discovery import FoundForm, clients, discover
from tests.fuzz.htmlforms import Field
from tests.initiatives.conftest import initiative
from tests.library.conftest import write_report
from tests.sharing.factories import ListingFactory
from tests.sharing.loan_factories import accepted_request, body_and_admin, loan_between
from tests.specifications.rating_builders import survey_answer
from tests.workshops.conftest import new_workshop

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fuzz\n"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

HOSTILE = (
    "",
    " ",
    "²",  # isdigit() is true, int() fails
    "٣",  # an Arabic-Indic digit: int() accepts it
    "9" * 30,  # beyond 64 bits
    "-1",
    "1e309",  # beyond a float
    "NaN",
    "\x00",
    "a" * 131072,  # 128 KB
    "../../etc/passwd",
    "=1+1",
    "<script>alert(1)</script>",
)
CHOICES = {"select", "radio", "checkbox", "submit"}
CHOICE_SWEEP = ("", "²", "٣", "9" * 30, "-1", "NaN", "\x00", "a" * 131072)
NOT_A_UUID = "pas-un-uuid"
FOREIGN = ("http://evil.example/", "//evil.example/", "javascript:alert(1)")
NEXT_LIKE = {"next", "suivant", "redirect_to", "return_to", "retour"}

HYPOTHESIS = settings(
    max_examples=2,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# Floors: the fuzz must not silently test nothing (a broken discovery finds few forms).
MIN_FORMS = 80
MIN_FIELDS = 270

# Views written to (POST only, or in WRITES) that no page of the world shows a form for, with
# the reason. Any other such view must be reached by the discovery.
NOT_REACHED = {
    "grappe-eligibility": "API: fuzzed from the OpenAPI schema (test_api_fuzz.py)",
    "grappe-funding": "API: fuzzed from the OpenAPI schema (test_api_fuzz.py)",
    "maturity:save_answer": "htmx on the fill form's level radios (fuzzed through maturity:fill)",
    "workshops:post_card": "participants only, known by a cookie set on joining a workshop",
    "workshops:survey_remind": "its form shows once invited bodies wait for N days; the same "
    "SendConfirmForm as workshops:survey_invite, fuzzed there",
    "directory:import_run_apply": "a FINESS import run stopped for review: a long setup",
    "directory:import_run_relaunch": "an interrupted FINESS import run: a long setup",
    "directory:import_run_abandon": "an interrupted FINESS import run: a long setup",
    "agreements:new_round": "a closed cooperation self-evaluation round: a long setup",
    "agreements:withdraw": "a draft agreement with an invitation pending: no field to fuzz "
    "(tests/agreements/test_who_must_sign.py posts it)",
    "projects:tranches_import": "tranches imported from a simulation: a long setup",
    "grappes:propose": "a computed grappe suggestion (the matching): a long setup",
    "grappes:request_contact": "a partner open to cooperation near the carrier: a long setup",
    "grappes:invite_partner": "a partner candidate near a draft grappe's carrier: a long setup",
    "grappes:deposit_region": "a pluri-régional grappe (ESSMS in two régions): a long setup",
}


FREE_TEXT = {"text", "search", "textarea"}  # Hypothesis texts go there


def fuzzed_fields(found: FoundForm) -> list[str]:
    """The fields to attack: all but one of each group of alike choice fields (the 24 radio
    questions of the cooperation self-evaluation are one field of the same form class, with
    the same choices: one stands for the others)."""
    kept, seen = [], set()
    for name in found.fields:
        field = found.form.fields[name]
        if field.kind in ("radio", "select", "checkbox") and len(field.options) > 1:
            alike = (field.kind, tuple(field.options))
            if alike in seen:
                continue
            seen.add(alike)
        kept.append(name)
    return kept


def hostile_values(field: Field) -> Iterable[str]:
    """The whole sweep for what the user types; for a choice (select, radio, checkbox,
    button), the values that break parsing: markup, paths and formulas are one more unknown
    choice there (this halves the time of the fuzz)."""
    yield from CHOICE_SWEEP if field.kind in CHOICES else HOSTILE
    if any(UUID.match(value) for value in field.values) or field.name.endswith(("uid", "uuid")):
        yield NOT_A_UUID
    if field.name in NEXT_LIKE:
        yield from FOREIGN


def defaults(found: FoundForm) -> dict[str, object]:
    """What a browser sends when the user changes nothing (a file field gets a small PDF)."""
    data: dict[str, object] = {}
    for name, field in found.form.fields.items():
        if field.is_file:
            data[name] = SimpleUploadedFile("essai.pdf", PDF, content_type="application/pdf")
        elif field.kind == "radio" and not field.values:
            data[name] = next((option for option in field.options if option), "")
        elif field.multiple or field.kind == "checkbox":
            if field.values:
                data[name] = list(field.values)
        elif field.values:
            data[name] = field.values[0]
    return data


def submit(client, found: FoundForm, data: dict[str, object]):
    """Send ``data`` as the form would, then undo what the view wrote (the savepoint), the
    cookies it set (a sign-in, a sign-out) and the rate-limit counters (the cache)."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if found.form.method == "get":
                response = client.get(found.path.split("?")[0], data)
            else:
                response = client.post(found.path, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        cache.clear()
    return response


def failure(found: FoundForm, field: str, value: str, response) -> str:
    shown = value if len(value) <= 40 else f"{value[:20]!r}… ({len(value)} caractères)"
    error = ""
    if getattr(response, "exc_info", None):
        kind, exception, _ = response.exc_info
        error = f" — {kind.__name__}: {str(exception)[:200]}"
    return f"{found} champ {field!r} = {shown!r} : {response.status_code}{error}"


def more_pages(world: dict) -> list[tuple[str, str, str]]:  # noqa: F811
    """Objects in the states whose forms the permission world does not show (a draft
    assessment, a draft and a proposed report, an initiative to moderate, a second grappe in
    review, a second organisation), and the pages showing those forms: (role, name, URL)."""
    users = world["users"]
    admin, member = users["admin"], users["member"]
    carrier = admin.memberships.get().managing_body
    MembershipFactory(user=member, managing_body=ManagingBodyFactory(name="Association Delta"))

    draft = maturity.start_assessment(admin, carrier, establishment=carrier.establishments.first())

    report = write_report(admin, title="Un parc d'imprimantes partagé")
    library_services.add_attachment(
        admin, report, SimpleUploadedFile("note.pdf", PDF, content_type="application/pdf")
    )
    proposed = write_report(admin, title="Un DPI commun")
    library_services.propose_report(admin, proposed)
    to_moderate = initiative(
        moderation=Initiative.Moderation.PROPOSED, proposed_by=admin, title="Un SOC"
    )
    workshop = new_workshop(users["regional"], opened=False)
    closed_workshop = new_workshop(users["regional"])  # its form for a new round
    workshop_services.close_vote(users["regional"], closed_workshop)

    def selected_grappe(name: str) -> Grappe:
        grappe = grappe_services.create_grappe(admin, carrier, name, "generalisation", 2025)
        grappe_services.write_status(None, grappe, Grappe.Status.SELECTED)
        return grappe

    in_review = selected_grappe("Grappe bis")  # no project yet; its agreement to sign
    agreement = agreement_services.create_agreement(admin, in_review)
    agreement_services.generate_version(admin, agreement)
    agreement_services.submit_for_review(admin, agreement)  # before any invitation is pending
    grappe_services.invite_member(
        admin, in_review, users["other_admin"].memberships.get().managing_body
    )
    signed = selected_grappe("Grappe sexies")  # its agreement signed: an amendment to start
    agreement = agreement_services.create_agreement(admin, signed)
    agreement_services.submit_for_review(admin, agreement)
    agreement_services.record_signature(
        admin,
        signed.members.get(),
        signatory="Claire Martin",
        capacity="Présidente",
        signed_on=datetime.date.today(),
        scan=SimpleUploadedFile("convention.pdf", PDF),
        scan_type="application/pdf",
    )
    drafted = selected_grappe("Grappe ter")  # its agreement a draft
    agreement_services.create_agreement(admin, drafted)
    unprepared = selected_grappe("Grappe quater")  # no agreement yet
    deposited = grappe_services.create_grappe(
        admin, carrier, "Grappe quinquies", "generalisation", 2025
    )
    deposited.deposit_region_id = "84"  # the "regional" actor's région decides
    deposited.save(update_fields=["deposit_region"])
    grappe_services.write_status(None, deposited, Grappe.Status.SUBMITTED)

    plan = ActionPlan.objects.get()  # the permission world's plan, from a closed workshop
    plan_action = plan.actions.get()
    # Another body's listings open to everyone: one to ask about, one already asked about
    # (the request to withdraw shows on the carrier's "Mes offres et besoins").
    other = users["other_admin"].memberships.get().managing_body
    to_ask, asked = (
        ListingFactory(managing_body=other, title=title, visibility="everyone", region_id="11")
        for title in ("DPO partagé", "RSSI partagé")
    )
    sharing_services.request_contact(admin, asked, carrier, "Bonjour")

    # A convention de mise à disposition to sign, and an accepted request to prepare one from.
    lender = body_and_admin("Fondation Epsilon")
    draft_loan = loan_between((carrier, admin), lender)
    to_prepare = accepted_request(carrier, lender[0])

    # The world's specification with a consensus to accept and survey needs to pre-fill
    # from; a decided and published one (its decision to reopen, its publication to withdraw).
    working = Specification.objects.get(title="DUI commun")
    agreed = working.items.get(code="DUI-01")
    for body_id in working.grappe.members.filter(status="active").values_list(
        "managing_body_id", flat=True
    ):
        Rating.objects.create(
            item=agreed, managing_body_id=body_id, importance=Importance.INDISPENSABLE
        )
    survey_answer(carrier, needs=("dui",))
    decided = specification_services.start_specification(admin, working.grappe, "DUI décidé")
    chosen = offer_services.save_offer(admin, decided, offer_services.OfferData(vendor="Éditeur"))
    offer_services.decide(admin, decided, chosen, "Seule offre reçue")
    publication.publish(admin, decided, "http://testserver/")

    def spec_page(name: str, specification: Specification) -> tuple[str, str, str]:
        return (
            "admin",
            f"specifications:{name}",
            reverse(f"specifications:{name}", args=[specification.uid]),
        )

    def agreement_page(grappe: Grappe) -> tuple[str, str, str]:
        return "admin", "agreements:agreement", reverse("agreements:agreement", args=[grappe.uid])

    return [
        ("admin", "maturity:fill", reverse("maturity:fill", args=[draft.uid])),
        ("admin", "library:edit", reverse("library:edit", args=[report.uid])),
        ("admin", "grappes:detail", reverse("grappes:detail", args=[in_review.uid])),
        ("other_admin", "grappes:detail", reverse("grappes:detail", args=[in_review.uid])),
        agreement_page(in_review),
        agreement_page(signed),
        agreement_page(drafted),
        agreement_page(unprepared),
        ("admin", "library:detail", reverse("library:detail", args=[report.uid])),
        ("regional", "grappes:detail", reverse("grappes:detail", args=[deposited.uid])),
        ("regional", "library:detail", reverse("library:detail", args=[proposed.uid])),
        ("regional", "initiatives:detail", reverse("initiatives:detail", args=[to_moderate.uid])),
        ("regional", "workshops:session", reverse("workshops:session", args=[workshop.uid])),
        (
            "regional",
            "workshops:session",
            reverse("workshops:session", args=[closed_workshop.uid]),
        ),
        ("member", "accounts:dashboard", reverse("accounts:dashboard")),
        ("admin", "sharing:loan", reverse("sharing:loan", args=[draft_loan.uid])),
        ("admin", "sharing:loan_prepare", reverse("sharing:loan_prepare", args=[to_prepare.uid])),
        (
            "regional",
            "actionplans:new",
            f"{reverse('actionplans:new')}?atelier={plan.workshop.uid}",
        ),
        (
            "admin",
            "actionplans:action_links",
            reverse("actionplans:action_links", args=[plan.uid, plan_action.uid]) + "?q=Cahier",
        ),
        ("admin", "sharing:detail", reverse("sharing:detail", args=[to_ask.uid])),
        spec_page("accept_consensus", working),
        spec_page("prefill", working),
        spec_page("analysis", decided),
        spec_page("documents", decided),
    ]


def test_no_form_field_answers_a_server_error(world, monkeypatch):  # noqa: F811
    # The test client keeps a copy of the context of every template rendered (each widget):
    # a quarter of the time of a submission, and the fuzz reads none of them.
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *a, **k: None)
    by_role = clients(world)
    found = discover(world, by_role, more_pages(world))
    failures: list[str] = []
    sent = [0]

    def attacker(form: FoundForm, name: str):
        client = by_role[form.role]

        def attack(value: str) -> None:
            data = defaults(form)
            if name:
                data[name] = value
            response = submit(client, form, data)
            sent[0] += 1
            if response.status_code >= 500:
                failures.append(failure(form, name or "(valeurs par défaut)", value, response))

        return attack

    fuzzed = 0
    for form in found:
        attacker(form, "")("")
        for name in fuzzed_fields(form):
            fuzzed += 1
            field = form.form.fields[name]
            attack = attacker(form, name)
            for value in hostile_values(field):
                attack(value)
            if field.kind in FREE_TEXT:
                HYPOTHESIS(given(st.text())(attack))()

    fields = sum(len(form.fields) for form in found)
    print(
        f"{len(found)} formulaires vers {len({f.target for f in found})} URL, {fields} champs "
        f"({fuzzed} attaqués), {sent[0]} envois"
    )
    assert not failures, "\n".join(failures)
    assert len(found) >= MIN_FORMS
    assert fields >= MIN_FIELDS
    writers = {name for name, roles in EXPECTED.items() if NOT_ALLOWED in roles.values()}
    unreached = sorted((writers | set(WRITES)) - {f.target for f in found} - set(NOT_REACHED))
    assert not unreached, f"Vues d'écriture sans formulaire fuzzé : {', '.join(unreached)}"
