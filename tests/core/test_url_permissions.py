"""Every URL of the configuration answers each of eight roles as the table below expects.

One world (two régions, two managing bodies with their administrators and members, a grappe
with an active and a declined member, a shared assessment, an agreement with a signed scan, a
project, a survey, a workshop, an initiative, a report...) is built once; every URL is built
with its real identifiers and fetched by each role. A URL missing from ``EXPECTED`` fails with
its name; any server error fails. Views that write are also posted to by the roles that must
not write: they get a redirect to the login page, a 403 or a 404, never a success.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mutualis.accounts.models import Invitation, JoinRequest, MembershipRole
from mutualis.actionplans import services as actionplan_services
from mutualis.agreements import services as agreement_services
from mutualis.core.models import ImportRun
from mutualis.directory.models import Solution
from mutualis.finess.models import LegalStatus, TariffMode
from mutualis.grappes import entries as grappe_entries
from mutualis.grappes import services as grappe_services
from mutualis.grappes.models import ContactRequest, Grappe, ProgrammeRule
from mutualis.initiatives.models import Initiative, SiDomain
from mutualis.library import services as library_services
from mutualis.library.models import CooperationTag
from mutualis.projects import services as project_services
from mutualis.sharing.models import Listing, SharingRequest, Skill
from mutualis.specifications import offer_services, publication, rating_services
from mutualis.specifications import services as specification_services
from mutualis.territories.models import Region
from mutualis.workshops import services as workshop_services
from mutualis.workshops.models import Card
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    UserFactory,
    national_admin,
    regional_actor,
)
from tests.grappes.conftest import body_with, submitted
from tests.initiatives.conftest import initiative
from tests.library.conftest import publish, write_report
from tests.projects.factories import (
    DecisionFactory,
    MeetingFactory,
    RiskFactory,
    TrancheFactory,
    UsageTargetFactory,
)
from tests.sharing.loan_factories import loan_between
from tests.workshops.conftest import new_workshop, open_survey

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%signed\n"

ROLES = (
    "anonymous",
    "no_org",  # signed in, no organisation
    "member",  # member of the carrier (région 84)
    "admin",  # administrator of the carrier
    "other_admin",  # administrator of another body (région 11), which declined the grappe
    "regional",  # regional actor of the région 84
    "other_regional",  # regional actor of the région 11
    "national",  # national administrator
)

# Status classes.
OK = "ok"  # 2xx
LOGIN = "login"  # redirect to the login page
REDIRECT = "redirect"  # another redirect (e.g. to the right page after a check)
DENIED = "denied"  # 403 or 404
NOT_ALLOWED = "405"  # wrong method (a POST-only view fetched with GET)


def spec(default: str, **roles: str) -> dict[str, str]:
    """An expectation for the eight roles: ``default`` unless a role is named."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, unknown
    return {role: roles.get(role, default) for role in ROLES}


def only(allowed: str, *roles: str, other: str = DENIED) -> dict[str, str]:
    """Signed-in ``roles`` get ``allowed``, other signed-in users ``other``, anonymous users
    the login page."""
    return spec(other, anonymous=LOGIN, **dict.fromkeys(roles, allowed))


PUBLIC = spec(OK)
SIGNED_IN = spec(OK, anonymous=LOGIN)
POST_ONLY = spec(NOT_ALLOWED, anonymous=LOGIN)
BODY = ("member", "admin")  # the carrier's users
CARRIER_ADMIN = ("admin", "national")
GRAPPE_READERS = ("member", "admin", "regional", "national")
NATIONAL = ("national",)
REGIONAL = ("regional", "national")
ANY_REGIONAL = ("regional", "other_regional", "national")
SPEC_LEADS = (*BODY, "national")  # the carrier's users lead its grappe's specifications

EXPECTED: dict[str, dict[str, str]] = {
    "portal:home": PUBLIC,
    "core:sources": PUBLIC,
    "core:accessibility": PUBLIC,
    "directory:establishments": PUBLIC,
    "directory:establishment_points": PUBLIC,
    "directory:establishment_export_csv": PUBLIC,
    "directory:establishment_export_xlsx": PUBLIC,
    "directory:establishment": PUBLIC,
    "directory:it_profile_edit": only(OK, *BODY, "national"),
    "directory:imports": only(OK, *NATIONAL),
    "directory:import_run": only(OK, *NATIONAL),
    "directory:import_run_progress": only(OK, *NATIONAL),
    "directory:import_run_changes": only(OK, *NATIONAL),
    "directory:import_run_apply": only(NOT_ALLOWED, *NATIONAL),
    "directory:import_run_relaunch": only(NOT_ALLOWED, *NATIONAL),
    "directory:import_run_abandon": only(NOT_ALLOWED, *NATIONAL),
    "directory:managing_bodies": PUBLIC,
    "directory:managing_body_choices": PUBLIC,
    "directory:managing_body": PUBLIC,
    "directory:managing_body_edit": only(OK, *CARRIER_ADMIN),
    "directory:managing_body_join": SIGNED_IN,
    "directory:organisations_by_siret": SIGNED_IN,
    "directory:managing_body_invite": only(OK, *CARRIER_ADMIN),
    "directory:managing_body_members": only(OK, *CARRIER_ADMIN),
    "directory:change_membership": POST_ONLY,
    "accounts:login": spec(REDIRECT, anonymous=OK),
    "accounts:logout": spec(NOT_ALLOWED),
    "accounts:signup": spec(REDIRECT, anonymous=OK),
    "accounts:signup_sent": PUBLIC,
    "accounts:signup_confirm": PUBLIC,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:dashboard": SIGNED_IN,
    "accounts:switch_organisation": POST_ONLY,
    "accounts:api_token": POST_ONLY,
    "accounts:decide_join_request": POST_ONLY,
    "accounts:accept_invitation": SIGNED_IN,
    # No identity provider is configured in the tests' settings: nothing to sign in with, and a
    # callback without a sign-in under way goes back to the login page.
    "accounts:oidc_sign_in": spec(DENIED),
    "accounts:oidc_callback": spec(LOGIN),
    "maturity:home": PUBLIC,
    "maturity:referentials": only(OK, *NATIONAL),
    "maturity:start": POST_ONLY,
    "maturity:fill": only(REDIRECT, *BODY),
    "maturity:save_answer": POST_ONLY,
    "maturity:submit": POST_ONLY,
    "maturity:reopen": POST_ONLY,
    "maturity:share": POST_ONLY,
    "maturity:result": only(OK, *BODY),
    "maturity:result_pdf": only(OK, *BODY),
    "observatory:dashboard": PUBLIC,
    "observatory:open_data": PUBLIC,
    "observatory:follow_up": only(OK, *ANY_REGIONAL),
    "observatory:follow_up_shared": only(OK, *ANY_REGIONAL),
    "observatory:export": PUBLIC,
    "initiatives:list": PUBLIC,
    "initiatives:points": PUBLIC,
    "initiatives:propose": SIGNED_IN,
    "initiatives:moderation": SIGNED_IN,
    "initiatives:statistics": PUBLIC,
    "initiatives:statistics_csv": PUBLIC,
    "initiatives:statistics_xlsx": PUBLIC,
    "initiatives:detail": PUBLIC,
    "initiatives:edit": only(OK, *REGIONAL),
    "initiatives:moderate": POST_ONLY,
    "library:home": PUBLIC,
    "library:create": SIGNED_IN,
    "library:mine": SIGNED_IN,
    "library:moderation": SIGNED_IN,
    "library:answer": POST_ONLY,
    "library:detail": PUBLIC,
    "library:edit": spec(DENIED, anonymous=LOGIN),  # a published report is not edited
    "library:propose": POST_ONLY,
    "library:delete": POST_ONLY,
    "library:moderate": POST_ONLY,
    "library:ask": POST_ONLY,
    "library:attach": POST_ONLY,
    "library:attachment": PUBLIC,
    "library:detach": POST_ONLY,
    "workshops:home": PUBLIC,
    "workshops:join": PUBLIC,
    "workshops:join_code": PUBLIC,
    "workshops:participate": spec(REDIRECT),
    "workshops:ballot": spec(DENIED),  # a participant's cookie only
    "workshops:post_card": spec(NOT_ALLOWED),
    "workshops:state": spec(DENIED),  # a participant's cookie only
    "workshops:sessions": only(OK, "admin", "other_admin", *ANY_REGIONAL),  # facilitators
    "workshops:session": only(OK, *REGIONAL),
    "workshops:edit_levers": POST_ONLY,
    "workshops:status": POST_ONLY,
    "workshops:new_round": POST_ONLY,
    "workshops:qr": only(OK, *REGIONAL),
    "workshops:board": only(OK, *REGIONAL),
    "workshops:projection": only(OK, *REGIONAL),
    "workshops:results_csv": only(OK, *REGIONAL),
    "workshops:results_xlsx": only(OK, *REGIONAL),
    "workshops:results_pdf": only(OK, *REGIONAL),
    "workshops:cards": only(OK, *REGIONAL),
    "workshops:group_card": POST_ONLY,
    "workshops:surveys": only(OK, *ANY_REGIONAL),
    "workshops:survey": SIGNED_IN,
    # A body outside the survey's région reads why it cannot answer (a form error, not a 403).
    "workshops:survey_answer": only(OK, *BODY, "other_admin"),
    "workshops:survey_close": POST_ONLY,
    "workshops:survey_results": only(OK, *REGIONAL),
    "workshops:survey_csv": only(OK, *REGIONAL),
    "workshops:survey_xlsx": only(OK, *REGIONAL),
    "workshops:survey_distribution": only(OK, *REGIONAL),
    "workshops:survey_invite": only(OK, *REGIONAL),
    "workshops:survey_remind": only(OK, *REGIONAL),
    "workshops:survey_without_account_csv": only(OK, *REGIONAL),
    "grappes:list": SIGNED_IN,
    "grappes:rules": only(OK, *NATIONAL),
    "grappes:instruction": only(OK, *ANY_REGIONAL),
    "grappes:edit_rule": only(OK, *NATIONAL),
    "grappes:partners": only(OK, *BODY, "other_admin"),
    "grappes:suggestions": only(OK, *ANY_REGIONAL),
    "grappes:propose": POST_ONLY,
    "grappes:suggestions_refresh": POST_ONLY,
    "grappes:request_contact": POST_ONLY,
    "sharing:explore": SIGNED_IN,
    "sharing:mine": only(OK, *BODY, "other_admin"),
    "sharing:create": only(OK, *BODY, "other_admin"),
    # A listing of the carrier visible to its région (84).
    "sharing:detail": only(OK, *BODY, "regional", "national"),
    "sharing:edit": only(OK, *BODY),
    "sharing:withdraw": POST_ONLY,
    "sharing:request": POST_ONLY,
    "sharing:answer": POST_ONLY,
    "sharing:withdraw_request": POST_ONLY,
    "sharing:grappe": only(OK, *GRAPPE_READERS),
    "sharing:region": only(OK, *ANY_REGIONAL),
    "sharing:region_points": only(OK, *ANY_REGIONAL),
    "sharing:open_data": PUBLIC,
    "sharing:open_data_csv": PUBLIC,
    # A signed convention de mise à disposition: the carrier lends to the partner.
    "sharing:loans": SIGNED_IN,
    "sharing:loan_prepare": only(REDIRECT, "admin"),  # prepared already: to the convention
    "sharing:loan": only(OK, *BODY),
    "sharing:loan_edit": only(OK, "admin"),
    "sharing:loan_sign": POST_ONLY,
    "sharing:loan_days": POST_ONLY,
    "sharing:loan_days_csv": only(OK, *BODY),
    "sharing:loan_document": only(OK, *BODY),
    "grappes:answer_contact": POST_ONLY,
    # The declined organisation (other_admin) and the other région see nothing of the grappe.
    "grappes:detail": only(OK, *GRAPPE_READERS),
    "grappes:invite": POST_ONLY,
    "grappes:invite_partner": POST_ONLY,
    "grappes:answer": POST_ONLY,
    "grappes:entries": spec(DENIED, anonymous=LOGIN),  # the grappe is past its draft
    "grappes:status": POST_ONLY,
    "grappes:decide": POST_ONLY,
    "grappes:deposit_region": POST_ONLY,
    "grappes:application_pack": only(OK, *BODY, "regional"),  # the deposit région's actors
    "grappes:simulate": POST_ONLY,
    "grappes:share": POST_ONLY,
    "grappes:shared": only(OK, *BODY, "regional"),  # not national admins (DESIGN.md §4)
    "grappes:unshare": POST_ONLY,
    "grappes:simulation": only(OK, *GRAPPE_READERS),
    "grappes:simulation_xlsx": only(OK, *GRAPPE_READERS),
    "agreements:evaluation": only(OK, *GRAPPE_READERS),
    "agreements:new_round": POST_ONLY,
    "agreements:agreement": only(OK, *GRAPPE_READERS),
    "agreements:clause": only(OK, *CARRIER_ADMIN),
    "agreements:generate": POST_ONLY,
    "agreements:status": POST_ONLY,
    "agreements:compare": only(REDIRECT, *GRAPPE_READERS),
    "agreements:download": only(OK, *GRAPPE_READERS),
    "agreements:sign": POST_ONLY,
    "agreements:party": POST_ONLY,
    "agreements:amend": POST_ONLY,
    "agreements:withdraw": POST_ONLY,
    "agreements:scan": only(OK, *GRAPPE_READERS),
    "projects:list": SIGNED_IN,
    "projects:regional": only(OK, *ANY_REGIONAL),
    "projects:open": POST_ONLY,
    "projects:detail": only(OK, *GRAPPE_READERS),
    "projects:report": only(OK, *GRAPPE_READERS),
    "projects:report_pdf": only(OK, *GRAPPE_READERS),
    "projects:milestones": only(OK, *GRAPPE_READERS),
    "projects:milestone": only(OK, *BODY),
    "projects:milestone_done": POST_ONLY,
    "projects:milestone_delete": POST_ONLY,
    "projects:meetings": only(OK, *GRAPPE_READERS),
    "projects:meeting": only(OK, *BODY),
    "projects:meeting_delete": POST_ONLY,
    "projects:decision_add": POST_ONLY,
    "projects:decisions": only(OK, *GRAPPE_READERS),
    "projects:decision": only(OK, *BODY),
    "projects:decision_delete": POST_ONLY,
    "projects:risks": only(OK, *GRAPPE_READERS),
    "projects:risk": only(OK, *BODY),
    "projects:risk_delete": POST_ONLY,
    "projects:funding": only(OK, *GRAPPE_READERS),
    "projects:tranches_import": POST_ONLY,
    "projects:tranche": only(OK, "admin"),  # the carrier plans the funding
    "projects:tranche_delete": POST_ONLY,
    "projects:usage": only(OK, *GRAPPE_READERS),
    "projects:target": only(OK, *BODY),
    "projects:target_record": POST_ONLY,
    "projects:target_history": only(OK, *GRAPPE_READERS),
    "projects:value_proof": only(OK, *GRAPPE_READERS),
    "projects:target_delete": POST_ONLY,
    "establishment-list": PUBLIC,
    "establishment-detail": PUBLIC,
    "establishment-it-profile": spec(DENIED),  # API token of a member only
    "managing-body-list": PUBLIC,
    "managing-body-detail": PUBLIC,
    "region-list": PUBLIC,
    "region-detail": PUBLIC,
    "departement-list": PUBLIC,
    "departement-detail": PUBLIC,
    "commune-list": PUBLIC,
    "commune-detail": PUBLIC,
    "aggregate-list": PUBLIC,
    "aggregate-detail": PUBLIC,
    "sector-list": PUBLIC,
    "sector-detail": PUBLIC,
    "category-list": PUBLIC,
    "category-detail": PUBLIC,
    "legalstatus-list": PUBLIC,
    "legalstatus-detail": PUBLIC,
    "tariffmode-list": PUBLIC,
    "actionplans:list": PUBLIC,
    "actionplans:new": SIGNED_IN,  # each user's closed workshops and finished surveys
    "actionplans:plan": only(OK, *GRAPPE_READERS),  # territory, owner, facilitator, national
    "actionplans:public": spec(DENIED),  # not published yet: 404 for everyone
    "actionplans:horizon": POST_ONLY,
    "actionplans:publication": POST_ONLY,
    "actionplans:review": only(OK, *GRAPPE_READERS),
    "actionplans:next": POST_ONLY,
    "actionplans:export_csv": spec(DENIED, **dict.fromkeys(GRAPPE_READERS, OK)),
    "actionplans:export_xlsx": spec(DENIED, **dict.fromkeys(GRAPPE_READERS, OK)),
    "actionplans:export_pdf": spec(DENIED, **dict.fromkeys(GRAPPE_READERS, OK)),
    "actionplans:action_add": only(OK, *REGIONAL),  # the facilitator (regional), national
    "actionplans:action": only(OK, *GRAPPE_READERS),
    "actionplans:action_edit": only(OK, *REGIONAL),
    "actionplans:action_update": POST_ONLY,
    "actionplans:comment": POST_ONLY,
    "actionplans:action_links": only(OK, *GRAPPE_READERS),  # owners (carrier) and managers
    "actionplans:hide_comment": POST_ONLY,
    "specifications:home": SIGNED_IN,
    "specifications:grappe": only(OK, *GRAPPE_READERS),
    "specifications:start": POST_ONLY,
    "specifications:detail": only(OK, *GRAPPE_READERS),
    "specifications:rate": only(OK, *BODY),  # members rate; national and regional do not
    "specifications:prefill": only(OK, *BODY),
    "specifications:add_item": only(OK, *BODY),
    "specifications:remove_item": only(OK, *SPEC_LEADS),  # the carrier's own requirement
    "specifications:arbitrate": only(OK, *SPEC_LEADS),
    "specifications:convergence": only(OK, *GRAPPE_READERS),
    "specifications:accept_consensus": only(OK, *SPEC_LEADS),
    "specifications:criteria": only(OK, *GRAPPE_READERS),
    "specifications:offers": only(OK, *GRAPPE_READERS),
    "specifications:offer_add": only(OK, *SPEC_LEADS),
    "specifications:offer": only(OK, *GRAPPE_READERS),
    "specifications:offer_delete": only(OK, *SPEC_LEADS),
    "specifications:analysis": only(OK, *GRAPPE_READERS),
    "specifications:analysis_xlsx": only(OK, *GRAPPE_READERS),
    "specifications:analysis_pdf": only(OK, *GRAPPE_READERS),
    "specifications:decide": only(OK, *SPEC_LEADS),
    "specifications:reopen": POST_ONLY,
    "specifications:documents": only(OK, *GRAPPE_READERS),
    "specifications:generate": POST_ONLY,
    "specifications:document": only(OK, *GRAPPE_READERS),
    "specifications:set_lot": POST_ONLY,
    "specifications:sad_pdf": only(OK, *GRAPPE_READERS),
    "specifications:publish": only(OK, *SPEC_LEADS),
    "specifications:unpublish": POST_ONLY,
    "specifications:public": spec(DENIED),  # not published yet: 404 for everyone
    "specifications:library": PUBLIC,
    "specifications:library_version": PUBLIC,
    "specifications:library_csv": PUBLIC,
    "tariffmode-detail": PUBLIC,
    "solution-list": PUBLIC,
    "solution-detail": PUBLIC,
    "initiative-list": PUBLIC,
    "initiative-detail": PUBLIC,
    "initiativetype-list": PUBLIC,
    "initiativetype-detail": PUBLIC,
    "sidomain-list": PUBLIC,
    "sidomain-detail": PUBLIC,
    "experience-report-list": PUBLIC,
    "experience-report-detail": PUBLIC,
    "cooperationtag-list": PUBLIC,
    "cooperationtag-detail": PUBLIC,
    "api-root": PUBLIC,
    "grappe-eligibility": spec(NOT_ALLOWED),
    "grappe-funding": spec(NOT_ALLOWED),
}

# Excluded on purpose, with the reason.
EXCLUDED_NAMESPACES = {"admin": "Django admin: staff only, guarded by Django itself"}
EXCLUDED = {
    "schema": "API schema (drf-spectacular): public documentation",
    "swagger-ui": "API documentation page: public",
}

# Views that write, and the roles that may write: the others post and must not succeed.
WRITES: dict[str, tuple[str, ...]] = {
    "sharing:create": (*BODY, "other_admin"),
    "sharing:edit": BODY,
    "sharing:withdraw": BODY,
    "sharing:request": (),  # its own body may not ask; others do not see it or have no body
    "sharing:answer": CARRIER_ADMIN,
    "sharing:withdraw_request": (),  # the requester (the partner) is none of the roles
    "sharing:loan_prepare": ("admin",),
    "sharing:loan_edit": ("admin",),
    "sharing:loan_sign": (),  # the world's convention is signed by both bodies
    "sharing:loan_days": ("admin",),
    "directory:managing_body_edit": CARRIER_ADMIN,
    "directory:change_membership": CARRIER_ADMIN,
    "maturity:save_answer": BODY,
    "maturity:submit": BODY,
    "maturity:reopen": BODY,
    "maturity:share": BODY,
    "initiatives:moderate": REGIONAL,
    "workshops:status": REGIONAL,
    "actionplans:horizon": REGIONAL,
    "actionplans:publication": REGIONAL,
    "actionplans:next": REGIONAL,
    "actionplans:action_add": REGIONAL,
    "actionplans:action_edit": REGIONAL,
    "actionplans:action_update": GRAPPE_READERS,  # the owner body's users, the facilitator
    "actionplans:comment": GRAPPE_READERS,  # the territory's users, regional actors
    "actionplans:action_links": GRAPPE_READERS,
    "actionplans:hide_comment": REGIONAL,
    "workshops:survey_close": REGIONAL,
    "workshops:survey_invite": REGIONAL,
    "workshops:survey_remind": REGIONAL,
    "grappes:status": CARRIER_ADMIN,
    "grappes:invite_partner": CARRIER_ADMIN,
    "grappes:suggestions_refresh": ANY_REGIONAL,
    "grappes:decide": (),  # the world's grappe is already selected: no decision any more
    "grappes:deposit_region": (),  # past its deposit: no région to choose any more
    "grappes:simulate": BODY,
    "grappes:answer": (),
    "grappes:unshare": BODY,
    "agreements:agreement": CARRIER_ADMIN,
    "agreements:clause": CARRIER_ADMIN,
    "agreements:generate": CARRIER_ADMIN,
    "agreements:status": CARRIER_ADMIN,
    "agreements:sign": ("admin",),  # the member organisation's administrators only
    "agreements:party": (),  # the world's agreement is in review: parties are frozen
    "agreements:amend": CARRIER_ADMIN,  # its only active member signed it
    "agreements:withdraw": CARRIER_ADMIN,  # then refused in French: the agreement is signed
    "projects:open": ("admin",),
    "projects:tranches_import": ("admin",),
    "projects:milestone_delete": ("admin",),
    "projects:tranche_delete": ("admin",),
    "projects:meeting_delete": ("admin",),
    "projects:risk_delete": ("admin",),
    "projects:decision_add": BODY,
    "projects:decision_delete": ("admin",),
    **dict.fromkeys(("specifications:rate", "specifications:prefill"), BODY),
    "specifications:add_item": BODY,
    **{
        f"specifications:{name}": SPEC_LEADS
        for name in (
            "start",
            "remove_item",
            "arbitrate",
            "accept_consensus",
            "criteria",
            "offer_add",
            "offer",
            "offer_delete",
            "decide",
            "reopen",
            "generate",
            "set_lot",
            "publish",
            "unpublish",
        )
    },
    "specifications:library": NATIONAL,
}
# What the write views above receive (empty otherwise): enough to reach the permission check.
POST_DATA = {
    "agreements:status": {"action": "draft"},
    "grappes:status": {"etat": "draft"},
    "grappes:decide": {"decision": "refused", "motif": "Hors périmètre"},
    "grappes:deposit_region": {"region": "84"},
    "grappes:answer": {"reponse": "accepter"},
    "initiatives:moderate": {"decision": "reject", "note": "Hors sujet"},
}


def classify(response) -> str:
    code = response.status_code
    if code >= 500:
        return f"server error {code}"
    if 200 <= code < 300:
        return OK
    if code in (301, 302, 303, 307, 308):
        target = response.headers.get("Location", "")
        return LOGIN if target.startswith(reverse("accounts:login")) else REDIRECT
    if code in (403, 404):
        return DENIED
    if code == 405:
        return NOT_ALLOWED
    return str(code)


def patterns(resolvers=None, namespace: str = "", params: tuple = ()) -> Iterator[tuple]:
    """(URL name, parameter names) of every route, namespaces included."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        own = _params(entry)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry.url_patterns, inner, params + own)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", params + own


def _params(entry) -> tuple[str, ...]:
    pattern = entry.pattern
    converters = getattr(pattern, "converters", None)
    if converters is not None and hasattr(pattern, "_route"):
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def routes() -> dict[str, tuple[str, ...]]:
    """Each URL name once, with its parameters; format-suffix variants of the API are the
    same views as their plain route and are skipped."""
    found: dict[str, tuple[str, ...]] = {}
    for name, params in patterns():
        namespace = name.split(":")[0] if ":" in name else ""
        if namespace in EXCLUDED_NAMESPACES or name in EXCLUDED or "format" in params:
            continue
        found.setdefault(name, params)
    return found


def test_every_url_has_an_expectation():
    missing = sorted(set(routes()) - set(EXPECTED))
    assert not missing, f"URL sans entrée dans EXPECTED : {', '.join(missing)}"
    stale = sorted(set(EXPECTED) - set(routes()))
    assert not stale, f"Entrées d'EXPECTED sans URL : {', '.join(stale)}"
    assert set(WRITES) <= set(EXPECTED)


@pytest.fixture
def world(settings, tmp_path) -> dict:
    """The world every URL is built in: users of the eight roles and the objects of each app,
    with the values of the URL parameters."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    carrier, admin = body_with(3, "Association Alpha")
    member = MembershipFactory(managing_body=carrier, role=MembershipRole.MEMBER).user
    partner, partner_admin = body_with(3, "Association Gamma")
    other = ManagingBodyFactory(name="Fondation Beta", departement_id="75")
    EstablishmentFactory.create_batch(
        2,
        managing_body=other,
        region_id="11",
        departement_id="75",
        commune_id="75056",
        postal_code="75001",
    )
    other_admin = MembershipFactory(managing_body=other, role=MembershipRole.ADMIN).user
    MembershipFactory(managing_body=other, role=MembershipRole.MEMBER)
    regional = regional_actor("84")
    users = {
        "no_org": UserFactory(),
        "member": member,
        "admin": admin,
        "other_admin": other_admin,
        "regional": regional,
        "other_regional": regional_actor("11"),
        "national": national_admin(),
    }

    grappe = grappe_services.create_grappe(
        admin, carrier, "Grappe de l'Ain", "generalisation", 2024
    )
    for body, body_admin, accept in ((partner, partner_admin, True), (other, other_admin, False)):
        invited = grappe_services.invite_member(admin, grappe, body)
        grappe_services.answer_invitation(body_admin, invited, accept)
    carrier_member = grappe.members.get(managing_body=carrier)
    solution = Solution.objects.order_by("pk").first()
    grappe_entries.apply_change(
        admin,
        carrier_member,
        grappe_entries.Change("inclure", "no_dui", solution.pk, "saas"),
        carrier.establishments.values_list("pk", flat=True),
    )
    simulation = grappe_services.simulate_funding(admin, grappe)
    assessment = submitted(admin, carrier)
    share = grappe_services.share_assessment(admin, grappe, assessment)
    grappe_services.set_deposit_region(admin, grappe, "84")
    grappe_services.write_status(None, grappe, Grappe.Status.SELECTED)

    agreement = agreement_services.create_agreement(admin, grappe)
    agreement_services.generate_version(admin, agreement)
    agreement_services.submit_for_review(admin, agreement)
    signature = agreement_services.record_signature(
        admin,
        carrier_member,
        signatory="Claire Martin",
        capacity="Présidente",
        signed_on=datetime.date.today(),
        scan=SimpleUploadedFile("convention.pdf", PDF),
        scan_type="application/pdf",
    )

    project = project_services.open_project(admin, grappe)
    establishment = carrier.establishments.first()
    items = {
        "milestone": project.milestones.first(),
        "meeting": MeetingFactory(project=project),
        "risk": RiskFactory(project=project),
        "tranche": TrancheFactory(project=project),
        "target": UsageTargetFactory(project=project, establishment=establishment),
    }
    items["decision"] = DecisionFactory(meeting=items["meeting"])
    value = project_services.record_value(
        admin,
        items["target"],
        period=f"{datetime.date.today():%Y-%m}",
        value=12,
        proof_file=SimpleUploadedFile("export.png", b"\x89PNG\r\n\x1a\n0000"),
    )

    workshop = new_workshop(regional)
    plan_workshop = new_workshop(regional)
    workshop_services.close_vote(regional, plan_workshop)
    plan_workshop.refresh_from_db()
    plan = actionplan_services.open_plan(
        regional, Region.objects.get(code="84"), workshop=plan_workshop
    )
    plan_action = actionplan_services.add_action(
        regional,
        plan,
        lever_code="A",
        title="Partager un DPI",
        owner_kind="body",
        owner_body=carrier,
        starts_on=plan.opened_on,
        due_on=plan.opened_on + datetime.timedelta(days=30),
    )
    plan_comment = actionplan_services.comment(admin, plan_action, "Nous en sommes")
    card = workshop_services.post_card(
        workshop_services.join(workshop, "Camille"), Card.Question.choices[0][0], "Un DPI commun"
    )
    survey = open_survey(region="84")
    published = initiative(moderation=Initiative.Moderation.PUBLISHED, proposed_by=admin)
    published.managing_bodies.add(carrier)
    report = write_report(admin)
    attachment = library_services.add_attachment(
        admin, report, SimpleUploadedFile("note.pdf", PDF, content_type="application/pdf")
    )
    publish(report, regional)
    question = library_services.ask_question(
        other_admin, report, "Quelle sauvegarde avez-vous choisie ?", "http://testserver/"
    )
    import_run = ImportRun.objects.create(source="finess", file_name="finess.csv", sha256="0")
    ContactRequest.objects.create(sender=other, recipient=carrier, created_by=other_admin)
    join_request = JoinRequest.objects.create(user=users["no_org"], managing_body=carrier)
    listing = Listing.objects.create(
        direction=Listing.Direction.OFFER,
        managing_body=carrier,
        establishment=establishment,
        skill=Skill.objects.get(code="dpo"),
        title="DPO 2 jours par mois",
        days_per_month=2,
        starts_on=datetime.date.today(),
        ends_on=datetime.date.today() + datetime.timedelta(days=365),
        visibility=Listing.Visibility.REGION,
        region_id="84",
    )
    sharing_request = SharingRequest.objects.create(listing=listing, requester=partner)
    loan = loan_between((carrier, admin), (partner, partner_admin), signed=True)
    invitation = Invitation.objects.create(
        managing_body=carrier, email="invitee@example.org", invited_by=admin
    )
    specification = specification_services.start_specification(admin, grappe, "DUI commun")
    rating_services.add_item(admin, specification, carrier, "Documents", "Signature en ligne")
    spec_offer = offer_services.save_offer(
        admin, specification, offer_services.OfferData(vendor="Éditeur Alpha")
    )
    publication.generate_documents(admin, specification)

    by_namespace = {
        "grappes": {
            "uid": grappe.uid,
            "member_id": carrier_member.pk,
            "share_id": share.pk,
            "simulation_uid": simulation.uid,
            "rule_id": ProgrammeRule.objects.order_by("pk").first().pk,
        },
        "agreements": {
            "uid": grappe.uid,
            "key": agreement.clauses.order_by("pk").first().key,
            "number": 1,
            "kind": "pdf",
            "member_id": carrier_member.pk,
            "signature_id": signature.pk,
        },
        "projects": {"uid": project.uid, "grappe_uid": grappe.uid},
        "maturity": {"uid": assessment.uid, "code": "placeholder"},
        "directory": {
            "finess": carrier.finess,
            "uid": import_run.uid,
            "membership_id": member.memberships.get().pk,
        },
        "accounts": {
            "uid": join_request.uid,
            "token": invitation.token,
            "uidb64": "MQ",
            "token_reset": "set-password",
        },
        "observatory": {"name": "territoires", "extension": "csv"},
        "sharing": {"uid": listing.uid},
        "initiatives": {"uid": published.uid},
        "library": {
            "uid": report.uid,
            "question_uid": question.uid,
            "attachment_uid": attachment.uid,
        },
        "workshops": {"uid": workshop.uid, "code": workshop.code, "card_uid": card.uid},
        "actionplans": {
            "uid": plan.uid,
            "action_uid": plan_action.uid,
            "comment_uid": plan_comment.uid,
        },
        "specifications": {
            "uid": specification.uid,
            "offer_uid": spec_offer.uid,
            "code": "DUI-01",
            "version": 1,
            "kind": "pdf",
        },
    }
    by_namespace["api"] = {
        "finess": establishment.finess,
        "uid": published.uid,
        "code": published.type.code,
        "pk": "84",
    }
    overrides = {
        **{
            f"projects:{kind}{suffix}": {"item_uid": item.uid}
            for kind, item in items.items()
            for suffix in ("", "_done", "_delete", "_record", "_history")
        },
        "projects:decision_add": {"item_uid": items["meeting"].uid},
        "projects:value_proof": {"value_uid": value.uid},
        "sharing:answer": {"uid": sharing_request.uid},
        "sharing:withdraw_request": {"uid": sharing_request.uid},
        "sharing:grappe": {"uid": grappe.uid},
        **{
            f"sharing:{name}": {"uid": loan.uid, "version": 1, "kind": "pdf"}
            for name in ("loan", "loan_edit", "loan_sign", "loan_days", "loan_days_csv")
        },
        "sharing:loan_document": {"uid": loan.uid, "version": 1, "kind": "pdf"},
        "sharing:loan_prepare": {"uid": loan.request.uid},
        **{f"specifications:{name}": {"uid": grappe.uid} for name in ("grappe", "start")},
        "specifications:remove_item": {"code": "M-01"},
        **{
            f"specifications:{name}": {"version": "2026.1"}
            for name in ("library_version", "library_csv")
        },
        **{
            f"workshops:{name}": {"uid": survey.uid}
            for name in (
                "survey",
                "survey_answer",
                "survey_close",
                "survey_results",
                "survey_csv",
                "survey_xlsx",
                "survey_distribution",
                "survey_invite",
                "survey_remind",
                "survey_without_account_csv",
            )
        },
        "directory:establishment": {"finess": establishment.finess},
        "directory:it_profile_edit": {"finess": establishment.finess},
        "maturity:save_answer": {"code": assessment.answers.order_by("pk").first().indicator.code},
        "accounts:password_reset_confirm": {"token": "set-password"},
        "accounts:oidc_sign_in": {"provider": "proconnect"},
        "managing-body-detail": {"finess": carrier.finess},
        "departement-detail": {"pk": "01"},
        "commune-detail": {"pk": "01053"},
        "aggregate-detail": {"pk": establishment.category.aggregate_id},
        "sector-detail": {"pk": establishment.category.sector_id},
        "category-detail": {"pk": establishment.category_id},
        "legalstatus-detail": {"pk": LegalStatus.objects.order_by("pk").first().pk},
        "tariffmode-detail": {"pk": TariffMode.objects.order_by("pk").first().pk},
        "solution-detail": {"uid": solution.uid},
        "initiativetype-detail": {"code": published.type.code},
        "sidomain-detail": {"code": SiDomain.objects.order_by("pk").first().code},
        "experience-report-detail": {"uid": report.uid},
        "cooperationtag-detail": {"code": CooperationTag.objects.order_by("pk").first().code},
    }
    return {"users": users, "params": by_namespace, "overrides": overrides}


def url_of(world: dict, name: str, params: tuple[str, ...]) -> str:
    namespace = name.split(":")[0] if ":" in name else "api"
    values = {**world["params"].get(namespace, {}), **world["overrides"].get(name, {})}
    return reverse(name, kwargs={param: values[param] for param in params})


def clients(world: dict) -> dict[str, Client]:
    found = {"anonymous": Client()}
    for role, user in world["users"].items():
        found[role] = Client()
        found[role].force_login(user)
    return found


def test_each_url_answers_each_role_as_expected(world):
    by_role = clients(world)
    answers: dict[str, dict[str, str]] = {}
    for name, params in routes().items():
        url = url_of(world, name, params)
        answers[name] = {role: classify(by_role[role].get(url)) for role in ROLES}
    posts = {}
    for name, writers in WRITES.items():
        url = url_of(world, name, routes()[name])
        for role in set(ROLES) - set(writers):
            posts[(name, role)] = classify(by_role[role].post(url, POST_DATA.get(name, {})))
    wrong = [
        f"GET {name}: {answers[name]} (attendu {EXPECTED.get(name)})"
        for name in answers
        if answers[name] != EXPECTED.get(name)
    ] + [
        f"POST {name} par {role}: {got}"
        for (name, role), got in posts.items()
        if got != (LOGIN if role == "anonymous" else DENIED)
    ]
    print(f"{len(answers) * len(ROLES)} URL × rôle (GET), {len(posts)} écritures refusées")
    assert not wrong, "\n".join(wrong)
