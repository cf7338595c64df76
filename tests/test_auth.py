"""Administrators' login: hashes, where credentials come from, the rate limit, the command that
creates an administrator, the session, and the login page."""

from __future__ import annotations

import io
import re
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from kraftsamling import auth, paths

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


def test_five_failures_lock_the_user_name_for_a_minute_even_with_the_right_password():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    admins = {"anna": STORED}
    for _ in range(4):
        assert not auth.check_login("anna", "fel", admins, limiter)
        clock.now += 10
    assert not auth.is_locked("anna", limiter)
    assert not auth.check_login("anna", "fel", admins, limiter)
    assert auth.is_locked("anna", limiter)
    assert not auth.check_login("anna", PASSWORD, admins, limiter)
    assert not auth.is_locked("bertil", limiter)  # other user names are not affected
    clock.now += 59
    assert not auth.check_login("anna", PASSWORD, admins, limiter)
    clock.now += 2
    assert not auth.is_locked("anna", limiter)
    assert auth.check_login("anna", PASSWORD, admins, limiter)


def test_failures_spread_over_more_than_five_minutes_do_not_lock():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    for _ in range(10):
        assert not auth.check_login("anna", "fel", {"anna": STORED}, limiter)
        clock.now += 61
    assert not auth.is_locked("anna", limiter)


def test_a_successful_login_clears_earlier_failures():
    clock = FakeClock()
    limiter = auth.RateLimiter(clock=clock)
    admins = {"anna": STORED}
    for _ in range(4):
        auth.check_login("anna", "fel", admins, limiter)
    assert auth.check_login("anna", PASSWORD, admins, limiter)
    auth.check_login("anna", "fel", admins, limiter)
    assert not auth.is_locked("anna", limiter)


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
            ".py", ".toml", ".md", ".txt", ".cfg", ".ini", ".yml", ".yaml", ".env", ".sh",
        }:  # fmt: skip
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


def test_the_page_says_to_wait_after_too_many_attempts(monkeypatch):
    at = login_page({"admins": {"anna": STORED}}, monkeypatch)
    for _ in range(5):
        submit(at, "anna", "fel lösenord")
    assert at.error[0].value == auth.MESSAGE_LOCKED
    submit(at, "anna", PASSWORD)
    assert at.error[0].value == auth.MESSAGE_LOCKED
    assert auth.SESSION_KEY not in at.session_state
