"""Browser test helpers for the phone's connection: a facilitator over Socket.IO that moves
the rounds and reads what the server stored, and a phone page whose connection a test takes
away and gives back (Chromium's offline mode; Socket.IO refused while a reloaded page loads)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.clients import LiveClient

SOCKET = "**/socket.io/**"
#: Playwright's ``route`` does not see WebSockets (nor do Chromium's blocked URLs), so a page
#: reloaded "without a connection" connected at once and a test passed only if it looked
#: first. This script, run before the page's own, makes the WebSocket constructor throw while
#: the tab's sessionStorage holds the key; Socket.IO then falls back to polling, which
#: ``route`` does refuse.
HOLD = "test:hold-sockets"
HOLD_SOCKETS = f"""(() => {{
  const Real = window.WebSocket;
  function Held(url, protocols) {{
    if (sessionStorage.getItem("{HOLD}")) throw new DOMException("held by the test", "SecurityError");
    return protocols === undefined ? new Real(url) : new Real(url, protocols);
  }}
  Held.prototype = Real.prototype;
  Object.assign(Held, {{ CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 }});
  window.WebSocket = Held;
}})();"""

#: While the tab's sessionStorage holds this key (a number of milliseconds), every message the
#: server sends over the WebSocket reaches the page that much later, in order: a test can tap
#: again while an earlier input's answer is still on its way.
SLOW = "test:slow-replies"
SLOW_REPLIES = f"""(() => {{
  const Real = window.WebSocket;
  const onmessage = Object.getOwnPropertyDescriptor(Real.prototype, "onmessage");
  function Slow(url, protocols) {{
    const ws = protocols === undefined ? new Real(url) : new Real(url, protocols);
    Object.defineProperty(ws, "onmessage", {{
      get: () => onmessage.get.call(ws),
      set: (handler) => onmessage.set.call(ws, (event) => {{
        const ms = Number(sessionStorage.getItem("{SLOW}")) || 0;
        if (ms) setTimeout(() => handler.call(ws, event), ms); else handler.call(ws, event);
      }}),
    }});
    return ws;
  }}
  Slow.prototype = Real.prototype;
  Object.assign(Slow, {{ CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 }});
  window.WebSocket = Slow;
}})();"""


class Desk:
    """The facilitator over Socket.IO: moves the rounds and reads what the server stored."""

    def __init__(self, server, code: str, key: str):
        self.client = LiveClient(server.url, code=code, key=key).connect()

    def control(self, action: str) -> None:
        ack = self.client.call("control", {"action": action})
        assert ack["ok"], ack

    def items(self, kind: str, round_id: str) -> list[dict]:
        snapshot = self.client.call("sync")["snapshot"]
        return [i for i in snapshot["items"] if i["kind"] == kind and i["round_id"] == round_id]

    def close(self) -> None:
        self.client.close()


class Phone:
    """A phone page whose connection the test takes away and gives back."""

    def __init__(self, page, code: str):
        self.page, self.code = page, code
        self.context = page.context
        self._can_hold = False
        self._can_slow = False

    def _hold_sockets(self, hold: bool) -> None:
        if not self._can_hold:
            self.context.add_init_script(HOLD_SOCKETS)
            self._can_hold = True
        self.page.evaluate(
            "([key, hold]) => hold ? sessionStorage.setItem(key, '1') : sessionStorage.removeItem(key)", [HOLD, hold]
        )

    def slow_replies(self, ms: int) -> None:
        """From now on (0: no longer) the server's messages reach the page `ms` later. Takes
        effect for sockets opened after the first call: call it before the page connects."""
        if not self._can_slow:
            self.context.add_init_script(SLOW_REPLIES)
            self._can_slow = True
        self.page.evaluate("([key, ms]) => sessionStorage.setItem(key, String(ms))", [SLOW, ms])

    def offline(self) -> None:
        self.context.set_offline(True)
        expect(self.page.locator("#connection")).to_have_attribute("data-state", "offline")

    def queued(self) -> list[dict]:
        """What the outbox keeps in localStorage for this session (any participant)."""
        return self.page.evaluate(
            """code => Object.keys(localStorage)
            .filter(k => k.startsWith(`samenspel:outbox:${code}:`))
            .flatMap(k => JSON.parse(localStorage.getItem(k)))""",
            self.code,
        )

    def online(self, *, reload: bool = False, while_blocked=None) -> None:
        """Back online. With reload: the page reloads first while its socket still cannot
        connect (the outbox must come from localStorage), `while_blocked()` runs, then the
        socket may connect."""
        if reload:
            self._hold_sockets(True)
            self.context.route(SOCKET, lambda route: route.abort())
            self.context.set_offline(False)
            self.page.reload()
            expect(self.page.locator("#connection")).to_have_attribute("data-state", "connecting")
            if while_blocked:
                while_blocked()
            expect(self.page.locator("#connection")).not_to_have_attribute("data-state", "online")
            self._hold_sockets(False)
            self.context.unroute(SOCKET)
        else:
            self.context.set_offline(False)
        # after refused attempts Socket.IO waits up to its longest delay between tries
        expect(self.page.locator("#connection")).to_have_attribute("data-state", "online", timeout=40000)
