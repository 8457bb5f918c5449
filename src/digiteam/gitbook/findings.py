"""The finding record shared by every check (codes are listed in report.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    line: int
    message: str
    subject: str
    suggestion: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} {self.code}: {self.message}"


def sort_key(finding: Finding) -> tuple[str, int, str, str, str]:
    """Stable report order: file, line, code, then subject and message."""
    return (finding.path, finding.line, finding.code, finding.subject, finding.message)
