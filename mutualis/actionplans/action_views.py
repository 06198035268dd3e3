"""Actions of a plan: add and edit (facilitator), the action's page with its timeline,
updates (owners), comments (participants) and their moderation, links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.actionplans import perms, selectors, services
from mutualis.actionplans.forms import (
    ActionForm,
    CommentForm,
    LinkForm,
    LinkSearchForm,
    UpdateForm,
)
from mutualis.actionplans.models import Action, Comment
from mutualis.actionplans.views import MANAGERS_ONLY, managed_plan, viewable_plan
from mutualis.core.forms import chosen
from mutualis.grappes.models import Grappe
from mutualis.grappes.perms import can_view_grappe
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library

OWNERS_ONLY = (
    "Seuls les responsables de l'action (membres de l'organisme responsable, acteurs "
    "régionaux pour l'ARS, le GRADeS ou un collectif SI) et l'animateur du plan la mettent "
    "à jour."
)
PARTICIPANTS_ONLY = (
    "Les commentaires sont ouverts aux organismes du territoire du plan, aux acteurs "
    "régionaux de la région et à l'animateur."
)


def action_of(plan, action_uid) -> Action:
    action = chosen(plan.actions.select_related("owner_body"), str(action_uid), "uid")
    if action is None:
        raise Http404
    action.plan = plan
    return action


def _initial(action: Action) -> dict:
    initial = {name: getattr(action, name) for name in services.ACTION_FIELDS}
    initial["owner_body"] = action.owner_body.finess if action.owner_body_id else ""
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def action_form(request, uid, action_uid=None):
    plan = managed_plan(request, uid)
    action = action_of(plan, action_uid) if action_uid else None
    form = ActionForm(
        request.POST or None,
        plan=plan,
        initial=_initial(action) if action else {"starts_on": plan.opened_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if action is None:
                action = services.add_action(request.user, plan, **form.cleaned_data)
                messages.success(request, f"Action « {action.title} » ajoutée.")
            else:
                services.edit_action(request.user, action, **form.cleaned_data)
                messages.success(request, f"Action « {action.title} » modifiée.")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("actionplans:action", uid=plan.uid, action_uid=action.uid)
    return render(
        request, "actionplans/action_form.html", {"plan": plan, "action": action, "form": form}
    )


def action_context(request, plan, action: Action) -> dict:
    moderator = perms.can_manage_plan(request.user, plan)
    user = request.user
    return {
        "plan": plan,
        "action": action,
        "today": timezone.localdate(),
        "can_manage": moderator,
        "can_update": perms.can_update_action(user, action),
        "can_comment": perms.can_comment(user, plan),
        "timeline": selectors.timeline(action),
        "comments": selectors.comments_of(action, moderator),
        "initiatives": action.initiatives.filter(pk__in=initiatives.published()),
        "reports": action.reports.filter(pk__in=library.published()),
        "grappes": [g for g in action.grappes.all() if can_view_grappe(user, g)],
        "update_form": UpdateForm(initial={"on": timezone.localdate()}),
        "comment_form": CommentForm(),
        "lever": selectors.lever_labels(plan).get(action.lever_code, ""),
    }


@login_required
def action_detail(request, uid, action_uid):
    plan = viewable_plan(request, uid)
    action = action_of(plan, action_uid)
    return render(request, "actionplans/action_detail.html", action_context(request, plan, action))


@login_required
@require_POST
def action_update(request, uid, action_uid):
    plan = viewable_plan(request, uid)
    action = action_of(plan, action_uid)
    if not perms.can_update_action(request.user, action):
        raise PermissionDenied(OWNERS_ONLY)
    form = UpdateForm(request.POST)
    if form.is_valid():
        try:
            services.record_update(request.user, action, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Point d'étape enregistré.")
            return redirect("actionplans:action", uid=plan.uid, action_uid=action.uid)
    context = action_context(request, plan, action)
    context["update_form"] = form
    return render(request, "actionplans/action_detail.html", context, status=400)


@login_required
@require_POST
def add_comment(request, uid, action_uid):
    plan = viewable_plan(request, uid)
    action = action_of(plan, action_uid)
    if not perms.can_comment(request.user, plan):
        raise PermissionDenied(PARTICIPANTS_ONLY)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment(request.user, action, form.cleaned_data["text"])
        messages.success(request, "Commentaire publié.")
        return redirect("actionplans:action", uid=plan.uid, action_uid=action.uid)
    context = action_context(request, plan, action)
    context["comment_form"] = form
    return render(request, "actionplans/action_detail.html", context, status=400)


@login_required
@require_POST
def hide_comment(request, uid, comment_uid):
    plan = viewable_plan(request, uid)
    if not perms.can_manage_plan(request.user, plan):
        raise PermissionDenied(MANAGERS_ONLY)
    found = chosen(
        Comment.objects.filter(action__plan=plan).select_related("action"), str(comment_uid), "uid"
    )
    if found is None:
        raise Http404
    hidden = request.POST.get("action") != "afficher"
    services.hide_comment(request.user, found, hidden)
    messages.success(
        request, "Commentaire masqué." if hidden else "Commentaire de nouveau visible."
    )
    return redirect("actionplans:action", uid=plan.uid, action_uid=found.action.uid)


def _link_target(user, kind: str, uid):
    if kind == "initiative":
        return chosen(initiatives.published(), str(uid), "uid")
    if kind == "rex":
        return chosen(library.published(), str(uid), "uid")
    grappe = chosen(Grappe.objects.all(), str(uid), "uid")
    return grappe if grappe is not None and can_view_grappe(user, grappe) else None


@login_required
@require_http_methods(["GET", "POST"])
def action_links(request, uid, action_uid):
    plan = viewable_plan(request, uid)
    action = action_of(plan, action_uid)
    if not perms.can_update_action(request.user, action):
        raise PermissionDenied(OWNERS_ONLY)
    if request.method == "POST":
        form = LinkForm(request.POST)
        if not form.is_valid():
            raise Http404
        data = form.cleaned_data
        target = _link_target(request.user, data["kind"], data["target"])
        if target is None:
            raise Http404
        services.set_link(request.user, action, data["kind"], target, data["linked"])
        messages.success(request, "Lien ajouté." if data["linked"] else "Lien retiré.")
        return redirect("actionplans:action_links", uid=plan.uid, action_uid=action.uid)
    search = LinkSearchForm(request.GET or None)
    found = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = selectors.linkable(request.user, search.cleaned_data["q"])
    context = action_context(request, plan, action)
    context.update(
        {
            "search": search,
            "found": found,
            "linked": [
                ("initiative", context["initiatives"]),
                ("rex", context["reports"]),
                ("grappe", context["grappes"]),
            ],
            "found_groups": [
                ("initiative", "Initiatives", found["initiatives"]),
                ("rex", "Retours d'expérience", found["reports"]),
                ("grappe", "Grappes", found["grappes"]),
            ]
            if found
            else [],
        }
    )
    return render(request, "actionplans/action_links.html", context)
