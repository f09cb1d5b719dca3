"""Card types: one module per type (short, choice, truefalse, cloze, number, order,
match), each holding one :class:`~natobrief.cardtypes.base.CardKind`, and the
registry that finds a card's kind (``registry.kind_of``).
"""
