"""natobrief: a terminal quiz and briefing trainer grounded in source documents."""

__version__ = "0.1.0"
