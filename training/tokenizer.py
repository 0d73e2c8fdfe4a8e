"""The featuriser, Python side: item text -> hashed token ids.

Must produce exactly what src/model/tokenizer.ts produces; the test vectors written by
training/make_fixtures.py and checked by src/model/tokenizer.test.ts prove it. The
algorithm is documented in src/model/tokenizer.ts and models/tokenizer.json.
"""
import re
import unicodedata

SPEC = {
    "version": "tasteful-tok-1",
    "buckets": 65536,
    "maxTokens": 64,
    "maxInputCodePoints": 2048,
    "maxTitleWords": 24,
    "maxAboutWords": 48,
    "hash": {"name": "fnv1a32", "offsetBasis": 2166136261, "prime": 16777619, "encoding": "utf-8"},
}

# Explicit [ \t] and DOTALL: \s and . differ between the JS and Python regex engines.
FIELD = re.compile(r"^[ \t]*(year|genres|kind|aka|about)[ \t]*:(.*)\Z", re.S)
YEAR = re.compile(r"^[ \t]*([0-9]{4})[ \t]*\Z")


def fnv1a32(s, basis=SPEC["hash"]["offsetBasis"], prime=SPEC["hash"]["prime"]):
    h = basis
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * prime) & 0xFFFFFFFF
    return h


def normalize_text(s, max_cp=SPEC["maxInputCodePoints"]):
    s = s[:max_cp].replace("\r\n", "\n").replace("\r", "\n")
    s = unicodedata.normalize("NFKD", s).lower()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    for a in ("'", "\u2019", "\u02bc"):
        s = s.replace(a, "")
    return s.replace("&", " and ")


def words(s, max_words):
    out, cur = [], []
    for c in s:
        if unicodedata.category(c)[0] in "LN":
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out[:max_words]


def token_strings(text, spec=SPEC):
    lines = normalize_text(text, spec["maxInputCodePoints"]).split("\n")
    title_words = words(lines[0], spec["maxTitleWords"])
    year = None
    genres, kinds, akas, about = [], [], [], []
    for line in lines[1:]:
        m = FIELD.match(line)
        name = m.group(1) if m else None
        value = m.group(2) if m else line
        if name == "year":
            y = YEAR.match(value)
            if y and year is None:
                year = y.group(1)
        elif name in ("genres", "aka"):
            for part in value.split("|"):
                w = " ".join(words(part, spec["maxTitleWords"]))
                if w:
                    (genres if name == "genres" else akas).append(w)
        elif name == "kind":
            w = " ".join(words(value, spec["maxTitleWords"]))
            if w:
                kinds.append(w)
        else:
            about.extend(words(value, spec["maxAboutWords"]))

    out, seen = [], set()

    def add(t):
        if len(out) < spec["maxTokens"] and t not in seen:
            seen.add(t)
            out.append(t)

    title = " ".join(title_words)
    if title and year is not None:
        add(f"ty:{title}|{year}")
    if title:
        add(f"t:{title}")
    for a in akas:
        add(f"t:{a}")
    if year is not None:
        add(f"y:{year}")
        add(f"d:{year[:3]}")
    for g in genres:
        add(f"g:{g}")
    for k in kinds:
        add(f"k:{k}")
    for w in title_words:
        add(f"w:{w}")
    for i in range(len(title_words) - 1):
        add(f"b:{title_words[i]} {title_words[i + 1]}")
    for w in title_words:
        cps = "<" + w + ">"
        for i in range(len(cps) - 2):
            add(f"c:{cps[i:i + 3]}")
    for w in about[: spec["maxAboutWords"]]:
        add(f"a:{w}")
    return out


def token_id(tok, spec=SPEC):
    return 1 + fnv1a32(tok) % (spec["buckets"] - 1)


def tokenize(text, spec=SPEC):
    return [token_id(t, spec) for t in token_strings(text, spec)]
