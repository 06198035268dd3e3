"""Benchmark: national FINESS import vs a raw bulk load of the same parsed rows, then the
peak memory of the import on the national file and on hostile files of upload size.

Usage: python bench/import_finess.py [FILE] [--memory-only]   (DATABASE_URL selects SQLite
or PostgreSQL; the default is a throw-away SQLite file). Prints wall time, peak memory of
the import process, and the ratio to the baseline = parse the file + raw executemany
(SQLite) or COPY (PostgreSQL) of the parsed rows into a bare table, measured in the same
run. Targets (issue #3): under 60 s, under 3x the baseline, peak memory under 400 MB.

Then (issue #14) each input is imported (dry run) by the command in its own process, and
its RSS high-water mark is read with ``os.wait4``: the national file, and hostile files of
about the upload limit (200 MB) generated in a temporary folder, one at a time. Target:
under 400 MB for any input up to the size limit, each refused with one French message.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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


MB = 1024 * 1024
UPLOAD_BYTES = 200 * MB  # FINESS_MAX_UPLOAD_MB's default: every hostile file stays below
HEADER = b"finess;etalab;111;2026-05-12\r\n"
FIXTURE = ROOT / "tests/finess/data/finess-plus-structures-v1.json"


# Runs the import command in a fresh interpreter and prints, last, its RSS high-water
# mark read from /proc/self/status (VmHWM restarts at exec, unlike ru_maxrss, which
# would count the bench process forked before it) and the outcome.
CHILD = """
import os, sys
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.management import CommandError, call_command
try:
    call_command("import_finess", *sys.argv[1:])
    outcome = "importé (simulation)"
except CommandError as error:
    outcome = str(error)
with open("/proc/self/status") as status:
    peak = next(line for line in status if line.startswith("VmHWM:")).split()[1]
print(int(peak) // 1024, outcome, file=sys.stderr)
"""


def peak_import(path: Path, *options: str) -> tuple[int, float, str]:
    """Dry-run import of ``path`` in a child process: (peak RSS MB, seconds, outcome)."""
    start = time.perf_counter()
    command = [sys.executable, "-c", CHILD, str(path), "-v0", "--show", "0", *options]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    last = done.stderr.strip().splitlines()[-1]
    peak, _, outcome = last.partition(" ")
    if not peak.isdigit():  # a crash: its last line says why
        return -1, time.perf_counter() - start, last
    return int(peak), time.perf_counter() - start, outcome


def _fill(path: Path, head: bytes, chunks: Iterator[bytes], tail: bytes = b"") -> None:
    """Write ``head``, then chunks while the file stays under the upload limit, ``tail``."""
    with path.open("wb") as out:
        out.write(head)
        written = len(head) + len(tail)
        for chunk in chunks:
            if written + len(chunk) > UPLOAD_BYTES:
                break
            out.write(chunk)
            written += len(chunk)
        out.write(tail)


def _repeat(block: bytes) -> Iterator[bytes]:
    while True:
        yield block


def gzip_members(filler: bytes) -> Callable[[Path], None]:
    """A gzip bomb: one 64 MB member of ``filler`` compressed once, written again and
    again up to 200 MB (gzip readers chain members): terabytes once decompressed."""

    def make(path: Path) -> None:
        member = gzip.compress(filler * (64 * MB // len(filler)), compresslevel=9)
        _fill(path, gzip.compress(HEADER + b"structureet;"), _repeat(member))

    return make


def plain(head: bytes, filler: bytes, tail: bytes = b"") -> Callable[[Path], None]:
    def make(path: Path) -> None:
        _fill(path, head, _repeat(filler * (MB // len(filler))), tail)

    return make


def noise(path: Path) -> None:
    rng = random.Random(14)
    _fill(path, b"", iter(lambda: rng.randbytes(MB), b""))


def truncated_gzip(national: Path) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        whole = national.read_bytes()
        path.write_bytes(whole[: len(whole) // 2])

    return make


def _numbers() -> Iterator[str]:
    from mutualis.finess.numbers import has_valid_key

    for n in range(10_000_000, 100_000_000):
        first_eight = f"{n:08d}"
        yield next(first_eight + d for d in "0123456789" if has_valid_key(first_eight + d))


def many_establishments(national: Path) -> Callable[[Path], None]:
    """The national file's establishment lines again and again, each with a new number:
    over 500 000 genuine-looking lines."""

    def make(path: Path) -> None:
        with gzip.open(national, "rb") as source:
            lines = [line for line in source if line.startswith(b"structureet;")]
        numbers = _numbers()

        def renumbered() -> Iterator[bytes]:
            while True:
                block = b"".join(
                    line[:12] + next(numbers).encode() + line[21:] for line in lines[:2000]
                )
                lines.append(lines.pop(0))
                yield block

        _fill(path, HEADER, renumbered())

    return make


def long_names(national: Path) -> Callable[[Path], None]:
    """The national file's lines, renumbered, names and long names of 4 000 characters:
    128 MB once decompressed, a few MB of gzip."""

    def make(path: Path) -> None:
        with gzip.open(national, "rb") as source:
            lines = [
                line.split(b";")
                for line in source
                if line.startswith(b"structureet;") and b'"' not in line
            ]
        numbers = _numbers()
        with gzip.open(path, "wb") as out:
            out.write(HEADER)
            for fields in lines[: 128 * MB // 8200]:
                fields[1] = next(numbers).encode()
                fields[3] = fields[4] = b"N" * 4000
                out.write(b";".join(fields))

    return make


def large_json_flux(path: Path) -> None:
    """The FINESS+ fixture's entries again and again, renumbered: a 200 MB genuine flux."""
    entries = json.loads(FIXTURE.read_text("utf-8"))["pmej"]
    numbers = _numbers()

    def renumbered() -> Iterator[bytes]:
        while True:
            for entry in entries:
                text = json.dumps(entry, ensure_ascii=False)
                sites = {e["informationsGeneralesEGE"]["numFinessEge"] for e in entry["ege"]}
                for old in {entry["informationsGeneralesPmej"]["numFinessPm"], *sites}:
                    text = text.replace(old, next(numbers))
                yield text.encode() + b", "

    _fill(path, b'{"pmej": [', renumbered(), b'{"ege": []}]}')


def hostile_cases(national: Path) -> list[tuple[str, Callable[[Path], None], tuple[str, ...]]]:
    ege = json.dumps({"informationsGeneralesEGE": {"numFinessEge": "010000032"}}).encode()
    return [
        ("gzip bomb, one line (200 MB .gz)", gzip_members(b"A"), ()),
        ("gzip bomb, 1 KB blank lines (200 MB .gz)", gzip_members(b" " * 1023 + b"\n"), ()),
        ("one 200 MB line", plain(HEADER + b"structureet;", b"A"), ()),
        ("200 MB of ';' columns", plain(HEADER + b"structureet", b";"), ()),
        ("one quoted 200 MB field", plain(HEADER + b'structureet;010000024;"', b"F", b'"'), ()),
        ("200 MB of binary noise", noise, ()),
        ("truncated national .gz", truncated_gzip(national), ()),
        ("200 MB of rejected lines", plain(HEADER, b"structureet;0\r\n"), ()),
        ("200 MB of establishment lines", many_establishments(national), ()),
        ("the same, --all-domains", many_establishments(national), ("--all-domains",)),
        ("long names (.gz), --all-domains", long_names(national), ("--all-domains",)),
        ("200 MB of JSON nesting", plain(b'{"pmej": [', b"["), ()),
        ("one 200 MB JSON string", plain(b'{"pmej": [{"nom": "', b"a", b'"}]}'), ()),
        ("one 200 MB JSON number", plain(b'{"pmej": [', b"1", b"]}"), ()),
        ("one 200 MB pmej entry", plain(b'{"pmej": [{"ege": [', ege + b", ", ege + b"]}]}"), ()),
        ("one 200 MB pmej entry of decimals", plain(b'{"pmej": [{"x": [', b"1.5, ", b"1]}]}"), ()),
        ("200 MB genuine FINESS+ JSON", large_json_flux, ()),
    ]


def memory_peaks(national: Path, tmp: str) -> None:
    """Peak memory of a dry-run import of the national file and of each hostile file."""
    print("\npeak memory (RSS) of a dry-run import, target < 400 MB for any file <= 200 MB")
    peak, seconds, message = peak_import(national)
    print(f"  {peak:6.0f} MB {seconds:6.1f} s  national file ({national.name}): {message}")
    for name, make, options in hostile_cases(national):
        path = Path(tmp) / "hostile"
        make(path)
        size_mb = path.stat().st_size / MB
        peak, seconds, message = peak_import(path, *options)
        path.unlink()
        print(f"  {peak:6.0f} MB {seconds:6.1f} s  {name} [{size_mb:.0f} MB]: {message}")


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    path = Path(args[0]) if args else DEFAULT_FILE
    tmp = tempfile.mkdtemp(prefix="mutualis-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        print("PostgreSQL: the database must exist and be empty of Mutualis data.")
    manage("migrate", "--noinput", "-v0")
    manage("flush", "--noinput", "-v0")
    manage("load_reference_data", "-v0")
    if "--memory-only" in sys.argv:
        memory_peaks(path, tmp)
        return

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
    memory_peaks(path, tmp)


if __name__ == "__main__":
    main()
