"""Input and output channels (adapters around Rasa): the web chat page and Slack."""

import sys

if "rasa.core.processor" in sys.modules:  # loaded by a Rasa server
    from bot.channels import hot_path, session_limit

    session_limit.install()  # bound its sessions' length
    hot_path.install()  # per-turn work that never changes, done once
