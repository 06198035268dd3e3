from django.urls import path

from mutualis.agreements import agreement_views, cooperation_views

app_name = "agreements"
urlpatterns = [
    path("<uuid:uid>/evaluation/", cooperation_views.evaluation, name="evaluation"),
    path("<uuid:uid>/evaluation/tour/", cooperation_views.new_round, name="new_round"),
    path("<uuid:uid>/convention/", agreement_views.agreement, name="agreement"),
    path("<uuid:uid>/convention/clauses/<slug:key>/", agreement_views.edit_clause, name="clause"),
    path("<uuid:uid>/convention/versions/", agreement_views.generate, name="generate"),
    path("<uuid:uid>/convention/etat/", agreement_views.change_status, name="status"),
    path("<uuid:uid>/convention/comparaison/", agreement_views.compare, name="compare"),
    path(
        "<uuid:uid>/convention/versions/<int:number>.<str:kind>",
        agreement_views.download,
        name="download",
    ),
    path("<uuid:uid>/convention/signatures/<int:member_id>/", agreement_views.sign, name="sign"),
    path("<uuid:uid>/convention/parties/<int:member_id>/", agreement_views.party, name="party"),
    path("<uuid:uid>/convention/avenant/", agreement_views.amend, name="amend"),
    path(
        "<uuid:uid>/convention/invitations/<int:member_id>/retrait/",
        agreement_views.withdraw,
        name="withdraw",
    ),
    path(
        "<uuid:uid>/convention/signatures/<int:signature_id>/scan",
        agreement_views.scan,
        name="scan",
    ),
]
