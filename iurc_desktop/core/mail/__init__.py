"""E-mail the app sends itself: drafts composed from templates, an outbox, and the user's SMTP server."""
