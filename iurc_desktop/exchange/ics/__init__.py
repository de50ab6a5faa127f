"""Calendars (iCalendar): export, reading, invitation mails and time zones."""
