"""200 participants join, vote and change their ballots at once against a running server, on
PostgreSQL: the session's totals are exactly the sum of the final ballots.

The server is gunicorn (as in production: several processes, threads) on the test database.
The session is written and removed by another thread of the test (its own connection, in
autocommit) so that the server sees it while the test itself stays in a rolled-back
transaction, which keeps the reference data loaded once per run (a transactional test would
flush it). The participants are HTTP clients with their own cookies, run by a pool of threads.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, connections

from mutualis.core.models import AuditLog
from mutualis.workshops.models import BallotMark, Workshop
from tests.factories import regional_actor
from tests.workshops.conftest import SEED_LEVERS, new_workshop

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL"
    ),
]

PARTICIPANTS = 200
CLIENTS = 48  # concurrent HTTP clients (each request holds a database connection)
CHANGES = 2  # ballots per participant: a vote, then a change (and sometimes an invalid one)


SERVER_WORKERS, SERVER_THREADS = 2, 24


def committed(function):
    """Run ``function`` in another thread: its own connection, in autocommit."""

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _create():
    facilitator = regional_actor("84")
    return facilitator, new_workshop(facilitator)


def _remove(facilitator, workshop, sessions_before):
    AuditLog.objects.filter(object_id=str(workshop.uid)).delete()
    Workshop.objects.filter(pk=workshop.pk).delete()
    facilitator.delete()
    Session.objects.exclude(session_key__in=sessions_before).delete()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def gunicorn():
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = os.environ | {
        "DATABASE_URL": _database_url(),  # the test database
        "SECURE_COOKIES": "0",  # plain HTTP here
        "DEBUG": "0",
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(SERVER_WORKERS)),
        *("--threads", str(SERVER_THREADS), "--backlog", "512", "--log-level", "warning"),
    ]
    server = subprocess.Popen(command, env=environment, cwd=settings.BASE_DIR)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/ateliers/rejoindre/", timeout=2).close()  # noqa: S310
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def running_session():
    """A running server and an open session, committed to the test database."""
    sessions_before = set(Session.objects.values_list("session_key", flat=True))
    facilitator, workshop = committed(_create)
    try:
        with gunicorn() as base:
            yield base, workshop
    finally:
        committed(lambda: _remove(facilitator, workshop, sessions_before))


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Report redirects instead of following them (as an HTTPError)."""

    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Participant:
    base: str
    code: str
    rng: random.Random
    final: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    refused: int = 0

    def __post_init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects()
        )

    def _csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def _send(self, path: str, data: dict | None = None, htmx: bool = False) -> str:
        headers = {"X-CSRFToken": self._csrf()} if data is not None else {}
        if htmx:
            headers["HX-Request"] = "true"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        self.requests += 1
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.read().decode()
        except urllib.error.HTTPError as redirect:
            assert redirect.code == 302, redirect
            return redirect.headers["Location"]

    def join(self, name: str) -> None:
        path = f"/ateliers/rejoindre/{self.code}/"
        self._send(path)  # the csrftoken cookie
        assert self._send(path, {"display_name": name}) == f"/ateliers/a/{self.code}/"

    def ballot(self) -> dict[str, int]:
        top, high, priority = self.rng.sample(SEED_LEVERS, 3)
        return {"rang-3": top, "rang-2": high, "rang-1": priority}

    def vote(self, form: dict[str, str]) -> bool:
        html = self._send(f"/ateliers/a/{self.code}/bulletin/", form, htmx=True)
        if "Votre vote est enregistré" in html:
            self.final = {form["rang-3"]: 3, form["rang-2"]: 2, form["rang-1"]: 1}
            return True
        assert "Choisissez trois leviers différents." in html, html[:500]
        self.refused += 1
        return False

    def run(self) -> None:
        for change in range(CHANGES):
            form = self.ballot()
            if change == 1 and self.rng.random() < 0.3:  # an invalid change, refused
                assert not self.vote(form | {"rang-2": form["rang-3"]})
            assert self.vote(form)


def test_200_participants_vote_and_change_their_ballots_at_once(running_session):
    base, workshop = running_session
    participants = [
        Participant(base, workshop.code, random.Random(index)) for index in range(PARTICIPANTS)
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(lambda p: p[1].join(f"Participant {p[0]}"), enumerate(participants)))
        joined = time.perf_counter()
        list(pool.map(Participant.run, participants))
    elapsed = time.perf_counter() - started

    expected = Counter()
    for participant in participants:
        expected.update(participant.final)
    workshop.refresh_from_db()
    totals = {lever.code: lever.points for lever in workshop.levers.all()}
    marks = Counter()
    for code, points in BallotMark.objects.filter(ballot__workshop=workshop).values_list(
        "lever__code", "points"
    ):
        marks[code] += points
    assert totals == {code: expected[code] for code in SEED_LEVERS}
    assert totals == {code: marks[code] for code in SEED_LEVERS}
    assert sum(totals.values()) == 6 * PARTICIPANTS
    assert workshop.ballot_count == PARTICIPANTS == workshop.participants.count()
    voters = {lever.code: lever.voters for lever in workshop.levers.all()}
    assert sum(voters.values()) == 3 * PARTICIPANTS

    requests = sum(p.requests for p in participants)
    votes = sum(CHANGES + p.refused for p in participants)
    print(  # the figures of the proof, shown with -s
        f"\n{PARTICIPANTS} participants, {CLIENTS} concurrent clients, gunicorn "
        f"{SERVER_WORKERS}×{SERVER_THREADS}: {requests} requests, "
        f"{votes} votes ({sum(p.refused for p in participants)} refused) in {elapsed:.1f} s "
        f"(joining {joined - started:.1f} s, voting {elapsed - (joined - started):.1f} s, "
        f"{votes / (elapsed - (joined - started)):.0f} votes/s)"
    )
    assert elapsed < 60
    assert re.fullmatch(r"[A-Z0-9]{6}", workshop.code)
