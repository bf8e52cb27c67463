import datetime
import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from accounts.models import User

pytestmark = pytest.mark.browser

EMAIL = "newcomer@example.com"
PASSWORD = "a-long-passphrase-for-tests"


def test_sign_up_verify_profile_totp_and_sign_in_again(page, outbox, levels, asgi_server):
    # Sign up.
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")
    expect(page.get_by_text("Verify Your Email Address").first).to_be_visible()

    # Open the verification link from the outbox and confirm.
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", outbox()[-1]).group(0)
    page.goto(link)
    page.click("main form button[type=submit]")
    assert User.objects.get(email=EMAIL).emailaddress_set.get().verified

    # Sign in.
    page.goto("/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{asgi_server}/")
    expect(page.locator("main")).to_contain_text("Welcome, ")  # a first sign-in is not "welcome back"
    expect(page.get_by_text("Welcome back")).to_have_count(0)

    # Set the profile.
    page.goto("/accounts/profile/")
    page.fill("#id_display_name", "Nia Newcomer")
    page.select_option("#id_target_level", "L7")
    interview = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    page.fill("#id_interview_date", interview)
    page.select_option("#id_time_zone", "Europe/Berlin")
    page.click("text=Save profile")
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    user = User.objects.get(email=EMAIL)
    assert (user.display_name, user.target_level.code, user.time_zone) == (
        "Nia Newcomer",
        "L7",
        "Europe/Berlin",
    )
    assert user.interview_date.isoformat() == interview

    # Enable TOTP with a code computed here from the secret the page shows.
    page.goto("/accounts/2fa/totp/activate/")
    if page.locator("#authenticator_secret").count() == 0:  # allauth asks to confirm access first
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")

        page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.input_value("#authenticator_secret")
    totp = pyotp.TOTP(secret)
    page.fill("input[name=code]", totp.now())
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/**")
    assert user.authenticator_set.filter(type="totp").exists()
    assert user.authenticator_set.filter(type="recovery_codes").exists()

    # Sign out, then in again: password, then a (different, still valid) code.
    page.click("nav >> text=Sign out")
    page.wait_for_url(f"{asgi_server}/")
    expect(page.get_by_text("Create a free account")).to_be_visible()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", "000000")
    page.click("main form button[type=submit]")
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.fill("input[name=code]", totp.at(time.time() + 30))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{asgi_server}/")
    expect(page.get_by_text("Nia Newcomer").first).to_be_visible()
