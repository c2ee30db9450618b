/*
 * _decant.c — the CPython binding of decant, over the public API only
 * (include/decant.h).
 *
 * Records are made by decant_record_json and parsed with the json module, so
 * a dict is by construction the record the CLI prints: one writer of the
 * format, not two to keep in step.  The GIL is released around everything
 * that touches a page (reading an archive, extracting, rendering), which is
 * where the time goes, so threads extract in parallel.
 *
 * An extractor is not thread-safe, and a Python object can be shared between
 * threads at will; so each object carries a lock, taken before the GIL is
 * let go.  The module-level functions in __init__.py give each thread an
 * extractor of its own, so that lock is never contended there.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <stdio.h>
#include <string.h>

#include "decant.h"

typedef struct module_state {
    PyObject *error;       /* decant.Error                                 */
    PyObject *json_loads;  /* json.loads                                   */
    PyObject *site_type;   /* decant._decant.SiteModel                     */
} module_state;

static module_state *state_of(PyObject *module)
{
    return (module_state *)PyModule_GetState(module);
}

/* The module object, found through a type, so heap types need no global. */
static PyModuleDef decant_module;

static module_state *state_from_type(PyTypeObject *type)
{
    PyObject *m = PyType_GetModuleByDef(type, &decant_module);
    return m ? state_of(m) : NULL;
}

/* --------------------------------------------------------------- errors */

/* Raises decant.Error with .code (the status name), .message and .position. */
static void raise_error(module_state *st, const decant_error *err, decant_status code)
{
    const char *name = decant_status_name(code);
    const char *msg = err && err->message ? err->message : decant_strerror(code);
    PyObject *text = PyUnicode_FromFormat("%s (%s)", msg, name);
    PyObject *exc = text ? PyObject_CallOneArg(st->error, text) : NULL;
    Py_XDECREF(text);
    if (!exc)
        return;
    PyObject *c = PyUnicode_FromString(name);
    PyObject *m = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
    PyObject *p = PyLong_FromSize_t(err ? err->position : 0);
    if (c && m && p && PyObject_SetAttrString(exc, "code", c) == 0 &&
        PyObject_SetAttrString(exc, "message", m) == 0 &&
        PyObject_SetAttrString(exc, "position", p) == 0)
        PyErr_SetObject(st->error, exc);
    Py_XDECREF(c);
    Py_XDECREF(m);
    Py_XDECREF(p);
    Py_DECREF(exc);
}

/* decant_extract's error must agree with its status, or the record's
 * "error" (keyed off err.code) would say something else than the call did. */
static void settle_error(decant_error *err, decant_status st)
{
    if (st != DECANT_OK && (err->code != st || !err->message)) {
        err->code = st;
        err->message = decant_strerror(st);
    }
}

/* The record in `buf` as a dict.  Invalid UTF-8 is replaced rather than
 * refused: a page is never worth an exception at this point. */
static PyObject *record_to_dict(module_state *st, const decant_buffer *buf)
{
    PyObject *s = PyUnicode_DecodeUTF8(buf->data ? buf->data : "", (Py_ssize_t)buf->len,
                                       "replace");
    if (!s)
        return NULL;
    PyObject *d = PyObject_CallOneArg(st->json_loads, s);
    Py_DECREF(s);
    return d;
}

/* ------------------------------------------------------------- options */

/* Shared by Extractor() and WarcReader(): the decant_options a user may set.
 * None keeps the library's default. */
typedef struct py_options {
    PyObject *max_bytes, *max_depth, *max_nodes, *timeout_ms;
} py_options;

static int as_size(PyObject *o, const char *name, size_t *out)
{
    if (!o || o == Py_None)
        return 0;
    size_t v = PyLong_AsSize_t(o);
    if (v == (size_t)-1 && PyErr_Occurred()) {
        PyErr_Format(PyExc_ValueError, "%s must be a non-negative integer", name);
        return -1;
    }
    *out = v;
    return 0;
}

static int as_unsigned(PyObject *o, const char *name, unsigned *out)
{
    size_t v = 0;
    if (!o || o == Py_None)
        return 0;
    if (as_size(o, name, &v) < 0)
        return -1;
    if (v > 0xFFFFFFFFu) {
        PyErr_Format(PyExc_ValueError, "%s is too large", name);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int fill_options(const py_options *p, decant_options *o)
{
    decant_options_init(o);
    if (as_size(p->max_bytes, "max_bytes", &o->max_input_bytes) < 0 ||
        as_unsigned(p->max_depth, "max_depth", &o->max_depth) < 0 ||
        as_size(p->max_nodes, "max_nodes", &o->max_nodes) < 0 ||
        as_unsigned(p->timeout_ms, "timeout_ms", &o->time_limit_ms) < 0)
        return -1;
    if (o->max_input_bytes == 0 || o->max_depth == 0 || o->max_nodes == 0) {
        PyErr_SetString(PyExc_ValueError, "max_bytes, max_depth and max_nodes must be positive");
        return -1;
    }
    return 0;
}

/* "text", "markdown" or "html" (None means "text"). */
static int parse_body(PyObject *o, decant_body_format *out)
{
    if (!o || o == Py_None) {
        *out = DECANT_BODY_TEXT;
        return 0;
    }
    const char *s = PyUnicode_Check(o) ? PyUnicode_AsUTF8(o) : NULL;
    if (s && strcmp(s, "text") == 0)
        *out = DECANT_BODY_TEXT;
    else if (s && strcmp(s, "markdown") == 0)
        *out = DECANT_BODY_MARKDOWN;
    else if (s && strcmp(s, "html") == 0)
        *out = DECANT_BODY_HTML;
    else {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "body must be \"text\", \"markdown\" or \"html\"");
        return -1;
    }
    return 0;
}

/* An optional str argument as UTF-8 (borrowed from the object), or NULL. */
static int opt_str(PyObject *o, const char *name, const char **out)
{
    *out = NULL;
    if (!o || o == Py_None)
        return 0;
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be a str or None", name);
        return -1;
    }
    *out = PyUnicode_AsUTF8(o);
    return *out ? 0 : -1;
}

/* Takes an object's lock.  Blocking happens without the GIL, or a thread
 * holding the lock (and waiting for the GIL) would never get it back. */
static void take(PyThread_type_lock lock)
{
    if (!PyThread_acquire_lock(lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
}

/* SiteModel (below): the model of a site_model= argument. */
static int site_arg(module_state *ms, PyObject *o, decant_site_model **out);

/* ------------------------------------------------------------ Extractor */

typedef struct extractor_object {
    PyObject_HEAD
    decant_extractor *ex;
    PyThread_type_lock lock;
    decant_buffer buf;      /* reused, so records rarely allocate          */
} extractor_object;

static int extractor_init(PyObject *self_, PyObject *args, PyObject *kw)
{
    extractor_object *self = (extractor_object *)self_;
    /* markdown= and html= are accepted as they were; every body format now
     * comes from any extractor, rendered on request. */
    static char *names[] = {"markdown", "html", "max_bytes", "max_depth", "max_nodes", "timeout_ms", NULL};
    int markdown = 0, html = 0;
    py_options p = {0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|$ppOOOO:Extractor", names, &markdown, &html,
                                     &p.max_bytes, &p.max_depth, &p.max_nodes, &p.timeout_ms))
        return -1;
    decant_options o;
    if (fill_options(&p, &o) < 0)
        return -1;
    if (self->ex) {
        PyErr_SetString(PyExc_RuntimeError, "Extractor is already initialised");
        return -1;
    }
    if (!self->lock && !(self->lock = PyThread_allocate_lock())) {
        PyErr_NoMemory();
        return -1;
    }
    decant_error err = {0};
    decant_status st = decant_extractor_new(&o, &self->ex, &err);
    if (st != DECANT_OK) {
        settle_error(&err, st);
        raise_error(state_from_type(Py_TYPE(self)), &err, st);
        return -1;
    }
    return 0;
}

static void extractor_dealloc(PyObject *self_)
{
    extractor_object *self = (extractor_object *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    decant_extractor_free(self->ex);
    decant_buffer_free(&self->buf);
    if (self->lock)
        PyThread_free_lock(self->lock);
    tp->tp_free(self_);
    Py_DECREF(tp);
}

/* The page's bytes.  A str is already decoded: it goes in as UTF-8 behind a
 * byte-order mark, the one signal that outranks a <meta charset> in the page
 * (which described the bytes the str was decoded from, not these). */
typedef struct page_bytes {
    Py_buffer view;
    int have_view;
    PyObject *owned;  /* the UTF-8 copy of a str                          */
    const char *data;
    size_t size;
} page_bytes;

static int get_page(PyObject *html, page_bytes *pb)
{
    memset(pb, 0, sizeof *pb);
    if (PyUnicode_Check(html)) {
        /* surrogatepass: any str is accepted; the decoder copes with the
         * stray bytes a lone surrogate becomes. */
        PyObject *u = PyUnicode_AsEncodedString(html, "utf-8", "surrogatepass");
        if (!u)
            return -1;
        Py_ssize_t n = PyBytes_GET_SIZE(u);
        pb->owned = PyBytes_FromStringAndSize(NULL, n + 3);
        if (!pb->owned) {
            Py_DECREF(u);
            return -1;
        }
        char *d = PyBytes_AS_STRING(pb->owned);
        memcpy(d, "\xEF\xBB\xBF", 3);
        memcpy(d + 3, PyBytes_AS_STRING(u), (size_t)n);
        Py_DECREF(u);
        pb->data = d;
        pb->size = (size_t)n + 3;
        return 0;
    }
    if (PyObject_GetBuffer(html, &pb->view, PyBUF_SIMPLE) < 0) {
        PyErr_Format(PyExc_TypeError, "html must be bytes, a bytes-like object or str, not %.100s",
                     Py_TYPE(html)->tp_name);
        return -1;
    }
    pb->have_view = 1;
    pb->data = pb->view.buf;
    pb->size = (size_t)pb->view.len;
    return 0;
}

static void release_page(page_bytes *pb)
{
    if (pb->have_view)
        PyBuffer_Release(&pb->view);
    Py_XDECREF(pb->owned);
}

PyDoc_STRVAR(extractor_extract_doc,
"extract(html, url=None, content_type=None, body='text', errors='raise', *,\n"
"        id=None, source=None, site_model=None) -> dict\n"
"--\n"
"\n"
"Extracts one page and returns its record: the dict the CLI prints as JSON\n"
"(id, source, url, title, authors, date_published, date_modified, site_name,\n"
"section, tags, description, image, language, page_type, is_article, text,\n"
"related, provenance, error).\n"
"\n"
"html is the page as bytes (any charset, maybe gzip-compressed) or as str.\n"
"url and content_type are where the page came from and its HTTP\n"
"Content-Type header, if known.  body is \"text\", \"markdown\" or \"html\"\n"
"(a fragment of h1-h6, p, ul/ol/li, blockquote, pre, table, figure).\n"
"A page that gives no article raises\n"
"decant.Error, or with errors=\"record\" returns the record with \"error\" set.\n"
"id and source are copied into the record.  site_model, a SiteModel, drops\n"
"what the page's site repeats on its other pages.  The GIL is released while\n"
"the page is extracted.");

static PyObject *extractor_extract(PyObject *self_, PyObject *args, PyObject *kw)
{
    extractor_object *self = (extractor_object *)self_;
    static char *names[] = {"html", "url", "content_type", "body", "errors", "id", "source",
                            "site_model", NULL};
    PyObject *html, *url_o = Py_None, *ct_o = Py_None, *body_o = Py_None, *errors_o = Py_None;
    PyObject *id_o = Py_None, *source_o = Py_None, *site_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOO$OOO:extract", names, &html, &url_o, &ct_o,
                                     &body_o, &errors_o, &id_o, &source_o, &site_o))
        return NULL;
    module_state *ms = state_from_type(Py_TYPE(self));
    if (!ms)
        return NULL;
    decant_site_model *model;
    if (site_arg(ms, site_o, &model) < 0)
        return NULL;
    if (!self->ex) {
        PyErr_SetString(PyExc_RuntimeError, "Extractor is not initialised");
        return NULL;
    }
    decant_body_format body;
    const char *url, *ct, *id, *source, *errors = "raise";
    if (parse_body(body_o, &body) < 0 || opt_str(url_o, "url", &url) < 0 ||
        opt_str(ct_o, "content_type", &ct) < 0 || opt_str(id_o, "id", &id) < 0 ||
        opt_str(source_o, "source", &source) < 0 ||
        (errors_o != Py_None && opt_str(errors_o, "errors", &errors) < 0))
        return NULL;
    int record_errors = strcmp(errors, "record") == 0;
    if (!record_errors && strcmp(errors, "raise") != 0) {
        PyErr_SetString(PyExc_ValueError, "errors must be \"raise\" or \"record\"");
        return NULL;
    }
    page_bytes pb;
    if (get_page(html, &pb) < 0)
        return NULL;

    take(self->lock);
    decant_error err = {0};
    decant_status st, rst = DECANT_OK;
    decant_record_info info = {.id = id, .source = source, .url = url};
    decant_input in = {.data = pb.data, .size = pb.size, .url = url, .content_type = ct};
    Py_BEGIN_ALLOW_THREADS
    decant_article *a = NULL;
    st = model ? decant_extract_site(self->ex, model, &in, &a, &err) : decant_extract(self->ex, &in, &a, &err);
    settle_error(&err, st);
    self->buf.len = 0;
    if (st == DECANT_OK || record_errors)
        rst = decant_record_json(a, st == DECANT_OK ? NULL : &err, &info, body, &self->buf);
    decant_article_free(a);
    Py_END_ALLOW_THREADS

    PyObject *result = NULL;
    if (st != DECANT_OK && !record_errors)
        raise_error(ms, &err, st);
    else if (rst != DECANT_OK)
        PyErr_NoMemory();
    else
        result = record_to_dict(ms, &self->buf);
    /* A huge page should not pin its record's memory until the next one. */
    if (self->buf.cap > ((size_t)4 << 20))
        decant_buffer_free(&self->buf);
    PyThread_release_lock(self->lock);
    release_page(&pb);
    return result;
}

/* Every extractor gives Markdown and HTML bodies (rendered on request). */
static PyObject *extractor_get_markdown(PyObject *self, void *closure)
{
    (void)self;
    (void)closure;
    Py_RETURN_TRUE;
}

static PyObject *extractor_get_html(PyObject *self, void *closure)
{
    (void)self;
    (void)closure;
    Py_RETURN_TRUE;
}

static PyMethodDef extractor_methods[] = {
    {"extract", (PyCFunction)(void (*)(void))extractor_extract, METH_VARARGS | METH_KEYWORDS,
     extractor_extract_doc},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef extractor_getset[] = {
    {"markdown", extractor_get_markdown, NULL, "Whether Markdown bodies are rendered.", NULL},
    {"html", extractor_get_html, NULL, "Whether HTML bodies are rendered.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(extractor_doc,
"Extractor(*, markdown=False, html=False, max_bytes=None, max_depth=None,\n"
"          max_nodes=None, timeout_ms=None)\n"
"--\n"
"\n"
"A reusable extractor: an HTML parser plus scratch memory, for many pages.\n"
"\n"
"Every extractor gives any body (extract's body=); markdown= and html= are\n"
"still accepted, and no longer needed.  max_bytes (default 64 MiB,\n"
"after gzip decompression), max_depth (512), max_nodes (2,000,000) and\n"
"timeout_ms (none) are the library's limits; None keeps the default.\n"
"An Extractor may be shared by threads, but they then take turns; give\n"
"each thread its own (decant.extract does) to extract in parallel.");

static PyType_Slot extractor_slots[] = {
    {Py_tp_doc, (void *)extractor_doc},
    {Py_tp_init, (void *)extractor_init},
    {Py_tp_new, (void *)PyType_GenericNew},
    {Py_tp_dealloc, (void *)extractor_dealloc},
    {Py_tp_methods, extractor_methods},
    {Py_tp_getset, extractor_getset},
    {0, NULL},
};

static PyType_Spec extractor_spec = {
    .name = "decant._decant.Extractor",
    .basicsize = sizeof(extractor_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = extractor_slots,
};

/* ------------------------------------------------------------ SiteModel */

typedef struct site_object {
    PyObject_HEAD
    decant_site_model *m;
    decant_extractor *ex;   /* for learn(): made on first use              */
    PyThread_type_lock lock; /* guards ex (the model locks itself)         */
} site_object;

/* The model of a site_model= argument: NULL for None, -1 (an exception)
 * for anything but a SiteModel. */
static int site_arg(module_state *ms, PyObject *o, decant_site_model **out)
{
    *out = NULL;
    if (o == Py_None)
        return 0;
    if (!ms || !PyObject_TypeCheck(o, (PyTypeObject *)ms->site_type)) {
        PyErr_Format(PyExc_TypeError, "site_model must be a decant.SiteModel, not %.100s",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    *out = ((site_object *)o)->m;
    if (!*out) {
        PyErr_SetString(PyExc_RuntimeError, "SiteModel is not initialised");
        return -1;
    }
    return 0;
}

static int site_init(PyObject *self_, PyObject *args, PyObject *kw)
{
    site_object *self = (site_object *)self_;
    static char *names[] = {"data", NULL};
    PyObject *data = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:SiteModel", names, &data))
        return -1;
    if (self->m) {
        PyErr_SetString(PyExc_RuntimeError, "SiteModel is already initialised");
        return -1;
    }
    if (!self->lock && !(self->lock = PyThread_allocate_lock())) {
        PyErr_NoMemory();
        return -1;
    }
    module_state *ms = state_from_type(Py_TYPE(self));
    if (!ms)
        return -1;
    decant_error err = {0};
    decant_status st = decant_site_model_new(NULL, &self->m, &err);
    if (st == DECANT_OK && data != Py_None) {
        Py_buffer view;
        if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
            return -1;
        Py_BEGIN_ALLOW_THREADS
        st = decant_site_model_load(self->m, view.buf, (size_t)view.len, &err);
        Py_END_ALLOW_THREADS
        PyBuffer_Release(&view);
    }
    if (st != DECANT_OK) {
        settle_error(&err, st);
        raise_error(ms, &err, st);
        return -1;
    }
    return 0;
}

static void site_dealloc(PyObject *self_)
{
    site_object *self = (site_object *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    decant_extractor_free(self->ex);
    decant_site_model_free(self->m);
    if (self->lock)
        PyThread_free_lock(self->lock);
    tp->tp_free(self_);
    Py_DECREF(tp);
}

PyDoc_STRVAR(site_learn_doc,
"learn(html, url=None, content_type=None) -> str | None\n"
"--\n"
"\n"
"Extracts the page and adds what it repeats of its site to the model;\n"
"returns the site it was counted under (the URL's registered domain; url,\n"
"else the page's canonical link), or None when the page has no site or gave\n"
"no article.  A page learned twice counts once.  The GIL is released.");

static PyObject *site_learn(PyObject *self_, PyObject *args, PyObject *kw)
{
    site_object *self = (site_object *)self_;
    static char *names[] = {"html", "url", "content_type", NULL};
    PyObject *html, *url_o = Py_None, *ct_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OO:learn", names, &html, &url_o, &ct_o))
        return NULL;
    const char *url, *ct;
    if (!self->m || opt_str(url_o, "url", &url) < 0 || opt_str(ct_o, "content_type", &ct) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_RuntimeError, "SiteModel is not initialised");
        return NULL;
    }
    page_bytes pb;
    if (get_page(html, &pb) < 0)
        return NULL;
    take(self->lock);
    decant_status st = DECANT_OK, lst = DECANT_OK;
    char site[80] = "";
    Py_BEGIN_ALLOW_THREADS
    if (!self->ex)
        st = decant_extractor_new(NULL, &self->ex, NULL);
    if (st == DECANT_OK) {
        decant_input in = {.data = pb.data, .size = pb.size, .url = url, .content_type = ct};
        decant_article *a = NULL;
        decant_extract_site(self->ex, NULL, &in, &a, NULL);
        if (a) {
            lst = decant_site_model_learn(self->m, a);
            const char *k = decant_article_site(a);
            if (k)
                snprintf(site, sizeof site, "%s", k);
        }
        decant_article_free(a);
    }
    Py_END_ALLOW_THREADS
    PyThread_release_lock(self->lock);
    release_page(&pb);
    if (st != DECANT_OK || lst != DECANT_OK)
        return PyErr_NoMemory();
    if (!site[0])
        Py_RETURN_NONE;
    return PyUnicode_FromString(site);
}

PyDoc_STRVAR(site_to_bytes_doc,
"to_bytes() -> bytes\n"
"--\n"
"\n"
"The model in decant's site-model format (the file --site-model reads).");

static PyObject *site_to_bytes(PyObject *self_, PyObject *unused)
{
    (void)unused;
    site_object *self = (site_object *)self_;
    if (!self->m) {
        PyErr_SetString(PyExc_RuntimeError, "SiteModel is not initialised");
        return NULL;
    }
    decant_buffer b = {0};
    decant_status st;
    Py_BEGIN_ALLOW_THREADS
    st = decant_site_model_save(self->m, &b);
    Py_END_ALLOW_THREADS
    PyObject *r = st == DECANT_OK ? PyBytes_FromStringAndSize(b.data ? b.data : "", (Py_ssize_t)b.len)
                                  : PyErr_NoMemory();
    decant_buffer_free(&b);
    return r;
}

static Py_ssize_t site_len(PyObject *self_)
{
    site_object *self = (site_object *)self_;
    return self->m ? (Py_ssize_t)decant_site_model_site_count(self->m) : 0;
}

static PyMethodDef site_methods[] = {
    {"learn", (PyCFunction)(void (*)(void))site_learn, METH_VARARGS | METH_KEYWORDS, site_learn_doc},
    {"to_bytes", site_to_bytes, METH_NOARGS, site_to_bytes_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(site_doc,
"SiteModel(data=None)\n"
"--\n"
"\n"
"Site templates: per site, the blocks its pages repeat (see decant(1),\n"
"--learn-sites).  data is a saved model (to_bytes(), or a --site-model\n"
"file's bytes); a damaged one raises decant.Error.  learn() adds a page;\n"
"pass the model as extract(..., site_model=m) or iter_warc(...,\n"
"site_model=m) to drop what a page's site repeats.  len() is the number of\n"
"sites.  Extracting with a model only reads it: threads may share one.");

static PyType_Slot site_slots[] = {
    {Py_tp_doc, (void *)site_doc},
    {Py_tp_init, (void *)site_init},
    {Py_tp_new, (void *)PyType_GenericNew},
    {Py_tp_dealloc, (void *)site_dealloc},
    {Py_tp_methods, site_methods},
    {Py_mp_length, (void *)site_len},
    {0, NULL},
};

static PyType_Spec site_spec = {
    .name = "decant._decant.SiteModel",
    .basicsize = sizeof(site_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = site_slots,
};

/* ----------------------------------------------------------- WarcReader */

typedef struct reader_object {
    PyObject_HEAD
    decant_warc_reader *rd;     /* NULL once the archive is exhausted      */
    decant_extractor *ex;
    PyThread_type_lock lock;
    decant_buffer buf;
    char *path;                 /* as given: the records' "warc"."file"    */
    char *file_id;              /* the CLI's id for the file               */
    char *source;               /* the records' "source"                   */
    decant_body_format body;
    int all_records;
    PyObject *site;             /* a SiteModel, or NULL                    */
    int learn;                  /* learn each page into it                 */
    /* counts, for stats() */
    unsigned long long records, extracted, failed, corrupt;
    unsigned long long skipped[DECANT_WARC_SKIP_COUNT];
} reader_object;

/* The id the CLI gives an archive (decant_record_id), so that records line
 * up with the CLI's. */
static char *make_file_id(const char *path)
{
    size_t n = strlen(path) + 1;
    char *id = PyMem_RawMalloc(n);
    if (id)
        decant_record_id(path, id, n);
    return id;
}

static char *raw_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = PyMem_RawMalloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int reader_init(PyObject *self_, PyObject *args, PyObject *kw)
{
    reader_object *self = (reader_object *)self_;
    static char *names[] = {"path",      "body",      "all_records", "source",     "max_bytes",
                            "max_depth", "max_nodes", "timeout_ms",  "site_model", "learn",
                            NULL};
    PyObject *path_b = NULL, *body_o = Py_None, *source_o = Py_None, *site_o = Py_None;
    int all_records = 0, learn = 0;
    py_options p = {0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|$OpOOOOOOp:WarcReader", names,
                                     PyUnicode_FSConverter, &path_b, &body_o, &all_records,
                                     &source_o, &p.max_bytes, &p.max_depth, &p.max_nodes,
                                     &p.timeout_ms, &site_o, &learn))
        return -1;
    int rc = -1;
    decant_site_model *model;
    if (site_arg(state_from_type(Py_TYPE(self)), site_o, &model) < 0)
        goto out;
    if (learn && !model) {
        PyErr_SetString(PyExc_ValueError, "learn=True needs a site_model");
        goto out;
    }
    const char *source = NULL;
    decant_options o;
    if (self->rd || self->ex || self->path) {
        PyErr_SetString(PyExc_RuntimeError, "WarcReader is already initialised");
        goto out;
    }
    if (parse_body(body_o, &self->body) < 0 || opt_str(source_o, "source", &source) < 0 ||
        fill_options(&p, &o) < 0)
        goto out;
    const char *path = PyBytes_AS_STRING(path_b);
    if (strlen(path) != (size_t)PyBytes_GET_SIZE(path_b)) {
        PyErr_SetString(PyExc_ValueError, "path contains a NUL byte");
        goto out;
    }
    self->all_records = all_records;
    if (model) {
        Py_INCREF(site_o);
        self->site = site_o;
        self->learn = learn;
    }
    self->path = raw_strdup(path);
    self->file_id = make_file_id(path);
    self->source = raw_strdup(source ? source : path);
    self->lock = PyThread_allocate_lock();
    if (!self->path || !self->file_id || !self->source || !self->lock) {
        PyErr_NoMemory();
        goto out;
    }
    decant_error err = {0}, xerr = {0};
    decant_status st, xst;
    Py_BEGIN_ALLOW_THREADS
    st = decant_warc_open(self->path, &o, &self->rd, &err);
    xst = st == DECANT_OK ? decant_extractor_new(&o, &self->ex, &xerr) : DECANT_OK;
    Py_END_ALLOW_THREADS
    module_state *ms = state_from_type(Py_TYPE(self));
    if (!ms)
        goto out;
    if (st != DECANT_OK) {
        settle_error(&err, st);
        raise_error(ms, &err, st);
    } else if (xst != DECANT_OK) {
        settle_error(&xerr, xst);
        raise_error(ms, &xerr, xst);
    } else {
        rc = 0;
    }
out:
    Py_XDECREF(path_b);
    return rc;
}

static void reader_release(reader_object *self)
{
    decant_warc_close(self->rd);
    self->rd = NULL;
    decant_extractor_free(self->ex);
    self->ex = NULL;
    decant_buffer_free(&self->buf);
}

static void reader_dealloc(PyObject *self_)
{
    reader_object *self = (reader_object *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    reader_release(self);
    Py_CLEAR(self->site);
    PyMem_RawFree(self->path);
    PyMem_RawFree(self->file_id);
    PyMem_RawFree(self->source);
    if (self->lock)
        PyThread_free_lock(self->lock);
    tp->tp_free(self_);
    Py_DECREF(tp);
}

/* Reads on to the next record worth yielding and renders it into self->buf.
 * Runs without the GIL.  Returns 1 with a record, 0 at the end, -1 when the
 * record could not be rendered (out of memory). */
static int reader_step(reader_object *self)
{
    decant_warc_record rec;
    decant_error err;
    for (;;) {
        memset(&err, 0, sizeof err);
        decant_status st = decant_warc_next(self->rd, &rec, &err);
        if (st == DECANT_ERR_EMPTY)
            return 0;
        decant_warc_info w = {.file = self->path};
        decant_record_info info = {.id = self->file_id, .source = self->source, .warc = &w};
        decant_article *a = NULL;
        int failed = 1;
        self->buf.len = 0;
        if (st != DECANT_OK) {
            /* A corrupt stretch: reported where it starts, as the CLI does. */
            settle_error(&err, st);
            w.offset = err.position;
            self->corrupt++;
        } else {
            self->records++;
            if (rec.skip != DECANT_WARC_HTML) {
                if ((unsigned)rec.skip < DECANT_WARC_SKIP_COUNT)
                    self->skipped[rec.skip]++;
                if (!self->all_records)
                    continue;
                w.skip = decant_warc_skip_name(rec.skip);
                decant_warc_skip_error(&rec, &err);
            }
            w.record_id = rec.record_id;
            w.target_uri = rec.target_uri;
            w.date = rec.date;
            w.offset = rec.offset;
            if (rec.record_id)
                info.id = rec.record_id;
            if (rec.skip == DECANT_WARC_HTML) {
                decant_input in = {.data = rec.payload, .size = rec.payload_size,
                                   .url = rec.target_uri, .content_type = rec.content_type};
                decant_site_model *m = self->site ? ((site_object *)self->site)->m : NULL;
                st = m ? decant_extract_site(self->ex, m, &in, &a, &err)
                       : decant_extract(self->ex, &in, &a, &err);
                settle_error(&err, st);
                failed = st != DECANT_OK;
                /* learning as it goes: each page gets what came before it */
                if (a && self->learn && decant_site_model_learn(m, a) != DECANT_OK)
                    st = DECANT_ERR_NOMEM;
                if (failed)
                    self->failed++;
                else
                    self->extracted++;
            }
        }
        st = decant_record_json(a, failed ? &err : NULL, &info, self->body, &self->buf);
        decant_article_free(a);
        return st == DECANT_OK ? 1 : -1;
    }
}

static PyObject *reader_next(PyObject *self_)
{
    reader_object *self = (reader_object *)self_;
    module_state *ms = state_from_type(Py_TYPE(self));
    if (!ms || !self->lock)
        return NULL;
    take(self->lock);
    PyObject *result = NULL;
    if (self->rd) {
        int got;
        Py_BEGIN_ALLOW_THREADS
        got = reader_step(self);
        if (got == 0)
            reader_release(self);  /* an exhausted archive keeps no buffers */
        Py_END_ALLOW_THREADS
        if (got > 0)
            result = record_to_dict(ms, &self->buf);
        else if (got < 0)
            PyErr_NoMemory();
    }
    PyThread_release_lock(self->lock);
    return result;  /* NULL without an exception ends the iteration */
}

PyDoc_STRVAR(reader_close_doc,
"close() -> None\n"
"--\n"
"\n"
"Closes the archive and frees the reader's buffers; iteration then ends.");

static PyObject *reader_close(PyObject *self_, PyObject *unused)
{
    (void)unused;
    reader_object *self = (reader_object *)self_;
    if (self->lock) {
        take(self->lock);
        reader_release(self);
        PyThread_release_lock(self->lock);
    }
    Py_RETURN_NONE;
}

static PyObject *reader_enter(PyObject *self, PyObject *unused)
{
    (void)unused;
    return Py_NewRef(self);
}

static PyObject *reader_exit(PyObject *self, PyObject *args)
{
    (void)args;
    return reader_close(self, NULL);
}

PyDoc_STRVAR(reader_stats_doc,
"stats() -> dict\n"
"--\n"
"\n"
"Counts so far: records (WARC records read), extracted, failed (pages that\n"
"gave no article), corrupt (unreadable stretches of the archive) and\n"
"skipped (a dict by reason: not_response, status, not_html, ...).");

static PyObject *reader_stats(PyObject *self_, PyObject *unused)
{
    (void)unused;
    reader_object *self = (reader_object *)self_;
    PyObject *skipped = PyDict_New();
    if (!skipped)
        return NULL;
    for (int i = 1; i < DECANT_WARC_SKIP_COUNT; i++) {
        PyObject *n = PyLong_FromUnsignedLongLong(self->skipped[i]);
        int bad = !n || PyDict_SetItemString(skipped, decant_warc_skip_name((decant_warc_skip)i), n);
        Py_XDECREF(n);
        if (bad) {
            Py_DECREF(skipped);
            return NULL;
        }
    }
    return Py_BuildValue("{s:K,s:K,s:K,s:K,s:N}", "records", self->records, "extracted",
                         self->extracted, "failed", self->failed, "corrupt", self->corrupt,
                         "skipped", skipped);
}

static PyObject *reader_get_path(PyObject *self, void *closure)
{
    (void)closure;
    const char *p = ((reader_object *)self)->path;
    if (!p)
        Py_RETURN_NONE;
    return PyUnicode_DecodeFSDefault(p);
}

static PyMethodDef reader_methods[] = {
    {"close", reader_close, METH_NOARGS, reader_close_doc},
    {"stats", reader_stats, METH_NOARGS, reader_stats_doc},
    {"__enter__", reader_enter, METH_NOARGS, "Returns the reader itself."},
    {"__exit__", reader_exit, METH_VARARGS, "Closes the reader."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef reader_getset[] = {
    {"path", reader_get_path, NULL, "The archive's path, as given.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(reader_doc,
"WarcReader(path, *, body='text', all_records=False, source=None,\n"
"           max_bytes=None, max_depth=None, max_nodes=None, timeout_ms=None,\n"
"           site_model=None, learn=False)\n"
"--\n"
"\n"
"An iterator over the records of a web archive (WARC, plain, gzip or zstd),\n"
"each the dict the CLI prints for it: one per HTML response (with \"error\"\n"
"set when it gave no article), one per unreadable stretch of the archive,\n"
"and with all_records=True one per other record (\"error\" set and\n"
"\"warc\".\"skip\" saying why).  source defaults to the path.  The GIL is\n"
"released while reading and extracting.  Raises decant.Error when the file\n"
"cannot be opened.  Usable as a context manager; close() frees it early.\n"
"site_model, a SiteModel, drops what each page's site repeats; with\n"
"learn=True each page is also learned into it as it goes (a page gains from\n"
"the pages before it; for two passes, learn() every page first).");

static PyType_Slot reader_slots[] = {
    {Py_tp_doc, (void *)reader_doc},
    {Py_tp_init, (void *)reader_init},
    {Py_tp_new, (void *)PyType_GenericNew},
    {Py_tp_dealloc, (void *)reader_dealloc},
    {Py_tp_iter, (void *)PyObject_SelfIter},
    {Py_tp_iternext, (void *)reader_next},
    {Py_tp_methods, reader_methods},
    {Py_tp_getset, reader_getset},
    {0, NULL},
};

static PyType_Spec reader_spec = {
    .name = "decant._decant.WarcReader",
    .basicsize = sizeof(reader_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = reader_slots,
};

/* --------------------------------------------------------------- module */

PyDoc_STRVAR(version_doc,
"version() -> str\n"
"--\n"
"\n"
"The version of the decant library this module is linked with.");

/* ------------------------------------------------------------- fetching */

/* The fetch options a caller may set, as Python objects (None: default).
 * Times are seconds (int or float). */
typedef struct py_fetch {
    PyObject *user_agent, *timeout, *connect_timeout, *retries, *retry_delay, *delay;
    PyObject *max_redirects, *max_bytes, *allow_hosts;
    int ignore_robots;
} py_fetch;

static int as_ms(PyObject *o, const char *name, unsigned *out)
{
    if (!o || o == Py_None)
        return 0;
    double s = PyFloat_AsDouble(o);
    if (s == -1.0 && PyErr_Occurred())
        return -1;
    if (!(s >= 0) || s > 4294967.0) {
        PyErr_Format(PyExc_ValueError, "%s must be a number of seconds, 0 to 4294967", name);
        return -1;
    }
    *out = (unsigned)(s * 1000.0 + 0.5);
    return 0;
}

/* Fills `o`; the strings stay borrowed from the Python objects, and the
 * allow_hosts array (*hosts, freed by the caller) from the sequence. */
static int fill_fetch(const py_fetch *p, decant_fetch_options *o, const char ***hosts)
{
    decant_fetch_options_init(o);
    *hosts = NULL;
    if (opt_str(p->user_agent, "user_agent", &o->user_agent) < 0 || as_ms(p->timeout, "timeout", &o->timeout_ms) < 0 ||
        as_ms(p->connect_timeout, "connect_timeout", &o->connect_timeout_ms) < 0 ||
        as_unsigned(p->retries, "retries", &o->retries) < 0 ||
        as_ms(p->retry_delay, "retry_delay", &o->retry_delay_ms) < 0 ||
        as_ms(p->delay, "delay", &o->host_delay_ms) < 0 ||
        as_unsigned(p->max_redirects, "max_redirects", &o->max_redirects) < 0 ||
        as_size(p->max_bytes, "max_bytes", &o->max_bytes) < 0)
        return -1;
    if ((p->timeout && p->timeout != Py_None && o->timeout_ms == 0) ||
        (p->connect_timeout && p->connect_timeout != Py_None && o->connect_timeout_ms == 0) ||
        o->max_bytes == 0) {
        PyErr_SetString(PyExc_ValueError, "timeout, connect_timeout and max_bytes must be positive");
        return -1;
    }
    o->ignore_robots = p->ignore_robots;
    if (p->allow_hosts && p->allow_hosts != Py_None) {
        if (!PyList_Check(p->allow_hosts) && !PyTuple_Check(p->allow_hosts)) {
            PyErr_SetString(PyExc_TypeError, "allow_hosts must be a list or tuple of str");
            return -1;
        }
        Py_ssize_t n = PySequence_Fast_GET_SIZE(p->allow_hosts);
        *hosts = PyMem_Calloc((size_t)n + 1, sizeof **hosts);
        if (!*hosts) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            /* Borrowed from the list: kept alive by it during the call. */
            PyObject *item = PySequence_Fast_GET_ITEM(p->allow_hosts, i);
            if (!PyUnicode_Check(item) || !((*hosts)[i] = PyUnicode_AsUTF8(item))) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_TypeError, "allow_hosts must be a sequence of str");
                return -1;
            }
        }
        o->allow_hosts = *hosts;
        o->allow_host_count = (size_t)n;
    }
    return 0;
}

/* One URL through a fetcher of its own: blocks; call without the GIL. */
static decant_fetch_result *fetch_one(const char *url, const decant_fetch_options *o, decant_error *err)
{
    decant_fetcher *f = NULL;
    decant_fetch_result *r = NULL;
    if (decant_fetcher_new(o, &f, err) == DECANT_OK &&
        decant_fetcher_add(f, url, DECANT_FETCH_PAGE, NULL, err) == DECANT_OK &&
        decant_fetcher_next(f, &r, err) != DECANT_OK)
        r = NULL;
    decant_fetcher_free(f);
    return r;
}

/* decant.Error for a failed fetch: .code is its token ("http_404", ...). */
static void raise_fetch_error(module_state *st, const decant_fetch_result *r)
{
    PyObject *text = PyUnicode_FromFormat("%s: %s (%s)", r->requested_url, r->error_message, r->error);
    PyObject *exc = text ? PyObject_CallOneArg(st->error, text) : NULL;
    Py_XDECREF(text);
    if (!exc)
        return;
    PyObject *c = PyUnicode_FromString(r->error);
    PyObject *m = PyUnicode_DecodeUTF8(r->error_message, (Py_ssize_t)strlen(r->error_message), "replace");
    PyObject *p = PyLong_FromLong(0);
    if (c && m && p && PyObject_SetAttrString(exc, "code", c) == 0 &&
        PyObject_SetAttrString(exc, "message", m) == 0 && PyObject_SetAttrString(exc, "position", p) == 0)
        PyErr_SetObject(st->error, exc);
    Py_XDECREF(c);
    Py_XDECREF(m);
    Py_XDECREF(p);
    Py_DECREF(exc);
}

static PyObject *str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static PyObject *bytes_or_none(const void *p, size_t n)
{
    if (!p)
        Py_RETURN_NONE;
    return PyBytes_FromStringAndSize(p, (Py_ssize_t)n);
}

/* Steals `v`; returns -1 (with `v` released) on failure. */
static int put_item(PyObject *d, const char *key, PyObject *v)
{
    if (!v)
        return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

static PyObject *exchange_dict(const decant_http_exchange *x)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    if (put_item(d, "url", str_or_none(x->url)) < 0 || put_item(d, "date", str_or_none(x->date)) < 0 ||
        put_item(d, "ip", str_or_none(x->ip)) < 0 ||
        put_item(d, "request", bytes_or_none(x->request, x->request_size)) < 0 ||
        put_item(d, "response", bytes_or_none(x->response, x->response_size)) < 0 ||
        put_item(d, "truncated", str_or_none(x->truncated)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *result_dict(const decant_fetch_result *r)
{
    PyObject *d = PyDict_New();
    PyObject *xs = d ? PyList_New((Py_ssize_t)r->exchange_count) : NULL;
    for (size_t i = 0; xs && i < r->exchange_count; i++) {
        PyObject *x = exchange_dict(&r->exchanges[i]);
        if (!x) {
            Py_CLEAR(xs);
            break;
        }
        PyList_SET_ITEM(xs, (Py_ssize_t)i, x);
    }
    PyObject *err = Py_None;
    Py_INCREF(err);
    if (r->error) {
        Py_DECREF(err);
        err = Py_BuildValue("{s:s,s:s}", "code", r->error, "message", r->error_message);
    }
    if (!xs || !err || put_item(d, "url", str_or_none(r->url)) < 0 ||
        put_item(d, "requested_url", str_or_none(r->requested_url)) < 0 ||
        put_item(d, "status", PyLong_FromLong(r->status)) < 0 ||
        put_item(d, "content_type", str_or_none(r->content_type)) < 0 ||
        put_item(d, "body", bytes_or_none(r->body, r->body_size)) < 0 || put_item(d, "id", str_or_none(r->id)) < 0 ||
        put_item(d, "date", str_or_none(r->date)) < 0 || put_item(d, "error", err) < 0 ||
        put_item(d, "exchanges", xs) < 0) {
        if (!xs || !err) {
            Py_XDECREF(xs);
            Py_XDECREF(err);
        }
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

#define FETCH_KWLIST "user_agent", "timeout", "connect_timeout", "retries", "retry_delay", "delay", \
                     "max_redirects", "max_bytes", "ignore_robots", "allow_hosts"

PyDoc_STRVAR(mod_fetch_doc,
"fetch(url, errors='raise', *, user_agent=None, timeout=30, connect_timeout=10,\n"
"      retries=3, retry_delay=1, delay=1, max_redirects=10, max_bytes=None,\n"
"      ignore_robots=False, allow_hosts=None) -> dict\n"
"--\n"
"\n"
"Fetches one URL with decant's fetcher (the CLI's: robots.txt, redirects,\n"
"retries, compressed transfer) and returns a dict: url (after redirects),\n"
"requested_url, status, content_type, body (the decoded payload of a 200\n"
"HTML page, else None), id, date, error, and exchanges (every request and\n"
"response as bytes, as --warc-out archives them).  A failed fetch raises\n"
"decant.Error (e.code: \"http_404\", \"timeout\", \"robots\", ...), or with\n"
"errors=\"record\" returns the dict with \"error\" set.  Times are seconds.\n"
"The GIL is released while fetching.");

static int parse_errors(PyObject *o, int *record)
{
    const char *errors = "raise";
    if (o && o != Py_None && opt_str(o, "errors", &errors) < 0)
        return -1;
    *record = strcmp(errors, "record") == 0;
    if (!*record && strcmp(errors, "raise") != 0) {
        PyErr_SetString(PyExc_ValueError, "errors must be \"raise\" or \"record\"");
        return -1;
    }
    return 0;
}

static PyObject *mod_fetch(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *names[] = {"url", "errors", FETCH_KWLIST, NULL};
    PyObject *url_o, *errors_o = Py_None;
    py_fetch p = {0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|O$OOOOOOOOpO:fetch", names, &url_o, &errors_o, &p.user_agent,
                                     &p.timeout, &p.connect_timeout, &p.retries, &p.retry_delay, &p.delay,
                                     &p.max_redirects, &p.max_bytes, &p.ignore_robots, &p.allow_hosts))
        return NULL;
    int record = 0;
    decant_fetch_options o;
    const char **hosts = NULL;
    const char *url = PyUnicode_AsUTF8(url_o);
    if (!url || parse_errors(errors_o, &record) < 0 || fill_fetch(&p, &o, &hosts) < 0) {
        PyMem_Free(hosts);
        return NULL;
    }
    decant_error err = {0};
    decant_fetch_result *r;
    Py_BEGIN_ALLOW_THREADS
    r = fetch_one(url, &o, &err);
    Py_END_ALLOW_THREADS
    PyMem_Free(hosts);
    module_state *st = state_of(m);
    PyObject *out = NULL;
    if (!r)
        raise_error(st, &err, err.code ? err.code : DECANT_ERR_NOMEM);
    else if (r->error && !record)
        raise_fetch_error(st, r);
    else
        out = result_dict(r);
    decant_fetch_result_free(r);
    return out;
}

PyDoc_STRVAR(mod_extract_url_doc,
"extract_url(url, body='text', errors='raise', *, user_agent=None, timeout=30,\n"
"            connect_timeout=10, retries=3, retry_delay=1, delay=1,\n"
"            max_redirects=10, max_bytes=None, ignore_robots=False,\n"
"            allow_hosts=None, max_depth=None, max_nodes=None, timeout_ms=None)\n"
"    -> dict\n"
"--\n"
"\n"
"Fetches url (as fetch) and extracts it: the record `decant URL` prints, with\n"
"url (after redirects), requested_url and the response's id.  A page that\n"
"cannot be fetched or gives no article raises decant.Error, or with\n"
"errors=\"record\" gives the record with \"error\" set.  The GIL is released\n"
"while fetching and extracting.");

static PyObject *mod_extract_url(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *names[] = {"url", "body", "errors", FETCH_KWLIST, "max_depth", "max_nodes", "timeout_ms", NULL};
    PyObject *url_o, *body_o = Py_None, *errors_o = Py_None;
    py_fetch p = {0};
    py_options po = {0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|OO$OOOOOOOOpOOOO:extract_url", names, &url_o, &body_o,
                                     &errors_o, &p.user_agent, &p.timeout, &p.connect_timeout, &p.retries,
                                     &p.retry_delay, &p.delay, &p.max_redirects, &p.max_bytes, &p.ignore_robots,
                                     &p.allow_hosts, &po.max_depth, &po.max_nodes, &po.timeout_ms))
        return NULL;
    po.max_bytes = p.max_bytes;
    int record = 0;
    decant_body_format body;
    decant_fetch_options o;
    decant_options eo;
    const char **hosts = NULL;
    const char *url = PyUnicode_AsUTF8(url_o);
    if (!url || parse_body(body_o, &body) < 0 || parse_errors(errors_o, &record) < 0 ||
        fill_fetch(&p, &o, &hosts) < 0 ||
        fill_options(&po, &eo) < 0) {
        PyMem_Free(hosts);
        return NULL;
    }
    decant_error err = {0}, xerr = {0};
    decant_fetch_result *r;
    decant_status st = DECANT_OK, rst = DECANT_OK;
    decant_buffer buf = {0};
    Py_BEGIN_ALLOW_THREADS
    r = fetch_one(url, &o, &err);
    if (r) {
        decant_article *a = NULL;
        if (!r->error) {
            decant_input in = {r->body, r->body_size, r->url, r->content_type};
            st = decant_extract_once(&eo, &in, &a, &xerr);
            settle_error(&xerr, st);
        }
        decant_record_info info = {.id = r->id, .source = url, .url = r->url};
        if ((!r->error && st == DECANT_OK) || record)
            rst = decant_record_json_fetched(a, st == DECANT_OK ? NULL : &xerr, &info, r, body, &buf);
        decant_article_free(a);
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(hosts);
    module_state *ms = state_of(m);
    PyObject *out = NULL;
    if (!r)
        raise_error(ms, &err, err.code ? err.code : DECANT_ERR_NOMEM);
    else if (r->error && !record)
        raise_fetch_error(ms, r);
    else if (st != DECANT_OK && !record)
        raise_error(ms, &xerr, st);
    else if (rst != DECANT_OK)
        PyErr_NoMemory();
    else
        out = record_to_dict(ms, &buf);
    decant_buffer_free(&buf);
    decant_fetch_result_free(r);
    return out;
}

static PyObject *mod_version(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    return PyUnicode_FromString(decant_version());
}

static PyMethodDef module_methods[] = {
    {"version", mod_version, METH_NOARGS, version_doc},
    {"fetch", (PyCFunction)(void (*)(void))mod_fetch, METH_VARARGS | METH_KEYWORDS, mod_fetch_doc},
    {"extract_url", (PyCFunction)(void (*)(void))mod_extract_url, METH_VARARGS | METH_KEYWORDS,
     mod_extract_url_doc},
    {NULL, NULL, 0, NULL},
};

static int add_type(PyObject *m, PyType_Spec *spec)
{
    PyObject *t = PyType_FromModuleAndSpec(m, spec, NULL);
    if (!t)
        return -1;
    int rc = PyModule_AddType(m, (PyTypeObject *)t);
    Py_DECREF(t);
    return rc;
}

static int module_exec(PyObject *m)
{
    module_state *st = state_of(m);
    PyObject *json = PyImport_ImportModule("json");
    if (!json)
        return -1;
    st->json_loads = PyObject_GetAttrString(json, "loads");
    Py_DECREF(json);
    if (!st->json_loads)
        return -1;
    st->error = PyErr_NewExceptionWithDoc(
        "decant.Error",
        "A page, or an archive, that gave no result.\n\n"
        "code is the status name (\"binary\", \"not_html\", \"no_content\", ...),\n"
        "message the library's description, position a byte offset where known.",
        PyExc_Exception, NULL);
    if (!st->error || PyModule_AddObjectRef(m, "Error", st->error) < 0)
        return -1;
    if (add_type(m, &extractor_spec) < 0 || add_type(m, &reader_spec) < 0)
        return -1;
    st->site_type = PyType_FromModuleAndSpec(m, &site_spec, NULL);
    if (!st->site_type || PyModule_AddObjectRef(m, "SiteModel", st->site_type) < 0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *m, visitproc visit, void *arg)
{
    module_state *st = state_of(m);
    Py_VISIT(st->error);
    Py_VISIT(st->json_loads);
    Py_VISIT(st->site_type);
    return 0;
}

static int module_clear(PyObject *m)
{
    module_state *st = state_of(m);
    Py_CLEAR(st->error);
    Py_CLEAR(st->json_loads);
    Py_CLEAR(st->site_type);
    return 0;
}

static void module_free(void *m)
{
    module_clear((PyObject *)m);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, (void *)module_exec},
    {0, NULL},
};

static PyModuleDef decant_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "decant._decant",
    .m_doc = "The C core of decant: Extractor, WarcReader, SiteModel, Error and version().",
    .m_size = sizeof(module_state),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__decant(void)
{
    return PyModuleDef_Init(&decant_module);
}
