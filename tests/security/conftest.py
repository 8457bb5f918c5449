"""The permission tests' tree and signed-in clients (tests/accounts/conftest.py)."""

from tests.accounts.conftest import anonymous, editor_client, tree, viewer_client

__all__ = ["anonymous", "editor_client", "tree", "viewer_client"]
