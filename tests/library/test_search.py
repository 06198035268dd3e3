"""Full-text search: ranking, highlighting, facets with counts, index kept in step by the
service layer; the same behaviour on SQLite (FTS5) and PostgreSQL (french_unaccent)."""

import re

import pytest

from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.library import selectors, services
from tests.factories import national_admin
from tests.library.conftest import publish, write_report
from tests.pages import text

pytestmark = pytest.mark.django_db


def titles(results, n=10):
    return [hit.report.title for hit in results[:n]]


def test_a_word_of_the_title_ranks_above_the_same_word_in_the_body(author, moderator):
    publish(
        write_report(author, "Retour sur la messagerie", advice="Une messagerie sécurisée."),
        moderator,
    )
    publish(write_report(author, "Hébergement commun", advice="Prévoir la messagerie."), moderator)
    publish(write_report(author, "Messagerie partagée entre associations"), moderator)
    found = titles(selectors.search("messagerie"))
    assert found[2] == "Hébergement commun"
    assert set(found[:2]) == {"Retour sur la messagerie", "Messagerie partagée entre associations"}


def test_accents_plurals_and_case_do_not_matter(author, moderator):
    report = publish(
        write_report(author, "Des données hébergées", context="Les entrepôts régionaux."),
        moderator,
    )
    for query in ["donnee", "DONNÉES", "hebergees", "entrepot regional", "ENTREPÔTS RÉGIONAUX"]:
        assert [hit.report for hit in selectors.search(query)[:5]] == [report], query


def test_every_word_is_required_and_a_minus_excludes(author, moderator):
    publish(
        write_report(author, "Achat de tablettes", context="Tablettes et téléphones."), moderator
    )
    publish(write_report(author, "Achat de postes", context="Postes de travail."), moderator)
    assert titles(selectors.search("achat tablettes")) == ["Achat de tablettes"]
    assert titles(selectors.search("achat -tablettes")) == ["Achat de postes"]
    assert titles(selectors.search('"postes de travail"')) == ["Achat de postes"]
    assert set(titles(selectors.search("tablettes or postes"))) == {
        "Achat de tablettes",
        "Achat de postes",
    }


def test_only_stop_words_lists_everything_by_date(author, moderator):
    publish(write_report(author, "Premier"), moderator)
    publish(write_report(author, "Second"), moderator)
    assert titles(selectors.search("de la")) == ["Second", "Premier"]


def test_terms_are_highlighted_and_the_text_escaped(author, moderator):
    publish(
        write_report(
            author,
            "Sécurité <b>du</b> système",
            context="Le <script>alert(1)</script> plan de sécurité informatique.",
        ),
        moderator,
    )
    hit = selectors.search("securite")[0]
    assert "<mark>Sécurité</mark>" in hit.title
    assert "&lt;b&gt;" in hit.title
    assert "<mark>sécurité</mark>" in hit.excerpt
    assert "<script>" not in hit.excerpt


def test_highlights_fall_on_the_right_words_of_tricky_text(author, moderator):
    """FTS5 marks the original text by token position: punctuation, apostrophes, numbers,
    hyphens and symbols must not shift the marks (PostgreSQL marks by parsing)."""
    context = (
        "L'usager — « dossier » n°3 ; 2022-2023 ; ESSMS/OG 😊 l’équipe : "
        "la sécurité, enfin ! Puis « Sécurités » encore."
    )
    publish(write_report(author, "Texte piégeux", context=context), moderator)
    excerpt = selectors.search("securite")[0].excerpt
    assert excerpt.count("<mark>") == 2
    assert "<mark>sécurité</mark>, enfin" in excerpt
    assert "« <mark>Sécurités</mark> »" in excerpt


def test_the_results_page_shows_highlighted_excerpts(client, author, moderator):
    report = publish(
        write_report(author, "Un DPO partagé", context="Mise en conformité RGPD."), moderator
    )
    response = client.get("/retours-experience/", {"q": "rgpd"})
    assert response.status_code == 200
    page = text(response)
    assert "<mark>RGPD</mark>" in page
    assert f"/retours-experience/{report.uid}/?q=rgpd" in page
    detail = text(client.get(f"/retours-experience/{report.uid}/", {"q": "rgpd"}))
    assert "conformité <mark>RGPD</mark>" in detail


def test_drafts_and_proposed_reports_are_not_found(author, moderator):
    write_report(author, "Brouillon sur la messagerie")
    services.propose_report(author, write_report(author, "Proposé sur la messagerie"))
    assert selectors.search("messagerie").count() == 0


def test_the_index_follows_edits_and_deletions(author, moderator):
    report = write_report(author, "Archivages mutualisés")
    services.edit_report(author, report, {"title": "Messagerie mutualisée"})
    publish(report, moderator)
    assert selectors.search("archivage").count() == 0
    assert selectors.search("messagerie").count() == 1
    draft = write_report(author, "Messagerie en brouillon")
    services.delete_report(author, draft)
    assert selectors.search("messagerie").count() == 1


def test_facets_count_under_the_query_and_the_other_facets(author, tags):
    kind = InitiativeType.objects.get(code="groupement_achat")
    initiative = Initiative.objects.create(
        title="Groupement régional", type=kind, summary="Achats", moderation="published"
    )
    trigger, fear = tags["declencheur_commun"], tags["crainte_absorption"]
    a = write_report(author, "Achat groupé A", initiative=initiative, tags=[trigger])
    b = write_report(author, "Achat groupé B", region="84", tags=[trigger, fear])
    c = write_report(author, "Achat groupé C", region="32")
    other = write_report(author, "Messagerie", region="32")
    admin = national_admin()
    for report in (a, b, c, other):
        publish(report, admin)

    def counts(results, name):
        facet = next(f for f in results.facets if f.name == name)
        return {v.key: v.count for v in facet.values}

    results = selectors.search("achat")
    assert results.count() == 3
    assert counts(results, "region") == {"84": 2, "32": 1}
    assert counts(results, "type") == {"groupement_achat": 1}
    assert counts(results, "tag") == {"declencheur_commun": 2, "crainte_absorption": 1}

    narrowed = selectors.search("achat", region=["84"], tag=["crainte_absorption"])
    assert titles(narrowed) == ["Achat groupé B"]
    assert counts(narrowed, "region") == {"84": 1}  # counted under the tag chosen
    assert counts(narrowed, "tag") == {"declencheur_commun": 2, "crainte_absorption": 1}
    assert titles(selectors.search("", type=["groupement_achat"])) == ["Achat groupé A"]
    assert selectors.search("", region=["84", "32"]).count() == 4  # choices add up
    assert selectors.search("", region=["unknown"]).count() == 0


def test_facets_are_checkboxes_of_a_get_form(client, author, moderator, tags):
    publish(write_report(author, "Achat groupé", tags=[tags["declencheur_commun"]]), moderator)
    page = text(client.get("/retours-experience/", {"q": "achat", "tag": "declencheur_commun"}))
    assert re.search(r'name="tag"\s+value="declencheur_commun"\s+checked', page)
    assert "Déclencheur commun (1)" in page
    assert "Auvergne-Rhône-Alpes (1)" in page


def test_results_are_paginated(client, author, moderator):
    for n in range(12):
        publish(write_report(author, f"Messagerie numéro {n}"), moderator)
    first = text(client.get("/retours-experience/", {"q": "messagerie"}))
    assert "12 retours d'expérience" in first
    assert first.count('<h3 class="fr-h6') == 10
    second = text(client.get("/retours-experience/", {"q": "messagerie", "page": 2}))
    assert second.count('<h3 class="fr-h6') == 2
