/* store.c — opening the index and the incremental index run (store.h). */
#include "store.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "diag.h"
#include "markdown.h"
#include "note.h"
#include "progress.h"
#include "scan.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

#define SCHEMA_VERSION "5"

/* The secondary indexes of the tables a full resolution rewrites.
 * task_owner covers what a person's items are read for (history, person,
 * tasks NAME): the busiest person's 4,300 items would otherwise each be
 * looked up in task (history: 51 -> 45 ms). */
#define INDEX_SQL                                                                           \
	"CREATE INDEX IF NOT EXISTS mention_person ON mention(person, note, role);"         \
	"CREATE INDEX IF NOT EXISTS task_owner ON task(owner, note, seq, due, done, text);" \
	"CREATE INDEX IF NOT EXISTS topic_key ON topic(lower(term));"

/* The columns of table note, also those of the copy a full resolution
 * writes (resolve_all). */
#define NOTE_COLUMNS                                                                   \
	"(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"                          \
	" mtime INTEGER, size INTEGER, date TEXT, title TEXT, type TEXT,"              \
	" private INTEGER NOT NULL DEFAULT 0, person_note INTEGER NOT NULL DEFAULT 0," \
	" errors INTEGER NOT NULL DEFAULT 0, facts INTEGER, people TEXT, topics TEXT)"

static const char *const schema_sql =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS note" NOTE_COLUMNS ";"
	/* note.people and note.topics, written with the note's resolution:
	 * its participants' ids in the note's order (comma-separated) and its
	 * topics as in table topic, in order (separated by \x1f).  A history,
	 * dossier or topic list of a person in thousands of notes reads them
	 * with the note row instead of seeking mention and topic per note. */
	/* the stored pg_note of each note, apart so that note stays small */
	"CREATE TABLE IF NOT EXISTS parsed(id INTEGER PRIMARY KEY, data BLOB);"
	"CREATE INDEX IF NOT EXISTS note_date ON note(date);"
	"CREATE TABLE IF NOT EXISTS person(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" key TEXT NOT NULL, org TEXT, role TEXT, strength INTEGER, is_owner INTEGER DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS alias(person INTEGER NOT NULL, key TEXT NOT NULL, ord INTEGER);"
	"CREATE INDEX IF NOT EXISTS alias_key ON alias(key);"
	"CREATE TABLE IF NOT EXISTS veto(key TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS mention(note INTEGER NOT NULL, person INTEGER NOT NULL,"
	" role TEXT NOT NULL, line INTEGER, ord INTEGER, PRIMARY KEY(note, person)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS task(note INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" owner INTEGER, owner_text TEXT, due TEXT, done INTEGER, text TEXT, line INTEGER,"
	" PRIMARY KEY(note, seq)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS topic(note INTEGER NOT NULL, term TEXT NOT NULL,"
	" weight REAL, ord INTEGER, PRIMARY KEY(note, term)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS tag(note INTEGER NOT NULL, tag TEXT NOT NULL,"
	" PRIMARY KEY(note, tag)) WITHOUT ROWID;" INDEX_SQL
	"CREATE TABLE IF NOT EXISTS diag(note INTEGER, path TEXT, line INTEGER, severity INTEGER,"
	" message TEXT);"
	/* each stored note clears its diagnostics by path */
	"CREATE INDEX IF NOT EXISTS diag_path ON diag(path);"
	"CREATE TABLE IF NOT EXISTS unresolved(note INTEGER NOT NULL, surface TEXT, reason TEXT,"
	" line INTEGER);"
	/* summaries the index keeps so that listing queries read one row per
	 * person or topic; scope 1 counts every note, scope 0 public notes */
	"CREATE TABLE IF NOT EXISTS person_stat(scope INTEGER NOT NULL, person INTEGER NOT NULL,"
	" meetings INTEGER, mentions INTEGER, first_seen TEXT, last_seen TEXT, met INTEGER,"
	" last_met TEXT, PRIMARY KEY(scope, person)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS topic_stat(scope INTEGER NOT NULL, key TEXT NOT NULL, term TEXT,"
	" notes INTEGER, weight INTEGER, first_seen TEXT, last_seen TEXT,"
	" PRIMARY KEY(scope, key)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body,"
	" tokenize = 'unicode61 remove_diacritics 2', detail = column);";

sqlite3_stmt *store_prepare(pg_vault *v, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(v->db, sql, -1, &st, NULL) != SQLITE_OK) {
		pg_error("database: %s", sqlite3_errmsg(v->db));
		return NULL;
	}
	return st;
}

static int exec(pg_vault *v, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(v->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int busy = sqlite3_errcode(v->db) == SQLITE_BUSY;
		pg_error("%s: %s%s", v->dbpath, err ? err : "error",
			 busy ? " (another peoplegraph is indexing; try again when it is done)"
			      : "");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

const char *store_private_filter(const pg_vault *v)
{
	return v->include_private ? "1" : "private = 0";
}

char *store_topic_key(const char *term)
{
	char *key = xstrdup(term);
	for (char *c = key; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return key;
}

int store_scope(const pg_vault *v)
{
	return v->include_private ? 1 : 0;
}

static int mkdir_p(const char *dir)
{
	char *d = xstrdup(dir);
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST) {
			free(d);
			return -1;
		}
		*p = '/';
	}
	int rc = mkdir(d, 0700) < 0 && errno != EEXIST ? -1 : 0;
	free(d);
	return rc;
}

/* Opens V's database: the index, or the file a first index is built in
 * (V->build_path), which has no journal: nobody else reads it, and when
 * the run fails it is deleted. */
static int db_connect(pg_vault *v)
{
	const char *path = v->build_path ? v->build_path : v->dbpath;
	/* NOMUTEX: only the thread that opened the vault uses the
	 * connection (the index workers parse, they never touch SQLite), and
	 * a lock per call was 8% of a long listing's instructions */
	if (sqlite3_open_v2(path, &v->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		pg_error("cannot open index %s: %s", v->dbpath,
			 v->db ? sqlite3_errmsg(v->db) : "out of memory");
		return -1;
	}
	sqlite3_busy_timeout(v->db, 10000);
	/* A new index gets 16 KB pages: a stored note (5 KB in the bench
	 * vault) fits in one page rather than a chain of overflow pages, and
	 * an index run reads and writes a quarter as many pages, each a
	 * system call (a 20k-note first index: 7.2 -> 6.6 s; the busiest
	 * person's history: 80 -> 55 ms).  An existing index keeps its own. */
	return exec(v, v->build_path ? "PRAGMA page_size=16384;"
				       " PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
				       " PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;"
				     : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				       " PRAGMA foreign_keys=OFF; PRAGMA mmap_size=268435456;"
				       " PRAGMA cache_size=-65536;");
}

pg_vault *store_open_reader(const pg_vault *v)
{
	/* a SQLite built without threads cannot have two threads on two
	 * connections */
	if (!v->dbpath || v->build_path || !sqlite3_threadsafe())
		return NULL;
	pg_vault *r = xcalloc(1, sizeof(*r));
	r->dbpath = xstrdup(v->dbpath);
	r->include_private = v->include_private;
	/* quietly: the caller reads on V alone when this fails */
	if (sqlite3_open_v2(r->dbpath, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK ||
	    sqlite3_exec(r->db, "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;", NULL, NULL,
			 NULL) != SQLITE_OK) {
		pg_vault_close(r);
		return NULL;
	}
	sqlite3_busy_timeout(r->db, 10000);
	return r;
}

int store_ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > 8 ? 8 : (int)n;
}

static void unlink_db(const char *path)
{
	static const char *const sfx[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

/* Deletes the build files of first indexes that were killed: those
 * beside DBPATH whose process is gone. */
static void remove_stale_builds(const char *dbpath)
{
	const char *slash = strrchr(dbpath, '/');
	char *dir = slash ? xstrndup(dbpath, (size_t)(slash - dbpath) + 1) : xstrdup("./");
	char *prefix = xasprintf("%s.build-", slash ? slash + 1 : dbpath);
	size_t plen = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, plen))
			continue;
		char *end;
		long pid = strtol(e->d_name + plen, &end, 10);
		if (end == e->d_name + plen || *end || pid <= 0)
			continue; /* not a build file (its -wal, or another name) */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* its indexer still runs */
		char *p = xasprintf("%s%s", dir, e->d_name);
		unlink_db(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

/* Puts the complete first index built in V->build_path where the index
 * goes, atomically (link fails when the name is taken), and reopens it.
 * The WAL would have written every page twice.  Returns 0; 1 when
 * another process made an index there meanwhile (it is opened instead,
 * and the build dropped); -1 on error (printed). */
static int publish_build(pg_vault *v)
{
	int rc = -1;
	/* it opens as every index does, in WAL mode */
	if (exec(v, "PRAGMA journal_mode=WAL") < 0)
		return -1;
	sqlite3_close(v->db);
	v->db = NULL;
	int fd = open(v->build_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0) {
		pg_error("cannot write %s: %s", v->build_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto cleanup;
	}
	close(fd);
	if (link(v->build_path, v->dbpath) == 0) {
		rc = 0;
	} else if (errno == EEXIST || access(v->dbpath, F_OK) == 0) {
		rc = 1;
	} else if (rename(v->build_path, v->dbpath) == 0) {
		/* a file system without hard links (FAT, some network shares):
		 * rename, which a second first index could only race in the
		 * instant between the check and the rename */
		rc = 0;
	} else {
		pg_error("cannot create index %s: %s", v->dbpath, strerror(errno));
		goto cleanup;
	}
cleanup:
	unlink_db(v->build_path);
	free(v->build_path);
	v->build_path = NULL;
	if (rc >= 0 && db_connect(v) < 0)
		rc = -1;
	return rc;
}

int pg_vault_open(pg_vault **out, const pg_open_opts *opts)
{
	*out = NULL;
	if (!opts->vault)
		return pg_error("no vault: give --vault DIR or set PEOPLEGRAPH_VAULT");
	struct stat st;
	if (stat(opts->vault, &st) < 0 || !S_ISDIR(st.st_mode))
		return pg_error("cannot open vault '%s': %s; give the folder of your notes with "
				"--vault DIR or PEOPLEGRAPH_VAULT",
				opts->vault,
				stat(opts->vault, &st) < 0 ? strerror(errno) : "not a directory");
	pg_vault *v = xcalloc(1, sizeof(*v));
	v->opts = *opts;
	v->root = xstrdup(opts->vault);
	size_t rl = strlen(v->root);
	while (rl > 1 && v->root[rl - 1] == '/')
		v->root[--rl] = '\0';
	v->include_private = opts->include_private;
	config_init(&v->cfg);
	pg_diags d = PG_DIAGS_INIT;
	char *cfgpath =
		opts->config ? xstrdup(opts->config) : xasprintf("%s/.peoplegraph.yaml", v->root);
	int crc = config_load(&v->cfg, cfgpath, opts->config ? opts->config : ".peoplegraph.yaml",
			      &d);
	free(cfgpath);
	diags_print(&d, PG_NOTE);
	diags_release(&d);
	if (crc < 0) {
		pg_error("fix the config file above (see peoplegraph(1), FILES)");
		pg_vault_close(v);
		return -1;
	}
	if (opts->me) {
		free(v->cfg.me);
		v->cfg.me = xstrdup(opts->me);
	}
	if (opts->db) {
		v->dbpath = xstrdup(opts->db);
	} else {
		char *dir = xasprintf("%s/.peoplegraph", v->root);
		if (mkdir_p(dir) < 0) {
			pg_error("cannot create %s: %s", dir, strerror(errno));
			free(dir);
			pg_vault_close(v);
			return -1;
		}
		v->dbpath = xasprintf("%s/index.db", dir);
		free(dir);
	}
	/* no index yet (nor the log of one): build one apart (publish_build) */
	char *wal = xasprintf("%s-wal", v->dbpath);
	struct stat dst;
	if (stat(v->dbpath, &dst) < 0 && errno == ENOENT && access(wal, F_OK) < 0) {
		remove_stale_builds(v->dbpath);
		v->build_path = xasprintf("%s.build-%ld", v->dbpath, (long)getpid());
	}
	free(wal);
	if (db_connect(v) < 0) {
		pg_vault_close(v);
		return -1;
	}
	/* The index is a cache of the notes: an index of another schema is
	 * dropped and rebuilt, inside one transaction. */
	sqlite3_stmt *s = NULL;
	int have = 0;
	if (sqlite3_prepare_v2(v->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &s,
			       NULL) != SQLITE_OK) {
		s = NULL; /* no meta table yet: a new index */
	} else if (sqlite3_step(s) == SQLITE_ROW) {
		have = 1;
		const char *ver = (const char *)sqlite3_column_text(s, 0);
		if (!ver || strcmp(ver, SCHEMA_VERSION)) {
			sqlite3_finalize(s);
			s = NULL;
			have = 0;
			if (!opts->quiet)
				pg_warn("index %s was written by another version; rebuilding it",
					v->dbpath);
			if (exec(v,
				 "BEGIN IMMEDIATE; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS meta;"
				 " DROP TABLE IF EXISTS note; DROP TABLE IF EXISTS person; DROP TABLE IF EXISTS alias;"
				 " DROP TABLE IF EXISTS veto; DROP TABLE IF EXISTS mention; DROP TABLE IF EXISTS task;"
				 " DROP TABLE IF EXISTS topic; DROP TABLE IF EXISTS tag; DROP TABLE IF EXISTS diag;"
				 " DROP TABLE IF EXISTS unresolved; DROP TABLE IF EXISTS parsed;"
				 " DROP TABLE IF EXISTS person_stat; DROP TABLE IF EXISTS topic_stat; COMMIT;") <
			    0) {
				pg_vault_close(v);
				return -1;
			}
		}
	}
	sqlite3_finalize(s);
	if (exec(v, schema_sql) < 0) {
		pg_vault_close(v);
		return -1;
	}
	if (!have &&
	    exec(v, "INSERT OR IGNORE INTO meta VALUES('schema', '" SCHEMA_VERSION "')") < 0) {
		pg_vault_close(v);
		return -1;
	}
	*out = v;
	return 0;
}

void pg_vault_close(pg_vault *v)
{
	if (!v)
		return;
	if (v->db)
		sqlite3_close(v->db);
	if (v->build_path) /* a first index that did not complete */
		unlink_db(v->build_path);
	free(v->build_path);
	config_release(&v->cfg);
	free(v->root);
	free(v->dbpath);
	free(v->me);
	free(v);
}

/* ---- reading notes (in parallel) ------------------------------------------------ */

/* At most this many parsed notes wait for the writer, so that memory stays
 * flat however large the vault is.  The window should outlast the
 * writer's longest pause, an FTS5 batch (FTS_BATCH below): a batch of
 * 2,048 notes took 70 to 140 ms, and the parsers fill 256 slots in about
 * 45 ms. */
#define WINDOW 1024
#define FTS_BATCH 1024

/* The parsing threads and the writer (the thread that runs the index):
 * note k of todo goes to slot k % WINDOW; a thread claims k only once the
 * writer is done with note k - WINDOW. */
typedef struct job {
	const pg_files *files;
	const size_t *todo; /* indexes into files */
	size_t ntodo;
	pg_note notes[WINDOW];
	pg_diags diags[WINDOW];
	unsigned char ready[WINDOW]; /* the slot holds its note */
	uint64_t *facts;             /* per todo entry: note_facts_hash */
	const char *root;
	size_t next;  /* the next note to claim */
	size_t taken; /* notes the writer is done with */
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t room, done;
	pg_progress *progress;
	pthread_t th[9]; /* store_ncpu() + 1 */
	int nth;
	/* Each note is freed by the thread that parsed it: freeing another
	 * thread's blocks takes its malloc arena's lock, and the writer
	 * freeing every parsed note made most of the futex calls of an index.
	 * OWNER: per slot, the thread that parsed it; GONE: per thread, the
	 * notes the writer is done with (under MU). */
	signed char owner[WINDOW];
	struct gone {
		pg_note *v;
		size_t n, cap;
	} gone[9];
	struct worker_arg {
		struct job *J;
		int self;
	} args[9];
} job;

typedef struct worker_arg worker_arg;

static void read_one(job *J, size_t k)
{
	const pg_file *f = &J->files->v[J->todo[k]];
	pg_note *N = &J->notes[k % WINDOW];
	pg_diags *d = &J->diags[k % WINDOW];
	memset(N, 0, sizeof(*N));
	char *abs = xasprintf("%s/%s", J->root, f->path);
	int fd = open(abs, O_RDONLY); /* links were followed by the scan, on purpose */
	free(abs);
	if (fd < 0) {
		diags_add(d, PG_ERROR, f->path, 1, "cannot read: %s%s", strerror(errno),
			  errno == ENOENT ? " (removed during the scan)" : "");
		N->errors = 1;
		return;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		diags_add(d, PG_ERROR, f->path, 1, "not a regular file");
		N->errors = 1;
		return;
	}
	size_t cap = (size_t)st.st_size;
	size_t limit = (8u << 20) + 1; /* extract.c rejects larger notes; read no more */
	if (cap > limit)
		cap = limit;
	char *buf = xmalloc(cap + 1);
	size_t len = 0;
	for (;;) {
		if (len == cap)
			break;
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			diags_add(d, PG_ERROR, f->path, 1, "read error: %s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if ((size_t)st.st_size > len && len == limit)
		len = (size_t)st.st_size; /* report the real size; buffer holds the prefix */
	if (len > cap) {
		diags_add(d, PG_ERROR, f->path, 1,
			  "file is %lld MB, over the 8 MB limit for a note; skipped",
			  (long long)(st.st_size >> 20));
		N->errors = 1;
	} else {
		pg_note_parse(N, f->path, buf, len, d);
		/* what the note contributes to the registry, hashed here on every
		 * core rather than in the writing thread */
		J->facts[k] = note_facts_hash(N);
	}
	free(buf);
}

/* Frees the notes in G (taken from the job under its lock). */
static void gone_free(struct gone *g)
{
	for (size_t i = 0; i < g->n; i++)
		pg_note_release(&g->v[i]);
	free(g->v);
}

static void *worker(void *arg)
{
	job *J = ((worker_arg *)arg)->J;
	int self = ((worker_arg *)arg)->self;
	for (;;) {
		pthread_mutex_lock(&J->mu);
		while (!J->stop && J->next < J->ntodo && J->next >= J->taken + WINDOW)
			pthread_cond_wait(&J->room, &J->mu);
		struct gone g = J->gone[self];
		memset(&J->gone[self], 0, sizeof(g));
		if (J->stop || J->next >= J->ntodo) {
			/* what is left in GONE is freed by job_finish */
			J->gone[self] = g;
			pthread_mutex_unlock(&J->mu);
			break;
		}
		size_t k = J->next++;
		pthread_mutex_unlock(&J->mu);
		gone_free(&g);
		read_one(J, k);
		if (J->progress)
			progress_tick(J->progress);
		pthread_mutex_lock(&J->mu);
		J->owner[k % WINDOW] = (signed char)self;
		J->ready[k % WINDOW] = 1;
		pthread_cond_broadcast(&J->done);
		pthread_mutex_unlock(&J->mu);
	}
	return NULL;
}

static void job_start(job *J)
{
	pthread_mutex_init(&J->mu, NULL);
	pthread_cond_init(&J->room, NULL);
	pthread_cond_init(&J->done, NULL);
	for (int i = 0; i < WINDOW; i++)
		J->diags[i].worst = -1;
	/* one parser more than cores: the writer does not keep a core busy
	 * (it takes notes in order), and a parser waits for cmark's lock (in
	 * markdown.c); five alternating 20k first indexes, parse and store:
	 * median 4.84 s with two parsers, 4.35 s with three */
	int nt = store_ncpu() + 1;
	if ((size_t)nt > J->ntodo)
		nt = (int)J->ntodo;
	for (int t = 0; t < nt; t++) {
		J->args[t].J = J;
		J->args[t].self = J->nth;
		if (pthread_create(&J->th[J->nth], NULL, worker, &J->args[t]) == 0)
			J->nth++;
	}
}

/* Note K, once parsed.  Without threads, the writer parses it itself. */
static pg_note *job_wait(job *J, size_t k)
{
	if (!J->nth) {
		read_one(J, k);
		return &J->notes[k % WINDOW];
	}
	pthread_mutex_lock(&J->mu);
	while (!J->ready[k % WINDOW])
		pthread_cond_wait(&J->done, &J->mu);
	pthread_mutex_unlock(&J->mu);
	return &J->notes[k % WINDOW];
}

/* The writer is done with note K: its slot is free again. */
static void job_release(job *J, size_t k)
{
	pg_note *N = &J->notes[k % WINDOW];
	if (!J->nth) {
		pg_note_release(N);
		return;
	}
	pthread_mutex_lock(&J->mu);
	struct gone *g = &J->gone[J->owner[k % WINDOW]];
	ALLOC_GROW(g->v, g->n, g->cap);
	g->v[g->n++] = *N;
	memset(N, 0, sizeof(*N));
	J->ready[k % WINDOW] = 0;
	J->taken = k + 1;
	pthread_cond_broadcast(&J->room);
	pthread_mutex_unlock(&J->mu);
}

/* Stops the threads (an error may end the writer early) and frees what
 * they left. */
static void job_finish(job *J)
{
	pthread_mutex_lock(&J->mu);
	J->stop = 1;
	pthread_cond_broadcast(&J->room);
	pthread_mutex_unlock(&J->mu);
	for (int t = 0; t < J->nth; t++)
		pthread_join(J->th[t], NULL);
	for (int t = 0; t < J->nth; t++)
		gone_free(&J->gone[t]);
	for (int i = 0; i < WINDOW; i++) {
		pg_note_release(&J->notes[i]);
		diags_release(&J->diags[i]);
	}
	pthread_mutex_destroy(&J->mu);
	pthread_cond_destroy(&J->room);
	pthread_cond_destroy(&J->done);
}

/* ---- the registry in the store ------------------------------------------------- */

void store_load_registry(pg_vault *v, pg_registry *R)
{
	registry_init(R);
	sqlite3_stmt *s = store_prepare(
		v, "SELECT id, name, org, role, strength, is_owner FROM person ORDER BY id");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		int p = registry_add(R, (const char *)sqlite3_column_text(s, 1),
				     sqlite3_column_int(s, 4));
		/* ids are index + 1 (written that way by write_registry) */
		if (sqlite3_column_type(s, 2) != SQLITE_NULL)
			R->v[p].org = xstrdup((const char *)sqlite3_column_text(s, 2));
		if (sqlite3_column_type(s, 3) != SQLITE_NULL)
			R->v[p].role = xstrdup((const char *)sqlite3_column_text(s, 3));
		if (sqlite3_column_int(s, 5)) {
			R->owner = p;
			R->v[p].is_owner = 1;
		}
	}
	sqlite3_finalize(s);
	s = store_prepare(v, "SELECT person, key FROM alias ORDER BY person, ord");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		int p = sqlite3_column_int(s, 0) - 1;
		if (p >= 0 && (size_t)p < R->n)
			registry_add_key(R, p, (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	s = store_prepare(v, "SELECT key FROM veto");
	while (s && sqlite3_step(s) == SQLITE_ROW)
		strmap_put(&R->veto, (const char *)sqlite3_column_text(s, 0), 1);
	sqlite3_finalize(s);
}

static int write_registry(pg_vault *v, const pg_registry *R)
{
	if (exec(v, "DELETE FROM person; DELETE FROM alias; DELETE FROM veto;") < 0)
		return -1;
	sqlite3_stmt *p = store_prepare(v, "INSERT INTO person VALUES(?,?,?,?,?,?,?)");
	sqlite3_stmt *a = store_prepare(v, "INSERT INTO alias VALUES(?,?,?)");
	sqlite3_stmt *w = store_prepare(v, "INSERT OR IGNORE INTO veto VALUES(?)");
	int rc = p && a && w ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < R->n; i++) {
		const pg_person *x = &R->v[i];
		sqlite3_bind_int64(p, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(p, 2, x->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(p, 3, x->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(p, 4, x->org, -1, SQLITE_STATIC);
		sqlite3_bind_text(p, 5, x->role, -1, SQLITE_STATIC);
		sqlite3_bind_int(p, 6, x->strength);
		sqlite3_bind_int(p, 7, x->is_owner);
		if (sqlite3_step(p) != SQLITE_DONE)
			rc = -1;
		sqlite3_reset(p);
		for (size_t k = 0; k < x->keys.n; k++) {
			sqlite3_bind_int64(a, 1, (sqlite3_int64)i + 1);
			sqlite3_bind_text(a, 2, x->keys.v[k], -1, SQLITE_STATIC);
			sqlite3_bind_int(a, 3, (int)k);
			if (sqlite3_step(a) != SQLITE_DONE)
				rc = -1;
			sqlite3_reset(a);
		}
	}
	for (size_t i = 0; rc == 0 && i < R->veto.cap; i++) {
		if (!R->veto.slots[i].key)
			continue;
		sqlite3_bind_text(w, 1, R->veto.slots[i].key, -1, SQLITE_STATIC);
		if (sqlite3_step(w) != SQLITE_DONE)
			rc = -1;
		sqlite3_reset(w);
	}
	if (rc < 0)
		pg_error("database: %s", sqlite3_errmsg(v->db));
	sqlite3_finalize(p);
	sqlite3_finalize(a);
	sqlite3_finalize(w);
	return rc;
}

/* ---- writing one note's resolution ------------------------------------------------ */

typedef struct writer {
	sqlite3_stmt *del[5];
	sqlite3_stmt *mention, *task, *topic, *unres, *tag, *sum;
	sqlite3_stmt *trim;    /* when set: deletes a note's items past its last */
	strbuf people, topics; /* scratch for note.people and note.topics */
} writer;

static int writer_init(pg_vault *v, writer *W)
{
	static const char *const dels[] = {
		"DELETE FROM mention WHERE note = ?", "DELETE FROM task WHERE note = ?",
		"DELETE FROM topic WHERE note = ?", "DELETE FROM unresolved WHERE note = ?",
		"DELETE FROM tag WHERE note = ?"};
	memset(W, 0, sizeof(*W));
	for (int i = 0; i < 5; i++)
		if (!(W->del[i] = store_prepare(v, dels[i])))
			return -1;
	W->mention = store_prepare(v, "INSERT OR REPLACE INTO mention VALUES(?,?,?,?,?)");
	/* OR REPLACE: a full resolution of an existing index writes items
	 * over themselves, in place (resolve_all) */
	W->task = store_prepare(v, "INSERT OR REPLACE INTO task VALUES(?,?,?,?,?,?,?,?)");
	W->topic = store_prepare(v, "INSERT OR IGNORE INTO topic VALUES(?,?,?,?)");
	W->unres = store_prepare(v, "INSERT INTO unresolved VALUES(?,?,?,?)");
	W->tag = store_prepare(v, "INSERT OR IGNORE INTO tag VALUES(?,?)");
	W->sum = store_prepare(v, "UPDATE note SET people = ?2, topics = ?3 WHERE id = ?1");
	return W->mention && W->task && W->topic && W->unres && W->tag && W->sum ? 0 : -1;
}

static void writer_release(writer *W)
{
	for (int i = 0; i < 5; i++)
		sqlite3_finalize(W->del[i]);
	sqlite3_finalize(W->sum);
	sb_release(&W->people);
	sb_release(&W->topics);
	sqlite3_finalize(W->mention);
	sqlite3_finalize(W->task);
	sqlite3_finalize(W->topic);
	sqlite3_finalize(W->unres);
	sqlite3_finalize(W->tag);
}

static int step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static const char *role_name(int role)
{
	return role == ROLE_PARTICIPANT ? "participant"
	       : role == ROLE_ABSENT    ? "absent"
					: "referenced";
}

/* Writes what one note resolved to; FRESH: its old rows are already gone. */
static int write_resolution(writer *W, sqlite3_int64 id, const pg_note *N, const pg_resolved *r,
			    int fresh)
{
	int rc = 0;
	for (int i = 0; i < 5 && !fresh; i++) {
		sqlite3_bind_int64(W->del[i], 1, id);
		rc |= step(W->del[i]);
	}
	for (size_t i = 0; i < r->people.n; i++) {
		sqlite3_bind_int64(W->mention, 1, id);
		sqlite3_bind_int64(W->mention, 2, r->people.v[i] + 1);
		sqlite3_bind_text(W->mention, 3, role_name(r->roles.v[i]), -1, SQLITE_STATIC);
		sqlite3_bind_int(W->mention, 4, r->lines.v[i]);
		sqlite3_bind_int(W->mention, 5, (int)i);
		rc |= step(W->mention);
	}
	for (size_t t = 0; t < N->ntasks; t++) {
		const pg_task *k = &N->tasks[t];
		sqlite3_bind_int64(W->task, 1, id);
		sqlite3_bind_int(W->task, 2, (int)t);
		if (r->task_owner[t] >= 0)
			sqlite3_bind_int64(W->task, 3, r->task_owner[t] + 1);
		sqlite3_bind_text(W->task, 4, k->owner, -1, SQLITE_STATIC);
		sqlite3_bind_text(W->task, 5, k->due, -1, SQLITE_STATIC);
		sqlite3_bind_int(W->task, 6, k->done);
		sqlite3_bind_text(W->task, 7, k->text, -1, SQLITE_STATIC);
		sqlite3_bind_int(W->task, 8, k->line);
		rc |= step(W->task);
	}
	if (W->trim) {
		sqlite3_bind_int64(W->trim, 1, id);
		sqlite3_bind_int64(W->trim, 2, (sqlite3_int64)N->ntasks);
		rc |= step(W->trim);
	}
	for (size_t t = 0; t < r->topics.n; t++) {
		const char *tab = strchr(r->topics.v[t], '\t');
		sqlite3_bind_int64(W->topic, 1, id);
		sqlite3_bind_text(W->topic, 2, tab + 1, -1, SQLITE_STATIC);
		sqlite3_bind_double(W->topic, 3, atof(r->topics.v[t]));
		sqlite3_bind_int(W->topic, 4, (int)t);
		rc |= step(W->topic);
	}
	for (size_t t = 0; t < r->unresolved.n; t++) {
		char *s = xstrdup(r->unresolved.v[t]);
		char *f[3] = {s, "", "0"};
		char *p = strchr(s, '\t');
		if (p) {
			*p = '\0';
			f[1] = p + 1;
			char *q = strchr(f[1], '\t');
			if (q) {
				*q = '\0';
				f[2] = q + 1;
			}
		}
		sqlite3_bind_int64(W->unres, 1, id);
		sqlite3_bind_text(W->unres, 2, f[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(W->unres, 3, f[1], -1, SQLITE_STATIC);
		sqlite3_bind_int(W->unres, 4, atoi(f[2]));
		rc |= step(W->unres);
		free(s);
	}
	for (size_t t = 0; t < N->tags.n; t++) {
		sqlite3_bind_int64(W->tag, 1, id);
		sqlite3_bind_text(W->tag, 2, N->tags.v[t], -1, SQLITE_STATIC);
		rc |= step(W->tag);
	}
	/* the same participants and topic rows as above: a repeated term is
	 * a row that INSERT OR IGNORE dropped */
	sb_reset(&W->people);
	sb_reset(&W->topics);
	for (size_t i = 0; i < r->people.n; i++)
		if (r->roles.v[i] == ROLE_PARTICIPANT) {
			if (W->people.len)
				sb_addc(&W->people, ',');
			sb_add_int(&W->people, r->people.v[i] + 1);
		}
	for (size_t t = 0; t < r->topics.n; t++) {
		const char *term = strchr(r->topics.v[t], '\t') + 1;
		size_t k = 0;
		while (k < t && strcmp(strchr(r->topics.v[k], '\t') + 1, term))
			k++;
		if (k < t)
			continue;
		if (W->topics.len)
			sb_addc(&W->topics, '\x1f');
		sb_adds(&W->topics, term);
	}
	sqlite3_bind_int64(W->sum, 1, id);
	sqlite3_bind_text(W->sum, 2, sb_str(&W->people), (int)W->people.len, SQLITE_STATIC);
	sqlite3_bind_text(W->sum, 3, sb_str(&W->topics), (int)W->topics.len, SQLITE_STATIC);
	rc |= step(W->sum);
	return rc;
}

/* ---- the summary tables ------------------------------------------------------------ */

/* Recomputes the person_stat rows of the people in temp.dirty_person and
 * the topic_stat rows of the keys in temp.dirty_term (stats_delta could
 * not move them by difference), and drops rows that count nothing. */
static int stats_refresh(pg_vault *v)
{
	/* Both scopes in one pass over each row's notes (scope 0: the CASEs
	 * on n.private).  "+d.key": without it SQLite scans the whole
	 * expression index instead of searching it. */
#define P1 "m.role = 'participant' AND n.person_note = 0"
	static const char *const sql =
		"DELETE FROM person_stat WHERE person IN (SELECT id FROM temp.dirty_person);"
		"DELETE FROM topic_stat WHERE key IN (SELECT key FROM temp.dirty_term);"
		"WITH a AS MATERIALIZED (SELECT m.person AS person,"
		"  count(CASE WHEN " P1 " THEN 1 END) AS meet1, count(*) AS ment1,"
		"  min(n.date) AS f1, max(n.date) AS l1,"
		"  count(CASE WHEN " P1 " AND n.date IS NOT NULL THEN 1 END) AS met1,"
		"  max(CASE WHEN " P1 " THEN n.date END) AS lm1,"
		"  count(CASE WHEN n.private = 0 AND " P1 " THEN 1 END) AS meet0,"
		"  count(CASE WHEN n.private = 0 THEN 1 END) AS ment0,"
		"  min(CASE WHEN n.private = 0 THEN n.date END) AS f0,"
		"  max(CASE WHEN n.private = 0 THEN n.date END) AS l0,"
		"  count(CASE WHEN n.private = 0 AND " P1
		" AND n.date IS NOT NULL THEN 1 END) AS met0,"
		"  max(CASE WHEN n.private = 0 AND " P1 " THEN n.date END) AS lm0"
		" FROM temp.dirty_person d CROSS JOIN mention m ON m.person = d.id"
		" JOIN note n ON n.id = m.note GROUP BY m.person)"
		" INSERT INTO person_stat SELECT 1, person, meet1, ment1, f1, l1, met1, lm1 FROM a"
		" UNION ALL SELECT 0, person, meet0, ment0, f0, l0, met0, lm0 FROM a WHERE ment0 > 0;"
		"WITH a AS MATERIALIZED (SELECT d.key AS key,"
		"  min(t.term) AS term1, count(DISTINCT t.note) AS notes1,"
		"  sum(CAST(round(t.weight * 1000) AS INTEGER)) AS w1, min(n.date) AS f1, max(n.date) AS l1,"
		"  min(CASE WHEN n.private = 0 THEN t.term END) AS term0,"
		"  count(DISTINCT CASE WHEN n.private = 0 THEN t.note END) AS notes0,"
		"  sum(CASE WHEN n.private = 0 THEN CAST(round(t.weight * 1000) AS INTEGER) END) AS w0,"
		"  min(CASE WHEN n.private = 0 THEN n.date END) AS f0,"
		"  max(CASE WHEN n.private = 0 THEN n.date END) AS l0"
		" FROM temp.dirty_term d CROSS JOIN topic t ON lower(t.term) = +d.key"
		" JOIN note n ON n.id = t.note GROUP BY d.key)"
		" INSERT INTO topic_stat SELECT 1, key, term1, notes1, w1, f1, l1 FROM a"
		" UNION ALL SELECT 0, key, term0, notes0, w0, f0, l0 FROM a WHERE notes0 > 0;"
		"DELETE FROM person_stat WHERE mentions <= 0; DELETE FROM topic_stat WHERE notes <= 0;";
#undef P1
	return exec(v, sql);
}

/* The same summaries computed while a full resolution writes every note,
 * so that a full run does not aggregate the tables again.  Must agree with
 * the SQL of stats_refresh (tests/incremental.py compares the two). */
typedef struct pstat {
	int meetings, mentions, met;
	char first[11], last[11], last_met[11];
} pstat;

typedef struct tstat {
	char *term[2]; /* min(term) per scope */
	int notes[2];
	long long weight[2];
	char first[2][11], last[2][11];
} tstat;

typedef struct stats_acc {
	pstat *p[2];
	size_t np;
	strmap tidx;
	tstat *t;
	size_t nt, capt;
} stats_acc;

static void stats_acc_init(stats_acc *A, size_t npeople)
{
	memset(A, 0, sizeof(*A));
	A->np = npeople;
	for (int sc = 0; sc < 2; sc++)
		A->p[sc] = xcalloc(npeople ? npeople : 1, sizeof(pstat));
	A->tidx = (strmap)STRMAP_INIT;
}

static void stats_acc_release(stats_acc *A)
{
	for (int sc = 0; sc < 2; sc++)
		free(A->p[sc]);
	for (size_t i = 0; i < A->nt; i++)
		for (int sc = 0; sc < 2; sc++)
			free(A->t[i].term[sc]);
	free(A->t);
	strmap_release(&A->tidx);
}

static void stats_acc_note(stats_acc *A, const pg_note *N, int priv, const pg_resolved *r)
{
	for (int sc = priv ? 1 : 0; sc < 2; sc++) {
		for (size_t i = 0; i < r->people.n; i++) {
			if ((size_t)r->people.v[i] >= A->np)
				continue;
			pstat *p = &A->p[sc][r->people.v[i]];
			int met = r->roles.v[i] == ROLE_PARTICIPANT && !N->person_note;
			p->mentions++;
			p->meetings += met;
			day_min(p->first, N->date);
			day_max(p->last, N->date);
			if (met && N->date) {
				p->met++;
				day_max(p->last_met, N->date);
			}
		}
	}
	/* a note counts once per topic key even when it spells the topic twice */
	strmap seen = STRMAP_INIT;
	for (size_t t = 0; t < r->topics.n; t++) {
		const char *term = strchr(r->topics.v[t], '\t') + 1;
		char *key = store_topic_key(term);
		int *slot = strmap_get(&A->tidx, key);
		if (!slot) {
			ALLOC_GROW(A->t, A->nt, A->capt);
			memset(&A->t[A->nt], 0, sizeof(tstat));
			slot = strmap_put(&A->tidx, key, (int)A->nt++);
		}
		int first_time = strmap_get(&seen, key) == NULL;
		strmap_put(&seen, key, 1);
		free(key);
		tstat *x = &A->t[*slot];
		long long w = llround(atof(r->topics.v[t]) * 1000);
		for (int sc = priv ? 1 : 0; sc < 2; sc++) {
			if (!x->term[sc] || strcmp(term, x->term[sc]) < 0) {
				free(x->term[sc]);
				x->term[sc] = xstrdup(term);
			}
			x->notes[sc] += first_time;
			x->weight[sc] += w;
			day_min(x->first[sc], N->date);
			day_max(x->last[sc], N->date);
		}
	}
	strmap_release(&seen);
}

static void bind_day(sqlite3_stmt *s, int col, const char *d)
{
	if (*d)
		sqlite3_bind_text(s, col, d, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, col);
}

static int stats_acc_write(pg_vault *v, const stats_acc *A)
{
	if (exec(v, "DELETE FROM person_stat; DELETE FROM topic_stat;") < 0)
		return -1;
	sqlite3_stmt *ps = store_prepare(v, "INSERT INTO person_stat VALUES(?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ts = store_prepare(v, "INSERT INTO topic_stat VALUES(?,?,?,?,?,?,?)");
	int rc = ps && ts ? 0 : -1;
	for (int sc = 0; sc < 2 && !rc; sc++) {
		for (size_t i = 0; i < A->np && !rc; i++) {
			const pstat *p = &A->p[sc][i];
			if (!p->mentions)
				continue;
			sqlite3_bind_int(ps, 1, sc);
			sqlite3_bind_int64(ps, 2, (sqlite3_int64)i + 1);
			sqlite3_bind_int(ps, 3, p->meetings);
			sqlite3_bind_int(ps, 4, p->mentions);
			bind_day(ps, 5, p->first);
			bind_day(ps, 6, p->last);
			sqlite3_bind_int(ps, 7, p->met);
			bind_day(ps, 8, p->last_met);
			rc |= step(ps);
		}
		for (size_t i = 0; i < A->tidx.cap && !rc; i++) {
			const char *key = A->tidx.slots[i].key;
			if (!key)
				continue;
			const tstat *x = &A->t[A->tidx.slots[i].value];
			if (!x->notes[sc])
				continue;
			sqlite3_bind_int(ts, 1, sc);
			sqlite3_bind_text(ts, 2, key, -1, SQLITE_STATIC);
			sqlite3_bind_text(ts, 3, x->term[sc], -1, SQLITE_STATIC);
			sqlite3_bind_int(ts, 4, x->notes[sc]);
			sqlite3_bind_int64(ts, 5, x->weight[sc]);
			bind_day(ts, 6, x->first[sc]);
			bind_day(ts, 7, x->last[sc]);
			rc |= step(ts);
		}
	}
	sqlite3_finalize(ps);
	sqlite3_finalize(ts);
	return rc;
}

/* ---- keeping the summaries up to date across one note's rewrite ---------------- */

/* What a note's rows in the summaries depend on, besides its people and
 * topics. */
typedef struct note_attrs {
	int exists;
	char date[11]; /* "" without a date */
	int priv, pnote;
} note_attrs;

static void attrs_set(note_attrs *a, const char *date, int priv, int pnote)
{
	a->exists = 1;
	size_t n = date ? strnlen(date, sizeof a->date - 1) : 0;
	memcpy(a->date, date ? date : "", n);
	a->date[n] = '\0';
	a->priv = priv;
	a->pnote = pnote;
}

static int attrs_same(const note_attrs *a, const note_attrs *b)
{
	return a->exists == b->exists && !strcmp(a->date, b->date) && a->priv == b->priv &&
	       a->pnote == b->pnote;
}

/* A stored note as the index run found it. */
typedef struct old_row {
	sqlite3_int64 id;
	const char *path; /* in the run's arena */
	int64_t mtime, size;
	uint64_t facts;
	int seen;
	note_attrs attrs;
} old_row;

static int old_path_cmp(const void *a, const void *b)
{
	return strcmp((*(old_row *const *)a)->path, (*(old_row *const *)b)->path);
}

enum {
	D_OLD_P,
	D_OLD_T,
	D_GET_P,
	D_SUB_P,
	D_ADD_P,
	D_GET_T,
	D_SUB_T,
	D_ADD_T,
	D_DIRTY_P,
	D_DIRTY_T,
	D_N
};

static const char *const delta_sql[D_N] = {
	"SELECT person, role FROM mention WHERE note = ?",
	"SELECT term, weight FROM topic WHERE note = ?",
	"SELECT first_seen, last_seen, last_met FROM person_stat WHERE scope = ? AND person = ?",
	"UPDATE person_stat SET meetings = meetings - ?3, mentions = mentions - 1, met = met - ?4"
	" WHERE scope = ?1 AND person = ?2",
	/* NULL dates leave the row's as they are; min() and max() of SQLite
	 * return NULL when either side is NULL, hence the CASEs */
	"INSERT INTO person_stat VALUES(?1, ?2, ?3, 1, ?5, ?5, ?4, ?6)"
	" ON CONFLICT(scope, person) DO UPDATE SET meetings = meetings + ?3, mentions = mentions + 1,"
	" met = met + ?4,"
	" first_seen = CASE WHEN ?5 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?5 < first_seen"
	"  THEN ?5 ELSE first_seen END,"
	" last_seen = CASE WHEN ?5 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?5 > last_seen"
	"  THEN ?5 ELSE last_seen END,"
	" last_met = CASE WHEN ?6 IS NULL THEN last_met WHEN last_met IS NULL OR ?6 > last_met"
	"  THEN ?6 ELSE last_met END",
	"SELECT term, first_seen, last_seen FROM topic_stat WHERE scope = ? AND key = ?",
	"UPDATE topic_stat SET notes = notes - 1, weight = weight - ?3 WHERE scope = ?1 AND key = ?2",
	"INSERT INTO topic_stat VALUES(?1, ?2, ?4, 1, ?3, ?5, ?5)"
	" ON CONFLICT(scope, key) DO UPDATE SET notes = notes + 1, weight = weight + ?3,"
	" term = CASE WHEN ?4 < term THEN ?4 ELSE term END,"
	" first_seen = CASE WHEN ?5 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?5 < first_seen"
	"  THEN ?5 ELSE first_seen END,"
	" last_seen = CASE WHEN ?5 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?5 > last_seen"
	"  THEN ?5 ELSE last_seen END",
	"INSERT OR IGNORE INTO temp.dirty_person VALUES(?)",
	"INSERT OR IGNORE INTO temp.dirty_term VALUES(?)"};

typedef struct delta {
	sqlite3_stmt *s[D_N];
} delta;

static void delta_release(delta *D)
{
	for (int i = 0; i < D_N; i++)
		sqlite3_finalize(D->s[i]);
}

static int delta_init(pg_vault *v, delta *D)
{
	memset(D, 0, sizeof(*D));
	for (int i = 0; i < D_N; i++)
		if (!(D->s[i] = store_prepare(v, delta_sql[i])))
			return -1;
	return 0;
}

static void bind_opt(sqlite3_stmt *s, int col, const char *t)
{
	if (t && *t)
		sqlite3_bind_text(s, col, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, col);
}

static int col_is(sqlite3_stmt *s, int col, const char *t)
{
	const char *c = (const char *)sqlite3_column_text(s, col);
	return c && t && *t && !strcmp(c, t);
}

/* One person's part in one note, in one scope. */
typedef struct pcontrib {
	int person, role; /* role 0: not in the note */
} pcontrib;

static int role_code(const char *r)
{
	return !r                          ? 0
	       : !strcmp(r, "participant") ? ROLE_PARTICIPANT
	       : !strcmp(r, "absent")      ? ROLE_ABSENT
					   : ROLE_REFERENCED;
}

static int person_delta(delta *D, int sc, int person, const note_attrs *a, int role, int add)
{
	int met = role == ROLE_PARTICIPANT && !a->pnote;
	int rc = 0;
	if (add) {
		sqlite3_stmt *s = D->s[D_ADD_P];
		sqlite3_bind_int(s, 1, sc);
		sqlite3_bind_int(s, 2, person);
		sqlite3_bind_int(s, 3, met);
		sqlite3_bind_int(s, 4, met && *a->date);
		bind_opt(s, 5, a->date);
		bind_opt(s, 6, met ? a->date : NULL);
		return step(s);
	}
	/* a removed first or last date: the row is counted again at the end */
	sqlite3_stmt *g = D->s[D_GET_P];
	sqlite3_bind_int(g, 1, sc);
	sqlite3_bind_int(g, 2, person);
	int dirty = 1;
	if (sqlite3_step(g) == SQLITE_ROW)
		dirty = col_is(g, 0, a->date) || col_is(g, 1, a->date) ||
			(met && col_is(g, 2, a->date));
	sqlite3_reset(g);
	sqlite3_stmt *s = D->s[D_SUB_P];
	sqlite3_bind_int(s, 1, sc);
	sqlite3_bind_int(s, 2, person);
	sqlite3_bind_int(s, 3, met);
	sqlite3_bind_int(s, 4, met && *a->date);
	rc |= step(s);
	if (dirty) {
		sqlite3_bind_int(D->s[D_DIRTY_P], 1, person);
		rc |= step(D->s[D_DIRTY_P]);
	}
	return rc;
}

/* One topic key's part in one note: the sum of its weights (thousandths)
 * and the spelling that sorts first. */
typedef struct tcontrib {
	char *key, *term;
	long long w;
} tcontrib;

static void tc_add(tcontrib **v, size_t *n, size_t *cap, const char *term, double weight)
{
	char *key = store_topic_key(term);
	long long w = llround(weight * 1000);
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key)) {
			(*v)[i].w += w;
			if (strcmp(term, (*v)[i].term) < 0) {
				free((*v)[i].term);
				(*v)[i].term = xstrdup(term);
			}
			free(key);
			return;
		}
	ALLOC_GROW(*v, *n, *cap);
	(*v)[*n].key = key;
	(*v)[*n].term = xstrdup(term);
	(*v)[(*n)++].w = w;
}

static const tcontrib *tc_find(const tcontrib *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].key, key))
			return &v[i];
	return NULL;
}

static int topic_delta(delta *D, int sc, const tcontrib *c, const note_attrs *a, int add)
{
	int rc = 0;
	if (add) {
		sqlite3_stmt *s = D->s[D_ADD_T];
		sqlite3_bind_int(s, 1, sc);
		sqlite3_bind_text(s, 2, c->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, c->w);
		sqlite3_bind_text(s, 4, c->term, -1, SQLITE_STATIC);
		bind_opt(s, 5, a->date);
		return step(s);
	}
	sqlite3_stmt *g = D->s[D_GET_T];
	sqlite3_bind_int(g, 1, sc);
	sqlite3_bind_text(g, 2, c->key, -1, SQLITE_STATIC);
	int dirty = 1;
	if (sqlite3_step(g) == SQLITE_ROW)
		dirty = col_is(g, 0, c->term) || col_is(g, 1, a->date) || col_is(g, 2, a->date);
	sqlite3_reset(g);
	sqlite3_stmt *s = D->s[D_SUB_T];
	sqlite3_bind_int(s, 1, sc);
	sqlite3_bind_text(s, 2, c->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, c->w);
	rc |= step(s);
	if (dirty) {
		sqlite3_bind_text(D->s[D_DIRTY_T], 1, c->key, -1, SQLITE_STATIC);
		rc |= step(D->s[D_DIRTY_T]);
	}
	return rc;
}

/* Brings the summaries from note ID as stored (OLD) to what R says of it
 * now (NEW), by difference: counts and sums move by the note's share; a
 * first or last date (or the shown spelling) that may have gone sends the
 * row to stats_refresh.  Call before the note's rows are rewritten. */
static int stats_delta(delta *D, sqlite3_int64 id, const note_attrs *oa, const note_attrs *na,
		       const pg_resolved *r)
{
	int rc = 0;
	pcontrib *op = NULL;
	size_t nop = 0, capop = 0;
	sqlite3_stmt *s = D->s[D_OLD_P];
	sqlite3_bind_int64(s, 1, id);
	while (oa->exists && sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(op, nop, capop);
		op[nop].person = sqlite3_column_int(s, 0);
		op[nop++].role = role_code((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	tcontrib *ot = NULL, *nt = NULL;
	size_t not_ = 0, capot = 0, nnt = 0, capnt = 0;
	s = D->s[D_OLD_T];
	sqlite3_bind_int64(s, 1, id);
	while (oa->exists && sqlite3_step(s) == SQLITE_ROW)
		tc_add(&ot, &not_, &capot, (const char *)sqlite3_column_text(s, 0),
		       sqlite3_column_double(s, 1));
	sqlite3_reset(s);
	for (size_t t = 0; t < r->topics.n; t++)
		tc_add(&nt, &nnt, &capnt, strchr(r->topics.v[t], '\t') + 1, atof(r->topics.v[t]));
	int same = attrs_same(oa, na);
	for (int sc = 0; sc < 2; sc++) {
		int oin = oa->exists && (sc || !oa->priv), nin = na->exists && (sc || !na->priv);
		for (size_t i = 0; i < nop; i++) {
			int nr = 0;
			for (size_t j = 0; j < r->people.n && !nr; j++)
				if (r->people.v[j] + 1 == op[i].person)
					nr = r->roles.v[j];
			if (same && nr == op[i].role)
				continue;
			if (oin)
				rc |= person_delta(D, sc, op[i].person, oa, op[i].role, 0);
			if (nin && nr)
				rc |= person_delta(D, sc, op[i].person, na, nr, 1);
		}
		for (size_t j = 0; j < r->people.n && nin; j++) {
			int had = 0;
			for (size_t i = 0; i < nop && !had; i++)
				had = op[i].person == r->people.v[j] + 1;
			if (!had)
				rc |= person_delta(D, sc, r->people.v[j] + 1, na, r->roles.v[j], 1);
		}
		for (size_t i = 0; i < not_; i++) {
			const tcontrib *n2 = tc_find(nt, nnt, ot[i].key);
			if (same && n2 && n2->w == ot[i].w && !strcmp(n2->term, ot[i].term))
				continue;
			if (oin)
				rc |= topic_delta(D, sc, &ot[i], oa, 0);
			if (nin && n2)
				rc |= topic_delta(D, sc, n2, na, 1);
		}
		for (size_t j = 0; j < nnt && nin; j++)
			if (!tc_find(ot, not_, nt[j].key))
				rc |= topic_delta(D, sc, &nt[j], na, 1);
	}
	for (size_t i = 0; i < not_; i++) {
		free(ot[i].key);
		free(ot[i].term);
	}
	for (size_t i = 0; i < nnt; i++) {
		free(nt[i].key);
		free(nt[i].term);
	}
	free(ot);
	free(nt);
	free(op);
	return rc;
}

/* The totals of STATS (notes, people, mentions, notes with errors).
 * Counting scans the largest tables, so a run that changed no note reads
 * the totals the last writing run kept in meta; CHANGED counts again and
 * keeps the result.  Inside the index transaction.  0, or -1. */
static int index_counts(pg_vault *v, pg_index_stats *stats, int changed)
{
	int rc = -1;
	sqlite3_stmt *s = NULL;
	if (!changed) {
		s = store_prepare(v, "SELECT value FROM meta WHERE key = 'counts'");
		if (!s)
			return -1;
		const char *c = sqlite3_step(s) == SQLITE_ROW
					? (const char *)sqlite3_column_text(s, 0)
					: NULL;
		if (c && sscanf(c, "%d %d %d %d", &stats->notes, &stats->people, &stats->mentions,
				&stats->errors) == 4) {
			rc = 0;
			goto cleanup;
		}
		sqlite3_finalize(s);
	}
	s = store_prepare(
		v, "SELECT (SELECT count(*) FROM note), (SELECT count(*) FROM person),"
		   " (SELECT count(*) FROM mention), (SELECT count(*) FROM note WHERE errors > 0)");
	if (!s || sqlite3_step(s) != SQLITE_ROW)
		goto cleanup;
	stats->notes = sqlite3_column_int(s, 0);
	stats->people = sqlite3_column_int(s, 1);
	stats->mentions = sqlite3_column_int(s, 2);
	stats->errors = sqlite3_column_int(s, 3);
	sqlite3_finalize(s);
	s = store_prepare(v, "INSERT OR REPLACE INTO meta VALUES('counts', ?)");
	if (!s)
		return -1;
	char buf[64];
	snprintf(buf, sizeof buf, "%d %d %d %d", stats->notes, stats->people, stats->mentions,
		 stats->errors);
	sqlite3_bind_text(s, 1, buf, -1, SQLITE_TRANSIENT);
	rc = step(s);
cleanup:
	sqlite3_finalize(s);
	return rc;
}

static double seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* PG_TIMING=1 prints how long each phase of an index run took (stderr):
 * wall time, then the CPU time of this thread (the one that writes) and
 * of the process (all threads).  A phase whose thread time is near its
 * wall time waits on this thread. */
static void phase(const char *name)
{
	static double last[3];
	static int on = -1;
	if (on < 0)
		on = getenv("PG_TIMING") != NULL;
	if (!on)
		return;
	double t[3] = {seconds(CLOCK_MONOTONIC), seconds(CLOCK_THREAD_CPUTIME_ID),
		       seconds(CLOCK_PROCESS_CPUTIME_ID)};
	if (name)
		fprintf(stderr, "timing: %-12s %.3fs  (this thread %.3fs, all %.3fs)\n", name,
			t[0] - last[0], t[1] - last[1], t[2] - last[2]);
	memcpy(last, t, sizeof t);
}

/* Whether going from BEFORE to AFTER (one note) leaves the registry R as
 * it is: nothing the note contributed is gone, and R absorbs every
 * addition. */
static int contribs_absorbed(const pg_registry *R, const pg_note *before, const pg_note *after)
{
	strlist a = {0}, b = {0};
	note_contribs(before, &b);
	note_contribs(after, &a);
	int ok = 1;
	size_t i = 0, j = 0;
	while (ok && (i < b.n || j < a.n)) {
		int c = i >= b.n ? 1 : j >= a.n ? -1 : strcmp(b.v[i], a.v[j]);
		if (c == 0) {
			i++, j++;
		} else if (c < 0) {
			ok = 0; /* a contribution went away */
			if (getenv("PG_TIMING"))
				fprintf(stderr, "timing: gone: %s\n", b.v[i]);
		} else {
			ok = registry_absorbs(R, a.v[j]);
			if (!ok && getenv("PG_TIMING"))
				fprintf(stderr, "timing: new: %s\n", a.v[j]);
			j++;
		}
	}
	sl_release(&a);
	sl_release(&b);
	return ok;
}

/* ---- reading the stored notes back, on every core ----------------------------- */

/* A full resolution reads the vault from the index, batch by batch, in
 * path order: three times to build the registry, once to resolve.  Two
 * batches are in memory: the one the caller works on, and the next, which
 * threads decode (and resolve) meanwhile.  SQLite stays on the calling
 * thread. */
#define BATCH 512

typedef struct batch {
	sqlite3_int64 id[BATCH];
	char *blob[BATCH];
	pg_note notes[BATCH];
	pg_resolved res[BATCH];
	size_t n;
	unsigned parts;
	const pg_registry *R; /* resolve too, when set */
	const pg_config *cfg;
	size_t next;
	pthread_mutex_t mu;
	pthread_t th[8];
	int nth;
} batch;

static void *batch_worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		pthread_mutex_lock(&b->mu);
		size_t k = b->next;
		b->next += 16;
		pthread_mutex_unlock(&b->mu);
		if (k >= b->n)
			break;
		for (size_t i = k; i < k + 16 && i < b->n; i++) {
			/* the note takes the copy of its stored form */
			char *blob = b->blob[i];
			b->blob[i] = NULL;
			/* no stored form, or a corrupt one: an empty note
			 * (pg_note_deserialize_into releases it on failure) */
			if (!blob)
				pg_note_release(&b->notes[i]);
			else
				pg_note_deserialize_into(&b->notes[i], blob, b->parts);
			if (b->R)
				resolve_note(b->R, &b->notes[i], b->cfg, &b->res[i]);
		}
	}
	return NULL;
}

typedef struct reader {
	sqlite3_stmt *s;
	batch *b[2];
	int cur; /* the batch handed out, or -1 */
	int eof, err;
} reader;

/* Copies the next rows of the statement into B and starts decoding them. */
static void reader_fill(reader *rd, batch *b)
{
	b->n = 0;
	/* a statement stepped past its end starts over: stop at the end */
	while (!rd->eof && b->n < BATCH) {
		int rc = sqlite3_step(rd->s);
		if (rc != SQLITE_ROW) {
			rd->eof = 1;
			rd->err = rc != SQLITE_DONE;
			break;
		}
		size_t i = b->n++;
		b->id[i] = sqlite3_column_int64(rd->s, 0);
		const void *d = sqlite3_column_blob(rd->s, 1);
		b->blob[i] = d ? xstrndup(d, (size_t)sqlite3_column_bytes(rd->s, 1)) : NULL;
	}
	b->next = 0;
	b->nth = 0;
	for (int t = 0; t < store_ncpu() && (size_t)t * 64 < b->n; t++)
		if (pthread_create(&b->th[b->nth], NULL, batch_worker, b) == 0)
			b->nth++;
	if (b->n && !b->nth)
		batch_worker(b);
}

static void batch_wait(batch *b)
{
	for (int t = 0; t < b->nth; t++)
		pthread_join(b->th[t], NULL);
	b->nth = 0;
}

static void batch_clear(batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->blob[i]);
		b->blob[i] = NULL;
		pg_note_empty(&b->notes[i]);
		if (b->R)
			resolved_release(&b->res[i]);
	}
	b->n = 0;
}

/* Every stored note in path order, with PARTS decoded; resolved against R
 * as well when R is set. */
static int reader_open(reader *rd, pg_vault *v, unsigned parts, const pg_registry *R,
		       const pg_config *cfg)
{
	memset(rd, 0, sizeof(*rd));
	rd->cur = -1;
	rd->s = store_prepare(v, "SELECT n.id, p.data FROM note n LEFT JOIN parsed p ON p.id = n.id"
				 " ORDER BY n.path");
	if (!rd->s)
		return -1;
	for (int i = 0; i < 2; i++) {
		rd->b[i] = xcalloc(1, sizeof(batch));
		pthread_mutex_init(&rd->b[i]->mu, NULL);
		rd->b[i]->parts = parts;
		rd->b[i]->R = R;
		rd->b[i]->cfg = cfg;
	}
	reader_fill(rd, rd->b[0]);
	return 0;
}

/* The next batch, decoded; NULL at the end.  The previous one is freed. */
static batch *reader_next(reader *rd)
{
	int nxt = rd->cur < 0 ? 0 : 1 - rd->cur;
	if (rd->cur >= 0)
		batch_clear(rd->b[rd->cur]);
	batch_wait(rd->b[nxt]);
	if (!rd->b[nxt]->n)
		return NULL;
	if (rd->cur >= 0)
		reader_fill(rd, rd->b[rd->cur]);
	else
		reader_fill(rd, rd->b[1]);
	rd->cur = nxt;
	return rd->b[nxt];
}

/* Returns -1 if reading failed. */
static int reader_close(reader *rd)
{
	for (int i = 0; i < 2; i++) {
		if (!rd->b[i])
			continue;
		batch_wait(rd->b[i]);
		batch_clear(rd->b[i]);
		for (size_t k = 0; k < BATCH; k++)
			pg_note_release(&rd->b[i]->notes[k]);
		pthread_mutex_destroy(&rd->b[i]->mu);
		free(rd->b[i]);
	}
	sqlite3_finalize(rd->s);
	return rd->err ? -1 : 0;
}

enum { SWEEP_VETOES, SWEEP_NAMES, SWEEP_SINGLES };

/* One stage of the registry over every stored note. */
static int sweep_registry(pg_vault *v, pg_regbuild *B, int stage, pg_progress *prog)
{
	reader rd;
	if (reader_open(&rd, v, stage == SWEEP_VETOES ? 0 : NOTE_RAWS, NULL, NULL) < 0)
		return -1;
	int i = 0;
	batch *b;
	while ((b = reader_next(&rd))) {
		for (size_t k = 0; k < b->n; k++, i++) {
			if (stage == SWEEP_VETOES)
				regbuild_vetoes(B, &b->notes[k]);
			else if (stage == SWEEP_NAMES)
				regbuild_names(B, &b->notes[k], i);
			else
				regbuild_singles(B, &b->notes[k]);
		}
		progress_add(prog, b->n);
	}
	return reader_close(&rd);
}

/* ---- the index run -------------------------------------------------------------- */

static int note_private(const pg_config *cfg, const pg_note *N)
{
	for (size_t i = 0; i < N->tags.n; i++)
		if (config_tag_private(cfg, N->tags.v[i]))
			return 1;
	return 0;
}

/* The registry from every stored note, then every note resolved and
 * written, with the summaries.  R comes in empty, or B (which this
 * finishes) comes in with every note's vetoes given, into R.  Returns -1
 * on a database error (printed by the caller). */
static int resolve_all(pg_vault *v, pg_registry *R, pg_regbuild *B, writer *W, int first,
		       int *resolved)
{
	/* one progress line over the passes */
	size_t nnotes = 0;
	sqlite3_stmt *c = store_prepare(v, "SELECT count(*) FROM note");
	if (c && sqlite3_step(c) == SQLITE_ROW)
		nnotes = (size_t)sqlite3_column_int64(c, 0);
	sqlite3_finalize(c);
	pg_progress prog;
	progress_init(&prog, "resolving", (B ? 3 : 4) * nnotes, v->opts.quiet);
	prog.unit = "note passes";
	int err = 0;
	if (!B) {
		B = regbuild_new(R, &v->cfg);
		err = sweep_registry(v, B, SWEEP_VETOES, &prog) < 0;
	}
	err = err || sweep_registry(v, B, SWEEP_NAMES, &prog) < 0 ||
	      sweep_registry(v, B, SWEEP_SINGLES, &prog) < 0;
	regbuild_finish(B);
	phase("registry");
	/* Tables written side by side take pages in turn, so each ends up
	 * spread over the whole file, and a query that reads one faults in a
	 * page of the mapping for nearly every row: a third of a busy
	 * person's history.  The tables queries read most are note and task.
	 *
	 * FIRST (the index had no notes): the items and each note's people
	 * and topics go to temporary tables, and task and a copy of note are
	 * written after everything else, each in one stretch of the file.
	 * Otherwise the pages freed by rewriting would be where the copies
	 * go, so both are updated in place instead, keeping the order the
	 * first index gave them: the writer's own statements, INSERT OR
	 * REPLACE of each item and UPDATE of each note row, with the note's
	 * items past its last deleted.
	 *
	 * The other tables are written again, their secondary indexes built
	 * once at the end (sorted) rather than row by row. */
	if (err || write_registry(v, R) < 0 ||
	    exec(v,
		 first ? "DELETE FROM mention; DELETE FROM task; DELETE FROM topic;"
			 " DELETE FROM unresolved; DELETE FROM tag;"
			 " DROP INDEX IF EXISTS mention_person; DROP INDEX IF EXISTS task_owner;"
			 " DROP INDEX IF EXISTS topic_key;"
		       : "DELETE FROM mention; DELETE FROM topic;"
			 " DELETE FROM unresolved; DELETE FROM tag;"
			 " DROP INDEX IF EXISTS mention_person; DROP INDEX IF EXISTS topic_key;") <
		    0) {
		progress_done(&prog);
		return -1;
	}
	sqlite3_stmt *task = W->task, *sum = W->sum;
	if (first) {
		W->task = W->sum = NULL;
		if (exec(v, "CREATE TEMP TABLE IF NOT EXISTS task_full(note, seq, owner,"
			    " owner_text, due, done, text, line);"
			    "CREATE TEMP TABLE IF NOT EXISTS note_sum(id INTEGER PRIMARY KEY,"
			    " people TEXT, topics TEXT);"
			    "DELETE FROM temp.task_full; DELETE FROM temp.note_sum;") < 0 ||
		    !(W->task = store_prepare(v, "INSERT INTO temp.task_full"
						 " VALUES(?,?,?,?,?,?,?,?)")) ||
		    !(W->sum = store_prepare(v, "INSERT INTO temp.note_sum VALUES(?1, ?2, ?3)")))
			err = 1;
	} else if (!(W->trim =
			     store_prepare(v, "DELETE FROM task WHERE note = ?1 AND seq >= ?2"))) {
		err = 1;
	}
	/* this thread writes one batch while the threads resolve the next */
	stats_acc acc;
	stats_acc_init(&acc, R->n);
	reader rd;
	memset(&rd, 0, sizeof(rd)); /* closed below even when not opened */
	if (!err && reader_open(&rd, v, NOTE_ALL, R, &v->cfg) < 0)
		err = 1;
	batch *b;
	while (!err && (b = reader_next(&rd))) {
		for (size_t i = 0; i < b->n; i++) {
			err |= write_resolution(W, b->id[i], &b->notes[i], &b->res[i], 1);
			stats_acc_note(&acc, &b->notes[i], note_private(&v->cfg, &b->notes[i]),
				       &b->res[i]);
			(*resolved)++;
		}
		progress_add(&prog, b->n);
	}
	if (reader_close(&rd) < 0)
		err = 1;
	if (first) {
		sqlite3_finalize(W->task);
		sqlite3_finalize(W->sum);
		W->task = task;
		W->sum = sum;
	}
	sqlite3_finalize(W->trim);
	W->trim = NULL;
	progress_done(&prog);
	phase("resolve");
	/* The old note table is dropped last: its pages, freed, would
	 * otherwise be where the copies and indexes go. */
	if (!err && first &&
	    exec(v, "INSERT INTO task SELECT * FROM temp.task_full ORDER BY note, seq;"
		    "DROP INDEX IF EXISTS note_date;"
		    "DROP TABLE IF EXISTS note_copy;"
		    "CREATE TABLE note_copy" NOTE_COLUMNS ";"
		    "INSERT INTO note_copy SELECT n.id, n.path, n.mtime, n.size, n.date,"
		    " n.title, n.type, n.private, n.person_note, n.errors, n.facts,"
		    " s.people, s.topics FROM note n LEFT JOIN temp.note_sum s ON s.id = n.id"
		    " ORDER BY n.id;" INDEX_SQL "CREATE INDEX note_date ON note_copy(date);"
		    "DROP TABLE note;"
		    "ALTER TABLE note_copy RENAME TO note;"
		    "DELETE FROM temp.task_full; DELETE FROM temp.note_sum;") < 0)
		err = 1;
	if (!err && !first && exec(v, INDEX_SQL) < 0)
		err = 1;
	phase("indexes");
	if (!err && stats_acc_write(v, &acc) < 0)
		err = 1;
	stats_acc_release(&acc);
	return err ? -1 : 0;
}

static int index_run(pg_vault *v, int full, pg_index_stats *stats)
{
	pg_index_stats dummy;
	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	pg_diags diags = PG_DIAGS_INIT;
	pg_files files = {0};
	old_row *old = NULL;
	size_t nold = 0, capold = 0;
	arena oldmem = ARENA_INIT; /* the paths of OLD */
	int *oldof = NULL;         /* per file: its stored row in OLD, or -1 */
	size_t *todo = NULL;
	size_t ntodo = 0;
	uint64_t *facts = NULL;
	job *J = NULL;
	pg_regbuild *B = NULL;
	sqlite3_stmt *st[6] = {NULL};
	delta D;
	memset(&D, 0, sizeof(D));
	sqlite3_int64 *ids = NULL;
	pg_registry R;
	registry_init(&R);
	writer W;
	memset(&W, 0, sizeof(W));
	int rc = -1, in_tx = 0;
	sqlite3_stmt *s = NULL;
	strbuf cfgkey = STRBUF_INIT;

	md_init();
	phase(NULL);
	if (pg_scan(v->root, &files, &diags) < 0)
		goto cleanup;
	phase("walk");

	/* Take the write lock first: a second indexer waits here, then sees
	 * what the first one wrote. */
	if (exec(v, "BEGIN IMMEDIATE") < 0)
		goto cleanup;
	in_tx = 1;

	char cfghash[32];
	snprintf(cfghash, sizeof cfghash, "%016llx%s", (unsigned long long)v->cfg.hash,
		 v->cfg.me ? "" : "-");
	/* the folded keys stored with each note depend on utf8proc's tables */
	sb_addf(&cfgkey, "%s|%s|parser %s utf8proc %s", cfghash, v->cfg.me ? v->cfg.me : "",
		PG_PARSER_VERSION, utf8proc_version());
	/* what the last run was made with: another config resolves every note
	 * again, another parser version also reads every note again */
	s = store_prepare(v, "SELECT value FROM meta WHERE key = 'config'");
	if (!s)
		goto cleanup;
	int cfg_changed = 1;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		const char *was = (const char *)sqlite3_column_text(s, 0);
		const char *was_pv = strstr(was, "|parser ");
		cfg_changed = strcmp(was, sb_str(&cfgkey)) != 0;
		if (!was_pv || strcmp(was_pv, strstr(sb_str(&cfgkey), "|parser ")))
			full = 1;
	}
	sqlite3_finalize(s);
	s = NULL;

	s = store_prepare(
		v, "SELECT id, path, mtime, size, facts, date, private, person_note FROM note");
	if (!s)
		goto cleanup;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(old, nold, capold);
		old[nold].id = sqlite3_column_int64(s, 0);
		old[nold].path = arena_strdup(&oldmem, (const char *)sqlite3_column_text(s, 1));
		old[nold].mtime = sqlite3_column_int64(s, 2);
		old[nold].size = sqlite3_column_int64(s, 3);
		old[nold].facts = (uint64_t)sqlite3_column_int64(s, 4);
		old[nold].seen = 0;
		attrs_set(&old[nold].attrs, (const char *)sqlite3_column_text(s, 5),
			  sqlite3_column_int(s, 6), sqlite3_column_int(s, 7));
		nold++;
	}
	sqlite3_finalize(s);
	s = NULL;

	/* what changed: the stored notes in path order, merged with the
	 * files (sorted the same way) */
	oldof = xmalloc((files.n ? files.n : 1) * sizeof(*oldof));
	{
		old_row **byp = xmalloc((nold ? nold : 1) * sizeof(*byp));
		for (size_t i = 0; i < nold; i++)
			byp[i] = &old[i];
		sort_array(byp, nold, sizeof(*byp), old_path_cmp);
		size_t j = 0;
		for (size_t i = 0; i < files.n; i++) {
			int c = 1;
			while (j < nold && (c = strcmp(byp[j]->path, files.v[i].path)) < 0)
				j++;
			oldof[i] = j < nold && c == 0 ? (int)(byp[j] - old) : -1;
		}
		free(byp);
	}
	todo = xmalloc((files.n ? files.n : 1) * sizeof(*todo));
	for (size_t i = 0; i < files.n; i++) {
		int o = oldof[i];
		if (o >= 0)
			old[o].seen = 1;
		if (full || o < 0 || old[o].mtime != files.v[i].mtime_ns ||
		    old[o].size != files.v[i].size)
			todo[ntodo++] = i;
	}
	int removed = 0;
	for (size_t i = 0; i < nold; i++)
		removed += !old[i].seen;

	phase("scan");
	if (ntodo || removed)
		remove_stale_builds(v->dbpath);
	/* Writing touches most of the file once: mapping it only adds to the
	 * resident size.  The notes were read through the mapping, and a run
	 * that writes nothing keeps it, as queries do (pg_vault_open). */
	if (full || ntodo || removed || cfg_changed)
		exec(v, "PRAGMA mmap_size=0; PRAGMA cache_size=-16384;");
	/* Resolution: everything when what notes contribute to the registry
	 * changed; otherwise each changed note against the stored registry, as
	 * soon as it is stored.  A note that turns out to change the registry
	 * switches to the first (what was resolved so far is redone). */
	int facts_changed = removed > 0 || cfg_changed || full;
	if (!facts_changed && ntodo)
		store_load_registry(v, &R);
	if (writer_init(v, &W) < 0)
		goto cleanup;
	/* A run that reads every note (a first index, --full) gives each to
	 * the registry's first stage as it is stored, sparing resolve_all a
	 * pass over the stored notes. */
	if (facts_changed && ntodo == files.n)
		B = regbuild_new(&R, &v->cfg);
	/* FTS5 flushes its pending terms at every statement, so one INSERT per
	 * note is slow: the texts are staged and moved in batches of
	 * FTS_BATCH.  Four alternating 20k first indexes each, parse and
	 * store, against 256 notes of window and 2,048 of batch: 1,024 and
	 * 2,048 saved 7%, 1,024 and 512 10%, with 40 FTS5 segments to merge
	 * rather than 10 (a search 1.7 ms slower); 1,024 and 1,024 is
	 * between. */
	if (exec(v,
		 "CREATE TEMP TABLE IF NOT EXISTS stage(id INTEGER PRIMARY KEY, title TEXT, body TEXT);"
		 "CREATE TEMP TABLE IF NOT EXISTS dirty_person(id INTEGER PRIMARY KEY);"
		 "CREATE TEMP TABLE IF NOT EXISTS dirty_term(key TEXT PRIMARY KEY);"
		 "DELETE FROM temp.stage; DELETE FROM temp.dirty_person; DELETE FROM temp.dirty_term;") <
		    0 ||
	    delta_init(v, &D) < 0)
		goto cleanup;
	static const char *const stmts[] = {
		"INSERT INTO note(path, mtime, size, date, title, type, private, person_note, errors, facts)"
		" VALUES(?,?,?,?,?,?,?,?,?,?)"
		" ON CONFLICT(path) DO UPDATE SET mtime=excluded.mtime, size=excluded.size,"
		" date=excluded.date, title=excluded.title, type=excluded.type, private=excluded.private,"
		" person_note=excluded.person_note, errors=excluded.errors, facts=excluded.facts"
		" RETURNING id",
		"INSERT OR REPLACE INTO parsed VALUES(?, ?)",
		"INSERT OR REPLACE INTO temp.stage VALUES(?,?,?)",
		"DELETE FROM diag WHERE path = ?",
		"INSERT INTO diag VALUES(?,?,?,?,?)",
		"SELECT data FROM parsed WHERE id = ?"};
	enum { UP, BLOB, STAGE, DDEL, DINS, OLD };
	for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++)
		if (!(st[i] = store_prepare(v, stmts[i])))
			goto cleanup;
	static const char *const flush_fts =
		"DELETE FROM fts WHERE rowid IN (SELECT id FROM temp.stage);"
		"INSERT INTO fts(rowid, title, body) SELECT id, title, body FROM temp.stage;"
		"DELETE FROM temp.stage;";

	/* read and parse the changed notes on every core, store each as it
	 * comes, in order */
	facts = xcalloc(ntodo ? ntodo : 1, sizeof(*facts));
	ids = xcalloc(ntodo ? ntodo : 1, sizeof(*ids));
	J = xcalloc(1, sizeof(*J));
	J->files = &files;
	J->todo = todo;
	J->ntodo = ntodo;
	J->facts = facts;
	J->root = v->root;
	pg_progress prog;
	progress_init(&prog, "indexing", ntodo, v->opts.quiet);
	J->progress = &prog;
	job_start(J);
	int werr = 0, resolved = 0;
	size_t staged = 0;
	for (size_t k = 0; k < ntodo && !werr; k++) {
		const pg_file *f = &files.v[todo[k]];
		pg_note *N = job_wait(J, k);
		diags_move(&diags, &J->diags[k % WINDOW]);
		const old_row *o = oldof[todo[k]] >= 0 ? &old[oldof[todo[k]]] : NULL;
		/* A changed note whose additions the stored registry already
		 * explains (names it knows, vetoes it has) leaves every other
		 * note as it was.  Checked before its new form is stored. */
		if (!facts_changed && !(o && o->facts == facts[k])) {
			pg_note before;
			memset(&before, 0, sizeof(before));
			if (o) {
				sqlite3_bind_int64(st[OLD], 1, o->id);
				if (sqlite3_step(st[OLD]) != SQLITE_ROW ||
				    pg_note_deserialize(&before, sqlite3_column_blob(st[OLD], 0),
							(size_t)sqlite3_column_bytes(st[OLD], 0)) <
					    0)
					facts_changed = 1;
				sqlite3_reset(st[OLD]);
			}
			if (!facts_changed && !contribs_absorbed(&R, &before, N))
				facts_changed = 1;
			pg_note_release(&before);
		}
		if (B)
			regbuild_vetoes(B, N);
		size_t blen;
		char *blob = pg_note_serialize(N, &blen);
		sqlite3_stmt *up = st[UP];
		sqlite3_bind_text(up, 1, f->path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(up, 2, f->mtime_ns);
		sqlite3_bind_int64(up, 3, f->size);
		sqlite3_bind_text(up, 4, N->date, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 5, N->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 6, N->type, -1, SQLITE_STATIC);
		sqlite3_bind_int(up, 7, note_private(&v->cfg, N));
		sqlite3_bind_int(up, 8, N->person_note);
		sqlite3_bind_int(up, 9, N->errors);
		sqlite3_bind_int64(up, 10, (sqlite3_int64)facts[k]);
		if (sqlite3_step(up) == SQLITE_ROW)
			ids[k] = sqlite3_column_int64(up, 0);
		else
			werr = 1;
		sqlite3_reset(up);
		sqlite3_bind_int64(st[BLOB], 1, ids[k]);
		sqlite3_bind_blob(st[BLOB], 2, blob, (int)blen, SQLITE_STATIC);
		werr |= step(st[BLOB]);
		free(blob);
		sqlite3_bind_int64(st[STAGE], 1, ids[k]);
		sqlite3_bind_text(st[STAGE], 2, N->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st[STAGE], 3, N->text ? N->text : "", -1, SQLITE_STATIC);
		werr |= step(st[STAGE]);
		sqlite3_bind_text(st[DDEL], 1, f->path, -1, SQLITE_STATIC);
		werr |= step(st[DDEL]);
		if (++staged == FTS_BATCH) {
			werr |= exec(v, flush_fts) < 0;
			staged = 0;
		}
		if (!facts_changed) {
			pg_resolved res;
			resolve_note(&R, N, &v->cfg, &res);
			note_attrs na, none;
			memset(&none, 0, sizeof(none));
			attrs_set(&na, N->date, note_private(&v->cfg, N), N->person_note);
			werr |= stats_delta(&D, ids[k], o ? &o->attrs : &none, &na, &res);
			werr |= write_resolution(&W, ids[k], N, &res, 0);
			resolved_release(&res);
			resolved++;
		}
		job_release(J, k);
	}
	job_finish(J);
	progress_done(&prog);
	if (!werr && staged)
		werr |= exec(v, flush_fts) < 0;
	/* diagnostics of the scan itself are redone every run */
	if (exec(v, "DELETE FROM diag WHERE path NOT IN (SELECT path FROM note)") < 0)
		werr = 1;
	for (size_t i = 0; i < diags.n && !werr; i++) {
		if (diags.v[i].severity < PG_WARNING)
			continue; /* --verbose explanations are not kept */
		sqlite3_stmt *dins = st[DINS];
		sqlite3_bind_null(dins, 1);
		sqlite3_bind_text(dins, 2, diags.v[i].path, -1, SQLITE_STATIC);
		sqlite3_bind_int(dins, 3, diags.v[i].line);
		sqlite3_bind_int(dins, 4, diags.v[i].severity);
		sqlite3_bind_text(dins, 5, diags.v[i].message, -1, SQLITE_STATIC);
		werr |= step(dins);
	}
	/* forget deleted notes */
	if (removed && !werr) {
		sqlite3_stmt *del = store_prepare(v, "DELETE FROM note WHERE id = ?");
		sqlite3_stmt *dfts = store_prepare(v, "DELETE FROM fts WHERE rowid = ?");
		sqlite3_stmt *dd = store_prepare(
			v, "DELETE FROM diag WHERE path = (SELECT path FROM note WHERE id = ?)");
		for (size_t i = 0; del && dfts && dd && i < nold; i++) {
			if (old[i].seen)
				continue;
			sqlite3_bind_int64(dd, 1, old[i].id);
			werr |= step(dd);
			sqlite3_bind_int64(del, 1, old[i].id);
			werr |= step(del);
			sqlite3_bind_int64(dfts, 1, old[i].id);
			werr |= step(dfts);
		}
		sqlite3_finalize(del);
		sqlite3_finalize(dfts);
		sqlite3_finalize(dd);
		if (!del || !dfts || !dd)
			werr = 1;
		if (exec(v, "DELETE FROM parsed WHERE id NOT IN (SELECT id FROM note);"
			    "DELETE FROM mention WHERE note NOT IN (SELECT id FROM note);"
			    "DELETE FROM task WHERE note NOT IN (SELECT id FROM note);"
			    "DELETE FROM topic WHERE note NOT IN (SELECT id FROM note);"
			    "DELETE FROM tag WHERE note NOT IN (SELECT id FROM note);"
			    "DELETE FROM unresolved WHERE note NOT IN (SELECT id FROM note);") < 0)
			werr = 1;
	}
	if (werr) {
		pg_error("writing the index: %s", sqlite3_errmsg(v->db));
		goto cleanup;
	}
	phase("parse+store");

	if (facts_changed) {
		stats->full = 1;
		if (!B) {
			registry_release(&R); /* the stored one, if an edit loaded it */
			registry_init(&R);
		}
		if (resolve_all(v, &R, B, &W, nold == 0, &resolved) < 0)
			werr = 1;
		B = NULL;
	} else if (ntodo && stats_refresh(v) < 0) {
		werr = 1;
	} else {
		phase("summaries");
	}
	stats->resolved = resolved;
	if (werr) {
		pg_error("writing the index: %s", sqlite3_errmsg(v->db));
		goto cleanup;
	}
	/* A run that changed nothing writes nothing: every query runs one. */
	if (cfg_changed) {
		sqlite3_stmt *m =
			store_prepare(v, "INSERT OR REPLACE INTO meta VALUES('config', ?)");
		if (!m)
			goto cleanup;
		sqlite3_bind_text(m, 1, sb_str(&cfgkey), -1, SQLITE_STATIC);
		werr |= step(m);
		sqlite3_finalize(m);
	}
	if (werr || index_counts(v, stats, ntodo || removed || facts_changed) < 0 ||
	    exec(v, "COMMIT") < 0)
		goto cleanup;
	phase("commit");
	in_tx = 0;
	stats->parsed = (int)ntodo;
	stats->removed = removed;
	rc = diags.worst >= PG_ERROR || stats->errors ? 1 : 0;

cleanup:
	sb_release(&cfgkey);
	if (B)
		regbuild_finish(B);
	if (in_tx)
		exec(v, "ROLLBACK");
	sqlite3_finalize(s);
	for (size_t i = 0; i < sizeof st / sizeof *st; i++)
		sqlite3_finalize(st[i]);
	diags_print(&diags, v->opts.verbose ? PG_NOTE : PG_WARNING);
	diags_release(&diags);
	writer_release(&W);
	delta_release(&D);
	registry_release(&R);
	free(J);
	free(ids);
	free(facts);
	free(todo);
	free(old);
	arena_release(&oldmem);
	free(oldof);
	pg_files_release(&files);
	return rc;
}

int pg_vault_index(pg_vault *v, int full, pg_index_stats *stats)
{
	int rc = index_run(v, full, stats);
	if (rc < 0 || !v->build_path)
		return rc;
	int p = publish_build(v);
	if (p > 0) /* another indexer was first: bring its index up to date */
		return index_run(v, full, stats);
	return p < 0 ? -1 : rc;
}
