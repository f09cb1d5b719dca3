"""Anki packages: the export, the import, the note types, and reading a package."""
