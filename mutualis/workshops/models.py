"""Needs surveys (recensement des besoins), levers, and dot-voting workshop sessions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from mutualis.initiatives.models import SiDomain


class Lever(models.Model):
    """A lever that accelerates SI pooling (reference data, data/levers.csv)."""

    code = models.CharField("code", max_length=10, unique=True)
    label = models.CharField("libellé", max_length=200)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("proposé par défaut", default=True)

    class Meta:
        verbose_name = "levier"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"


class Priority(models.IntegerChoices):
    NONE = 0, "Pas prioritaire"
    PRIORITY = 1, "Prioritaire"
    HIGH = 2, "Très prioritaire"
    TOP = 3, "Le plus prioritaire"


class NeedsSurvey(models.Model):
    """A census campaign of needs, national or for one région, open between two dates."""

    class Scope(models.TextChoices):
        NATIONAL = "national", "National"
        REGIONAL = "regional", "Régional"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("titre", max_length=200)
    introduction = models.TextField("présentation", blank=True, max_length=2000)
    scope = models.CharField("périmètre", max_length=10, choices=Scope)
    region = models.ForeignKey(
        "territories.Region",
        verbose_name="région",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    opens_on = models.DateField("ouverture le")
    closes_on = models.DateField("clôture le")
    closed_at = models.DateTimeField("close le", null=True, blank=True)
    levers = models.ManyToManyField(Lever, verbose_name="leviers", related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "recensement des besoins"
        verbose_name_plural = "recensements des besoins"
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    @property
    def is_finished(self) -> bool:
        return self.closed_at is not None or timezone.localdate() > self.closes_on

    @property
    def state(self) -> str:
        if self.is_open:
            return "Ouvert"
        if self.closed_at is None and timezone.localdate() < self.opens_on:
            return "À venir"
        return "Clos"

    @property
    def scope_label(self) -> str:
        return self.region.name if self.region_id else "France entière"


class SurveyAnswer(models.Model):
    """One respondent's answer: a managing body, or one of its ESSMS. The respondent's sector,
    size class and territory are kept as they were when it answered (for the breakdowns)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(NeedsSurvey, on_delete=models.CASCADE, related_name="answers")
    managing_body = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="+"
    )
    establishment = models.ForeignKey(
        "directory.Establishment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    needs = models.ManyToManyField(
        SiDomain, verbose_name="besoins par domaine du SI", blank=True, related_name="+"
    )
    comment = models.TextField("expression libre", blank=True, max_length=3000)
    sector = models.ForeignKey(
        "finess.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    size_class = models.CharField("taille de l'organisme", max_length=10, blank=True)
    region = models.ForeignKey(
        "territories.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    departement = models.ForeignKey(
        "territories.Departement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "réponse au recensement"
        verbose_name_plural = "réponses au recensement"
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "managing_body"],
                condition=models.Q(establishment__isnull=True),
                name="one_answer_per_managing_body",
            ),
            models.UniqueConstraint(
                fields=["survey", "establishment"],
                condition=models.Q(establishment__isnull=False),
                name="one_answer_per_establishment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.establishment or self.managing_body}"


class LeverRating(models.Model):
    answer = models.ForeignKey(SurveyAnswer, on_delete=models.CASCADE, related_name="ratings")
    lever = models.ForeignKey(Lever, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("priorité", choices=Priority)

    class Meta:
        verbose_name = "priorité d'un levier"
        constraints = [
            models.UniqueConstraint(fields=["answer", "lever"], name="one_rating_per_lever")
        ]

    def __str__(self) -> str:
        return f"{self.lever_id}: {self.get_level_display()}"


class Workshop(models.Model):
    """A dot-voting session: its levers, its voting rule, its participants' ballots."""

    class Status(models.TextChoices):
        PREPARATION = "preparation", "En préparation"
        OPEN = "open", "Vote ouvert"
        CLOSED = "closed", "Vote clos"
        ARCHIVED = "archived", "Archivée"

    class Rule(models.TextChoices):
        RANKED = "ranked", "Gommettes classées 3 / 2 / 1 (atelier du 14 octobre 2022)"
        DOTS = "dots", "Gommettes cumulables"
        APPROVAL = "approval", "Vote par approbation"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("code de participation", max_length=6, unique=True)
    title = models.CharField("titre", max_length=200)
    event = models.CharField("événement, lieu", max_length=200, blank=True)
    held_on = models.DateField("date", null=True, blank=True)
    rule = models.CharField("règle de vote", max_length=10, choices=Rule, default=Rule.RANKED)
    dots = models.PositiveSmallIntegerField("gommettes par participant", default=6)
    status = models.CharField("état", max_length=12, choices=Status, default=Status.PREPARATION)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="animateur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    ballot_count = models.PositiveIntegerField("bulletins du tour", default=0)
    # The frozen ranking of the last closed round (tally.Tally.as_dict, plus the rule, the
    # closing time and the round's number): the action plan reads it.
    results = models.JSONField("résultats figés du dernier tour clos", default=dict, blank=True)
    round = models.PositiveSmallIntegerField("tour en cours", default=1)
    # Incremented in the transaction of every change the board or a participant's page shows
    # (vote, join, state, round, card): the pages poll it and re-render only when it moved.
    version = models.PositiveIntegerField("version", default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    class Meta:
        verbose_name = "atelier de priorisation"
        verbose_name_plural = "ateliers de priorisation"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.ARCHIVED)


class WorkshopLever(models.Model):
    """A lever of one session (copied from the reference, editable before the vote), with its
    totals, recounted from the ballots at each vote."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="levers")
    code = models.CharField("code", max_length=10)
    label = models.CharField("libellé", max_length=300)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    points = models.PositiveIntegerField("gommettes", default=0)
    voters = models.PositiveIntegerField("participants l'ayant choisi", default=0)
    in_round = models.BooleanField("soumis au vote du tour en cours", default=True)

    class Meta:
        verbose_name = "levier de l'atelier"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "code"], name="unique_workshop_lever")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"


class Participant(models.Model):
    """Someone who joined with the code, without an account; known by a key kept in their
    session."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    key = models.CharField(max_length=43, unique=True)
    display_name = models.CharField("nom affiché", max_length=60, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "participant"

    def __str__(self) -> str:
        return self.display_name or f"Participant {self.pk}"


class WorkshopRound(models.Model):
    """A closed round of a session, with its frozen ranking (its ballots keep their round's
    number)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField("tour")
    levers = models.JSONField("leviers soumis au vote", default=list)
    results = models.JSONField("résultats figés", default=dict)
    closed_at = models.DateTimeField("clos le")

    class Meta:
        verbose_name = "tour de vote"
        verbose_name_plural = "tours de vote"
        ordering = ["workshop", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="unique_workshop_round")
        ]

    def __str__(self) -> str:
        return f"{self.workshop} — tour {self.number}"


class Ballot(models.Model):
    """A participant's ballot in one round, created empty when they join (or when a round
    starts) so that a vote can lock it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ballots")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="ballots")
    round = models.PositiveSmallIntegerField("tour", default=1)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "bulletin"
        constraints = [
            models.UniqueConstraint(fields=["participant", "round"], name="one_ballot_per_round")
        ]

    def __str__(self) -> str:
        return f"Bulletin de {self.participant}"


class BallotMark(models.Model):
    """The stickers a ballot puts on one lever."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    lever = models.ForeignKey(WorkshopLever, on_delete=models.CASCADE, related_name="marks")
    points = models.PositiveSmallIntegerField("gommettes")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "lever"], name="one_mark_per_lever")
        ]

    def __str__(self) -> str:
        return f"{self.points} × {self.lever_id}"


class Card(models.Model):
    """A free-text card answering one of the workshop's questions; the facilitator groups
    them under labels."""

    class Question(models.TextChoices):
        WORKS = "works", "Qu'est-ce qui semble fonctionner ?"
        FAILS = "fails", "Qu'est-ce qui ne fonctionne pas ?"
        LEVERS = "levers", "Quels leviers pouvez-vous actionner ?"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="cards")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    question = models.CharField("question", max_length=10, choices=Question)
    text = models.TextField("carte", max_length=500)
    group = models.CharField("regroupement", max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "carte"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
