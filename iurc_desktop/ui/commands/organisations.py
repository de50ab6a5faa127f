"""Undoable edits of organisations, thematic clusters and geographical pairings."""

from __future__ import annotations

from ...app.changes import Topic
from .keyed_records import RecordSteps

ORGANISATION_STEPS = RecordSteps("organisations", "organisation", Topic.ORGANISATIONS, "add_organisation",
                                 "edit_organisation", "remove_organisation", "restore_organisation",
                                 message="removal_message")
CLUSTER_STEPS = RecordSteps("clusters", "cluster", Topic.ORGANISATIONS, "add_cluster", "edit_cluster",
                            "remove_cluster", "restore_record")
PAIRING_STEPS = RecordSteps("clusters", "pairing", Topic.ORGANISATIONS, "add_pairing", "edit_pairing",
                            "remove_pairing", "restore_record")
