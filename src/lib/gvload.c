/* gvload.c — Graphviz, opened with dlopen on first use (see gvload.h). */
#include "gvload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

/* The soname the build found (the Makefile reads it off libgvc.so), so
 * that the library loaded is the one compiled against. */
#ifndef PG_GVC_SONAME
#define PG_GVC_SONAME "libgvc.so.6"
#endif

static pg_gv gv;
static int gv_ok;
static char gv_why[512];
static pthread_once_t gv_once = PTHREAD_ONCE_INIT;

/* SYM of H into *SLOT (a function or variable pointer); 0 when missing */
static int sym(void *h, const char *name, void *slot)
{
	void *p = dlsym(h, name);
	if (!p) {
		snprintf(gv_why, sizeof gv_why, "%s has no %s", PG_GVC_SONAME, name);
		return 0;
	}
	/* POSIX: a pointer from dlsym converts to a function pointer */
	memcpy(slot, &p, sizeof p);
	return 1;
}

static void load(void)
{
	/* global, as if linked: Graphviz's plugins, which it opens in turn,
	 * find its symbols */
	void *h = dlopen(PG_GVC_SONAME, RTLD_NOW | RTLD_GLOBAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(gv_why, sizeof gv_why, "%s", e ? e : PG_GVC_SONAME);
		return;
	}
	/* dlsym on libgvc's handle also searches what it needs: libcgraph */
#define PG_GV_LOAD(f)           \
	if (!sym(h, #f, &gv.f)) \
		return;
	PG_GV_FUNCS(PG_GV_LOAD)
#undef PG_GV_LOAD
	if (!sym(h, "Agdirected", &gv.Agdirected))
		return;
	gv_ok = 1;
}

const pg_gv *gv_load(void)
{
	pthread_once(&gv_once, load);
	if (!gv_ok) {
		pg_error("cannot load Graphviz: %s", gv_why);
		return NULL;
	}
	return &gv;
}
