"""Benchmark: observatory dashboards on the national demo data, served by gunicorn.

Usage: python bench/observatory.py   (DATABASE_URL selects the database; the default is a
throw-away SQLite file, filled with the national FINESS file and the demo data).
Prints the server time p50/p95 of the national and a regional dashboard (warm cache), the
first, uncached computation, the ratio to serving a static file through the same stack,
then runs 20 clients for 60 s and counts errors. Target (issue #4): p95 under 300 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from demo_database import ROOT, prepare

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
PAGES = {
    "national": "/observatoire/",
    "régional (Auvergne-Rhône-Alpes)": "/observatoire/?region=84",
    "fichier statique": "/static/core/mutualis.css",
}
SAMPLES = 200
CLIENTS, LOAD_SECONDS = 20, 60


def fetch(path: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(BASE + path, timeout=30) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def load_test() -> tuple[int, int, list[float]]:
    done, errors, timings = 0, 0, []
    lock = threading.Lock()
    stop = time.monotonic() + LOAD_SECONDS
    paths = list(PAGES.values())[:2]

    def client(index: int) -> None:
        nonlocal done, errors
        i = index
        while time.monotonic() < stop:
            try:
                elapsed = fetch(paths[i % len(paths)])
                with lock:
                    done += 1
                    timings.append(elapsed)
            except Exception:  # every failure counts as an error
                with lock:
                    errors += 1
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, errors, timings


def main() -> None:
    prepare()
    os.environ.update({"DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "DEMO": "1"})
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{PORT}"),
            *("--workers", "2", "--threads", "4", "--log-level", "warning"),
        ],
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                fetch(PAGES["fichier statique"])
                break
            except OSError:
                time.sleep(0.2)
        cold = {name: fetch(path) for name, path in list(PAGES.items())[:2]}
        results = {}
        for name, path in PAGES.items():
            timings = [fetch(path) for _ in range(SAMPLES)]
            results[name] = (statistics.median(timings), percentile(timings, 95))
        static_p50 = results["fichier statique"][0]
        for name, (p50, p95) in results.items():
            ratio = p50 / static_p50
            print(f"{name:34} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  x{ratio:.1f}")
        for name, seconds in cold.items():
            print(f"{name:34} premier calcul (cache vide) {seconds * 1000:.0f} ms")
        done, errors, timings = load_test()
        print(
            f"charge : {CLIENTS} clients, {LOAD_SECONDS} s : {done} requêtes, {errors} erreurs, "
            f"p95 {percentile(timings, 95) * 1000:.0f} ms  (cible p95 < 300 ms, 0 erreur)"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
