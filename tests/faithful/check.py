#!/usr/bin/env python3
"""Faithful text: decant must not alter, drop or lose what a page says.

usage: python3 tests/faithful/check.py DECANT

Each case writes its input (a page or an archive, built here with the
standard library), runs DECANT on it and checks the records.  The cases are
the failures of issue 13, one or more checks each:
  mojibake   correct UTF-8 that looks double-encoded stays as it is; real
             double encoding is still repaired
  charset    (see the cases named charset-*)
  repeats    (see repeats-*)
  archives   (see arc-*, warc-*)
  gzip       (see gz-*)
  language   (see lang-*)
Prints one line per check and "faithful: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

DECANT = os.path.abspath(sys.argv[1])
passed = failed = 0


def result(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))


def run(tmp, name, data, *args):
    """Writes data to tmp/name, runs decant on it, returns its records."""
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([DECANT, "--quiet", "-j", "1", *args, path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    recs = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:
            recs.append({"text": None, "error": {"code": "bad-json", "message": line[:80]}})
    return recs


def text_of(recs):
    return recs[0].get("text") or "" if recs else ""


def has(name, recs, *needles, absent=()):
    """The first record's text holds every needle and none of `absent`
    (no-break spaces count as spaces: the body renders them so)."""
    t = text_of(recs)
    needles = [n.replace(NBSP, " ") for n in needles]
    missing = [n for n in needles if n not in t]
    found = [n for n in absent if n in t]
    result(name, not missing and not found,
           "missing %r, unwanted %r in %r" % (missing, found, t[:200]))


NBSP = "\u00a0"


def page(title, paras, lang="en", charset="utf-8", head=""):
    """An HTML page (str) whose article the extractor cannot miss."""
    body = "\n".join("<p>%s</p>" % p for p in paras)
    meta = '<meta charset="%s">' % charset if charset else ""
    return ("<!DOCTYPE html>\n<html lang=\"%s\"><head>%s<title>%s</title>%s</head>\n"
            "<body><nav><a href=\"/\">Home</a> <a href=\"/a\">Archive</a></nav>\n"
            "<article><h1>%s</h1>\n%s\n</article><footer>Contact</footer></body></html>\n"
            % (lang, meta, title, head, title, body))


def double_encode(s):
    """UTF-8 read as windows-1252 (Latin-1 where it has no character) and
    encoded again: the damage mojibake repair undoes."""
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# ---------------------------------------------------------------- mojibake

FRENCH = [
    "Sur la place, les manifestants scandaient " + "«" + NBSP + "liberté" + NBSP + "»" +
    " puis " + "«" + NBSP + "égalité" + NBSP + "»" + " et enfin " + "«" + NBSP + "fraternité" +
    NBSP + "»" + " jusqu'à la tombée de la nuit, sous le regard des passants.",
    "Le maire a salué une mobilisation pacifique et a promis de recevoir une délégation "
    "dès la semaine prochaine pour discuter des revendications des habitants du quartier.",
    "Les commerçants, eux, ont fermé plus tôt que d'habitude, mais aucun incident n'a été "
    "signalé par la préfecture au cours de la soirée, selon un communiqué publié vendredi.",
]

GERMAN = [
    "Die Kinder hatten beim Sommerfest sichtlich „Spaß“, und auch die Eltern sprachen von "
    "einem „großen Erfolg“. Der Bürgermeister schickte einen „Gruß“ an alle Helfer, "
    "die sich den „Fuß“ vertreten hatten.",
    "Am Nachmittag spielte die Blaskapelle auf dem Marktplatz, während die Feuerwehr ihre "
    "Fahrzeuge zeigte und die Bäckerei frischen Kuchen an die Besucher verteilte.",
    "Die Veranstalter wollen das Fest im nächsten Jahr wiederholen und hoffen dann auf "
    "ebenso gutes Wetter wie an diesem Wochenende, an dem kein Tropfen Regen fiel.",
]

# é, a no-break space and "–" read as Latin-1 are the UTF-8 of 頖: a Czech
# page came out with "Policist頖".
CZECH = [
    "Policisté" + NBSP + "– podle mluvčí –" + " zasahovali u nehody na dálnici D1. Hasiči"
    " a záchranáři přijeli během několika minut, řekl dispečer. Svědkové uvedli,"
    " že řidiči osobních aut jeli příliš rychle. Zraněné" + NBSP + "– celkem tři"
    " lidé" + NBSP + "– byli převezeni do nemocnice a jejich stav je stabilizovaný.",
    "Dálnice byla ve směru na Brno několik hodin uzavřena a objížďka vedla přes okolní"
    " obce, kde se tvořily dlouhé kolony. Provoz byl obnoven až v podvečer.",
    "Policie nyní vyšetřuje přesné příčiny nehody a žádá případné svědky, aby se"
    " přihlásili na lince 158 nebo na kterékoli služebně v regionu.",
]

ENGLISH = [
    "The council said on Tuesday that the bridge’s repairs would take “at least” three "
    "months — longer than planned — because the steel had rusted further than expected.",
    "Residents were told they’d have to use the ferry in the meantime; it’s free for "
    "anyone with a local address, and runs every twenty minutes from six in the morning.",
    "A café owner by the river said the closure would cost her “a fortune” but that she "
    "understood why the work couldn’t wait until the spring, when the tourists return.",
]


def mojibake_cases(tmp):
    fr = page("Manifestation au centre-ville", FRENCH, "fr").encode()
    recs = run(tmp, "fr.html", fr)
    has("mojibake: French « liberté » with no-break spaces is left as it is", recs,
        "«" + NBSP + "liberté" + NBSP + "»", "«" + NBSP + "fraternité" + NBSP + "»",
        absent=("頻",))
    de = page("Sommerfest", GERMAN, "de").encode()
    recs = run(tmp, "de.html", de)
    has("mojibake: German „Spaß“ is left as it is", recs, "„Spaß“", "„Gruß“",
        absent=("ߓ",))
    cs = page("Nehoda na dálnici", CZECH, "cs").encode()
    recs = run(tmp, "cs.html", cs)
    has("mojibake: Czech 'Policisté – ' is left as it is", recs,
        "Policisté" + NBSP + "–", "Zraněné" + NBSP + "–", absent=("頖",))

    # The same English article double-encoded: repaired to the original.
    en = page("Bridge closed", ENGLISH, "en")
    recs = run(tmp, "en-damaged.html", double_encode(en).encode())
    has("mojibake: double-encoded English is repaired", recs,
        "bridge’s repairs", "“at least”", "months — longer", "café owner",
        absent=("â€", "Ã©"))
    # Damage and correct French on one page: only the damage changes.
    mixed = page("Manifestation", [double_encode(ENGLISH[0]), double_encode(ENGLISH[2])] +
                 FRENCH, "fr")
    recs = run(tmp, "mixed.html", mixed.encode())
    has("mojibake: on a damaged page, correct « liberté » is still left alone", recs,
        "bridge’s repairs", "café owner", "«" + NBSP + "liberté" + NBSP + "»",
        absent=("頻", "â€"))
    # A page about mojibake shows the damage beside the repair: kept.
    about = page("Encoding trouble", [
        "For years I saw \"Ã¤\" instead of \"ä\" on every page of the old forum, and "
        "nobody could tell me why the letters broke.",
        "The culprit was a database that stored UTF-8 as Latin-1: \"Ã¤\" instead of \"ä\", "
        "over and over, until we converted every table by hand one weekend.",
        "Since then the forum has been fine, and the old threads read as they should."], "en")
    recs = run(tmp, "about.html", about.encode())
    has("mojibake: a page that shows \"Ã¤\" beside \"ä\" keeps its examples", recs,
        "\"Ã¤\" instead of \"ä\"")


CASES = [mojibake_cases]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        only = set(sys.argv[2:])
        for case in CASES:
            if not only or case.__name__ in only:
                case(tmp)
    print("faithful: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
