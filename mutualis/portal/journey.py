"""The steps of the journey shown on the home page, each with its public key figure."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from mutualis.core.text import count_label
from mutualis.portal.selectors import KeyFigures


@dataclass(frozen=True)
class Step:
    stage: str  # the verb of the journey: "Connaître", "Se situer"…
    title: str
    url: str
    description: str
    figure: str = ""


def steps(figures: KeyFigures) -> list[Step]:
    return [
        Step(
            "Connaître",
            "Annuaire",
            reverse("directory:establishments"),
            "Les établissements et services et leurs organismes gestionnaires, issus de "
            "FINESS, avec leur profil SI.",
            count_label(figures.establishments, "établissement ouvert", "établissements ouverts")
            + ", "
            + count_label(figures.managing_bodies, "organisme", "organismes"),
        ),
        Step(
            "Se situer",
            "Autodiagnostic de maturité",
            reverse("maturity:home"),
            "Sept dimensions, paliers 0 à 4 : points forts, écarts et prochain palier.",
            count_label(figures.assessments, "ESSMS autodiagnostiqué", "ESSMS autodiagnostiqués")
            + (f" (campagne {figures.campaign})" if figures.campaign else ""),
        ),
        Step(
            "Comparer",
            "Observatoire",
            reverse("observatory:dashboard"),
            "Maturité et équipement par région et département, en données ouvertes.",
        ),
        Step(
            "S'inspirer",
            "Initiatives de mutualisation",
            reverse("initiatives:list"),
            "Cahiers des charges communs, achats groupés, personnels partagés, sur la carte.",
            count_label(figures.initiatives, "initiative publiée", "initiatives publiées")
            + (
                f", dont {count_label(figures.grappes, 'grappe', 'grappes')}"
                if figures.grappes
                else ""
            ),
        ),
        Step(
            "Apprendre",
            "Retours d'expérience",
            reverse("library:home"),
            "Ce qui a marché, ce qui a freiné et les conseils de ceux qui ont mutualisé.",
            count_label(figures.reports, "retour publié", "retours publiés"),
        ),
        Step(
            "Exprimer ses besoins",
            "Besoins et ateliers",
            reverse("workshops:home"),
            "Enquêtes de besoins et ateliers de priorisation des leviers par gommettes.",
        ),
        Step(
            "Se regrouper",
            "Grappes",
            reverse("grappes:list"),
            "Partenaires proches, éligibilité au programme ESMS numérique, simulation du "
            "financement.",
        ),
        Step(
            "Coopérer",
            "Convention et suivi de projet",
            reverse("projects:list"),
            "Autoévaluation de la coopération, convention, jalons, risques et financements.",
        ),
    ]
