"""An administrator's login that survives reloads, new tabs and pasted URLs: a signed, HttpOnly
cookie naming a login kept on the server.

Why this shape (Streamlit 1.67):
- A Streamlit script talks to the browser over a WebSocket and cannot answer with a
  `Set-Cookie` header; JavaScript can only write cookies that scripts can read (no HttpOnly).
  So the server gets two small HTTP routes of its own through `st.App(routes=...)` (`app.py`,
  started with `streamlit run app.py`): `POST /api/inloggning` trades a one-time ticket for the
  cookie, `POST /api/utloggning` clears it. Both are same-origin, offline, and need no
  component build. `streamlit run dashboard.py` (and AppTest) still works: the login then lasts
  as long as the tab, as before.
- The password is checked in the Streamlit script as before (kraftsamling.auth); on success the
  script opens a login here and hands the page a ticket (random, single use, valid for
  `TICKET_SECONDS`) that a few lines of JavaScript post to the route. The ticket is never in a
  URL, and the cookie never reaches a script in the page (HttpOnly, SameSite=Strict).
- The cookie holds only the login's random id and an HMAC of it under a key drawn when the
  process starts. The login itself (user name, since when) lives in this process: logging out
  ends it on the server, whatever the browser does with the cookie, and every other tab of the
  same login is logged out at its next run. A restart ends every login (the key and the logins
  are gone): log in again.
- The script reads the cookie from `st.context.cookies` (the WebSocket handshake carries it) and
  restores the login for a new session, with its original start: the eight-hour limit holds
  across tabs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets as _random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

COOKIE_NAME = "kraftsamling_inloggning"
LOGIN_ROUTE = "/api/inloggning"
LOGOUT_ROUTE = "/api/utloggning"
TICKET_SECONDS = 120
MAX_LOGINS = 1000


@dataclass(frozen=True)
class Login:
    login_id: str
    username: str
    since: float  # time.time() when the password was checked
    expires: float


class LoginStore:
    """The logins of this process, by id, and the one-time tickets that turn into cookies.
    Thread safe (the routes run on the server's event loop, scripts in their own threads)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.time) -> None:
        self.seconds, self.clock = seconds, clock
        self._key = _random.token_bytes(32)
        self._logins: dict[str, Login] = {}
        self._tickets: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    # -- logins
    def open(self, username: str, since: float | None = None) -> Login:
        since = self.clock() if since is None else since
        login = Login(_random.token_urlsafe(24), username, since, since + self.seconds)
        with self._lock:
            self._prune()
            self._logins[login.login_id] = login
        return login

    def get(self, login_id: str | None) -> Login | None:
        """The live login with this id, or None (unknown, ended or expired)."""
        if not isinstance(login_id, str):
            return None
        with self._lock:
            login = self._logins.get(login_id)
            if login is not None and self.clock() > login.expires:
                del self._logins[login_id]
                login = None
        return login

    def close(self, login_id: str | None) -> None:
        with self._lock:
            self._logins.pop(login_id, None)
            for ticket in [k for k, (i, _) in self._tickets.items() if i == login_id]:
                del self._tickets[ticket]

    def _prune(self) -> None:
        now = self.clock()
        for key in [k for k, v in self._logins.items() if now > v.expires]:
            del self._logins[key]
        for key in [k for k, (_, until) in self._tickets.items() if now > until]:
            del self._tickets[key]
        while len(self._logins) >= MAX_LOGINS:  # the oldest go first
            del self._logins[min(self._logins, key=lambda k: self._logins[k].since)]

    # -- the cookie
    def _signature(self, login_id: str) -> str:
        return hmac.new(self._key, login_id.encode("ascii"), hashlib.sha256).hexdigest()

    def cookie_value(self, login: Login) -> str:
        return f"{login.login_id}.{self._signature(login.login_id)}"

    def from_cookie(self, value: str | None) -> Login | None:
        """The live login a cookie names, or None for a missing, forged or ended one."""
        if not isinstance(value, str) or value.count(".") != 1:
            return None
        login_id, signature = value.split(".")
        try:
            expected = self._signature(login_id)
        except UnicodeEncodeError:
            return None
        given = signature.encode("utf-8", errors="replace")
        if not hmac.compare_digest(given, expected.encode("ascii")):
            return None
        return self.get(login_id)

    # -- tickets
    def ticket(self, login: Login) -> str:
        ticket = _random.token_urlsafe(24)
        with self._lock:
            self._tickets[ticket] = (login.login_id, self.clock() + TICKET_SECONDS)
        return ticket

    def redeem(self, ticket: str) -> Login | None:
        """The login a ticket was issued for; a ticket works once, and only for a while."""
        with self._lock:
            login_id, until = self._tickets.pop(ticket, (None, 0.0))
        if login_id is None or self.clock() > until:
            return None
        return self.get(login_id)


STORE: LoginStore | None = None
_store_lock = threading.Lock()


def store() -> LoginStore:
    """This process's logins (created on first use, with auth.SESSION_SECONDS)."""
    global STORE
    with _store_lock:
        if STORE is None:
            from kraftsamling.auth import SESSION_SECONDS

            STORE = LoginStore(SESSION_SECONDS)
        return STORE


def login_from_cookies(cookies: Mapping[str, str] | None) -> Login | None:
    return store().from_cookie((cookies or {}).get(COOKIE_NAME))


# ------------------------------------------------------------------ the routes
def _secure() -> bool:
    try:
        from streamlit import config

        return bool(config.get_option("server.sslCertFile"))
    except Exception:  # noqa: BLE001 - outside a server: plain http on localhost
        return False


def base_path() -> str:
    """Streamlit's server.baseUrlPath as a prefix ('' or '/something')."""
    try:
        from streamlit import config

        base = (config.get_option("server.baseUrlPath") or "").strip("/")
    except Exception:  # noqa: BLE001
        base = ""
    return f"/{base}" if base else ""


async def _login(request):
    from starlette.responses import Response

    ticket = (await request.body())[:200].decode("ascii", errors="replace").strip()
    login = store().redeem(ticket)
    if login is None:
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        COOKIE_NAME,
        store().cookie_value(login),
        max_age=max(1, int(login.expires - store().clock())),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(),
    )
    return response


async def _logout(request):
    from starlette.responses import Response

    login = store().from_cookie(request.cookies.get(COOKIE_NAME))
    if login is not None:
        store().close(login.login_id)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(
        COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_secure()
    )
    return response


def routes() -> list:
    """The two routes for `st.App(routes=...)` (app.py)."""
    from starlette.routing import Route

    base = base_path()
    return [
        Route(base + LOGIN_ROUTE, _login, methods=["POST"]),
        Route(base + LOGOUT_ROUTE, _logout, methods=["POST"]),
    ]


# ------------------------------------------------------------------ the page's side
def set_cookie_script(ticket: str) -> str:
    """What the page runs once after a login: post the ticket, get the cookie."""
    return _post_script(base_path() + LOGIN_ROUTE, ticket)


def clear_cookie_script() -> str:
    return _post_script(base_path() + LOGOUT_ROUTE, "")


def _post_script(path: str, body: str) -> str:
    # `body` is a token_urlsafe ticket or '' (letters, digits, '-' and '_' only).
    if not re.fullmatch(r"[A-Za-z0-9_-]*", body):
        raise ValueError("not a ticket")
    return (
        '<script data-kraftsamling="inloggning">'
        f'fetch("{path}", {{method: "POST", body: "{body}", credentials: "same-origin", '
        'headers: {"Content-Type": "text/plain"}});'
        "</script>"
    )
