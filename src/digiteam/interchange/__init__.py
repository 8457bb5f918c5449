"""Between the database and files: GitBook documents in and out (org files in a later issue)."""
