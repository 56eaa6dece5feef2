"""lrcg."""
