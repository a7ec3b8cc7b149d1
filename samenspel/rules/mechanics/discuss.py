"""``discuss``: talk in the room; the phones show the prompt and the timer. No settings."""

from samenspel.rules.settings import MechanicSettings

SETTINGS = MechanicSettings(
    key="discuss",
    summary="talk, no input on the phones",
    properties={},
    defaults={},
)
