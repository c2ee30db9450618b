/*
 * site_key.c — the site a URL belongs to: its registered domain.
 *
 * Pages of "news.example.co.uk" and "www.example.co.uk" share a template;
 * "example.co.uk" and "other.co.uk" do not.  The public suffix ("co.uk") is
 * found with a compact rule set written here as data, not read from
 * Debian's publicsuffix package at run time: the site model a run saves
 * must mean the same on every machine, whatever is installed there, and the
 * handful of rules below covers what decides news sites' keys:
 *
 *   - under a two-letter country domain, a second level that is a generic
 *     category (com, net, org, gov, edu, ac, co, ...) is a public suffix
 *     ("com.ua", "co.il", "org.pl", "ac.jp");
 *   - a list of other public second levels (regions, and hosting platforms
 *     whose every subdomain is someone's site: "blogspot.com", "github.io").
 *
 * A host the rules misjudge only groups its pages more coarsely or more
 * finely; nothing else depends on the key.
 */
#include <string.h>

#include "site.h"
#include "text.h"

/* Second levels that are generic categories under a country domain. */
static const char *const generic_second[] = {
    "ac", "biz", "co", "com", "edu", "firm", "gen", "go", "gob", "gouv", "gov", "govt", "gv",
    "info", "int", "ltd", "me", "mil", "ne", "net", "nhs", "nic", "nom", "or", "org", "plc",
    "res", "sch", "web",
};

/* Other public suffixes of two labels. */
static const char *const public_two[] = {
    /* regions (as the public suffix list has them) */
    "asn.au", "id.au", "ad.jp", "ed.jp", "gr.jp", "lg.jp", "in.ua", "kiev.ua", "kharkov.ua",
    "lviv.ua", "odessa.ua", "dp.ua", "msk.ru", "spb.ru", "waw.pl", "lodz.pl", "krakow.pl",
    "wroc.pl", "gda.pl", "poznan.pl", "szczecin.pl", "bj.cn", "sh.cn", "tj.cn", "cq.cn",
    "gd.cn", "zj.cn", "js.cn", "sd.cn", "sc.cn", "hb.cn", "hn.cn", "fj.cn", "ah.cn", "ln.cn",
    "jl.cn", "hl.cn", "he.cn", "sx.cn", "sn.cn", "gs.cn", "gx.cn", "gz.cn", "yn.cn", "xj.cn",
    "nm.cn", "nx.cn", "qh.cn", "xz.cn", "hi.cn", "jx.cn", "ha.cn", "hk.cn", "mo.cn", "tw.cn",
    "idv.tw", "idv.hk",
    /* platforms: each subdomain is a site of its own */
    "blogspot.com", "wordpress.com", "tumblr.com", "github.io", "gitlab.io", "substack.com",
    "livejournal.com", "typepad.com", "narod.ru", "ucoz.ru", "ucoz.net", "appspot.com",
    "herokuapp.com", "netlify.app", "vercel.app", "pages.dev", "wixsite.com", "weebly.com",
    "blogspot.ru", "blogspot.de", "blogspot.fr", "blogspot.gr", "blogspot.pl", "home.pl",
    "bloger.pl", "blog.pl",
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return 1;
    return 0;
}

/* Is host[0..n) (lower case) a dotted IPv4 address? */
static int is_ipv4(const char *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(h[i] == '.' || (h[i] >= '0' && h[i] <= '9')))
            return 0;
    return 1;
}

/* How many labels at the end of host[0..n) form its public suffix. */
static int suffix_labels(const char *h, size_t n, const size_t *dots, int ndots)
{
    if (ndots < 1)
        return 0;
    /* the last two labels, "co.uk" */
    size_t two = ndots >= 2 ? dots[ndots - 2] + 1 : 0;
    if (in_list(public_two, sizeof public_two / sizeof public_two[0], h + two, n - two))
        return 2;
    size_t tld = dots[ndots - 1] + 1;
    if (n - tld == 2) {
        size_t second = two;
        size_t slen = dots[ndots - 1] - second;
        if (in_list(generic_second, sizeof generic_second / sizeof generic_second[0], h + second,
                    slen))
            return 2;
    }
    return 1;
}

size_t dc_site_key(const char *url, char *out)
{
    out[0] = '\0';
    if (!url)
        return 0;
    const char *s = strstr(url, "://");
    if (!s || s - url > 16)
        return 0;
    s += 3;
    size_t end = strcspn(s, "/?#");
    const char *at = memchr(s, '@', end);
    if (at) {
        end -= (size_t)(at + 1 - s);
        s = at + 1;
    }
    if (end > 0 && s[0] == '[')
        return 0; /* an IPv6 literal: no site to speak of */
    const char *colon = memchr(s, ':', end);
    if (colon)
        end = (size_t)(colon - s);
    while (end > 0 && s[end - 1] == '.')
        end--;
    if (end == 0 || end > 253)
        return 0;
    char host[254];
    size_t dots[128];
    int ndots = 0;
    for (size_t i = 0; i < end; i++) {
        unsigned char c = dc_lower((unsigned char)s[i]);
        if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\')
            return 0;
        host[i] = (char)c;
        if (c == '.' && ndots < 128)
            dots[ndots++] = i;
    }
    host[end] = '\0';
    const char *key = host;
    if (!is_ipv4(host, end) && ndots > 0) {
        int suffix = suffix_labels(host, end, dots, ndots);
        /* the suffix and one label more */
        if (ndots > suffix)
            key = host + dots[ndots - suffix - 1] + 1;
    }
    size_t len = strlen(key);
    if (len >= DC_SITE_KEY_MAX)
        len = DC_SITE_KEY_MAX - 1;
    memcpy(out, key, len);
    out[len] = '\0';
    return len;
}
