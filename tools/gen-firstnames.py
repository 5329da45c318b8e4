#!/usr/bin/env python3
"""Regenerate data/firstnames.txt: given names across locales, from Debian's
`faker` package (apt-get install faker). The list is a general lexicon used as
one piece of evidence that a capitalised word is a given name; it is committed
so builds do not need faker. Extra names common in business notes but missing
from faker's Latin-script lists are appended from data/firstnames-extra.txt."""
import importlib, os, sys
sys.path.insert(0, "/usr/lib/python3/dist-packages")
import faker.providers.person as P

names = set()
base = os.path.dirname(P.__file__)
for loc in sorted(os.listdir(base)):
    if loc.startswith("_"):
        continue
    try:
        pr = importlib.import_module("faker.providers.person." + loc).Provider
    except Exception:
        continue
    for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        v = getattr(pr, attr, None) or ()
        for n in (v.keys() if isinstance(v, dict) else v):
            n = n.strip() if isinstance(n, str) else ""
            if (n and n[0].isupper() and " " not in n and all(ord(c) < 0x2000 for c in n)
                    and all(c.isalpha() or c in "-'" for c in n)):
                names.add(n)
here = os.path.dirname(os.path.abspath(__file__))
extra = os.path.join(here, "..", "data", "firstnames-extra.txt")
if os.path.exists(extra):
    names.update(l.strip() for l in open(extra, encoding="utf-8") if l.strip() and not l.startswith("#"))
sys.stdout.write("\n".join(sorted(names)) + "\n")
