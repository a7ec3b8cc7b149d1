"""The Socket.IO packet as this server sends it (python-socketio's ``serializer``).

python-socketio's own packet pays, per packet, two costs that grow with its payload:

1. It walks the whole payload in Python looking for ``bytes`` (``Packet.data_is_binary``,
   building a list at every level) to decide whether to send binary attachments: ≈ 2 ms
   for a vote's 380 ideas (81 KB), more than building them. Every payload here is JSON
   (no event carries bytes), so the walk is skipped; a ``bytes`` value would now fail to
   encode instead of travelling as an attachment the clients do not expect.
2. It encodes the payload again for every ack. A value made with its JSON text beforehand
   (``services.snapshots.Encoded``: the items of ``items:round``, shared by every phone) is
   sent as that text.

Decoding is python-socketio's (incoming packets are small and checked at the gate)."""

from __future__ import annotations

from socketio import packet

from samenspel.services.snapshots import Encoded


class Packet(packet.Packet):
    uses_binary_events = False

    def encode(self):
        data = self.data
        if not _has_encoded(data):
            return super().encode()
        self.data = None
        try:
            head = super().encode()  # type, namespace and id
        finally:
            self.data = data
        return head + "[" + ",".join(self._json(arg) for arg in data) + "]"

    def _json(self, value) -> str:
        if isinstance(value, Encoded):
            return value.json
        if isinstance(value, dict) and any(isinstance(v, Encoded) for v in value.values()):
            return "{" + ",".join(f"{self._json(str(k))}:{self._json(v)}" for k, v in value.items()) + "}"
        return self.json.dumps(value, separators=(",", ":"))


def _has_encoded(data) -> bool:
    """Whether an argument, or a value of one, was encoded beforehand (only that deep: an
    ack's fields)."""
    if not isinstance(data, list):
        return False
    return any(
        isinstance(arg, Encoded) or (isinstance(arg, dict) and any(isinstance(v, Encoded) for v in arg.values()))
        for arg in data
    )
