"""Who takes part in what: participations and their undo, invitations."""
