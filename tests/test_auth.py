"""Administrators' login: hashes, where credentials come from, the rate limit, the command that
creates an administrator, the session, and the login page."""

from __future__ import annotations

import io
import re
import time
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, paths, sessions

PASSWORD = "korrekt häst batteri"
STORED = auth.hash_password(PASSWORD)


@pytest.fixture(autouse=True)
def fresh_limiter(monkeypatch):
    """Each test starts with nobody locked out (the limiter is per process)."""
    monkeypatch.setattr(auth, "LIMITER", auth.RateLimiter())


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ hashing
def test_a_hashed_password_verifies():
    assert STORED.startswith("scrypt$n=16384,r=8,p=1$")
    assert auth.verify_password(PASSWORD, STORED)


def test_the_same_password_hashes_differently_each_time():
    assert auth.hash_password(PASSWORD) != auth.hash_password(PASSWORD)


def test_a_wrong_password_does_not_verify():
    assert not auth.verify_password("korrekt häst batteri!", STORED)
    assert not auth.verify_password("", STORED)
    assert not auth.verify_password(PASSWORD.upper(), STORED)


def test_the_hash_does_not_contain_the_password():
    assert PASSWORD not in STORED and "batteri" not in STORED


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "scrypt",
        "plain-password",
        PASSWORD,
        "scrypt$n=16384,r=8,p=1$",
        "scrypt$n=16384,r=8,p=1$abc$def",
        "scrypt$n=16384,r=8$" + STORED.split("$", 2)[2],
        "scrypt$n=16385,r=8,p=1$" + STORED.split("$", 2)[2],  # not a power of two
        "scrypt$n=1073741824,r=8,p=1$" + STORED.split("$", 2)[2],  # would need 128 GB
        "scrypt$n=x,r=8,p=1$" + STORED.split("$", 2)[2],
        "pbkdf2$n=16384,r=8,p=1$" + STORED.split("$", 2)[2],
        STORED + "$extra",
        STORED.replace("$", "$!", 1),
        STORED[:-6] + "*****=",
        None,
        12345,
        b"bytes",
    ],
)
def test_a_malformed_stored_string_never_verifies_and_never_raises(stored):
    assert auth.verify_password(PASSWORD, stored) is False


def test_a_password_that_is_not_a_string_never_verifies():
    assert auth.verify_password(None, STORED) is False
    assert auth.verify_password(b"bytes", STORED) is False


# ------------------------------------------------------------------ where credentials live
def test_with_nothing_configured_there_are_no_administrators():
    assert auth.load_admins({}, {}) == {}
    assert not auth.check_login("admin", "admin", auth.load_admins({}, {}))
    assert not auth.check_login("", "", auth.load_admins({}, {}))


def test_administrators_come_from_secrets_and_the_environment():
    other = auth.hash_password("ett annat långt lösenord")
    admins = auth.load_admins(
        {"admins": {"anna": STORED}}, {auth.ENV_VAR: f"bertil={other}; cecilia={STORED}"}
    )
    assert admins == {"anna": STORED, "bertil": other, "cecilia": STORED}


def test_the_environment_wins_over_secrets():
    other = auth.hash_password("ett annat långt lösenord")
    admins = auth.load_admins({"admins": {"anna": STORED}}, {auth.ENV_VAR: f"anna={other}"})
    assert admins == {"anna": other}
    assert not auth.check_login("anna", PASSWORD, admins)
    assert auth.check_login("anna", "ett annat långt lösenord", admins)


def test_malformed_entries_are_ignored():
    admins = auth.load_admins(
        {"admins": {"anna": "hemligt", "Bertil": STORED, "c d": STORED, "e": 5}, "x": "y"},
        {auth.ENV_VAR: f"utan-likhetstecken;;david=;=${STORED};erik={STORED}"},
    )
    assert admins == {"bertil": STORED, "erik": STORED}
    assert auth.load_admins({"admins": "inte en tabell"}, {}) == {}


def secrets_part(printed: str) -> str:
    """The secrets.toml part of what the command prints (before the environment form)."""
    return printed.split("\n\n")[0]


def test_the_printed_secrets_line_is_valid_toml():
    parsed = tomllib.loads(secrets_part(auth.admin_lines("anna", STORED)))
    assert auth.load_admins(parsed, {}) == {"anna": STORED}


# ------------------------------------------------------------------ checking a login
def test_the_right_password_logs_in_and_user_names_ignore_case_and_spaces():
    admins = {"anna": STORED}
    assert auth.check_login("anna", PASSWORD, admins)
    assert auth.check_login("  Anna ", PASSWORD, admins)
    assert not auth.check_login("anna", "fel lösenord", admins)
    assert not auth.check_login("bertil", PASSWORD, admins)
    assert not auth.check_login(None, PASSWORD, admins)


def fail(limiter, user="anna", client="a", password="fel", admins=None):
    return auth.attempt(user, password, admins or {"anna": STORED}, client, limiter)


def test_wrong_passwords_from_one_client_wait_longer_and_longer():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    waits = []
    for number in range(10):  # a new user name and a new password every time: only the client
        result = fail(limiter, user=f"user{number}", password=f"fel{number}")
        assert not result.ok
        waits.append(result.wait)
        clock.now += result.wait
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4:] == [1, 2, 4, 8, 16, 32]  # a growing delay, not a lock
    assert auth.wait_seconds("anna", "another client", limiter) == 0  # others unaffected


def test_a_try_while_waiting_is_refused_even_with_the_right_password_and_does_not_count():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    for _ in range(5):
        clock.now += fail(limiter).wait
    assert fail(limiter).wait == 2  # the sixth failure
    assert fail(limiter).wait == 2  # refused, unchecked
    assert not auth.check_login("anna", PASSWORD, {"anna": STORED}, limiter, client="a")
    assert auth.wait_seconds("anna", "a", limiter) == 2  # refused tries do not grow the wait
    clock.now += 2
    assert auth.check_login("anna", PASSWORD, {"anna": STORED}, limiter, client="a")
    assert auth.wait_seconds("anna", "a", limiter) == 0  # a right password clears the waits


def test_one_user_name_guessed_from_many_clients_waits_but_at_most_half_a_minute():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    waits = []
    for number in range(12):
        result = fail(limiter, client=f"c{number}", password=f"fel{number}")
        assert not result.ok
        waits.append(auth.wait_seconds("anna", "a new client", limiter))
        clock.now += waits[-1]
    assert waits[3] == 0 and waits[4:9] == [1, 2, 4, 8, 16]
    assert max(waits) == 30  # capped: an attacker cannot lock the administrator out
    assert auth.wait_seconds("bertil", "a new client", limiter) == 0


def test_a_client_that_logged_in_before_is_not_kept_out_by_guesses_from_elsewhere():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    assert auth.check_login("anna", PASSWORD, {"anna": STORED}, limiter, client="anna-laptop")
    for number in range(10):
        fail(limiter, client=f"attacker{number}", password=f"fel{number}")
    assert auth.wait_seconds("anna", "a new client", limiter) > 0
    assert auth.wait_seconds("anna", "anna-laptop", limiter) == 0
    assert auth.check_login("anna", PASSWORD, {"anna": STORED}, limiter, client="anna-laptop")


def test_one_password_tried_over_many_user_names_from_many_clients_waits_too():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    waits = []
    for number in range(8):
        result = fail(limiter, user=f"user{number}", client=f"c{number}", password="Sommar2026!")
        assert not result.ok
        probe = auth.attempt("probe", "Sommar2026!", {}, "fresh client", limiter)
        waits.append(probe.wait if not probe.ok and probe.wait else 0)
        clock.now += 60
    # the probe itself counts as a failure for the password; from the fifth on it must wait
    assert waits[:2] == [0, 0] and all(w > 0 for w in waits[3:])
    other = auth.attempt("probe2", "ett annat lösenord", {}, "fresh client 2", limiter)
    assert not other.ok and other.wait == 0  # another password is not slowed


def test_failures_spread_wider_than_the_window_do_not_add_up():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    for _ in range(10):
        assert fail(limiter).wait == 0
        clock.now += 901
    assert auth.wait_seconds("anna", "a", limiter) == 0


def test_a_successful_login_clears_earlier_failures():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    admins = {"anna": STORED}
    for _ in range(4):
        auth.check_login("anna", "fel", admins, limiter, client="a")
    assert auth.check_login("anna", PASSWORD, admins, limiter, client="a")
    assert fail(limiter, password="fel igen").wait == 0


# ------------------------------------------------------------------ the command
def run_cli(argv, stdin_text="", tty=False):
    stdin = io.StringIO(stdin_text)
    stdin.isatty = lambda: tty
    out, err = io.StringIO(), io.StringIO()
    code = auth.create_admin_cli(argv, stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_a_verifiable_hash_for_a_password_on_stdin():
    code, out, err = run_cli(["Anna"], "ett långt lösenord\n")
    assert code == 0, err
    assert "ett långt lösenord" not in out
    toml_line = re.search(r'^anna = "(scrypt\$[^"]+)"$', out, re.M)
    env_line = re.search(rf"^export {auth.ENV_VAR}='(anna=scrypt\$[^']+)'$", out, re.M)
    assert toml_line and env_line
    assert auth.verify_password("ett långt lösenord", toml_line.group(1))
    admins = auth.load_admins(tomllib.loads(secrets_part(out)), {auth.ENV_VAR: env_line.group(1)})
    assert auth.check_login("anna", "ett långt lösenord", admins)


def test_the_command_refuses_a_short_password():
    code, out, err = run_cli(["anna"], "kort\n")
    assert code == 2 and out == ""
    assert "minst 12 tecken" in err


def test_the_command_refuses_a_bad_user_name():
    code, out, err = run_cli(["anna berg"], "ett långt lösenord\n")
    assert code == 2 and out == ""
    assert "Ogiltigt användarnamn" in err


def test_at_a_terminal_the_command_asks_twice_and_refuses_a_mismatch(monkeypatch):
    answers = iter(["ett långt lösenord", "ett annat lösenord"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt: next(answers))
    code, out, err = run_cli(["anna"], tty=True)
    assert code == 2 and out == "" and "inte lika" in err

    answers = iter(["ett långt lösenord", "ett långt lösenord"])
    code, out, err = run_cli(["anna"], tty=True)
    assert code == 0
    admins = auth.load_admins(tomllib.loads(secrets_part(out)), {})
    assert auth.check_login("anna", "ett långt lösenord", admins)


def test_no_password_hash_is_kept_in_the_repository():
    pattern = re.compile(r"scrypt\$n=\d+,r=\d+,p=\d+\$[A-Za-z0-9+/]{8,}")
    skip = {".git", ".venv", ".hypothesis", ".pytest_cache", ".ruff_cache", "test-artifacts"}
    found = []
    for path in paths.REPO.rglob("*"):
        if skip & set(path.relative_to(paths.REPO).parts) or not path.is_file():
            continue
        if path.name == "secrets.toml" or path.suffix not in {
            ".py",
            ".toml",
            ".md",
            ".txt",
            ".cfg",
            ".ini",
            ".yml",
            ".yaml",
            ".env",
            ".sh",
        }:
            continue
        if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
            found.append(str(path.relative_to(paths.REPO)))
    assert found == []


# ------------------------------------------------------------------ the session
def test_a_login_lasts_eight_hours():
    state: dict = {}
    admins = {"anna": STORED}
    assert auth.current_admin(state, now=0, admins=admins) is None
    auth.log_in(" Anna", state, now=1000)
    assert auth.current_admin(state, now=1000, admins=admins) == "anna"
    assert auth.current_admin(state, now=1000 + 8 * 3600, admins=admins) == "anna"
    assert auth.current_admin(state, now=1001 + 8 * 3600, admins=admins) is None
    assert auth.SESSION_KEY not in state


def test_logging_out_ends_the_login_and_forgets_administrators_data():
    state = {"admin_last_import": "rapport", "omgang": "2025-host"}
    auth.log_in("anna", state, now=0)
    auth.log_out(state)
    assert state == {"omgang": "2025-host"}
    assert auth.current_admin(state, now=1, admins={"anna": STORED}) is None


def test_a_login_ends_when_the_administrator_is_removed_from_the_configuration():
    state: dict = {}
    auth.log_in("anna", state, now=0)
    assert auth.current_admin(state, now=1, admins={"bertil": STORED}) is None
    assert auth.current_admin(state, now=1, admins={"anna": STORED}) is None  # stays out


def test_a_tampered_session_value_is_not_a_login():
    for value in ("anna", {"username": "anna"}, {"username": 1, "since": 0}, {"since": 0}):
        state = {auth.SESSION_KEY: value}
        assert auth.current_admin(state, now=1, admins={"anna": STORED}) is None


# ------------------------------------------------------------------ the page
def login_page(secrets: dict, monkeypatch) -> AppTest:
    monkeypatch.delenv(auth.ENV_VAR, raising=False)
    at = AppTest.from_file(str(paths.REPO / "pages" / "logga_in.py"), default_timeout=30)
    # A non-empty at.secrets replaces Streamlit's secrets (and any secrets.toml on this machine).
    at.secrets.update({"ovrigt": "x", **secrets})
    return at.run()


def texts(at: AppTest) -> str:
    elements = [*at.markdown, *at.success, *at.error, *at.info, *at.caption, *at.warning]
    return "\n".join(str(e.value) for e in elements)


def submit(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_the_page_says_how_to_create_an_administrator_when_none_exists(monkeypatch):
    at = login_page({}, monkeypatch)
    assert not at.exception
    assert "Ingen administratör är konfigurerad" in at.info[0].value
    assert "python -m kraftsamling admin NAMN" in texts(at)
    assert "secrets.toml" in texts(at) and auth.ENV_VAR in texts(at)
    assert len(at.text_input) == 0  # no form: nobody can log in


def test_the_page_logs_in_with_the_right_password_and_out_again(monkeypatch):
    at = login_page({"admins": {"anna": STORED}}, monkeypatch)
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Användarnamn", "Lösenord"]
    assert at.text_input[1].proto.type == at.text_input[1].proto.PASSWORD
    submit(at, "anna", PASSWORD)
    assert not at.exception
    assert "Inloggad som **anna**" in at.success[0].value
    assert at.session_state[auth.SESSION_KEY]["username"] == "anna"
    assert PASSWORD not in texts(at)
    at.button[0].click().run()  # Logga ut
    assert not at.exception
    assert auth.SESSION_KEY not in at.session_state
    assert [t.label for t in at.text_input] == ["Användarnamn", "Lösenord"]


def test_the_page_refuses_a_wrong_password_without_echoing_it(monkeypatch):
    at = login_page({"admins": {"anna": STORED}}, monkeypatch)
    submit(at, "anna", "mitt felaktiga lösenord")
    assert not at.exception
    assert at.error[0].value == auth.MESSAGE_WRONG
    assert auth.SESSION_KEY not in at.session_state
    assert "mitt felaktiga lösenord" not in texts(at)
    submit(at, "bertil", PASSWORD)
    assert at.error[0].value == auth.MESSAGE_WRONG


def test_the_page_says_how_long_to_wait_after_too_many_attempts(monkeypatch):
    at = login_page({"admins": {"anna": STORED}}, monkeypatch)
    for number in range(5):
        submit(at, "anna", f"fel lösenord {number}")
    assert at.error[0].value == auth.MESSAGE_LOCKED.format(seconds=1)
    submit(at, "anna", PASSWORD)  # within the second: refused unchecked
    assert at.error[0].value.startswith("För många försök – vänta")
    assert auth.SESSION_KEY not in at.session_state


# ------------------------------------------------------------------ the login cookie
def asgi_post(route_path: str, body: bytes = b"", cookie: str = "") -> tuple[int, list[str]]:
    """POST to one of sessions.routes() as the server would, without a network: the status and
    the Set-Cookie headers."""
    import asyncio

    from starlette.routing import Router

    router = Router(routes=sessions.routes())
    headers = [(b"content-type", b"text/plain")]
    if cookie:
        headers.append((b"cookie", cookie.encode("latin-1")))
    scope = {
        "type": "http",
        "method": "POST",
        "path": route_path,
        "headers": headers,
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 5000),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(router(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    cookies = [v.decode("latin-1") for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], cookies


@pytest.fixture()
def fresh_store(monkeypatch):
    monkeypatch.setattr(sessions, "STORE", sessions.LoginStore(auth.SESSION_SECONDS))
    return sessions.STORE


def test_a_login_ticket_is_traded_once_for_a_signed_httponly_cookie(fresh_store):
    state: dict = {}
    auth.start_login("Anna", state)
    script = auth.cookie_script(state)
    ticket = re.search(r'body: "([A-Za-z0-9_-]+)"', script).group(1)
    assert sessions.LOGIN_ROUTE in script and auth.COOKIE_ACTION_KEY not in state
    status, cookies = asgi_post(sessions.LOGIN_ROUTE, ticket.encode())
    assert status == 204 and len(cookies) == 1
    cookie = cookies[0]
    assert cookie.startswith(f"{sessions.COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert auth.SESSION_SECONDS - 60 <= max_age <= auth.SESSION_SECONDS  # the login's length
    assert ticket not in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert fresh_store.from_cookie(value).username == "anna"
    assert asgi_post(sessions.LOGIN_ROUTE, ticket.encode()) == (403, [])  # once only
    assert asgi_post(sessions.LOGIN_ROUTE, b"made-up-ticket") == (403, [])


def test_a_new_session_with_the_cookie_is_logged_in_since_the_original_login(fresh_store):
    login = fresh_store.open("anna", since=time.time() - 3600)
    cookies = {sessions.COOKIE_NAME: fresh_store.cookie_value(login)}
    state: dict = {}  # a reload, a new tab, a pasted URL: a new Streamlit session
    assert auth.current_admin(state, admins={"anna": STORED}, cookies=cookies) == "anna"
    assert auth.logged_in_since(state) == login.since
    later = login.since + auth.SESSION_SECONDS + 1
    assert auth.current_admin({}, now=later, admins={"anna": STORED}, cookies=cookies) is None


def test_a_forged_or_foreign_cookie_is_not_a_login(fresh_store):
    login = fresh_store.open("anna")
    value = fresh_store.cookie_value(login)
    other = sessions.LoginStore(auth.SESSION_SECONDS)  # another process (a restart): other key
    forged = [
        value[:-1] + ("0" if value[-1] != "0" else "1"),
        login.login_id,
        "",
        "a.b.c",
        other.cookie_value(other.open("anna")),
        f"{login.login_id}.å",
        "å.0",
    ]
    for cookie in forged:
        state: dict = {}
        cookies = {sessions.COOKIE_NAME: cookie}
        assert auth.current_admin(state, admins={"anna": STORED}, cookies=cookies) is None


def test_logging_out_ends_the_login_on_the_server_for_every_tab_and_clears_the_cookie(
    fresh_store,
):
    tab, other_tab = {}, {}
    auth.start_login("anna", tab)
    auth.cookie_script(tab)
    login_id = tab[auth.SESSION_KEY]["login_id"]
    value = fresh_store.cookie_value(fresh_store.get(login_id))
    cookies = {sessions.COOKIE_NAME: value}
    assert auth.current_admin(other_tab, admins={"anna": STORED}, cookies=cookies) == "anna"
    auth.log_out(tab)
    assert sessions.LOGOUT_ROUTE in auth.cookie_script(tab)
    assert auth.current_admin(other_tab, admins={"anna": STORED}, cookies=cookies) is None
    assert auth.current_admin({}, admins={"anna": STORED}, cookies=cookies) is None  # reload
    status, cleared = asgi_post(sessions.LOGOUT_ROUTE, cookie=f"{sessions.COOKIE_NAME}={value}")
    assert status == 204 and "Max-Age=0" in cleared[0] and "HttpOnly" in cleared[0]


def test_the_logout_route_alone_ends_the_login_it_names(fresh_store):
    login = fresh_store.open("anna")
    asgi_post(
        sessions.LOGOUT_ROUTE, cookie=f"{sessions.COOKIE_NAME}={fresh_store.cookie_value(login)}"
    )
    assert fresh_store.get(login.login_id) is None


def test_the_login_page_hands_the_browser_a_ticket_not_a_cookie_value(monkeypatch, fresh_store):
    at = login_page({"admins": {"anna": STORED}}, monkeypatch)
    submit(at, "anna", PASSWORD)
    scripts = [e.proto.body for e in at.get("html")]
    assert len(scripts) == 1 and sessions.LOGIN_ROUTE in scripts[0]
    ticket = re.search(r'body: "([A-Za-z0-9_-]+)"', scripts[0]).group(1)
    assert fresh_store.redeem(ticket).username == "anna"
    at.run()
    assert not at.get("html")  # once
    at.button[0].click().run()  # Logga ut
    assert sessions.LOGOUT_ROUTE in at.get("html")[0].proto.body
