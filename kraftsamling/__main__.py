"""Command line: `python -m kraftsamling COMMAND` (run with --help for the list)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kraftsamling import paths

DEFAULT_SEED = 2025


def _derive(args: argparse.Namespace) -> None:
    from kraftsamling import derive

    for name, path in derive.derive().items():
        print(f"{path.relative_to(paths.REPO)}  {path.stat().st_size:>9,} byte  ({name})")


def _build(args: argparse.Namespace) -> None:
    from kraftsamling import db

    started = time.perf_counter()
    counts = db.build(with_example=not args.no_example)
    for table, rows in counts.items():
        print(f"{table:<34}{rows:>9,} rader")
    print(f"Byggde {paths.database_path()} på {time.perf_counter() - started:.2f} s")


def _example(args: argparse.Namespace) -> None:
    from kraftsamling import db, example

    counts = example.write(args.seed)
    for table, rows in counts.items():
        print(f"{table:<34}{rows:>9,} rader (exempeldata, seed {args.seed})")
    db.build()
    print(f"Exempelomgången är inläst i {paths.database_path()}")


def _template(args: argparse.Namespace) -> None:
    from kraftsamling import template

    path = template.write_template(Path(args.file))
    print(f"Skrev enkätmallen till {path}")


def _import(args: argparse.Namespace) -> int:
    from kraftsamling.intake import store

    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"Filen {name} finns inte.", file=sys.stderr)
            return 2
        files.append((path.name, path.read_bytes()))
    try:
        report = store.import_files(
            files, args.wave, imported_by=args.by, include_hidden=args.include_hidden
        )
    except store.ImportError_ as error:
        print(error, file=sys.stderr)
        return 2
    for file_report in report.files:
        print(file_report.summary())
        for note in file_report.notes:
            print(f"  Obs: {note}")
        for problem in file_report.problems[: args.show]:
            for line in problem.splitlines():
                print(f"  {line}")
        if len(file_report.problems) > args.show:
            print(f"  … och {len(file_report.problems) - args.show} rader till i karantän.")
    rate = report.rows_accepted / report.seconds if report.seconds else 0
    print(
        f"Omgång {report.wave_id}: {report.rows_accepted} rader importerade, "
        f"{report.rows_rejected} i karantän, på {report.seconds:.2f} s ({rate:,.0f} rader/s)."
    )
    code = store.exit_code(report)
    if code == 2:
        print("Inget importerades, eller en fil kunde inte läsas.", file=sys.stderr)
    return code


def _unresolved(args: argparse.Namespace) -> int:
    from kraftsamling import db
    from kraftsamling.intake import resolve

    with db.connect_readonly(db.ensure_database()) as con:
        items = resolve.unresolved(con, args.wave)
    if not items:
        print(f"Inga olösta yrken eller kommuner i karantänen för {args.wave}.")
        return 0
    for item in items:
        suggestions = ", ".join(item.suggestions) or "inga förslag"
        print(f"{item.kind:<7}{item.rows:>5} rader  {item.value!r}  (förslag: {suggestions})")
    print(
        f'Svara med: python -m kraftsamling resolve --wave {args.wave} "VÄRDE" KOD'
    )
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from kraftsamling.intake import resolve

    try:
        report = resolve.resolve(
            args.wave, args.value, args.code, kind=args.kind, answered_by=args.by
        )
    except resolve.ResolveError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.summary())
    for note in report.notes:
        print(f"  Obs: {note}")
    return 0


def _answers(args: argparse.Namespace) -> int:
    from kraftsamling import db
    from kraftsamling.intake import resolve

    if args.remove:
        kind, value = args.remove
        removed = resolve.remove_answer(kind, value)
        print(f"Tog bort {removed} svar ({kind} {value!r}); redan importerade rader står kvar.")
        return 0 if removed else 1
    with db.connect_readonly(db.ensure_database()) as con:
        if args.csv:
            Path(args.csv).write_bytes(resolve.answers_csv(con))
            print(f"Skrev svaren till {args.csv}")
            return 0
        frame = resolve.answers(con)
    if frame.empty:
        print("Inga sparade svar.")
    for row in frame.itertuples():
        print(
            f"{row.kind:<7}{row.value!r:<40} → {row.code} {row.code_name or ''}  "
            f"({row.answered_by}, {row.answered_at:%Y-%m-%d %H:%M})"
        )
    return 0


def _waves(args: argparse.Namespace) -> None:
    from kraftsamling import db, queries

    with db.connect_readonly(db.ensure_database()) as con:
        waves = queries.run(con, "waves")
    if waves.empty:
        print("Inga omgångar.")
    for wave in waves.itertuples():
        example = " (exempeldata)" if wave.is_example else ""
        published = "publicerad" if wave.published else "ej publicerad"
        rate = (
            f", svarsfrekvens {wave.response_rate:.0%} av {wave.invited} inbjudna"
            if wave.invited else ""
        )  # fmt: skip
        print(
            f"{wave.wave_id:<22}{wave.label:<30}{wave.respondents:>6} svarande"
            f"{wave.need_rows:>7} behovsrader{wave.municipalities:>4} kommuner, "
            f"{published}{rate}{example}"
        )


def _publish(args: argparse.Namespace) -> int:
    from kraftsamling.intake import waves

    try:
        waves.publish(args.wave, by=args.by, undo=args.undo)
    except waves.WaveError as error:
        print(error, file=sys.stderr)
        return 2
    done = "drogs tillbaka" if args.undo else "är publicerad"
    print(f"Omgången {args.wave} {done}.")
    return 0


def _invite(args: argparse.Namespace) -> int:
    from kraftsamling.intake import waves

    path = Path(args.file)
    if not path.is_file():
        print(f"Filen {args.file} finns inte.", file=sys.stderr)
        return 2
    try:
        report = waves.import_invited(args.wave, path.name, path.read_bytes())
    except waves.WaveError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.summary())
    for problem in report.problems:
        print(f"  {problem}")
    return 1 if report.problems else 0


def _delete_wave(args: argparse.Namespace) -> int:
    from kraftsamling.intake import store

    try:
        counts = store.delete_wave(args.wave)
    except store.ImportError_ as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Raderade omgången {args.wave}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print("Originalfilerna finns kvar i import_file (status 'omgång raderad').")
    return 0


def _compare(args: argparse.Namespace) -> None:
    from kraftsamling import db, queries

    with db.connect_readonly(db.ensure_database()) as con:
        rows = queries.run(
            con, "wave_comparison_by_occupation", wave_a=args.a, wave_b=args.b,
            horizons=["0-1", "1-3", "3-5"], same_organisations=args.same_organisations,
        )  # fmt: skip
        places = queries.run(
            con, "wave_comparison_by_municipality", wave_a=args.a, wave_b=args.b,
            horizons=["0-1", "1-3", "3-5"],
        )  # fmt: skip
    both = int((places["took_part"] == "båda").sum())
    print(
        f"Jämförelsen gäller de {both} kommuner som svarade i båda omgångarna"
        + (" och bara organisationer som svarade i båda" if args.same_organisations else "")
        + "; en kommun som inte svarade är 'deltog inte', aldrig en minskning."
    )
    print(f"{'SSYK':<6}{'Yrke':<58}{args.a:>14}{args.b:>14}{'förändring':>12}")
    for row in rows.head(args.top).itertuples():
        print(
            f"{row.ssyk4:<6}{row.occupation_name[:56]:<58}{row.recruits_a:>14}"
            f"{row.recruits_b:>14}{row.change:>+12}"
        )


def _quarantine(args: argparse.Namespace) -> None:
    from kraftsamling import db
    from kraftsamling.intake import quarantine

    with db.connect_readonly(db.ensure_database()) as con:
        data = quarantine.wave_workbook(con, args.wave)
    Path(args.out).write_bytes(data)
    print(f"Skrev raderna i karantän för {args.wave} till {args.out}")


def _admin(args: argparse.Namespace) -> int:
    from kraftsamling import auth

    return auth.create_admin_cli([args.name])


def _bench(args: argparse.Namespace) -> None:
    if args.scale == "national":
        from kraftsamling import bench_national

        bench_national.main(
            repeat=args.repeat,
            sessions=args.sessions,
            quick=args.quick,
            browser=not args.no_browser,
            workdir=args.keep,
        )
        return
    from kraftsamling import bench

    bench.main(repeat=args.repeat)
    if args.browser:
        from kraftsamling import bench_browser

        bench_browser.main(runs=max(3, args.repeat // 2))


def _export_parquet(args: argparse.Namespace) -> int:
    from kraftsamling import db, replica

    path = db.ensure_database()
    with db.connect_readonly(path) as con:
        counts = replica.export_parquet(con, Path(args.folder))
    for table, rows in counts.items():
        print(f"{table:<34}{rows:>9,} rader")
    print(f"Skrev {len(counts)} tabeller som Parquet till {args.folder} (från {path})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kraftsamling", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser(
        "derive", help="skriv geo/ och data/reference/ från ../shared/data"
    ).set_defaults(run=_derive)

    build = commands.add_parser("build", help="bygg data/kraftsamling.duckdb från repots filer")
    build.add_argument("--no-example", action="store_true", help="utan exempelomgången")
    build.set_defaults(run=_build)

    example = commands.add_parser(
        "example", help="generera exempelomgången (data/example/) och läs in den"
    )
    example.add_argument("--seed", type=int, default=DEFAULT_SEED)
    example.set_defaults(run=_example)

    template = commands.add_parser("template", help="skriv enkätmallen (.xlsx)")
    template.add_argument("file", help="t.ex. kartlaggning.xlsx")
    template.set_defaults(run=_template)

    importer = commands.add_parser("import", help="importera enkätsvar (mall, CSV, XLSX)")
    importer.add_argument("files", nargs="+")
    importer.add_argument("--wave", required=True, help="omgång, t.ex. 2025-host")
    importer.add_argument("--by", default=None, help="vem som importerar (standard: användaren)")
    importer.add_argument("--show", type=int, default=20, help="antal fel att visa per fil")
    importer.add_argument(
        "--include-hidden", action="store_true",
        help="läs också dolda blad och dolda rader (annars noteras de och hoppas över)",
    )  # fmt: skip
    importer.set_defaults(run=_import)

    unresolved = commands.add_parser(
        "unresolved", help="olösta yrken och kommuner i karantänen, per värde med antal rader"
    )
    unresolved.add_argument("--wave", required=True)
    unresolved.set_defaults(run=_unresolved)

    resolve = commands.add_parser(
        "resolve",
        help="spara ett svar (värde → SSYK-kod eller kommunkod) och importera raderna det frigör",
    )
    resolve.add_argument("--wave", required=True)
    resolve.add_argument("value", help="värdet som det skrevs, t.ex. 'Kökspersonal storkök'")
    resolve.add_argument("code", help="SSYK-4-koden eller kommunkoden")
    resolve.add_argument(
        "--kind", choices=["yrke", "kommun"], default=None,
        help="yrke eller kommun (standard: det värdet är olöst som)",
    )  # fmt: skip
    resolve.add_argument("--by", default=None, help="vem som svarar (standard: användaren)")
    resolve.set_defaults(run=_resolve)

    answers = commands.add_parser("answers", help="lista, exportera eller ta bort sparade svar")
    answers.add_argument("--csv", default=None, help="skriv svaren som CSV till filen")
    answers.add_argument(
        "--remove", nargs=2, metavar=("KIND", "VALUE"), default=None,
        help="ta bort svaret för värdet (yrke eller kommun)",
    )  # fmt: skip
    answers.set_defaults(run=_answers)

    waves = commands.add_parser("waves", help="lista omgångarna")
    waves.set_defaults(run=_waves)

    publish = commands.add_parser(
        "publish", help="publicera en omgång (standardomgången är den senaste publicerade)"
    )
    publish.add_argument("wave")
    publish.add_argument("--by", default=None, help="vem som publicerar (standard: användaren)")
    publish.add_argument("--undo", action="store_true", help="dra tillbaka publiceringen")
    publish.set_defaults(run=_publish)

    invite = commands.add_parser(
        "invite", help="läs in de inbjudna organisationerna per kommun (CSV/XLSX) för en omgång"
    )
    invite.add_argument("file", help="kolumner Kommun, Organisation och gärna Organisationsnummer")
    invite.add_argument("--wave", required=True)
    invite.set_defaults(run=_invite)

    delete = commands.add_parser("delete-wave", help="radera en omgångs svar")
    delete.add_argument("wave")
    delete.set_defaults(run=_delete_wave)

    compare = commands.add_parser("compare-waves", help="jämför två omgångar per yrke")
    compare.add_argument("a", help="den tidigare omgången")
    compare.add_argument("b", help="den senare omgången")
    compare.add_argument("--top", type=int, default=25)
    compare.add_argument(
        "--same-organisations", action="store_true",
        help="bara organisationer som svarade i båda omgångarna",
    )  # fmt: skip
    compare.set_defaults(run=_compare)

    quarantine = commands.add_parser("quarantine", help="rader i karantän som .xlsx")
    quarantine.add_argument("--wave", required=True)
    quarantine.add_argument("--out", required=True)
    quarantine.set_defaults(run=_quarantine)

    bench = commands.add_parser("bench", help="mät bygg-, fråge- och sidtider")
    bench.add_argument("--repeat", type=int, default=7, help="antal mätningar per mått")
    bench.add_argument(
        "--scale",
        choices=["bundled", "national"],
        default="bundled",
        help="bundled: repots databas; national: 290 kommuner × 10 omgångar, "
        "cirka 1 000 000 behovsrader (docs/benchmark.md)",
    )
    bench.add_argument(
        "--sessions", type=int, default=20, help="national: samtidiga sessioner i minnesmätningen"
    )
    bench.add_argument(
        "--quick", action="store_true", help="national: en tiondel av raderna och färre mätningar"
    )
    bench.add_argument(
        "--no-browser", action="store_true", help="national: utan kallstart i Chromium"
    )
    bench.add_argument(
        "--browser",
        action="store_true",
        help="bundled: jämför kallstart, ny besökare och kartbyte i Chromium med en minimal "
        "referensapp (kvoter, kraftsamling/bench_browser.py)",
    )
    bench.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="national: spara databasen och CSV-filerna i mappen",
    )
    bench.set_defaults(run=_bench)

    parquet = commands.add_parser(
        "export-parquet",
        help="skriv databasens tabeller som Parquet, en mapp per omgång (docs/scaling.md)",
    )
    parquet.add_argument("folder", help="målmappen, t.ex. /srv/kraftsamling/parquet")
    parquet.set_defaults(run=_export_parquet)

    admin = commands.add_parser(
        "admin", help="skapa en administratör: skriver ut raden för secrets.toml eller miljön"
    )
    admin.add_argument("name", help="användarnamn (a–z, 0–9, _ och -)")
    admin.set_defaults(run=_admin)

    args = parser.parse_args(argv)
    return args.run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
