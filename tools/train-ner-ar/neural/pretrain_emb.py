"""Pretrain fastText (subword) embeddings on SaudiNewsNet, tokenised like the CoNLL corpora
(punctuation split off), words keyed by common.word_key (folded, digits -> 0).
Usage: nice -n 15 venv/bin/python pretrain_emb.py [dim] -> out/ft{dim}.model"""
import gzip, json, re, sys, time
from gensim.models import FastText
from common import SHARED, word_key

DIM = int(sys.argv[1]) if len(sys.argv) > 1 else 100
TOK = re.compile(r"\w+|[^\w\s]", re.UNICODE)

def sentences():
    out = []
    with gzip.open(f"{SHARED}/corpus/news/saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            for para in re.split(r"[\n.!?؟]+", text):
                toks = [word_key(t) for t in TOK.findall(para)]
                if len(toks) >= 3: out.append(toks)
    return out

t0 = time.time()
sents = sentences()
print("sentences", len(sents), "tokens", sum(map(len, sents)), "%.0fs" % (time.time() - t0), flush=True)
m = FastText(vector_size=DIM, window=5, min_count=3, sg=1, negative=5, min_n=2, max_n=4,
             bucket=200000, workers=2, epochs=5, seed=1)
m.build_vocab(corpus_iterable=sents)
print("vocab", len(m.wv), flush=True)
m.train(corpus_iterable=sents, total_examples=len(sents), epochs=m.epochs)
m.save(f"out/ft{DIM}.model")
print("done %.0fs" % (time.time() - t0), flush=True)
