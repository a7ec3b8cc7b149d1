"""The use cases, between the adapters (``live``, ``web``, ``cli``) and the store.

Each use case is one transaction: it takes the session's lock (one writer per session, see
``unit.py``), loads the session's state once, lets the engine decide (``engine.apply``),
stores the result and the log entry, and returns an ``Outcome``: the ack for whoever acted
and the broadcasts to send after the commit. Adapters translate the wire to a use case and
the outcome back to the wire; they hold no game logic and never import each other.
"""
