"""Full-text search of the experience reports, one interface over two databases.

- PostgreSQL: ``search_vector`` (weights A title, B pooled and context, C the rest) in the
  ``french_unaccent`` configuration with a GIN index; ``websearch_to_tsquery``,
  ``ts_rank`` and ``ts_headline``.
- SQLite: the FTS5 table ``library_report_fts`` (``unicode61 remove_diacritics 2``) over the
  content table ``library_report_fts_source`` (the original text, read back by
  ``highlight()`` and ``snippet()``), indexing text normalised by ``analysis``; ranked by
  ``bm25``.

``index`` and ``unindex`` are called by the service layer (never by ``save()``); the
selector calls ``backend()`` for matching, ranking and highlighting.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import reduce
from operator import add

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection, transaction
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from mutualis.library import analysis
from mutualis.library.analysis import START, STOP, ParsedQuery
from mutualis.library.models import SEARCHED_FIELDS, SECTIONS, ExperienceReport

CONFIG = "french_unaccent"
FIELDS = [name for name, _ in SEARCHED_FIELDS]
BODY = [name for name, _ in SECTIONS]
EXCERPT_WORDS = 30
# What the selector needs of each matching report: facets are counted in Python.
CANDIDATE = ("pk", "region_id", "initiative_id", "search_tags")


def _document(report: ExperienceReport) -> list[str]:
    return [unicodedata.normalize("NFC", getattr(report, name) or "") for name in FIELDS]


def _tag_codes(report: ExperienceReport) -> str:
    return " ".join(sorted(report.tags.values_list("code", flat=True)))


def _index_all_tags() -> None:
    """``search_tags`` of every report, in batches."""
    codes = defaultdict(list)
    links = ExperienceReport.tags.through.objects.values_list(
        "experiencereport_id", "cooperationtag__code"
    )
    for report, code in links.iterator(chunk_size=5000):
        codes[report].append(code)
    reports = list(ExperienceReport.objects.only("pk"))
    for report in reports:
        report.search_tags = " ".join(sorted(codes.get(report.pk, [])))
    ExperienceReport.objects.bulk_update(reports, ["search_tags"], batch_size=1000)


class PostgresBackend:
    vector = reduce(
        add, (SearchVector(name, config=CONFIG, weight=weight) for name, weight in SEARCHED_FIELDS)
    )

    def index(self, report: ExperienceReport) -> None:
        ExperienceReport.objects.filter(pk=report.pk).update(
            search_vector=self.vector, search_tags=_tag_codes(report)
        )

    def index_all(self) -> None:
        ExperienceReport.objects.update(search_vector=self.vector)
        _index_all_tags()

    def unindex(self, report_id: int) -> None:
        """The vector lives on the row: nothing to remove."""

    @staticmethod
    def _query(parsed: ParsedQuery) -> SearchQuery:
        return SearchQuery(parsed.text, config=CONFIG, search_type="websearch")

    def candidates(self, queryset: QuerySet, parsed: ParsedQuery) -> list[tuple]:
        """``CANDIDATE`` rows of the reports matching the query, best first."""
        # No length normalisation: it walks every position of every matching vector (a
        # third of the query time) for no gain on the judged queries.
        rank = SearchRank(F("search_vector"), self._query(parsed), normalization=Value(0))
        rows = (
            queryset.filter(search_vector=self._query(parsed))
            .annotate(rank=rank)
            .order_by("-rank", "-published_at", "pk")
            .values_list(*CANDIDATE)
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # The GIN index finds the matches without reading the vectors; when a query
            # matches a large share of the reports, the planner prefers a sequential scan,
            # which decompresses every vector to test it (3 to 5 times slower): forbid it.
            cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
            found = list(rows)
            cursor.execute("SELECT set_config('enable_seqscan', 'on', true)")
        return found

    def excerpts(self, ids: list[int], parsed: ParsedQuery) -> dict[int, tuple[str, str]]:
        query = self._query(parsed)
        marks = {"start_sel": START, "stop_sel": STOP}
        body = Concat(
            *[part for name in BODY for part in (F(name), Value("\n"))], output_field=TextField()
        )
        rows = ExperienceReport.objects.filter(pk__in=ids).annotate(
            marked_title=SearchHeadline("title", query, config=CONFIG, highlight_all=True, **marks),
            marked_body=SearchHeadline(
                body,
                query,
                config=CONFIG,
                max_words=EXCERPT_WORDS,
                min_words=15,  # one passage: fragments cost twice as much to choose
                **marks,
            ),
        )
        return {
            pk: (title, text)
            for pk, title, text in rows.values_list("pk", "marked_title", "marked_body")
        }

    def highlighted(self, report: ExperienceReport, parsed: ParsedQuery) -> dict[str, str]:
        query = self._query(parsed)
        annotations = {
            f"marked_{name}": SearchHeadline(
                name, query, config=CONFIG, highlight_all=True, start_sel=START, stop_sel=STOP
            )
            for name in FIELDS
        }
        rows = ExperienceReport.objects.filter(pk=report.pk).annotate(**annotations)
        found = rows.values(*annotations).first() or {}
        return {name: found.get(f"marked_{name}", "") for name in FIELDS}


class SqliteBackend:
    table = "library_report_fts"
    source = "library_report_fts_source"
    # bm25 column weights in FIELDS order, in the proportions of PostgreSQL's A, B, C.
    weights = ", ".join({"A": "5.0", "B": "2.0", "C": "1.0"}[w] for _, w in SEARCHED_FIELDS)
    columns = ", ".join(FIELDS)
    placeholders = ", ".join(["%s"] * len(FIELDS))

    def _delete(self, cursor, report_id: int) -> None:
        cursor.execute(f"SELECT {self.columns} FROM {self.source} WHERE rowid = %s", [report_id])  # noqa: S608 - constant names
        old = cursor.fetchone()
        if old is None:
            return
        cursor.execute(
            f"INSERT INTO {self.table} ({self.table}, rowid, {self.columns}) "  # noqa: S608
            f"VALUES ('delete', %s, {self.placeholders})",
            [report_id, *(analysis.index_text(text) for text in old)],
        )
        cursor.execute(f"DELETE FROM {self.source} WHERE rowid = %s", [report_id])  # noqa: S608

    def index(self, report: ExperienceReport) -> None:
        ExperienceReport.objects.filter(pk=report.pk).update(search_tags=_tag_codes(report))
        self._write(report)

    def _write(self, report: ExperienceReport) -> None:
        texts = _document(report)
        with connection.cursor() as cursor:
            self._delete(cursor, report.pk)
            cursor.execute(
                f"INSERT INTO {self.source} (rowid, {self.columns}) "  # noqa: S608
                f"VALUES (%s, {self.placeholders})",
                [report.pk, *texts],
            )
            cursor.execute(
                f"INSERT INTO {self.table} (rowid, {self.columns}) "  # noqa: S608
                f"VALUES (%s, {self.placeholders})",
                [report.pk, *(analysis.index_text(text) for text in texts)],
            )

    def index_all(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.table} ({self.table}) VALUES ('delete-all')")  # noqa: S608
            cursor.execute(f"DELETE FROM {self.source}")  # noqa: S608
        for report in ExperienceReport.objects.only(*FIELDS).iterator(chunk_size=500):
            self._write(report)
        _index_all_tags()

    def unindex(self, report_id: int) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, report_id)

    def candidates(self, queryset: QuerySet, parsed: ParsedQuery) -> list[tuple]:
        """``CANDIDATE`` rows of the reports matching the query, best first (bm25)."""
        match = f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({self.table}, {self.weights}) FROM {self.table} "  # noqa: S608
                f"WHERE {self.table} MATCH %s",
                [parsed.fts5()],
            )
            scores = dict(cursor.fetchall())
        rows = queryset.filter(pk__in=RawSQL(match, [parsed.fts5()]))  # noqa: S611 - bound
        found = rows.values_list(*CANDIDATE, "published_at")
        ordered = sorted(found, key=lambda row: (-(row[-1].timestamp() if row[-1] else 0), row[0]))
        ordered.sort(key=lambda row: scores[row[0]])  # stable: bm25 is lower for better
        return [row[:-1] for row in ordered]

    def excerpts(self, ids: list[int], parsed: ParsedQuery) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        sections = range(1, len(FIELDS))
        snippets = ", ".join(
            f"snippet({self.table}, {i}, %s, %s, ' … ', {EXCERPT_WORDS})" for i in sections
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, highlight({self.table}, 0, %s, %s), {snippets} "  # noqa: S608
                f"FROM {self.table} WHERE {self.table} MATCH %s "
                f"AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [START, STOP, *[START, STOP] * len(sections), parsed.fts5(), *ids],
            )
            rows = cursor.fetchall()
        found = {}
        for pk, title, *bodies in rows:
            # The section with the most marked terms, the pooled part and context on a tie.
            best = max(bodies, key=lambda text: (text or "").count(START))
            found[pk] = (title, best)
        return found

    def highlighted(self, report: ExperienceReport, parsed: ParsedQuery) -> dict[str, str]:
        marks = ", ".join(f"highlight({self.table}, {i}, %s, %s)" for i in range(len(FIELDS)))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {marks} FROM {self.table} "  # noqa: S608
                f"WHERE {self.table} MATCH %s AND rowid = %s",
                [*[START, STOP] * len(FIELDS), parsed.fts5(), report.pk],
            )
            row = cursor.fetchone()
        return dict(zip(FIELDS, row, strict=True)) if row else {}


def backend() -> PostgresBackend | SqliteBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


def index(report: ExperienceReport) -> None:
    backend().index(report)


def unindex(report_id: int) -> None:
    backend().unindex(report_id)


def index_all() -> None:
    backend().index_all()
