"""Importers that turn pages from elsewhere into Khabar articles."""
