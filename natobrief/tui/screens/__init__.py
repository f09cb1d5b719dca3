"""Screens of the natobrief app."""
