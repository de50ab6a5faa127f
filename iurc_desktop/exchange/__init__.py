"""What crosses the border: calendars, rosters, reports, tabular import. Never imports Qt."""
