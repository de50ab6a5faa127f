"""Several staff on one database: access roles, concurrent edits, notices, copying."""
