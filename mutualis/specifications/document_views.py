"""Documents and publication of a specification: generated DOCX/PDF versions, the SAD
readiness checklist and lot, publication and its public page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mutualis.core.pagination import paginate
from mutualis.core.pdf import pdf_response
from mutualis.specifications import access, document, perms, publication, readiness
from mutualis.specifications.document_forms import LotForm
from mutualis.specifications.document_models import SpecificationDocument
from mutualis.specifications.models import Importance, Specification
from mutualis.specifications.navigation import tabs

TAB = "documents"
VERSIONS_PER_PAGE = 10


def _checks(specification: Specification) -> list[readiness.Check]:
    return readiness.checklist(document.readiness_facts(specification))


def _documents_page(request, specification: Specification, lot_form=None, status=200):
    can_lead = perms.can_lead(request.user, specification)
    if lot_form is None and can_lead:
        lot_form = LotForm(
            initial={
                "sad_sector": specification.sad_sector,
                "sad_mode": specification.sad_mode,
                "ars_prevalidated_on": specification.ars_prevalidated_on,
            }
        )
    checks = _checks(specification)
    versions: dict[int, list[SpecificationDocument]] = {}
    for stored in specification.documents.select_related("created_by"):
        versions.setdefault(stored.version, []).append(stored)
    latest = versions[max(versions)][0] if versions else None
    up_to_date = latest is not None and latest.context_hash == document.context_hash(
        document.build_context(specification)
    )
    return render(
        request,
        "specifications/documents.html",
        {
            "specification": specification,
            "tabs": tabs(request.user, specification, TAB),
            "heading": "Documents et publication",
            "can_lead": can_lead,
            "lot_form": lot_form,
            "checks": checks,
            "ready": readiness.is_ready(checks),
            "versions": paginate(
                request, sorted(versions.items(), reverse=True), VERSIONS_PER_PAGE
            ),
            "latest": latest,
            "up_to_date": up_to_date,
            "lot": document.sad_lot_label(specification),
        },
        status=status,
    )


@login_required
@require_GET
def documents(request, uid):
    specification = access.viewable(request, uid)
    return _documents_page(request, specification)


@login_required
@require_POST
def generate(request, uid):
    specification = access.led(request, uid)
    stored = publication.generate_documents(request.user, specification)
    messages.success(request, f"Version {stored[0].version} générée (DOCX et PDF).")
    return redirect("specifications:documents", specification.uid)


@login_required
@require_GET
def document_file(request, uid, version: int, kind: str):
    specification = access.viewable(request, uid)
    if kind not in SpecificationDocument.Kind.values:
        raise Http404
    stored = specification.documents.filter(version=version, kind=kind).first()
    if stored is None or not stored.file:
        raise Http404
    content_type = (
        "application/pdf"
        if kind == SpecificationDocument.Kind.PDF
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"{slugify(specification.title)[:60] or 'cahier-des-charges'}-v{version}.{kind}"
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


@login_required
@require_POST
def set_lot(request, uid):
    specification = access.led(request, uid)
    form = LotForm(request.POST)
    if not form.is_valid():
        return _documents_page(request, specification, lot_form=form, status=400)
    data = form.cleaned_data
    publication.set_lot(
        request.user,
        specification,
        data["sad_sector"],
        data["sad_mode"],
        data["ars_prevalidated_on"],
    )
    messages.success(request, "Lot du SAD et pré-validation enregistrés.")
    return redirect("specifications:documents", specification.uid)


@login_required
@require_GET
def sad_pdf(request, uid):
    specification = access.viewable(request, uid)
    return pdf_response(
        request,
        "specifications/sad_pdf.html",
        {
            "specification": specification,
            "checks": _checks(specification),
            "lot": document.sad_lot_label(specification),
            "sources": readiness.SOURCES,
        },
        f"preparation-sad-{slugify(specification.title)[:60]}.pdf",
    )


def _public_context(specification: Specification) -> dict:
    """What becomes public: arbitrated requirements, criteria, decision and its reason; never
    the members' individual ratings nor prices."""
    context = document.build_context(specification)
    domains = [
        {
            "label": domain["label"],
            "requirements": [item for item in domain["requirements"] if item["arbitrated"]],
        }
        for domain in context["domains"]
    ]
    domains = [domain for domain in domains if domain["requirements"]]
    return {
        "doc": context,
        "public_domains": domains,
        "arbitrated_count": sum(len(domain["requirements"]) for domain in domains),
        "chosen_offer": specification.chosen_offer,
        "lot": document.sad_lot_label(specification),
        "indispensable_label": Importance.INDISPENSABLE.label,
    }


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, uid):
    specification = access.led(request, uid)
    if request.method == "POST":
        public_url = request.build_absolute_uri(
            reverse("specifications:public", args=[specification.uid])
        )
        try:
            publication.publish(request.user, specification, public_url)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Cahier des charges publié ; son retour d'expérience est proposé à la "
                "modération de la bibliothèque.",
            )
        return redirect("specifications:documents", specification.uid)
    return render(
        request,
        "specifications/publish.html",
        {
            "specification": specification,
            "tabs": tabs(request.user, specification, TAB),
            "heading": "Publier le cahier des charges",
            **_public_context(specification),
        },
    )


@login_required
@require_POST
def unpublish(request, uid):
    specification = access.led(request, uid)
    try:
        publication.unpublish(request.user, specification)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Le cahier des charges n'est plus public.")
    return redirect("specifications:documents", specification.uid)


@require_GET
def public(request, uid):
    specification = access.specification_or_404(uid)
    if not perms.can_read_public(specification):
        raise Http404
    return render(
        request,
        "specifications/public.html",
        {"specification": specification, **_public_context(specification)},
    )
