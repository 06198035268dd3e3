"""Shared by the benchmarks: a throw-away database filled like ``make run`` does."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FINESS = ROOT / "demo/finess/etalab-cs1100507-stock-20210108-reconstructed.csv.gz"
STEPS = [
    ("migrate", "--noinput"),
    ("load_reference_data",),
    ("load_maturity_referential",),
    ("load_programme_rules",),
    ("import_finess", str(FINESS), "--wet-run", "--show", "0"),
    ("seed_demo",),
    ("seed_demo_maturity",),
    ("seed_demo_grappes",),
]


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args, "-v0"], cwd=ROOT, check=True)


def prepare(steps: list[tuple[str, ...]] = STEPS) -> Path:
    """Point DATABASE_URL (unless set) and CACHE_URL at a temporary directory and load the
    national FINESS file and the demo data into it (or only the first ``steps``)."""
    tmp = Path(tempfile.mkdtemp(prefix="mutualis-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("CACHE_URL", f"filecache://{tmp}/cache")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    print("Préparation des données de démonstration nationales…", flush=True)
    for step in steps:
        manage(*step)
    return tmp
