"""The one way the engine says no."""


class Rejected(Exception):
    """An action the rules do not allow. ``code`` is a stable machine code (see
    docs/protocol.md); ``detail`` is an English explanation for logs and developers."""

    def __init__(self, code: str, detail: str = "", **params):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.params = params
