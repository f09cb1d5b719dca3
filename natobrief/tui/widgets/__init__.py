"""Widgets of the natobrief app."""
