"""The console's plumbing: templates (Jinja2, autoescaped), security headers, the signed-in
person behind a request, CSRF on every form, sign-in and sign-out.

Every page sits behind `viewer`: without a live session a browser (Accept: text/html) is sent
to /login with 303, anything else gets 401. Every POST carries the session's CSRF token in a
hidden `csrf` field; the login form, before any session, carries a token that must match a
cookie of its own (double submit). Assets are served from this package: nothing external.
"""
from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.routing import APIRoute
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.core import enums

from .. import ratelimit, users

HERE = Path(__file__).resolve().parent
COOKIE = "zhucun_console"
LOGIN_COOKIE = "zhucun_login"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
       " form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "same-origin", "Cache-Control": "no-store"}
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
PAGE = 50

templates = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)
BEIJING = timezone(timedelta(hours=8))
ZH = {"category": enums.HouseholdCategory, "residence": enums.Residence, "sex": enums.Sex,
      "relation": enums.Relation, "health": enums.Health, "labour": enums.LabourCapacity,
      "education": enums.Education, "risk": enums.RiskType, "measure": enums.Measure, "mode": enums.VisitMode,
      "case": enums.CaseState}


def zh(code, vocabulary: str) -> str:
    """A stored code by its Chinese name (the code itself when the vocabulary does not know it)."""
    if isinstance(code, (list, tuple)):
        return "、".join(zh(c, vocabulary) for c in code)
    try:
        return ZH[vocabulary](code).zh
    except ValueError:
        return "" if code is None else str(code)


def local(moment: str | None, seconds: bool = False) -> str:
    """An ISO UTC time of the server as Beijing time, to the minute: what a county office reads."""
    if not moment:
        return "—"
    try:
        t = datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(BEIJING)
    except ValueError:
        return moment
    return t.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


templates.filters.update(zh=zh, local=local)


class LoginRequired(HTTPException):
    pass


class ConsoleRoute(APIRoute):
    """A console route: a refusal (403, 404, …) reaches a browser as a page in the console's
    words, not as JSON; the redirect to /login and every other client's answer stay as they are."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def run(request: Request):
            try:
                return await handler(request)
            except HTTPException as e:
                if e.status_code < 400 or not wants_html(request):
                    raise
                return render(request, "error.html", status=e.status_code, message=str(e.detail),
                              headers=e.headers)
        return run


def console_router() -> APIRouter:
    return APIRouter(include_in_schema=False, route_class=ConsoleRoute)


router = console_router()


def engine_of(request: Request):
    engine = request.app.state.engine
    if not getattr(request.app.state, "console_ready", False):
        users.ensure_tables(engine)
        request.app.state.console_ready = True
    return engine


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def viewer(request: Request) -> users.Session:
    """The session of the person signed in; 303 to /login (browsers) or 401 (others) without."""
    s = users.session(engine_of(request), request.cookies.get(COOKIE))
    if s is None:
        if wants_html(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise LoginRequired(303, "请先登录 (sign in first)", headers={"Location": f"/login?next={quote(target)}"})
        raise LoginRequired(401, "请先登录 (sign in first)")
    return s


def actor(s: Annotated[users.Session, Depends(viewer)]) -> users.Session:
    """A person who may enrol, revoke and publish: the county's admin or monitor."""
    if not s.user.can_act:
        raise HTTPException(403, "乡镇审核只能查看 (a township reviewer can only look)")
    return s


def admin(s: Annotated[users.Session, Depends(viewer)]) -> users.Session:
    if s.user.role != "admin":
        raise HTTPException(403, "只有县管理员可以查看 (for the county admin only)")
    return s


Viewer = Annotated[users.Session, Depends(viewer)]
Actor = Annotated[users.Session, Depends(actor)]
Admin = Annotated[users.Session, Depends(admin)]


def secure_headers(response: Response) -> Response:
    for k, v in HEADERS.items():
        response.headers[k] = v
    return response


def render(request: Request, template: str, session: users.Session | None = None, status: int = 200,
           headers: dict | None = None, **context) -> HTMLResponse:
    html = templates.get_template(template).render(request=request, me=session.user if session else None,
                                               csrf=session.csrf if session else "", path=request.url.path,
                                               **context)
    return secure_headers(HTMLResponse(html, status_code=status, headers=headers))


def see_other(url: str) -> Response:
    return secure_headers(RedirectResponse(url, status_code=303))


async def posted(request: Request, session: users.Session) -> dict:
    """The form's fields, once its CSRF token is the session's (403 otherwise)."""
    form = await request.form()
    if not hmac.compare_digest(str(form.get("csrf") or ""), session.csrf):
        raise HTTPException(403, "表单已过期，请刷新页面再提交 (the form is stale or forged: reload the page)")
    return form


def quoted(text: str) -> str:
    """A short message for the next page's query string (?done=, ?error=), shown escaped."""
    return quote(text[:300])


def over_tls(request: Request) -> bool:
    """Whether the browser reached the county over TLS: directly, or through a reverse proxy that
    says so (X-Forwarded-Proto only ever makes the cookie stricter, so it is taken as said)."""
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def client_of(request: Request) -> str:
    return request.client.host if request.client else "-"


def page_args(page: int) -> tuple[int, int]:
    page = max(1, page)
    return (page - 1) * PAGE, PAGE


def pages(total: int, page: int) -> dict:
    last = max(1, -(-total // PAGE))
    return {"page": min(max(1, page), last), "last": last, "total": total}


# -- assets -------------------------------------------------------------------------------------------
@router.get("/static/console/{name}")
def static(name: str):
    path = HERE / "static" / name
    if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
        raise HTTPException(404, "no such file")
    response = Response(path.read_bytes(), media_type=STATIC_TYPES[path.suffix])
    response.headers["Cache-Control"] = "max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# -- signing in and out ------------------------------------------------------------------------------
def _attempts(request: Request) -> ratelimit.Attempts:
    """Failed sign-ins, counted in the database: the same limit whichever worker is asked."""
    return ratelimit.Attempts(engine_of(request), "login")


def _safe_next(target: str | None) -> str:
    target = target or "/"
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _login_page(request: Request, error: str | None = None, status: int = 200, name: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status=status, login_csrf=token, error=error, name=name,
                      next=_safe_next(request.query_params.get("next")),
                      no_accounts=not users.count_users(engine_of(request)))
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=over_tls(request),
                        path="/login", max_age=3600)
    return response


@router.get("/login")
def login_form(request: Request):
    return _login_page(request)


@router.post("/login")
async def login(request: Request):
    form = await request.form()
    name, password = str(form.get("username") or "").strip(), str(form.get("password") or "")
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    if not expected or not hmac.compare_digest(str(form.get("csrf") or ""), expected):
        return _login_page(request, "页面已过期，请再登录一次 (the page expired: sign in again)", 403, name)
    attempts, client = _attempts(request), client_of(request)
    wait = max(attempts.wait(client), attempts.wait("user:" + name))
    if wait:
        response = _login_page(request, f"尝试次数过多，请{wait}秒后再试 (too many attempts: try again in {wait} s)",
                               429, name)
        response.headers["Retry-After"] = str(wait)
        return response
    engine = engine_of(request)
    user = users.authenticate(engine, name, password)
    if user is None:
        attempts.failed(client)
        attempts.failed("user:" + name)
        return _login_page(request, "用户名或密码不对 (wrong user name or password)", 401, name)
    token, _ = users.start_session(engine, user)
    response = see_other(_safe_next(str(form.get("next") or "/")))
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=over_tls(request),
                        path="/", max_age=users.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(request: Request, s: Viewer):
    await posted(request, s)
    users.end_session(engine_of(request), s.token_sha256)
    response = see_other("/login")
    response.delete_cookie(COOKIE, path="/")
    return response
