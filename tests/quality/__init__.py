"""Helpers for the quality gates run over the built site: pages, the Nu checker, a server, axe."""
