#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util.h"

typedef struct walk {
	const char *root;
	pg_files *out;
	pg_diags *diags;
	dev_t devs[64];
	ino_t inos[64];
	int depth;
} walk;

static int is_md(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && !strcasecmp(name + n - 3, ".md")) ||
	       (n > 9 && !strcasecmp(name + n - 9, ".markdown"));
}

static void walk_dir(walk *W, const char *rel)
{
	char *abs = *rel ? xasprintf("%s/%s", W->root, rel) : xstrdup(W->root);
	DIR *d = opendir(abs);
	if (!d) {
		diags_add(W->diags, PG_ERROR, *rel ? rel : ".", 0, "cannot read directory: %s",
			  strerror(errno));
		free(abs);
		return;
	}
	struct stat dst;
	if (fstat(dirfd(d), &dst) == 0) {
		for (int i = 0; i < W->depth; i++) {
			if (W->devs[i] == dst.st_dev && W->inos[i] == dst.st_ino) {
				diags_add(
					W->diags, PG_WARNING, rel, 0,
					"directory loop (a link back to an enclosing directory); skipped");
				closedir(d);
				free(abs);
				return;
			}
		}
		if (W->depth >= 64) {
			diags_add(W->diags, PG_WARNING, rel, 0,
				  "directories nested deeper than 64; skipped");
			closedir(d);
			free(abs);
			return;
		}
		W->devs[W->depth] = dst.st_dev;
		W->inos[W->depth] = dst.st_ino;
	}
	W->depth++;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *child = *rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_name[0] == '.') {
			/* .obsidian, .git, .trash, .peoplegraph: not notes */
			diags_add(W->diags, PG_NOTE, child, 0, "hidden; skipped");
			free(child);
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, 0) < 0) {
			if (errno == ENOENT || errno == ELOOP)
				diags_add(W->diags, PG_WARNING, child, 1, "%s; skipped",
					  errno == ELOOP ? "symbolic link loop"
							 : "dangling link or vanished file");
			else
				diags_add(W->diags, PG_ERROR, child, 1, "cannot stat: %s",
					  strerror(errno));
			free(child);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_dir(W, child);
		} else if (!S_ISREG(st.st_mode)) {
			diags_add(W->diags, PG_NOTE, child, 0, "not a regular file; skipped");
		} else if (!is_md(e->d_name)) {
			diags_add(W->diags, PG_NOTE, child, 0, "not markdown (.md); skipped");
		} else if (S_ISREG(st.st_mode) && is_md(e->d_name)) {
			ALLOC_GROW(W->out->v, W->out->n, W->out->cap);
			pg_file *f = &W->out->v[W->out->n++];
			f->path = child;
			child = NULL;
			f->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
			f->size = (int64_t)st.st_size;
		}
		free(child);
	}
	W->depth--;
	closedir(d);
	free(abs);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const pg_file *)a)->path, ((const pg_file *)b)->path);
}

int pg_scan(const char *vault, pg_files *out, pg_diags *diags)
{
	struct stat st;
	if (stat(vault, &st) < 0 || !S_ISDIR(st.st_mode))
		return pg_error("cannot open vault '%s': %s", vault,
				errno ? strerror(errno) : "not a directory");
	walk W;
	memset(&W, 0, sizeof(W));
	W.root = vault;
	W.out = out;
	W.diags = diags;
	walk_dir(&W, "");
	sort_array(out->v, out->n, sizeof(*out->v), file_cmp);
	return 0;
}

void pg_files_release(pg_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
