"""The programme as a whole: its file, the demo, clusters and the programme report."""
