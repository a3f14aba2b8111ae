#!/bin/bash
# 5-fold CV of the BiLSTM-CRF, two folds at a time, one thread each, niced.
cd "$(dirname "$0")"
MIX=${MIX:-anq}; TAG=${TAG:-}; EXTRA=${EXTRA:-}
printf '%s\n' 0 1 2 3 4 | xargs -P 2 -I{} sh -c "nice -n 15 ./venv/bin/python tagger.py --fold {} --mix $MIX --tag '$TAG' --max-epochs 12 --patience 3 --max-minutes 25 $EXTRA > out/fold{}$TAG.stdout 2>&1"
./venv/bin/python aggregate.py "$TAG"
