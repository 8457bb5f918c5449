from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from digiteam.cli.base import Command as BaseCommand
from digiteam.compositions.models import Template
from digiteam.core.located import FileInvalid
from digiteam.gitbook import GitbookReadError, write_composition, write_taxonomy
from digiteam.interchange.gitbook_export import composition_document, taxonomy_document
from digiteam.interchange.gitbook_files import gitbook_files_check, gitbook_files_read
from digiteam.interchange.gitbook_import import gitbook_import

TAXONOMY_FILE = "taxonomy.md"


class Command(BaseCommand):
    help = "Check, import or export GitBook Markdown: the role taxonomy and a team composition."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="check|import|export")
        check = sub.add_parser(
            "check",
            help="report the documents' defects; changes nothing",
            description="Read GitBook files (the taxonomy, optionally the composition that "
            "links to it, and any other page) and report their defects. Exit 0 when the files "
            "were read, with or without findings; 2 when one could not be read.",
        )
        check.add_argument("files", nargs="+", type=Path, metavar="FILE")
        check.add_argument("--format", choices=["text", "json"], default="text")
        imp = sub.add_parser(
            "import",
            help="load the documents into the database, all or nothing",
            description="Load a taxonomy and the composition linking to it. Shipped roles are "
            "matched by anchor, title or alias and never overwritten. A link that reaches no "
            "role stops the import unless it is bound or --create-missing is given.",
        )
        imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
        imp.add_argument(
            "--bind",
            action="append",
            default=[],
            metavar="ANCHOR=ROLE",
            help="bind a link's anchor to an existing role slug (repeatable)",
        )
        imp.add_argument(
            "--create-missing",
            action="store_true",
            help="create a role for each link that reaches none",
        )
        imp.add_argument("--template-slug", help="slug of the imported template")
        exp = sub.add_parser(
            "export",
            help="write the taxonomy and templates as GitBook Markdown",
            description="Write taxonomy.md and one composition page per template; every link "
            "of a composition page resolves to a heading of taxonomy.md.",
        )
        exp.add_argument(
            "-o",
            "--output",
            type=Path,
            default=Path("gitbook-export"),
            help="folder to write into (created; default ./gitbook-export)",
        )
        exp.add_argument(
            "--template",
            action="append",
            default=[],
            metavar="SLUG",
            help="export only this template (repeatable); default: all",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _read(self, files: list[Path]) -> Any:
        try:
            return gitbook_files_read(files)
        except GitbookReadError as exc:
            raise CommandError(str(exc), returncode=2) from None

    def _check(self, *, files: list[Path], format: str, **_: Any) -> None:
        findings = gitbook_files_check(self._read(files))
        if format == "json":
            self.stdout.write(json.dumps([f.to_dict() for f in findings], indent=2))
            return
        for f in findings:
            self.stdout.write(str(f))
            if f.suggestion:
                confidence = f" (confidence {f.confidence:.2f})" if f.confidence else ""
                self.stdout.write(f"    suggestion: {f.suggestion}{confidence}")
        counts = Counter(f.severity for f in findings)
        summary = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        self.stdout.write(f"{len(findings)} findings" + (f": {summary}" if summary else ""))

    def _import(
        self,
        *,
        files: list[Path],
        bind: list[str],
        create_missing: bool,
        template_slug: str | None,
        **_: Any,
    ) -> None:
        docs = self._read(files)
        if len(docs.compositions) > 1:
            raise CommandError("import one composition at a time", returncode=2)
        pairs = dict(b.split("=", 1) for b in bind if "=" in b)
        if len(pairs) != len(bind):
            raise CommandError("--bind takes ANCHOR=ROLE-SLUG", returncode=2)
        try:
            result = gitbook_import(
                taxonomy=docs.taxonomy,
                composition=(docs.compositions or [None])[0],
                bind=pairs,
                create_missing=create_missing,
                template_slug=template_slug,
            )
        except FileInvalid as exc:
            raise CommandError(f"nothing was imported:\n{exc}", returncode=2) from None
        self.stdout.write(
            f"Imported: {len(result.created)} roles created, {len(result.updated)} updated, "
            f"{len(result.matched)} matched to existing roles"
            + (f"; template '{result.template}'." if result.template else ".")
        )
        for line in result.resolved:
            self.stdout.write(f"  link {line} (resolved by the roles already in the database)")

    def _export(self, *, output: Path, template: list[str], **_: Any) -> None:
        templates = Template.objects.order_by("slug")
        if template:
            templates = templates.filter(slug__in=template)
            unknown = set(template) - set(templates.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"unknown template: {', '.join(sorted(unknown))}", returncode=2)
        output.mkdir(parents=True, exist_ok=True)
        taxonomy, entries = taxonomy_document(path=str(output / TAXONOMY_FILE))
        (output / TAXONOMY_FILE).write_text(write_taxonomy(taxonomy), encoding="utf-8")
        written = [TAXONOMY_FILE]
        for t in templates:
            doc = composition_document(template=t, entries=entries, taxonomy_filename=TAXONOMY_FILE)
            (output / f"{t.slug}.md").write_text(
                write_composition(doc, taxonomy_filename=TAXONOMY_FILE, taxonomy=taxonomy),
                encoding="utf-8",
            )
            written.append(f"{t.slug}.md")
        self.stdout.write(f"Wrote {', '.join(written)} in {output}")
