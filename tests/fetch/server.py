"""The test web site for tests/fetch.sh: news pages, feeds, sitemaps and
every way a fetch can go wrong, served on a loopback address only.

    python3 tests/fetch/server.py --bind 127.0.0.1 --port-file PORTFILE \
        --log LOG [--trap] [--name NAME] [--peer http://127.0.0.2:PORT]

It binds to a free port (port 0) and writes the port to PORTFILE once it
listens.  Every request is logged to LOG as one JSON line, when it arrives
and when it is answered: {"t": monotonic seconds, "event": "start"/"end",
"path", "ua", "ae" (Accept-Encoding), "active" (requests in progress then)}.
A --trap server answers nothing but 404 and exists to prove, by an empty
log, that no request reached it.  --peer is where the pages' off-site links,
and the feed's off-site items, point (trap servers).
Standard library only; threaded, HTTP/1.1 with keep-alive.
"""
import argparse
import gzip
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"active": 0, "hits": {}}
ARGS = None
LOGF = None


def log(event, handler):
    with LOCK:
        if event == "start":
            STATE["active"] += 1
        entry = {"t": time.monotonic(), "event": event, "path": handler.path,
                 "ua": handler.headers.get("User-Agent"), "ae": handler.headers.get("Accept-Encoding"),
                 "active": STATE["active"], "server": ARGS.name}
        if event == "end":
            STATE["active"] -= 1
        LOGF.write(json.dumps(entry) + "\n")
        LOGF.flush()


def hit(path):
    with LOCK:
        STATE["hits"][path] = STATE["hits"].get(path, 0) + 1
        return STATE["hits"][path]


def article(n, extra_head="", extra_body=""):
    words = ["harbour", "council", "orchard", "festival", "railway", "library", "bridge", "market"]
    w = words[n % len(words)]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story {n} | Test Gazette</title>
<meta property="og:title" content="Story number {n} about the {w}">
<meta property="og:site_name" content="Test Gazette">
<meta name="author" content="Reporter {n}">
<meta property="article:published_time" content="2024-06-{10 + n % 18:02d}T08:00:00+00:00">
{extra_head}</head>
<body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>Story number {n} about the {w}</h1>
<p>The {w} story number {n} began early on Tuesday morning, when residents gathered
near the old square to hear what the committee had decided after months of debate.
Officials said the plan had been agreed unanimously and would start next spring.</p>
<p>Shop owners welcomed the news about the {w}, saying that the changes would bring
more visitors to the town centre.  A second meeting is planned for the autumn, and
the minutes will be published on the council's website within two weeks.</p>
{extra_body}
</article><footer>Copyright Test Gazette</footer></body></html>
"""


def rss(base, items):
    entries = "".join(f"<item><title>Item {i}</title><link>{link}</link>"
                      f"<guid isPermaLink=\"false\">id-{i}</guid></item>\n" for i, link in enumerate(items))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Gazette</title><link>{base}/</link>
<description>News</description>
{entries}</channel></rss>
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TestGazette/1.0"

    def log_message(self, fmt, *args):  # the JSON log is the log
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None, gzip_ok=False,
             chunked=False):
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = dict(headers or {})
        if gzip_ok and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 700):
                piece = body[i:i + 700]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    def do_GET(self):
        log("start", self)
        try:
            self.route()
        finally:
            log("end", self)

    def route(self):
        base = "http://%s:%d" % self.server.server_address[:2]
        peer = ARGS.peer or "http://127.0.0.2:9"
        peer2 = ARGS.peer2 or "http://127.0.0.2:9"
        p = self.path
        if ARGS.trap:
            return self.send(404, "trap")
        if p == "/robots.txt":
            return self.send(200, "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n",
                             "text/plain")
        if p.startswith("/news/") and p.endswith(".html"):
            n = int(p[len("/news/"):-len(".html")])
            # odd pages compressed, every third chunked: both must be undone
            return self.send(200, article(n), gzip_ok=n % 2 == 1, chunked=n % 3 == 0)
        if p == "/private/secret.html":
            return self.send(200, article(99))
        if p == "/feed.xml":
            items = [f"{base}/news/{i}.html" for i in (1, 2, 3, 4, 5)]
            items[1] = "/news/2.html"  # relative: resolved against the feed
            return self.send(200, rss(base, items), "application/rss+xml", gzip_ok=True)
        if p == "/feed-offsite.xml":
            items = [f"{base}/news/6.html", f"{peer}/offsite-a.html", f"{peer2}/offsite-b.html",
                     f"{base}/news/7.html"]
            return self.send(200, rss(base, items), "application/rss+xml")
        if p == "/feed-mixed.xml":  # an item that fails, and one robots.txt forbids
            items = [f"{base}/news/8.html", f"{base}/status/404", f"{base}/private/secret.html",
                     f"{base}/news/9.html"]
            return self.send(200, rss(base, items), "application/rss+xml")
        if p == "/atom.xml":
            entries = "".join(
                f"""<entry><title>E{n}</title><id>urn:e{n}</id>
<link rel="enclosure" type="image/jpeg" href="{base}/img/{n}.jpg"/>
<link rel="alternate" type="text/html" href="{base}/news/{n}.html"/>
<link rel="self" href="{base}/api/{n}"/><updated>2024-06-1{n}T00:00:00Z</updated></entry>
""" for n in (12, 10, 11))
            return self.send(200, f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Gazette</title><id>urn:feed</id>
<updated>2024-06-19T00:00:00Z</updated>{entries}</feed>""", "application/atom+xml")
        if p == "/rdf.xml":
            items = "".join(f"""<item rdf:about="{base}/news/{n}.html"><title>R{n}</title>
<link>{base}/news/{n}.html</link></item>\n""" for n in (13, 14))
            return self.send(200, f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="{base}/rdf.xml"><title>T</title><link>{base}/</link><description>d</description>
</channel>{items}</rdf:RDF>""", "application/rdf+xml")
        if p == "/not-a-feed.xml":
            return self.send(200, "<html><body><p>hello</p></body></html>", "text/html")
        if p == "/sitemap_index.xml":
            return self.send(200, f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml.gz</loc></sitemap>
<sitemap><loc>{peer}/sitemap-offsite.xml</loc></sitemap>
<sitemap><loc>{base}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>""", "application/xml")
        if p == "/sitemap-news.xml.gz":
            urls = "".join(f"""<url><loc>{base}/news/{n}.html</loc><news:news>
<news:publication><news:name>Test Gazette</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-06-19</news:publication_date><news:title>N{n}</news:title>
</news:news></url>\n""" for n in (15, 16))
            xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}</urlset>"""
            return self.send(200, gzip.compress(xml.encode()), "application/gzip")
        if p == "/sitemap-pages.xml":
            return self.send(200, f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/news/17.html</loc></url>
<url><loc> {base}/news/18.html </loc></url>
</urlset>""", "application/xml")
        if p.startswith("/redirect/"):
            n = p[len("/redirect/"):]
            return self.send(301, "moved", headers={"Location": f"/news/{n}.html"})
        if p == "/old/story":  # two hops, the second relative to the first
            return self.send(302, "", headers={"Location": f"{base}/moved/away"})
        if p == "/moved/away":
            return self.send(307, "", headers={"Location": "deep/er/story.html"})
        if p == "/moved/deep/er/story.html":
            return self.send(200, article(20, '<meta property="og:image" content="img/lead.jpg">'))
        if p == "/loop":
            return self.send(302, "", headers={"Location": "/loop"})
        if p == "/status/404":
            return self.send(404, "<html><body>Not here</body></html>")
        if p.startswith("/flaky/"):  # 500 the first time, then the page
            if hit(p) == 1:
                return self.send(500, "<html><body>Oops</body></html>")
            return self.send(200, article(21))
        if p == "/busy":  # 429 with Retry-After the first time
            if hit(p) == 1:
                return self.send(429, "slow down", headers={"Retry-After": "1"})
            return self.send(200, article(22))
        if p == "/slow":
            time.sleep(4)
            return self.send(200, article(23))
        if p.startswith("/hold/"):  # a second's work, to see two hosts at once
            time.sleep(1)
            return self.send(200, article(24))
        if p == "/links.html":  # links, images and scripts on other hosts
            extra = "".join(f'<p><a href="{u}/a.html">A link to {u}</a> and an image '
                            f'<img src="{u}/i.png" alt="x"></p>' for u in (peer, peer2))
            head = f'<link rel="stylesheet" href="{peer}/s.css"><script src="{peer2}/s.js"></script>' \
                   f'<link rel="preload" href="{peer}/f.woff2">'
            return self.send(200, article(25, head, extra + f'<iframe src="{peer}/frame.html"></iframe>'))
        if p == "/image.png":
            return self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        if p == "/big.html":
            return self.send(200, article(26, extra_body="<p>" + "word " * 40000 + "</p>"))
        return self.send(404, "<html><body>Not found</body></html>")


def main():
    global ARGS, LOGF
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--name", default="main")
    ap.add_argument("--trap", action="store_true")
    ap.add_argument("--peer")
    ap.add_argument("--peer2")
    ARGS = ap.parse_args()
    if not (ARGS.bind.startswith("127.0.0.")):
        sys.exit("loopback addresses only")
    LOGF = open(ARGS.log, "a", encoding="utf-8")
    srv = ThreadingHTTPServer((ARGS.bind, 0), Handler)
    srv.daemon_threads = True
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, ARGS.port_file)
    srv.serve_forever()


main()
