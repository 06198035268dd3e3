"""The production environment passes Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DEBUG": "0",
        "STATIC_MANIFEST": "1",
        "SECURE_SSL_REDIRECT": "1",
        "ALLOWED_HOSTS": "mutualis.example.org",
        "SECRET_KEY": secrets.token_urlsafe(48)[:64],
    }
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env.update(overrides)
    assert len(env["SECRET_KEY"]) == 64
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_environment_passes_check_deploy():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"DEBUG": "1"}, "security.W018"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 48}, "security.W009"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
    ],
)
def test_the_check_is_real(overrides, warning):
    result = check_deploy(**overrides)

    assert result.returncode != 0
    assert warning in result.stderr
