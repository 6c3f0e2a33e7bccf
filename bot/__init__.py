"""PM Career Assistant core: certification rules, the person's profile, text parsing.

Nothing in this package (outside ``bot.channels`` and ``bot.nlp.build``) imports Rasa,
spaCy or TensorFlow, so it loads in milliseconds and can serve any front end.
"""
