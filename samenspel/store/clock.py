"""The server's clock in milliseconds since the epoch: what deadlines are stored in."""

import time


def now_ms() -> int:
    return int(time.time() * 1000)
