"""Teams membership: creating a team, invites by signed link or email, joining, leaving, managing people.

Personas: alice manages the team, bob is a member, charlie is an outsider.
"""

import datetime
import re

import pytest
from django.core import signing
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from teams import services
from teams.models import Membership, Team, TeamInvite
from teams.services import TeamError
from tests.factories.accounts import UserFactory
from tests.factories.teams import team_with
from tests.helpers import assert_safe_html

pytestmark = pytest.mark.django_db


def link_invite(team, by, **kwargs) -> TeamInvite:
    return services.invite_create(team=team, by=by, **kwargs)


def token_of(invite: TeamInvite) -> str:
    return services.invite_token(invite)


def roles(team) -> dict[str, str]:
    return {m.user.email: m.role for m in Membership.objects.filter(team=team).select_related("user")}


def snapshot() -> tuple:
    """Everything the membership views can change."""
    return (
        list(Team.objects.values_list("pk", "name").order_by("pk")),
        list(Membership.objects.values_list("team_id", "user_id", "role").order_by("pk")),
        list(TeamInvite.objects.values_list("pk", "revoked_at", "uses", "email").order_by("pk")),
    )


# Services


def test_the_creator_of_a_team_is_its_manager(alice):
    team = services.team_create(user=alice, name="  Payments platform ")
    assert team.name == "Payments platform" and team.created_by == alice
    assert roles(team) == {"alice@example.com": "manager"}


def test_a_team_needs_a_name(charlie):
    with pytest.raises(TeamError) as exc:
        services.team_create(user=charlie, name="   ")
    assert exc.value.status == 422 and not Team.objects.filter(memberships__user=charlie).exists()


def test_an_invite_link_round_trips_and_can_be_used_by_several_people(team, alice, charlie):
    invite = link_invite(team, alice, role="manager")
    base_link = services.invite_link(invite, "https://sdprep.example/")
    token = token_of(invite)
    assert base_link == f"https://sdprep.example{reverse('teams:join', args=[token])}"
    request = RequestFactory().get("/")
    assert services.invite_link(invite, request) == f"http://testserver/teams/join/{token}/"
    assert token.split(":")[0] == invite.nonce  # the nonce, then the signing time and the signature
    assert token_of(TeamInvite.objects.get(pk=invite.pk)) == token  # same link on every page view
    assert services.invite_from_token(token=token) == invite

    services.team_join(token=token, user=charlie)
    dave = UserFactory(email="dave@example.com")
    services.team_join(token=token, user=dave)
    assert roles(team)["charlie@example.com"] == "manager" and roles(team)["dave@example.com"] == "manager"
    invite.refresh_from_db()
    assert invite.uses == 2


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: "x" + t,  # nonce changed
        lambda t: t.rsplit(":", 1)[0],  # signature cut off
        lambda t: signing.TimestampSigner(salt="other.salt").sign(t.split(":")[0]),
        lambda t: "nonsense",
    ],
)
def test_a_tampered_token_is_refused_clearly(team, alice, charlie, tamper):
    invite = link_invite(team, alice)
    with pytest.raises(TeamError) as exc:
        services.team_join(token=tamper(token_of(invite)), user=charlie)
    assert exc.value.status == 404 and "not valid" in exc.value.message
    assert "charlie@example.com" not in roles(team)


def test_an_expired_invite_is_refused(team, alice, charlie):
    invite = link_invite(team, alice, days=1)
    TeamInvite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(TeamError) as exc:
        services.team_join(token=token_of(invite), user=charlie)
    assert exc.value.status == 410 and "expired" in exc.value.message


def test_an_old_signature_expires_with_the_invite_lifetime(team, alice, charlie):
    """The signature's own age is checked against the invite's lifetime, whatever the row says."""
    invite = link_invite(team, alice, days=7)
    old = services._InviteSigner(invite.created_at - datetime.timedelta(days=8)).sign(invite.nonce)
    with pytest.raises(TeamError) as exc:
        services.team_join(token=old, user=charlie)
    assert exc.value.status == 410 and "expired" in exc.value.message
    services.team_join(token=token_of(invite), user=charlie)  # the real link still works


def test_a_revoked_invite_is_refused(team, alice, bob, charlie):
    invite = link_invite(team, alice)
    with pytest.raises(TeamError) as exc:
        services.invite_revoke(invite=invite, by=bob)
    assert exc.value.status == 403
    services.invite_revoke(invite=invite, by=alice)
    with pytest.raises(TeamError) as exc:
        services.team_join(token=token_of(invite), user=charlie)
    assert exc.value.status == 410 and "withdrawn" in exc.value.message


def test_an_email_invite_is_for_that_address_only_and_works_once(team, alice, charlie):
    invite = link_invite(team, alice, email="Charlie@Example.com")
    assert invite.email == "charlie@example.com"
    dave = UserFactory(email="dave@example.com")
    with pytest.raises(TeamError) as exc:
        services.team_join(token=token_of(invite), user=dave)
    assert exc.value.status == 403 and "different email address" in exc.value.message
    assert "dave@example.com" not in roles(team)

    charlie.email = "CHARLIE@example.com"  # addresses compare case-insensitively
    services.team_join(token=token_of(invite), user=charlie)
    services.membership_leave(team=team, user=charlie)
    with pytest.raises(TeamError) as exc:
        services.team_join(token=token_of(invite), user=charlie)
    assert exc.value.status == 410 and "already been used" in exc.value.message


def test_an_email_invite_sends_the_join_link(team, alice, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite = link_invite(team, alice, email="charlie@example.com", base_url="https://sdprep.example")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["charlie@example.com"] and "Platform" in mail.subject
    assert services.invite_link(invite, "https://sdprep.example") in mail.body
    assert "never your notes" in mail.body


def test_a_link_invite_sends_no_email(team, alice, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        link_invite(team, alice)
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"days": 0}, 422, "from 1 to 30 days"),
        ({"days": 31}, 422, "from 1 to 30 days"),
        ({"email": "not an email"}, 422, "valid email"),
        ({"role": "owner"}, 422, "not a valid choice"),
        ({"email": "BOB@example.com"}, 409, "already a member"),
    ],
)
def test_bad_invites_are_refused(team, alice, kwargs, status, message):
    before = snapshot()
    with pytest.raises(TeamError) as exc:
        link_invite(team, alice, **kwargs)
    assert exc.value.status == status and message in exc.value.message
    assert snapshot() == before


def test_only_managers_invite(team, bob):
    with pytest.raises(TeamError) as exc:
        link_invite(team, bob)
    assert exc.value.status == 403


def test_joining_twice_is_refused(team, alice, bob):
    invite = link_invite(team, alice, role="manager")
    with pytest.raises(TeamError) as exc:
        services.team_join(token=token_of(invite), user=bob)
    assert exc.value.code == "already_member" and "already a member of Platform" in exc.value.message
    assert roles(team)["bob@example.com"] == "member"
    invite.refresh_from_db()
    assert invite.uses == 0


def test_a_member_leaves(team, bob):
    assert services.membership_leave(team=team, user=bob) is False
    assert "bob@example.com" not in roles(team)
    with pytest.raises(TeamError):
        services.membership_leave(team=team, user=bob)


def test_the_last_manager_cannot_leave_while_others_remain(team, alice, bob):
    with pytest.raises(TeamError) as exc:
        services.membership_leave(team=team, user=alice)
    assert "only manager" in exc.value.message
    assert roles(team)["alice@example.com"] == "manager"

    services.member_set_role(team=team, by=alice, user=bob, role="manager")
    assert services.membership_leave(team=team, user=alice) is False
    assert roles(team) == {"bob@example.com": "manager"}


def test_the_last_manager_alone_leaving_deletes_the_team(charlie):
    team = team_with(manager=charlie)
    link_invite(team, charlie)
    assert services.membership_leave(team=team, user=charlie) is True
    assert (
        not Team.objects.filter(pk=team.pk).exists() and not TeamInvite.objects.filter(team=team.pk).exists()
    )


def test_managers_remove_members(team, alice, bob, charlie):
    with pytest.raises(TeamError) as exc:
        services.member_remove(team=team, by=bob, user=alice)
    assert exc.value.status == 403
    with pytest.raises(TeamError) as exc:
        services.member_remove(team=team, by=alice, user=alice)
    assert "leave the team" in exc.value.message
    with pytest.raises(TeamError) as exc:
        services.member_remove(team=team, by=alice, user=charlie)
    assert exc.value.status == 404
    services.member_remove(team=team, by=alice, user=bob)
    assert roles(team) == {"alice@example.com": "manager"}


def test_managers_change_roles_but_never_leave_the_team_without_one(team, alice, bob):
    with pytest.raises(TeamError) as exc:
        services.member_set_role(team=team, by=bob, user=bob, role="manager")
    assert exc.value.status == 403
    with pytest.raises(TeamError) as exc:
        services.member_set_role(team=team, by=alice, user=alice, role="member")
    assert "at least one manager" in exc.value.message
    with pytest.raises(TeamError) as exc:
        services.member_set_role(team=team, by=alice, user=bob, role="owner")
    assert exc.value.status == 422

    services.member_set_role(team=team, by=alice, user=bob, role="manager")
    services.member_set_role(team=team, by=bob, user=alice, role="member")
    assert roles(team) == {"alice@example.com": "member", "bob@example.com": "manager"}


# Views


def test_my_teams_explains_teams_when_i_have_none(client, charlie):
    client.force_login(charlie)
    response = client.get(reverse("teams:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "You are not in a team yet" in page and "invite link" in page
    assert reverse("team_reports:visibility") in page and 'name="name"' in page
    assert f'href="{reverse("teams:list")}" aria-current="page">Teams' in page


def test_my_teams_lists_role_and_member_count(client, team, alice, bob):
    other = team_with(manager=bob, name="Bob's guild")
    client.force_login(bob)
    page = client.get(reverse("teams:list")).content.decode()
    assert "Bob&#x27;s guild" in page and "Platform" in page
    # Managers go to the team report, members to the people page.
    assert f'<a href="{reverse("team_reports:team", args=[other.pk])}">Bob&#x27;s guild</a>' in page
    assert f'<a href="{reverse("teams:manage", args=[team.pk])}">Platform</a>' in page
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    platform = next(r for r in rows if "Platform" in r)
    assert "Member" in platform and '<td class="num">2</td>' in platform


def test_creating_a_team_makes_me_its_manager(client, charlie):
    client.force_login(charlie)
    response = client.post(reverse("teams:create"), {"name": "Search infra"})
    team = Team.objects.get(name="Search infra")
    assert response.status_code == 302 and response["Location"] == reverse("teams:manage", args=[team.pk])
    assert roles(team) == {"charlie@example.com": "manager"}
    assert "Search infra is created" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("name", "message"), [("", "This field is required"), ("x" * 81, "at most 80")])
def test_a_bad_team_name_is_a_422_that_keeps_what_was_typed(client, charlie, name, message):
    client.force_login(charlie)
    response = client.post(reverse("teams:create"), {"name": name})
    assert response.status_code == 422 and message in response.content.decode()
    assert f'value="{name}"' in response.content.decode() or not name
    assert not Team.objects.filter(memberships__user=charlie).exists()


def test_the_people_page_for_a_manager(client, team, alice, bob):
    link = link_invite(team, alice)
    emailed = link_invite(team, alice, email="carol@example.com", role="manager")
    revoked = link_invite(team, alice)
    services.invite_revoke(invite=revoked, by=alice)
    client.force_login(alice)
    response = client.get(reverse("teams:manage", args=[team.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alice Manager" in page and "Bob Member" in page
    assert f'value="http://testserver/teams/join/{token_of(link)}/"' in page  # copy-able full link
    assert "Emailed to carol@example.com" in page and token_of(emailed) not in page
    assert token_of(revoked) not in page
    assert reverse("teams:member_remove", args=[team.pk, bob.pk]) in page
    assert reverse("teams:member_remove", args=[team.pk, alice.pk]) not in page  # leave instead
    assert reverse("teams:member_role", args=[team.pk, bob.pk]) in page
    assert reverse("teams:invite_create", args=[team.pk]) in page
    assert reverse("teams:invite_revoke", args=[team.pk, link.pk]) in page
    assert reverse("team_reports:team", args=[team.pk]) in page
    assert_safe_html(page.split("<main", 1)[1].split("</main>", 1)[0])


def test_the_people_page_for_a_member(client, team, alice, bob):
    invite = link_invite(team, alice)
    client.force_login(bob)
    page = client.get(reverse("teams:manage", args=[team.pk])).content.decode()
    assert "Alice Manager" in page and "Bob Member" in page
    assert reverse("teams:leave", args=[team.pk]) in page
    assert token_of(invite) not in page
    assert "/remove/" not in page and "/role/" not in page and "/invites/" not in page


def test_a_manager_creates_a_link_invite(client, team, alice):
    client.force_login(alice)
    response = client.post(reverse("teams:invite_create", args=[team.pk]), {"role": "member", "days": 14})
    assert response.status_code == 302
    invite = TeamInvite.objects.get(team=team, uses=0)
    assert invite.email == "" and invite.role == "member"
    lifetime = invite.expires_at - timezone.now()
    assert datetime.timedelta(days=13, hours=23) < lifetime <= datetime.timedelta(days=14)
    page = client.get(response["Location"]).content.decode()
    assert "Invite link created" in page and token_of(invite) in page


def test_a_manager_emails_an_invite(client, team, alice, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teams:invite_create", args=[team.pk]),
            {"email": "carol@example.com", "role": "manager", "days": 7},
        )
    assert response.status_code == 302
    invite = TeamInvite.objects.get(email="carol@example.com")
    assert mailoutbox[0].to == ["carol@example.com"]
    assert f"http://testserver/teams/join/{token_of(invite)}/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"email": "carol@", "role": "member", "days": 7}, 422, "Enter a valid email address"),
        ({"email": "carol@example.com", "role": "boss", "days": 7}, 422, "Select a valid choice"),
        ({"email": "carol@example.com", "role": "member", "days": 365}, 422, "Select a valid choice"),
        ({"email": "bob@example.com", "role": "member", "days": 7}, 409, "already a member"),
        # A right-to-left mark passes EmailValidator but not IDNA: the email was a 500 (test_fuzz found it).
        ({"email": "carol@example.com\u202e", "role": "member", "days": 7}, 422, "mail cannot carry"),
    ],
)
def test_bad_invite_input_keeps_what_was_typed(client, team, alice, data, status, message):
    client.force_login(alice)
    response = client.post(reverse("teams:invite_create", args=[team.pk]), data)
    page = response.content.decode()
    assert response.status_code == status and message in page
    assert f'value="{data["email"]}"' in page
    assert not TeamInvite.objects.filter(uses=0).exists()


def test_a_manager_revokes_an_invite(client, team, alice):
    invite = link_invite(team, alice)
    client.force_login(alice)
    response = client.post(reverse("teams:invite_revoke", args=[team.pk, invite.pk]))
    assert response.status_code == 302
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    response = client.get(reverse("teams:join", args=[token_of(invite)]))
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


def test_an_invite_of_another_team_cannot_be_revoked(client, team, alice, charlie):
    other = team_with(manager=charlie, name="Other")
    invite = link_invite(other, charlie)
    client.force_login(alice)
    assert client.post(reverse("teams:invite_revoke", args=[team.pk, invite.pk])).status_code == 404
    invite.refresh_from_db()
    assert invite.revoked_at is None


def test_the_join_page_says_what_joining_means(client, team, alice, charlie):
    invite = link_invite(team, alice)
    client.force_login(charlie)
    response = client.get(reverse("teams:join", args=[token_of(invite)]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Join Platform" in page and "Alice Manager" in page and "Member" in page
    assert "rubric averages" in page and "last active" in page and "Never your notes" in page
    assert 'method="post"' in page
    assert "charlie@example.com" not in roles(team)  # looking is not joining


def test_joining_through_the_page(client, team, alice, charlie):
    invite = link_invite(team, alice)
    client.force_login(charlie)
    response = client.post(reverse("teams:join", args=[token_of(invite)]))
    assert response.status_code == 302 and response["Location"] == reverse("teams:manage", args=[team.pk])
    assert roles(team)["charlie@example.com"] == "member"
    assert "Welcome to Platform" in client.get(response["Location"]).content.decode()


def test_signing_in_comes_back_to_the_invite(client, team, alice):
    url = reverse("teams:join", args=[token_of(link_invite(team, alice))])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"] and "teams/join" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_join_link_gets_a_friendly_404(client, charlie, method):
    client.force_login(charlie)
    response = getattr(client, method)(reverse("teams:join", args=["not-a:real:token"]))
    page = response.content.decode()
    assert response.status_code == 404 and "This invite link is not valid" in page
    assert reverse("teams:list") in page


def test_an_expired_join_link_gets_a_410(client, team, alice, charlie):
    invite = link_invite(team, alice)
    TeamInvite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(charlie)
    response = client.post(reverse("teams:join", args=[token_of(invite)]))
    assert response.status_code == 410 and "has expired" in response.content.decode()
    assert "charlie@example.com" not in roles(team)


def test_a_member_opening_the_link_again_is_told_so(client, team, alice, bob):
    invite = link_invite(team, alice)
    client.force_login(bob)
    for method in (client.get, client.post):
        response = method(reverse("teams:join", args=[token_of(invite)]))
        page = response.content.decode()
        assert response.status_code == 409 and "already a member of Platform" in page
        assert reverse("teams:manage", args=[team.pk]) in page
        assert 'method="post"' not in page.split("<main")[1]  # no Join button


def test_an_email_invite_opened_by_someone_else(client, team, alice, charlie):
    invite = link_invite(team, alice, email="carol@example.com")
    client.force_login(charlie)
    response = client.post(reverse("teams:join", args=[token_of(invite)]))
    assert response.status_code == 403 and "different email address" in response.content.decode()
    assert "carol@example.com" not in response.content.decode()
    assert "charlie@example.com" not in roles(team)


def test_a_manager_changes_a_role_and_removes_a_member(client, team, alice, bob):
    client.force_login(alice)
    response = client.post(reverse("teams:member_role", args=[team.pk, bob.pk]), {"role": "manager"})
    assert response.status_code == 302 and roles(team)["bob@example.com"] == "manager"
    response = client.post(reverse("teams:member_remove", args=[team.pk, bob.pk]))
    assert response.status_code == 302 and "bob@example.com" not in roles(team)
    assert "Bob Member is no longer in Platform" in client.get(response["Location"]).content.decode()


def test_refused_role_changes_say_why(client, team, alice, bob):
    client.force_login(alice)
    response = client.post(reverse("teams:member_role", args=[team.pk, alice.pk]), {"role": "member"})
    assert response.status_code == 409 and "at least one manager" in response.content.decode()
    response = client.post(reverse("teams:member_role", args=[team.pk, bob.pk]), {"role": "boss"})
    assert response.status_code == 422 and "Choose manager or member" in response.content.decode()
    assert roles(team) == {"alice@example.com": "manager", "bob@example.com": "member"}


def test_a_member_leaves_through_the_page(client, team, bob):
    client.force_login(bob)
    response = client.post(reverse("teams:leave", args=[team.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("teams:list")
    assert "bob@example.com" not in roles(team)
    assert client.get(reverse("teams:manage", args=[team.pk])).status_code == 404


def test_the_last_manager_is_told_why_they_cannot_leave(client, team, alice):
    client.force_login(alice)
    response = client.post(reverse("teams:leave", args=[team.pk]))
    assert response.status_code == 409 and "only manager" in response.content.decode()
    assert Team.objects.filter(pk=team.pk).exists()


def _team_urls(team, target, invite):
    invite_data = {"role": "manager", "days": 7}
    return {
        "manage": ("get", reverse("teams:manage", args=[team.pk]), {}),
        "invite_create": ("post", reverse("teams:invite_create", args=[team.pk]), invite_data),
        "invite_revoke": ("post", reverse("teams:invite_revoke", args=[team.pk, invite.pk]), {}),
        "member_remove": ("post", reverse("teams:member_remove", args=[team.pk, target.pk]), {}),
        "member_role": ("post", reverse("teams:member_role", args=[team.pk, target.pk]), {"role": "manager"}),
        "leave": ("post", reverse("teams:leave", args=[team.pk]), {}),
    }


@pytest.mark.parametrize(
    "name", ["manage", "invite_create", "invite_revoke", "member_remove", "member_role", "leave"]
)
def test_outsiders_get_a_404_on_every_team_url_and_change_nothing(client, team, alice, bob, charlie, name):
    method, url, data = _team_urls(team, bob, link_invite(team, alice))[name]
    before = snapshot()
    client.force_login(charlie)
    assert getattr(client, method)(url, data).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name", ["invite_create", "invite_revoke", "member_remove", "member_role"])
def test_members_get_a_404_on_manager_urls_and_change_nothing(client, team, alice, bob, name):
    method, url, data = _team_urls(team, alice, link_invite(team, alice))[name]
    before = snapshot()
    client.force_login(bob)
    assert getattr(client, method)(url, data).status_code == 404
    assert snapshot() == before


def test_a_team_id_that_does_not_exist_is_a_404(client, alice):
    client.force_login(alice)
    assert client.get(reverse("teams:manage", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "name", ["create", "invite_create", "invite_revoke", "member_remove", "member_role", "leave"]
)
def test_writes_are_post_only(client, team, alice, bob, name):
    invite = link_invite(team, alice)
    urls = {k: v[1] for k, v in _team_urls(team, bob, invite).items()} | {"create": reverse("teams:create")}
    client.force_login(alice)
    before = snapshot()
    # GET of the create address shows the form (test_team_pages.py); it writes nothing either.
    assert client.get(urls[name]).status_code == (200 if name == "create" else 405)
    assert snapshot() == before


@pytest.mark.parametrize("name", ["create", "invite_create", "member_remove", "leave", "join"])
def test_writes_need_the_csrf_token(team, alice, bob, name):
    invite = link_invite(team, alice)
    urls = {k: v[1] for k, v in _team_urls(team, bob, invite).items()} | {
        "create": reverse("teams:create"),
        "join": reverse("teams:join", args=[token_of(invite)]),
    }
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice if name != "join" else UserFactory())
    before = snapshot()
    assert client.post(urls[name], {"name": "X", "role": "member", "days": 7}).status_code == 403
    assert snapshot() == before


def test_team_names_are_escaped(client, alice, bob):
    team = team_with(manager=alice, members=[bob], name='<script>alert(1)</script><img src=x onerror="x">')
    invite = link_invite(team, alice)
    client.force_login(alice)
    pages = [client.get(reverse("teams:list")), client.get(reverse("teams:manage", args=[team.pk]))]
    client.force_login(UserFactory())
    pages.append(client.get(reverse("teams:join", args=[token_of(invite)])))
    for response in pages:
        assert response.status_code == 200
        assert_safe_html(response.content.decode().split("<main", 1)[1].split("</main>", 1)[0])


# Query budgets: the same whatever the team's size.

# The session with its user (1), my memberships with their teams and member counts (1), the
# navigation's due-review count (1).
LIST_BUDGET = 3
# The session with its user (1), the team with my role (1), members with their users (1), open invites (1,
# managers only), the due-review count (1).
PEOPLE_BUDGET = 5


@pytest.mark.parametrize("size", [1, 20])
def test_my_teams_query_budget(client, charlie, size, django_assert_max_num_queries):
    members = [UserFactory() for _ in range(size)]
    for i in range(3):
        team_with(manager=charlie, members=members, name=f"Team {i}")
    client.force_login(charlie)
    client.get(reverse("teams:list"))  # the first request of a session also records it (sessions list)
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(reverse("teams:list"))
    assert response.content.decode().count(f'<td class="num">{size + 1}</td>') == 3


@pytest.mark.parametrize("size", [1, 20])
@pytest.mark.parametrize("persona", ["manager", "member"])
def test_people_page_query_budget(client, alice, size, persona, django_assert_max_num_queries):
    members = [UserFactory() for _ in range(size)]
    team = team_with(manager=alice, members=members)
    for _ in range(size):
        link_invite(team, alice)
    client.force_login(alice if persona == "manager" else members[0])
    client.get(reverse("teams:list"))  # the first request of a session also records it (sessions list)
    with django_assert_max_num_queries(PEOPLE_BUDGET):
        response = client.get(reverse("teams:manage", args=[team.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="person"') == size + 1
