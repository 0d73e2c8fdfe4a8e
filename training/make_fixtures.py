"""Test vectors proving the TypeScript side matches the Python side.

test/fixtures/tokenizer-vectors.json: thousands of strings (movie texts, accents, CJK,
RTL, emoji, punctuation, field syntax, very long strings, seeded random Unicode) with
the token ids training/tokenizer.py gives them.
test/fixtures/model-reference.json: ~50 strings with the shipped model's embedding and
popularity, computed in PyTorch from the same int8 weights the ONNX file holds.
"""
import json
import os
import random
import unicodedata

import torch

import tokenizer as tok

HAND = [
    "", " ", "\n", "The Matrix", "Matrix, The (1999)", "THE MATRIX\nyear: 1999\ngenres: Action|Sci-Fi",
    "Amélie\nyear: 2001\ngenres: Comedy|Romance\naka: Le Fabuleux destin d'Amélie Poulain",
    "Crème brûlée à la façon de Noël", "Ærøskøbing Øst", "straße STRASSE ß ẞ", "İstanbul ıi Iı", "ΣΊΣΥΦΟΣ σοφός",
    "千と千尋の神隠し\nyear: 2001", "기생충 (2019)", "霸王别姬", "Ｆｕｌｌｗｉｄｔｈ　ｔｅｘｔ １９９９",
    "ﬁnal ﬂight ﬀ", "① ② ③ ½ ²", "עַל הַגַּג", "مرحبا بالعالم\ngenres: دراما", "नमस्ते दुनिया", "สวัสดีครับ",
    "👩‍👩‍👧‍👦 family 🎬🍿", "🇫🇷 flag 🏳️‍🌈", "e\u0301 vs é", "A&B & C&&D", "rock'n'roll don’t ʼokina",
    "Fast & Furious\nyear: 2009\ngenres: Action|Crime|Thriller\nkind: series",
    "\nabout: dark space thriller", "\ngenres: Horror\nabout: scary haunted house", "year: 1999",
    "Title\nyear: 99\ngenres:||Drama||", "Title\nyear:2020\nyear: 1990", "Title\r\nyear: 1984\r\ngenres: Drama",
    "Title\n  about : spaced field", "Title\nABOUT: upper field\nGenres: Comedy", "Title\nunknown: line of text",
    "x" * 3000, ("word " * 700).strip(), "a-b_c.d,e;f:g!h?i(j)k[l]m{n}o/p\\q|r@s#t$u%v^w*x+y=z~",
    "\t tabs\tand\u00a0nbsp\u2003em\u200bzwsp", "ǅemal ǈ ǋ", "ÅNGSTRÖM Å", "Ⅻ ⅻ ℃ ™ №", "x\u0000y\u0007z",
    "ﷺ ﷽", "𝔉𝔯𝔞𝔨𝔱𝔲𝔯 𝐁𝐨𝐥𝐝", "ㄱㄴㄷ 가각", "Ǆ ǅ ǆ", "ɐ ʁ ʃ ʒ", "ß" * 10, "1999 2000 (2001)", "Se7en\nyear: 1995",
]


def assigned(cp):
    c = chr(cp)
    cat = unicodedata.category(c)
    return cat not in ("Cn", "Cs", "Co")


def random_strings(rng, n):
    pools = [
        (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF),
        (0x900, 0x97F), (0xE00, 0xE7F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2460, 0x24FF),
        (0x3040, 0x30FF), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0xFB00, 0xFB4F), (0xFF00, 0xFFEF),
        (0x1D400, 0x1D4FF), (0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF),
    ]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            lo, hi = rng.choice(pools)
            k = rng.randint(1, 12)
            cps = [rng.randint(lo, hi) for _ in range(k)]
            parts.append("".join(chr(c) for c in cps if assigned(c)))
        s = rng.choice([" ", "", "\n", ", ", "-"]).join(parts)
        r = rng.random()
        if r < 0.2:
            s = s + f"\nyear: {rng.randint(1900, 2030)}"
        elif r < 0.35:
            s = s + "\ngenres: " + "|".join(rng.choice(["Drama", "Sci-Fi", "Comedy", parts[0]]) for _ in range(3))
        elif r < 0.45:
            s = "\nabout: " + s
        out.append(s)
    return out


def write(export, texts, fx):
    rng = random.Random(1234)
    movie_texts = [t["text"] for t in rng.sample(texts, 1500)]
    strings = HAND + movie_texts + random_strings(rng, 1500)
    vectors = [{"text": s, "ids": tok.tokenize(s)} for s in strings]
    with open(os.path.join(fx, "tokenizer-vectors.json"), "w", encoding="utf-8") as f:
        json.dump({"spec": tok.SPEC["version"], "vectors": vectors}, f, ensure_ascii=False, separators=(",", ":"))

    ref_texts = HAND[:24] + [t["text"] for t in texts[:20]] + [
        "The Matrix\nyear: 1999\ngenres: Action|Sci-Fi|Thriller",
        "Some Film Nobody Made\nyear: 2031\ngenres: Horror",
        "\ngenres: Thriller\nabout: dark space thriller",
        "x" * 3000,
        "Toy Story\nyear: 1995\ngenres: Adventure|Animation|Children|Comedy|Fantasy\nabout: toys come alive",
        "Amélie\nyear: 2001",
    ]
    refs = []
    with torch.no_grad():
        for s in ref_texts:
            ids = tok.tokenize(s) or [0]
            mask = [1.0 if i else 0.0 for i in ids] if tok.tokenize(s) else [0.0]
            e, p = export(torch.tensor([ids], dtype=torch.int32), torch.tensor([mask]))
            refs.append({"text": s, "embedding": [float(x) for x in e[0]], "popularity": float(p[0])})
    with open(os.path.join(fx, "model-reference.json"), "w", encoding="utf-8") as f:
        json.dump({"references": refs}, f, ensure_ascii=False)
