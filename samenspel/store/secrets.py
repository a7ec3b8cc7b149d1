"""Room codes and secret tokens. Only hashes of tokens are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No look-alikes: no 0/O, 1/I/L. 31 symbols, 6 long: ~887 million codes; together with the
# per-address join limit that is far beyond brute force.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed, as a code: upper case, no spaces or dashes."""
    return "".join(ch for ch in str(raw).upper() if ch.isalnum())[:20]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)
