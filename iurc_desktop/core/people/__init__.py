"""People and organisations: listings, person cards and summaries, free-text fields, duplicates, erasure."""
