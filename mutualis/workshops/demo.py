"""Demonstration data (``make run``): a closed national needs survey answered by real managing
bodies of the directory, and an archived workshop session on levers A–G with a plausible vote.

Everything is marked as demonstration (titles, ``is_demo``): the answers and the votes are
drawn at random with a fixed seed; the seed 000 workshop's real results are not published in
its source. Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from mutualis.directory.models import ManagingBody
from mutualis.initiatives.models import SiDomain
from mutualis.workshops import services, survey_services
from mutualis.workshops.models import Lever, NeedsSurvey, Priority, Workshop

SEED = 2022
PREFIX = "[Démonstration] "
SURVEY_TITLE = PREFIX + "Recensement des besoins de mutualisation des SI 2022"
WORKSHOP_TITLE = PREFIX + "Atelier 4.6 — Mutualisation des SI : comment accélérer ?"
# Régions where most answers come from, so that some breakdowns pass the small-cell rule.
REGIONS = ("84", "11", "32", "75", "76", "44")
SIZES = {(1, 14): 6, (15, 40): 4, (41, 100_000): 2}  # ESSMS -> respondents per région
PER_REGION = sum(SIZES.values())
# Chances of "not a priority / priority / very priority / top priority" per lever.
PROFILES = {
    "A": (0.30, 0.35, 0.25, 0.10),
    "B": (0.20, 0.35, 0.30, 0.15),
    "C": (0.15, 0.30, 0.35, 0.20),
    "D": (0.10, 0.25, 0.35, 0.30),
    "E": (0.10, 0.25, 0.30, 0.35),
    "F": (0.15, 0.25, 0.30, 0.30),
    "G": (0.25, 0.35, 0.25, 0.15),
}
NEEDS = {
    "dui": 0.6,
    "services_socles": 0.5,
    "infrastructure": 0.4,
    "securite": 0.45,
    "poste_travail": 0.3,
    "gestion": 0.2,
    "pilotage": 0.25,
    "interoperabilite": 0.35,
    "formation": 0.5,
}
COMMENTS = [
    "Nous manquons de compétences SI en interne : un chef de projet partagé nous aiderait.",
    "Besoin d'un cadre pour mutualiser progressivement, sans être absorbés par un plus gros.",
    "Nos partenaires du parcours n'ont pas le même DUI : l'interopérabilité est la priorité.",
    "Un espace de retours d'expérience entre organismes serait précieux.",
    "Les financements doivent accompagner la mise à niveau des plus petits établissements.",
]
# Levers preferred by the demonstration participants (weights of a draw without replacement).
VOTE_WEIGHTS = {"A": 2, "B": 3, "C": 5, "D": 6, "E": 6, "F": 4, "G": 2}
PARTICIPANTS = 28
CARDS = [  # (question, group, text): wording after seed 000 (practices, brakes, levers)
    ("works", "Mutualisation adaptative", "S'adapter aux interlocuteurs et aux objectifs."),
    ("works", "Mutualisation adaptative", "Mutualiser tout ou partie du SI selon les cas."),
    ("works", "Visibilité", "Voir sa montée en maturité, palier par palier."),
    ("fails", "Confiance", "La crainte d'être absorbé par le « gros » déjà mature."),
    ("fails", "Confiance", "Le souhait d'individualisation persiste malgré tout."),
    ("fails", "Compétences", "Des chefs de projet pas encore formés à la mutualisation."),
    ("fails", "Compétences", "Un frein RH : compétences, taille de l'organisme."),
    ("fails", "", "Pas le même DUI que les partenaires du parcours."),
    ("levers", "Gouvernance", "Identifier un porteur formé au leadership."),
    ("levers", "Gouvernance", "Une feuille de route commune avec les tutelles."),
    ("levers", "Partage", "Un espace de partage des retours d'expérience."),
]


def _draw(random_: random.Random, chances) -> int:
    return random_.choices(range(4), weights=chances)[0]


def _respondents(random_: random.Random) -> list[ManagingBody]:
    """Managing bodies of each région, of every size class (by their number of ESSMS)."""
    bodies = []
    for region in REGIONS:
        open_bodies = ManagingBody.objects.filter(
            is_closed=False, establishment_count__gte=1, departement__region=region
        ).order_by("name_is_placeholder", "finess")  # known names first
        for (low, high), count in SIZES.items():
            found = list(
                open_bodies.filter(
                    establishment_count__gte=low, establishment_count__lte=high
                ).values_list("pk", flat=True)[:400]
            )
            bodies += random_.sample(found, min(count, len(found)))
    return list(ManagingBody.objects.filter(pk__in=bodies).order_by("finess"))


def _survey(random_: random.Random) -> int:
    if NeedsSurvey.objects.filter(title=SURVEY_TITLE, is_demo=True).exists():
        return 0
    survey = survey_services.create_survey(
        None,
        SURVEY_TITLE,
        NeedsSurvey.Scope.NATIONAL,
        dt.date(2022, 6, 1),
        dt.date(2022, 9, 30),
        introduction="Réponses fictives de démonstration, tirées au hasard.",
        is_demo=True,
    )
    domains = set(SiDomain.objects.values_list("code", flat=True))
    levers = list(survey.levers.values_list("code", flat=True))
    for body in _respondents(random_):
        ratings = {code: _draw(random_, PROFILES.get(code, (0.25,) * 4)) for code in levers}
        tops = [code for code, level in ratings.items() if level == Priority.TOP]
        for code in tops[1:]:  # "le plus prioritaire" once only: the others very priority
            ratings[code] = Priority.HIGH
        needs = [
            code for code, chance in NEEDS.items() if code in domains and random_.random() < chance
        ]
        comment = random_.choice(COMMENTS) if random_.random() < 0.25 else ""
        survey_services.save_answer(None, survey, body, ratings, needs, comment, is_demo=True)
    return survey.answers.count()


def _ballot(random_: random.Random, codes: list[str]) -> list[tuple[str, int]]:
    chosen: list[str] = []
    while len(chosen) < 3:
        left = [code for code in codes if code not in chosen]
        chosen.append(random_.choices(left, weights=[VOTE_WEIGHTS.get(c, 1) for c in left])[0])
    return list(zip(chosen, (3, 2, 1), strict=True))


def _workshop(random_: random.Random) -> int:
    if Workshop.objects.filter(title=WORKSHOP_TITLE, is_demo=True).exists():
        return 0
    levers = [(lever.code, lever.label) for lever in Lever.objects.filter(is_active=True)]
    workshop = services.create_workshop(
        None,
        WORKSHOP_TITLE,
        levers,
        event="Journées nationales, salle 2.05 (votes fictifs de démonstration)",
        held_on=dt.date(2022, 10, 14),
        is_demo=True,
    )
    participants = [services.join(workshop) for _ in range(PARTICIPANTS)]
    services.open_vote(None, workshop)
    codes = [code for code, _ in levers]
    for participant in participants:
        services.vote(participant, _ballot(random_, codes))
    for index, (question, group, text) in enumerate(CARDS):
        card = services.post_card(participants[index % PARTICIPANTS], question, text)
        if group:
            services.group_card(None, card, group)
    services.close_vote(None, workshop)
    services.archive(None, workshop)
    return 1


@transaction.atomic
def seed_demo_workshops(seed: int = SEED) -> dict[str, int]:
    random_ = random.Random(seed)
    return {"réponses au recensement": _survey(random_), "ateliers archivés": _workshop(random_)}
