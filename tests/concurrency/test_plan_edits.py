"""Two phones edit the same field of a plan step from the same revision at the same moment
(issue 9, found 1): exactly one edit wins, the other is refused with ``conflict`` carrying
the winner's text and revision; the stored text is the winner's, nothing silently lost."""

from tests.support.races import Table, Tally, at_once, play_to, replay_problems

TRIALS_PER_SESSION = 50
SESSIONS = 3


def judge(acks, texts, base_rev) -> tuple[list[str], dict | None]:
    """Problems with one pair of edits, and the winning item."""
    if any(not isinstance(a, dict) for a in acks):
        return [f"no ack: {acks}"], None
    won = [(a, t) for a, t in zip(acks, texts) if a.get("ok")]
    lost = [a for a in acks if not a.get("ok")]
    if len(won) != 1:
        return [
            f"{len(won)} edits acknowledged from rev {base_rev}: {[a.get('item', {}).get('rev') for a, _ in won]}"
        ], won[0][0]["item"] if won else None
    winner, text = won[0]
    error = lost[0]["error"]
    problems = []
    if winner["item"]["what"] != text or winner["item"]["rev"]["what"] != base_rev + 1:
        problems.append(f"winner stored {winner['item']['what']!r} rev {winner['item']['rev']['what']}")
    if (error.get("code"), error.get("field"), error.get("current"), error.get("rev")) != (
        "conflict",
        "what",
        text,
        base_rev + 1,
    ):
        problems.append(f"loser got {error}, expected conflict with {text!r} rev {base_rev + 1}")
    return problems, winner["item"]


def test_same_field_same_base_one_wins_the_other_hears_conflict(topo):
    tally = Tally(f"two edits of one plan field on {topo.name}")
    for session in range(SESSIONS):
        code, key = topo.open_game()
        fatima = topo.join(code, "Fatima", "inwoner")
        henk = topo.join(code, "Henk", "ambtenaar", side=1)
        table = Table(topo)
        try:
            console = table.connect(0, code=code, key=key)
            phones = [
                table.connect(0, code=code, token=fatima["token"]),
                table.connect(1, code=code, token=henk["token"]),
            ]
            play_to(console, "actiepad")
            step = phones[0].call(
                "step:add", {"round_id": "actiepad", "what": "Grond vinden", "client_id": f"race-step-{session:04d}"}
            )["item"]
            rev = step["rev"]["what"]
            for trial in range(TRIALS_PER_SESSION):
                texts = [f"Fatima {trial}", f"Henk {trial}"]
                acks = at_once(
                    *[
                        lambda p=p, t=t: p.call("step:edit", {"id": step["id"], "what": t, "base": {"what": rev}})
                        for p, t in zip(phones, texts)
                    ]
                )
                problems, item = judge(acks, texts, rev)
                stored = topo.item(step["id"])
                if item is not None and stored["what"] != item["what"]:
                    problems.append(f"stored {stored['what']!r}, acknowledged {item['what']!r}")
                rev = stored["rev"]["what"]
                tally.trial(problems)
            tally.trial(replay_problems(topo.stored(code)))
        finally:
            table.close()
    tally.check()
