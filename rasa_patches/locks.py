"""Rasa's Redis lock store, with every change to a lock made atomically.

Rasa 3.6's ``RedisLockStore`` changes a conversation's ticket lock by reading it, changing
it in Python and writing it back. Two instances doing that at once overwrite each other:
both get the same ticket and process two messages of one conversation at the same time
(one of them is then lost when the conversation is saved), or a finished ticket is written
back and the next message waits a minute for it to expire. Here each change is a Redis
transaction (WATCH, MULTI, EXEC) that is retried when the lock changed meanwhile.

endpoints.yml (written by ``bot/stores.py`` from ``REDIS_URL``)::

    lock_store:
      type: rasa_patches.locks.AtomicRedisLockStore
      url: <host>
      port: <port>
"""

from __future__ import annotations

import json
from typing import Callable, Optional, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from rasa_patches import require_pinned

T = TypeVar("T")
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa builds custom lock stores from their endpoints.yml entry alone."""
        require_pinned()
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        """Applies ``change`` (old lock -> new lock or None to delete, result) atomically."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    old = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(old)
                    pipe.multi()
                    if new is None or not new.is_someone_waiting():
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # someone else changed the lock first: read it again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Removing the last ticket deletes the lock in the same transaction.
        self.finish_serving(conversation_id, ticket_number)
