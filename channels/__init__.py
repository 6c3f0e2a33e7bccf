"""Rasa input channels: the REST webhook, the web chat page (web/), Slack and GET /ready.

Loaded by a Rasa server from credentials.yml, which first installs ``rasa_patches``.
"""

import sys

if "rasa.core.processor" in sys.modules:  # loaded by a Rasa server
    import rasa_patches

    rasa_patches.install()
