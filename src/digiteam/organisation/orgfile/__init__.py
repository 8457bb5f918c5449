"""Organisation as code: a government's organisation in one YAML or JSON file, in and out.

``org_import`` checks a whole file and loads it all-or-nothing; ``org_export`` and ``org_dump``
write one that imports back to the same organisation. The format is described in
docs/org-file.md; its contract is ``digiteam.organisation.schema.OrgFile``.
"""

from digiteam.organisation.orgfile.dump import Format, org_dump, org_export
from digiteam.organisation.orgfile.jsonschema import org_json_schema
from digiteam.organisation.orgfile.load import ImportSummary, org_import

__all__ = ["Format", "ImportSummary", "org_dump", "org_export", "org_import", "org_json_schema"]
