"""Errors raised by the GitBook reader and writer."""

from __future__ import annotations


class GitbookReadError(ValueError):
    """A file that cannot be read as a GitBook taxonomy or composition."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class NotGitbookDocument(GitbookReadError):
    """Readable text that is neither a taxonomy nor a composition."""


class GitbookWriteError(ValueError):
    """A document that would be written with links or anchors that do not resolve."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))
