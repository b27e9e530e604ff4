"""Finding places: article text -> name spans (``recognise``) -> places, resolved in the context
of the whole article (``resolve``, which chains ``candidates``, ``filters``, ``aliases`` and
``coherence``).
"""
