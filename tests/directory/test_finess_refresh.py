"""refresh_finess: the daily FINESS+ file, served by a local HTTP server (never the internet)."""

import hashlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from mutualis.core.models import ImportRun
from mutualis.directory import finess_refresh
from mutualis.directory.import_plan import ImportPlan
from mutualis.directory.import_scope import Hold
from mutualis.directory.models import Establishment, FinessRefresh, Grouping
from mutualis.initiatives.models import Initiative
from tests.directory.finess_plus_files import structures

pytestmark = pytest.mark.django_db
PATH = "/datasets/r/finess-structures-journalier.json"
CHECKSUM_PATH = PATH + ".sha256"


class FinessPlusServer(ThreadingHTTPServer):
    """Serves ``body`` with an ETag and a Last-Modified date; answers 304 to a matching
    ``If-None-Match``; records the headers of every request."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, str]] = []
        self.status = 200
        self.send_length = True
        self.checksum = ""
        self.publish(structures(), "v1", "Tue, 01 Dec 2026 04:00:00 GMT")

    def publish(self, doc: dict, etag: str, last_modified: str) -> None:
        self.body = json.dumps(doc, ensure_ascii=False).encode()
        self.etag, self.last_modified = f'"{etag}"', last_modified

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{PATH}"


class _Handler(BaseHTTPRequestHandler):
    server: FinessPlusServer

    def do_GET(self):
        server = self.server
        if self.path == CHECKSUM_PATH:
            self._answer(200, f"{server.checksum}  finess-structures-journalier.json\n".encode())
            return
        server.requests.append(dict(self.headers))
        if self.path != PATH or server.status != 200:
            self._answer(404 if self.path != PATH else server.status, b"")
        elif self.headers.get("If-None-Match") == server.etag:
            self._answer(304, b"")
        else:
            self._answer(
                200, server.body, ETag=server.etag, **{"Last-Modified": server.last_modified}
            )

    def _answer(self, status: int, body: bytes, **headers) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.server.send_length or status != 200:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status not in (204, 304):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    httpd = FinessPlusServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_PLUS_URL": httpd.url}
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def refresh(*args) -> FinessRefresh:
    call_command("refresh_finess", *args, verbosity=0)
    return FinessRefresh.objects.first()


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("refresh_finess", *args, verbosity=0)
    return str(error.value)


def test_without_address_the_command_says_it_is_not_configured(settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_PLUS_URL": ""}
    assert "non configuré" in refused() and "FINESS_PLUS_URL" in refused()
    assert not FinessRefresh.objects.exists()


def test_first_refresh_applies_the_file_and_its_groupings(server):
    attempt = refresh()
    assert attempt.status == "applied", attempt.message
    assert attempt.message.startswith("Fichier FINESS+ appliqué : 3 ajoutés")
    assert "2 groupements de coopération" in attempt.message
    assert attempt.sha256 == hashlib.sha256(server.body).hexdigest()
    assert (attempt.etag, attempt.last_modified) == ('"v1"', "Tue, 01 Dec 2026 04:00:00 GMT")
    assert attempt.size == len(server.body)
    assert not attempt.import_run.dry_run
    assert attempt.import_run.file_name == "finess-structures-journalier.json"
    assert Establishment.objects.filter(finess="690000021").exists()
    assert Grouping.objects.count() == 2 and Initiative.objects.count() == 2
    (first,) = server.requests
    assert "If-None-Match" not in first and "If-Modified-Since" not in first


def test_second_refresh_sends_conditional_headers_and_gets_304(server, capsys):
    refresh()
    attempt = refresh()
    assert attempt.status == "not_modified"
    assert attempt.message.startswith("Rien de nouveau")
    conditional = server.requests[-1]
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == "Tue, 01 Dec 2026 04:00:00 GMT"
    assert attempt.import_run is None and ImportRun.objects.count() == 1
    # The validators are kept for the next day.
    refresh()
    assert server.requests[-1]["If-None-Match"] == '"v1"'


def test_a_changed_file_is_applied(server):
    refresh()
    doc = structures()
    doc["pmej"][0]["ege"][0]["informationsGeneralesEGE"]["nomEgeCourt"] = "EHPAD RENOMMÉ"
    server.publish(doc, "v2", "Wed, 02 Dec 2026 04:00:00 GMT")
    attempt = refresh()
    assert attempt.status == "applied" and "1 modifiés" in attempt.message
    assert server.requests[-1]["If-None-Match"] == '"v1"'
    assert Establishment.objects.get(finess="690000021").name == "EHPAD RENOMMÉ"
    assert attempt.etag == '"v2"'


def test_the_same_file_under_a_new_etag_is_not_applied_again(server):
    refresh()
    server.publish(structures(), "v1-bis", "Wed, 02 Dec 2026 04:00:00 GMT")
    attempt = refresh()
    assert attempt.status == "unchanged" and "rien à faire" in attempt.message
    assert ImportRun.objects.count() == 1


def test_a_published_checksum_is_verified(server, settings):
    settings.MUTUALIS = {
        **settings.MUTUALIS,
        "FINESS_PLUS_SHA256_URL": server.url.replace(PATH, CHECKSUM_PATH),
    }
    server.checksum = "0" * 64
    message = refused()
    assert "Empreinte SHA-256 différente de celle publiée" in message
    assert not Establishment.objects.exists() and not ImportRun.objects.exists()
    assert FinessRefresh.objects.get().status == "failed"
    server.checksum = hashlib.sha256(server.body).hexdigest().upper()
    assert refresh().status == "applied"


@pytest.mark.parametrize("send_length", [True, False])
def test_a_file_above_the_size_cap_is_refused(server, monkeypatch, send_length):
    server.send_length = send_length  # without Content-Length, counted while streaming
    monkeypatch.setattr(finess_refresh, "max_bytes", lambda: 5 * 1024 * 1024)
    assert refresh().status == "applied"
    server.publish(structures(groupings=False), "v2", "Wed, 02 Dec 2026 04:00:00 GMT")
    monkeypatch.setattr(finess_refresh, "max_bytes", lambda: len(server.body) - 1)
    message = refused()
    assert message.startswith("Fichier FINESS+ trop volumineux")
    assert Grouping.objects.count() == 2  # the previous file still stands
    assert FinessRefresh.objects.first().status == "failed"


def test_a_server_down_gives_a_french_error(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_PLUS_URL": f"http://127.0.0.1:{port}/f.json"}
    message = refused("--timeout", "5")
    assert message.startswith("Impossible de joindre le serveur FINESS+")
    assert FinessRefresh.objects.get().status == "failed"


def test_an_http_error_or_a_bad_scheme_gives_a_french_error(server, settings):
    server.status = 503
    assert "Le serveur FINESS+ a répondu « 503" in refused()
    settings.MUTUALIS = {**settings.MUTUALIS, "FINESS_PLUS_URL": "file:///etc/passwd"}
    assert "seules les adresses http(s)" in refused()


def test_a_file_that_is_not_finess_is_refused(server):
    server.body = b'{"autre": []}'
    assert refused().startswith("Ce fichier n'est pas un fichier FINESS reconnu")
    assert not ImportRun.objects.exists()


def test_a_held_plan_writes_nothing_and_fails(server, monkeypatch):
    calls = []

    def held_import(path, **kwargs):
        calls.append(kwargs)
        run = ImportRun.objects.create(
            source="FINESS (finess-plus-json)", file_name=path.name, sha256="0" * 64
        )
        hold = Hold(closures=3, moves=0, threshold=2, open_in_scope=100)
        return run, ImportPlan(closed=["690000021", "690000039", "980501507"], hold=hold)

    monkeypatch.setattr(finess_refresh, "run_import", held_import)
    message = refused()
    assert "Import retenu : 3 fermeture(s)" in message and "--allow-closures 3" in message
    assert calls == [{"wet_run": True, "complete": True, "allowed_closures": None}]
    attempt = FinessRefresh.objects.get()
    assert attempt.status == "held" and attempt.import_run.dry_run
    assert not Establishment.objects.exists()
    # Held is not applied: the next day downloads again (no conditional header) and the
    # operator passes the number of closures checked.
    refused("--allow-closures", "3")
    assert "If-None-Match" not in server.requests[-1]
    assert calls[-1]["allowed_closures"] == 3


def test_the_command_reports_success_unless_quiet(server, capsys):
    call_command("refresh_finess")
    assert capsys.readouterr().out.startswith("Fichier FINESS+ appliqué")
    call_command("refresh_finess", verbosity=0)
    assert capsys.readouterr().out == ""
