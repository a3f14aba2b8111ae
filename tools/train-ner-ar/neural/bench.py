"""Cost of a trained fold model: parameters, bytes at fp16/int8 (+gzip), single-thread CPU
inference time per 1000 tokens, one sentence at a time. Usage: venv/bin/python bench.py out/fold0.pt"""
import gzip, sys, time, io
import numpy as np, torch, torch.nn as nn
torch.set_num_threads(1)
from common import *

ck = torch.load(sys.argv[1], weights_only=False)
st, chars, keys, a = ck["state"], ck["chars"], ck["keys"], ck["args"]
kid = {k: i + 1 for i, k in enumerate(keys)}
K = len(TAGS)

# ---- sizes
def nbytes(arrs, bits):
    return sum(x.numel() for x in arrs) * bits // 8
def gz(arrs, dtype):
    buf = io.BytesIO()
    for x in arrs:
        x = x.float().numpy()
        if dtype == "int8":  # per-row symmetric int8 (scales counted as fp16)
            x2 = x.reshape(x.shape[0], -1) if x.ndim > 1 else x.reshape(1, -1)
            s = np.abs(x2).max(1, keepdims=True) / 127 + 1e-12
            buf.write(np.round(x2 / s).astype(np.int8).tobytes()); buf.write(s.astype(np.float16).tobytes())
        else:
            buf.write(x.astype(np.float16).tobytes())
    raw = buf.getvalue()
    return len(raw), len(gzip.compress(raw, 9))
net = [v for k, v in st.items() if k != "wemb.weight"]
# Only the ANERcorp head ships: shared + set-0 copy folded into one output layer / transition matrix.
H2 = 2 * a["hidden"]
ship = [v for k, v in st.items() if k.startswith(("cemb", "conv", "lstm"))]
ship += [st["out.weight"] + st["out_src.weight"].view(3, K, H2)[0], st["out.bias"] + st["out_src.bias"].view(3, K)[0],
         st["trans_sh"] + st["trans"][0], st["start"], st["end"]]
wt = st["wemb.weight"]
print(f"shipped network params (ANERcorp head): {sum(x.numel() for x in ship):,}")
from gensim.models import FastText
ftv = FastText.load(a["emb"]).wv
scale = float(np.mean(np.linalg.norm(ftv.vectors, axis=1)))
for n_words in (0, 20000, 50000, len(ftv)):
    rows = torch.tensor(ftv.vectors[:n_words] / scale)  # the n most frequent news words' real vectors
    arrs = ship + ([rows] if n_words else [])
    f16 = gz(arrs, "fp16"); i8 = gz(arrs, "int8")
    print(f"  + {n_words:6d}-word x {wt.shape[1]} table: params {sum(x.numel() for x in arrs):,}; "
          f"fp16 {f16[0]:,} B (gzip {f16[1]:,}); int8 {i8[0]:,} B (gzip {i8[1]:,})")
ng = ftv.vectors_ngrams
f16 = gz([torch.tensor(ng)], "fp16"); i8 = gz([torch.tensor(ng)], "int8")
print(f"  fastText subword buckets {ng.shape} (what OOV words need at run time): fp16 {f16[0]:,} (gzip {f16[1]:,}); int8 {i8[0]:,} (gzip {i8[1]:,})")
# (the vocabulary strings themselves are extra: ~6-8 bytes gzip per word)

# ---- model for timing (ANERcorp head only)
class M(nn.Module):
    def __init__(s):
        super().__init__()
        s.wemb = nn.Embedding(wt.shape[0], wt.shape[1]); s.cemb = nn.Embedding(len(chars) + 2, a["char_dim"])
        s.conv = nn.Conv1d(a["char_dim"], a["char_filters"], 3, padding=1)
        s.lstm = nn.LSTM(wt.shape[1] + a["char_filters"], a["hidden"], batch_first=True, bidirectional=True)
        s.out = nn.Linear(H2, K)
m = M(); m.wemb.weight.data = wt; m.cemb.weight.data = st["cemb.weight"]
m.conv.load_state_dict({"weight": st["conv.weight"], "bias": st["conv.bias"]})
m.lstm.load_state_dict({k[5:]: v for k, v in st.items() if k.startswith("lstm.")})
m.out.weight.data, m.out.bias.data = ship[-5], ship[-4]
trans, start, end = ship[-3].numpy(), ship[-2].numpy(), ship[-1].numpy()
m.eval()

def viterbi(e):
    T = e.shape[0]; score = start + e[0]; bps = np.zeros((T, K), dtype=np.int64)
    for t in range(1, T):
        x = score[:, None] + trans; bps[t] = x.argmax(0); score = x.max(0) + e[t]
    y = [int((score + end).argmax())]
    for t in range(T - 1, 0, -1): y.append(int(bps[t, y[-1]]))
    return y[::-1]

a_s, a_fold, *_ = load_folds()
test = [s for s, f in zip(a_s, a_fold) if f == int(a["fold"])]
def run(sent):
    W = torch.tensor([[kid[word_key(w)] for w, _ in sent]])
    cw = [[chars.get(c, 1) for c in fold(w)[:20]] or [1] for w, _ in sent]
    L = max(map(len, cw)); C = torch.zeros(1, len(sent), L, dtype=torch.long)
    for t, c in enumerate(cw): C[0, t, :len(c)] = torch.tensor(c)
    ce = m.cemb(C[0]).transpose(1, 2); cf = torch.relu(m.conv(ce)).max(2).values.unsqueeze(0)
    h, _ = m.lstm(torch.cat([m.wemb(W), cf], 2))
    return viterbi(m.out(h)[0].numpy())
with torch.inference_mode():
    for s in test[:50]: run(s)
    ntok = sum(len(s) for s in test); best = 1e9
    for rep in range(3):
        t0 = time.perf_counter()
        for s in test: run(s)
        best = min(best, time.perf_counter() - t0)
print(f"inference: {ntok} tokens in {best:.3f}s (best of 3) = {1000 * best / ntok * 1000:.1f} ms per 1000 tokens, single thread, one sentence at a time")
# FLOPs per token (multiply-adds)
d_in = wt.shape[1] + a["char_filters"]; h = a["hidden"]
mac = 2 * 4 * h * (d_in + h) + 8 * a["char_dim"] * a["char_filters"] * 3 + H2 * K + K * K
print(f"multiply-adds per token: ~{mac:,} (BiLSTM {2 * 4 * h * (d_in + h):,}; char CNN at ~8 chars {8 * a['char_dim'] * a['char_filters'] * 3:,})")
# LSTM alone, one sentence at a time (no char CNN / Viterbi / Python feature code): the network's own floor in torch
with torch.inference_mode():
    xs = [torch.randn(1, len(s), wt.shape[1] + a["char_filters"]) for s in test]
    t0 = time.perf_counter()
    for x in xs: m.lstm(x)
    t = time.perf_counter() - t0
print(f"BiLSTM alone, one sentence at a time: {1e6 * t / ntok:.1f} ms per 1000 tokens")
