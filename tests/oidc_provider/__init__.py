"""A real OpenID Connect provider for the tests (panva's certified ``oidc-provider`` from the
npm registry, ``server.mjs``), started in a Node.js process: ``npm ci --prefix
tests/oidc_provider`` installs it (``make test`` does)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

HERE = Path(__file__).parent
CLIENT_SECRET = "secret-du-client-de-test-long-de-plus-de-32-caracteres"
ACCOUNTS = {
    "agent": {
        "email": "anne.agent@ars.example.fr",
        "email_verified": True,
        "given_name": "Anne",
        "usual_name": "Agent",
        "siret": "77568088100019",
        "uid": "agent-uid",
    },
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_provider(clients: list[dict], accounts: dict | None = None) -> Iterator[str]:
    """Starts the provider with these clients (client_id, redirect_uris,
    post_logout_redirect_uris; the secret is ``CLIENT_SECRET``) and accounts (login → claims);
    yields its discovery address."""
    if not (HERE / "node_modules" / "oidc-provider").exists():
        raise RuntimeError("npm ci --prefix tests/oidc_provider (make test le fait)")
    port = _free_port()
    config = {
        "port": port,
        "clients": [{"client_secret": CLIENT_SECRET, **client} for client in clients],
        "accounts": ACCOUNTS | (accounts or {}),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(config, file)
        file.flush()
        process = subprocess.Popen(  # noqa: S603 (our script, our temporary file)
            [shutil.which("node") or "node", str(HERE / "server.mjs"), file.name],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            for line in process.stdout:
                if line.startswith("ready "):
                    break
            else:
                raise RuntimeError("Le fournisseur OpenID Connect de test n'a pas démarré.")
            yield f"http://127.0.0.1:{port}/.well-known/openid-configuration"
        finally:
            process.terminate()
            process.wait(timeout=10)


class _Forms(HTMLParser):
    """The forms of a page: action and hidden or preset inputs."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action", ""), "fields": {}})
        elif tag in ("input", "button") and self.forms and attributes.get("name"):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or ""


def sign_in_at_provider(authorize_url: str, login: str) -> str:
    """Does what a person does at the provider: signs in as ``login``, consents; returns the
    address the provider sends the browser back to (our callback, with code and state)."""
    browser = requests.Session()
    url, method, data = authorize_url, "get", None
    for _ in range(12):
        response = browser.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            target = urljoin(url, response.headers["location"])
            if not target.startswith(authorize_url.split("/auth")[0]):
                return target
            url, method, data = target, "get", None
            continue
        parser = _Forms()
        parser.feed(response.text)
        if not parser.forms:
            raise AssertionError(f"Page du fournisseur inattendue : {response.text[:500]}")
        form = parser.forms[0]
        data = form["fields"] | (
            {"login": login, "password": "mot-de-passe"} if "login" in response.text else {}
        )
        url, method = urljoin(url, form["action"]), "post"
    raise AssertionError("Trop de redirections chez le fournisseur.")


def state_of(url: str) -> str:
    return re.search(r"state=([^&]+)", url).group(1)
