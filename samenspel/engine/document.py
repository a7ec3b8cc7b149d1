"""The action plan as plain data: one document every export is rendered from.

Pure: no Flask, no database. The content of each plan section is derived from the rounds
that fill it (``plan_section`` in the rules file) and their mechanic, so every game in
``game_rules/`` gets a plan without code of its own. The shape is published as a JSON
Schema in ``docs/plan.schema.json``; the JSON export is this document as it is.

Hidden items (moderated away, merged into another card) are not part of the plan. Text
typed by players is passed on as text: every renderer escapes it for its own format. Here
it is only stripped of characters no format can carry safely (control characters, bidi
overrides, lone surrogates).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo

from samenspel.engine.flow import Status
from samenspel.engine.mechanics.vote import candidates, chosen, tally
from samenspel.engine.state import Item, Player, SessionState
from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES, Round, Text

FORMAT = "samenspel.plan"
FORMAT_VERSION = 1
#: Dates in the plan are local dates where the game is played.
TIMEZONE = ZoneInfo("Europe/Amsterdam")

# Format characters that are harmless and needed: LRM/RLM for right-to-left text, ZWNJ/ZWJ
# for scripts and emoji sequences. Every other format character (bidi overrides and
# isolates, which can reorder the text around them) is dropped.
_KEEP_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f"}
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\u0085": "\n"}


def clean(value: Any) -> str:
    """Text as every format can carry it: newlines kept, tabs as spaces, no other control
    or format characters, no lone surrogates or XML non-characters."""
    if value is None:
        return ""
    text = str(value)
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text = text.replace("\t", " ")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\n" or ch in _KEEP_FORMAT:
            kept.append(ch)
        elif category in ("Cc", "Cs", "Cf") or ch in ("\ufffe", "\uffff"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()


def build_document(session: SessionState, info: Mapping[str, Any], lang: str = "nl", *,
                   anonymous: bool = False, now: dt.datetime | None = None) -> dict:
    """The plan of ``session`` in ``lang``; ``info`` holds the session's own fields
    (code, title, question, place, created_ms, ended_ms, optionally date "YYYY-MM-DD")."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    now = now or dt.datetime.now(dt.timezone.utc)
    builder = _Builder(session, lang, anonymous)
    sections = builder.sections()
    steps = [s for section in sections for b in section["blocks"] if b["type"] == "plan" for s in b["steps"]]
    game = session.game
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "status": "final" if session.flow.status is Status.ENDED else "draft",
        "generated_at": now.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "anonymous": anonymous,
        "initiative": {
            "code": clean(info.get("code")),
            "title": clean(info.get("title")),
            "question": clean(info.get("question")),
            "place": clean(info.get("place")),
            "date": _session_date(info, now),
        },
        "game": {"id": game.id, "version": game.version, "title": game.title.get(lang),
                 "minutes": game.minutes},
        "participants": builder.participants(),
        "summary": _summary(session, sections, steps),
        "sections": sections,
        "follow_up": _follow_up(steps),
    }


def _session_date(info: Mapping[str, Any], now: dt.datetime) -> str:
    if info.get("date"):
        return dt.date.fromisoformat(str(info["date"])).isoformat()
    ms = info.get("ended_ms") or info.get("created_ms")
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc) if ms else now
    return moment.astimezone(TIMEZONE).date().isoformat()


class _Builder:
    def __init__(self, session: SessionState, lang: str, anonymous: bool):
        self.session = session
        self.game = session.game
        self.lang = lang
        self.anonymous = anonymous
        self.players = {p.id: p for p in session.players}
        self.role_order = {r.id: i for i, r in enumerate(self.game.roles)}

    # --- people ---------------------------------------------------------------------------

    def role_name(self, role_id: str | None) -> str:
        role = self.game.role(role_id or "")
        return role.name.get(self.lang) if role else clean(role_id)

    def author(self, item: Item, rnd: Round) -> dict | None:
        """Who wrote an item: name and role; no name when the plan is anonymous, nobody at
        all when the round itself is anonymous."""
        player = self.players.get(item.author_id)
        if player is None or rnd.settings.get("anonymous"):
            return None
        return {"name": None if self.anonymous else clean(player.name), "role": player.role,
                "role_name": self.role_name(player.role)}

    def person(self, name: str, player_id: int | None = None) -> str:
        """A name typed in a step (owner, partner): replaced by the role when the plan is
        anonymous and it is one of the players."""
        name = clean(name)
        if not self.anonymous or not name:
            return name
        player = self.players.get(player_id) if player_id is not None else None
        player = player or next((p for p in self.session.players
                                 if clean(p.name).casefold() == name.casefold()), None)
        return self.role_name(player.role) if player else name

    def participants(self) -> dict:
        by_role: dict[str, list[Player]] = {}
        for player in sorted(self.session.players, key=lambda p: p.id):
            by_role.setdefault(player.role, []).append(player)
        roles = []
        for role_id in sorted(by_role, key=lambda r: (self.role_order.get(r, len(self.role_order)), r)):
            role = self.game.role(role_id)
            entry = {"id": role_id, "name": self.role_name(role_id),
                     "colour": role.colour if role else None, "count": len(by_role[role_id])}
            if not self.anonymous:
                entry["names"] = [clean(p.name) for p in by_role[role_id]]
            roles.append(entry)
        return {"total": len(self.session.players), "roles": roles}

    # --- sections -------------------------------------------------------------------------

    def sections(self) -> list[dict]:
        declared = [(s.id, s.heading.get(self.lang)) for s in self.game.plan_sections]
        known = {sid for sid, _ in declared}
        for rnd in self.game.rounds:  # a round filling a section the plan does not list
            if rnd.plan_section and rnd.plan_section not in known:
                declared.append((rnd.plan_section, rnd.title.get(self.lang)))
                known.add(rnd.plan_section)
        return [{"id": sid, "heading": heading,
                 "blocks": [self.block(r) for r in self.game.rounds if r.plan_section == sid]}
                for sid, heading in declared]

    def round_state(self, rnd: Round) -> str:
        flow, index = self.session.flow, self.game.round_index(rnd.id)
        if flow.round_index is None or index > flow.round_index:
            return "not_played"
        if index < flow.round_index or flow.status is Status.ENDED:
            return "played"
        return "in_progress"

    def block(self, rnd: Round) -> dict:
        block = {"type": rnd.mechanic,
                 "round": {"id": rnd.id, "title": rnd.title.get(self.lang),
                           "prompt": rnd.prompt.get(self.lang), "state": self.round_state(rnd)}}
        content = getattr(self, f"_{rnd.mechanic}", None)
        if content is not None:
            block.update(content(rnd))
        return block

    def visible(self, rnd: Round, kind: str) -> list[Item]:
        return [i for i in self.session.items_of(rnd.id, kind) if not i.hidden]

    def _introduce(self, rnd: Round) -> dict:
        entries = sorted(self.visible(rnd, "intro"), key=lambda i: (self._role_rank(i), i.id))
        return {"entries": [{"id": i.id, "text": clean(i.data.get("text")), "author": self.author(i, rnd)}
                            for i in entries]}

    def _role_rank(self, item: Item) -> int:
        player = self.players.get(item.author_id)
        return self.role_order.get(player.role if player else "", len(self.role_order))

    def _cards(self, rnd: Round) -> dict:
        settings = rnd.settings
        cards = self.visible(rnd, "card")
        if settings.get("perspective_swap"):
            group_by = "as"
        else:
            group_by = settings.get("group_by") if settings.get("group_by") in ("role", "category") else None
        return {"group_by": group_by, "groups": self._groups(rnd, cards, group_by)}

    def _groups(self, rnd: Round, cards: list[Item], group_by: str | None) -> list[dict]:
        if group_by is None:
            return [{"id": None, "label": None, "colour": None, "cards": [self.card(c, rnd) for c in cards]}] \
                if cards else []
        if group_by == "category":
            order = [(c["id"], _text(c.get("name"), self.lang) or c["id"], None)
                     for c in rnd.settings.get("categories") or ()]

            def key(card: Item):
                return card.data.get("category")
        else:
            order = [(r.id, r.name.get(self.lang), r.colour) for r in self.game.roles]

            def key(card: Item):
                if group_by == "as":
                    return card.data.get("as")
                player = self.players.get(card.author_id)
                return player.role if player else None
        buckets: dict[Any, list[Item]] = {}
        for card in cards:
            buckets.setdefault(key(card), []).append(card)
        groups = [{"id": gid, "label": label, "colour": colour,
                   "cards": [self.card(c, rnd) for c in buckets.pop(gid)]}
                  for gid, label, colour in order if gid in buckets]
        for gid in sorted(buckets, key=lambda g: (g is None, str(g))):  # unknown or no group
            label = None if gid is None else clean(gid) if group_by == "category" else self.role_name(gid)
            groups.append({"id": gid, "label": label, "colour": None,
                           "cards": [self.card(c, rnd) for c in buckets[gid]]})
        return groups

    def card(self, item: Item, rnd: Round) -> dict:
        card = {"id": item.id, "text": clean(item.data.get("text")), "author": self.author(item, rnd)}
        if item.data.get("as"):
            card["as"] = item.data["as"]
            card["as_name"] = self.role_name(item.data["as"])
        if item.data.get("category"):
            card["category"] = item.data["category"]
        merged = [m for m in item.data.get("merged_from") or () if self._merged_away(m)]
        if merged:
            card["merged"] = len(merged)
        return card

    def _merged_away(self, item_id: int) -> bool:
        item = next((i for i in self.session.items if i.id == item_id), None)
        return item is not None and item.hidden

    def _vote(self, rnd: Round) -> dict:
        source = self.game.round(rnd.settings["from_round"])
        counts = tally(self.session, rnd)
        top = chosen(self.session, rnd)
        ideas = sorted(candidates(self.session, rnd), key=lambda c: (-counts[c.id], c.id))
        return {
            "from_round": rnd.settings["from_round"],
            "votes_per_player": rnd.settings.get("votes_per_player"),
            "voters": len(self.visible(rnd, "ballot")),
            "votes_cast": sum(counts[c.id] for c in ideas),
            "chosen": [{"id": c.id, "rank": top.index(c.id) + 1, "text": clean(c.data.get("text")),
                        "votes": counts[c.id]} for c in ideas if c.id in top],
            "ideas": [{"id": c.id, "text": clean(c.data.get("text")), "votes": counts[c.id],
                       "chosen": c.id in top, "author": self.author(c, source)} for c in ideas],
        }

    def _plan(self, rnd: Round) -> dict:
        vote_round = self.game.round(rnd.settings.get("ideas_from") or "")
        cards: dict[int, Item] = {}
        chosen_ideas: list[dict] = []
        if vote_round is not None and vote_round.mechanic == "vote":
            cards = {c.id: c for c in self.session.items_of(vote_round.settings["from_round"], "card")}
            counts = tally(self.session, vote_round)
            chosen_ideas = [{"id": cid, "text": clean(cards[cid].data.get("text")), "votes": counts[cid]}
                            for cid in chosen(self.session, vote_round)]
        chosen_ids = {i["id"] for i in chosen_ideas}
        steps = sorted(self.visible(rnd, "step"),
                       key=lambda s: (not s.data.get("due"), s.data.get("due") or "", s.id))
        return {"fields": list(rnd.settings.get("fields") or ()), "ideas": chosen_ideas,
                "steps": [self.step(s, n, cards, chosen_ids) for n, s in enumerate(steps, 1)]}

    def step(self, item: Item, number: int, cards: Mapping[int, Item], chosen_ids: set[int]) -> dict:
        data = item.data
        idea = cards.get(data.get("idea")) if data.get("idea") is not None else None
        return {
            "id": item.id, "number": number,
            "what": clean(data.get("what")),
            "owner": self.person(data.get("owner") or "", data.get("owner_id")),
            "partners": [p for p in (self.person(p) for p in data.get("partners") or ()) if p],
            "due": _iso_date(data.get("due")),
            "needs": clean(data.get("needs")),
            "idea": {"id": idea.id, "text": clean(idea.data.get("text")), "chosen": idea.id in chosen_ids}
            if idea is not None else None,
        }

    def _rate(self, rnd: Round) -> dict:
        ratings = self.visible(rnd, "rating")
        items = []
        for entry in rnd.settings.get("items") or ():
            scores = [r.data["scores"][entry["id"]] for r in ratings
                      if isinstance(r.data.get("scores", {}).get(entry["id"]), int)]
            items.append({"id": entry["id"], "label": _text(entry.get("label"), self.lang) or entry["id"],
                          "average": round(sum(scores) / len(scores), 2) if scores else None,
                          "count": len(scores)})
        scale = rnd.settings.get("scale") or {"min": 1, "max": 5}
        words = sorted((clean(r.data.get("word")) for r in ratings if clean(r.data.get("word"))),
                       key=str.casefold)
        return {"scale": {"min": scale["min"], "max": scale["max"]}, "items": items,
                "respondents": len(ratings), "words": words}


def _text(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Mapping):
        return Text(value.get("nl", ""), value.get("en", "")).get(lang)
    return clean(value)


def _iso_date(value: Any) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) and value else None
    except ValueError:
        return None


def _blocks(sections: Iterable[dict], kind: str) -> list[dict]:
    return [b for s in sections for b in s["blocks"] if b["type"] == kind]


def _summary(session: SessionState, sections: list[dict], steps: list[dict]) -> dict:
    cards = sum(len(g["cards"]) for b in _blocks(sections, "cards") for g in b["groups"])
    votes = _blocks(sections, "vote")
    rates = _blocks(sections, "rate")
    return {
        "participants": len(session.players),
        "introductions": sum(len(b["entries"]) for b in _blocks(sections, "introduce")),
        "cards": cards,
        "ideas": sum(len(b["ideas"]) for b in votes),
        "chosen": sum(len(b["chosen"]) for b in votes),
        "votes": sum(b["votes_cast"] for b in votes),
        "steps": len(steps),
        "steps_with_owner": sum(1 for s in steps if s["owner"]),
        "steps_with_date": sum(1 for s in steps if s["due"]),
        "respondents": sum(b["respondents"] for b in rates),
    }


def _follow_up(steps: list[dict]) -> dict:
    def ref(step: dict) -> dict:
        return {"id": step["id"], "number": step["number"], "what": step["what"],
                "owner": step["owner"], "due": step["due"]}

    dated = sorted((s for s in steps if s["due"]), key=lambda s: (s["due"], s["number"]))
    return {"next": [ref(s) for s in dated[:3]],
            "without_owner": [ref(s) for s in steps if not s["owner"]],
            "without_date": [ref(s) for s in steps if not s["due"]]}


__all__ = ["FORMAT", "FORMAT_VERSION", "build_document", "clean"]
