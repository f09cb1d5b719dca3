"""Entry point for ``python -m natobrief``."""

from natobrief.cli import main

if __name__ == "__main__":
    main()
