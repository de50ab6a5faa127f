"""Undo commands: the base command and the undoable edits."""
