"""Micro-averaged 5-fold exact-span P/R/F1 from out/fold{F}{tag}.json. Usage: venv/bin/python aggregate.py [tag]"""
import json, sys
from common import TYPES, prf, report
tag = sys.argv[1] if len(sys.argv) > 1 else ""
tot = {t: [0, 0, 0] for t in TYPES}
for f in range(5):
    try: d = json.load(open(f"out/fold{f}{tag}.json"))
    except FileNotFoundError: print(f"fold {f}: missing"); continue
    c = d["counts"]; a = [sum(c[t][i] for t in TYPES) for i in range(3)]
    print(f"fold {f}: F1 {prf(*a)[2]:.3f}  PER {prf(*c['PER'])[2]:.3f} ORG {prf(*c['ORG'])[2]:.3f} LOC {prf(*c['LOC'])[2]:.3f}"
          f"  (best epoch {d['best_epoch']}, dev F1 {d['dev_f1']:.3f}, {d['train_min']:.1f} min, mix {d['mix']})")
    for t in TYPES:
        for i in range(3): tot[t][i] += c[t][i]
print("5-fold micro:"); print(report(tot))
