"""Events and what they hold: items, groups, templates, agenda, checks, to-dos, world clock."""
