#!/usr/bin/python3
"""Tests of the decant Python module (python/decant) and decant.dask.

usage: /usr/bin/python3 tests/python/test_module.py [path/to/decant]

The module is imported from python/ (build it first: make python); the CLI
(default build/decant, or $DECANT_CLI) is the reference its records must
equal.  Last line: "python: N passed, N failed"; exit status 1 on failure.
"""
import gzip
import json
import os
import re
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))

import decant  # noqa: E402

CLI = os.environ.get("DECANT_CLI") or os.path.join(ROOT, "build", "decant")
GOLDEN = os.path.join(ROOT, "tests", "golden")
PAGES = sorted(os.path.join(GOLDEN, f) for f in os.listdir(GOLDEN) if f.endswith(".html"))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cli_records(args):
    """The CLI's records for args (run with -j 1), parsed."""
    proc = subprocess.run([CLI, "-j", "1", "--quiet"] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1):
        raise AssertionError("decant exited with %d: %s" % (proc.returncode, proc.stderr[-500:]))
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


# ------------------------------------------------------------ WARC writer

def page(n, words=60):
    body = " ".join("word%d" % ((n * 7 + i) % 97) for i in range(words))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Shard story %d</title></head><body><nav><a href=\"/\">Home</a></nav>"
            "<article><h1>Shard story %d</h1><p>The airship number %d crossed the bay. %s.</p>"
            "<p>Residents watched from the quay as the crew waved. %s.</p></article>"
            "<footer>Copyright</footer></body></html>" % (n, n, n, body, body)).encode()


def warc_record(kind, block, uri, rid, ctype=b"application/http; msgtype=response"):
    head = [b"WARC/1.0", b"WARC-Type: " + kind, b"WARC-Record-ID: <urn:test:" + rid + b">",
            b"WARC-Date: 2026-01-02T03:04:05Z", b"WARC-Target-URI: " + uri,
            b"Content-Type: " + ctype, b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def http_response(body, status=b"200 OK", ctype=b"text/html; charset=utf-8"):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype +
            b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def make_warc(path, shard, pages=4, gzip_members=True, extras=True):
    """A small archive: `pages` HTML responses, plus (with extras) a request,
    a 404, an image and a page that gives no article."""
    records = []
    for i in range(pages):
        n = shard * 100 + i
        uri = b"http://shard.example/%d.html" % n
        if extras and i == 1:
            records.append(warc_record(b"request", b"GET /%d.html HTTP/1.1\r\n\r\n" % n, uri,
                                       b"req-%d" % n, b"application/http; msgtype=request"))
        records.append(warc_record(b"response", http_response(page(n)), uri, b"page-%d" % n))
    if extras:
        records.append(warc_record(b"response", http_response(page(0), b"404 Not Found"),
                                   b"http://shard.example/missing", b"missing-%d" % shard))
        records.append(warc_record(b"response", http_response(b"\x89PNG\r\n\x1a\n" + bytes(64),
                                                              ctype=b"image/png"),
                                   b"http://shard.example/a.png", b"png-%d" % shard))
        records.append(warc_record(b"response", http_response(b"<html><body></body></html>"),
                                   b"http://shard.example/empty", b"empty-%d" % shard))
    with open(path, "wb") as f:
        for r in records:
            f.write(gzip.compress(r) if gzip_members else r)


def without(rec, *keys):
    return {k: v for k, v in rec.items() if k not in keys}


# ------------------------------------------------------------------ tests

class Extract(unittest.TestCase):
    def test_version(self):
        self.assertEqual(decant.version(), decant.__version__)

    def test_fields_equal_cli(self):
        """Every golden page: the dict equals the CLI's record."""
        self.assertTrue(PAGES)
        for path in PAGES:
            name = os.path.basename(path)[:-5]
            with self.subTest(page=name):
                cli, = cli_records([path])
                got = decant.extract(read(path), id=cli["id"], source=cli["source"])
                self.assertEqual(got, cli)
                bare = decant.extract(read(path))
                self.assertIsNone(bare["id"])
                self.assertIsNone(bare["source"])
                self.assertEqual(without(bare, "id", "source"), without(cli, "id", "source"))

    def test_keys(self):
        rec = decant.extract(read(PAGES[0]))
        self.assertEqual(set(rec), {"id", "source", "url", "title", "authors", "date_published",
                                    "date_modified", "site_name", "section", "tags",
                                    "description", "image", "language", "page_type", "is_article",
                                    "text", "related", "provenance", "error"})
        self.assertIsNone(rec["error"])
        self.assertTrue(rec["text"])

    def test_url_and_content_type(self):
        path = os.path.join(GOLDEN, "ru-windows-1251.html")
        cli, = cli_records(["--url", "https://example.org/x", "--content-type",
                            "text/html; charset=windows-1251", path])
        got = decant.extract(read(path), "https://example.org/x",
                             "text/html; charset=windows-1251")
        self.assertEqual(without(got, "id", "source"), without(cli, "id", "source"))

    def test_markdown(self):
        path = os.path.join(GOLDEN, "structure-lists-table-code.html")
        proc = subprocess.run([CLI, "-j", "1", "--quiet", "--format", "markdown", path],
                              stdout=subprocess.PIPE, check=True)
        md = decant.extract(read(path), body="markdown")
        text = decant.extract(read(path))
        self.assertEqual(md["text"].rstrip("\n"), proc.stdout.decode("utf-8").rstrip("\n"))
        self.assertNotEqual(md["text"], text["text"])
        self.assertEqual(without(md, "text"), without(text, "text"))
        # any extractor gives any body; markdown= is still accepted
        ex = decant.Extractor()
        self.assertEqual(ex.extract(read(path), body="markdown"), md)
        self.assertEqual(ex.extract(read(path)), text)
        self.assertEqual(decant.Extractor(markdown=True).extract(read(path), body="markdown"), md)

    def test_html(self):
        path = os.path.join(GOLDEN, "structure-lists-table-code.html")
        proc = subprocess.run([CLI, "-j", "1", "--quiet", "--format", "html", path],
                              stdout=subprocess.PIPE, check=True)
        h = decant.extract(read(path), body="html")
        self.assertEqual(h["text"].rstrip("\n"), proc.stdout.decode("utf-8").rstrip("\n"))
        self.assertIn("<li>", h["text"])
        self.assertIn("<table>", h["text"])
        self.assertEqual(without(h, "text"), without(decant.extract(read(path)), "text"))
        ex = decant.Extractor(html=True)
        self.assertTrue(ex.html and ex.markdown)
        self.assertEqual(ex.extract(read(path), body="html"), h)
        self.assertEqual(ex.extract(read(path), body="markdown")["text"],
                         decant.extract(read(path), body="markdown")["text"])

    def test_str_input(self):
        """A str is taken as already decoded, whatever its <meta charset>."""
        for path in PAGES:
            with self.subTest(page=os.path.basename(path)):
                raw = read(path)
                want = decant.extract(raw)
                # the charset the page declares (windows-1251, iso-8859-2, gbk...)
                m = re.search(rb"charset=[\"']?([\w-]+)", raw[:2048])
                charset = m.group(1).decode("ascii") if m else "utf-8"
                got = decant.extract(raw.decode(charset))
                # the str reaches the library as UTF-8 behind a BOM
                self.assertEqual(got["provenance"].pop("charset"), "utf-8 (bom)")
                want["provenance"].pop("charset")
                self.assertEqual(got, want)
        self.assertEqual(decant.extract(bytearray(read(PAGES[0]))), decant.extract(read(PAGES[0])))
        self.assertEqual(decant.extract(memoryview(read(PAGES[0]))),
                         decant.extract(read(PAGES[0])))

    def test_gzip_input(self):
        raw = read(PAGES[0])
        self.assertEqual(decant.extract(gzip.compress(raw)), decant.extract(raw))

    def test_errors_raise(self):
        cases = {b"": "empty", b"\x89PNG\r\n\x1a\n" + bytes(100): "binary",
                 b"just some words, no markup at all\n" * 3: "not_html",
                 b"\x1f\x8b\x08\x00garbage-garbage-garbage": "gzip",
                 b"<html><body></body></html>": "no_content"}
        for data, code in cases.items():
            with self.subTest(code=code):
                with self.assertRaises(decant.Error) as cm:
                    decant.extract(data)
                e = cm.exception
                self.assertIsInstance(e, Exception)
                self.assertEqual(e.code, code)
                self.assertTrue(e.message)
                self.assertIn(code, str(e))
                self.assertIsInstance(e.position, int)
                # Dask sends a task's exception between processes.
                back = pickle.loads(pickle.dumps(e))
                self.assertEqual((type(back), back.code), (decant.Error, code))

    def test_errors_record(self):
        good = decant.extract(read(PAGES[0]))
        for data, code in [(b"", "empty"), (b"\x00\x01\x02\x03" * 50, "binary"),
                           (b"<html><body></body></html>", "no_content")]:
            with self.subTest(code=code):
                rec = decant.extract(data, errors="record", id="x", url="https://e.org/")
                self.assertEqual(set(rec), set(good))
                self.assertEqual(rec["error"]["code"], code)
                self.assertTrue(rec["error"]["message"])
                self.assertEqual(rec["id"], "x")
                self.assertEqual(rec["url"], "https://e.org/")
        self.assertIsNone(decant.extract(read(PAGES[0]), errors="record")["error"])

    def test_limits(self):
        with self.assertRaises(decant.Error) as cm:
            decant.extract(read(PAGES[0]), max_bytes=100)
        self.assertEqual(cm.exception.code, "too_large")
        self.assertEqual(decant.extract(read(PAGES[0]), max_bytes=10 << 20),
                         decant.extract(read(PAGES[0])))

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            decant.extract(12)
        with self.assertRaises(TypeError):
            decant.extract(b"<p>x</p>", url=5)
        with self.assertRaises(ValueError):
            decant.extract(b"<p>x</p>", body="pdf")
        with self.assertRaises(ValueError):
            decant.extract(b"<p>x</p>", errors="ignore")
        with self.assertRaises(ValueError):
            decant.extract(b"<p>x</p>", max_bytes=-1)
        with self.assertRaises(ValueError):
            decant.Extractor().extract(b"<p>x</p>", body="pdf")
        # any extractor renders any body: no mismatch to refuse
        rec = decant.Extractor(markdown=True).extract(b"<p>x</p>", body="html", errors="record")
        self.assertIn("<p>x</p>", rec["text"])

    def test_hostile_never_crash(self):
        inputs = [b"<div>" * 20000, b"<b><i>" * 5000 + b"text", b"\xff\xfe" + b"\x00<" * 500,
                  b"<p " + b"a=1 " * 20000 + b">x", bytes(range(256)) * 40,
                  "<p>\ud800 lone surrogate</p>", b"<html>" + b"\xc3\x28" * 1000]
        for data in inputs:
            rec = decant.extract(data, errors="record")
            self.assertIn("error", rec)

    def test_threads_equal_serial(self):
        """Two threads extracting at once give what one gives alone."""
        pages = [read(p) for p in PAGES] * 6
        serial = [decant.extract(p, errors="record") for p in pages]
        results = [[None] * len(pages) for _ in range(2)]
        failures = []

        def work(k):
            try:
                for i, p in enumerate(pages):
                    results[k][i] = decant.extract(p, errors="record")
            except BaseException as e:  # reported by the main thread
                failures.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(results[0], serial)
        self.assertEqual(results[1], serial)

    def test_shared_extractor_threads(self):
        """Threads sharing one Extractor take turns instead of corrupting it."""
        ex = decant.Extractor()
        pages = [read(p) for p in PAGES] * 4
        serial = [ex.extract(p, errors="record") for p in pages]
        out = {}

        def work(k):
            out[k] = [ex.extract(p, errors="record") for p in pages]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([out[k] for k in range(3)], [serial] * 3)


class Warc(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="decant-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_iter_warc_equals_cli(self):
        for gz in (True, False):
            path = os.path.join(self.tmp, "a.warc.gz" if gz else "a.warc")
            make_warc(path, 1, gzip_members=gz)
            for all_records in (False, True):
                with self.subTest(gzip=gz, all_records=all_records):
                    cli = cli_records((["--all-records"] if all_records else []) + [path])
                    got = list(decant.iter_warc(path, all_records=all_records))
                    self.assertEqual(got, cli)
                    self.assertEqual(len(got), 8 if all_records else 5)
                    self.assertEqual([r["error"] is None for r in got if r["warc"]["skip"] is None],
                                     [True] * 4 + [False])

    def test_iter_warc_fields_and_stats(self):
        path = os.path.join(self.tmp, "b.warc.gz")
        make_warc(path, 2)
        with decant.iter_warc(path, body="markdown", source="s3://bucket/b.warc.gz") as it:
            recs = list(it)
            stats = it.stats()
        self.assertEqual(recs[0]["id"], "urn:test:page-200")
        self.assertEqual(recs[0]["source"], "s3://bucket/b.warc.gz")
        self.assertEqual(recs[0]["url"], "http://shard.example/200.html")
        self.assertEqual(recs[0]["title"], "Shard story 200")
        self.assertEqual(recs[0]["warc"]["file"], path)
        self.assertEqual(recs[0]["warc"]["offset"], 0)
        self.assertEqual(stats["records"], 8)
        self.assertEqual(stats["extracted"], 4)
        self.assertEqual(stats["failed"], 1)
        self.assertEqual(stats["skipped"]["not_response"], 1)
        self.assertEqual(stats["skipped"]["status"], 1)
        self.assertEqual(stats["skipped"]["not_html"], 1)
        # a closed reader yields nothing more
        it = decant.iter_warc(path)
        next(it)
        it.close()
        self.assertEqual(list(it), [])

    def test_iter_warc_errors(self):
        with self.assertRaises(decant.Error):
            decant.iter_warc(os.path.join(self.tmp, "missing.warc.gz"))
        bad = os.path.join(self.tmp, "bad.warc.gz")
        good = os.path.join(self.tmp, "good.warc.gz")
        make_warc(good, 3, extras=False)
        data = read(good)
        with open(bad, "wb") as f:
            f.write(data[: len(data) // 2] + b"\x1f\x8b\x08\x00corrupt" + data[len(data) // 2:])
        self.assertEqual(list(decant.iter_warc(bad)), cli_records([bad]))
        # An archive named without ".warc": its records about the whole file
        # carry the CLI's id ("crawl", not "crawl.gz").
        odd = os.path.join(self.tmp, "crawl.gz")
        shutil.copyfile(bad, odd)
        got = list(decant.iter_warc(odd))
        self.assertEqual(got, cli_records([odd]))
        self.assertIn("crawl", [r["id"] for r in got])
        with open(bad, "wb") as f:
            f.write(bytes(range(256)) * 10)
        self.assertEqual(list(decant.iter_warc(bad)), cli_records([bad]))

    def test_iter_warc_threads(self):
        paths = []
        for k in range(2):
            paths.append(os.path.join(self.tmp, "t%d.warc.gz" % k))
            make_warc(paths[-1], 10 + k, pages=12)
        serial = [list(decant.iter_warc(p)) for p in paths]
        out = [None, None]

        def work(k):
            out[k] = list(decant.iter_warc(paths[k]))

        threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(out, serial)


class Sites(unittest.TestCase):
    SITE = os.path.join(GOLDEN, "en-courier.site")

    def pages(self):
        return [os.path.join(self.SITE, f) for f in sorted(os.listdir(self.SITE))]

    def test_learn_apply_and_the_cli_agree(self):
        m = decant.SiteModel()
        for p in self.pages():
            self.assertEqual(m.learn(read(p)), "harbourcourier.example")
        self.assertEqual(len(m), 1)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model")
            m.save(path)
            loaded = decant.SiteModel.load(path)
            self.assertEqual(loaded.to_bytes(), m.to_bytes())
            cli = cli_records(["--site-model", path, self.SITE])
        for p, rec in zip(self.pages(), cli):
            got = decant.extract(read(p), site_model=loaded, id=rec["id"], source=p)
            self.assertEqual(got["text"], rec["text"])
            self.assertNotIn("Readers also opened", got["text"])
            self.assertIn("Readers also opened", decant.extract(read(p))["text"])

    def test_bad_models_and_arguments(self):
        with self.assertRaises(decant.Error) as e:
            decant.SiteModel(b"DCSITES\n" + b"\0" * 20)
        self.assertEqual(e.exception.code, "parse")
        with self.assertRaises(TypeError):
            decant.extract(read(PAGES[0]), site_model="model")
        with self.assertRaises(ValueError):
            decant.iter_warc(PAGES[0], learn=True)

    def test_iter_warc_learns_as_it_goes(self):
        with tempfile.TemporaryDirectory() as tmp:
            warc = os.path.join(tmp, "site.warc")
            with open(warc, "wb") as f:
                for i, p in enumerate(self.pages()):
                    html = read(p)
                    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
                    f.write(warc_record(b"response", http, b"https://www.harbourcourier.example/%d" % i,
                                        b"%d" % i))
            m = decant.SiteModel()
            texts = [r["text"] for r in decant.iter_warc(warc, site_model=m, learn=True)]
        self.assertEqual(len(m), 1)
        self.assertIn("Readers also opened", texts[0])      # nothing learned yet
        self.assertNotIn("Readers also opened", texts[-1])  # five pages before it


class Dask(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="decant-dask-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_local_cluster_equals_cli(self):
        try:
            import logging
            from distributed import Client, LocalCluster
        except ImportError as e:
            self.fail("python3-distributed is missing (run scripts/setup.sh): %s" % e)
        from decant import dask as ddask

        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        # A shutdown race inside distributed leaves an unretrieved Timeout
        # future; it is noise, not a result of the test.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        paths = []
        for k in range(4):
            paths.append(os.path.join(self.tmp, "in", "shard-%d.warc%s" % (k, ".gz" if k % 2 else "")))
            os.makedirs(os.path.dirname(paths[-1]), exist_ok=True)
            make_warc(paths[-1], k, pages=3 + k, gzip_members=bool(k % 2))
        missing = os.path.join(self.tmp, "in", "missing.warc.gz")
        out = os.path.join(self.tmp, "out")
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            summary = ddask.run(client, paths + [missing], out, {"body": "text"}, retries=1)
        self.assertEqual(summary["files"], 5)
        self.assertEqual(summary["files_done"], 4)
        self.assertEqual([f["file"] for f in summary["failed"]], [missing])
        self.assertIn("Error", summary["failed"][0]["error"])
        merged = []
        for p in paths:
            shard = os.path.join(out, ddask.shard_stem(p) + ".jsonl")
            with open(shard, encoding="utf-8") as f:
                merged.extend(json.loads(line) for line in f)
        cli = cli_records(paths)
        self.assertEqual([without(r, "source") for r in merged], [without(r, "source") for r in cli])
        self.assertEqual(summary["records"], len(cli))
        self.assertEqual(summary["errors"], sum(r["error"] is not None for r in cli))
        # only complete shards: no temporary files are left behind
        self.assertEqual(sorted(os.listdir(out)),
                         sorted(ddask.shard_stem(p) + ".jsonl" for p in paths))

    def test_shard_names(self):
        from decant import dask as ddask
        self.assertEqual(ddask.shard_stem("/x/CC-1.warc.gz"), "CC-1")
        self.assertEqual(ddask.shard_stem("y.warc.zst"), "y")
        names = ddask.shard_names(["/a/x.warc.gz", "/b/x.warc.gz", "/c/z.warc"])
        self.assertEqual(len(set(names)), 3)
        self.assertEqual(names[2], "z.jsonl")

    def test_command_line(self):
        """python3 -m decant.dask: shards, summary file, exit status 1 on a failed file."""
        good = os.path.join(self.tmp, "c.warc.gz")
        make_warc(good, 5)
        listing = os.path.join(self.tmp, "list.txt")
        with open(listing, "w") as f:
            f.write("# inputs\n%s\n\n%s\n" % (good, os.path.join(self.tmp, "nope.warc")))
        out = os.path.join(self.tmp, "out")
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        proc = subprocess.run([sys.executable, "-m", "decant.dask", "--local", "1", "--quiet",
                               "--retries", "0", "--out", out, "--list", listing],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              cwd=self.tmp, timeout=120)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode()[-2000:])
        summary = json.loads(proc.stdout)
        with open(os.path.join(out, "_summary.json")) as f:
            self.assertEqual(json.load(f)["files_done"], summary["files_done"])
        self.assertEqual(summary["files_done"], 1)
        self.assertEqual(len(summary["failed"]), 1)
        with open(os.path.join(out, "c.jsonl"), encoding="utf-8") as f:
            self.assertEqual([json.loads(l) for l in f], cli_records([good]))


class Fetch(unittest.TestCase):
    """decant.fetch and decant.extract_url against tests/fetch/server.py on
    127.0.0.1, started and stopped here."""

    @classmethod
    def setUpClass(cls):
        for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            os.environ.pop(var, None)
        cls.tmp = tempfile.mkdtemp()
        portfile = os.path.join(cls.tmp, "port")
        cls.log = os.path.join(cls.tmp, "log")
        cls.server = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "fetch", "server.py"),
                                       "--bind", "127.0.0.1", "--port-file", portfile, "--log", cls.log])
        for _ in range(100):
            if os.path.exists(portfile):
                break
            threading.Event().wait(0.1)
        with open(portfile) as f:
            cls.site = "http://127.0.0.1:%s" % f.read().strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_extract_url_equals_cli(self):
        url = self.site + "/redirect/3"
        rec = decant.extract_url(url, delay=0.1)
        cli = cli_records(["--delay", "100ms", url])[0]
        self.assertEqual(rec["url"], self.site + "/news/3.html")
        self.assertEqual(rec["requested_url"], url)
        self.assertTrue(rec["id"].startswith("urn:uuid:"))
        # Each fetch is a response of its own: only the id differs.
        self.assertEqual(without(rec, "id"), without(cli, "id"))
        self.assertEqual(list(rec), list(cli))

    def test_fetch_result(self):
        r = decant.fetch(self.site + "/news/1.html", delay=0.1)
        self.assertEqual(r["status"], 200)
        self.assertIn(b"Story number 1", r["body"])
        self.assertIsNone(r["error"])
        # robots.txt, then the page; the page came gzip-compressed, as sent
        self.assertEqual([x["url"].rsplit("/", 1)[1] for x in r["exchanges"]], ["robots.txt", "1.html"])
        self.assertTrue(r["exchanges"][1]["request"].startswith(b"GET /news/1.html HTTP/1.1\r\n"))
        self.assertIn(b"Content-Encoding: gzip", r["exchanges"][1]["response"])
        decant.extract(r["body"], url=r["url"])  # the body is the page itself

    def test_errors(self):
        with self.assertRaises(decant.Error) as cm:
            decant.fetch(self.site + "/status/404", delay=0.1)
        self.assertEqual(cm.exception.code, "http_404")
        rec = decant.extract_url(self.site + "/private/x.html", errors="record", delay=0.1)
        self.assertEqual(rec["error"]["code"], "robots")
        rec = decant.extract_url(self.site + "/private/x.html", errors="record", delay=0.1, ignore_robots=True)
        self.assertEqual(rec["error"]["code"], "http_404")
        with self.assertRaises(decant.Error) as cm:
            decant.extract_url(self.site + "/slow", timeout=0.5, retries=0, delay=0.1)
        self.assertEqual(cm.exception.code, "timeout")
        with self.assertRaises(decant.Error) as cm:
            decant.extract_url("ftp://example.invalid/")
        self.assertEqual(cm.exception.code, "bad_url")
        with self.assertRaises(ValueError):
            decant.fetch(self.site, timeout=-1)
        with self.assertRaises(TypeError):
            decant.fetch(self.site, allow_hosts="x")

    def test_threads(self):
        # Threads may fetch at the same time (each call has a fetcher of its
        # own, and lets the GIL go); each gets its own, right record.
        out = {}
        def work(n):
            out[n] = decant.extract_url(self.site + "/hold/%d" % n, delay=0)
        ts = [threading.Thread(target=work, args=(n,)) for n in (1, 2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(sorted(out), [1, 2])
        self.assertTrue(all(r["error"] is None for r in out.values()))


class Install(unittest.TestCase):
    def test_pip_install(self):
        """pip install python/ (no network, no build isolation) gives a working module."""
        try:
            import pip  # noqa: F401
        except ImportError:
            self.skipTest("pip is not installed")
        target = tempfile.mkdtemp(prefix="decant-pip-")
        try:
            proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                                   "--no-build-isolation", "--no-deps", "--no-index",
                                   "--disable-pip-version-check", "--target", target,
                                   os.path.join(ROOT, "python")],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300,
                                  env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore"))
            self.assertEqual(proc.returncode, 0, proc.stdout.decode()[-3000:])
            check = ("import decant, sys; r = decant.extract(open(sys.argv[1], 'rb').read()); "
                     "assert decant.__file__.startswith(sys.argv[2]), decant.__file__; "
                     "print(r['title'])")
            proc = subprocess.run([sys.executable, "-c", check, PAGES[0], target],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, PYTHONPATH=target), cwd=target)
            self.assertEqual(proc.returncode, 0, proc.stdout.decode()[-3000:])
            self.assertTrue(os.path.isfile(os.path.join(target, "decant", "__init__.pyi")))
        finally:
            shutil.rmtree(target, ignore_errors=True)


def main():
    global CLI
    if len(sys.argv) > 1:
        CLI = os.path.abspath(sys.argv[1])
    if not os.access(CLI, os.X_OK):
        print("python: %s is not executable" % CLI)
        print("python: 0 passed, 1 failed")
        return 1
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("python: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
