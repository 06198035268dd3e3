"""Experience reports (REX) on pooling, their cooperation tags, attached documents and the
questions readers ask their authors.

Full-text search data is written by the service layer only (``search.index``), never in
``save()``: ``search_vector`` on PostgreSQL, an FTS5 table on SQLite (migration 0002).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from mutualis.library.attachments import LABELS


class CooperationTag(models.Model):
    """One entry of the cooperation referential (success factor, facilitating element,
    failure cause, brake), shipped in ``data/cooperation-tags.csv``."""

    class Kind(models.TextChoices):
        FACILITATING = "facilitating", "Élément facilitant"
        BRAKE = "brake", "Frein"

    class Group(models.TextChoices):
        SUCCESS_FACTOR = "success_factor", "Facteur clé de succès"
        FACILITATING_ELEMENT = "facilitating_element", "Élément facilitant"
        FAILURE_CAUSE = "failure_cause", "Cause fréquente d'échec"
        BRAKE = "brake", "Frein à la mutualisation"

    code = models.SlugField("code", max_length=40, unique=True)
    label = models.CharField("libellé", max_length=120)
    kind = models.CharField("nature", max_length=12, choices=Kind)
    group = models.CharField("famille", max_length=24, choices=Group)
    description = models.CharField("description", max_length=300, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "élément du référentiel de coopération"
        verbose_name_plural = "référentiel de coopération"
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class ExperienceReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ExperienceReport.State.PUBLISHED)


class ExperienceReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        PROPOSED = "proposed", "À modérer"
        PUBLISHED = "published", "Publié"
        REJECTED = "rejected", "Refusé"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("titre", max_length=200)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name="initiative de mutualisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experience_reports",
    )
    context = models.TextField("contexte", max_length=5000)
    actors = models.TextField("acteurs", max_length=3000, blank=True)
    pooled = models.TextField("ce qui a été mutualisé", max_length=3000)
    timeline = models.TextField("calendrier", max_length=3000, blank=True)
    worked = models.TextField("ce qui a fonctionné", max_length=5000, blank=True)
    did_not_work = models.TextField("ce qui n'a pas fonctionné", max_length=5000, blank=True)
    benefits = models.TextField("bénéfices", max_length=3000, blank=True)
    costs = models.TextField("coûts et financement", max_length=3000, blank=True)
    advice = models.TextField("conseils", max_length=3000, blank=True)
    tags = models.ManyToManyField(
        CooperationTag,
        verbose_name="éléments facilitants et freins",
        related_name="reports",
        blank=True,
    )
    region = models.ForeignKey(
        "territories.Region",
        verbose_name="région",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="experience_reports",
    )
    managing_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme de l'auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experience_reports",
    )
    state = models.CharField("état", max_length=10, choices=State, default=State.DRAFT)
    moderation_note = models.CharField("motif du refus", max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Search data, written by the service layer (search.index) with the full-text index:
    # the vector on PostgreSQL only (GIN index and inline storage set by migration 0002),
    # the tag codes on both (the facets read them with the ranking, in one query).
    search_vector = SearchVectorField(null=True, editable=False)
    search_tags = models.CharField(max_length=1000, blank=True, editable=False)

    # Also on the reverse relations (``initiative.experience_reports.published()``), for the
    # apps above this one, which do not import it.
    objects = ExperienceReportQuerySet.as_manager()

    class Meta:
        verbose_name = "retour d'expérience"
        verbose_name_plural = "retours d'expérience"
        ordering = ["-published_at", "-updated_at"]
        # No index on state: searches must go through the GIN index (migration 0002).

    def __str__(self) -> str:
        return self.title


# The text sections of a report, in reading order: (field, search weight). The title weighs
# most (A), what was pooled and the context next (B), the rest after (C).
SECTIONS = [
    ("context", "B"),
    ("actors", "C"),
    ("pooled", "B"),
    ("timeline", "C"),
    ("worked", "C"),
    ("did_not_work", "C"),
    ("benefits", "C"),
    ("costs", "C"),
    ("advice", "C"),
]
SEARCHED_FIELDS = [("title", "A"), *SECTIONS]


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    # Never the uploaded name: it could carry a path or a misleading extension.
    return f"library/{attachment.report.uid}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document attached to a report, downloaded through a permission-checked view."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(
        ExperienceReport, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("fichier", upload_to=_attachment_path)
    original_name = models.CharField("nom du fichier", max_length=200)
    content_type = models.CharField("type", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document joint"
        verbose_name_plural = "documents joints"
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind(self) -> str:
        return LABELS.get(self.content_type, "document")


class Question(models.Model):
    """A signed-in reader's question to the author; shown publicly once answered."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(ExperienceReport, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField("question", max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("réponse", max_length=4000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "question à l'auteur"
        verbose_name_plural = "questions aux auteurs"
        ordering = ["asked_at"]

    def __str__(self) -> str:
        return self.text[:80]
