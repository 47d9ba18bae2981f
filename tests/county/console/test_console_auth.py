"""Signing in to the console: accounts, sessions, roles, CSRF, the rate limit, headers."""
from __future__ import annotations

import pytest
from tests.county.console.consolekit import HTML, PASSWORD, account, csrf_of, login, signed_in

from county_server import users
from county_server.console import web


def test_pages_send_browsers_to_login_and_others_get_401(client):
    for path in ("/", "/villages/石门村", "/households/x", "/devices", "/publications", "/access-log"):
        r = client.get(path, headers=HTML, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/login?next=")
        assert client.get(path, follow_redirects=False).status_code == 401, path


def test_login_form_posts_username_and_password(client, engine):
    page = client.get("/login", headers=HTML)
    assert page.status_code == 200
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    account(engine)
    r = login(client, "monitor", next_url="/access-log")
    assert r.status_code == 303 and r.headers["location"] == "/access-log"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    home = client.get("/", headers=HTML)
    assert home.status_code == 200 and "村概况" in home.text
    assert home.headers["cache-control"] == "no-store"


def test_wrong_password_unknown_and_disabled_users_are_refused(client, engine):
    account(engine)
    assert login(client, "monitor", "wrong password!").status_code == 401
    assert login(client, "nobody", PASSWORD).status_code == 401
    assert login(client, "monitor").status_code == 303
    users.disable_user(engine, "monitor")
    assert client.get("/", headers=HTML, follow_redirects=False).status_code == 303   # its session ended
    assert login(client, "monitor").status_code == 401


def test_login_without_its_form_token_is_refused(client, engine):
    account(engine)
    client.get("/login", headers=HTML)
    r = client.post("/login", data={"username": "monitor", "password": PASSWORD, "csrf": "forged"},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/", headers=HTML, follow_redirects=False).status_code == 303


def test_login_attempts_are_limited(client, engine):
    account(engine)
    for _ in range(10):
        assert login(client, "monitor", "not the password").status_code == 401
    r = login(client, "monitor")           # the right password, too late
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_forms_need_the_session_csrf_token(client, engine):
    signed_in(client, engine)
    r = client.post("/logout", data={"csrf": "forged"}, headers=HTML, follow_redirects=False)
    assert r.status_code == 403
    token = csrf_of(client.get("/", headers=HTML).text)
    r = client.post("/logout", data={"csrf": token}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", headers=HTML, follow_redirects=False).status_code == 303


def test_sessions_expire(client, engine, monkeypatch):
    signed_in(client, engine)
    assert client.get("/", headers=HTML, follow_redirects=False).status_code == 200
    monkeypatch.setattr(users, "IDLE_MINUTES", 0)
    assert client.get("/", headers=HTML, follow_redirects=False).status_code == 303


def test_next_never_leaves_the_server(client, engine):
    account(engine)
    assert login(client, "monitor", next_url="//evil.example/").headers["location"] == "/"


def test_assets_are_served_here(client):
    r = client.get("/static/console/console.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert client.get("/static/console/..%2fweb.py").status_code == 404
    assert "http" not in r.text.replace("https", "http").split("url(")[0] or "url(http" not in r.text


@pytest.mark.parametrize("role,township", [("admin", None), ("monitor", None), ("township", "城关镇")])
def test_roles(client, engine, role, township):
    signed_in(client, engine, "u1", role, township)
    log = client.get("/access-log", headers=HTML, follow_redirects=False)
    assert log.status_code == (200 if role == "admin" else 403)
    assert client.get("/users", headers=HTML).status_code == (200 if role == "admin" else 403)
    devices = client.get("/devices", headers=HTML, follow_redirects=False)
    assert devices.status_code == (403 if role == "township" else 200)


def test_user_rules(engine):
    from app.core.errors import StateError, ValidationError
    with pytest.raises(ValidationError):
        users.add_user(engine, "t", "township", PASSWORD)           # no township
    with pytest.raises(ValidationError):
        users.add_user(engine, "m", "monitor", "short")
    users.add_user(engine, "m", "monitor", PASSWORD)
    with pytest.raises(StateError):
        users.add_user(engine, "m", "admin", PASSWORD)
    stored = users.list_users(engine)
    assert [u["name"] for u in stored] == ["m"]
    assert web.COOKIE not in str(stored)


def test_the_session_cookie_is_secure_behind_tls(client, engine):
    from tests.county.console.consolekit import csrf_of
    account(engine)
    page = client.get("/login", headers={**HTML, "X-Forwarded-Proto": "https"})
    assert "secure" in page.headers["set-cookie"].lower()
    login_cookie = page.headers["set-cookie"].split(";", 1)[0]     # a Secure cookie: sent by hand over http here
    r = client.post("/login", data={"username": "monitor", "password": PASSWORD, "csrf": csrf_of(page.text)},
                    headers={**HTML, "X-Forwarded-Proto": "https", "Cookie": login_cookie}, follow_redirects=False)
    assert r.status_code == 303 and "secure" in r.headers["set-cookie"].lower()
    assert "secure" not in login(client, "monitor").headers["set-cookie"].lower()


def test_a_refusal_reaches_a_browser_as_a_page(client, engine):
    signed_in(client, engine, "r", "township", "城关镇")
    page = client.get("/devices", headers=HTML)
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
    assert "乡镇审核只能查看" in page.text and page.headers["x-frame-options"] == "DENY"
    missing = client.get("/households/nobody", headers=HTML)
    assert missing.status_code == 404 and "没有这户" in missing.text
    assert client.get("/devices").json()["detail"].startswith("乡镇审核只能查看")   # not a browser: JSON


def test_a_new_county_says_how_to_make_the_first_account(client, engine):
    assert "还没有账号" in client.get("/login", headers=HTML).text
    account(engine)
    assert "还没有账号" not in client.get("/login", headers=HTML).text


def test_the_admin_adds_and_disables_accounts_in_the_browser(client, engine):
    signed_in(client, engine, "admin", "admin")
    token = csrf_of(client.get("/users", headers=HTML).text)
    r = client.post("/users", data={"csrf": token, "name": "anchang", "role": "township", "township": "安场镇",
                                    "password": "a long password"}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "done=" in r.headers["location"]
    assert users.authenticate(engine, "anchang", "a long password").township == "安场镇"
    r = client.post("/users", data={"csrf": token, "name": "x", "role": "township", "password": "a long password"},
                    headers=HTML)
    assert "--township" in r.text and 'class="error"' in r.text
    client.post("/users/anchang/disable", data={"csrf": token}, headers=HTML)
    assert users.authenticate(engine, "anchang", "a long password") is None
    assert "不能停用自己" in client.post("/users/admin/disable", data={"csrf": token}, headers=HTML).text
