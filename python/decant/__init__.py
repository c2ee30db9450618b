"""decant: clean articles out of news web pages and web archives.

    >>> import decant
    >>> rec = decant.extract(open("page.html", "rb").read(), url="https://example.org/a")
    >>> rec["title"], rec["text"][:60]

Every result is a record: the dict the ``decant`` command line prints as one
JSON line (id, source, url, title, authors, date_published, date_modified,
site_name, section, tags, description, image, language, page_type, is_article,
text, related, provenance, error, and "warc" for records out of an archive).
``rec["is_article"]`` filters a crawl down to its articles; ``rec["page_type"]``
says what the other pages are (listing, collection, forum, product,
documentation, service).

``extract`` and ``iter_warc`` release the GIL while they work, so threads
extract in parallel; ``extract`` keeps one extractor per thread.
``decant.dask`` runs ``iter_warc`` over many archives on a Dask cluster.

``fetch(url)`` and ``extract_url(url)`` fetch with the C library's fetcher,
the one the CLI uses (robots.txt, redirects, retries, compressed transfer):
``extract_url`` gives the record ``decant URL`` prints, with "url" after
redirects and "requested_url".
"""
import threading as _threading

import os as _os

from ._decant import Error, Extractor, WarcReader, extract_url, fetch, version
from ._decant import SiteModel as _SiteModel

__version__ = "0.1.0"
__all__ = ["Error", "Extractor", "SiteModel", "WarcReader", "extract", "extract_url", "fetch",
           "iter_warc", "version", "__version__"]


class SiteModel(_SiteModel):
    """Site templates: per site, the blocks its pages repeat.

        m = decant.SiteModel()                  # or SiteModel.load(path)
        for html, url in pages:
            m.learn(html, url)                  # first pass: learn them all
        for html, url in pages:
            rec = decant.extract(html, url, site_model=m)   # then extract
        m.save(path)                            # the --site-model format

    A page's site is its URL's registered domain (url, else the page's
    canonical link); a page whose site the model saw on no other page comes
    out as without a model.  Extraction only reads a model, so threads may
    share one; learn() may run at any time (the model locks itself).
    """

    @classmethod
    def load(cls, path):
        """Reads a model saved by save() or by decant --site-model."""
        with open(path, "rb") as f:
            return cls(f.read())

    def save(self, path):
        """Writes the model to path, beside it first and renamed over it."""
        tmp = "%s.tmp%d" % (_os.fspath(path), _os.getpid())
        with open(tmp, "wb") as f:
            f.write(self.to_bytes())
        _os.replace(tmp, path)

# An extractor is not thread-safe and is costly to make (an HTML parser and
# its buffers), so each thread keeps its own, one per set of limits; any
# body format comes from any extractor.
_local = _threading.local()
# Bounds the extractors a thread keeps when callers vary the limits a lot.
_MAX_CACHED = 8


def _extractor(max_bytes, max_depth, max_nodes, timeout_ms):
    key = (max_bytes, max_depth, max_nodes, timeout_ms)
    try:
        cache = _local.cache
    except AttributeError:
        cache = _local.cache = {}
    ex = cache.get(key)
    if ex is None:
        if len(cache) >= _MAX_CACHED:
            cache.clear()
        ex = Extractor(max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes,
                       timeout_ms=timeout_ms)
        cache[key] = ex
    return ex


def extract(html, url=None, content_type=None, body="text", errors="raise", *,
            id=None, source=None, max_bytes=None, max_depth=None, max_nodes=None,
            timeout_ms=None, site_model=None):
    """Extracts one page and returns its record as a dict.

    html: the page as bytes (any charset, gzip-compressed or not) or as str
    (already decoded; its <meta charset> is then ignored).
    url: where the page came from; resolves relative links, and is the
    record's "url" when the page names no canonical one.
    content_type: the HTTP Content-Type header, if known (its charset).
    body: "text" (paragraphs separated by a blank line), "markdown" or "html"
    (a fragment of h1-h6, p, ul/ol/li, blockquote, pre, table and figure).
    errors: "raise" raises decant.Error for a page that gives no article
    (e.code is "binary", "not_html", "no_content", ...); "record" returns the
    record with "error" set to {"code": ..., "message": ...} instead.
    id, source: copied into the record (None otherwise).
    max_bytes, max_depth, max_nodes, timeout_ms: the library's limits
    (None keeps its defaults: 64 MiB, 512, 2,000,000, no time limit).
    site_model: a SiteModel; what the page's site repeats on its other
    pages is dropped.

    The GIL is released while the page is extracted; each thread uses an
    extractor of its own.
    """
    if body not in ("text", "markdown", "html"):
        raise ValueError('body must be "text", "markdown" or "html"')
    ex = _extractor(max_bytes, max_depth, max_nodes, timeout_ms)
    return ex.extract(html, url, content_type, body, errors, id=id, source=source,
                      site_model=site_model)


def iter_warc(path, *, body="text", all_records=False, source=None, max_bytes=None,
              max_depth=None, max_nodes=None, timeout_ms=None, site_model=None, learn=False):
    """Iterates over the records of the web archive at path.

    The archive may be plain, gzip- or zstd-compressed WARC.  One record (a
    dict, as from extract) is yielded per HTML response, in archive order,
    with "error" set when the page gave no article and a "warc" object saying
    where it came from (record_id, target_uri, date, file, offset, skip).  An
    unreadable stretch of the archive yields an error record too.  With
    all_records=True every other record (requests, redirects, images, ...)
    also yields one, with "error" set and "warc"["skip"] naming the reason.
    "id" is the WARC-Record-ID; "source" is source, or else the path.

    site_model (a SiteModel) drops what each page's site repeats; with
    learn=True every page is also learned into it as the archive is read, so
    that each page gains from the pages before it.  (decant --learn-sites
    does better, learning batches of pages and extracting again the ones
    whose verdicts change; in Python, learn() a whole archive first, then
    read it again with site_model.)

    Returns a WarcReader: an iterator that is also a context manager, with
    close() and stats().  Raises decant.Error when the file cannot be opened.
    The GIL is released while reading and extracting.
    """
    return WarcReader(path, body=body, all_records=all_records, source=source,
                      max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes,
                      timeout_ms=timeout_ms, site_model=site_model, learn=learn)
