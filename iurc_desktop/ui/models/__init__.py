"""Table models of the pages and dialogs."""
