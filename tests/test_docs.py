"""Docs as tests (as Datasette does): what a user can type or query is in the README.

Every URL key the pages keep, every command-line verb and option, and every table and column of
the database (the public schema) must appear in README.md, written as code (`key`), so that a
key, an option or a column added without a word in the README fails here.
"""

from __future__ import annotations

import argparse
import ast
import re

import pytest

from kraftsamling import db, paths

README = (paths.REPO / "README.md").read_text(encoding="utf-8")
# ...and ui.ThresholdInput, which names a number that ui.threshold_inputs keeps with url_number
URL_HELPERS = {"url_selectbox", "url_multiselect", "url_checkbox", "url_number", "ThresholdInput"}
# Tables that hold nothing a reader of the README would query (the build's own bookkeeping is
# documented as `build_info` all the same, so nothing is exempt today).
NOT_PUBLIC: set[str] = set()


FENCED = re.compile(r"^```.*?^```", re.S | re.M)
CODE = [*FENCED.findall(README), *re.findall(r"`([^`\n]+)`", FENCED.sub("", README))]


def in_readme_as_code(word: str) -> bool:
    """`word` appears in the README as code (inline or a fenced block): `word`, `word=…`,
    `--word N`, `table.column`, …"""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return any(pattern.search(span) for span in CODE)


def url_keys() -> set[str]:
    """The keys the UI keeps in the URL: the second argument of the ui.url_* helpers, every
    literal key of st.query_params and of elements bound to them (`bind="query-params"`), in the
    entry file, the pages and the package."""
    keys = set()
    files = [
        paths.REPO / "dashboard.py",
        *(paths.REPO / "pages").glob("*.py"),
        *(paths.REPO / "kraftsamling").rglob("*.py"),
    ]
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                key = node.args[1] if name in URL_HELPERS and len(node.args) > 1 else None
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    keys.add(key.value)
                if (
                    name == "get"
                    and isinstance(node.func, ast.Attribute)
                    and ast.unparse(node.func.value).endswith("query_params")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    keys.add(node.args[0].value)
                # a widget or container bound to the URL: st.expander(..., key=..., bind=...)
                named = {k.arg: k.value for k in node.keywords}
                bind, bound = named.get("bind"), named.get("key")
                if (
                    isinstance(bind, ast.Constant)
                    and bind.value == "query-params"
                    and isinstance(bound, ast.Constant)
                    and isinstance(bound.value, str)
                ):
                    keys.add(bound.value)
            elif (
                isinstance(node, ast.Subscript)
                and ast.unparse(node.value).endswith("query_params")
                and isinstance(node.slice, ast.Constant)
            ):
                keys.add(node.slice.value)
    return keys


class _Parsed(Exception):
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser


def command_line() -> dict[str, list[str]]:
    """Every verb of `python -m kraftsamling` with its options, read from the parser itself."""
    from kraftsamling import __main__

    def capture(self, *args, **kwargs):
        raise _Parsed(self)

    original = argparse.ArgumentParser.parse_args
    argparse.ArgumentParser.parse_args = capture
    try:
        __main__.main([])
    except _Parsed as parsed:
        parser = parsed.parser
    finally:
        argparse.ArgumentParser.parse_args = original
    verbs = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                verbs[verb] = [
                    option
                    for a in sub._actions
                    for option in a.option_strings
                    if option.startswith("--") and option != "--help"
                ]
    return verbs


def test_every_url_key_is_in_the_readme():
    keys = url_keys()
    assert {"omgang", "horisont", "lan", "matt", "klass"} <= keys  # the scan finds them
    missing = sorted(k for k in keys if not in_readme_as_code(k))
    assert not missing, f"URL keys the README does not mention: {missing}"


def test_every_command_line_verb_and_option_is_in_the_readme():
    verbs = command_line()
    assert {"build", "import", "bench", "export-parquet"} <= set(verbs)
    missing = [
        f"{verb} {option}".strip()
        for verb, options in sorted(verbs.items())
        for option in ["", *options]
        if not in_readme_as_code(option or f"python -m kraftsamling {verb}")
        and not (option == "" and in_readme_as_code(verb))
    ]
    assert not missing, f"command-line verbs or options the README does not mention: {missing}"


@pytest.fixture(scope="module")
def public_schema(database) -> dict[str, list[str]]:
    with db.connect_readonly(database) as con:
        rows = con.execute(
            "SELECT table_name, list(column_name ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_catalog = current_database() "
            "AND table_schema = current_schema() GROUP BY table_name ORDER BY table_name"
        ).fetchall()
    return {table: columns for table, columns in rows if table not in NOT_PUBLIC}


def test_every_table_and_column_of_the_database_is_in_the_readme(public_schema):
    assert {"need", "respondent", "wave", "municipality"} <= set(public_schema)
    missing = [
        f"{table}.{column}" if column else table
        for table, columns in public_schema.items()
        for column in [None, *columns]
        if not in_readme_as_code(column or table)
    ]
    assert not missing, f"tables or columns the README does not mention: {missing}"


def test_a_word_only_counts_when_the_readme_writes_it_as_code():
    assert in_readme_as_code("omgang")
    assert not in_readme_as_code("Kraftsamling")  # in prose, never as code on its own
    assert not in_readme_as_code("omgan")  # a part of a word is not the word
