"""Instructor tools: coverage of the sources, exports, imports, handouts, class reports."""
