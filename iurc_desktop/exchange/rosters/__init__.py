"""Rosters and report tables, written as CSV and XLSX files."""
