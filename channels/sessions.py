"""Unguessable, signed web chat session tokens.

A token is ``<conversation id>.<signature>``: the id is random (128 bits) and the
signature is an HMAC of it with a server secret, so a client can neither guess another
person's conversation id nor make up one of its own.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import uuid
from pathlib import Path
from typing import Optional

SECRET_FILE = Path(os.environ.get("WEBCHAT_SECRET_FILE", "var/webchat.secret"))


def load_secret() -> bytes:
    """WEBCHAT_SECRET if set (several instances must share it), else a file made once."""
    configured = os.environ.get("WEBCHAT_SECRET")
    if configured:
        return configured.encode()
    if SECRET_FILE.exists():
        return SECRET_FILE.read_bytes().strip()
    SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32).encode()
    SECRET_FILE.write_bytes(value)
    SECRET_FILE.chmod(0o600)
    return value


def _sign(conversation_id: str, secret: bytes) -> str:
    return hmac.new(secret, conversation_id.encode(), hashlib.sha256).hexdigest()[:32]


def new_token(secret: bytes) -> str:
    conversation_id = uuid.uuid4().hex
    return f"{conversation_id}.{_sign(conversation_id, secret)}"


def conversation_of(token: object, secret: bytes) -> Optional[str]:
    """The conversation id of a valid token, else None."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 80:
        return None
    conversation_id, signature = token.split(".")
    if len(conversation_id) != 32 or not hmac.compare_digest(signature, _sign(conversation_id, secret)):
        return None
    return conversation_id
