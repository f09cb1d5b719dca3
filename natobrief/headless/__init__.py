"""The headless face: study and exam sessions as plain text or JSON lines.

For scripts, CI of decks, instructors grading a class, screen readers and
pipes. It drives natobrief.session like the TUI does and imports neither
Textual nor Rich. The contract is docs/headless.md: output fields may be added,
never removed or renamed; the same seed, decks, database and clock give
byte-identical output.

``run`` runs a session; ``options`` holds what the command line says;
``events`` the fields of each event; ``writers`` prints them; ``report``
writes the ``--report`` document; ``answers`` reads an answers file.
"""
