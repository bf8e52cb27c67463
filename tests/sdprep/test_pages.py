from django.urls import reverse


def test_home_page_for_visitors(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Create a free account" in response.content


def test_home_page_for_signed_in_users(client_bob):
    response = client_bob.get(reverse("home"))
    assert b"Welcome back" in response.content
    assert b"Bob Member" in response.content


def test_unknown_pages_get_the_friendly_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We couldn't find that page" in response.content


def test_every_page_carries_the_security_headers(client, db):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client_bob):
    import re

    for url in [
        reverse("home"),
        reverse("profile:edit"),
        reverse("mfa_index"),
        reverse("usersessions_list"),
    ]:
        html = client_bob.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_the_base_layout_sends_the_csrf_header_for_htmx(client_bob):
    html = client_bob.get(reverse("home")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "vendor/htmx.min.js" in html


def test_healthz_checks_the_database(client, db):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def test_the_navigation_marks_the_current_section(client_bob, content):
    import re

    from django.urls import reverse

    for url, label in [
        (reverse("casestudies:library"), "Library"),
        (reverse("interviews:bank"), "Practice"),
        (reverse("interviews:mocks"), "Mocks"),
        (reverse("interviews:reviews"), "Reviews"),
    ]:
        html = client_bob.get(url).content.decode()
        current = re.findall(r'aria-current="page">([A-Za-z]+)', html)
        assert current == [label], (url, current)
