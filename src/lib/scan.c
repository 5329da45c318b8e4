#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

typedef struct walk {
	pg_files *out;
	pg_diags *diags;
	strbuf rel; /* the directory being read, vault-relative, "" at the top */
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

static void stat_failed(pg_diags *diags, const char *path, int err)
{
	if (err == ENOENT || err == ELOOP)
		diags_add(diags, PG_WARNING, path, 1, "%s; skipped",
			  err == ELOOP ? "symbolic link loop" : "dangling link or vanished file");
	else
		diags_add(diags, PG_ERROR, path, 1, "cannot stat: %s", strerror(err));
}

/* Reads the directory W->rel (opened as D).  Markdown files that readdir
 * says are regular are listed with their times left for stat_files; only
 * links and entries of unknown type are stat'ed here, to learn what they
 * are.  A vault is mostly files, and stat is most of a walk's cost. */
static void walk_dir(walk *W, DIR *d)
{
	const char *rel = sb_str(&W->rel);
	struct stat dst;
	if (fstat(dirfd(d), &dst) == 0) {
		for (int i = 0; i < W->depth; i++) {
			if (W->devs[i] == dst.st_dev && W->inos[i] == dst.st_ino) {
				diags_add(
					W->diags, PG_WARNING, rel, 0,
					"directory loop (a link back to an enclosing directory); skipped");
				return;
			}
		}
		if (W->depth >= 64) {
			diags_add(W->diags, PG_WARNING, rel, 0,
				  "directories nested deeper than 64; skipped");
			return;
		}
		W->devs[W->depth] = dst.st_dev;
		W->inos[W->depth] = dst.st_ino;
	}
	W->depth++;
	size_t base = W->rel.len;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sb_setlen(&W->rel, base);
		if (base)
			sb_addc(&W->rel, '/');
		sb_adds(&W->rel, e->d_name);
		const char *child = sb_str(&W->rel);
		if (e->d_name[0] == '.') {
			/* .obsidian, .git, .trash, .peoplegraph: not notes */
			diags_add(W->diags, PG_NOTE, child, 0, "hidden; skipped");
			continue;
		}
		int isdir = e->d_type == DT_DIR, isreg = e->d_type == DT_REG;
		if (!isdir && !isreg) {
			struct stat st;
			if (fstatat(dirfd(d), e->d_name, &st, 0) < 0) {
				stat_failed(W->diags, child, errno);
				continue;
			}
			isdir = S_ISDIR(st.st_mode);
			isreg = S_ISREG(st.st_mode);
		}
		if (isdir) {
			int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			DIR *sub = fd >= 0 ? fdopendir(fd) : NULL;
			if (!sub) {
				diags_add(W->diags, PG_ERROR, child, 0, "cannot read directory: %s",
					  strerror(errno));
				if (fd >= 0)
					close(fd);
				continue;
			}
			walk_dir(W, sub);
			closedir(sub);
		} else if (!isreg) {
			diags_add(W->diags, PG_NOTE, child, 0, "not a regular file; skipped");
		} else if (!is_md(e->d_name)) {
			diags_add(W->diags, PG_NOTE, child, 0, "not markdown (.md); skipped");
		} else {
			ALLOC_GROW(W->out->v, W->out->n, W->out->cap);
			pg_file *f = &W->out->v[W->out->n++];
			f->path = arena_strdup(&W->out->mem, child);
			f->mtime_ns = -1;
			f->size = -1;
		}
	}
	sb_setlen(&W->rel, base);
	W->depth--;
}

/* stat(2) for files FROM..TO of a list (paths relative to ROOTFD): the
 * error of each file that could not be, -1 for one that is no longer a
 * regular file, 0 otherwise. */
typedef struct stat_job {
	int rootfd;
	pg_file *v;
	int *err;
	size_t from, to;
} stat_job;

static void *stat_range(void *arg)
{
	stat_job *j = arg;
	/* relative to each file's directory, opened once for its run of
	 * files (the walk lists a directory's files together): a lookup of
	 * one component rather than of the whole path */
	int dfd = -1;
	const char *dir = NULL;
	size_t dirlen = 0;
	char *dbuf = NULL;
	for (size_t i = j->from; i < j->to; i++) {
		const char *path = j->v[i].path, *slash = strrchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : 0;
		if (!dir || len != dirlen || memcmp(dir, path, len)) {
			if (dfd >= 0 && dfd != j->rootfd)
				close(dfd);
			dfd = j->rootfd;
			if (len) {
				free(dbuf);
				dbuf = xstrndup(path, len);
				int fd = openat(j->rootfd, dbuf, O_PATH | O_DIRECTORY | O_CLOEXEC);
				if (fd >= 0)
					dfd = fd;
			}
			dir = path;
			dirlen = len;
		}
		const char *name = slash && dfd != j->rootfd ? slash + 1 : path;
		struct stat st;
		j->err[i] = 0;
		if (fstatat(dfd, name, &st, 0) < 0)
			j->err[i] = errno;
		else if (!S_ISREG(st.st_mode))
			j->err[i] = -1;
		else {
			j->v[i].mtime_ns =
				(int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
			j->v[i].size = (int64_t)st.st_size;
		}
	}
	if (dfd >= 0 && dfd != j->rootfd)
		close(dfd);
	free(dbuf);
	return NULL;
}

/* Times and sizes of every listed file, on two threads for a large vault
 * (each stat is a system call, and two run at once).  Files that vanished
 * or changed kind since the walk are diagnosed and dropped. */
static void stat_files(int rootfd, pg_files *out, pg_diags *diags)
{
	int *err = xmalloc((out->n ? out->n : 1) * sizeof(*err));
	stat_job a = {rootfd, out->v, err, 0, out->n}, b = a;
	pthread_t th;
	int two = out->n >= 512;
	if (two) {
		a.to = b.from = out->n / 2;
		if (pthread_create(&th, NULL, stat_range, &b) != 0) {
			two = 0;
			a.to = out->n;
		}
	}
	stat_range(&a);
	if (two)
		pthread_join(th, NULL);
	size_t kept = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (err[i] > 0)
			stat_failed(diags, out->v[i].path, err[i]);
		else if (err[i] < 0)
			diags_add(diags, PG_NOTE, out->v[i].path, 0, "not a regular file; skipped");
		else
			out->v[kept++] = out->v[i];
	}
	out->n = kept;
	free(err);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const pg_file *)a)->path, ((const pg_file *)b)->path);
}

int pg_scan(const char *vault, pg_files *out, pg_diags *diags)
{
	int rootfd = open(vault, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = rootfd >= 0 ? fdopendir(rootfd) : NULL;
	if (!d) {
		int e = errno;
		if (rootfd >= 0)
			close(rootfd);
		return pg_error("cannot open vault '%s': %s", vault,
				e == ENOTDIR ? "not a directory" : strerror(e));
	}
	walk W;
	memset(&W, 0, sizeof(W));
	W.out = out;
	W.diags = diags;
	sb_init(&W.rel);
	walk_dir(&W, d);
	sb_release(&W.rel);
	stat_files(dirfd(d), out, diags);
	closedir(d);
	sort_array(out->v, out->n, sizeof(*out->v), file_cmp);
	return 0;
}

void pg_files_release(pg_files *f)
{
	arena_release(&f->mem);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
