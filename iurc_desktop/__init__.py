"""IURC Desktop: logistics for city-to-city and region-to-region cooperation events."""

__version__ = "0.1.0"
