from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.progress import Progress
from digiteam.core.located import FileInvalid, did_you_mean, read_text
from digiteam.organisation.orgfile import Format, org_dump, org_export, org_import
from digiteam.organisation.selectors import government_codes, government_find

FORMATS = ("yaml", "json")


class Command(BaseCommand):
    help = "Export, import or generate an organisation file (YAML or JSON): docs/org-file.md."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="export|import|generate")
        exp = sub.add_parser(
            "export",
            help="write a government's organisation as a file",
            description="Write a government's units, positions, services, vendors and people. "
            "The output is stable: exporting, importing and exporting again gives the same bytes.",
        )
        exp.add_argument("--government", required=True, metavar="CODE", help="government code")
        _output_arguments(exp)
        exp.add_argument(
            "--without-people",
            action="store_true",
            help="leave out people and their assignments",
        )
        imp = sub.add_parser(
            "import",
            help="load an organisation file, all or nothing",
            description="Check the whole file (shape, references, trees, dates, FTE), then load "
            "it in one transaction. On any problem nothing is written, every problem is printed "
            "as FILE:LINE path: message, and the exit code is 2.",
        )
        imp.add_argument("file", type=Path, metavar="FILE", help="a .yaml or .json file")
        imp.add_argument(
            "--replace",
            action="store_true",
            help="replace the organisation of a government that already exists",
        )
        gen = sub.add_parser(
            "generate",
            help="write an invented organisation of a given size",
            description="Invent a government with the given number of ministries and positions; "
            "the same seed always gives the same file.",
        )
        gen.add_argument(
            "--ministries", type=int, required=True, metavar="N", help="number of ministries"
        )
        gen.add_argument(
            "--positions", type=int, required=True, metavar="M", help="number of positions, exactly"
        )
        gen.add_argument(
            "--seed", type=int, required=True, metavar="S", help="the same seed, the same file"
        )
        _output_arguments(gen)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _export(
        self,
        *,
        government: str,
        output: Path | None,
        format: Format | None,
        without_people: bool,
        **_: Any,
    ) -> None:
        found = government_find(code=government)
        if found is None:
            hint = did_you_mean(government, government_codes())
            raise CommandError(f"unknown government '{government}'{hint}", returncode=2)
        with Progress(self.stderr, "org export") as progress:
            progress.stage(f"reading '{found.code}'")
            data = org_export(government=found, people=not without_people)
            self._write(data, output, format, progress)

    def _import(self, *, file: Path, replace: bool, **_: Any) -> None:
        with Progress(self.stderr, "org import") as progress:
            try:
                progress.stage(f"reading {file}")
                text = read_text(file)
                progress.stage("checking and writing")
                summary = org_import(text=text, filename=str(file), replace=replace)
            except FileInvalid as exc:
                raise CommandError(f"nothing was imported:\n{exc}", returncode=2) from None
        self.stdout.write(str(summary))

    def _generate(
        self,
        *,
        ministries: int,
        positions: int,
        seed: int,
        output: Path | None,
        format: Format | None,
        **_: Any,
    ) -> None:
        from digiteam.organisation.generator import generate_org  # written apart; loaded on use

        with Progress(self.stderr, "org generate") as progress:
            progress.stage(f"inventing {positions} positions")
            try:
                data = generate_org(ministries=ministries, positions=positions, seed=seed)
            except ValueError as exc:
                raise CommandError(str(exc), returncode=2) from None
            self._write(data, output, format, progress)

    def _write(
        self, data: dict[str, Any], output: Path | None, fmt: Format | None, progress: Progress
    ) -> None:
        if fmt is None:
            fmt = "json" if output is not None and output.suffix.lower() == ".json" else "yaml"
        progress.stage(f"formatting as {fmt}")
        text = org_dump(data, fmt)
        if output is None:
            progress.done()  # before the file reaches the same terminal
            self.stdout.write(text, ending="")
        else:
            progress.stage(f"writing {output}")
            output.write_text(text, encoding="utf-8")
            progress.done()
            self.stdout.write(f"Wrote {output}")


def _output_arguments(parser: Any) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="yaml or json (default: from the suffix of FILE, else yaml)",
    )
