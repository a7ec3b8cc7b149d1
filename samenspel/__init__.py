"""Samenspel: the serious game Het Nieuwe Samenspel, played live on a projector and phones."""

__version__ = "0.1.0"
