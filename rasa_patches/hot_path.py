"""Work Rasa repeats on every turn that gives the same result every time, done once.

A profile of one instance under 16 users (py-spy, 2026-11-27) found three such places:

- checking the action server's reply: ``RemoteAction._validate_action_result`` calls
  ``jsonschema.validate``, which checks Rasa's large, fixed reply schema against the
  JSON-Schema metaschema before checking the reply: 2.2 of 3.4 ms on every action call.
  The reply is still checked, with the same schema and the same error, by a validator
  built once;
- reading events: ``Event.resolve_by_type`` walks every subclass of ``Event`` (and asks
  ``inspect`` whether each is abstract) for every stored event it reads back. The answer
  for a type name is kept once found;
- connecting to a SQLite conversation store: SQLAlchemy 1.4 gives a SQLite file no
  connection pool, so each of a turn's three queries opened and closed the file (and, in
  write-ahead mode, the last close checkpoints the log). SQLite stores get a pool, as
  SQLAlchemy 2 does by default; connections are used by one thread at a time.

``install()`` is idempotent; ``channels/__init__.py`` calls it inside a Rasa server.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Dict, Optional, Type

_ORIGINAL: Dict[str, Callable[..., Any]] = {}


@functools.cache
def _reply_validator() -> Any:
    """A validator for Rasa's action-server reply schema, the schema itself checked once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the validator built once."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_reply_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


@functools.lru_cache(maxsize=256)
def _known_event_type(type_name: str) -> Optional[Type[Any]]:
    return _ORIGINAL["resolve_by_type"](type_name)


def resolve_by_type(type_name: str, default: Optional[Type[Any]] = None) -> Optional[Type[Any]]:
    """``Event.resolve_by_type``, remembering each type name's class once found."""
    try:
        return _known_event_type(type_name)
    except ValueError:  # unknown name: Rasa's own answer (the default, None or the error)
        return _ORIGINAL["resolve_by_type"](type_name, default)


def engine_kwargs(url: Any) -> Dict[str, Any]:
    """Rasa's ``create_engine_kwargs``, plus a connection pool for a SQLite file."""
    import sqlalchemy as sa

    kwargs: Dict[str, Any] = _ORIGINAL["create_engine_kwargs"](url)
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        kwargs |= {"poolclass": sa.pool.QueuePool, "connect_args": {"check_same_thread": False}}
    return kwargs


def rasa_original(name: str) -> Callable[..., Any]:
    """Rasa's own function that ``install()`` replaced (after ``install()``)."""
    return _ORIGINAL[name]


def install() -> None:
    from rasa_patches import require_pinned

    require_pinned()
    from rasa.core import tracker_store
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    _ORIGINAL.setdefault("create_engine_kwargs", tracker_store.create_engine_kwargs)
    tracker_store.create_engine_kwargs = engine_kwargs

    _ORIGINAL.setdefault("resolve_by_type", Event.resolve_by_type)
    _ORIGINAL.setdefault("validate_action_result", RemoteAction._validate_action_result)
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
