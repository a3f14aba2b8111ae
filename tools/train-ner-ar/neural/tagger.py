"""Character-aware BiLSTM-CRF for Arabic NER, one CV fold per run.
Words: frozen fastText vectors pretrained on SaudiNewsNet (pretrain_emb.py; OOV words get the
subword-composed vector, as fastText would give at run time). Chars: CNN over the folded word.
Output: per-training-set emissions and CRF transitions (shared + per-set copy, like the
perceptron's feature augmentation); test is decoded with the ANERcorp head.
Usage: nice -n 15 venv/bin/python tagger.py --fold F [--mix anq] [--emb out/ft100.model] ...
"""
import argparse, json, random, time, sys
import numpy as np
import torch, torch.nn as nn
from common import *

p = argparse.ArgumentParser()
p.add_argument("--fold", type=int, required=True)
p.add_argument("--mix", default="anq")
p.add_argument("--emb", default="out/ft100.model")
p.add_argument("--hidden", type=int, default=128)
p.add_argument("--char-dim", type=int, default=32)
p.add_argument("--char-filters", type=int, default=64)
p.add_argument("--max-epochs", type=int, default=20)
p.add_argument("--patience", type=int, default=3)
p.add_argument("--max-minutes", type=float, default=20)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--lr", type=float, default=2e-3)
p.add_argument("--dropout", type=float, default=0.5)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--dev-size", type=int, default=320)
p.add_argument("--crf", type=int, default=1)
p.add_argument("--tag", default="")
args = p.parse_args()
torch.set_num_threads(args.threads)
random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
name = f"fold{args.fold}{args.tag}"
log = open(f"out/{name}.log", "w")
def say(*a):
    s = " ".join(str(x) for x in a); print(s, flush=True); log.write(s + "\n"); log.flush()
say(vars(args))

a, a_fold, n, n_fold, n_exact, q = load_folds()
F = args.fold
# Dev: the first dev_size ANERcorp sentences of the next fold (a contiguous block of training
# text), removed from training together with their NewsFANE copies. The test fold is never looked at
# until the model is chosen.
nxt = (F + 1) % 5
dev_idx = [k for k in range(len(a)) if a_fold[k] == nxt][: args.dev_size]
dev_set = set(dev_idx)
dev_letters = set(letters(a[k]) for k in dev_idx)
placed = place_in(a, n)
train = []
if "a" in args.mix: train += [(s, 0) for k, s in enumerate(a) if a_fold[k] != F and k not in dev_set]
if "n" in args.mix:
    train += [(s, 1) for s, f, e, pl in zip(n, n_fold, n_exact, placed)
              if f is not None and f != F and F not in e and pl not in dev_set and letters(s) not in dev_letters]
if "q" in args.mix: train += [(s, 2) for s in q]
dev = [(a[k], 0) for k in dev_idx]
test = [(s, 0) for k, s in enumerate(a) if a_fold[k] == F]
say(f"train {len(train)} sents {sum(len(s) for s, _ in train)} tokens; dev {len(dev)}; test {len(test)} sents {sum(len(s) for s, _ in test)} tokens")

# ---- vocabularies
from gensim.models import FastText
ft = FastText.load(args.emb)
keys = sorted(set(word_key(w) for sents in (train, dev, test) for s, _ in sents for w, _ in s))
kid = {k: i + 1 for i, k in enumerate(keys)}  # 0 = pad
E = np.zeros((len(keys) + 1, ft.wv.vector_size), dtype=np.float32)
for k, i in kid.items():
    E[i] = ft.wv[k]
E /= np.mean(np.linalg.norm(E[1:], axis=1))
in_vocab = sum(1 for k in keys if k in ft.wv.key_to_index)
say(f"word types {len(keys)}, in news vocab {in_vocab}")
from collections import Counter
cc = Counter(c for s, _ in train for w, _ in s for c in fold(w))
chars = {c: i + 2 for i, c in enumerate(sorted(c for c, m in cc.items() if m >= 2))}  # 0 pad, 1 unk
MAXC = 20
TID = {t: i for i, t in enumerate(TAGS)}

def encode(s, src):
    w = [kid[word_key(x)] for x, _ in s]
    c = [[chars.get(ch, 1) for ch in fold(x)[:MAXC]] or [1] for x, _ in s]
    y = [TID[t] for _, t in s]
    return w, c, y, src

def batchify(items):
    B = len(items); T = max(len(it[0]) for it in items); L = max(len(cw) for it in items for cw in it[1])
    W = torch.zeros(B, T, dtype=torch.long); C = torch.zeros(B, T, L, dtype=torch.long)
    Y = torch.zeros(B, T, dtype=torch.long); M = torch.zeros(B, T, dtype=torch.bool)
    for b, (w, c, y, _) in enumerate(items):
        W[b, :len(w)] = torch.tensor(w); Y[b, :len(y)] = torch.tensor(y); M[b, :len(w)] = True
        for t, cw in enumerate(c): C[b, t, :len(cw)] = torch.tensor(cw)
    S = torch.tensor([it[3] for it in items]); lens = torch.tensor([len(it[0]) for it in items])
    return W, C, Y, M, S, lens

K = len(TAGS); NSRC = 3

class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.wemb = nn.Embedding.from_pretrained(torch.tensor(E), freeze=True, padding_idx=0)
        self.cemb = nn.Embedding(len(chars) + 2, args.char_dim, padding_idx=0)
        self.conv = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
        self.drop = nn.Dropout(args.dropout)
        self.lstm = nn.LSTM(E.shape[1] + args.char_filters, args.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * args.hidden, K)               # shared
        self.out_src = nn.Linear(2 * args.hidden, K * NSRC)    # per training set copy
        self.trans = nn.Parameter(torch.zeros(NSRC, K, K))     # shared + per set
        self.trans_sh = nn.Parameter(torch.zeros(K, K))
        self.start = nn.Parameter(torch.zeros(K)); self.end = nn.Parameter(torch.zeros(K))

    def emissions(self, W, C, S, lens):
        B, T, L = C.shape
        ce = self.cemb(C.view(B * T, L)).transpose(1, 2)           # (BT, d, L)
        cf = torch.relu(self.conv(ce)).max(dim=2).values.view(B, T, -1)
        x = self.drop(torch.cat([self.wemb(W), cf], dim=2))
        packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=T)
        h = self.drop(h)
        e_src = self.out_src(h).view(B, T, NSRC, K)
        e_src = e_src.gather(2, S.view(B, 1, 1, 1).expand(B, T, 1, K)).squeeze(2)
        return self.out(h) + e_src

    def transitions(self, S):
        return self.trans_sh.unsqueeze(0) + self.trans[S]          # (B, K, K)

    def nll(self, W, C, Y, M, S, lens):
        e = self.emissions(W, C, S, lens)
        if not args.crf:
            return nn.functional.cross_entropy(e[M], Y[M], reduction="sum")
        tr = self.transitions(S); B, T, _ = e.shape
        # gold score
        gs = self.start[Y[:, 0]] + (e.gather(2, Y.unsqueeze(2)).squeeze(2) * M).sum(1)
        pair = Y[:, :-1] * K + Y[:, 1:]
        gs = gs + (tr.reshape(B, K * K).gather(1, pair) * M[:, 1:]).sum(1)
        last = Y.gather(1, (lens - 1).view(B, 1)).squeeze(1)
        gs = gs + self.end[last]
        alpha = self.start + e[:, 0]
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + tr + e[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(M[:, t:t + 1], nxt, alpha)
        Z = torch.logsumexp(alpha + self.end, dim=1)
        return (Z - gs).sum()

    def decode(self, W, C, S, lens):
        e = self.emissions(W, C, S, lens)
        if not args.crf:
            return [e[b, :lens[b]].argmax(-1).tolist() for b in range(e.shape[0])]
        tr = self.transitions(S); B, T, _ = e.shape
        score = self.start + e[:, 0]; bps = []
        for t in range(1, T):
            v, bp = (score.unsqueeze(2) + tr).max(dim=1)
            nxt = v + e[:, t]
            m = (t < lens).view(B, 1)
            score = torch.where(m, nxt, score); bps.append(bp)
        score = score + self.end
        out = []
        for b in range(B):
            y = [int(score[b].argmax())]
            for t in range(int(lens[b]) - 1, 0, -1):
                y.append(int(bps[t - 1][b, y[-1]]))
            out.append(y[::-1])
        return out

model = Tagger()
nparams = sum(p.numel() for p in model.parameters() if p.requires_grad)
say(f"trainable params {nparams}; frozen word table {E.shape}")
opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)

tr_enc = [encode(s, src) for s, src in train]
def predict(data, bs=64):
    model.eval(); enc = [encode(s, src) for s, src in data]
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0])); preds = [None] * len(enc)
    with torch.no_grad():
        for i in range(0, len(order), bs):
            idx = order[i:i + bs]; W, C, Y, M, S, lens = batchify([enc[j] for j in idx])
            for j, y in zip(idx, model.decode(W, C, S, lens)): preds[j] = [TAGS[t] for t in y]
    return preds

def f1_of(data, preds):
    c = {}
    for (s, _), pr in zip(data, preds): count([t for _, t in s], pr, c)
    tot = [sum(c[t][i] for t in TYPES) for i in range(3)]
    return prf(*tot)[2], c

t_start = time.time(); best = -1; best_state = None; bad = 0
for ep in range(1, args.max_epochs + 1):
    model.train(); t0 = time.time()
    # length-bucketed shuffled batches
    order = list(range(len(tr_enc))); random.shuffle(order)
    chunks = [sorted(order[i:i + args.batch * 50], key=lambda j: len(tr_enc[j][0])) for i in range(0, len(order), args.batch * 50)]
    batches = [ch[i:i + args.batch] for ch in chunks for i in range(0, len(ch), args.batch)]
    random.shuffle(batches); tot = 0.0
    for bi in batches:
        W, C, Y, M, S, lens = batchify([tr_enc[j] for j in bi])
        loss = model.nll(W, C, Y, M, S, lens)
        opt.zero_grad(); (loss / len(bi)).backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0); opt.step(); tot += loss.item()
    df1, _ = f1_of(dev, predict(dev))
    say(f"epoch {ep} loss {tot / len(tr_enc):.3f} dev F1 {df1:.4f} ({time.time() - t0:.0f}s)")
    if df1 > best:
        best, bad = df1, 0; best_state = {k: v.clone() for k, v in model.state_dict().items()}; best_ep = ep
    else:
        bad += 1
    if bad >= args.patience: break
    if (time.time() - t_start) / 60 > args.max_minutes: say("time budget reached"); break
train_min = (time.time() - t_start) / 60
model.load_state_dict(best_state)
say(f"best epoch {best_ep} dev F1 {best:.4f}; training {train_min:.1f} min")
preds = predict(test)
tf1, c = f1_of(test, preds)
say(f"TEST fold {F}: F1 {tf1:.4f}\n" + report(c))
json.dump({"fold": F, "mix": args.mix, "counts": c, "best_epoch": best_ep, "dev_f1": best, "train_min": train_min,
           "params": nparams, "args": vars(args)}, open(f"out/{name}.json", "w"))
with open(f"out/{name}.pred", "w") as f:
    for (s, _), pr in zip(test, preds):
        for (w, g), pt in zip(s, pr): f.write(f"{w} {g} {pt}\n")
        f.write("\n")
torch.save({"state": model.state_dict(), "chars": chars, "keys": keys, "args": vars(args)}, f"out/{name}.pt")
