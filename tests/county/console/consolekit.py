"""Helpers for the console's tests: accounts, signing in as a browser does, the CSRF token of a
page."""
from __future__ import annotations

import re

from county_server import users

PASSWORD = "correct horse battery"
HTML = {"Accept": "text/html,application/xhtml+xml"}


def account(engine, name: str = "monitor", role: str = "monitor", township: str | None = None) -> str:
    users.add_user(engine, name, role, PASSWORD, township)
    return name


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def login(client, name: str, password: str = PASSWORD, next_url: str = "/"):
    page = client.get(f"/login?next={next_url}", headers=HTML)
    assert page.status_code == 200
    return client.post("/login", data={"username": name, "password": password, "csrf": csrf_of(page.text),
                                       "next": next_url}, headers=HTML, follow_redirects=False)


def signed_in(client, engine, name: str = "monitor", role: str = "monitor", township: str | None = None):
    account(engine, name, role, township)
    r = login(client, name)
    assert r.status_code == 303, r.text
    return client
