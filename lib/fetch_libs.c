/*
 * fetch_libs.c — see fetch_libs.h.
 *
 * Each library is opened once (pthread_once) and never closed: libcurl's
 * and libxml2's global state lives as long as the process.  A missing
 * library or symbol leaves its table NULL, and the caller reports the
 * failure as it reports the library's own.
 */
#include "fetch_libs.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

/* dlsym() gives a void *; POSIX guarantees it converts to a function
 * pointer, which ISO C leaves undefined: copy the bytes. */
static int sym(void *lib, const char *name, void *fn_ptr, size_t size)
{
    void *p = dlsym(lib, name);
    if (!p || size != sizeof p)
        return 0;
    memcpy(fn_ptr, &p, size);
    return 1;
}

#define SYM(lib, api, field, name) (sym(lib, name, &(api).field, sizeof (api).field))

static dc_curl_api curl_api;
static int curl_loaded;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void)
{
    void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return;
    dc_curl_api a;
    int ok = SYM(h, a, global_init, "curl_global_init") &&
             SYM(h, a, global_cleanup, "curl_global_cleanup") &&
             SYM(h, a, multi_init, "curl_multi_init") &&
             SYM(h, a, multi_setopt, "curl_multi_setopt") &&
             SYM(h, a, multi_perform, "curl_multi_perform") &&
             SYM(h, a, multi_info_read, "curl_multi_info_read") &&
             SYM(h, a, multi_poll, "curl_multi_poll") &&
             SYM(h, a, multi_add_handle, "curl_multi_add_handle") &&
             SYM(h, a, multi_remove_handle, "curl_multi_remove_handle") &&
             SYM(h, a, multi_cleanup, "curl_multi_cleanup") &&
             SYM(h, a, easy_init, "curl_easy_init") &&
             SYM(h, a, easy_setopt, "curl_easy_setopt") &&
             SYM(h, a, easy_getinfo, "curl_easy_getinfo") &&
             SYM(h, a, easy_cleanup, "curl_easy_cleanup") &&
             SYM(h, a, easy_strerror, "curl_easy_strerror") &&
             SYM(h, a, slist_append, "curl_slist_append") &&
             SYM(h, a, slist_free_all, "curl_slist_free_all") &&
             SYM(h, a, url, "curl_url") &&
             SYM(h, a, url_set, "curl_url_set") &&
             SYM(h, a, url_get, "curl_url_get") &&
             SYM(h, a, url_cleanup, "curl_url_cleanup") &&
             SYM(h, a, free, "curl_free");
    if (ok) {
        curl_api = a;
        curl_loaded = 1;
    }
}

const dc_curl_api *dc_curl(void)
{
    pthread_once(&curl_once, load_curl);
    return curl_loaded ? &curl_api : NULL;
}

static dc_xml_api xml_api;
static int xml_loaded;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void load_xml(void)
{
    void *h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return;
    dc_xml_api a;
    int ok = SYM(h, a, init_parser, "xmlInitParser") &&
             SYM(h, a, reader_for_memory, "xmlReaderForMemory") &&
             SYM(h, a, free_text_reader, "xmlFreeTextReader") &&
             SYM(h, a, read, "xmlTextReaderRead") &&
             SYM(h, a, node_type, "xmlTextReaderNodeType") &&
             SYM(h, a, depth, "xmlTextReaderDepth") &&
             SYM(h, a, is_empty_element, "xmlTextReaderIsEmptyElement") &&
             SYM(h, a, const_local_name, "xmlTextReaderConstLocalName") &&
             SYM(h, a, get_attribute, "xmlTextReaderGetAttribute") &&
             SYM(h, a, read_string, "xmlTextReaderReadString") &&
             SYM(h, a, base_uri, "xmlTextReaderBaseUri") &&
             SYM(h, a, mem_get, "xmlMemGet");
    if (ok) {
        xml_api = a;
        xml_loaded = 1;
    }
}

const dc_xml_api *dc_xml(void)
{
    pthread_once(&xml_once, load_xml);
    return xml_loaded ? &xml_api : NULL;
}

void dc_xml_free(void *p)
{
    xmlFreeFunc f = NULL;
    if (p && xml_api.mem_get(&f, NULL, NULL, NULL) == 0 && f)
        f(p);
}
