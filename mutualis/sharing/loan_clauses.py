"""The articles of a convention de mise à disposition, written from its stored context (pure:
no ORM). Each legal reference names its source; both the DOCX and the PDF read these."""

from __future__ import annotations

from mutualis.agreements.wording import a, count, de
from mutualis.sharing import loan_rules

LEGIFRANCE_CODE_TRAVAIL = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050"
RGPD = "Règlement (UE) 2016/679 (RGPD)"
RGPD_URL = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"


def _object(c: dict) -> list[str]:
    vehicle = c["vehicle"]
    lines = [
        f"La présente convention organise la mise à disposition, par {c['provider']['name']} "
        f"(ci-après « l'organisme prêteur ») au profit {de(c['beneficiary']['name'])} (ci-après "
        f"« l'organisme bénéficiaire »), de la ressource suivante : {c['skill']}.",
        f"Cadre juridique : {vehicle['label']} — {vehicle['legal_basis']}"
        + (f" (source : {vehicle['source_url']})." if vehicle["source_url"] else "."),
    ]
    if vehicle["code"] == loan_rules.NON_PROFIT_LENDING:
        lines.append(
            "Conformément à l'article L.8241-2 du Code du travail (source : Légifrance, "
            f"{LEGIFRANCE_CODE_TRAVAIL}), la mise à disposition d'un salarié requiert son accord "
            "écrit et un avenant à son contrat de travail précisant le travail confié, les "
            "horaires et le lieu d'exécution ; le comité social et économique de l'organisme "
            "prêteur est informé. À son issue, le salarié retrouve son poste de travail ou un "
            "poste équivalent."
        )
    return lines


def _resource(c: dict) -> list[str]:
    lines = [f"Ressource mise à disposition : {c['resource']}"]
    if c["person_label"]:
        lines.append(
            f"Personne mise à disposition : {c['person_label']} (fonction ou prénom ; la "
            "convention ne comporte pas d'autre donnée personnelle)."
        )
    if c["days_per_month"]:
        lines.append(
            f"Temps partagé : {c['days_per_month']} par mois, soit "
            f"{c['planned_days']} prévus sur {count(c['months'], 'mois', 'mois')}. Les "
            "jours réalisés sont enregistrés chaque mois par les organismes sur Mutualis."
        )
    else:
        lines.append("Ressource matérielle ou service : sans décompte de jours.")
    return lines


def _duration(c: dict) -> list[str]:
    return [
        f"La mise à disposition court du {c['starts_on']} au {c['ends_on']}. Elle peut être "
        "prolongée par une nouvelle version de la présente convention signée par les deux "
        "organismes."
    ]


def _money(c: dict) -> list[str]:
    method = c["cost_method"]
    beneficiary, provider = c["beneficiary"]["name"], c["provider"]["name"]
    if method == loan_rules.FREE:
        return [f"La mise à disposition est consentie à titre gratuit par {provider}."]
    if method == loan_rules.AT_COST:
        lines = [
            f"{beneficiary} rembourse {a(provider)} le coût réel de la mise à disposition : "
            "salaires versés, charges sociales afférentes et frais professionnels remboursés, "
            f"sans marge, soit {c['daily_cost']} par jour réalisé."
        ]
        if c["vehicle"]["code"] == loan_rules.NON_PROFIT_LENDING:
            lines.append(
                "Le prêt de main-d'œuvre reste ainsi sans but lucratif au sens de l'article "
                f"L.8241-1 du Code du travail (source : Légifrance, {LEGIFRANCE_CODE_TRAVAIL})."
            )
    else:
        lines = [
            f"{beneficiary} verse {a(provider)} un forfait de {c['daily_cost']} par jour réalisé."
        ]
    if c["days_per_month"]:
        lines.append(
            f"Montant prévisionnel : {c['planned_cost']} pour {c['planned_days']}. La "
            "facturation est mensuelle, sur la base des jours réalisés enregistrés."
        )
    return lines


def _liability(c: dict) -> list[str]:
    provider, beneficiary = c["provider"]["name"], c["beneficiary"]["name"]
    if c["skill_kind"] == "equipment":
        return [
            f"L'équipement reste la propriété {de(provider)}. {beneficiary} en assure la garde "
            "et l'usage conforme pendant la mise à disposition.",
            "Chaque organisme conserve son assurance de responsabilité civile et vérifie "
            "qu'elle couvre la mise à disposition.",
        ]
    return [
        f"Pendant la mise à disposition, la personne reste salariée {de(provider)}, qui lui "
        "verse sa rémunération et conserve le pouvoir disciplinaire. "
        f"{beneficiary} organise le travail confié et répond des conditions d'exécution du "
        "travail (durée du travail, santé et sécurité).",
        "Chaque organisme conserve son assurance de responsabilité civile et vérifie qu'elle "
        "couvre la mise à disposition.",
    ]


def _confidentiality(c: dict) -> list[str]:
    lines = [
        "La personne mise à disposition est tenue au secret et à la confidentialité sur les "
        "informations dont elle a connaissance chez chaque organisme ; cette obligation "
        "survit à la fin de la convention.",
        f"Chaque organisme reste responsable des traitements de données personnelles qu'il met "
        f"en œuvre ({RGPD}, source : EUR-Lex, {RGPD_URL}).",
    ]
    if c["skill_code"] == "dpo":
        lines.append(
            "Le délégué à la protection des données peut être désigné par plusieurs organismes "
            "(RGPD, art. 37) ; il exerce ses missions en toute indépendance, ne reçoit aucune "
            "instruction pour leur exercice et est tenu au secret professionnel (RGPD, art. 38). "
            "Chaque organisme publie ses coordonnées et les communique à la CNIL."
        )
    return lines


def _termination(c: dict) -> list[str]:
    return [
        f"Chaque organisme peut mettre fin à la convention à tout moment, par écrit, moyennant "
        f"un préavis de {count(c['notice_days'], 'jour', 'jours')}. Les jours réalisés jusqu'à "
        "la fin restent dus selon les conditions financières ci-dessus."
    ]


def _disputes(c: dict) -> list[str]:
    return [
        "Les organismes recherchent d'abord une solution amiable à tout différend né de la "
        "présente convention ; à défaut, le litige est porté devant la juridiction compétente."
    ]


def articles(c: dict) -> list[dict]:
    """Numbered articles (title, paragraphs) of the convention."""
    sections = [
        ("Objet", _object),
        ("Ressource et temps partagé", _resource),
        ("Durée", _duration),
        ("Conditions financières et répartition des coûts", _money),
        ("Responsabilités et assurance", _liability),
    ]
    if c["skill_code"] in loan_rules.DATA_PROTECTION_SKILLS:
        sections.append(("Confidentialité et protection des données (RGPD)", _confidentiality))
    sections += [("Résiliation", _termination), ("Litiges", _disputes)]
    return [
        {"title": f"Article {i} — {title}", "paragraphs": write(c)}
        for i, (title, write) in enumerate(sections, start=1)
    ]
