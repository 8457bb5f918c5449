"""Generated organisations for tests and benchmarks: realistic, deterministic, national scale.

``generate_org(ministries=..., positions=..., seed=...)`` returns plain data that validates
against :class:`digiteam.organisation.schema.OrgFile`; the same arguments give the same data.
"""

from digiteam.organisation.generator.core import generate_org

__all__ = ["generate_org"]
