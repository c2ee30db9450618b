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
import bz2
import gzip
import json
import lzma
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


def warc_record(uri, body, ctype=b"text/html; charset=utf-8", headers=(), rid=None):
    """A WARC/1.0 response record holding an HTTP 200 response."""
    http = [b"HTTP/1.1 200 OK", b"Content-Type: " + ctype] + list(headers)
    http.append(b"Content-Length: %d" % len(body))
    block = b"\r\n".join(http) + b"\r\n\r\n" + body
    rid = rid or uri
    head = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Record-ID: <urn:test:" + rid + b">",
            b"WARC-Date: 2012-01-02T03:04:05Z", b"WARC-Target-URI: " + uri,
            b"Content-Type: application/http; msgtype=response",
            b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


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


# ----------------------------------------------------------------- charset

CHINESE = [
    "北京市政府周二宣布，将在今年年底前新建二十座公共图书馆，并延长现有图书馆的开放时间。"
    "市民可以在晚上十点前借书和还书，周末也不再闭馆。",
    "负责这项计划的官员表示，新图书馆将优先建在人口密集、文化设施较少的街道，"
    "每座图书馆都会设有儿童阅读区和自习室。",
    "不少市民对此表示欢迎。一位在附近工作的年轻人说，下班以后终于有一个安静的地方可以看书了。",
]


def provenance(recs, key):
    return ((recs[0].get("provenance") or {}).get(key)) if recs else None


def charset_cases(tmp):
    zh = page("北京将新建二十座图书馆", CHINESE, "zh", charset="gb2312")
    recs = run(tmp, "zh-utf8-says-gb2312.html", zh.encode("utf-8"))
    has("charset: UTF-8 bytes under <meta charset=gb2312> read as UTF-8", recs,
        "新建二十座公共图书馆", "安静的地方可以看书")
    result("charset: ... and its title too",
           recs and recs[0].get("title") == "北京将新建二十座图书馆", repr(recs[0].get("title")))
    result("charset: ... provenance says utf-8 (utf8-over-declared)",
           provenance(recs, "charset") == "utf-8 (utf8-over-declared)",
           repr(provenance(recs, "charset")))
    recs = run(tmp, "zh-utf8-ct-gb2312.html", page("北京将新建二十座图书馆", CHINESE, "zh",
                                                    charset=None).encode("utf-8"),
               "--content-type", "text/html; charset=gb2312")
    has("charset: UTF-8 bytes under Content-Type charset=gb2312 read as UTF-8", recs,
        "新建二十座公共图书馆")
    # A page truly in GBK keeps its declaration.
    recs = run(tmp, "zh-gbk.html", zh.encode("gbk"))
    has("charset: GBK bytes under <meta charset=gb2312> read as GBK", recs,
        "新建二十座公共图书馆")
    result("charset: ... provenance says gbk (meta)", provenance(recs, "charset") == "gbk (meta)",
           repr(provenance(recs, "charset")))
    # Each source of the choice is named.
    ru = page("Новости", ["Правительство утвердило новую программу развития транспорта на "
                          "ближайшие десять лет, сообщили в министерстве во вторник."] * 3,
              "ru", charset=None)
    cases = [
        ("bom", b"\xef\xbb\xbf" + ru.encode("utf-8"), (), "utf-8 (bom)"),
        ("content-type", ru.encode("koi8-r"), ("--content-type", "text/html; charset=koi8-r"),
         "koi8-r (content-type)"),
        ("meta", ru.replace("<head>", '<head><meta charset="windows-1251">').encode("cp1251"),
         (), "windows-1251 (meta)"),
        ("utf8-valid", ru.encode("utf-8"), (), "utf-8 (utf8-valid)"),
        ("detector", ru.encode("cp1251"), (), "windows-1251 (detector)"),
    ]
    for name, data, args, want in cases:
        recs = run(tmp, "ru-%s.html" % name, data, *args)
        got = provenance(recs, "charset")
        result("charset: provenance names the source: %s" % want, got == want, repr(got))
    # An archive's HTTP header is the transport.
    warc = (warc_record(b"http://test.example/ru", ru.encode("koi8-r"),
                        b"text/html; charset=koi8-r") +
            warc_record(b"http://test.example/zh", zh.encode("utf-8"), b"text/html; charset=gb2312"))
    recs = run(tmp, "charsets.warc", warc)
    got = [provenance([r], "charset") for r in recs]
    result("charset: a WARC record's HTTP charset is the transport's",
           got == ["koi8-r (content-type)", "utf-8 (utf8-over-declared)"], repr(got))
    has("charset: ... and the UTF-8 page under its gb2312 header reads right", recs[1:],
        "新建二十座公共图书馆")


# ----------------------------------------------------------------- repeats

def count(recs, needle):
    return text_of(recs).count(needle)


def repeats_cases(tmp):
    line = ("We will not move the market, we will not close the library, and we will not "
            "sell the park.")
    recs = run(tmp, "pledge.html", page("The pledge", [
        "At the end of the meeting the new councillors stood up one after another and read "
        "the pledge they had campaigned on, word for word:"] + [line] * 4 + [
        "The audience applauded after each reading, and the chair closed the session."]).encode())
    result("repeats: four identical paragraphs in the article all stay",
           count(recs, line) == 4, "%d of 4" % count(recs, line))
    refrain = "Clean the folder, read the log, and build it all again."
    verses = ["The first machine was slow and old, it took the whole night long.",
              "The second had a shiny disk and memory to spare.",
              "The third one works, the fourth one works, the fifth will work as well."]
    paras = ["Our apprentices sing this at the end of every course, one verse per machine:"]
    for v in verses:
        paras += [v, refrain]
    recs = run(tmp, "song.html", page("The workshop song", paras).encode())
    result("repeats: a refrain after each verse stays each time",
           count(recs, refrain) == 3, "%d of 3" % count(recs, refrain))
    quote = "“Write it down once, and read it every time,” she said."
    recs = run(tmp, "quote.html", page("Ten years on", [
        "When the workshop opened, its founder gave the apprentices one rule.", quote,
        "Ten years later, at the anniversary dinner, she gave the same speech again, and "
        "ended it the same way.", quote]).encode())
    result("repeats: a quotation given twice stays twice",
           count(recs, quote) == 2, "%d of 2" % count(recs, quote))


# ---------------------------------------------------------------- language

SPANISH = [
    "El ayuntamiento aprobó el martes un plan para renovar el mercado central, que lleva más "
    "de diez años esperando una reforma completa. La obra costará unos doce millones de euros y "
    "durará dos años, según el concejal de urbanismo.",
    "Los comerciantes, que llevan meses reclamando mejoras en la cubierta y en las instalaciones "
    "eléctricas, recibieron la noticia con alivio, aunque algunos temen perder clientes durante "
    "las obras.",
    "Durante la reforma, los puestos se trasladarán a una carpa provisional en la plaza de "
    "enfrente. El ayuntamiento promete que ningún comerciante tendrá que cerrar y que el alquiler "
    "se rebajará a la mitad mientras duren los trabajos.",
    "La oposición critica que el proyecto no incluya plazas de aparcamiento y que el presupuesto "
    "se haya duplicado desde la primera versión, presentada hace tres años.",
    "El mercado, inaugurado en 1928, es uno de los edificios más queridos de la ciudad. Su "
    "estructura de hierro y cristal fue declarada bien de interés cultural en los años noventa.",
    "Los vecinos podrán consultar los planos en la biblioteca municipal hasta finales de mes y "
    "presentar sugerencias por escrito antes de que se adjudique la obra.",
    "La asociación de vecinos del barrio ha convocado una reunión para el próximo jueves en el "
    "centro cívico, donde los técnicos municipales explicarán el calendario de las obras.",
    "Según el proyecto, la nueva cubierta permitirá recoger el agua de lluvia para regar los "
    "jardines cercanos y reducirá a la mitad el consumo de energía del edificio.",
    "Algunos puestos históricos, como la pescadería que abrió el abuelo de su actual dueño en los "
    "años cuarenta, conservarán su mostrador de mármol original tras la restauración.",
    "El concejal de comercio aseguró que el mercado seguirá abriendo los domingos por la mañana y "
    "que se estudiará ampliar el horario los viernes por la tarde durante el verano.",
    "Los técnicos calculan que las obras generarán unos doscientos empleos directos y que la "
    "mayoría de los contratos se ofrecerán a empresas de la comarca.",
    "La primera piedra se colocará en primavera, si el pleno aprueba el presupuesto definitivo "
    "antes de que termine el mes de febrero, como prevé el equipo de gobierno.",
]


def language_cases(tmp):
    # A 4 KB Spanish article whose first kilobyte is a table of stall holders.
    names = ["Ana Ruiz", "Luis Gómez", "Marta Vidal", "Jorge Sanz", "Elena Mora", "Pablo Díaz",
             "Lucía Gil", "Raúl Ortega", "Sara Molina", "Iván Castro"]
    table = "".join("<tr><td>%d.</td><td>%s</td><td>%d m²</td><td>%d €</td></tr>"
                    % (i + 1, names[i % 10], 12 + i % 7, 480 + 15 * i) for i in range(40))
    html = page("El mercado central", SPANISH, lang="", charset="utf-8").replace(
        "<article><h1>El mercado central</h1>",
        "<article><h1>El mercado central</h1><p>12/01/2012 10:31</p><table>%s</table>" % table)
    html = html.replace(' lang=""', "")
    recs = run(tmp, "es-4k.html", html.encode())
    got = recs[0].get("language") if recs else None
    result("language: a Spanish article of %d bytes with a table on top is es"
           % len(text_of(recs).encode()), got == "es", repr(got))
    en = ENGLISH * 2
    for declared, text, want in [("en-US", en, "en"), ("en_GB", en, "en"),
                                 ("zh-CN", CHINESE, "zh-Hans"), ("zh-TW", None, "zh-Hant"),
                                 ("pt-br", None, "pt-BR")]:
        if text is None:
            text = ["短訊。"] if want == "zh-Hant" else ["Olá."]
        recs = run(tmp, "lang-%s.html" % declared, page("T", text, lang=declared).encode())
        got = recs[0].get("language") if recs else None
        result("language: declared %s is reported %s" % (declared, want), got == want, repr(got))


# ---------------------------------------------------------------- archives

def story(n):
    return page("Story %d" % n, [
        "The zeppelin number%d drifted over the harbour early on Tuesday morning, and hundreds "
        "of residents stopped on the quay to watch it pass.  Officials said the flight had been "
        "planned for months and posed no danger to anyone below." % n,
        "Local shops reported a busy morning as visitors arrived to see the zeppelin number%d.  "
        "The organisers plan a second flight next week if the weather holds." % n]).encode()


def http_response(body, ctype=b"text/html; charset=utf-8", headers=()):
    head = [b"HTTP/1.1 200 OK", b"Content-Type: " + ctype] + list(headers)
    head.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def arc_file(pages):
    """An ARC v1 file: its filedesc record, then one record per page, an
    image and a DNS lookup (which are no pages)."""
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    recs = [b"filedesc://crawl-2011.arc 0.0.0.0 20111128093000 text/plain %d\n" % len(version)
            + version + b"\n"]
    for n in pages:
        blk = http_response(story(n))
        recs.append(b"http://news.example/%d.html 192.0.2.7 201111280930%02d text/html %d\n"
                    % (n, n, len(blk)) + blk + b"\n")
    blk = http_response(b"\x89PNG\r\n\x1a\n", b"image/png")
    recs.append(b"http://news.example/logo.png 192.0.2.7 20111128093059 image/png %d\n"
                % len(blk) + blk + b"\n")
    recs.append(b"dns:news.example 192.0.2.1 20111128093000 text/dns 10\n192.0.2.7\n\n")
    return recs


def stories_in(recs, pages):
    """Each page of `pages` is exactly one record, with its own text."""
    texts = [r.get("text") or "" for r in recs]
    return len(recs) == len(pages) and all(
        "zeppelin number%d drifted" % n in t for n, t in zip(pages, texts))


def archive_cases(tmp):
    pages = list(range(1, 8))
    recs_arc = arc_file(pages)
    for name, data in [("crawl.arc", b"".join(recs_arc)),
                       ("crawl.arc.gz", b"".join(gzip.compress(r) for r in recs_arc))]:
        recs = run(tmp, name, data)
        result("archives: %s gives one record per HTML response with its text" % name,
               stories_in(recs, pages), "%d records: %r" % (len(recs), [
                   (r.get("id"), (r.get("text") or "")[:40]) for r in recs[:4]]))
        ok = recs and recs[0].get("url") == "http://news.example/1.html" and \
            recs[0].get("warc", {}).get("date") == "2011-11-28T09:30:01Z" and \
            len({r.get("id") for r in recs}) == len(recs)
        result("archives: %s records carry their URL, date and distinct ids" % name, bool(ok),
               repr([(r.get("id"), r.get("url"), r.get("warc", {}).get("date")) for r in recs[:2]]))
    # ClueWeb09's converted WARCs keep "Content-Encoding: gzip" over plain
    # bodies; mixed here with bodies that are compressed as declared, and
    # with gzip under a "deflate" label.
    recs = []
    for n in range(1, 30):
        body, ce = story(n), b"gzip"
        if n % 10 == 0:
            body = gzip.compress(body)
        elif n % 10 == 5:
            body, ce = gzip.compress(body), b"deflate"
        recs.append(warc_record(b"http://news.example/%d.html" % n, body,
                                headers=(b"Content-Encoding: " + ce,), rid=b"clueweb-%d" % n))
    warc = b"".join(r.replace(b"WARC/1.0", b"WARC/0.18", 1) for r in recs)
    out = run(tmp, "clueweb.warc.gz", b"".join(gzip.compress(r) for r in [warc]))
    result("archives: a WARC whose 'Content-Encoding: gzip' lies gives all 29 pages",
           stories_in(out, list(range(1, 30))), "%d records, errors %r" % (
               len(out), sorted({(r.get("error") or {}).get("code") for r in out}, key=str)))
    # Compressions decant does not read are named.
    warc = warc_record(b"http://news.example/1.html", story(1))
    for suffix, data, want in [
            ("lz4", b"\x04\x22\x4d\x18\x64\x40\xa7" + warc[:64] + b"\0\0\0\0", "lz4"),
            ("bz2", bz2.compress(warc), "bzip2"),
            ("xz", lzma.compress(warc), "xz")]:
        recs = run(tmp, "crawl.warc." + suffix, data)
        err = (recs[0].get("error") or {}) if len(recs) == 1 else {}
        result("archives: a .warc.%s says it is %s, not 'binary'" % (suffix, want),
               err.get("code") == "compression" and want in (err.get("message") or ""), repr(err))
    # A page cut short keeps its text up to the cut.
    z = gzip.compress(page("Le marché couvert rouvre", FRENCH * 3, "fr").encode())
    recs = run(tmp, "cut.html.gz", z[:len(z) * 2 // 3])
    r = recs[0] if recs else {}
    result("gzip: a truncated .html.gz gives its text up to the cut, error 'truncated'",
           (r.get("error") or {}).get("code") == "truncated" and "liberté" in (r.get("text") or "")
           and r.get("title") == "Le marché couvert rouvre", repr((r.get("error"), (r.get("text") or "")[:60])))


CASES = [mojibake_cases, charset_cases, repeats_cases, language_cases, archive_cases]


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
