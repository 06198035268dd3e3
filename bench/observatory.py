"""Benchmark: the observatory's public pages served by gunicorn under 20 concurrent clients.

Usage:
    python bench/observatory.py            # a throw-away SQLite database, filled like `make run`
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/observatory.py
    BENCH_REUSE=1 DATABASE_URL=… CACHE_URL=… python bench/observatory.py   # already filled

Steps: fill the database (national FINESS file and demo data) unless reused, compute every
public dashboard as the background task does (`refresh_observatory`, timed), start gunicorn
(2 workers × 4 threads), measure each page alone (p50/p95, warm), then 20 clients for 60 s
on the national, regional and departmental pages in turn, and 20 clients on a static file
through the same stack for the ratio. Prints the machine's load (`uptime`) before and after.
Target (issue #18): p95 under 150 ms with 0 errors.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from demo_database import ROOT, manage, prepare

PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
PAGES = {
    "national": "/observatoire/",
    "régional (Auvergne-Rhône-Alpes)": "/observatoire/?region=84",
    "départemental (Ain)": "/observatoire/?departement=01",
}
STATIC = "/static/core/mutualis.css"
SAMPLES = 100
CLIENTS = 20
LOAD_SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
STATIC_SECONDS = 20
TARGET_MS = 150


def fetch(path: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(BASE + path, timeout=30) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
    return time.perf_counter() - start


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def load_test(paths: list[str], seconds: int) -> tuple[int, dict[str, list[float]]]:
    """CLIENTS threads fetching ``paths`` in turn for ``seconds``: errors, timings by path."""
    errors, timings = 0, {path: [] for path in paths}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        nonlocal errors
        i = index
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            try:
                elapsed = fetch(path)
                with lock:
                    timings[path].append(elapsed)
            except Exception:  # every failure counts as an error
                with lock:
                    errors += 1
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, timings


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-observatory-throwaway-key-" + "x" * 40)
    if os.environ.get("BENCH_REUSE"):
        manage("migrate", "--noinput")
    else:
        prepare()
    start = time.perf_counter()
    manage("refresh_observatory")
    print(f"calcul de tous les tableaux de bord (tâche) : {time.perf_counter() - start:.1f} s")
    os.environ.update({"DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "DEMO": "1"})
    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{PORT}"),
            *("--workers", "2", "--threads", "4", "--log-level", "warning"),
        ],
        cwd=ROOT,
    )
    try:
        for _ in range(150):
            try:
                fetch(STATIC)
                break
            except OSError:
                time.sleep(0.2)
        first = {name: fetch(path) for name, path in PAGES.items()}
        for path in PAGES.values():  # each worker reads its pages once
            for _ in range(8):
                fetch(path)
        alone = {}
        for name, path in [*PAGES.items(), ("fichier statique", STATIC)]:
            timings = [fetch(path) for _ in range(SAMPLES)]
            alone[name] = (statistics.median(timings), percentile(timings, 95))
        static_p50 = alone["fichier statique"][0]
        print(f"base : {database} ; charge de la machine avant : {uptime()}")
        for name, (p50, p95) in alone.items():
            print(
                f"seul   {name:34} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
                f"x{p50 / static_p50:.1f} le fichier statique"
            )
        for name, seconds in first.items():
            print(f"première visite {name:26} {seconds * 1000:.0f} ms (chiffres déjà calculés)")
        errors, timings = load_test(list(PAGES.values()), LOAD_SECONDS)
        static_errors, static_timings = load_test([STATIC], STATIC_SECONDS)
        static_p95 = percentile(static_timings[STATIC], 95)
        every = [t for values in timings.values() for t in values]
        for name, path in PAGES.items():
            values = timings[path]
            print(
                f"charge {name:34} {len(values):6} requêtes  p50 "
                f"{statistics.median(values) * 1000:6.1f} ms  p95 "
                f"{percentile(values, 95) * 1000:6.1f} ms"
            )
        p95 = percentile(every, 95)
        verdict = "atteinte" if p95 * 1000 < TARGET_MS and not errors else "MANQUÉE"
        print(
            f"charge : {CLIENTS} clients, {LOAD_SECONDS} s : {len(every)} requêtes "
            f"({len(every) / LOAD_SECONDS:.0f}/s), {errors} erreurs, p95 {p95 * 1000:.0f} ms "
            f"(cible < {TARGET_MS} ms, 0 erreur : {verdict})"
        )
        print(
            f"fichier statique sous la même charge : {len(static_timings[STATIC])} requêtes, "
            f"{static_errors} erreurs, p95 {static_p95 * 1000:.0f} ms ; rapport des p95 "
            f"x{p95 / static_p95:.1f}"
        )
        print(f"charge de la machine après : {uptime()}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
