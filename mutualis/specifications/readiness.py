"""Is the specification ready for the CNSA–Resah dynamic purchasing system (SAD)? A checklist
computed from facts the views collect: no ORM here.

Programme facts (``../shared/domain.md`` §1.4 and §5): the SAD for DUI has lots by sector
(grand âge, handicap, domicile) × mode (SaaS, on-premise, acquisition with outsourced
hosting), and only OGs or grappes pre-validated by their ARS use it (S78, S97); on-premise
hosting is ill-suited because health data call for a certified HDS host (S76, S77). No
published rule maps ESSMS categories to a SAD sector: the sector is never suggested.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum

SOURCES = {
    "S76": "https://socianova.com/saas-ou-acquisition-pour-le-dossier-usager-informatise",
    "S78": "https://nexem.fr/actualites/plan-esms-numerique-systeme-dacquisition-dynamique-et-"
    "prise-en-compte-des-specificites-des-organismes-relevant-du-prive-non-lucratif/",
    "S97": "https://www.nexem.fr/actualites/plan-esms-numerique-precisions-systeme-dacquisition-"
    "dynamique-",
}

# The grappe's ESSMS hosting modes (directory.HostingMode values) matching each SAD mode.
MATCHING_HOSTING = {"saas": "saas", "on_premise": "on_premise", "acquisition": "external"}
HOSTING_LABELS = {
    "saas": "en SaaS",
    "external": "chez un hébergeur externe",
    "on_premise": "sur site",
}


class Status(Enum):
    OK = "ok"
    TODO = "à faire"
    UNKNOWN = "non évaluable"
    WARNING = "attention"
    INFO = "information"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class Facts:
    sector_label: str = ""  # "" while not chosen
    mode: str = ""  # SadMode value, "" while not chosen
    mode_label: str = ""
    ars_prevalidated_on: datetime.date | None = None
    item_count: int = 0
    # (member name, number of items it rated) for every active member
    member_ratings: tuple[tuple[str, int], ...] = ()
    arbitrated: int = 0
    indispensable: int = 0
    criteria_count: int = 0
    weights_total: int = 0
    decided_on: datetime.date | None = None
    chosen_offer: str = ""
    # hosting mode (directory.HostingMode value, "" = not given) -> number of ESSMS
    hosting: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    status: Status
    explanation: str
    sources: tuple[str, ...] = ()

    @property
    def source_links(self) -> list[tuple[str, str]]:
        return [(code, SOURCES[code]) for code in self.sources]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def _lot(facts: Facts) -> Check:
    label = "Lot du SAD choisi (secteur × mode)"
    if facts.sector_label and facts.mode:
        return Check(
            "lot", label, Status.OK, f"{facts.sector_label} — {facts.mode_label}.", ("S78", "S97")
        )
    return Check(
        "lot",
        label,
        Status.UNKNOWN,
        "Non évaluable : choisissez le secteur (grand âge, handicap ou domicile) et le mode "
        "(SaaS, sur site, acquisition avec hébergement externalisé). Aucune règle publiée ne "
        "déduit le secteur des catégories des ESSMS : Mutualis ne le propose pas.",
        ("S78", "S97"),
    )


def _ars(facts: Facts) -> Check:
    label = "Pré-validation par l'ARS"
    if facts.ars_prevalidated_on:
        return Check(
            "ars",
            label,
            Status.OK,
            f"Pré-validée par l'ARS le {facts.ars_prevalidated_on:%d/%m/%Y}.",
            ("S78", "S97"),
        )
    return Check(
        "ars",
        label,
        Status.TODO,
        "Seuls les organismes ou les grappes pré-validés par leur ARS utilisent le SAD : "
        "enregistrez la date de la pré-validation.",
        ("S78", "S97"),
    )


def _ratings(facts: Facts) -> Check:
    label = "Chaque membre actif a noté les exigences"
    if not facts.member_ratings or not facts.item_count:
        return Check("ratings", label, Status.UNKNOWN, "Aucun membre actif ou aucune exigence.")
    missing = [
        f"{name} ({_plural(facts.item_count - rated, 'exigence', 'exigences')} sans note)"
        for name, rated in facts.member_ratings
        if rated < facts.item_count
    ]
    if missing:
        return Check("ratings", label, Status.TODO, "Reste à noter : " + " ; ".join(missing) + ".")
    return Check(
        "ratings",
        label,
        Status.OK,
        f"Les {_plural(len(facts.member_ratings), 'membre', 'membres')} ont noté "
        f"{_plural(facts.item_count, 'exigence', 'exigences')}.",
    )


def _arbitration(facts: Facts) -> Check:
    label = "Chaque exigence est arbitrée"
    left = facts.item_count - facts.arbitrated
    if not facts.item_count:
        return Check("arbitration", label, Status.UNKNOWN, "Le cahier des charges est vide.")
    if left:
        return Check(
            "arbitration",
            label,
            Status.TODO,
            f"{_plural(left, 'exigence reste', 'exigences restent')} à arbitrer sur "
            f"{facts.item_count} : le document reste un projet.",
        )
    return Check(
        "arbitration", label, Status.OK, f"Les {facts.item_count} exigences sont arbitrées."
    )


def _indispensable(facts: Facts) -> Check:
    label = "Au moins une exigence indispensable"
    if facts.indispensable:
        return Check(
            "indispensable",
            label,
            Status.OK,
            _plural(facts.indispensable, "exigence indispensable", "exigences indispensables")
            + ".",
        )
    return Check(
        "indispensable",
        label,
        Status.TODO,
        "Aucune exigence n'est retenue comme indispensable : les offres ne pourront pas être "
        "écartées sur un besoin essentiel.",
    )


def _criteria(facts: Facts) -> Check:
    label = "Critères d'évaluation pondérés"
    if not facts.criteria_count or facts.weights_total <= 0:
        return Check(
            "criteria", label, Status.TODO, "Définissez au moins un critère de poids non nul."
        )
    return Check(
        "criteria",
        label,
        Status.OK,
        f"{_plural(facts.criteria_count, 'critère', 'critères')}, total des poids : "
        f"{facts.weights_total}.",
    )


def _decision(facts: Facts) -> Check:
    label = "Décision du groupe"
    if facts.decided_on:
        offer = f" : {facts.chosen_offer}" if facts.chosen_offer else ""
        text = f"Décision enregistrée le {facts.decided_on:%d/%m/%Y}{offer}."
    else:
        text = "Pas encore de décision enregistrée (information, ne bloque pas)."
    return Check("decision", label, Status.INFO, text)


def _hosting(facts: Facts) -> Check:
    label = "Hébergement des ESSMS et mode choisi"
    if facts.mode == "on_premise":
        return Check(
            "hosting",
            label,
            Status.WARNING,
            "Le mode sur site convient mal : les données de santé doivent être hébergées par un "
            "hébergeur certifié HDS (site physique, matériel, plateforme, infrastructure, "
            "exploitation, sauvegarde). Vérifiez que chaque membre peut le garantir.",
            ("S76",),
        )
    if not facts.mode:
        return Check(
            "hosting", label, Status.UNKNOWN, "Non évaluable : choisissez d'abord le mode du lot."
        )
    known = {mode: n for mode, n in facts.hosting.items() if mode and n}
    unknown = facts.hosting.get("", 0)
    if not known:
        return Check(
            "hosting",
            label,
            Status.UNKNOWN,
            "Non évaluable : l'hébergement actuel des ESSMS de la grappe n'est pas renseigné.",
        )
    target = MATCHING_HOSTING[facts.mode]
    parts = [
        f"{_plural(n, 'ESSMS', 'ESSMS')} {HOSTING_LABELS.get(mode, mode)}"
        for mode, n in sorted(known.items())
    ]
    if unknown:
        parts.append(
            f"{_plural(unknown, 'ESSMS', 'ESSMS')} non renseigné{'s' if unknown > 1 else ''}"
        )
    text = "Aujourd'hui : " + ", ".join(parts) + "."
    others = sum(n for mode, n in known.items() if mode != target)
    if others:
        return Check(
            "hosting",
            label,
            Status.INFO,
            text + f" {_plural(others, 'ESSMS changera', 'ESSMS changeront')} "
            "de mode d'hébergement : prévoyez la migration.",
        )
    return Check("hosting", label, Status.OK, text)


def checklist(facts: Facts) -> list[Check]:
    return [
        _lot(facts),
        _ars(facts),
        _ratings(facts),
        _arbitration(facts),
        _indispensable(facts),
        _criteria(facts),
        _hosting(facts),
        _decision(facts),
    ]


def is_ready(checks: list[Check]) -> bool:
    """Every check is ok or informative (a warning or an unknown rule is never a pass)."""
    return all(check.status in (Status.OK, Status.INFO) for check in checks)
