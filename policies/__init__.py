"""Rasa dialogue policies of the assistant (Rasa imports live here, not in bot/)."""
