#!/bin/sh
# Counts the Arabic string and char literals in the non-test Rust code of src/stages/ and src/lang/
# (issue 12 caps them at 60: Arabic word lists belong in data/lang/ar/). A file's test module is
# everything from its first `#[cfg(test)]` on. `-v` lists each literal with its file and line.
cd "$(dirname "$0")/.." || exit 1
exec python3 - "$@" <<'PY'
import glob, re, sys
verbose = "-v" in sys.argv[1:]
literal = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)\'')
arabic = re.compile(r'[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]')
total, per_file = 0, {}
for path in sorted(glob.glob("src/stages/**/*.rs", recursive=True) + glob.glob("src/lang/**/*.rs", recursive=True)):
    src = open(path, encoding="utf-8").read()
    cut = src.find("#[cfg(test)]")
    code = src if cut < 0 else src[:cut]
    for lineno, line in enumerate(code.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith("//"):
            continue
        line = line.split(" // ")[0]
        for m in literal.finditer(line):
            if arabic.search(m.group()):
                total += 1
                per_file[path] = per_file.get(path, 0) + 1
                if verbose:
                    print(f"{path}:{lineno}: {m.group()}")
for path, n in sorted(per_file.items(), key=lambda kv: -kv[1]):
    print(f"{n:5}  {path}")
print(f"{total:5}  total (limit 60)")
PY
