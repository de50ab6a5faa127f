"""E-mail composed from templates in the recipient's language: the templates, their fields, and the drafts."""
