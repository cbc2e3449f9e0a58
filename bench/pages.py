"""Throughput of the heaviest pages against a bare page: ``make bench`` (``python -m bench.pages``).

1. Builds a synthetic dataset in a temporary SQLite database (nothing of the developer's data is
   touched): 200 units with Jihlava's schedule, 6 years of history with ~12 meetings per unit and
   year (LP plenary, working groups, evaluations), ~20 invitations per meeting, tasks, documents
   and trainings. Each unit's current cooperation description is valid for the last 2 years, as
   Jihlava's is; the older years are history that the pages must not drag along.
2. Counts the queries of each page in-process.
3. Serves the site with gunicorn (2 sync workers on 127.0.0.1, a free port) and requests each page
   a bounded number of times from a few client threads on loopback; prints a table and writes
   ``bench/results.json``.

The bare page (``bench_urls``) renders the base layout with no query, for an anonymous visitor;
the unit dashboard and the meeting list are requested as the unit's editor, the overview as the
agency admin (who sees all 200 units; the layout's unit switcher then lists all of them too).
Targets (issue 17), as % of the bare page's requests per second: unit dashboard ≥ 25 %, compliance
page ≥ 15 %, overview of 50 rows ≥ 10 %, overview of all units ≥ 4 %. The annual report PDF is timed
in a fresh worker (first request, target < 1 s: gunicorn.conf.py warms WeasyPrint up per worker) and
steady (< 0.5 s); the peak RSS of each worker after the run must stay < 250 MB.

The server runs with ``SPOJKA_TESTING=1`` so that it serves templates without a collected static
manifest (only the ``{% static %}`` URLs differ; no static file is requested).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Issue 17's targets: % of the bare page's requests per second in the same run.
TARGETS = {
    "dashboard": 25.0,
    "compliance": 15.0,
    "overview": 10.0,
    "overview_all": 4.0,
    # The agency home (issue 19) totals and sorts every unit whatever page it shows: the target of
    # the overview over all units.
    "agency": 4.0,
}
DOCUMENT_TARGETS = {"first": 1.0, "steady": 0.5}  # seconds, the annual report PDF
RSS_TARGET_MB = 250


# --------------------------------------------------------------------------------------------------
# The bare page and the server's WSGI application
# --------------------------------------------------------------------------------------------------


def bare_view(request):
    """The base layout and nothing else: no query (anonymous, no session cookie)."""
    from django.shortcuts import render

    return render(request, "base.html", {})


def bench_wsgi():
    """gunicorn's application factory: the site with ``bench.urls`` as its URLconf."""
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


# --------------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------------


def _setup_django(workdir: Path) -> dict[str, str]:
    env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SPOJKA_TESTING": "1",
        "DJANGO_SETTINGS_MODULE": "spojka.settings",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "600",
    }
    os.environ.update(env)
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def generate(*, units: int = 200, years: int = 6, meetings_per_year: int = 12, attendees: int = 20) -> dict:
    """Create the dataset; returns the slug of a unit to open and the admin's username."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from spojka.accounts.models import Membership, Role, User
    from spojka.compliance.demo import JIHLAVA_SCHEDULE, rule_values
    from spojka.compliance.models import Activity, Rule
    from spojka.cooperation.models import CooperationDescription, Region, Status, TerritorialUnit

    today = timezone.localdate()
    first_year = today.year - years + 1
    regions = list(Region.values)
    with transaction.atomic():
        unit_rows = TerritorialUnit.objects.bulk_create(
            TerritorialUnit(
                name=f"Obec {i:03d} (syntetická)",
                slug=f"obec-{i:03d}",
                ico=f"9{i:07d}",
                seat_address="Náves 1",
                region=regions[i % len(regions)],
            )
            for i in range(units)
        )
        descriptions = CooperationDescription.objects.bulk_create(
            CooperationDescription(
                unit=u,
                status=Status.VALID,
                valid_from=today - timedelta(days=365),
                valid_to=today + timedelta(days=364),
                training_total_hours=40,
                training_max_distance_hours=20,
            )
            for u in unit_rows
        )
        activities = Activity.objects.bulk_create(
            Activity(
                unit_id=d.unit_id,
                description=d,
                order=order,
                name=row["name"],
                outputs=row["outputs"],
                deadline_text=row["deadline_text"],
            )
            for d in descriptions
            for order, row in enumerate(JIHLAVA_SCHEDULE, start=1)
        )
        Rule.objects.bulk_create(
            Rule(unit_id=a.unit_id, activity=a, order=n, text=spec["text"], **rule_values(spec))
            for a in activities
            for n, spec in enumerate(JIHLAVA_SCHEDULE[a.order - 1]["rules"], start=1)
        )
        password = make_password("bench-heslo-0123")
        admin = User.objects.create(username="bench-admin", password=password, is_agency_admin=True)
        consultants = User.objects.bulk_create(
            User(username=f"konzultant-{i}", first_name="Konzultant", last_name=str(i), password=password)
            for i in range(10)
        )
        Membership.objects.bulk_create(
            Membership(user=consultants[i % len(consultants)], unit=u, role=Role.CONSULTANT)
            for i, u in enumerate(unit_rows)
        )
        # A unit's dashboard and meetings are the editor's pages; the overview is the agency's.
        editor = User.objects.create(username="bench-editor", password=password)
        Membership.objects.create(user=editor, unit=unit_rows[0], role=Role.EDITOR)
        _meetings_and_more(unit_rows, first_year, years, meetings_per_year, attendees, today)
        plan = _plan(unit_rows[0], today)
    return {
        "unit": unit_rows[0].slug,
        "admin": admin.username,
        "editor": editor.username,
        "plan": plan.pk,
        "report_year": today.year - 1,
    }


def _plan(unit, today: date):
    """A PSZ of the usual size for the measured unit: 4 areas × 3 goals × 3 measures × 2 actions."""
    from spojka.plans.models import Goal, InclusionPlan, Indicator, Measure, PlanAction, PriorityArea

    plan = InclusionPlan.objects.create(
        unit=unit, title="Plán sociálního začleňování", year_from=today.year - 2, year_to=today.year + 2
    )
    areas = PriorityArea.objects.bulk_create(
        PriorityArea(unit=unit, plan=plan, code=str(a), name=f"Oblast {a}", order=a) for a in range(1, 5)
    )
    goals = Goal.objects.bulk_create(
        Goal(unit=unit, area=area, code=f"{area.code}.{g}", name=f"Cíl {area.code}.{g}", order=g)
        for area in areas
        for g in range(1, 4)
    )
    measures = Measure.objects.bulk_create(
        Measure(unit=unit, goal=goal, code=f"{goal.code}.{m}", name=f"Opatření {goal.code}.{m}", order=m)
        for goal in goals
        for m in range(1, 4)
    )
    PlanAction.objects.bulk_create(
        PlanAction(unit=unit, measure=measure, code=f"{measure.code}.{n}", name=f"Aktivita {n}", order=n)
        for measure in measures
        for n in range(1, 3)
    )
    Indicator.objects.bulk_create(
        Indicator(
            unit=unit,
            measure=measure,
            code=f"I{measure.code}",
            name="Počet podpořených osob",
            kind="output",
            unit_of_measure="osoby",
            baseline_value=0,
            baseline_year=plan.year_from,
            target_value=40,
            target_year=plan.year_to,
        )
        for measure in measures
    )
    return plan


def _meetings_and_more(
    units, first_year: int, years: int, per_year: int, attendees: int, today: date
) -> None:
    """Meetings with invitations, tasks, documents and trainings."""
    from django.utils import timezone

    from spojka.meetings.models import Invitation, Meeting, Task
    from spojka.partnership.models import LocalPartnership, Person, WorkingGroup

    kinds = ["lp_plenary", "working_group", "evaluation", "working_group", "lp_plenary", "other"]
    people = Person.objects.bulk_create(
        Person(unit=u, first_name=f"Osoba{i}", last_name=f"Syntetická{i}")
        for u in units
        for i in range(attendees + 5)
    )
    people_by_unit: dict[int, list] = {}
    for person in people:
        people_by_unit.setdefault(person.unit_id, []).append(person)
    partnerships = LocalPartnership.objects.bulk_create(LocalPartnership(unit=u) for u in units)
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(unit_id=p.unit_id, partnership=p, name=f"Skupina {g}")
        for p in partnerships
        for g in range(3)
    )
    groups_by_unit: dict[int, list] = {}
    for group in groups:
        groups_by_unit.setdefault(group.unit_id, []).append(group)

    now = timezone.now()
    meetings = []
    for u in units:
        for year in range(first_year, first_year + years):
            for n in range(per_year):
                starts = timezone.make_aware(datetime(year, 1 + n * 12 // per_year, 1 + (u.pk + n) % 27, 15))
                kind = kinds[n % len(kinds)]
                state = (
                    "planned" if starts > now else ("cancelled" if n == 7 else "closed" if n % 3 else "held")
                )
                meetings.append(
                    Meeting(
                        unit=u,
                        title=f"Jednání {n + 1}/{year}",
                        kind=kind,
                        state=state,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        includes_lp=kind == "lp_plenary",
                    )
                )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
    through = Meeting.working_groups.through
    through.objects.bulk_create(
        (
            through(meeting_id=m.pk, workinggroup_id=groups_by_unit[m.unit_id][m.pk % 3].pk)
            for m in meetings
            if m.kind == "working_group"
        ),
        batch_size=5000,
    )
    Invitation.objects.bulk_create(
        (
            Invitation(
                unit_id=m.unit_id,
                meeting=m,
                person=person,
                attendance="" if m.state == "planned" else ("present" if i % 4 else "excused"),
            )
            for m in meetings
            for i, person in enumerate(people_by_unit[m.unit_id][:attendees])
        ),
        batch_size=5000,
    )
    Task.objects.bulk_create(
        (
            Task(
                unit_id=m.unit_id,
                meeting=m,
                title=f"Úkol z jednání {m.title}",
                due_on=timezone.localtime(m.starts_at).date() + timedelta(days=30),
                state="open" if m.pk % 5 == 0 else "done",
            )
            for m in meetings
        ),
        batch_size=5000,
    )
    _documents(units, meetings, first_year, years)
    _trainings(units, people_by_unit, first_year, years)


def _documents(units, meetings, first_year: int, years: int) -> None:
    from django.utils import timezone

    from spojka.documents.models import Document, Resolution

    rows = [
        Document(
            unit_id=m.unit_id,
            doc_type="minutes",
            title=f"Záznam – {m.title}",
            issued_on=timezone.localtime(m.starts_at).date(),
        )
        for m in meetings
        if m.state in ("held", "closed")
    ]
    for u in units:
        for year in range(first_year, first_year + years):
            rows.append(
                Document(unit=u, doc_type="coop_report", title=f"Zpráva {year}", issued_on=date(year, 11, 20))
            )
            rows.append(
                Document(
                    unit=u, doc_type="psz_report", title=f"Zpráva PSZ {year}", issued_on=date(year, 12, 1)
                )
            )
    documents = Document.objects.bulk_create(rows, batch_size=5000)
    Resolution.objects.bulk_create(
        (
            Resolution(
                unit_id=d.unit_id, number=f"{d.pk}/RM", adopted_on=d.issued_on, subject=d.title, document=d
            )
            for d in documents
            if d.doc_type == "coop_report"
        ),
        batch_size=5000,
    )


def _trainings(units, people_by_unit, first_year: int, years: int) -> None:
    from spojka.training.models import Participation, TrainingEvent

    events = TrainingEvent.objects.bulk_create(
        TrainingEvent(
            unit=u, title=f"Seminář {year}/{n}", starts_on=date(year, 3 + n * 4, 10), in_person_hours=4
        )
        for u in units
        for year in range(first_year, first_year + years)
        for n in range(2)
    )
    Participation.objects.bulk_create(
        (
            Participation(unit_id=e.unit_id, event=e, person=p, in_person_hours=4)
            for e in events
            for p in people_by_unit.get(e.unit_id, [])[:5]
        ),
        batch_size=5000,
    )


# --------------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------------


def _in_process(path: str, user, runs: int = 10) -> tuple[int, int, float]:
    """(HTTP status, queries, CPU ms per request) with Django's test client in this process.

    CPU time is what a page costs whatever else the machine is doing; the HTTP figures below also
    include waiting for a core on a shared machine.
    """
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    client.get(path)  # warm caches (content types, templates) like a running server has them
    queries = []

    def count(execute, sql, params, many, context):
        # An execute wrapper sees every query whatever DEBUG and the query log say.
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    started = time.process_time()
    for _ in range(runs):
        client.get(path)
    return response.status_code, len(queries), (time.process_time() - started) * 1000 / runs


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, cookie: str | None) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        status = response.status
    finally:
        connection.close()
    return status, time.perf_counter() - started


def _load(port: int, path: str, cookie: str | None, *, requests: int, seconds: float, threads: int) -> dict:
    """Up to ``requests`` requests or ``seconds`` of wall time, whichever comes first."""
    for _ in range(5):  # warm-up: both workers load templates and connect to the database
        _get(port, path, cookie)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    remaining = [requests]

    def worker() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            status, latency = _get(port, path, cookie)
            with lock:
                latencies.append(latency)
                errors += status != 200

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000, 1),
        "rps": round(len(latencies) / elapsed, 1),
    }


def _documents_timing(port: int, cookie: str, paths: dict[str, str], steady_runs: int = 8) -> dict:
    """Each document's first request (the worker is fresh, warmed only by gunicorn.conf.py) and its
    steady state (median of the next requests). Both workers are asked first: each one's first PDF."""
    timings = {}
    for name, path in paths.items():
        first = []
        for _ in range(2):
            status, seconds = _get(port, path, cookie)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            first.append(seconds)
        steady = [_get(port, path, cookie)[1] for _ in range(steady_runs)]
        timings[name] = {
            "path": path,
            "first_s": round(max(first), 3),
            "steady_p50_s": round(statistics.median(steady), 3),
            "steady_p95_s": round(sorted(steady)[max(0, int(len(steady) * 0.95) - 1)], 3),
        }
    return timings


def _workers_peak_rss_mb(master_pid: int) -> float:
    """The largest peak resident set (VmHWM) among the gunicorn master's worker processes."""
    peak = 0.0
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return round(peak, 1)


def _print_documents(timings: dict, rss_mb: float) -> bool:
    """The documents' table and the memory line; True when a request failed (never: it raises)."""
    print(f"{'dokument':<20} {'první s':>8} {'ustálený p50 s':>15} {'p95 s':>7}  cíl")
    for name, t in timings.items():
        verdict = ""
        if name == "annual_report_pdf":
            ok = t["first_s"] < DOCUMENT_TARGETS["first"] and t["steady_p50_s"] < DOCUMENT_TARGETS["steady"]
            verdict = (
                f"první < {DOCUMENT_TARGETS['first']:.0f} s, ustálený < {DOCUMENT_TARGETS['steady']} s: "
            )
            verdict += "ok" if ok else "NESPLNĚN"
        print(f"{name:<20} {t['first_s']:>8} {t['steady_p50_s']:>15} {t['steady_p95_s']:>7}  {verdict}")
    verdict = "ok" if rss_mb < RSS_TARGET_MB else "NESPLNĚN"
    print(f"Největší RSS workeru: {rss_mb} MB (cíl < {RSS_TARGET_MB} MB: {verdict})")
    return False


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            _get(port, "/bench/bare/", None)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--requests", type=int, default=300, help="most requests per page")
    parser.add_argument("--seconds", type=float, default=15, help="most seconds per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="spojka-bench-") as tmp:
        env = _setup_django(Path(tmp))
        started = time.perf_counter()
        info = generate(units=args.units, years=args.years)
        print(f"Data: {args.units} územních celků, {args.years} let ({time.perf_counter() - started:.0f} s)")

        from django.contrib.auth import get_user_model
        from django.urls import reverse

        admin = get_user_model().objects.get(username=info["admin"])
        editor = get_user_model().objects.get(username=info["editor"])
        unit = {"unit": info["unit"]}
        pages = {
            "bare": ("/bench/bare/", None),
            "dashboard": (reverse("cooperation:unit_detail", kwargs=unit), editor),
            "compliance": (reverse("compliance:dashboard", kwargs=unit), editor),
            "overview": (reverse("compliance:overview"), admin),
            # Sorted by status over every unit, not only the page shown.
            "overview_all": (reverse("compliance:overview") + "?sort=status", admin),
            "agency": (reverse("agency:home") + "?razeni=state", admin),
            "meetings": (reverse("meetings:meeting_list", kwargs=unit), editor),
            "plan_tree": (reverse("plans:plan_detail", kwargs={**unit, "pk": info["plan"]}), editor),
        }
        documents = {
            "annual_report_pdf": reverse(
                "reports:generate_report", kwargs={**unit, "year": info["report_year"], "fmt": "pdf"}
            ),
            "annual_report_docx": reverse(
                "reports:generate_report", kwargs={**unit, "year": info["report_year"], "fmt": "docx"}
            ),
            "psz_report_pdf": reverse(
                "reports:plan_report", kwargs={**unit, "pk": info["plan"], "fmt": "pdf"}
            ),
        }
        measured = {}
        for name, (path, user) in pages.items():
            status, count, cpu_ms = _in_process(path, user, runs=30 if name == "bare" else 5)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            measured[name] = {"queries": count, "cpu_ms": round(cpu_ms, 1)}
        cookies = {admin: _session_cookie(admin), editor: _session_cookie(editor)}
        from django.db import connections

        connections.close_all()

        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.pages:bench_wsgi()",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
        )
        try:
            _wait_for(port, server)
            time.sleep(5)  # both workers up and warmed (post_worker_init), as they are before users come
            document_results = _documents_timing(port, cookies[editor], documents)
            results = {}
            for name, (path, user) in pages.items():
                results[name] = _load(
                    port,
                    path,
                    cookies.get(user),
                    requests=args.requests * (3 if name == "bare" else 1),
                    seconds=args.seconds,
                    threads=args.threads,
                )
                results[name].update(path=path, **measured[name])
            worker_rss_mb = _workers_peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

    bare_rps, bare_cpu = results["bare"]["rps"], results["bare"]["cpu_ms"]
    for result in results.values():
        result["pct_of_bare"] = round(100 * result["rps"] / bare_rps, 1) if bare_rps else 0.0
        result["cpu_pct_of_bare"] = round(100 * bare_cpu / result["cpu_ms"], 1) if result["cpu_ms"] else 0.0
    load = os.getloadavg()[0]
    print(f"Zátěž stroje (load average, 1 min): {load:.1f} na {os.cpu_count()} jádrech")
    print(
        f"{'stránka':<12} {'dotazů':>7} {'p50 ms':>8} {'p95 ms':>8} {'rps':>8} {'% bare':>7}"
        f" {'CPU ms':>7} {'% CPU':>6}  cíl"
    )
    failed = False
    for name, r in results.items():
        target = TARGETS.get(name)
        verdict = (
            "" if target is None else (f"≥ {target:.0f} % ok" if r["pct_of_bare"] >= target else "NESPLNĚN")
        )
        print(
            f"{name:<12} {r['queries']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['rps']:>8} {r['pct_of_bare']:>7}"
            f" {r['cpu_ms']:>7} {r['cpu_pct_of_bare']:>6}  {verdict}"
        )
        if r["errors"]:
            print(f"  {name}: {r['errors']} odpovědí nebylo 200")
            failed = True
    failed |= _print_documents(document_results, worker_rss_mb)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "dataset": {"units": args.units, "years": args.years},
                "machine": {"load_average_1min": round(load, 2), "cpus": os.cpu_count()},
                **results,
                "documents": document_results,
                "worker_peak_rss_mb": worker_rss_mb,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"Výsledky: {output}")
    # A missed target is reported, not an error: the figures depend on the machine. Failed requests are.
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
