"""Benchmark: national FINESS import vs a raw bulk load of the same parsed rows.

Usage: python bench/import_finess.py [FILE]   (DATABASE_URL selects SQLite or PostgreSQL;
the default is a throw-away SQLite file). Prints wall time, peak memory of the import
process, and the ratio to the baseline = parse the file + raw executemany (SQLite) or
COPY (PostgreSQL) of the parsed rows into a bare table, measured in the same run.
Targets (issue #3): under 60 s, under 3x the baseline, peak memory under 400 MB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_FILE = ROOT / "demo/finess/etalab-cs1100507-stock-20210108-reconstructed.csv.gz"
RAW_COLUMNS = (
    "finess",
    "managing_body_finess",
    "name",
    "category_code",
    "street_name",
    "postal_code",
    "city",
    "commune_code",
    "departement_code",
    "latitude",
    "longitude",
)


def manage(*args: str) -> float:
    """Run a management command in a child process; return its wall time."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)
    return time.perf_counter() - start


def baseline(path: Path) -> tuple[float, float, int]:
    """Parse the file, then bulk-load the parsed rows into a bare table: (parse s, load s, n)."""
    import django

    django.setup()
    from django.db import connection

    from mutualis.finess.nomenclatures import social_category_codes
    from mutualis.finess.readers import read_finess_file

    scope = social_category_codes()
    start = time.perf_counter()
    result = read_finess_file(path, keep_category=scope.__contains__)
    parsed = time.perf_counter() - start
    rows = [tuple(getattr(r, c) for c in RAW_COLUMNS) for r in result.establishments]
    columns = ", ".join(RAW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw")
        cursor.execute(f"CREATE TABLE bench_raw ({', '.join(c + ' text' for c in RAW_COLUMNS)})")
        start = time.perf_counter()
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY bench_raw ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in RAW_COLUMNS)
            sql = f"INSERT INTO bench_raw ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)
        loaded = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_raw")
    return parsed, loaded, len(rows)


def import_in_process(path: Path) -> float:
    """Wall time of the import itself (no interpreter start-up), on an emptied directory."""
    from django.core.management import call_command

    from mutualis.directory.finess_import import run_import

    call_command("flush", "--noinput", verbosity=0)  # TRUNCATE on PostgreSQL: no dead rows
    call_command("load_reference_data", verbosity=0)
    start = time.perf_counter()
    run_import(path, wet_run=True)
    return time.perf_counter() - start


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    tmp = tempfile.mkdtemp(prefix="mutualis-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        print("PostgreSQL: the database must exist and be empty of Mutualis data.")
    manage("migrate", "--noinput", "-v0")
    manage("flush", "--noinput", "-v0")
    manage("load_reference_data", "-v0")

    import_seconds = manage("import_finess", str(path), "--wet-run", "-v0", "--show", "0")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    again_seconds = manage("import_finess", str(path), "--wet-run", "-v0", "--show", "0")
    # Best of several runs for both sides: a shared 2-core machine is noisy.
    parse_s, load_s, count = min((baseline(path) for _ in range(3)), key=lambda r: r[0] + r[1])
    base = parse_s + load_s
    in_process = min(import_in_process(path) for _ in range(3))
    print(f"database            : {os.environ['DATABASE_URL'].split(':')[0]}")
    print(f"establishments      : {count}")
    print(f"import command      : {import_seconds:.1f} s (with start-up)   target < 60 s")
    print(f"import in process   : {in_process:.1f} s (best of 3)")
    print(f"re-import (no diff) : {again_seconds:.1f} s")
    print(f"peak memory (RSS)   : {peak_mb:.0f} MB   target < 400 MB")
    print(f"baseline (best of 3): {base:.1f} s (parse {parse_s:.1f} s + raw load {load_s:.2f} s)")
    print(f"ratio import/base   : {in_process / base:.2f}   target < 3")


if __name__ == "__main__":
    main()
