"""Tables in one session: names and colours (names.py), the set-up and its limits
(setup.py), who sits where (assign.py) and the table actions on a session's state
(seating.py)."""
