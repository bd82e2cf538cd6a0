"""Helpers shared by the tests: site builds, Chromium, the quality gates (axe, Nu, feeds)."""
