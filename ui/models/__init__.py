"""Thin table models over rows from the core."""
