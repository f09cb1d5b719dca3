"""Grading: a card and an answer in, a verdict that says why out.

One module a job: ``normalise`` (the form answers are compared in), ``numbers``
(digits and words), ``typos`` (what a typing mistake is), ``matching`` (which
text an answer names) and ``verdict`` (the verdict, built from the card type's
own rule in natobrief.cardtypes). Import from the module that holds a name.
"""
