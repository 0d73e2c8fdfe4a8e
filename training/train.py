"""Train Tasteful's title-embedding model on MovieLens and export it to ONNX.

    /usr/bin/python3 training/train.py --data ../shared/data/movielens/ml-latest-small --out models/

What it learns: the text tower IS the item representation. Every movie's text (built by
src/model/text.ts, the same code the extension runs on page titles) is hashed into
tokens (training/tokenizer.py), pooled, passed through a small residual MLP and
L2-normalised. Training is sequence-aware: for each position of a user's time-ordered
history, a recency-weighted pool of the previous items' embeddings (the same profile
rule src/rank/profile.ts applies) must pick the next item out of all ~9.7k movies (full
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
MODEL_VERSION = "tasteful-ml-1"


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="folder with ml-latest-small CSVs")
    p.add_argument("--out", default="models/")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--epochs", type=int, default=6, help="sequence-model epochs")
    p.add_argument("--text-epochs", type=int, default=40)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--lr", type=float, default=4e-3)
    p.add_argument("--negatives", type=int, default=2048)
    p.add_argument("--max-positions", type=int, default=200, help="latest positions per user used as examples")
    p.add_argument("--context", type=int, default=50, help="history items pooled per example")
    p.add_argument("--half-life", type=float, default=8.0, help="initial recency half-life in items")
    p.add_argument("--holdout", type=float, default=0.2)
    p.add_argument("--fixtures", default="test/fixtures", help="where test vectors go")
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
        self.table = nn.Embedding(buckets, dim, sparse=True)
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


def scale_fn(log_scale):
    return log_scale.exp()


def train_sequence(a, seq_arrays, ex_user, ex_pos, n_items, rng, t0):
    V = nn.Parameter(torch.randn(n_items, a.dim) * 0.1)
    bias = nn.Parameter(torch.zeros(n_items))
    log_scale = nn.Parameter(torch.tensor(math.log(10.0)))
    log_hl = nn.Parameter(torch.tensor(math.log(a.half_life)))
    opt = torch.optim.Adam([V, bias, log_scale, log_hl], lr=a.lr)
    steps = math.ceil(len(ex_pos) / a.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps * a.epochs, pct_start=0.1)
    L = a.context
    ages = torch.arange(L - 1, -1, -1, dtype=torch.float32)  # oldest ... newest = 0
    for epoch in range(a.epochs):
        order = rng.permutation(len(ex_pos))
        tot = 0.0
        for b in range(steps):
            sel = order[b * a.batch:(b + 1) * a.batch]
            E = V / V.norm(dim=-1, keepdim=True).clamp(min=1e-6)
            Ez = torch.cat([E, torch.zeros(1, a.dim)])
            ctx = np.full((len(sel), L), n_items, dtype=np.int64)
            hists, targets = [], []
            for r, e in enumerate(sel):
                s, t = seq_arrays[ex_user[e]], ex_pos[e]
                c = s[max(0, t - L):t]
                ctx[r, L - len(c):] = c
                hists.append(s[:t])
                targets.append(s[t])
            hidx = np.full((len(sel), max(len(h) for h in hists)), n_items, dtype=np.int64)
            for r, h in enumerate(hists):
                hidx[r, :len(h)] = h
            ctx = torch.from_numpy(ctx)
            w = torch.pow(0.5, ages / log_hl.exp()).unsqueeze(0) * (ctx < n_items).float()
            prof = (Ez[ctx] * w.unsqueeze(-1)).sum(1)
            prof = prof / prof.norm(dim=-1, keepdim=True).clamp(min=1e-6)
            # Sampled softmax with uniform negatives (no proposal correction needed): the
            # full 9.7k-way softmax costs several times more on a shared 2-core machine.
            tgt = torch.tensor(targets)
            neg = torch.from_numpy(rng.randint(0, n_items, size=a.negatives))
            pos_logit = scale_fn(log_scale) * (prof * E[tgt]).sum(-1) + bias[tgt]
            neg_logits = scale_fn(log_scale) * prof @ E[neg].T + bias[neg].unsqueeze(0)
            # Seen items can never be the answer at ranking time; mask them.
            seen = torch.zeros(len(sel), n_items + 1, dtype=torch.bool)
            seen.scatter_(1, torch.from_numpy(hidx), True)
            bad = seen[:, neg] | (tgt.unsqueeze(1) == neg.unsqueeze(0))
            logits = torch.cat([pos_logit.unsqueeze(1), neg_logits.masked_fill(bad, -1e4)], 1)
            loss = F.cross_entropy(logits, torch.zeros(len(sel), dtype=torch.long))
            loss.backward()
            opt.step()
            opt.zero_grad()
            sched.step()
            tot += loss.item()
        print(f"seq epoch {epoch + 1}/{a.epochs} loss {tot / steps:.4f} scale {log_scale.exp().item():.2f} "
              f"half-life {log_hl.exp().item():.2f} t={time.time() - t0:.0f}s", file=sys.stderr)
    return V.detach(), bias.detach(), log_scale.exp().item(), log_hl.exp().item()


def train_text(a, item_ids, item_mask, ident, V, bias, scale, counts, tag_ids, tag_mask, tag_target, rng, t0):
    n_items = V.shape[0]
    target = V / V.norm(dim=-1, keepdim=True).clamp(min=1e-6)
    # Items nobody in the training split watched have random vectors: do not fit those.
    weight = torch.from_numpy(np.log1p(counts)).float()
    model = TextTower(tok.SPEC["buckets"], a.dim)
    opt = torch.optim.Adam([p for n, p in model.named_parameters() if n != "table.weight"], lr=a.lr)
    opt_t = torch.optim.SparseAdam([model.table.weight], lr=a.lr * 4)
    bs = 512
    steps = math.ceil(n_items / bs)
    for epoch in range(a.text_epochs):
        order = torch.from_numpy(rng.permutation(n_items))
        tot = 0.0
        for b in range(steps):
            sel = order[b * bs:(b + 1) * bs]
            m = item_mask[sel]
            keep = (torch.rand_like(m) > (0.1 + 0.3 * ident[sel])).float() * m
            e, pop = model(item_ids[sel], keep)
            ce = F.cross_entropy(scale * e @ target.T, sel, reduction="none")
            cos = 1 - (e * target[sel]).sum(-1)
            w = weight[sel]
            loss = ((ce + cos) * w).sum() / w.sum().clamp(min=1.0) + 0.5 * F.mse_loss(pop, bias[sel])
            tsel = torch.from_numpy(rng.choice(len(tag_target), size=min(128, len(tag_target)), replace=False))
            te, _ = model(tag_ids[tsel], tag_mask[tsel])
            loss = loss + 0.2 * F.cross_entropy(scale * te @ target.T, tag_target[tsel])
            loss.backward()
            opt.step()
            opt_t.step()
            opt.zero_grad()
            opt_t.zero_grad()
            tot += loss.item()
        if (epoch + 1) % 5 == 0:
            print(f"text epoch {epoch + 1}/{a.text_epochs} loss {tot / steps:.4f} t={time.time() - t0:.0f}s", file=sys.stderr)
    return model


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
    for i, ts in enumerate(item_tokens):
        for j, s in enumerate(ts):
            if s.startswith("ty:") or s.startswith("t:"):
                ident[i, j] = 1.0

    ratings = read_csv(os.path.join(data, "ratings.csv"))
    users = sorted({int(r[0]) for r in ratings})
    rng = np.random.RandomState(a.seed)
    perm = rng.permutation(len(users))
    n_dev = int(round(a.holdout * len(users)))
    dev_users = sorted(users[i] for i in perm[:n_dev])
    dev_set = set(dev_users)
    seqs = {}
    for order, r in enumerate(ratings):
        u = int(r[0])
        if u in dev_set:
            continue
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
    ex_user, ex_pos = [], []
    seq_list = list(seqs.values())
    for k, s in enumerate(seq_list):
        for t in range(max(1, len(s) - a.max_positions), len(s)):
            ex_user.append(k)
            ex_pos.append(t)
    ex_user, ex_pos = np.array(ex_user), np.array(ex_pos)
    seq_arrays = [np.array(s) for s in seq_list]
    print(f"items {n_items}, train users {len(seq_list)}, dev users {len(dev_users)}, examples {len(ex_pos)}, "
          f"tagged items {len(tag_items)}", file=sys.stderr)

    # Stage A — collaborative, sequence-aware item vectors: a recency-weighted pool of the
    # previous items must pick the next one (full softmax, seen items masked).
    V, bias, scale, half_life = train_sequence(a, seq_arrays, ex_user, ex_pos, n_items, rng, t0)
    # Stage B — the text tower learns to land each title on its collaborative vector.
    model = train_text(a, item_ids, item_mask, ident, V, bias, scale, counts, tag_ids, tag_mask, tag_target, rng, t0)
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
        "training": {"scoreScale": scale, "halfLifeItems": half_life, "seed": a.seed, "epochs": a.epochs, "textEpochs": a.text_epochs,
                     "seconds": round(train_seconds, 1)},
        "devUsers": "test/fixtures/model-dev-users.json",
    }
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    fx = os.path.abspath(a.fixtures)
    os.makedirs(fx, exist_ok=True)
    with open(os.path.join(fx, "model-dev-users.json"), "w") as f:
        json.dump({"seed": a.seed, "holdout": a.holdout, "users": dev_users}, f)
    import make_fixtures
    make_fixtures.write(export, texts, fx)
    print(json.dumps({"onnx": onnx_path, "bytes": manifest["bytes"], "ops": ops, "scale": scale, "halfLife": half_life}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
