"""People and organisations: listings, person cards and summaries, duplicates, erasure."""
