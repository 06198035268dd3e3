"""Writes of the documents and publication part, one function per user action, each with its
audit row: the SAD lot, generated documents, publication (with its experience report) and new
versions of the requirements library. Views check permissions first."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from mutualis.core import audit
from mutualis.library import services as library_services
from mutualis.library.models import ExperienceReport
from mutualis.specifications import document, requirements
from mutualis.specifications.document_models import SpecificationDocument
from mutualis.specifications.models import Importance, RequirementLibrary, Specification


def _locked(specification: Specification) -> Specification:
    return Specification.objects.select_for_update(of=("self",)).get(pk=specification.pk)


@transaction.atomic
def set_lot(
    actor,
    specification: Specification,
    sector: str,
    mode: str,
    ars_prevalidated_on: datetime.date | None,
) -> Specification:
    """The SAD lot (sector × mode) and the date of the ARS pre-validation."""
    specification = _locked(specification)
    changes = audit.diff_fields(
        specification,
        {"sad_sector": sector, "sad_mode": mode, "ars_prevalidated_on": ars_prevalidated_on},
    )
    specification.sad_sector = sector
    specification.sad_mode = mode
    specification.ars_prevalidated_on = ars_prevalidated_on
    specification.save(
        update_fields=["sad_sector", "sad_mode", "ars_prevalidated_on", "updated_at"]
    )
    audit.record(actor, "specifications.set_lot", specification, changes)
    return specification


def _file_name(specification: Specification, version: int, kind: str) -> str:
    slug = slugify(specification.title)[:60] or "cahier-des-charges"
    return f"{slug}-v{version}.{kind}"


@transaction.atomic
def generate_documents(actor, specification: Specification) -> list[SpecificationDocument]:
    """Render the DOCX and the PDF of the specification as it stands, stored as the next
    version with their context and its hash."""
    specification = _locked(specification)
    context = document.build_context(specification)
    digest = document.context_hash(context)
    last = specification.documents.aggregate(last=Max("version"))["last"] or 0
    version = last + 1
    rendered = document.render_context(context, version)
    template = document.current_template()
    stored = []
    for kind, content in (
        (SpecificationDocument.Kind.DOCX, document.render_docx(rendered, template)),
        (SpecificationDocument.Kind.PDF, document.render_pdf(rendered)),
    ):
        stored_document = SpecificationDocument(
            specification=specification,
            version=version,
            kind=kind,
            context=context,
            context_hash=digest,
            draft=rendered["draft"],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        stored_document.file.save(
            _file_name(specification, version, kind), ContentFile(content), save=False
        )
        stored_document.save()
        stored.append(stored_document)
    audit.record(
        actor,
        "specifications.generate",
        specification,
        {"version": version, "hash": digest, "draft": rendered["draft"]},
    )
    return stored


def _report_region(grappe):
    """Where the report is moderated: the grappe's deposit région, else its carrier's."""
    if grappe.deposit_region_id:
        return grappe.deposit_region
    establishment = (
        grappe.carrier.establishments.exclude(region=None).select_related("region").order_by("pk")
    ).first()
    return establishment.region if establishment else None


def _lines(items, empty: str) -> str:
    return "\n".join(items) or empty


def report_sections(specification: Specification, public_url: str) -> dict:
    """The experience report's text, from what the public page shows (arbitrated
    requirements, criteria, decision): never a member's rating nor a price."""
    grappe = specification.grappe
    context = document.build_context(specification)
    arbitrated = [
        item
        for domain in context["domains"]
        for item in domain["requirements"]
        if item["arbitrated"]
    ]
    indispensable = [
        f"- {item['code']} {item['label']}"
        for item in arbitrated
        if item["importance"] == Importance.INDISPENSABLE.label
    ]
    members = [
        f"- {m['name']} (FINESS {m['finess']}, {m['essms']} ESSMS)" for m in context["members"]
    ]
    decision = "Pas encore de décision."
    if specification.decided_at:
        decision = f"Décision du {specification.decided_at:%d/%m/%Y}"
        if specification.chosen_offer_id:
            decision += f" : offre retenue « {specification.chosen_offer} »"
        decision += "."
        if specification.decision_reason:
            decision += f" Motifs : {specification.decision_reason}"
    criteria = ", ".join(f"{c['label']} ({c['weight']})" for c in context["criteria"])
    return {
        "title": f"Cahier des charges commun — {grappe.name}"[:200],
        "context": (
            f"La grappe « {grappe.name} », portée par {context['carrier']}, a rédigé un cahier "
            f"des charges commun pour son dossier usager informatisé. "
            f"Objet : {specification.purpose or 'non renseigné'}. "
            f"Le cahier des charges publié : {public_url}"
        )[:5000],
        "actors": _lines(members, "Les membres de la grappe.")[:3000],
        "pooled": (
            f"Un cahier des charges commun de {context['item_count']} exigences (bibliothèque "
            f"{context['library']['version']}), notées par chaque membre puis arbitrées par le "
            f"groupe ({len(arbitrated)} arbitrées), et une grille d'évaluation des offres : "
            f"{criteria or 'aucun critère'}."
        )[:3000],
        "timeline": (
            f"Cahier des charges commencé le {specification.created_at:%d/%m/%Y}, publié le "
            f"{timezone.localdate():%d/%m/%Y}."
        ),
        "worked": (
            "Exigences retenues comme indispensables :\n"
            + _lines(indispensable, "aucune.")
            + f"\n\n{decision}"
        )[:5000],
        "advice": f"Le cahier des charges complet, réutilisable : {public_url}"[:3000],
        "managing_body": grappe.carrier,
        "region": _report_region(grappe),
    }


@transaction.atomic
def publish(actor, specification: Specification, public_url: str) -> Specification:
    """Make the public page visible and propose an experience report to the moderators."""
    specification = _locked(specification)
    if specification.is_published:
        raise ValidationError("Ce cahier des charges est déjà publié.")
    sections = report_sections(specification, public_url)
    report = specification.report
    if report is None:
        report = library_services.create_report(actor, sections)
    elif report.author_id == actor.pk and report.state in (
        ExperienceReport.State.DRAFT,
        ExperienceReport.State.REJECTED,
    ):
        report = library_services.edit_report(actor, report, sections)
    if report.author_id == actor.pk and report.state in (
        ExperienceReport.State.DRAFT,
        ExperienceReport.State.REJECTED,
    ):
        library_services.propose_report(actor, report)
    specification.report = report
    specification.published_at = timezone.now()
    specification.save(update_fields=["report", "published_at", "updated_at"])
    audit.record(actor, "specifications.publish", specification, {"report": str(report.uid)})
    return specification


@transaction.atomic
def unpublish(actor, specification: Specification) -> Specification:
    """Hide the public page again; the experience report stays with its moderators."""
    specification = _locked(specification)
    if not specification.is_published:
        raise ValidationError("Ce cahier des charges n'est pas publié.")
    specification.published_at = None
    specification.save(update_fields=["published_at", "updated_at"])
    audit.record(actor, "specifications.unpublish", specification)
    return specification


@transaction.atomic
def load_library_version(
    actor, text: str, version: str, title: str, source: str, make_current: bool
) -> RequirementLibrary:
    """A new version of the requirements library; ``LibraryFileError`` if the file is
    wrong (nothing written)."""
    library = requirements.load_library(
        text, version, title, source, make_current=make_current, user=actor
    )
    audit.record(
        actor,
        "specifications.library_load",
        library,
        {"version": version, "requirements": library.requirements.count()},
    )
    return library
