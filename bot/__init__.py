"""PM Career Assistant core: certification rules, the person's profile, text parsing.

Nothing in this package imports Rasa, rasa_sdk, Sanic or socket.io (tests/unit/test_layout.py
fails if it does), and only ``bot.nlp.build`` needs spaCy, so it loads in milliseconds and can
serve any front end. The Rasa input channels are in ``channels/``, every patch of Rasa's
internals in ``rasa_patches/``.
"""
