"""Train Tasteful's title-embedding model on MovieLens and export it to ONNX.

    /usr/bin/python3 training/train.py --data ../shared/data/movielens/ml-latest-small --out models/

What it learns: the text tower IS the item representation. Every movie's text (built by
src/model/text.ts, the same code the extension runs on page titles) is hashed into
tokens (training/tokenizer.py), pooled, passed through a small residual MLP and
L2-normalised. Training is sequence-aware: for each position of a user's time-ordered
history, a recency-weighted pool of the previous items' embeddings (the same profile
rule scripts/core/profile.ts applies) must pick the next item out of all ~9.7k movies (full
softmax, already-seen items masked, as at ranking time). A second head predicts a
popularity logit from text that is added to the score, so cold-start ranking and the
bias term come from the same objective. Identity tokens (title+year) are dropped at
random so genre, year and title-word tokens learn to carry the signal for unseen titles;
an auxiliary view maps a movie's user tags (as "about:" text) onto the movie so free-text
queries land in the same space.

20% of users (fixed seed) are held out of training entirely; they are the dev split
used by scripts/eval.ts and test/model-quality.test.ts.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tokenizer as tok  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_VERSION = "tasteful-ml-2"
# Ranking settings tuned on the dev split with scripts/eval.ts (half-life 2..8 items,
# popularity weight 1/scale..0.12); the learned values are kept under "training".
RANKING = {"halfLifeItems": 3, "popWeight": 0.1}


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="folder with ml-latest-small CSVs")
    p.add_argument("--out", default="models/")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--lr", type=float, default=4e-3)
    p.add_argument("--token-drop", type=float, default=0.1)
    p.add_argument("--ident-drop", type=float, default=0.25, help="extra dropout of title identity tokens")
    p.add_argument("--field-drop", type=float, default=0.0,
                   help="per item and step, drop its year tokens (ty:, y:, d:) with this probability, and "
                        "independently its genre tokens: pages that show a bare title embed like the full text")
    p.add_argument("--bare-weight", type=float, default=0.0,
                   help="weight of a consistency loss pulling each item's bare-title embedding (no year, no "
                        "genre tokens) and popularity toward its full text's (stopped gradient)")
    p.add_argument("--table-lr", type=float, default=5.0, help="table lr multiplier")
    p.add_argument("--tag-weight", type=float, default=0.2)
    p.add_argument("--dev-last", type=int, default=5, help="positions per dev user in the per-epoch dev check")
    p.add_argument("--max-positions", type=int, default=200, help="latest positions per user used as examples")
    p.add_argument("--context", type=int, default=50, help="history items pooled per example")
    p.add_argument("--half-life", type=float, default=8.0, help="initial recency half-life in items")
    p.add_argument("--holdout", type=float, default=0.2)
    p.add_argument("--taste-weight", type=float, default=0.0,
                   help="weight of the taste objective: an unordered sample of a user's titles must pick a held-out one")
    p.add_argument("--split", help="a split file (training/splits.ts): train on its 'train' users only, "
                   "check each epoch on its 'dev' users; for the evaluation under shift, not for shipping")
    p.add_argument("--fixtures", default=None,
                   help="where test vectors go (default test/fixtures, and none with --split: a split's "
                        "encoder is an experiment, and the fixtures belong to the shipped one)")
    return p.parse_args()


def seed_all(seed):
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [[c.strip("\r") for c in r] for r in rows[1:] if r]


def build_texts(movies_csv):
    out = os.path.join("/tmp", f"tasteful-texts-{os.getpid()}.json")
    subprocess.run(["npx", "tsx", os.path.join(ROOT, "training/build_texts.ts"), movies_csv, out], check=True, cwd=ROOT)
    with open(out, encoding="utf-8") as f:
        data = json.load(f)
    os.remove(out)
    return data


def pad(rows, width=None):
    width = width or max(1, max(len(r) for r in rows))
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return torch.from_numpy(ids), torch.from_numpy(mask)


class TextTower(nn.Module):
    def __init__(self, buckets, dim):
        super().__init__()
        self.table = nn.Embedding(buckets, dim)
        nn.init.normal_(self.table.weight, std=0.1)
        self.fc1 = nn.Linear(dim, 2 * dim)
        self.fc2 = nn.Linear(2 * dim, dim)
        nn.init.zeros_(self.fc2.weight)
        self.pop = nn.Linear(dim, 1)

    def pooled(self, ids, mask):
        rows = self.table(ids) * mask.unsqueeze(-1)
        return rows.sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)

    def head(self, x):
        h = x + self.fc2(F.relu(self.fc1(x)))
        e = h / h.norm(dim=-1, keepdim=True).clamp(min=1e-6)
        return e, self.pop(x).squeeze(-1)

    def forward(self, ids, mask):
        return self.head(self.pooled(ids, mask))


class ExportTower(nn.Module):
    """The shipped graph: int8 table + per-row scales, dequantised in-graph."""

    def __init__(self, tower, q, scales):
        super().__init__()
        self.register_buffer("q", q)
        self.register_buffer("scales", scales)
        self.fc1, self.fc2, self.pop = tower.fc1, tower.fc2, tower.pop

    def forward(self, ids, mask):
        idx = ids.long()
        rows = self.q[idx].float() * self.scales[idx]
        m = mask.unsqueeze(-1)
        x = (rows * m).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        h = x + self.fc2(F.relu(self.fc1(x)))
        e = h / h.norm(dim=-1, keepdim=True).clamp(min=1e-6)
        return e, self.pop(x).squeeze(-1)


def quantize(weight, used):
    w = weight.detach().clone()
    w[~used] = 0.0  # buckets no training text hashed to stay neutral instead of noise
    scales = w.abs().max(dim=1, keepdim=True).values / 127.0
    scales[scales == 0] = 1.0
    q = torch.round(w / scales).clamp(-127, 127).to(torch.int8)
    return q, scales.float()


def item_bags(item_ids, item_mask, ident, field):
    """Flat token lists for EmbeddingBag (fast training path; the export avoids it)."""
    flat = item_ids[item_mask > 0]
    flat_ident = ident[item_mask > 0]
    flat_field = field[item_mask > 0]
    lens = item_mask.sum(1).long()
    offsets = torch.cat([torch.zeros(1, dtype=torch.long), lens.cumsum(0)[:-1]])
    owner = torch.repeat_interleave(torch.arange(item_ids.shape[0]), lens)
    return flat, flat_ident, flat_field, offsets, owner


def encode_items(model, bags, drop, ident_drop, field_drop=0.0, bare=False):
    flat, flat_ident, flat_field, offsets, owner = bags
    keep = (torch.rand(flat.shape[0]) >= (drop + ident_drop * flat_ident)).float()
    if bare:
        # The title alone, as a page that shows no year and no genres gives it.
        keep = keep * (flat_field == 0).float()
    if field_drop > 0:
        # Whole fields of an item go together: a page shows the year or it does not.
        n = offsets.shape[0]
        no_year = (torch.rand(n) < field_drop)[owner] & (flat_field == 1)
        no_genre = (torch.rand(n) < field_drop)[owner] & (flat_field == 2)
        keep = keep * (~(no_year | no_genre)).float()
    x = F.embedding_bag(flat, model.table.weight, offsets, mode="sum", per_sample_weights=keep)
    cnt = torch.zeros(offsets.shape[0]).index_add_(0, owner, keep)
    return model.head(x / cnt.clamp(min=1.0).unsqueeze(-1))


def profiles(E, ctx, log_hl, n_items):
    """Recency-weighted pool of context items (newest last), L2-normalised: scripts/core/profile.ts."""
    L = ctx.shape[1]
    ages = torch.arange(L - 1, -1, -1, dtype=torch.float32)
    Ez = torch.cat([E, torch.zeros(1, E.shape[1])])
    w = torch.pow(0.5, ages / log_hl.exp()).unsqueeze(0) * (ctx < n_items).float()
    p = (F.embedding(ctx, Ez) * w.unsqueeze(-1)).sum(1)
    return p / p.norm(dim=-1, keepdim=True).clamp(min=1e-6)


def batch_arrays(seqs, pairs, L, n_items):
    ctx = np.full((len(pairs), L), n_items, dtype=np.int64)
    hl = max(t for _, t in pairs)
    hidx = np.full((len(pairs), hl), n_items, dtype=np.int64)
    targets = np.zeros(len(pairs), dtype=np.int64)
    for r, (u, t) in enumerate(pairs):
        s = seqs[u]
        c = s[max(0, t - L):t]
        ctx[r, L - len(c):] = c
        hidx[r, :t] = s[:t]
        targets[r] = s[t]
    return torch.from_numpy(ctx), torch.from_numpy(hidx), torch.from_numpy(targets)


def dev_eval(E, pop, scale, log_hl, dev_seqs, L, last=1):
    """Leave-last-out NDCG@10/HR@10 on held-out users, candidates = items they rated."""
    n_items = E.shape[0]
    cand = np.zeros(n_items + 1, dtype=bool)
    for s in dev_seqs:
        cand[s] = True
    pairs = [(u, len(s) - k) for u, s in enumerate(dev_seqs) for k in range(1, last + 1) if len(s) - k >= 1]
    ctx, hidx, tgt = batch_arrays(dev_seqs, pairs, L, n_items)
    with torch.no_grad():
        p = profiles(E, ctx, log_hl, n_items)
        sc = p @ E.T + pop.unsqueeze(0) / scale
        sc = torch.cat([sc, torch.zeros(len(pairs), 1)], 1)
        sc[:, ~torch.from_numpy(cand)] = -1e9
        sc = sc.scatter(1, hidx, -1e9)[:, :n_items]
        t = sc.gather(1, tgt.unsqueeze(1))
        rank = (sc > t).sum(1).numpy()
    hit = rank < 10
    return float(np.mean(hit / np.log2(rank + 2))), float(np.mean(hit))


def taste_batch(seqs, rng, size, L, n_items):
    """Taste examples: per sampled user, up to L of their titles in random order (no recency) as
    context, one other title of theirs as the answer: what a badge asks (would this person like it?)."""
    users = rng.randint(0, len(seqs), size=size)
    ctx = np.full((size, L), n_items, dtype=np.int64)
    tgt = np.zeros(size, dtype=np.int64)
    for r, u in enumerate(users):
        s = seqs[u]
        perm = rng.permutation(len(s))
        k = min(L, max(1, int(0.8 * len(s))))
        ctx[r, :k] = s[perm[:k]]
        tgt[r] = s[perm[k]] if k < len(s) else s[perm[-1]]
    return torch.from_numpy(ctx), torch.from_numpy(tgt)


def taste_profiles(E, ctx, n_items):
    Ez = torch.cat([E, torch.zeros(1, E.shape[1])])
    p = F.embedding(ctx, Ez).sum(1)
    return p / p.norm(dim=-1, keepdim=True).clamp(min=1e-6)


def train_joint(a, model, bags, seq_arrays, ex_pairs, dev_seqs, tag_ids, tag_mask, tag_target, n_items, rng, t0):
    log_scale = nn.Parameter(torch.tensor(math.log(10.0)))
    log_hl = nn.Parameter(torch.tensor(math.log(a.half_life)))
    log_scale_t = nn.Parameter(torch.tensor(math.log(10.0)))
    # Dense Adam on the table: on 2 CPU cores it is several times faster than SparseAdam,
    # whose gradient coalescing dominates a step.
    opt = torch.optim.Adam([p for n, p in model.named_parameters() if n != "table.weight"] + [log_scale, log_hl, log_scale_t], lr=a.lr)
    opt_t = torch.optim.Adam([model.table.weight], lr=a.lr * a.table_lr)
    steps = math.ceil(len(ex_pairs) / a.batch)
    total = steps * a.epochs
    scheds = [torch.optim.lr_scheduler.OneCycleLR(o, max_lr=o.defaults["lr"], total_steps=total, pct_start=0.1)
              for o in (opt, opt_t)]
    for epoch in range(a.epochs):
        model.train()
        order = rng.permutation(len(ex_pairs))
        tot = 0.0
        for b in range(steps):
            pairs = [ex_pairs[i] for i in order[b * a.batch:(b + 1) * a.batch]]
            ctx, hidx, tgt = batch_arrays(seq_arrays, pairs, a.context, n_items)
            E, pop = encode_items(model, bags, a.token_drop, a.ident_drop, a.field_drop)
            prof = profiles(E, ctx, log_hl, n_items)
            logits = log_scale.exp() * prof @ E.T + pop.unsqueeze(0)
            # Seen items can never be the answer at ranking time: mask them (and the pad column).
            logits = torch.cat([logits, torch.zeros(len(pairs), 1)], 1).scatter(1, hidx, -1e4)[:, :n_items]
            loss = F.cross_entropy(logits, tgt)
            tsel = torch.from_numpy(rng.choice(len(tag_target), size=min(128, len(tag_target)), replace=False))
            te, _ = model(tag_ids[tsel], tag_mask[tsel])
            aux = F.cross_entropy(log_scale.exp() * te @ E.T, tag_target[tsel])
            total_loss = loss + a.tag_weight * aux
            if a.bare_weight > 0:
                Eb, popb = encode_items(model, bags, a.token_drop, 0.0, bare=True)
                cons = (1.0 - (Eb * E.detach()).sum(-1)).mean() + 0.1 * ((popb - pop.detach()) ** 2).mean()
                total_loss = total_loss + a.bare_weight * cons
            if a.taste_weight > 0:
                tctx, ttgt = taste_batch(seq_arrays, rng, len(pairs) // 2, a.context, n_items)
                tl = log_scale_t.exp() * taste_profiles(E, tctx, n_items) @ E.T + pop.unsqueeze(0)
                tl = torch.cat([tl, torch.zeros(len(ttgt), 1)], 1).scatter(1, tctx, -1e4)[:, :n_items]
                total_loss = total_loss + a.taste_weight * F.cross_entropy(tl, ttgt)
            total_loss.backward()
            for o in (opt, opt_t):
                o.step()
                o.zero_grad()
            for sc in scheds:
                sc.step()
            tot += loss.item()
        model.eval()
        with torch.no_grad():
            E, pop = encode_items(model, bags, 0.0, 0.0)
        nd, hr = dev_eval(E, pop, log_scale.exp().item(), log_hl, dev_seqs, a.context, last=a.dev_last)
        print(f"epoch {epoch + 1}/{a.epochs} loss {tot / steps:.4f} scale {log_scale.exp().item():.2f} "
              f"half-life {log_hl.exp().item():.2f} dev ndcg@10 {nd:.4f} hr@10 {hr:.4f} t={time.time() - t0:.0f}s",
              file=sys.stderr)
    return log_scale.exp().item(), log_hl.exp().item()


def main():
    a = parse_args()
    seed_all(a.seed)
    t0 = time.time()
    data = os.path.abspath(a.data)
    texts = build_texts(os.path.join(data, "movies.csv"))
    movie_ids = [t["id"] for t in texts]
    index = {m: i for i, m in enumerate(movie_ids)}
    n_items = len(movie_ids)
    item_tokens = [tok.token_strings(t["text"]) for t in texts]
    item_ids, item_mask = pad([[tok.token_id(s) for s in ts] for ts in item_tokens])
    # Identity tokens (title, title+year) get extra dropout so content tokens must carry signal.
    ident = torch.zeros_like(item_mask)
    # Field of each token for --field-drop: 1 year (title+year, year, decade), 2 genre.
    field = torch.zeros(item_mask.shape, dtype=torch.int8)
    for i, ts in enumerate(item_tokens):
        for j, s in enumerate(ts):
            if s.startswith("ty:") or s.startswith("t:"):
                ident[i, j] = 1.0
            if s.startswith("ty:") or s.startswith("y:") or s.startswith("d:"):
                field[i, j] = 1
            elif s.startswith("g:"):
                field[i, j] = 2

    ratings = read_csv(os.path.join(data, "ratings.csv"))
    users = sorted({int(r[0]) for r in ratings})
    rng = np.random.RandomState(a.seed)
    perm = rng.permutation(len(users))
    if a.split:
        with open(a.split) as f:
            split = json.load(f)
        train_set = set(split["train"])
        # Everything outside the train side is unseen; only the split's dev side is looked at.
        dev_users = sorted(u for u in users if u not in train_set)
        check_set = set(split["dev"])
    else:
        n_dev = int(round(a.holdout * len(users)))
        dev_users = sorted(users[i] for i in perm[:n_dev])
        check_set = set(dev_users)
    dev_set = set(dev_users)
    seqs, dev_raw = {}, {}
    for order, r in enumerate(ratings):
        u = int(r[0])
        if u in dev_set:
            if u in check_set:
                dev_raw.setdefault(u, []).append((int(r[3]), order, index[int(r[1])]))
        else:
            seqs.setdefault(u, []).append((int(r[3]), order, index[int(r[1])]))
    seqs = {u: [x[2] for x in sorted(s)] for u, s in seqs.items()}
    counts = np.zeros(n_items)
    for s in seqs.values():
        for i in s:
            counts[i] += 1

    # Tags of training users only, as an "about:" view of the movie.
    tag_words = {}
    for r in read_csv(os.path.join(data, "tags.csv")):
        if int(r[0]) in dev_set:
            continue
        tag_words.setdefault(index[int(r[1])], []).append(r[2])
    tag_items = sorted(tag_words)
    tag_ids, tag_mask = pad([tok.tokenize("\nabout: " + " ".join(tag_words[i])) for i in tag_items])
    tag_target = torch.tensor(tag_items)

    # Examples: (user sequence, position) for every position after the first.
    seq_arrays = [np.array(s) for s in seqs.values()]
    ex_pairs = [(k, t) for k, s in enumerate(seq_arrays) for t in range(max(1, len(s) - a.max_positions), len(s))]
    dev_seqs = [np.array([x[2] for x in sorted(s)]) for s in dev_raw.values()]
    print(f"items {n_items}, train users {len(seq_arrays)}, dev users {len(dev_users)}, examples {len(ex_pairs)}, "
          f"tagged items {len(tag_items)}", file=sys.stderr)

    model = TextTower(tok.SPEC["buckets"], a.dim)
    scale, half_life = train_joint(a, model, item_bags(item_ids, item_mask, ident, field), seq_arrays, ex_pairs, dev_seqs,
                                   tag_ids, tag_mask, tag_target, n_items, rng, t0)
    model.eval()
    used = torch.zeros(tok.SPEC["buckets"], dtype=torch.bool)
    used[item_ids.flatten()] = True
    used[tag_ids.flatten()] = True
    used[0] = False
    q, scales = quantize(model.table.weight, used)
    export = ExportTower(model, q, scales).eval()
    write_outputs(a, export, texts, dev_users, scale, half_life, time.time() - t0, counts)


def write_outputs(a, export, texts, dev_users, scale, half_life, train_seconds, counts):
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    onnx_name = "tasteful-title-encoder.onnx"
    onnx_path = os.path.join(out, onnx_name)
    ids = torch.ones(2, 5, dtype=torch.int32)
    mask = torch.ones(2, 5, dtype=torch.float32)
    torch.onnx.export(
        export, (ids, mask), onnx_path, opset_version=17,
        input_names=["ids", "mask"], output_names=["embedding", "popularity"],
        dynamic_axes={"ids": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"},
                      "embedding": {0: "batch"}, "popularity": {0: "batch"}},
        do_constant_folding=True,
    )
    import onnx
    m = onnx.load(onnx_path)
    onnx.checker.check_model(m)
    ops = sorted({n.op_type for n in m.graph.node})
    spec = dict(tok.SPEC)
    spec["normalization"] = [
        "keep the first maxInputCodePoints code points",
        "CR LF and CR -> LF",
        "NFKD", "lowercase (full Unicode case mapping)", "NFKD",
        "remove general category Mn",
        "remove apostrophes U+0027 U+2019 U+02BC",
        "& -> ' and '",
    ]
    spec["words"] = "maximal runs of code points with general category L* or N* (Unicode 14 reference)"
    spec["fields"] = "line 0 = title; 'year:', 'genres:' (| separated), 'kind:', 'aka:' (| separated), 'about:'; other lines = about"
    spec["tokenOrder"] = ["ty:<title>|<year>", "t:<title>", "t:<aka>", "y:<year>", "d:<first 3 digits of year>", "g:<genre words>",
                          "k:<kind>", "w:<title word>", "b:<title bigram>", "c:<code-point trigram of '<'+word+'>'>", "a:<about word>"]
    spec["dedupe"] = "first occurrence wins; truncate to maxTokens"
    spec["id"] = "1 + fnv1a32(utf8(token)) mod (buckets - 1); 0 = padding"
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2, ensure_ascii=False)
    manifest = {
        "modelVersion": MODEL_VERSION,
        "file": onnx_name,
        "tokenizer": "tokenizer.json",
        "dim": a.dim,
        "opset": 17,
        "inputs": {"ids": "int32 [batch, tokens]", "mask": "float32 [batch, tokens]"},
        "outputs": {"embedding": "float32 [batch, dim], L2-normalised", "popularity": "float32 [batch], logit"},
        "ops": ops,
        "bytes": os.path.getsize(onnx_path),
        # Scores the model was trained with: scale * cos(profile, item) + popularity.
        # Rankers that use plain cosine add popularity / scale.
        "training": {"scoreScale": scale, "halfLifeItems": half_life, "seed": a.seed, "epochs": a.epochs,
                     "bareWeight": a.bare_weight, "fieldDrop": a.field_drop, "seconds": round(train_seconds, 1)},
        "ranking": RANKING,
        "devUsers": "test/fixtures/model-dev-users.json",
        # Made next by training/prior.ts from this encoder (MODEL_CARD.md); until then the
        # engine notes the missing file in its diagnostic log and ranks without it.
        "prior": "prior.json",
    }
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    fixtures = a.fixtures if a.fixtures is not None else (None if a.split else "test/fixtures")
    if fixtures is None:
        print("fixtures: not written (--split without --fixtures)", file=sys.stderr)
    else:
        fx = os.path.abspath(fixtures)
        os.makedirs(fx, exist_ok=True)
        with open(os.path.join(fx, "model-dev-users.json"), "w") as f:
            json.dump({"seed": a.seed, "holdout": a.holdout, "users": dev_users}, f)
        import make_fixtures
        make_fixtures.write(export, texts, fx)
    print(json.dumps({"onnx": onnx_path, "bytes": manifest["bytes"], "ops": ops, "scale": scale, "halfLife": half_life}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
