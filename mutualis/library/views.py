"""Pages of the library: public search, report page, writing, documents, questions,
moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core.forms import ModerationForm
from mutualis.core.pagination import paginate
from mutualis.library import attachments, perms, selectors, services
from mutualis.library.forms import (
    AnswerForm,
    AttachmentForm,
    QuestionForm,
    ReportForm,
    SearchForm,
)
from mutualis.library.models import Attachment, ExperienceReport, Question

PER_PAGE = 10


def _report(request, uid, check=perms.can_view) -> ExperienceReport:
    report = get_object_or_404(
        ExperienceReport.objects.select_related(
            "region", "initiative__type", "author", "managing_body"
        ),
        uid=uid,
    )
    if not check(request.user, report):
        raise PermissionDenied
    return report


def _errors(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def home(request):
    form = SearchForm(request.GET or None)
    query = form.query()
    results = selectors.search(query, **form.selected(request.GET))
    user = request.user
    return render(
        request,
        "library/home.html",
        {
            "form": form,
            "query": query,
            "page_obj": paginate(request, results, per_page=PER_PAGE),
            "facets": results.facets,
            "filtered": any(v.selected for f in results.facets for v in f.values),
            "can_write": perms.can_write(user),
            "queue_size": selectors.moderation_queue(user).count() if user.is_authenticated else 0,
        },
    )


def detail(request, uid):
    report = _report(request, uid)
    query = SearchForm(request.GET).query()
    title, sections = selectors.sections(report, query)
    user = request.user
    is_author = perms.is_author(user, report)
    return render(
        request,
        "library/report_detail.html",
        {
            "report": report,
            "title": title,
            "sections": sections,
            "query": query,
            "tags": report.tags.all(),
            "attachments": report.attachments.all(),
            "answered": selectors.answered_questions(report),
            "waiting": report.questions.filter(answer="") if is_author else [],
            "is_author": is_author,
            "can_edit": perms.can_edit(user, report),
            "can_propose": perms.can_propose(user, report),
            "can_delete": perms.can_delete(user, report),
            "can_ask": perms.can_ask(user, report),
            "can_moderate": perms.can_moderate(user, report)
            and report.state == ExperienceReport.State.PROPOSED,
            "attachment_form": AttachmentForm(),
            "question_form": QuestionForm(),
            "moderation_form": ModerationForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report = services.create_report(request.user, form.cleaned_data)
        messages.success(
            request,
            "Brouillon enregistré : joignez vos documents, puis proposez-le à la publication.",
        )
        return redirect("library:detail", uid=report.uid)
    return render(request, "library/report_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, uid):
    report = _report(request, uid, perms.can_edit)
    form = ReportForm(request.POST or None, instance=report, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.edit_report(request.user, report, form.cleaned_data)
        messages.success(request, "Retour d'expérience enregistré.")
        return redirect("library:detail", uid=report.uid)
    return render(request, "library/report_form.html", {"form": form, "report": report})


@login_required
@require_POST
def propose(request, uid):
    report = _report(request, uid, perms.can_propose)
    try:
        services.propose_report(request.user, report)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, "Retour proposé : il sera publié après relecture par un acteur régional."
        )
    return redirect("library:detail", uid=report.uid)


@login_required
@require_POST
def delete(request, uid):
    report = _report(request, uid, perms.can_delete)
    services.delete_report(request.user, report)
    messages.success(request, f"Brouillon « {report.title} » supprimé.")
    return redirect("library:mine")


@login_required
@require_POST
def attach(request, uid):
    report = _report(request, uid, perms.can_edit)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(request.user, report, form.cleaned_data["file"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, "Document joint.")
    else:
        messages.error(request, " ".join(form.errors.get("file", ["Choisissez un fichier."])))
    return redirect(reverse("library:detail", args=[report.uid]) + "#documents")


def attachment(request, uid, attachment_uid):
    document = get_object_or_404(
        Attachment.objects.select_related("report"), uid=attachment_uid, report__uid=uid
    )
    if not perms.can_download(request.user, document):
        raise PermissionDenied
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=attachments.download_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )


@login_required
@require_POST
def detach(request, uid, attachment_uid):
    document = get_object_or_404(Attachment, uid=attachment_uid, report__uid=uid)
    services.remove_attachment(request.user, document)
    messages.success(request, f"Document « {document.original_name} » retiré.")
    return redirect(reverse("library:detail", args=[uid]) + "#documents")


@login_required
@require_POST
def ask(request, uid):
    report = _report(request, uid, perms.can_ask)
    form = QuestionForm(request.POST)
    if form.is_valid():
        url = request.build_absolute_uri(reverse("library:detail", args=[report.uid]))
        services.ask_question(request.user, report, form.cleaned_data["text"], url)
        messages.success(
            request, "Question envoyée à l'auteur : sa réponse sera publiée sur cette page."
        )
    else:
        messages.error(request, "Écrivez votre question (2 000 caractères au plus).")
    return redirect(reverse("library:detail", args=[report.uid]) + "#questions")


@login_required
@require_POST
def answer(request, question_uid):
    question = get_object_or_404(Question.objects.select_related("report"), uid=question_uid)
    if not perms.can_answer(request.user, question):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    report = question.report
    if form.is_valid():
        url = request.build_absolute_uri(reverse("library:detail", args=[report.uid]))
        services.answer_question(request.user, question, form.cleaned_data["text"], url)
        messages.success(request, "Réponse publiée.")
    else:
        messages.error(request, "Écrivez votre réponse (4 000 caractères au plus).")
    return redirect(reverse("library:detail", args=[report.uid]) + "#questions")


@login_required
@require_POST
def moderate(request, uid):
    report = _report(request, uid, perms.can_moderate)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Choisissez une décision.")
        return redirect("library:detail", uid=report.uid)
    publish = form.cleaned_data["decision"] == "publish"
    try:
        services.moderate_report(request.user, report, publish, form.cleaned_data["note"])
    except ValidationError as error:
        _errors(request, error)
        return redirect("library:detail", uid=report.uid)
    messages.success(request, f"« {report.title} » {'publié' if publish else 'refusé'}.")
    return redirect("library:moderation")


@login_required
def moderation(request):
    queue = selectors.moderation_queue(request.user)
    return render(request, "library/moderation.html", {"page_obj": paginate(request, queue)})


@login_required
def mine(request):
    return render(
        request,
        "library/mine.html",
        {"page_obj": paginate(request, selectors.written_by(request.user))},
    )
