"""A small fictitious agreement, to check an uploaded DOCX template before it is used."""

from mutualis.agreements import documents, referential


def sample_document() -> dict:
    member = {
        "name": "Association exemple",
        "finess": "000000000",
        "city": "Exempleville",
        "is_carrier": True,
        "legal_name": "ASSOCIATION EXEMPLE",
        "siren": "non renseigné",
        "address": "1 rue Exemple, 00000 Exempleville",
        "representative": "Camille Exemple",
        "capacity": "directrice générale",
        "amount": "1 000 €",
        "establishments": [
            {
                "finess": "000000001",
                "name": "EHPAD exemple",
                "category": "EHPAD",
                "city": "Exempleville",
                "situation": "Pas de DUI (acquisition)",
                "solution": "Solution exemple",
                "hosting": "SaaS",
            }
        ],
    }
    context = {
        "grappe": "Grappe exemple",
        "campaign": 2026,
        "programme": "ESMS numérique",
        "carrier": {"name": member["name"], "finess": member["finess"]},
        "members": [member],
        "member_count": 1,
        "essms_count": 1,
        "qualification": {"acquisition": 1, "upgrade": 0, "solutions": [], "hostings": []},
        "stakes": {"assessed": 0, "common": [], "specific": []},
        "budget": None,
        "calendar": [
            {"title": "Convention signée avec l'ARS", "planned": "01/02/2026", "done": ""}
        ],
        "amendment": {
            "number": 1,
            "original": "Le présent avenant n° 1 modifie la convention (version 1) :",
            "changes": ["Article 5 — Responsabilité : rédaction modifiée."],
        },
        "date": "01/01/2026",
    }
    clauses = [
        {"key": c.key, "title": c.title, "text": c.text} for c in referential.clause_library()
    ]
    signatures = {
        "000000000": {
            "signatory": "Camille Exemple",
            "capacity": "directrice générale",
            "signed_on": "02/01/2026",
        }
    }
    return documents.render_context(clauses, context, version=1, draft=True, signatures=signatures)
