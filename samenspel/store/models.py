"""The database tables. Every piece of game state lives here, never in process memory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Initiative(Base):
    """What lasts beyond one evening (issue 13): a local initiative, played in one or more
    sessions (a start, follow-ups "onderweg", a closing "afronding"), whose action path lives
    on between them. It has no key of its own: the facilitator key of any of its sessions
    opens it (``store/initiatives.py``). Retention counts from ``last_activity_ms``."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(200), default="")
    created_ms: Mapped[int] = mapped_column(BigInteger)
    #: the last session created or ended in it, or the last change of a step's status
    last_activity_ms: Mapped[int] = mapped_column(BigInteger)
    #: the calendar feed (``/i/<id>/calendar/<token>.ics``): the salt its token is derived
    #: from and the token's hash; both empty while the feed is off (store/initiatives.py)
    calendar_salt: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)
    calendar_token_hash: Mapped[str | None] = mapped_column(
        String(64), nullable=True, default=None, unique=True, index=True
    )


class GameSession(Base):
    """One play session of one game: its room code, its flow through the rounds."""

    __tablename__ = "game_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the initiative it belongs to (set for every session since migration 0011; the column
    #: stays nullable only because SQLite cannot add a NOT NULL column in place)
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True, nullable=True
    )
    code: Mapped[str] = mapped_column(String(12), unique=True)
    game_id: Mapped[str] = mapped_column(String(80))
    #: the rules this session plays by (content hash of a stored copy, see RuleSet); NULL
    #: only for sessions created before copies were kept, until start-up adopts them
    rules_hash: Mapped[str | None] = mapped_column(ForeignKey("rule_sets.hash"), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitator_key_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="lobby")
    round_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deadline_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    remaining_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the facilitator's choice: the shared plan shows counts per role instead of first names
    plan_anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: the facilitator's choice: the projector shows the join QR code large, over the round
    qr_large: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: how the session plays at tables (engine/tables/setup.py ``Tables.as_data``); NULL: no tables
    tables: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    #: per audience (engine/views.py AUDIENCES), the ``seq`` of the last broadcast it was
    #: sent: an audience skips what it may not see, and its next copy names that ``seq``
    audience_seq: Mapped[dict[str, int] | None] = mapped_column(JSON, nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    ended_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    participants: Mapped[list["Participant"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Participant.id"
    )


class OwnerLink(Base):
    """A step owner's personal link (``/o/<token>``): reaches that participant's steps on
    their initiative's current action path, nothing else. Only a hash of the token is
    stored; the token itself is derived from the server's secret key and ``salt``
    (store/owner_links.py), so the phone can be shown the same link again after a reload."""

    __tablename__ = "owner_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    salt: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    #: set when the facilitator revoked it; a revoked link never works again
    revoked_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class RuleSet(Base):
    """A copy of a rules file as a session was created with it, stored once per content.

    A session plays, replays and exports by this copy, so editing or deleting a file in
    ``game_rules/`` never changes a session that already exists."""

    __tablename__ = "rule_sets"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of ``text``
    game_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_ms: Mapped[int] = mapped_column(BigInteger)


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("game_sessions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(40))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    #: added by the facilitator for someone without a smartphone; the facilitator types for them
    proxy: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: set when the facilitator removed them or they left; their items stay, without a name
    removed_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    #: the table they sit at (1, 2, …); NULL without tables
    table: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: the participant of an earlier session of the initiative whom they continue: they
    #: joined through that person's owner's link (services/continuing.py), which moved to
    #: them with the steps carried over; NULL for everyone who joined another way
    continues_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True, index=True
    )

    session: Mapped[GameSession] = relationship(back_populates="participants")


class Item(Base):
    """A contribution in a round (card, introduction, vote, step, rating). ``data`` holds the
    mechanic's fields; ``client_id`` makes a resent input idempotent."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("session_id", "author_id", "client_id", name="uq_items_client_id"),
        Index("ix_items_session_round", "session_id", "round_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("game_sessions.id", ondelete="CASCADE"))
    round_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"), nullable=True)
    client_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    updated_ms: Mapped[int] = mapped_column(BigInteger)
    #: the table it was made at (a table round at tables); NULL: the whole hall's
    table: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RateCounter(Base):
    """Fixed-window counters for rate limits that must hold across processes (join attempts)."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start_ms: Mapped[int] = mapped_column(BigInteger)
    count: Mapped[int] = mapped_column(Integer, default=0)


class RoundStateRow(Base):
    """What a round remembers besides its items (revealed, perspective assignments)."""

    __tablename__ = "round_states"

    session_id: Mapped[int] = mapped_column(ForeignKey("game_sessions.id", ondelete="CASCADE"), primary_key=True)
    round_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ActionRow(Base):
    """The log of every accepted action, in order: the session's record, and enough to
    replay it through the engine (``created`` holds ids of items the action made)."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_session", "session_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("game_sessions.id", ondelete="CASCADE"))
    at_ms: Mapped[int] = mapped_column(BigInteger)
    actor: Mapped[str] = mapped_column(String(20))
    participant_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created: Mapped[list[int]] = mapped_column(JSON)


class LibraryEntry(Base):
    """A played initiative in the public library (issue 14): what was published about it,
    and nothing else. Its id is a random string that stays the same wherever the entry is
    copied to (another instance imports it by this id), so it names the entry, not a row.

    ``document`` is the published document as it is shown and exported; the other columns
    are copied out of it for the filters, and ``search_text`` for full-text search
    (store/library.py keeps SQLite's FTS5 table in step; PostgreSQL indexes it with GIN).
    An imported entry names its ``source`` (the instance it came from) and its ``licence``;
    an entry published here has an empty source."""

    __tablename__ = "library_entries"
    __table_args__ = (Index("ix_library_entries_listing", "withdrawn", "hidden", "created_ms"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: the initiative it was published from (on this instance; none for an imported entry)
    initiative_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(300), default="")
    licence: Mapped[str] = mapped_column(String(40))
    #: hidden by the instance's administrator: off the pages and exports, kept
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: withdrawn by whoever published it: off the pages and exports for good
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    search_text: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(40), default="", index=True)
    municipality: Mapped[str] = mapped_column(String(120), default="", index=True)
    game: Mapped[str] = mapped_column(String(80), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="")
    created_ms: Mapped[int] = mapped_column(BigInteger)


class LibraryProposal(Base):
    """What a session's facilitator proposed to publish in the library (issue 14): the exact
    document every phone is asked about, and each participant's answer (participant id as
    a string → agreed). One per session; a new proposal replaces it, answers and all."""

    __tablename__ = "library_proposals"

    session_id: Mapped[int] = mapped_column(ForeignKey("game_sessions.id", ondelete="CASCADE"), primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    answers: Mapped[dict[str, bool]] = mapped_column(JSON)
    #: the facilitator's theme, municipality and edits the document was made with
    choices: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
