"""The Textual app. Only this package imports Textual, and only the CLI imports it."""
