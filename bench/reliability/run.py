"""Load and faults: N comments from CLIENTS clients, a kill -9, a PostgreSQL restart.

Usage: ``bench/reliability/run.sh [--pg]`` (sets nothing itself beyond the
environment below). Knobs from the environment: ``N`` (20000), ``CLIENTS``
(64), ``FAULTS`` (1: kill -9 of the server's processes at 40 % and, with
``--pg``, restart PostgreSQL at 60 %; 0: none), ``READERS`` (2 threads
reading the article page), ``IP_BLOCK`` (8 posts per source address),
``PORT`` (8031), ``SERVER`` (granian, as ``khabar serve --prod``; or
gunicorn), ``WORKERS`` and ``THREADS`` (as ``khabar serve --prod``).

Khabar runs as in bench/http/run.sh: the production profile under granian
(or gunicorn gthread with keep-alive), bench/http's settings (comment
limits lifted, here with a console log for django.request),
KHABAR_TASKS=immediate, the site prepared by bench/http/prepare.py. Prints
one markdown table row set and writes ``summary.json`` into the work folder.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from client import Captchas, LoadClient, run_marker, wait_ready

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
HTTP = REPO / "bench" / "http"
SEED = REPO.parent / "shared" / "seeds" / "000_74ed4e50eb75564b.txt"
PY = REPO / ".venv" / "bin" / "python"
BIN = REPO / ".venv" / "bin"
HOST = "127.0.0.1"
PG_DB = "khabar_reliability"
REDIS_DB = 11


def knob(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def server_command(
    server: str, port: int, workers: int, threads: int, work: Path, n: int
) -> list[str]:
    """Return the command line of ``server``, logging every answer's status first."""
    if server == "granian":
        return [
            *(str(BIN / "granian"), "--interface", "wsgi", "--host", HOST),
            *("--port", str(port), "--workers", str(workers)),
            *("--blocking-threads", str(threads), "--log-level", "warning"),
            *("--access-log", "--access-log-fmt", "%(status)d %(method)s %(path)s"),
            "khabar.wsgi:application",
        ]
    return [
        *(str(BIN / "gunicorn"), "khabar.wsgi:application"),
        *("--bind", f"{HOST}:{port}", "--workers", str(workers)),
        *("--worker-class", "gthread", "--threads", str(threads)),
        *("--keep-alive", "5", "--log-level", "warning"),
        *("--access-logfile", str(work / f"access-{n}.log")),
        *("--access-logformat", "%(s)s %(m)s %(U)s %(L)s"),
    ]


class Server:
    """Khabar under granian or gunicorn, started in its own process group."""

    def __init__(self, server: str, work: Path, port: int, workers: int, threads: int):
        self.server, self.work, self.port = server, work, port
        self.workers, self.threads = workers, threads
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> float:
        self.starts += 1
        log = (self.work / f"server-{self.starts}.log").open("w")
        self.proc = subprocess.Popen(
            server_command(
                self.server,
                self.port,
                self.workers,
                self.threads,
                self.work,
                self.starts,
            ),
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "settings_reliability"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return wait_ready(HOST, self.port)

    def kill9(self) -> int:
        """SIGKILL the master and every worker at once (its process group)."""
        pids = self._group()
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        return len(pids)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def _group(self) -> list[int]:
        out = subprocess.run(
            [
                "ps",
                "-o",
                "pid=",
                "--pid",
                str(self.proc.pid),
                "--ppid",
                str(self.proc.pid),
            ],
            capture_output=True,
            text=True,
        ).stdout
        return [int(pid) for pid in out.split()]


def sh(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, **kwargs)


def prepare(work: Path, pg: bool, captchas: int) -> dict[str, str]:
    """Fresh database and cache, the site via bench/http/prepare.py; csrf.env."""
    if pg:
        sh(
            "psql",
            "-q",
            "-h",
            HOST,
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            f"DROP DATABASE IF EXISTS {PG_DB}",
            "-c",
            f"CREATE DATABASE {PG_DB}",
            stdout=subprocess.DEVNULL,
        )
        sh("redis-cli", "-n", str(REDIS_DB), "flushdb", stdout=subprocess.DEVNULL)
    sh(
        str(PY),
        str(HTTP / "prepare.py"),
        str(work),
        str(SEED),
        str(captchas),
        stdout=subprocess.DEVNULL,
    )
    sh(str(PY), "-m", "khabar.cli", "collectstatic", "--noinput", "-v0")
    return dict(
        line.split("=", 1)
        for line in (work / "csrf.env").read_text().splitlines()
        if "=" in line
    )


def pg_restart() -> float:
    began = time.monotonic()
    sh("pg_ctlcluster", "15", "main", "restart")
    return time.monotonic() - began


def pg_ensure_up() -> None:
    status = subprocess.run(
        ["pg_lsclusters", "-h"], capture_output=True, text=True
    ).stdout
    if "15 main" in status and " online" not in status:
        sh("pg_ctlcluster", "15", "main", "start")


def wait_for_acks(load: LoadClient, after: int, timeout: float = 120) -> float:
    """Wait until a post is acknowledged again; return the seconds it took."""
    began = time.monotonic()
    while load.progress() <= after and time.monotonic() - began < timeout:
        if not any(t.is_alive() for t in load.threads):
            break
        time.sleep(0.02)
    return time.monotonic() - began


def log_counts(work: Path) -> dict[str, int]:
    text = "".join(
        p.read_text(errors="replace") for p in sorted(work.glob("server-*.log"))
    )
    # gunicorn writes its access log apart; granian's lines are in the server log.
    access = text + "".join(
        p.read_text(errors="replace") for p in sorted(work.glob("access-*.log"))
    )
    return {
        "database_is_locked": text.count("database is locked"),
        "tracebacks": text.count("Traceback"),
        "internal_server_error": text.count("Internal Server Error"),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "access_5xx": len(re.findall(r"^5\d\d ", access, re.MULTILINE)),
        "access_lines": access.count("\n"),
    }


def main() -> int:
    pg = "--pg" in sys.argv[1:]
    n, clients = knob("N", 20000), knob("CLIENTS", 64)
    faults = knob("FAULTS", 1) == 1
    port = knob("PORT", 8031)
    server_name = os.environ.get("SERVER", "granian")
    per_core, threads = (1, 2) if server_name == "granian" else (2, 4)  # as serve
    workers = knob("WORKERS", per_core * os.cpu_count())
    threads = knob("THREADS", threads)
    profile = "postgres" if pg else "sqlite"
    work = Path(tempfile.mkdtemp(prefix="khabar-reliability."))
    os.environ.update(
        KHABAR_VAR_DIR=str(work / "var"),
        SECRET_KEY="bench-only-secret",
        KHABAR_SECURE_COOKIES="0",
        KHABAR_SSL_REDIRECT="0",
        KHABAR_HSTS_SECONDS="0",
        KHABAR_TASKS="immediate",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="settings_bench",
        PYTHONPATH=f"{HERE}:{HTTP}:{REPO / 'src'}",
    )
    if pg:
        os.environ["DATABASE_URL"] = f"postgres://postgres@{HOST}:5432/{PG_DB}"
        os.environ["REDIS_URL"] = f"redis://{HOST}:6379/{REDIS_DB}"
    server = Server(server_name, work, port, workers, threads)
    atexit.register(server.stop)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if pg:
        atexit.register(pg_ensure_up)

    print(
        f"# {profile}: N={n} CLIENTS={clients} FAULTS={int(faults)} in {work}",
        file=sys.stderr,
    )
    site = prepare(work, pg, n + n // 10 + 200)
    server.start()
    run = str(int(time.time()) % 1_000_000)
    load = LoadClient(
        host=HOST,
        port=port,
        code=int(site["ARTICLE_CODE"]),
        article_path=site["ARTICLE_PATH"],
        csrf_cookie=site["CSRF_COOKIE"],
        csrf_token=site["CSRF_TOKEN"],
        captchas=Captchas(work / "captchas.tsv", HOST, port),
        n=n,
        clients=clients,
        run=run,
        ip_block=knob("IP_BLOCK", 8),
        readers=knob("READERS", 2),
        resend_every=knob("RESEND_EVERY", 50),
    )
    plan = [(0.4, "kill")] + ([(0.6, "pg")] if pg else []) if faults else []
    timeline = {}
    load.start()
    for share, fault in plan:
        while load.progress() < share * n and any(t.is_alive() for t in load.threads):
            time.sleep(0.02)
        load.phase.name = fault
        at = load.progress()
        if fault == "kill":
            killed = server.kill9()
            time.sleep(1.0)  # a supervisor's restart delay; clients see refusals
            ready = server.start()
            timeline["kill"] = {
                "at_acks": at,
                "processes_killed": killed,
                "restart_ready_s": round(ready, 2),
            }
        else:
            took = pg_restart()
            timeline["pg"] = {"at_acks": at, "restart_s": round(took, 2)}
        recovered = wait_for_acks(load, load.progress())
        timeline[fault]["first_ack_after_s"] = round(recovered, 2)
        load.phase.name = "normal"
        print(f"# fault {fault}: {timeline[fault]}", file=sys.stderr)
    elapsed = load.join()
    server.stop()
    if pg:
        pg_ensure_up()

    stats = load.stats
    acks_path = work / "acks.jsonl"
    with acks_path.open("w") as out:
        for seq, (status, text, retry_started) in sorted(stats.acks.items()):
            out.write(
                json.dumps(
                    {
                        "seq": seq,
                        "status": status,
                        "text": text,
                        "retry_started": retry_started,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    verdict_path = work / "verify.json"
    sh(
        str(PY),
        str(HERE / "verify.py"),
        str(acks_path),
        run_marker(run),
        str(verdict_path),
    )
    verdict = json.loads(verdict_path.read_text())
    logs = log_counts(work)

    events = {f"{phase}:{kind}": c for (phase, kind), c in sorted(stats.events.items())}
    fault_phases = ("kill", "pg")
    fivexx_normal = sum(
        c
        for (phase, kind), c in stats.events.items()
        if phase == "normal" and kind.startswith("http_5")
    )
    unclean = sum(
        c
        for (phase, kind), c in stats.events.items()
        if phase in fault_phases
        and (kind == "timeout" or (kind.startswith("http_5") and kind != "http_503"))
    )
    clean = sum(
        c
        for (phase, kind), c in stats.events.items()
        if phase in fault_phases and kind in ("refused", "conn_error", "http_503")
    )
    reads = {
        f"{phase}:{status}": c for (phase, status), c in sorted(stats.reads.items())
    }
    read_errors_normal = sum(
        c
        for (phase, status), c in stats.reads.items()
        if phase == "normal" and status not in ("200", "301")
    )
    lat = sorted(stats.latencies)
    summary = {
        "profile": profile,
        "n": n,
        "clients": clients,
        "faults": faults,
        "elapsed_s": round(elapsed, 1),
        "comments_per_s": round(len(stats.acks) / elapsed, 1),
        "acknowledged": len(stats.acks),
        "retried_then_acknowledged": stats.retried_acks,
        "resent_acknowledged": stats.resent,
        "resent_answer_changed": stats.resent_changed,
        "rejected_answers": len(stats.rejected),
        "gave_up": len(stats.gave_up),
        "http_statuses": dict(sorted(stats.statuses.items())),
        "events": events,
        "fivexx_outside_faults": fivexx_normal,
        "clean_failures_during_faults": clean,
        "unclean_failures_during_faults": unclean,
        "max_latency_s": {k: round(v, 2) for k, v in stats.max_latency.items()},
        "p50_ms": round(1000 * statistics.median(lat), 1) if lat else None,
        "p99_ms": round(1000 * lat[int(0.99 * (len(lat) - 1))], 1) if lat else None,
        "reads": reads,
        "read_errors_outside_faults": read_errors_normal,
        "read_max_latency_s": {
            k: round(v, 2) for k, v in stats.read_max_latency.items()
        },
        "captchas_fetched": load.captchas.fetched,
        "samples": stats.samples,
        "timeline": timeline,
        "verify": verdict,
        "logs": logs,
        "work": str(work),
    }
    (work / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2)
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2), file=sys.stderr)
    print(table([summary]))
    ok = (
        verdict["missing"] == 0
        and verdict["duplicates"] == 0
        and fivexx_normal == 0
        and unclean == 0
        and logs["database_is_locked"] == 0
        and logs["worker_timeouts"] == 0
        and read_errors_normal == 0
        and verdict["integrity"].startswith(("ok", "amcheck ok"))
        and verdict["without_one_auto_log"] == 0
        and not stats.gave_up
    )
    if os.environ.get("KEEP_WORK") != "1" and ok:
        shutil.rmtree(work / "var", ignore_errors=True)
    return 0 if ok else 1


HEADER = (
    "| profile | comments posted | clients | comments/s | acknowledged | stored "
    "| missing | duplicates | 5xx | clean failures during fault | integrity |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
)


def table(rows: list[dict]) -> str:
    lines = [HEADER]
    for s in rows:
        v = s["verify"]
        fivexx = sum(c for k, c in s["http_statuses"].items() if int(k) >= 500)
        fault = (
            f"{s['clean_failures_during_faults']} clean, "
            f"{s['unclean_failures_during_faults']} unclean"
            if s["faults"]
            else "no faults"
        )
        integrity = v["integrity"].split(" (")[0]
        if v["without_one_auto_log"]:
            integrity += f"; {v['without_one_auto_log']} without log"
        lines.append(
            f"| {s['profile']} | {s['n']} | {s['clients']} | {s['comments_per_s']} "
            f"| {s['acknowledged']} | {v['stored_texts']} | {v['missing']} "
            f"| {v['duplicates']} | {fivexx} ({s['fivexx_outside_faults']} outside "
            f"faults) | {fault} | {integrity} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
