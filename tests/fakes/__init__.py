"""Fakes with the real interfaces, for fast deterministic tests."""
