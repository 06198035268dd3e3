from django.urls import path

from mutualis.specifications import document_views, library_views

app_name = "specifications"
urlpatterns: list = [
    path("<uuid:uid>/documents/", document_views.documents, name="documents"),
    path("<uuid:uid>/documents/generer/", document_views.generate, name="generate"),
    path(
        "<uuid:uid>/documents/<int:version>/<str:kind>/",
        document_views.document_file,
        name="document",
    ),
    path("<uuid:uid>/lot/", document_views.set_lot, name="set_lot"),
    path("<uuid:uid>/sad.pdf", document_views.sad_pdf, name="sad_pdf"),
    path("<uuid:uid>/publier/", document_views.publish, name="publish"),
    path("<uuid:uid>/depublier/", document_views.unpublish, name="unpublish"),
    path("<uuid:uid>/public/", document_views.public, name="public"),
    path("bibliotheque/", library_views.library, name="library"),
    path("bibliotheque/<str:version>.csv", library_views.library_csv, name="library_csv"),
    path("bibliotheque/<str:version>/", library_views.library_version, name="library_version"),
]
