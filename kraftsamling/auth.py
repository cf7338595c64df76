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
from collections import deque
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, TextIO

LOGGER = logging.getLogger(__name__)

ENV_VAR = "KRAFTSAMLING_ADMINS"
SECRETS_SECTION = "admins"
SESSION_KEY = "kraftsamling_admin"
ADMIN_STATE_PREFIX = "admin_"  # session-state keys with this prefix are cleared at log-out
SESSION_SECONDS = 8 * 60 * 60
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024

SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
_MAX_SCRYPT_MEMORY = 64 * 1024 * 1024  # refuses absurd parameters in a stored string
USERNAME = re.compile(r"[a-z0-9_-]{1,32}")

MESSAGE_WRONG = "Fel användarnamn eller lösenord."
MESSAGE_LOCKED = "För många försök – vänta en minut."


# ------------------------------------------------------------------ hashing
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
        maxmem=_MAX_SCRYPT_MEMORY + 1024 * 1024,
    )  # fmt: skip


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
class RateLimiter:
    """After `max_failures` failed logins for one user name within `window` seconds, refuse
    that user name for `lockout` seconds (even with the right password). Per process; thread
    safe (Streamlit runs each session in its own thread). `clock` is injectable for tests."""

    def __init__(
        self, max_failures: int = 5, window: float = 300, lockout: float = 60,
        clock: Callable[[], float] = time.monotonic, max_tracked: int = 10_000,
    ) -> None:  # fmt: skip
        self.max_failures, self.window, self.lockout = max_failures, window, lockout
        self.clock, self.max_tracked = clock, max_tracked
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def locked(self, username: str) -> bool:
        with self._lock:
            return self.clock() < self._locked_until.get(username, float("-inf"))

    def failure(self, username: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) >= self.max_tracked:
                self._prune(now)
            failures = self._failures.setdefault(username, deque())
            failures.append(now)
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            if len(failures) >= self.max_failures:
                self._locked_until[username] = now + self.lockout
                failures.clear()

    def success(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)
            self._locked_until.pop(username, None)

    def _prune(self, now: float) -> None:
        for user in [u for u, f in self._failures.items() if not f or f[-1] <= now - self.window]:
            del self._failures[user]
        for user in [u for u, t in self._locked_until.items() if t <= now]:
            del self._locked_until[user]


LIMITER = RateLimiter()


def is_locked(username: str, limiter: RateLimiter | None = None) -> bool:
    """True while `username` is refused after too many failed attempts."""
    return (limiter or LIMITER).locked(normalise_username(username))


def check_login(
    username: str, password: str, admins: Mapping[str, str], limiter: RateLimiter | None = None
) -> bool:
    """True when `username` is a configured administrator and `password` is theirs, and the
    user name is not locked out. Every failure counts towards the rate limit; an unknown user
    name costs as much time as a known one."""
    limiter = limiter or LIMITER
    user = normalise_username(username)
    if limiter.locked(user):
        return False
    stored = admins.get(user) if valid_username(user) else None
    ok = verify_password(password, stored if stored is not None else _dummy())
    ok = ok and stored is not None
    if ok:
        limiter.success(user)
    else:
        limiter.failure(user)
    return ok


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


def log_in(username: str, state: MutableMapping | None = None, now: float | None = None) -> None:
    """Mark this session as logged in as `username` (call after `check_login`)."""
    _state(state)[SESSION_KEY] = {
        "username": normalise_username(username),
        "since": time.time() if now is None else now,
    }


def log_out(state: MutableMapping | None = None) -> None:
    """End the login and forget administrators' session data (keys prefixed `admin_`)."""
    state = _state(state)
    state.pop(SESSION_KEY, None)
    for key in [k for k in list(state.keys()) if str(k).startswith(ADMIN_STATE_PREFIX)]:
        del state[key]


def logged_in_since(state: MutableMapping | None = None) -> float | None:
    login = _state(state).get(SESSION_KEY)
    return login.get("since") if isinstance(login, dict) else None


def current_admin(
    state: MutableMapping | None = None,
    now: float | None = None,
    admins: Mapping[str, str] | None = None,
) -> str | None:
    """The logged-in administrator's user name, or None. A login older than SESSION_SECONDS,
    or for a user no longer configured (`admins`, loaded when None), is ended here."""
    state = _state(state)
    login = state.get(SESSION_KEY)
    if not login:
        return None
    now = time.time() if now is None else now
    username = login.get("username") if isinstance(login, dict) else None
    since = login.get("since") if isinstance(login, dict) else None
    admins = load_admins() if admins is None else admins
    if (
        not isinstance(username, str)
        or not isinstance(since, int | float)
        or not 0 <= now - since <= SESSION_SECONDS
        or username not in admins
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
