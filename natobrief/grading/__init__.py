"""Grading: a card and an answer in, a verdict that says why out.

One module a job: ``normalise`` (folding, words, one spelling), ``numbers``
(digits and words, hedges, years), ``dates``, ``aliases`` (other names of a
thing), ``known`` (what a deck's sources and cards name), ``forms`` (the form
lenient comparisons read), ``typos`` (what a typing mistake is), ``lenient``
(lists, context, guard rails, typo correction), ``in_words`` (a choice in other
words), ``matching`` (which text an answer names) and ``verdict`` (the verdict,
built from the card type's own rule in natobrief.cardtypes). Import from the
module that holds a name.
"""
