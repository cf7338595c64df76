"""Administrators' login: password hashes, where the credentials live, a small rate limit,
the command that creates an administrator, and the Streamlit session helpers.

- Passwords are hashed with scrypt (standard library) and a random salt per user, stored as
  one self-describing string: ``scrypt$n=16384,r=8,p=1$<salt base64>$<hash base64>``.
- Credentials never live in the repository. They come from Streamlit's secrets
  (``~/.streamlit/secrets.toml`` or ``.streamlit/secrets.toml`` where the app is started,
  section ``[admins]``, ``anna = "scrypt$..."``) and/or the environment
  (``KRAFTSAMLING_ADMINS='anna=scrypt$...;bertil=scrypt$...'``); the environment wins.
- There is no default user and no default password: with nothing configured, nobody logs in.
- ``python -m kraftsamling admin NAME`` asks for a password and prints the line to add; it
  writes nothing anywhere.
- A login lasts at most ``SESSION_SECONDS`` (8 hours) from the moment of logging in.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import getpass
import hashlib
import hmac
import logging
import os
import re
import secrets as _random
import sys
import threading
import time
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, TextIO

LOGGER = logging.getLogger(__name__)

ENV_VAR = "KRAFTSAMLING_ADMINS"
SECRETS_SECTION = "admins"
SESSION_KEY = "kraftsamling_admin"
ADMIN_STATE_PREFIX = "admin_"  # session-state keys with this prefix are cleared at log-out
SESSION_SECONDS = 8 * 60 * 60
COOKIE_ACTION_KEY = "kraftsamling_cookie"  # a ticket to trade for the cookie, or CLEAR_COOKIE
CLEAR_COOKIE = "clear"
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024

SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
_MAX_SCRYPT_MEMORY = 64 * 1024 * 1024  # refuses absurd parameters in a stored string
USERNAME = re.compile(r"[a-z0-9_-]{1,32}")

MESSAGE_WRONG = "Fel användarnamn eller lösenord."
MESSAGE_LOCKED = "För många försök – vänta {seconds} s och försök igen."


# ------------------------------------------------------------------ hashing
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=length,
        maxmem=_MAX_SCRYPT_MEMORY + 1024 * 1024,
    )


def hash_password(password: str) -> str:
    """The self-describing scrypt hash of `password`, with a fresh random salt."""
    if not isinstance(password, str) or not password:
        raise ValueError("Lösenordet får inte vara tomt.")
    salt = _random.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    params = f"n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}"
    return f"{SCHEME}${params}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """(n, r, p, salt, hash) from a stored string, or None when it is not one of ours."""
    if not isinstance(stored, str):
        return None
    parts = stored.strip().split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        return None
    try:
        params = dict(item.split("=", 1) for item in parts[1].split(","))
        if set(params) != {"n", "r", "p"}:
            return None
        n, r, p = (int(params[k]) for k in ("n", "r", "p"))
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (ValueError, binascii.Error):
        return None
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        return None
    if 128 * n * r > _MAX_SCRYPT_MEMORY or len(salt) < 8 or not 16 <= len(digest) <= 64:
        return None
    return n, r, p, salt, digest


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash. Constant-time comparison; False (never an
    exception) for a malformed stored string or a password that is not a string."""
    parsed = _parse(stored)
    if parsed is None or not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return False
    n, r, p, salt, digest = parsed
    try:
        candidate = _scrypt(password, salt, n, r, p, len(digest))
    except (ValueError, MemoryError, UnicodeError):
        return False
    return hmac.compare_digest(candidate, digest)


_dummy_hash: str | None = None


def _dummy() -> str:
    """A hash nobody knows the password of, checked for unknown users so that a wrong user
    name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(_random.token_urlsafe(24))
    return _dummy_hash


# ------------------------------------------------------------------ where credentials live
def normalise_username(username: Any) -> str:
    return username.strip().lower() if isinstance(username, str) else ""


def valid_username(username: str) -> bool:
    return bool(USERNAME.fullmatch(username))


def _admin_entries(pairs) -> dict[str, str]:
    admins = {}
    for name, stored in pairs:
        user = normalise_username(name)
        if not valid_username(user) or _parse(stored) is None:
            LOGGER.warning("Ignorerar en ogiltig administratörsrad (%r).", user or name)
            continue
        admins[user] = stored.strip()
    return admins


def _from_streamlit_secrets() -> Mapping[str, Any]:
    try:
        import streamlit as st

        section = st.secrets.get(SECRETS_SECTION, {})
    except FileNotFoundError:  # no secrets.toml anywhere (StreamlitSecretNotFoundError)
        return {}
    except Exception as error:  # a broken secrets.toml must not break the app
        LOGGER.warning("Kunde inte läsa Streamlits secrets: %s", error)
        return {}
    return section if isinstance(section, Mapping) else {}


def _from_environment(value: str) -> list[tuple[str, str]]:
    pairs = []
    for entry in re.split(r"[;\n]", value or ""):
        entry = entry.strip()
        if not entry:
            continue
        if "=" not in entry:
            LOGGER.warning("Ignorerar en ogiltig post i %s.", ENV_VAR)
            continue
        name, stored = entry.split("=", 1)
        pairs.append((name, stored))
    return pairs


def load_admins(
    secrets: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The configured administrators, user name → stored hash.

    `secrets` is Streamlit's secrets (read from `st.secrets` when None): its `[admins]`
    section. `environ` is the environment (os.environ when None): `KRAFTSAMLING_ADMINS`.
    Both are merged; the environment wins for a user named in both. Malformed entries are
    ignored (and logged). Nothing configured means no administrators: there is no default."""
    if secrets is None:
        section = _from_streamlit_secrets()
    else:
        section = secrets.get(SECRETS_SECTION, {}) if isinstance(secrets, Mapping) else {}
        section = section if isinstance(section, Mapping) else {}
    environ = os.environ if environ is None else environ
    admins = _admin_entries((k, v) for k, v in section.items() if isinstance(v, str))
    admins.update(_admin_entries(_from_environment(environ.get(ENV_VAR, ""))))
    return admins


# ------------------------------------------------------------------ checking a login
class Throttle:
    """Growing delays after wrong passwords, per key: the first `free` failures within `window`
    seconds cost nothing; after that each failure doubles the wait before the next try on that
    key (`base`, 2·`base`, 4·`base` …, at most `cap` seconds). Tries refused while waiting do not
    count, so the wait never grows past `cap`: a delay, never a lock. Per process; thread safe;
    `clock` is injectable for tests."""

    def __init__(
        self,
        free: int = 5,
        base: float = 1.0,
        cap: float = 30.0,
        window: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
        max_tracked: int = 10_000,
    ) -> None:
        self.free, self.base, self.cap, self.window = free, base, cap, window
        self.clock, self.max_tracked = clock, max_tracked
        self._failures: dict[str, tuple[int, float]] = {}  # key → (count, last failure)
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        """The wait after `failures` failures in a row."""
        if failures < self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** min(failures - self.free, 30))

    def wait(self, key: str) -> float:
        """Seconds before `key` may try again (0 when it may now)."""
        now = self.clock()
        with self._lock:
            count, last = self._failures.get(key, (0, float("-inf")))
        if now - last > self.window:
            return 0.0
        return max(0.0, last + self.delay(count) - now)

    def failure(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) >= self.max_tracked:
                self._prune(now)
            count, last = self._failures.get(key, (0, float("-inf")))
            count = 0 if now - last > self.window else count
            self._failures[key] = (count + 1, now)

    def success(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _prune(self, now: float) -> None:
        for key in [k for k, (_, last) in self._failures.items() if now - last > self.window]:
            del self._failures[key]
        while len(self._failures) >= self.max_tracked:  # under a flood the oldest go first
            del self._failures[min(self._failures, key=lambda k: self._failures[k][1])]


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait: float  # seconds before the next try from this client with this user name/password


class RateLimiter:
    """Wrong passwords slow down, with growing delays (Throttle), on three keys at once:
    - the client (its IP address): one machine guessing gets slower and slower (up to 5 min);
    - the user name: guessing one administrator's password from many machines gets slow too,
      but only up to 30 s, and never for a client that has logged in as that user before: an
      attacker cannot keep the administrator out;
    - the password (an HMAC of it under a key drawn at start, never the password): trying one
      password over many user names gets slow as well.
    A try is refused unasked while any of its keys must wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.by_client = Throttle(free=5, base=1.0, cap=300.0, clock=clock)
        self.by_user = Throttle(free=5, base=1.0, cap=30.0, clock=clock)
        self.by_password = Throttle(free=5, base=1.0, cap=60.0, clock=clock)
        self._key = _random.token_bytes(32)
        self._known: dict[str, set[str]] = {}  # user name → clients that logged in as it
        self._lock = threading.Lock()

    def _password_key(self, password: str) -> str:
        data = password.encode("utf-8", errors="replace") if isinstance(password, str) else b""
        return hmac.new(self._key, data, hashlib.sha256).hexdigest()[:32]

    def _known_client(self, user: str, client: str) -> bool:
        with self._lock:
            return client in self._known.get(user, ())

    def wait(self, user: str, client: str, password: str | None = None) -> float:
        """Seconds before this user name may be tried from this client (with this password)."""
        waits = [self.by_client.wait(client)]
        if not self._known_client(user, client):
            waits.append(self.by_user.wait(user))
        if password is not None:
            waits.append(self.by_password.wait(self._password_key(password)))
        return max(waits)

    def failure(self, user: str, client: str, password: str) -> None:
        self.by_client.failure(client)
        self.by_user.failure(user)
        self.by_password.failure(self._password_key(password))

    def success(self, user: str, client: str) -> None:
        self.by_client.success(client)
        self.by_user.success(user)
        with self._lock:
            known = self._known.setdefault(user, set())
            if len(known) < 100:
                known.add(client)


LIMITER = RateLimiter()
UNKNOWN_CLIENT = "okänd klient"


def client_id() -> str:
    """This session's client for the rate limit: the browser's IP address as the server sees it
    (st.context.ip_address). Connections from this machine (localhost, where Streamlit gives no
    address) are one client, and behind a reverse proxy every browser is the proxy: the
    user-name and password keys still hold then."""
    try:
        import streamlit as st

        return st.context.ip_address or UNKNOWN_CLIENT
    except Exception:  # noqa: BLE001 - outside a Streamlit run
        return UNKNOWN_CLIENT


def wait_seconds(
    username: str, client: str = UNKNOWN_CLIENT, limiter: RateLimiter | None = None
) -> float:
    """Seconds before `username` may be tried from `client` (0: now)."""
    return (limiter or LIMITER).wait(normalise_username(username), client)


def attempt(
    username: str,
    password: str,
    admins: Mapping[str, str],
    client: str = UNKNOWN_CLIENT,
    limiter: RateLimiter | None = None,
) -> Attempt:
    """Check a login. While the client, the user name or the password must wait, the try is
    refused without checking the password. Every wrong password counts on all three keys; an
    unknown user name costs as much time as a known one. `wait` is how long the next try must
    wait."""
    limiter = limiter or LIMITER
    user = normalise_username(username)
    password_text = password if isinstance(password, str) else ""
    if limiter.wait(user, client, password_text) > 0:
        return Attempt(False, limiter.wait(user, client, password_text))
    stored = admins.get(user) if valid_username(user) else None
    ok = verify_password(password, stored if stored is not None else _dummy())
    ok = ok and stored is not None
    if ok:
        limiter.success(user, client)
        return Attempt(True, 0.0)
    limiter.failure(user, client, password_text)
    return Attempt(False, limiter.wait(user, client))


def check_login(
    username: str,
    password: str,
    admins: Mapping[str, str],
    limiter: RateLimiter | None = None,
    client: str = UNKNOWN_CLIENT,
) -> bool:
    """True when `username` is a configured administrator, `password` is theirs, and no
    throttle asks this try to wait (see `attempt`)."""
    return attempt(username, password, admins, client, limiter).ok


# ------------------------------------------------------------------ creating an administrator
def admin_lines(username: str, stored: str) -> str:
    """What `python -m kraftsamling admin NAME` prints: both places the line can go."""
    return (
        "# Antingen i Streamlits secrets: .streamlit/secrets.toml där appen startas, eller\n"
        "# ~/.streamlit/secrets.toml. Raden hör under rubriken [admins] (en gång per fil).\n"
        "# Filen får aldrig checkas in.\n"
        f"[{SECRETS_SECTION}]\n"
        f'{username} = "{stored}"\n'
        "\n"
        "# … eller i miljön när appen startas (flera administratörer skiljs åt med ';'):\n"
        f"export {ENV_VAR}='{username}={stored}'\n"
    )


def _read_password(stdin: TextIO, stderr: TextIO) -> str | None:
    if stdin.isatty():
        first = getpass.getpass("Lösenord: ")
        second = getpass.getpass("Samma lösenord igen: ")
        if first != second:
            print("Lösenorden är inte lika. Ingen administratör skapades.", file=stderr)
            return None
        return first
    line = stdin.readline()  # from a script: the first line of standard input
    return line.rstrip("\r\n")


def create_admin_cli(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """`python -m kraftsamling admin NAME`: ask for a password (twice, hidden; or the first
    line of standard input when it is not a terminal), refuse short ones, and print the line
    to add to Streamlit's secrets or the environment. Writes no file. Returns an exit code."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m kraftsamling admin",
        description="Skapa en administratör: skriver ut raden att lägga i secrets.toml "
        "eller miljön. Inget skrivs till någon fil.",
    )
    parser.add_argument("name", help="användarnamn: a–z, 0–9, _ och -, högst 32 tecken")
    args = parser.parse_args(argv)
    username = normalise_username(args.name)
    if not valid_username(username):
        print(
            f"Ogiltigt användarnamn {args.name!r}: använd a–z, 0–9, _ och -, högst 32 tecken.",
            file=stderr,
        )
        return 2
    password = _read_password(stdin, stderr)
    if password is None:
        return 2
    if len(password) < MIN_PASSWORD_LENGTH:
        print(
            f"Lösenordet är för kort: minst {MIN_PASSWORD_LENGTH} tecken. "
            "Ingen administratör skapades.",
            file=stderr,
        )
        return 2
    if len(password) > MAX_PASSWORD_LENGTH:
        print(f"Lösenordet är för långt: högst {MAX_PASSWORD_LENGTH} tecken.", file=stderr)
        return 2
    stdout.write(admin_lines(username, hash_password(password)))
    return 0


# ------------------------------------------------------------------ the Streamlit session
def _state(state: MutableMapping | None) -> MutableMapping:
    if state is not None:
        return state
    import streamlit as st

    return st.session_state


def log_in(
    username: str,
    state: MutableMapping | None = None,
    now: float | None = None,
    login_id: str | None = None,
) -> None:
    """Mark this session as logged in as `username` (call after `check_login`); `login_id` is
    the server-side login behind the cookie (kraftsamling.sessions), when there is one."""
    value = {"username": normalise_username(username), "since": time.time() if now is None else now}
    if login_id is not None:
        value["login_id"] = login_id
    _state(state)[SESSION_KEY] = value


def start_login(username: str, state: MutableMapping | None = None) -> None:
    """After a right password: log this session in and open a login on the server whose cookie
    the page fetches next (`cookie_script`), so that reloads and new tabs stay logged in."""
    from kraftsamling import sessions

    state = _state(state)
    login = sessions.store().open(normalise_username(username))
    log_in(login.username, state, now=login.since, login_id=login.login_id)
    state[COOKIE_ACTION_KEY] = sessions.store().ticket(login)


def log_out(state: MutableMapping | None = None) -> None:
    """End the login, on the server too (every tab with its cookie is logged out), and forget
    administrators' session data (keys prefixed `admin_`). The page then clears the cookie."""
    state = _state(state)
    login = state.pop(SESSION_KEY, None)
    login_id = login.get("login_id") if isinstance(login, dict) else None
    if login_id is not None:
        from kraftsamling import sessions

        sessions.store().close(login_id)
        state[COOKIE_ACTION_KEY] = CLEAR_COOKIE
    for key in [k for k in list(state.keys()) if str(k).startswith(ADMIN_STATE_PREFIX)]:
        del state[key]


def cookie_script(state: MutableMapping | None = None) -> str | None:
    """The few lines of JavaScript the page runs once after a login (fetch the cookie) or a
    log-out (clear it), or None."""
    from kraftsamling import sessions

    action = _state(state).pop(COOKIE_ACTION_KEY, None)
    if action == CLEAR_COOKIE:
        return sessions.clear_cookie_script()
    if isinstance(action, str) and action:
        return sessions.set_cookie_script(action)
    return None


def _browser_cookies() -> Mapping[str, str]:
    try:
        import streamlit as st

        return st.context.cookies
    except Exception:  # noqa: BLE001 - outside a Streamlit run, or no request behind it
        return {}


def logged_in_since(state: MutableMapping | None = None) -> float | None:
    login = _state(state).get(SESSION_KEY)
    return login.get("since") if isinstance(login, dict) else None


def current_admin(
    state: MutableMapping | None = None,
    now: float | None = None,
    admins: Mapping[str, str] | None = None,
    cookies: Mapping[str, str] | None = None,
) -> str | None:
    """The logged-in administrator's user name, or None. A session without a login takes the
    one its login cookie names (`cookies`: the browser's, read when `state` is None), so a
    reload or a new tab stays logged in. A login older than SESSION_SECONDS, ended on the
    server (logged out in another tab), or for a user no longer configured (`admins`, loaded
    when None), is ended here."""
    from kraftsamling import sessions

    if cookies is None and state is None:
        cookies = _browser_cookies()
    state = _state(state)
    login = state.get(SESSION_KEY)
    if not login:
        restored = sessions.login_from_cookies(cookies)
        if restored is None:
            return None
        log_in(restored.username, state, now=restored.since, login_id=restored.login_id)
        login = state[SESSION_KEY]
    now = time.time() if now is None else now
    username = login.get("username") if isinstance(login, dict) else None
    since = login.get("since") if isinstance(login, dict) else None
    login_id = login.get("login_id") if isinstance(login, dict) else None
    admins = load_admins() if admins is None else admins
    if (
        not isinstance(username, str)
        or not isinstance(since, int | float)
        or not 0 <= now - since <= SESSION_SECONDS
        or username not in admins
        or (login_id is not None and sessions.store().get(login_id) is None)
    ):
        log_out(state)
        return None
    return username


def require_admin() -> str:
    """For administrators' pages: the logged-in user name, or stop the page with a message."""
    import streamlit as st

    username = current_admin()
    if username is None:
        st.warning(
            "Sidan är bara för inloggade administratörer. Logga in på sidan **Logga in**.",
            icon=":material/lock:",
        )
        st.stop()
    return username
