"""The pages `make bench` loads: resolve them in one database, count their SQL queries, sign users in.

    SDPREP_DB_NAME=sdprep_bench SECRET_KEY=... .venv/bin/python bench/pages.py > pages.json

Run with the server's SECRET_KEY: the session cookies printed here must be valid for the server.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
os.environ.setdefault("DEBUG", "false")

MEMBER, MANAGER = "member@demo.sdprep.dev", "manager@demo.sdprep.dev"


def largest_managed_team(manager) -> int | None:
    """The id of the biggest team `manager` manages (the 50-member team in the large data)."""
    from django.db.models import Count

    from teams.models import Membership

    return (
        Membership.objects.filter(user=manager, role=Membership.Role.MANAGER)
        .annotate(size=Count("team__memberships"))
        .order_by("-size")
        .values_list("team_id", flat=True)
        .first()
    )


def page_paths(member, manager) -> list[tuple[str, str, str]]:
    """(name, path, who) for every benchmarked page, resolved in this database."""
    from casestudies.models import CaseStudy
    from interviews.models import Mock, PracticeAttempt
    from interviews.services.practice import attempt_start

    level = member.target_level.code if member.target_level else "L6"
    case_study = CaseStudy.objects.order_by("number").first()
    attempt = PracticeAttempt.objects.filter(user=member, status=PracticeAttempt.Status.IN_PROGRESS).first()
    if attempt is None:
        question = PracticeAttempt.objects.filter(user=member).values_list("question", flat=True).first()
        from casestudies.models import Question

        attempt = attempt_start(user=member, question=Question.objects.get(pk=question))
    team = largest_managed_team(manager)
    mock = (
        Mock.objects.filter(candidate=member).order_by("-scheduled_at").values_list("pk", flat=True).first()
    )
    return [
        ("hello (ceiling)", "/bench/hello/", "member"),
        ("library index", "/library/", "member"),
        ("case-study page", f"/library/{case_study.slug}/", "member"),
        ("question bank", "/practice/", "member"),
        ("practice page", f"/practice/attempts/{attempt.pk}/", "member"),
        ("personal dashboard", f"/dashboard/{level}/", "member"),
        ("team page (50)", f"/teams/{team}/?level={level}", "manager"),
        ("mock room", f"/practice/mocks/{mock}/", "member"),
        ("search", "/search/?q=consistent+hashing", "member"),
    ]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    users = {"member": User.objects.get(email=MEMBER), "manager": User.objects.get(email=MANAGER)}
    clients, cookies = {}, {}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
        cookies[who] = (
            f"{settings.SESSION_COOKIE_NAME}={clients[who].cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    pages = []
    for name, path, who in page_paths(users["member"], users["manager"]):
        client = clients[who]
        for _ in range(2):  # warm: the first request of a session also records it
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        pages.append({"name": name, "path": path, "who": who, "queries": len(captured)})
    json.dump(
        {
            "database": settings.DATABASES["default"]["NAME"],
            "users": User.objects.count(),
            "pages": pages,
            "cookies": cookies,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
