"""The generated documents of a specification: each generation is a version holding its DOCX
and PDF, the context they were rendered from, its hash and its author."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def _document_path(document: SpecificationDocument, filename: str) -> str:
    return f"specifications/{document.specification.uid}/{filename}"


class SpecificationDocument(models.Model):
    class Kind(models.TextChoices):
        DOCX = "docx", "DOCX (Word)"
        PDF = "pdf", "PDF"

    specification = models.ForeignKey(
        "specifications.Specification", on_delete=models.CASCADE, related_name="documents"
    )
    version = models.PositiveSmallIntegerField("version")
    kind = models.CharField("format", max_length=4, choices=Kind)
    file = models.FileField(upload_to=_document_path, max_length=200)
    context = models.JSONField("données")
    context_hash = models.CharField("empreinte", max_length=64)
    draft = models.BooleanField("projet (arbitrages incomplets)", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document du cahier des charges"
        verbose_name_plural = "documents des cahiers des charges"
        ordering = ["specification", "-version", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["specification", "version", "kind"], name="one_specification_document"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.kind}"


class SpecificationTemplate(models.Model):
    """A DOCX template (docxtpl) of the specification uploaded by an administrator, checked by
    a test fill; the latest active one is used, the template shipped with the product
    otherwise (data/cahier-des-charges-*.docx, a copy to start from)."""

    name = models.CharField("nom", max_length=150)
    file = models.FileField("modèle DOCX", upload_to="specifications/templates/")
    is_active = models.BooleanField("actif", default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "modèle de cahier des charges"
        verbose_name_plural = "modèles de cahier des charges"
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name
