"""Khabar: a Persian-first platform for running a news agency."""

__version__ = "0.1.0"
