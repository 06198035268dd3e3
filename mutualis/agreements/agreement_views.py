"""The agreement of a grappe: clauses, versions, comparison, review and signatures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.agreements import diff, selectors, services
from mutualis.agreements.forms import ClauseForm, PartyForm, SignatureForm, VersionForm
from mutualis.agreements.models import Agreement, Signature
from mutualis.agreements.perms import can_edit_party, can_manage_agreement, can_sign
from mutualis.grappes import exports
from mutualis.grappes import selectors as grappe_selectors
from mutualis.grappes.models import GrappeMember

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _agreement(request, uid) -> Agreement:
    grappe = grappe_selectors.grappe_documents(request.user, uid)
    agreement = selectors.agreement_of(grappe)
    if agreement is None:
        raise Http404("Pas de convention pour cette grappe.")
    return agreement


def _parties(request, agreement: Agreement, members, bound: tuple[int, PartyForm] | None):
    """Each active member with its representative, and a form for its own administrators."""
    known = selectors.parties(agreement)
    rows = []
    for member in members:
        party = known.get(member.pk)
        form = None
        if can_edit_party(request.user, agreement, member):
            if bound and bound[0] == member.pk:
                form = bound[1]
            else:
                form = PartyForm(
                    initial={"representative": party.representative, "capacity": party.capacity}
                    if party
                    else None
                )
            form.auto_id = f"partie-{member.pk}-%s"
        rows.append((member, party, form))
    return rows


def _signing(request, agreement: Agreement, latest, members, bound):
    """Each member with its signature of the latest version, or the form its administrators
    fill (prefilled with its representative)."""
    signed = selectors.signatures(latest) if latest else {}
    known = selectors.parties(agreement)
    rows = []
    for member in members:
        form = None
        if member.pk not in signed and can_sign(request.user, agreement, member):
            if bound and bound[0] == member.pk:
                form = bound[1]
            else:
                party = known.get(member.pk)
                form = SignatureForm(
                    initial={"signatory": party.representative, "capacity": party.capacity}
                    if party
                    else None
                )
            form.auto_id = f"signature-{member.pk}-%s"
        rows.append((member, signed.get(member.pk), form))
    return rows


def _page(request, agreement: Agreement, grappe, *, party=None, signature=None):
    latest = selectors.latest_version(agreement) if agreement else None
    members = list(
        grappe.members.filter(status=GrappeMember.Status.ACTIVE)
        .select_related("managing_body")
        .order_by("managing_body__display_name")
    )
    invited = grappe.members.filter(status=GrappeMember.Status.INVITED).select_related(
        "managing_body"
    )
    return render(
        request,
        "agreements/agreement.html",
        {
            "grappe": grappe,
            "agreement": agreement,
            "is_carrier": can_manage_agreement(request.user, grappe),
            "versions": agreement.versions.select_related("created_by") if agreement else [],
            "latest": latest,
            "signed_versions": selectors.signed_versions(agreement) if agreement else [],
            "invited": sorted(invited, key=lambda m: m.managing_body.display_name),
            "parties": _parties(request, agreement, members, party) if agreement else [],
            "signing": _signing(request, agreement, latest, members, signature)
            if agreement
            else [],
            "version_form": VersionForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request, uid):
    grappe = grappe_selectors.grappe_documents(request.user, uid)
    current = selectors.agreement_of(grappe)
    if request.method == "POST":
        try:
            services.create_agreement(request.user, grappe)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Convention préparée à partir de la bibliothèque de clauses.")
        return redirect("agreements:agreement", uid=grappe.uid)
    return _page(request, current, grappe)


@login_required
@require_http_methods(["GET", "POST"])
def edit_clause(request, uid, key):
    agreement = _agreement(request, uid)
    if not can_manage_agreement(request.user, agreement.grappe):
        raise PermissionDenied(
            "Seuls les administrateurs du porteur de la grappe gèrent la convention."
        )
    clause = get_object_or_404(agreement.clauses, key=key)
    form = ClauseForm(request.POST or None, instance=clause)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_clause(request.user, clause, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, f"« {clause.title} » enregistrée.")
            return redirect("agreements:agreement", uid=agreement.grappe.uid)
    return render(
        request,
        "agreements/clause_form.html",
        {"grappe": agreement.grappe, "agreement": agreement, "clause": clause, "form": form},
    )


@login_required
@require_POST
def generate(request, uid):
    agreement = _agreement(request, uid)
    form = VersionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        version = services.generate_version(request.user, agreement, note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Version {version.number} générée (DOCX et PDF).")
    return redirect("agreements:agreement", uid=agreement.grappe.uid)


@login_required
@require_POST
def change_status(request, uid):
    agreement = _agreement(request, uid)
    action = {"review": services.submit_for_review, "draft": services.back_to_draft}.get(
        request.POST.get("action")
    )
    if action is None:
        raise Http404
    try:
        action(request.user, agreement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Convention : {agreement.get_status_display().lower()}.")
    return redirect("agreements:agreement", uid=agreement.grappe.uid)


@login_required
def download(request, uid, number, kind):
    """A version's document: for a version every member signed, its signed edition (who
    signed, when), otherwise the document as generated."""
    agreement = _agreement(request, uid)
    if kind not in CONTENT_TYPES:
        raise Http404
    version = get_object_or_404(agreement.versions, number=number)
    signed = getattr(version, f"signed_{kind}")
    return FileResponse(
        (signed or getattr(version, kind)).open("rb"),
        as_attachment=True,
        filename=services.file_name(version, kind, signed=bool(signed)),
        content_type=CONTENT_TYPES[kind],
    )


@login_required
def compare(request, uid):
    agreement = _agreement(request, uid)
    versions = {v.number: v for v in agreement.versions.all()}
    try:
        old, new = versions[int(request.GET["de"])], versions[int(request.GET["a"])]
    except (KeyError, ValueError):
        messages.error(request, "Choisissez deux versions existantes à comparer.")
        return redirect("agreements:agreement", uid=agreement.grappe.uid)
    blocks = diff.compare(
        diff.lines(old.clauses, old.context), diff.lines(new.clauses, new.context)
    )
    return render(
        request,
        "agreements/compare.html",
        {
            "grappe": agreement.grappe,
            "old": old,
            "new": new,
            "blocks": blocks,
            "changed": any(b.change != "equal" for b in blocks),
        },
    )


@login_required
@require_POST
def sign(request, uid, member_id):
    agreement = _agreement(request, uid)
    member = get_object_or_404(agreement.grappe.members, pk=member_id)
    if not can_sign(request.user, agreement, member):
        raise PermissionDenied
    form = SignatureForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.record_signature(request.user, member, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Signature de {member.managing_body.display_name} enregistrée."
            )
            return redirect("agreements:agreement", uid=agreement.grappe.uid)
    return _page(request, agreement, agreement.grappe, signature=(member.pk, form))


@login_required
@require_POST
def party(request, uid, member_id):
    """A member's administrator names its representative among the parties."""
    agreement = _agreement(request, uid)
    member = get_object_or_404(agreement.grappe.members, pk=member_id)
    if not can_edit_party(request.user, agreement, member):
        raise PermissionDenied(
            "Seuls les administrateurs de l'organisme désignent son représentant, tant que la "
            "convention est un brouillon."
        )
    form = PartyForm(request.POST)
    if form.is_valid():
        services.save_party(request.user, agreement, member, **form.cleaned_data)
        messages.success(
            request,
            f"Représentant de {member.managing_body.display_name} enregistré : il figurera "
            "dans la prochaine version générée.",
        )
        return redirect("agreements:agreement", uid=agreement.grappe.uid)
    return _page(request, agreement, agreement.grappe, party=(member.pk, form))


@login_required
@require_POST
def amend(request, uid):
    """The carrier starts an amendment of the signed agreement."""
    agreement = _agreement(request, uid)
    if not can_manage_agreement(request.user, agreement.grappe):
        raise PermissionDenied(
            "Seuls les administrateurs du porteur de la grappe préparent un avenant."
        )
    try:
        agreement = services.start_amendment(request.user, agreement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Avenant n° {agreement.amendment} en préparation : modifiez les clauses, générez "
            "une version puis soumettez-la à la signature des membres. La convention signée "
            "reste inchangée.",
        )
    return redirect("agreements:agreement", uid=agreement.grappe.uid)


@login_required
def scan(request, uid, signature_id):
    agreement = _agreement(request, uid)
    signature = get_object_or_404(
        Signature.objects.select_related("member__managing_body", "version"),
        pk=signature_id,
        version__agreement=agreement,
    )
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    return FileResponse(
        signature.scan.open("rb"),
        as_attachment=True,
        filename=exports.file_name(
            agreement.grappe,
            "convention-signee",
            extension[signature.scan_type],
            f"v{signature.version.number}-{signature.member.managing_body.display_name}",
        ),
        content_type=signature.scan_type,
    )


@login_required
@require_POST
def withdraw(request, uid, member_id):
    """The carrier withdraws a pending invitation before submitting the agreement."""
    agreement = _agreement(request, uid)
    if not can_manage_agreement(request.user, agreement.grappe):
        raise PermissionDenied(
            "Seuls les administrateurs du porteur de la grappe retirent une invitation."
        )
    member = get_object_or_404(
        agreement.grappe.members.select_related("managing_body"), pk=member_id
    )
    try:
        services.withdraw_invitation(request.user, agreement, member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Invitation de {member.managing_body.display_name} retirée.")
    return redirect("agreements:agreement", uid=agreement.grappe.uid)
