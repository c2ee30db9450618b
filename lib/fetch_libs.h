/*
 * fetch_libs.h — libcurl and libxml2, loaded when first needed.
 *
 * Only fetching (URLs, feeds, sitemaps) and Markdown links resolved
 * against the page's URL use them, yet linked as usual they and the thirty
 * shared libraries they bring (TLS, Kerberos, LDAP, ICU...) were loaded and
 * relocated at every start: 5 to 6 ms of CPU per run, four times what the
 * rest of decant's start costs, and as much as extracting ten pages.  So
 * the library opens them with dlopen() on first use, once per process, and
 * calls them through these tables.  The headers still give the types and
 * constants (and each entry's type, with __typeof__).
 */
#ifndef DC_FETCH_LIBS_H
#define DC_FETCH_LIBS_H

#include <curl/curl.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>

typedef struct dc_curl_api {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_global_cleanup) *global_cleanup;
    __typeof__(curl_multi_init) *multi_init;
    __typeof__(curl_multi_setopt) *multi_setopt;
    __typeof__(curl_multi_perform) *multi_perform;
    __typeof__(curl_multi_info_read) *multi_info_read;
    __typeof__(curl_multi_poll) *multi_poll;
    __typeof__(curl_multi_add_handle) *multi_add_handle;
    __typeof__(curl_multi_remove_handle) *multi_remove_handle;
    __typeof__(curl_multi_cleanup) *multi_cleanup;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
    __typeof__(curl_url) *url;
    __typeof__(curl_url_set) *url_set;
    __typeof__(curl_url_get) *url_get;
    __typeof__(curl_url_cleanup) *url_cleanup;
    __typeof__(curl_free) *free;
} dc_curl_api;

typedef struct dc_xml_api {
    __typeof__(xmlInitParser) *init_parser;
    __typeof__(xmlReaderForMemory) *reader_for_memory;
    __typeof__(xmlFreeTextReader) *free_text_reader;
    __typeof__(xmlTextReaderRead) *read;
    __typeof__(xmlTextReaderNodeType) *node_type;
    __typeof__(xmlTextReaderDepth) *depth;
    __typeof__(xmlTextReaderIsEmptyElement) *is_empty_element;
    __typeof__(xmlTextReaderConstLocalName) *const_local_name;
    __typeof__(xmlTextReaderGetAttribute) *get_attribute;
    __typeof__(xmlTextReaderReadString) *read_string;
    __typeof__(xmlTextReaderBaseUri) *base_uri;
    /* xmlFree is a variable or a per-thread macro by libxml2's build; the
     * allocator in use is asked for at each free (dc_xml_free) */
    __typeof__(xmlMemGet) *mem_get;
} dc_xml_api;

/* libcurl's functions, or NULL when libcurl.so.4 cannot be loaded.  Thread-safe. */
const dc_curl_api *dc_curl(void);

/* libxml2's functions, or NULL when libxml2.so.2 cannot be loaded.  Thread-safe. */
const dc_xml_api *dc_xml(void);

/* xmlFree(p), for memory libxml2 handed out (dc_xml() must have succeeded). */
void dc_xml_free(void *p);

#endif
