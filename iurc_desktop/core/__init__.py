"""Domain core: models, database and services. Never imports Qt."""
