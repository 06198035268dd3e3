"""Project pages: the list, opening, the overview (timeline, activity) and the progress report
(HTML and PDF from the same template)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core.pagination import paginate
from mutualis.core.pdf import pdf_response
from mutualis.grappes import exports
from mutualis.grappes.models import Grappe
from mutualis.projects import selectors, services
from mutualis.projects.models import Risk
from mutualis.projects.perms import can_open_project
from mutualis.projects.progress import criticality_level
from mutualis.projects.viewkit import context, project_or_403


def reminder_days() -> int:
    return settings.MUTUALIS["MILESTONE_REMINDER_DAYS"]


@login_required
def project_list(request):
    return render(
        request,
        "projects/project_list.html",
        {
            "projects": selectors.visible_projects(request.user),
            "regional": is_national_admin(request.user) or bool(region_codes(request.user)),
        },
    )


@login_required
def regional(request):
    """Across the projects of the regional actor's régions (every project for national
    admins): late milestones, tranches expected and received, usage progress."""
    national = is_national_admin(request.user)
    regions = region_codes(request.user)
    if not (national or regions):
        raise PermissionDenied("Cette page est réservée aux acteurs régionaux et nationaux.")
    page = paginate(request, selectors.regional_projects(request.user))
    today = timezone.localdate()
    return render(
        request,
        "projects/regional.html",
        {
            "page_obj": page,
            "rows": selectors.regional_rows(list(page.object_list), today),
            "regions": sorted(regions),
            "national": national,
            "today": today,
        },
    )


@login_required
@require_POST
def open_project(request, grappe_uid):
    grappe = get_object_or_404(Grappe, uid=grappe_uid)
    if not can_open_project(request.user, grappe):
        raise PermissionDenied
    try:
        project = services.open_project(request.user, grappe)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("grappes:detail", uid=grappe.uid)
    messages.success(request, "Suivi du projet ouvert : jalons, risques et cibles d'usage créés.")
    return redirect("projects:detail", uid=project.uid)


@login_required
def detail(request, uid):
    project = project_or_403(request, uid)
    today = timezone.localdate()
    milestones = list(selectors.milestones(project))
    return render(
        request,
        "projects/project_detail.html",
        context(
            request,
            project,
            "overview",
            timeline=selectors.timeline(project, today, reminder_days()),
            done=sum(1 for m in milestones if m.actual_date),
            late=sum(1 for m in milestones if m.is_late(today)),
            milestone_count=len(milestones),
            funding=selectors.funding(project),
            usage=selectors.usage(project),
            open_risks=project.risks.exclude(status=Risk.Status.CLOSED).count(),
            activity=selectors.activity(project),
            members=selectors.members(project),
        ),
    )


def _entries_by_member(project) -> dict[int, list]:
    """The ESSMS of each member (by member id), by name."""
    by_member: dict[int, list] = {}
    for entry in project.grappe.establishments.select_related("establishment").order_by(
        "establishment__name"
    ):
        by_member.setdefault(entry.member_id, []).append(entry.establishment)
    return by_member


def _report_context(request, project) -> dict:
    today = timezone.localdate()
    return context(
        request,
        project,
        "report",
        members=selectors.members(project),
        entries=_entries_by_member(project),
        milestones=[(m, m.is_late(today)) for m in selectors.milestones(project)],
        tranches=list(project.tranches.all()),
        funding=selectors.funding(project),
        risks=[(risk, criticality_level(risk.criticality)) for risk in selectors.risks(project)],
        matrix=selectors.risk_matrix(project),
        usage=selectors.usage(project),
        targets=selectors.usage_targets(project),
        meetings=project.meetings.select_related("host__managing_body").prefetch_related(
            "decision_items__owner__managing_body"
        ),
        decisions=list(selectors.decisions(project)),
    )


@login_required
def report(request, uid):
    project = project_or_403(request, uid)
    return render(request, "projects/report.html", _report_context(request, project))


@login_required
def report_pdf(request, uid):
    project = project_or_403(request, uid)
    name = exports.file_name(project.grappe, "avancement", "pdf", f"{timezone.localdate():%Y%m%d}")
    return pdf_response(
        request, "projects/report_pdf.html", _report_context(request, project), name
    )
