"""Command line: `python -m kraftsamling {derive,build,example,bench}`."""

from __future__ import annotations

import argparse
import sys
import time

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


def _bench(args: argparse.Namespace) -> None:
    from kraftsamling import bench

    bench.main(repeat=args.repeat)


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

    bench = commands.add_parser("bench", help="mät bygg-, fråge- och sidtider")
    bench.add_argument("--repeat", type=int, default=7, help="antal mätningar per mått")
    bench.set_defaults(run=_bench)

    args = parser.parse_args(argv)
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
