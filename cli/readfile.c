/* readfile.c — whole-file reads with a hard cap on memory. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Unknown sizes (pipes, /proc files) start here and double. */
#define CLI_READ_CHUNK ((size_t)64 << 10)

/*
 * One byte past the limit is enough for the library to tell "too large"
 * from "exactly at the limit", so nothing beyond that is ever allocated.
 */
size_t cli_read_cap(const decant_options *opts)
{
    return opts->max_input_bytes < SIZE_MAX ? opts->max_input_bytes + 1 : SIZE_MAX;
}

/* strerror may use a shared buffer; workers call this concurrently. */
void cli_errno_text(int errnum, char *buf, size_t size)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    snprintf(buf, size, "%s", strerror(errnum));
    pthread_mutex_unlock(&lock);
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

static int grow(char **data, size_t *capacity, size_t cap)
{
    size_t want = *capacity > cap / 2 ? cap : *capacity * 2;
    char *p = realloc(*data, want);
    if (!p)
        return ENOMEM;
    *data = p;
    *capacity = want;
    return 0;
}

/*
 * Reads until EOF or `cap` bytes.  `size_hint` (0 if unknown) sizes the
 * first allocation one byte larger than the file so the closing read that
 * sees EOF needs no second allocation.  Returns 0 or an errno value; on
 * success *data is non-NULL even for an empty input.
 */
int cli_read_fd(int fd, size_t cap, size_t size_hint, char **data, size_t *len)
{
    size_t capacity = size_hint ? min_size(size_hint < SIZE_MAX ? size_hint + 1 : size_hint, cap)
                                : min_size(CLI_READ_CHUNK, cap);
    if (capacity == 0)
        capacity = 1;
    char *buf = malloc(capacity);
    if (!buf)
        return ENOMEM;
    size_t n = 0;
    while (n < cap) {
        if (n == capacity) {
            int e = grow(&buf, &capacity, cap);
            if (e) {
                free(buf);
                return e;
            }
        }
        ssize_t got = read(fd, buf + n, capacity - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            return e;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *data = buf;
    *len = n;
    return 0;
}

int cli_read_path(const char *path, size_t cap, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return e;
    }
    /* Opening a directory succeeds; say so plainly instead of reading it. */
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return EISDIR;
    }
    size_t hint = 0;
    if (S_ISREG(st.st_mode) && st.st_size > 0)
        hint = (uintmax_t)st.st_size < SIZE_MAX ? (size_t)st.st_size : SIZE_MAX;
    int e = cli_read_fd(fd, cap, hint, data, len);
    close(fd);
    return e;
}
