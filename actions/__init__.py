"""The action server: thin rasa_sdk adapters around the ``bot`` package."""
