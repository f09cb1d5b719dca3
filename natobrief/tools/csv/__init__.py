"""Cards as CSV and back: the export and the import."""
