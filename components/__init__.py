"""Rasa graph components of this assistant (loaded by config.yml through their module path)."""
