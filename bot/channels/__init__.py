"""Input and output channels (adapters around Rasa): the web chat page and Slack."""
