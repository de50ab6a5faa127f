"""Importing people and attendance from spreadsheets and CSV files."""
