"""Input and output channels (adapters around Rasa): the web chat page and Slack."""

import sys

if "rasa.core.processor" in sys.modules:  # loaded by a Rasa server: bound its sessions' length
    from bot.channels.session_limit import install

    install()
