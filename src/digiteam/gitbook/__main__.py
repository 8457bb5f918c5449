"""``python -m digiteam.gitbook FILE...``: check GitBook files and print the findings.

The first taxonomy and the first composition among the files are checked together; every file
is also scanned for damaged encoding. Exit status 1 when a finding is an error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from digiteam.gitbook.encoding import find_damaged_encoding
from digiteam.gitbook.errors import GitbookReadError, NotGitbookDocument
from digiteam.gitbook.findings import Finding, sort_key
from digiteam.gitbook.model import CompositionDocument, TaxonomyDocument
from digiteam.gitbook.reader import read_file, read_text
from digiteam.gitbook.report import check


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digiteam.gitbook", description=__doc__)
    parser.add_argument("files", nargs="+", help="GitBook Markdown files")
    parser.add_argument("--json", action="store_true", help="print findings as JSON lines")
    args = parser.parse_args(argv)
    try:
        findings = _findings(args.files)
    except GitbookReadError as exc:
        print(exc, file=sys.stderr)
        return 2
    for finding in findings:
        print(json.dumps(finding.to_dict()) if args.json else finding)
    return 1 if any(f.severity == "error" for f in findings) else 0


def _findings(files: list[str]) -> list[Finding]:
    taxonomy: TaxonomyDocument | None = None
    composition: CompositionDocument | None = None
    others: list[Finding] = []
    for name in files:
        try:
            doc = read_file(name)
        except NotGitbookDocument:
            others += find_damaged_encoding(read_text(name), name)
            continue
        if isinstance(doc, TaxonomyDocument) and taxonomy is None:
            taxonomy = doc
        elif isinstance(doc, CompositionDocument) and composition is None:
            composition = doc
    if taxonomy is None:
        raise GitbookReadError(files[0], 1, "no taxonomy among the files")
    return sorted(check(taxonomy, composition) + others, key=sort_key)


if __name__ == "__main__":
    sys.exit(main())
