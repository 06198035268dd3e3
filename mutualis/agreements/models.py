"""Cooperation self-evaluation rounds and answers; agreements, their versions and signatures."""

import uuid

from django.conf import settings
from django.db import models

from mutualis.grappes.models import Grappe, GrappeMember


class CooperationRound(models.Model):
    """One round of the cooperation self-evaluation of a grappe; rounds repeat over time."""

    grappe = models.ForeignKey(Grappe, on_delete=models.CASCADE, related_name="cooperation_rounds")
    number = models.PositiveSmallIntegerField("tour")
    referential = models.CharField("version du questionnaire", max_length=20)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tour d'évaluation de la coopération"
        ordering = ["grappe", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grappe", "number"], name="one_round_number")
        ]

    def __str__(self) -> str:
        return f"Tour {self.number} — {self.grappe}"


class CooperationResponse(models.Model):
    """A member's answers for one round: visible only to its managing body's users."""

    round = models.ForeignKey(CooperationRound, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        GrappeMember, on_delete=models.CASCADE, related_name="cooperation_responses"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réponse à l'évaluation de la coopération"
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_response_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.member.managing_body} — {self.round}"


class CooperationAnswer(models.Model):
    """Agreement with one statement, 1 (not at all) to 4 (fully); no row = not answered."""

    response = models.ForeignKey(
        CooperationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.CharField("question", max_length=10)
    value = models.PositiveSmallIntegerField("réponse")

    class Meta:
        verbose_name = "réponse à une question de coopération"
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_cooperation_answer"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=4), name="answer_from_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} : {self.value}"


class Agreement(models.Model):
    """The cooperation agreement of a grappe: clauses edited per grappe, then versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        REVIEW = "review", "En relecture"
        SIGNED = "signed", "Signée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    grappe = models.OneToOneField(Grappe, on_delete=models.CASCADE, related_name="agreement")
    status = models.CharField("état", max_length=10, choices=Status, default=Status.DRAFT)
    # 0 while the convention itself is prepared and signed; n once "avenant n" is started:
    # the status then follows that amendment, the signed versions stay as they were.
    amendment = models.PositiveSmallIntegerField("avenant en cours", default=0)
    library_version = models.CharField("version de la bibliothèque de clauses", max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "convention de coopération"
        verbose_name_plural = "conventions de coopération"

    def __str__(self) -> str:
        return f"Convention — {self.grappe}"


class AgreementParty(models.Model):
    """How a member appears among the parties: its representative, entered by one of its
    administrators (the legal identity itself comes from the directory)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    member = models.ForeignKey(GrappeMember, on_delete=models.CASCADE, related_name="+")
    representative = models.CharField("nom du représentant", max_length=150)
    capacity = models.CharField("qualité du représentant", max_length=150)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "partie à la convention"
        verbose_name_plural = "parties à la convention"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "member"], name="one_party_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.representative} ({self.capacity}) — {self.member.managing_body}"


class AgreementClause(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses")
    key = models.SlugField("clé", max_length=40)
    position = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("titre", max_length=200)
    text = models.TextField("texte", max_length=20000)

    class Meta:
        verbose_name = "clause"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="one_clause")]

    def __str__(self) -> str:
        return self.title


def _document_path(version: "AgreementVersion", filename: str) -> str:
    return f"agreements/{version.agreement.uid}/{filename}"


class AgreementVersion(models.Model):
    """A generated version: the clauses and grappe data it used, and both documents."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    amendment = models.PositiveSmallIntegerField("avenant", default=0)  # 0: the convention
    # A draft carries the "projet" banner; the version submitted for signature does not.
    draft = models.BooleanField("projet", default=True)
    clauses = models.JSONField("clauses")
    context = models.JSONField("données de la grappe")
    context_hash = models.CharField("empreinte", max_length=64)
    docx = models.FileField(upload_to=_document_path)
    pdf = models.FileField(upload_to=_document_path)
    signed_docx = models.FileField(upload_to=_document_path, blank=True)
    signed_pdf = models.FileField(upload_to=_document_path, blank=True)
    signed_at = models.DateTimeField("signée par tous les membres le", null=True, blank=True)
    note = models.CharField("note de version", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "version de convention"
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} — {self.agreement}"

    @property
    def label(self) -> str:
        """ "convention, version 2" or "avenant n° 1, version 4"."""
        what = f"avenant n° {self.amendment}" if self.amendment else "convention"
        return f"{what}, version {self.number}"


def _scan_path(signature: "Signature", filename: str) -> str:
    return f"agreements/{signature.version.agreement.uid}/signatures/{uuid.uuid4().hex}"


class Signature(models.Model):
    """A member's signature of a version, with the signed scan it uploaded."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="signatures"
    )
    member = models.ForeignKey(GrappeMember, on_delete=models.PROTECT, related_name="signatures")
    signatory = models.CharField("signataire", max_length=150)
    capacity = models.CharField("qualité", max_length=150)
    signed_on = models.DateField("date de signature")
    scan = models.FileField("convention signée", upload_to=_scan_path)
    scan_type = models.CharField(max_length=40)
    scan_size = models.PositiveIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "signature"
        constraints = [models.UniqueConstraint(fields=["version", "member"], name="one_signature")]

    def __str__(self) -> str:
        return f"{self.member.managing_body} — {self.version}"


class DocumentTemplate(models.Model):
    """A DOCX template (docxtpl) uploaded by an administrator; the latest active one is used,
    the template shipped with the product otherwise."""

    name = models.CharField("nom", max_length=150)
    file = models.FileField("modèle DOCX", upload_to="agreements/templates/")
    is_active = models.BooleanField("actif", default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "modèle de convention"
        verbose_name_plural = "modèles de convention"
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name
