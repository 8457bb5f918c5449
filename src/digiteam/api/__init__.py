"""The REST API, version 1, under /api/v1/ (docs/api.md): an interface over the services."""
