"""Open data: every aggregate of a dashboard as a table with a documented schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mutualis.observatory import aggregates
from mutualis.observatory.selectors import Dashboard, Scope
from mutualis.territories.models import Departement, Region

FIGURE_COLUMNS = [
    ("essms", "entier", "Nombre d'ESSMS ouverts (annuaire FINESS)"),
    ("profils_si", "entier", "ESSMS ayant déclaré leur profil SI"),
    ("taux_equipement_dui", "décimal", "Part des profils déclarés équipés d'un DUI, en %"),
    (
        "part_segur",
        "décimal",
        "Part des ESSMS équipés au référencement Ségur connu dont la solution est référencée, en %",
    ),
    (
        "segur_non_evaluable",
        "entier",
        "ESSMS équipés dont le référencement Ségur est non évaluable (solution non renseignée, "
        "hors liste ou non vérifiée)",
    ),
    ("autodiagnostics", "entier", "ESSMS couverts par un autodiagnostic soumis de la campagne"),
    ("maturite_moyenne", "décimal", "Score global moyen, de 0 à 4"),
    ("ins", "décimal", "Part des ESSMS autodiagnostiqués ayant adopté l'INS, en %"),
    ("mssante", "décimal", "Part ayant adopté MSSanté, en %"),
    ("dmp", "décimal", "Part alimentant le DMP / Mon espace santé, en %"),
    ("psc", "décimal", "Part ayant adopté Pro Santé Connect, en %"),
]
WITHHELD_NOTE = "Vide : secret statistique (moins de 5 établissements)."
METHOD_NOTE = (
    "ESSMS autodiagnostiqués : ESSMS ouverts couverts par un autodiagnostic soumis de la "
    "campagne (le leur, à défaut celui de leur organisme gestionnaire). Palier atteint : partie "
    "entière du score (0 à 4). Taux et moyennes publiés à partir de 5 établissements ; un "
    "effectif par palier de 1 à 4 est masqué, et le plus petit suivant quand il serait seul "
    "masqué. Les profils SI décrivent l'état déclaré au calcul, les autodiagnostics leur "
    "campagne. Chiffres identiques à ceux de la page de l'observatoire pour le même périmètre."
)
# Figures of a campaign's own: the IT profiles and the directory are today's, not the
# campaign's, so a past campaign's row carries only what its assessments say.
CAMPAIGN_COLUMNS = [
    column
    for column in FIGURE_COLUMNS
    if column[0] in ("autodiagnostics", "maturite_moyenne", *aggregates.SERVICES)
]
LEVEL_COLUMNS = [
    (f"palier_{level}", "entier", f"ESSMS au palier {level} de la dimension (vide : secret)")
    for level in aggregates.LEVELS
]


def _figures(figures: aggregates.Figures) -> list:
    return [
        figures.essms,
        figures.profiles,
        figures.dui_rate,
        figures.segur_share,
        figures.segur_unknown,
        figures.assessed,
        figures.maturity,
        *(figures.services[service] for service in aggregates.SERVICES),
    ]


def _campaign_figures(figures: aggregates.Figures) -> list:
    return [
        figures.assessed,
        figures.maturity,
        *(figures.services[service] for service in aggregates.SERVICES),
    ]


def _dimensions(board: Dashboard) -> list[list]:
    return [[d.code, d.label, d.assessed, d.mean, *d.counts] for d in board.dimensions]


@dataclass(frozen=True)
class Dataset:
    title: str
    key_columns: list[tuple[str, str, str]]
    rows: Callable[[Dashboard], list[list]]
    figure_columns: list[tuple[str, str, str]] | None = None

    @property
    def columns(self) -> list[tuple[str, str, str]]:
        return self.key_columns + (
            FIGURE_COLUMNS if self.figure_columns is None else self.figure_columns
        )


def _territories(board: Dashboard) -> list[list]:
    names = {
        **{("region", c): n for c, n in Region.objects.values_list("code", "name")},
        **{("departement", c): n for c, n in Departement.objects.values_list("code", "name")},
    }
    level = board.scope.map_level.removesuffix("s")
    return [
        [level, code, names.get((level, code), code), *_figures(figures)]
        for code, figures in sorted(board.by_area.items())
    ]


def _labelled(attribute: str) -> Callable[[Dashboard], list[list]]:
    return lambda board: [[label, *_figures(f)] for label, f in getattr(board, attribute)]


DATASETS: dict[str, Dataset] = {
    "territoires": Dataset(
        "Indicateurs par territoire (régions, ou départements d'une région)",
        [
            ("niveau", "texte", "« region » ou « departement »"),
            ("code", "texte", "Code INSEE du territoire (COG)"),
            ("nom", "texte", "Nom du territoire"),
        ],
        _territories,
    ),
    "secteurs": Dataset(
        "Indicateurs par secteur",
        [("secteur", "texte", "Secteur Mutualis (regroupement de catégories FINESS)")],
        _labelled("by_sector"),
    ),
    "tailles": Dataset(
        "Indicateurs par taille d'organisme gestionnaire",
        [("taille", "texte", "Classe de taille selon le nombre d'ESSMS de l'organisme")],
        _labelled("by_size"),
    ),
    "categories": Dataset(
        "Indicateurs par catégorie d'établissement",
        [("categorie", "texte", "Catégorie FINESS")],
        _labelled("by_category"),
    ),
    "editeurs": Dataset(
        "Parts de marché des éditeurs de DUI",
        [("editeur", "texte", "Éditeur (moins de 5 ESSMS : regroupés)")],
        lambda board: [[s.label, s.count, s.percent] for s in board.editors],
        [
            ("essms", "entier", "ESSMS équipés de ses solutions"),
            ("part", "décimal", "Part parmi les ESSMS ayant déclaré un éditeur, en %"),
        ],
    ),
    "evolution": Dataset(
        "Indicateurs par campagne",
        [("campagne", "entier", "Année de la campagne d'autodiagnostic")],
        lambda board: [[year, *_campaign_figures(f)] for year, f in board.evolution],
        CAMPAIGN_COLUMNS,
    ),
    "dimensions": Dataset(
        "Répartition par palier de chaque dimension du référentiel",
        [
            ("dimension", "texte", "Code de la dimension du référentiel en vigueur"),
            ("libelle", "texte", "Libellé de la dimension"),
        ],
        _dimensions,
        [
            (
                "autodiagnostics",
                "entier",
                "ESSMS autodiagnostiqués ayant un score sur la dimension",
            ),
            ("moyenne", "décimal", "Score moyen de la dimension, de 0 à 4"),
            *LEVEL_COLUMNS,
        ],
    ),
}


def describe_scope(scope: Scope) -> str:
    sector = f", secteur {scope.sector.label}" if scope.sector else ""
    return f"{scope.label}{sector}"
