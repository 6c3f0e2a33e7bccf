"""Every change this project makes to Rasa's internals, in one list, for Rasa 3.6.21 only.

Rasa Open Source is in maintenance mode (3.6.21 is its last release). These patches replace
private attributes that another version may rename or change the meaning of, so each
refuses to install on any other version (``RasaVersionError``) instead of failing silently.

=====================================================================  =======================
Rasa attribute replaced                                                module
=====================================================================  =======================
``rasa.core.actions.action.RemoteAction._validate_action_result``      ``hot_path``
``rasa.shared.core.events.Event.resolve_by_type``                      ``hot_path``
``rasa.core.tracker_store.create_engine_kwargs``                       ``hot_path``
``rasa.core.processor.MessageProcessor._has_session_expired``          ``session_limit``
``rasa.core.actions.action.ActionSessionStart._slot_set_events_from_tracker``  ``session_limit``
``FailSafeTrackerStore._on_tracker_store_error`` (on the agent's store)  ``strict_store``
``rasa.core.lock_store.RedisLockStore``'s ticket changes (a subclass)  ``locks``
=====================================================================  =======================

``install()`` puts in the first five (``channels/__init__.py`` calls it inside a Rasa
server); ``channels.health`` makes the agent's store strict at start; endpoints.yml names
the lock store class (``bot/stores.py``).
"""

from __future__ import annotations

PINNED_RASA = "3.6.21"  # the version in requirements.lock (a unit test keeps the two equal)

PATCHED = (
    "rasa.core.actions.action.RemoteAction._validate_action_result",
    "rasa.shared.core.events.Event.resolve_by_type",
    "rasa.core.tracker_store.create_engine_kwargs",
    "rasa.core.processor.MessageProcessor._has_session_expired",
    "rasa.core.actions.action.ActionSessionStart._slot_set_events_from_tracker",
    "rasa.core.tracker_store.FailSafeTrackerStore._on_tracker_store_error",
    "rasa.core.lock_store.RedisLockStore",
)


class RasaVersionError(RuntimeError):
    """The installed Rasa is not the version these patches were written against."""


def require_pinned(version: str | None = None) -> None:
    """Raises ``RasaVersionError`` unless ``version`` (default: the installed Rasa) is pinned."""
    if version is None:
        import rasa

        version = rasa.__version__
    if version != PINNED_RASA:
        raise RasaVersionError(
            f"rasa_patches were written for Rasa {PINNED_RASA}, but Rasa {version} is installed: "
            "check each patch listed in rasa_patches/__init__.py against it, then update PINNED_RASA."
        )


def install() -> None:
    """Installs the process-wide patches (idempotent), after checking the Rasa version."""
    from rasa_patches import hot_path, session_limit

    require_pinned()
    session_limit.install()  # bound a session's length; carry each slot over once
    hot_path.install()  # per-turn work that never changes, done once
