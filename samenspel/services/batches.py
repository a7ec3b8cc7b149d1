"""Group commit on PostgreSQL: writers of one session queued behind each other in this
process share one transaction and one commit.

Why: PostgreSQL's commit waits until its write-ahead log is flushed to disk
(``synchronous_commit``). Measured on the development machine: an edit took 4.9 ms of wall
time of which 3.2 ms was that flush (1.8 ms with the flush turned off; docs/performance.md).
One writer per session means one session's writes commit one after the other, so a hall's
session could never take more than ~200–250 writes a second, however cheap the rest — 100
phones writing at once waited half a second for their acks. Turning the flush off would
acknowledge writes a crash of the database could lose. Instead, the flush is shared:

When a writer of a session is done and others of the same session are waiting for the turn
(services/turns.py), it leaves its transaction open — the session's row still locked — and
the next writer continues in it; the last one (nobody waiting, or ``MAX_MEMBERS`` reached)
commits for all. A writer returns, and its ack and broadcasts go out, only once the commit
that holds its writes succeeded: stored before confirmed, as before. One writer per session
still holds: the members run one after the other, under the same row lock, each deciding on
the state the one before left (kept in memory, services/states.py rules: the version is the
last logged action). A member refused before it wrote anything (nearly every refusal: the
engine decides before the store writes) leaves the others' writes alone; a member that fails
after writing rolls the whole transaction back and every member is told ``server_busy``, which
the phones' outbox sends again (creates carry a ``client_id``, so nothing is doubled).

Not on SQLite: there a commit costs no flush (WAL, ``synchronous=NORMAL``), and a transaction
left open across greenlets would hold the database's single write lock while other sessions'
writers wait in SQLite's busy handler, which blocks the whole process.
"""

from __future__ import annotations

import sys
import threading
from contextlib import ExitStack

from samenspel.engine.errors import Rejected
from samenspel.services import states
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.store import state as stored_state
from samenspel.store.db import lock_session, writes_so_far
from samenspel.store.sessions import store_seq

#: at most this many writers share one commit (bounds how long the first one waits)
MAX_MEMBERS = 32


class Batch:
    """One open write transaction on one session's locked row, shared by its turns."""

    def __init__(self, ctx: Context, session_id: int):
        self.ctx = ctx
        self._stack = ExitStack()
        self.db = self._stack.enter_context(ctx.database.unit_of_work())
        try:
            self.session = lock_session(self.db, session_id)
            if self.session is None:
                raise Rejected("unknown_session")
            self.game = game_for(self.db, self.session)
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        self.members = 0
        self.kept: tuple | None = None  # (version, state): the state the last member left
        self._seq_taken = False
        self._mark = 0
        self._done = threading.Event()
        self._error: BaseException | None = None

    @staticmethod
    def enabled(ctx: Context) -> bool:
        return ctx.database.engine.dialect.name == "postgresql"

    def seed(self) -> tuple | None:
        """The (version, state) the next member starts from, if the transaction has logged
        nothing since; marks where the member's own writes begin."""
        self._connection = self.db.connection()
        self._mark = writes_so_far(self._connection)
        if self.kept is not None and stored_state.logged(self.db) in (None, self.kept[0]):
            return self.kept
        return None

    def accept(self, unit) -> None:
        """A member finished: what it left is the next one's start."""
        self.db.flush()  # its pending ORM changes (the flow) are in the transaction now
        kept = unit.to_keep()
        if kept is None and self.kept is not None and stored_state.logged(self.db) in (None, self.kept[0]):
            kept = self.kept  # it logged nothing: the state is still the one before
        self.kept = kept
        self._seq_taken |= unit.seq_taken
        self.members += 1

    def wrote_since_seed(self) -> bool:
        """Whether the current member changed anything (a statement that is not a SELECT, or
        ORM changes not flushed yet)."""
        try:
            wrote = writes_so_far(self._connection) != self._mark
            return wrote or bool(self.db.new or self.db.dirty or self.db.deleted)
        except Exception:  # a session in a state that cannot even tell: assume the worst
            return True

    def full(self) -> bool:
        return self.members >= MAX_MEMBERS

    def finish(self, error: BaseException | None = None) -> None:
        """Commit for every member (or roll back on ``error``), keep the state, wake them."""
        try:
            if error is None and self._seq_taken:
                store_seq(self.db, self.session)
        except BaseException as failed:
            error = failed
        try:
            if error is None:
                self._stack.close()
            else:
                self._stack.__exit__(type(error), error, error.__traceback__)
        except BaseException as failed:  # the commit failed: nothing of any member holds
            error = failed
        self._error = error
        if error is None and self.kept is not None:
            self.ctx.states.put(states.key(self.session), *self.kept)
        self._done.set()

    def wait(self) -> None:
        """Block until the commit that holds this member's writes ended; raise if it failed."""
        self._done.wait()
        if self._error is not None:
            if isinstance(self._error, Rejected) and self._error.code == "server_busy":
                raise self._error
            raise Rejected("server_busy", "the writes of this turn could not be stored; send again")
