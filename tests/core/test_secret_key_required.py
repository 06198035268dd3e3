"""Without DEBUG the settings refuse to start with no SECRET_KEY (no silent default key);
with DEBUG on, a development key keeps `make run` working."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_KEY = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)


def run_settings(**variables: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **variables,
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", READ_KEY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_debug_off_without_a_key_fails_with_a_clear_message():
    result = run_settings(DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set: with DEBUG off" in result.stderr


def test_an_empty_key_is_no_key():
    result = run_settings(DEBUG="0", SECRET_KEY="")

    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_with_a_key_uses_it():
    result = run_settings(DEBUG="0", SECRET_KEY="k" * 60)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k" * 60


def test_debug_on_runs_with_a_development_key():
    result = run_settings(DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("insecure-development-key")
