"""Command line: `python -m kraftsamling COMMAND` (run with --help for the list)."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from kraftsamling import paths

DEFAULT_SEED = 2025


def _derive(args: argparse.Namespace) -> None:
    from kraftsamling.devtools import derive

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
    from kraftsamling import db
    from kraftsamling.devtools import example

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
    except store.ImportRefused as error:
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
    print(f'Svara med: python -m kraftsamling resolve --wave {args.wave} "VÄRDE" KOD')
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
            if wave.invited
            else ""
        )
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
    except store.ImportRefused as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Raderade omgången {args.wave}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print("Originalfilerna finns kvar i import_file (status 'omgång raderad').")
    return 0


def _compare(args: argparse.Namespace) -> None:
    from kraftsamling import db, queries

    with db.connect_readonly(db.ensure_database()) as con:
        region = queries.run(
            con, "selection_municipalities", lan_koder=[], group_id=None, kommunkoder=[], year=0
        )
        kommunkoder = list(region["kommunkod"])  # the whole region
        rows = queries.run(
            con,
            "wave_comparison_by_occupation",
            kommunkoder=kommunkoder,
            wave_a=args.a,
            wave_b=args.b,
            horizons=["0-1", "1-3", "3-5"],
            same_organisations=args.same_organisations,
        )
        places = queries.run(
            con,
            "wave_comparison_by_municipality",
            kommunkoder=kommunkoder,
            wave_a=args.a,
            wave_b=args.b,
            horizons=["0-1", "1-3", "3-5"],
        )
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
        from kraftsamling.devtools import bench_national

        bench_national.main(
            repeat=args.repeat,
            sessions=args.sessions,
            quick=args.quick,
            browser=not args.no_browser,
            workdir=args.keep,
        )
        return
    from kraftsamling.devtools import bench

    bench.main(repeat=args.repeat)
    if args.browser:
        from kraftsamling.devtools import bench_browser

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


def _assess(args: argparse.Namespace) -> int:
    """The finder's table for one wave and selection (kraftsamling.verdicts), as CSV or JSON."""
    import functools

    from kraftsamling import assessment, db, queries, upskilling, verdicts

    with db.connect_readonly(db.ensure_database()) as con:
        run = functools.partial(queries.run, con)
        waves = run("waves")
        if args.wave not in set(waves["wave_id"]):
            print(f"Omgången {args.wave} finns inte.", file=sys.stderr)
            return 2
        wave = waves[waves["wave_id"] == args.wave].iloc[0]
        if args.providers and not wave["published"]:  # never shown to providers
            print(
                f"Omgången {args.wave} är inte publicerad; leverantörsvyn visar den inte "
                "(`python -m kraftsamling publish`).",
                file=sys.stderr,
            )
            return 2
        selection = verdicts.selection_from(
            args.wave,
            verdicts.parse_codes(args.lan),
            args.grupp,
            verdicts.parse_codes(args.kommuner),
            args.horisont,
            args.schema,
        )
        selection = verdicts.resolve(run, replace(selection, survey_year=int(wave["survey_year"])))
        if args.kind == upskilling.KIND:
            if args.providers:
                print("Leverantörsvyn visar inte kompetensutveckling ännu.", file=sys.stderr)
                return 2
            course = upskilling.UpskillingThresholds()
            course = course.raised(
                **{
                    k: v
                    for k, v in {
                        "course_size": args.kurs,
                        "min_employers": args.arbetsgivare,
                        "min_municipalities": args.minkommuner,
                    }.items()
                    if v is not None
                }
            )
            table = verdicts.upskilling_table(run, selection, args.niva, course)
        else:
            if args.providers and args.niva != "ssyk4":
                print(
                    "Leverantörsvyn bedömer bara yrken (se ansokningsunderlag.PROVIDER_LEVELS).",
                    file=sys.stderr,
                )
                return 2
            defaults = assessment.Thresholds()
            thresholds = assessment.Thresholds(
                class_size=args.klass if args.klass is not None else defaults.class_size,
                dropout_margin=(
                    args.marginal if args.marginal is not None else 100 * defaults.dropout_margin
                )
                / 100,
                min_employers=args.arbetsgivare
                if args.arbetsgivare is not None
                else defaults.min_employers,
                lia_per_student=args.lia if args.lia is not None else defaults.lia_per_student,
                min_municipalities=args.minkommuner
                if args.minkommuner is not None
                else defaults.min_municipalities,
            )
            table = verdicts.recruitment(run, selection, args.niva, thresholds, args.providers)
    if args.json:
        print(table.to_json(orient="records", force_ascii=False, indent=1))
    else:
        table.to_csv(sys.stdout, index=False)
    found = verdicts.counts(table)
    print(
        f"{found[assessment.MOTIVATED]} motiverade, {found[assessment.NEAR]} nära och "
        f"{found[assessment.NOT_MOTIVATED]} ej motiverade av {len(table)} kandidater i "
        f"{len(selection.kommunkoder)} kommuner ({args.horisont} år"
        f"{', leverantörsvyn' if args.providers else ''}).",
        file=sys.stderr,
    )


def _evidence(args: argparse.Namespace) -> int:
    """The evidence pack of one candidate (kraftsamling.evidence): .xlsx, .pptx and PDF, and
    with --letters the administrators' letters of intent, into --out."""
    from dataclasses import replace
    from datetime import date
    from functools import partial

    from kraftsamling import assessment, db, evidence, evidence_files, evidence_pdf, queries
    from kraftsamling import upskilling as course
    from kraftsamling.selection import Selection

    if args.providers and args.letters is not None:
        print("Avsiktsförklaringar finns bara i administratörernas version.", file=sys.stderr)
        return 2
    selection = Selection(
        wave_id=args.wave,
        horizon=args.horizon,
        lan_koder=tuple(args.lan or ()),
        group_id=args.group,
        chosen_kommunkoder=tuple(args.kommun or ()),
        org_kinds=tuple(args.org_kind or ()),
        sni_sections=tuple(args.sni or ()),
        scheme=args.scheme,
        post_secondary_only=args.post_secondary_only,
    )
    if args.kind == evidence.UPSKILLING:
        defaults = course.UpskillingThresholds()
        thresholds = course.UpskillingThresholds(
            course_size=args.course_size or defaults.course_size,
            unused_margin=defaults.unused_margin
            if args.unused_margin is None
            else args.unused_margin / 100,
            min_employers=args.min_employers or defaults.min_employers,
            min_municipalities=args.min_municipalities or defaults.min_municipalities,
        )
    else:
        defaults = assessment.Thresholds()
        thresholds = assessment.Thresholds(
            class_size=args.class_size or defaults.class_size,
            dropout_margin=defaults.dropout_margin if args.margin is None else args.margin / 100,
            min_employers=args.min_employers or defaults.min_employers,
            lia_per_student=defaults.lia_per_student
            if args.lia_per_student is None
            else args.lia_per_student,
            min_municipalities=args.min_municipalities or defaults.min_municipalities,
        )
    with db.connect_readonly(db.ensure_database()) as con:
        run = partial(queries.run, con)
        waves = run("waves")
        if args.wave not in set(waves["wave_id"]):
            print(f"Ingen omgång {args.wave}; se `python -m kraftsamling waves`.", file=sys.stderr)
            return 2
        if args.providers and not waves.loc[waves["wave_id"] == args.wave, "published"].iloc[0]:
            print(
                f"Omgången {args.wave} är inte publicerad; utbildningsanordnarnas version "
                "finns inte (`python -m kraftsamling publish`).",
                file=sys.stderr,
            )
            return 2
        year = int(waves.loc[waves["wave_id"] == args.wave, "survey_year"].iloc[0])
        selection = replace(selection, survey_year=year)
        codes = run("selection_municipalities", **selection.municipality_params())["kommunkod"]
        selection = replace(selection, kommunkoder=tuple(codes))
        try:
            pack = evidence.build(
                run,
                selection,
                args.candidate,
                thresholds,
                kind=args.kind,
                providers=args.providers,
                group_ssyk4=tuple(args.group_ssyk4 or ()),
                group_label=args.group_label,
                generated_on=args.date or date.today().isoformat(),
                picks=tuple(v.strip() for v in (args.orter or "").split(",") if v.strip()),
            )
        except evidence.PackRefused as refused:
            print(refused, file=sys.stderr)
            return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = "".join(ch if ch.isalnum() else "_" for ch in pack.label)[:40]
    picture = evidence_files.map_png(pack)
    files = {
        f"underlag_{name}.xlsx": evidence_files.pack_xlsx(pack),
        f"underlag_{name}.pptx": evidence_files.pack_pptx(pack, picture),
        f"underlag_{name}.pdf": evidence_pdf.pack_pdf(pack, picture),
    }
    if args.letters is not None:
        try:
            files[f"avsiktsforklaringar_{name}.pdf"] = evidence_pdf.letters_pdf(
                pack, args.letters or None
            )
        except evidence.PackRefused as refused:
            print(refused, file=sys.stderr)
            return 2
    for file_name, data in files.items():
        (out / file_name).write_bytes(data)
        print(f"{out / file_name}  {len(data):>9,} byte")
    version = "administratörer" if pack.admin else "utbildningsanordnare"
    print(f"{pack.label}: {pack.verdict} ({version})")
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
        "--include-hidden",
        action="store_true",
        help="läs också dolda blad och dolda rader (annars noteras de och hoppas över)",
    )
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
        "--kind",
        choices=["yrke", "kommun"],
        default=None,
        help="yrke eller kommun (standard: det värdet är olöst som)",
    )
    resolve.add_argument("--by", default=None, help="vem som svarar (standard: användaren)")
    resolve.set_defaults(run=_resolve)

    answers = commands.add_parser("answers", help="lista, exportera eller ta bort sparade svar")
    answers.add_argument("--csv", default=None, help="skriv svaren som CSV till filen")
    answers.add_argument(
        "--remove",
        nargs=2,
        metavar=("KIND", "VALUE"),
        default=None,
        help="ta bort svaret för värdet (yrke eller kommun)",
    )
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
        "--same-organisations",
        action="store_true",
        help="bara organisationer som svarade i båda omgångarna",
    )
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
        "--sessions",
        default="20,50",
        help="national: samtidiga sessioner i minnesmätningen, ett antal eller flera (20,50)",
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
        "referensapp (kvoter, kraftsamling/devtools/bench_browser.py)",
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

    assess = commands.add_parser(
        "assess", help="Ansökningsunderlagets bedömningar som CSV (eller --json), utan webbläsare"
    )
    assess.add_argument("--wave", required=True, help="omgång, t.ex. exempel-2025-host")
    assess.add_argument("--lan", help="län, t.ex. 24,25 (standard: alla fyra)")
    assess.add_argument("--grupp", help="samverkansgrupp, t.ex. akademi_norr")
    assess.add_argument("--kommuner", help="egna kommuner, t.ex. 2401,2403")
    assess.add_argument("--horisont", default="0-5", choices=["0-1", "1-3", "3-5", "0-3", "0-5"])
    assess.add_argument(
        "--niva",
        default="ssyk4",
        choices=["ssyk4", "cluster"],
        help="kandidater: yrken eller kluster",
    )
    assess.add_argument(
        "--schema",
        default="field",
        choices=["field", "area"],
        help="klusterindelning: yrkesområde eller MYH:s område",
    )
    assess.add_argument(
        "--kind", default="rekrytering", choices=["rekrytering", "kompetensutveckling"]
    )
    assess.add_argument("--klass", type=int, help="klasstorlek (30)")
    assess.add_argument("--marginal", type=float, help="marginal för avhopp i procent (20)")
    assess.add_argument("--arbetsgivare", type=int, help="minsta antal arbetsgivare (5; kurs 3)")
    assess.add_argument("--lia", type=float, help="LIA-platser per studerande (1,0)")
    assess.add_argument("--minkommuner", type=int, help="minsta antal kommuner (2)")
    assess.add_argument("--kurs", type=int, help="kompetensutveckling: kursstorlek (20)")
    assess.add_argument(
        "--providers",
        action="store_true",
        help="exakt det leverantörsvyn visar (små celler utan tal)",
    )
    assess.add_argument("--json", action="store_true", help="JSON i stället för CSV")
    assess.set_defaults(run=_assess)

    pack = commands.add_parser(
        "evidence", help="ansökningsunderlag för en kandidat: .xlsx, .pptx och PDF"
    )
    pack.add_argument("--wave", required=True, help="omgång, t.ex. exempel-2025-host")
    pack.add_argument("--candidate", required=True, help="yrke:5350, kluster:NAMN eller grupp")
    pack.add_argument(
        "--kind",
        choices=["rekrytering", "kompetensutveckling"],
        default="rekrytering",
        help="rekrytering (YH-program) eller kompetensutveckling (kurser)",
    )
    pack.add_argument("--horizon", choices=["0-1", "1-3", "3-5", "0-3", "0-5"], default="0-5")
    pack.add_argument("--lan", action="append", help="län, t.ex. 24 (flera gånger)")
    pack.add_argument("--group", default=None, help="samverkansgrupp (group_id)")
    pack.add_argument("--kommun", action="append", help="kommunkod (flera gånger)")
    pack.add_argument("--org-kind", action="append", help="typ av organisation (flera gånger)")
    pack.add_argument("--sni", action="append", help="bransch, SNI-avdelning (flera gånger)")
    pack.add_argument("--scheme", choices=["field", "area"], default="field")
    pack.add_argument(
        "--post-secondary-only",
        action="store_true",
        help="bara behov som kräver eftergymnasial yrkesutbildning",
    )
    pack.add_argument("--group-ssyk4", action="append", help="yrken i en egen grupp (grupp)")
    pack.add_argument("--group-label", default="Egen yrkesgrupp", help="den egna gruppens namn")
    pack.add_argument("--class-size", type=int, default=None, help="klasstorlek (30)")
    pack.add_argument("--margin", type=float, default=None, help="marginal för avhopp, % (20)")
    pack.add_argument("--min-employers", type=int, default=None, help="minsta antal arbetsgivare")
    pack.add_argument("--lia-per-student", type=float, default=None, help="LIA-platser (1,0)")
    pack.add_argument(
        "--min-municipalities", type=int, default=None, help="minsta antal kommuner (2)"
    )
    pack.add_argument("--course-size", type=int, default=None, help="kursstorlek (20)")
    pack.add_argument(
        "--unused-margin",
        type=float,
        default=None,
        help="marginal för outnyttjade kursplatser, % (25)",
    )
    pack.add_argument(
        "--orter",
        default=None,
        help="egna studieorter, kommunkoder, t.ex. 2480,2482 (som sidans "
        "orter=; standard: förslaget)",
    )
    pack.add_argument(
        "--providers",
        action="store_true",
        help="utbildningsanordnarnas version: bara det leverantörsvyn visar",
    )
    pack.add_argument(
        "--letters",
        nargs="*",
        default=None,
        metavar="SVARANDE",
        help="avsiktsförklaringar (administratörer): för alla, eller för de "
        "svarande-id eller organisationer som anges",
    )
    pack.add_argument("--date", default=None, help="datum i filerna, ÅÅÅÅ-MM-DD (i dag)")
    pack.add_argument("--out", required=True, help="mappen filerna skrivs till")
    pack.set_defaults(run=_evidence)

    admin = commands.add_parser(
        "admin", help="skapa en administratör: skriver ut raden för secrets.toml eller miljön"
    )
    admin.add_argument("name", help="användarnamn (a–z, 0–9, _ och -)")
    admin.set_defaults(run=_admin)

    args = parser.parse_args(argv)
    return args.run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
