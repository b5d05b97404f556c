/* Runs a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer: each FILE, or each file of a DIR in sorted order. Linked with
 * every fuzz_*.c in builds without WHOSAID_FUZZ, so ctest replays the seed
 * corpora (and any crash input added to them) in the regular, ASan and
 * valgrind builds. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (!bad) LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    if (bad) fprintf(stderr, "%s: cannot read\n", path);
    return bad;
}

int main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            bad |= run_file(argv[i]);
            continue;
        }
        struct dirent **list;
        int n = scandir(argv[i], &list, NULL, alphasort);
        if (n < 0) {
            perror(argv[i]);
            return 1;
        }
        for (int k = 0; k < n; k++) {
            if (list[k]->d_name[0] != '.') {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], list[k]->d_name);
                bad |= run_file(path);
            }
            free(list[k]);
        }
        free(list);
    }
    return bad;
}
