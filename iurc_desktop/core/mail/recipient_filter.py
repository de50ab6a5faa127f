"""A mail's recipients filter in words (exchange/mail/recipients.py reads it); no database code, for the CLI's help."""

from __future__ import annotations

FILTER_HELP = ("terms FIELD=VALUE[,VALUE...] separated by spaces, fields: status, role, group, country, email"
               " (e.g. \"status=confirmed group=A\"); without status, active participants; status=all for every status")
