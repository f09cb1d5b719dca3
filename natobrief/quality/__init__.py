"""The item-writing lint (``natobrief lint``): flaws that let a test-wise learner guess.

Rules are registered by id in :mod:`natobrief.quality.rules`, one module per
family: :mod:`~natobrief.quality.options` (a choice card's options),
:mod:`~natobrief.quality.stems` (the question itself) and
:mod:`~natobrief.quality.cues` (what one card gives away of another).
:mod:`~natobrief.quality.lint` runs them over decks and
:mod:`~natobrief.quality.figures` adds each deck's figures.
"""
