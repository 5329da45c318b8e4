/* resolve.c — the registry of people and per-note resolution (resolve.h). */
#include "resolve.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text.h"
#include "util.h"

void il_push(intlist *l, int x)
{
	ALLOC_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = x;
}

int il_has(const intlist *l, int x)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == x)
			return 1;
	return 0;
}

void il_release(intlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void registry_init(pg_registry *R)
{
	memset(R, 0, sizeof(*R));
	R->owner = -1;
}

void registry_release(pg_registry *R)
{
	for (size_t i = 0; i < R->n; i++) {
		pg_person *p = &R->v[i];
		free(p->name);
		free(p->key);
		free(p->first);
		free(p->last);
		free(p->org);
		free(p->role);
		sl_release(&p->keys);
	}
	free(R->v);
	strmap_release(&R->full);
	strmap_release(&R->first);
	strmap_release(&R->last);
	for (size_t i = 0; i < R->nlists; i++)
		il_release(&R->lists[i]);
	free(R->lists);
	strmap_release(&R->veto);
	strmap_release(&R->slug);
	registry_init(R);
}

/* ---- helpers on folded names ------------------------------------------------ */

static size_t nwords(const char *f)
{
	size_t n = *f ? 1 : 0;
	for (; *f; f++)
		n += *f == ' ';
	return n;
}

static char *first_word(const char *f)
{
	const char *sp = strchr(f, ' ');
	return sp ? xstrndup(f, (size_t)(sp - f)) : xstrdup(f);
}

static char *last_word(const char *f)
{
	const char *sp = strrchr(f, ' ');
	return xstrdup(sp ? sp + 1 : f);
}

static int is_initial(const char *w)
{
	size_t n = strlen(w);
	return (n == 2 && w[1] == '.') || n == 1;
}

/* Display form: NFC, straight apostrophes, single spaces. */
static char *display_name(const char *s)
{
	size_t len = 0;
	int ascii = 1;
	for (; s[len]; len++)
		ascii &= (unsigned char)s[len] < 0x80;
	char *n = ascii ? NULL : text_nfc(s); /* ASCII is its own NFC */
	strbuf sb = STRBUF_INIT;
	sb_grow(&sb, len + 1);
	int sp = 0;
	for (const char *p = n ? n : s; *p; p++) {
		if (!strncmp(p, "\xe2\x80\x99", 3)) {
			sb_addc(&sb, '\'');
			p += 2;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			sp = 1;
			continue;
		}
		if (sp && sb.len)
			sb_addc(&sb, ' ');
		sp = 0;
		sb_addc(&sb, *p);
	}
	free(n);
	return sb_detach(&sb);
}

/* Where S goes on after a leading title word ("Prof. Adaeze Nwosu" ->
 * "Adaeze Nwosu"); S itself without one.  No title is 64 bytes long. */
static const char *after_title(const char *s)
{
	const char *sp = strchr(s, ' ');
	char w[64];
	if (!sp || (size_t)(sp - s) >= sizeof w)
		return s;
	memcpy(w, s, (size_t)(sp - s));
	w[sp - s] = '\0';
	return lex_title(w) ? sp + 1 : s;
}

/* S without a leading title, as a copy the caller frees. */
static char *strip_title(const char *s)
{
	return xstrdup(after_title(s));
}

/* The folded name of R without a leading title: R's own key unless it
 * starts with one; then *OWN holds the fold, for the caller to free. */
static const char *untitled_key(const pg_raw *r, char **own)
{
	const char *rest = after_title(r->text);
	*own = rest == r->text ? NULL : text_fold(rest);
	return *own ? *own : r->key;
}

static intlist *list_for(pg_registry *R, strmap *m, const char *key)
{
	int *slot = strmap_get(m, key);
	if (!slot) {
		ALLOC_GROW(R->lists, R->nlists, R->caplists);
		memset(&R->lists[R->nlists], 0, sizeof(intlist));
		slot = strmap_put(m, key, (int)R->nlists++);
	}
	return &R->lists[*slot];
}

static const intlist *list_get(const pg_registry *R, const strmap *m, const char *key)
{
	int *slot = strmap_get(m, key);
	return slot ? &R->lists[*slot] : NULL;
}

int registry_add(pg_registry *R, const char *name, int strength)
{
	ALLOC_GROW(R->v, R->n, R->cap);
	pg_person *p = &R->v[R->n];
	memset(p, 0, sizeof(*p));
	p->name = display_name(name);
	p->key = text_fold(p->name);
	p->first = first_word(p->key);
	p->last = last_word(p->key);
	p->strength = strength;
	int idx = (int)R->n++;
	registry_add_key(R, idx, p->key);
	char *slug = text_slug(p->name);
	strmap_put(&R->slug, slug, idx);
	free(slug);
	if (nwords(p->key) >= 2) {
		intlist *l = list_for(R, &R->last, p->last);
		if (!il_has(l, idx))
			il_push(l, idx);
	}
	return idx;
}

/* Multi-word keys name one person (or are marked shared, -2); single words
 * go to the first-name index, resolved in context. */
void registry_add_key(pg_registry *R, int person, const char *key)
{
	pg_person *p = &R->v[person];
	if (!*key || sl_has(&p->keys, key))
		return;
	sl_push(&p->keys, key);
	if (nwords(key) >= 2) {
		int *v = strmap_get(&R->full, key);
		if (!v)
			strmap_put(&R->full, key, person);
		else if (*v != person)
			*v = -2;
		char *f = first_word(key);
		intlist *l = list_for(R, &R->first, f);
		if (!il_has(l, person))
			il_push(l, person);
		free(f);
	} else {
		intlist *l = list_for(R, &R->first, key);
		if (!il_has(l, person))
			il_push(l, person);
	}
}

int registry_lookup(const pg_registry *R, const char *name)
{
	char *s = strip_title(name);
	char *f = text_fold(s);
	free(s);
	int r = -1;
	int *v = strmap_get(&R->full, f);
	if (v) {
		r = *v;
	} else {
		const intlist *l = list_get(R, &R->first, f);
		if (l && nwords(f) == 1) {
			/* a single-name person is found by its name alone */
			for (size_t i = 0; i < l->n; i++)
				if (!strcmp(R->v[l->v[i]].key, f))
					r = l->v[i];
		}
	}
	free(f);
	return r;
}

/* First names compatible: equal, a nickname prefix (Dan/Daniel), an initial. */
static int first_compatible(const char *a, const char *b)
{
	if (!strcmp(a, b))
		return 1;
	size_t la = strlen(a), lb = strlen(b);
	if (is_initial(a) || is_initial(b))
		return a[0] == b[0];
	if (la >= 3 && lb >= 3 && (!strncmp(a, b, la < lb ? la : lb)))
		return 1;
	return lex_nickname(a, b) || lex_nickname(b, a);
}

char *registry_query_key(const char *name, int *full)
{
	char *f = text_fold(after_title(name));
	*full = nwords(f) >= 2;
	return f;
}

void registry_candidates(const pg_registry *R, const char *name, intlist *out)
{
	char *s = strip_title(name);
	char *f = text_fold(s);
	free(s);
	int *v = strmap_get(&R->full, f);
	if (v && *v >= 0) {
		il_push(out, *v);
	} else if (nwords(f) == 1) {
		const intlist *l = list_get(R, &R->first, f);
		for (size_t i = 0; l && i < l->n; i++)
			if (!il_has(out, l->v[i]))
				il_push(out, l->v[i]);
		if (!out->n) {
			l = list_get(R, &R->last, f);
			for (size_t i = 0; l && i < l->n; i++)
				if (!il_has(out, l->v[i]))
					il_push(out, l->v[i]);
		}
	} else {
		char *fw = first_word(f), *lw = last_word(f);
		const intlist *l = list_get(R, &R->last, lw);
		for (size_t i = 0; l && i < l->n; i++)
			if (first_compatible(fw, R->v[l->v[i]].first) && !il_has(out, l->v[i]))
				il_push(out, l->v[i]);
		if (is_initial(lw)) {
			l = list_get(R, &R->first, fw);
			for (size_t i = 0; l && i < l->n; i++)
				if (R->v[l->v[i]].last[0] == lw[0] && !il_has(out, l->v[i]))
					il_push(out, l->v[i]);
		}
		free(fw);
		free(lw);
	}
	free(f);
}

/* ---- building the registry ----------------------------------------------------- */

/* Whether one of the people in L is named exactly KEY (a single name). */
static int list_has_key(const pg_registry *R, const intlist *l, const char *key)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (!strcmp(R->v[l->v[i]].key, key))
			return 1;
	return 0;
}

static int vetoed(const pg_registry *R, const char *folded)
{
	return strmap_get(&R->veto, folded) != NULL;
}

static void add_veto(pg_registry *R, const char *s)
{
	char *f = text_fold(s);
	if (*f)
		strmap_put(&R->veto, f, 1);
	free(f);
}

#define BAD_EV (EV_THE | EV_PLACE | EV_NOUN | EV_ORGWORD | EV_ORGSUFFIX | EV_GROUP)

static int is_list_raw(const pg_raw *r)
{
	return (r->ev & EV_LIST) != 0;
}

static int has_org_word(const char *name)
{
	/* a list entry or link like "Helix Semiconductor" */
	char w[64];
	for (const char *p = name; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		size_t n = (size_t)(e - p);
		if (n && n < sizeof w) { /* no organisation suffix is longer */
			memcpy(w, p, n);
			w[n] = '\0';
			if (lex_org_suffix(w))
				return 1;
		}
		p = e;
	}
	return 0;
}

/* Whether folded KEY begins with a name particle ("de la vega"). */
static int starts_with_particle(const char *key)
{
	char *fw = first_word(key);
	int r = lex_particle(fw);
	free(fw);
	return r;
}

/* A prose name with enough evidence on its own to be a person. */
/* What the note alone says about a prose name (no vault knowledge). */
static int prose_local_ok(const pg_raw *r, const char *key)
{
	if (r->src == SRC_HEADING || (r->ev & BAD_EV))
		return 0;
	size_t w = nwords(key);
	if (w < 2 || w > 4)
		return 0;
	if (!(r->ev & (EV_FIRSTNAME | EV_TITLE | EV_SPEECH)) && !r->alias)
		return 0;
	if ((r->ev & EV_INITIAL))
		return 0;
	if (has_org_word(r->text) || starts_with_particle(key))
		return 0; /* "de la Vega" alone is someone's surname */
	char *fw = first_word(key);
	int bad = lex_stopword(fw) || lex_month_or_day(fw);
	free(fw);
	return !bad;
}

/* The note itself shows KEY is not a person ("the Archer Vale test"): one
 * note is enough for that note's own prose. */
static int note_vetoes(const pg_note *N, const char *key)
{
	for (size_t k = 0; k < N->vetoes.n; k++) {
		const char *v = N->vetoes.v[k];
		if (!strcmp(v[0] == '!' ? v + 1 : v, key))
			return 1;
	}
	return 0;
}

#define CAND_LINK 5

/* How strongly raw mention R of note N names a person by its full name,
 * from the note alone: 3 a person note's subject, 2 a list entry or an
 * @owner, CAND_LINK a [[link]] (2 unless the vault vetoes it), 1 prose with
 * evidence (unless the vault vetoes it), 0 not a candidate.  registry_build
 * and note_contribs must agree on this, hence one function. */
static int cand_strength(const pg_note *N, const pg_raw *r, const char *key)
{
	size_t w = nwords(key);
	if (r->src == SRC_SUBJECT)
		return 3;
	if ((is_list_raw(r) || r->src == SRC_OWNER) && w >= 2 && !has_org_word(r->text) &&
	    !(r->ev & EV_PARENOWNER))
		return 2;
	if (r->src == SRC_LINK && w >= 2 && !has_org_word(r->text))
		return CAND_LINK;
	if (prose_local_ok(r, key) && !note_vetoes(N, key))
		return 1;
	return 0;
}

typedef struct cand {
	char *key;
	char *display;
	int strength;
	int count;
	int nonascii;
	char *org, *role;
	strlist aliases;
	int subject;
	int nnotes, last_note; /* notes it is seen in */
} cand;

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->strength != y->strength)
		return y->strength - x->strength;
	size_t wx = nwords(x->key), wy = nwords(y->key);
	if (wx != wy)
		return wy > wx ? 1 : -1;
	size_t lx = strlen(x->key), ly = strlen(y->key);
	if (lx != ly)
		return ly > lx ? 1 : -1;
	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->key, y->key);
}

static int count_nonascii(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += (unsigned char)*s >= 0x80;
	return n;
}

static void cand_add(strmap *idx, cand **cv, size_t *cn, size_t *ccap, const char *name,
		     int strength, const char *alias, const char *org, const char *role, int note)
{
	/* called for every name of every note: the key of an ASCII name
	 * (nearly all) is folded on the stack, and kept only when new */
	char *disp = display_name(after_title(name));
	char kb[128];
	char *key = text_fold_buf(disp, strlen(disp), kb, sizeof kb);
	if (!key)
		key = text_fold(disp);
	if (!*key || nwords(key) > 5) {
		if (key != kb)
			free(key);
		free(disp);
		return;
	}
	int *slot = strmap_get(idx, key);
	cand *c;
	if (!slot) {
		ALLOC_GROW(*cv, *cn, *ccap);
		c = &(*cv)[*cn];
		memset(c, 0, sizeof(*c));
		c->key = key == kb ? xstrdup(kb) : key;
		c->display = disp;
		c->nonascii = count_nonascii(disp);
		c->last_note = -2;
		strmap_put(idx, c->key, (int)(*cn)++);
	} else {
		c = &(*cv)[*slot];
		/* prefer the accented, straight-apostrophe, stronger spelling */
		int na = count_nonascii(disp);
		if (strength > c->strength || (strength == c->strength && na > c->nonascii)) {
			free(c->display);
			c->display = disp;
			c->nonascii = na;
		} else {
			free(disp);
		}
		if (key != kb)
			free(key);
	}
	if (strength > c->strength)
		c->strength = strength;
	c->count++;
	if (note != c->last_note) {
		c->nnotes++;
		c->last_note = note;
	}
	if (alias && *alias && !sl_has(&c->aliases, alias))
		sl_push(&c->aliases, alias);
	if (org && !c->org)
		c->org = xstrdup(org);
	if (role && !c->role)
		c->role = xstrdup(role);
}

/* The registry person KEY (folded, >= 2 words) is, by merge rules: same
 * key, an alias, or same last name with a compatible first name. */
static int find_merge(const pg_registry *R, const char *key)
{
	int *v = strmap_get(&R->full, key);
	if (v)
		return *v;
	if (nwords(key) < 2)
		return -1;
	char *fw = first_word(key), *lw = last_word(key);
	int found = -1;
	if (is_initial(lw)) {
		const intlist *l = list_get(R, &R->first, fw);
		for (size_t i = 0; l && i < l->n; i++) {
			const pg_person *p = &R->v[l->v[i]];
			if (nwords(p->key) >= 2 && p->last[0] == lw[0] && !strcmp(p->first, fw)) {
				found = found == -1 ? l->v[i] : -2;
			}
		}
	} else {
		const intlist *l = list_get(R, &R->last, lw);
		for (size_t i = 0; l && i < l->n; i++)
			if (first_compatible(fw, R->v[l->v[i]].first))
				found = found == -1 ? l->v[i] : (found == l->v[i] ? found : -2);
	}
	free(fw);
	free(lw);
	return found;
}

static void alias_add(pg_registry *R, int person, const char *alias)
{
	char *s = strip_title(alias);
	char *f = text_fold(s);
	registry_add_key(R, person, f);
	free(s);
	free(f);
}

/* registry_build in stages, so that the store can feed it one note at a
 * time (the vault need not be in memory); see resolve.h. */
struct pg_regbuild {
	pg_registry *R;
	const pg_config *cfg;
	int stage;    /* 0 vetoes, 1 names, 2 singles, 3 done */
	strmap weak;  /* weak vetoes: how many notes show them */
	strmap never; /* the config's not_people, folded */
	strmap idx;   /* candidate key -> index into cv */
	cand *cv;
	size_t cn, ccap;
	strmap votes; /* "name\torg" -> notes that put the name beside the org */
};

pg_regbuild *regbuild_new(pg_registry *R, const pg_config *cfg)
{
	pg_regbuild *B = xcalloc(1, sizeof(*B));
	B->R = R;
	B->cfg = cfg;
	return B;
}

/* Stage 1, every note: what the vault shows is not a person. */
void regbuild_vetoes(pg_regbuild *B, const pg_note *N)
{
	pg_registry *R = B->R;
	for (size_t k = 0; k < N->vetoes.n; k++) {
		const char *v = N->vetoes.v[k];
		if (v[0] == '!')
			strmap_put(&R->veto, v + 1, 1);
		else if (++*strmap_put(&B->weak, v, 0) == 2)
			strmap_put(&R->veto, v, 1); /* a second note agrees */
	}
	for (size_t k = 0; k < N->tags.n; k++) {
		const char *t = N->tags.v[k];
		static const char *const orgp[] = {"org/",    "customer/", "company/", "partner/",
						   "vendor/", "client/",   "account/", NULL};
		for (int q = 0; orgp[q]; q++) {
			size_t l = strlen(orgp[q]);
			if (strncasecmp(t, orgp[q], l) || !t[l])
				continue;
			char *v = xstrdup(t + l);
			for (char *z = v; *z; z++)
				if (*z == '-' || *z == '_')
					*z = ' ';
			add_veto(R, v);
			char *fw = first_word(v);
			add_veto(R, fw);
			free(fw);
			free(v);
		}
	}
	if (N->person_note && N->org)
		add_veto(R, N->org);
}

/* Between stages 1 and 2: the config's word, then its people. */
static void stage_names(pg_regbuild *B)
{
	pg_registry *R = B->R;
	const pg_config *cfg = B->cfg;
	for (const char *const *o = lex_person_named_orgs(); *o; o++)
		add_veto(R, *o);
	/* the config's not_people win over any evidence */
	for (size_t k = 0; k < cfg->not_people.n; k++) {
		add_veto(R, cfg->not_people.v[k]);
		char *f = text_fold(cfg->not_people.v[k]);
		strmap_put(&B->never, f, 1);
		free(f);
	}
	for (size_t k = 0; k < cfg->npeople; k++)
		if (cfg->people[k].org)
			add_veto(R, cfg->people[k].org);

	/* candidates with strength */
	for (size_t k = 0; k < cfg->npeople; k++) {
		const pg_cfg_person *p = &cfg->people[k];
		cand_add(&B->idx, &B->cv, &B->cn, &B->ccap, p->name, 4, NULL, p->org, p->role, -1);
		for (size_t a = 0; a < p->aliases.n; a++)
			cand_add(&B->idx, &B->cv, &B->cn, &B->ccap, p->name, 4, p->aliases.v[a],
				 NULL, NULL, -1);
	}
	if (cfg->me)
		cand_add(&B->idx, &B->cv, &B->cn, &B->ccap, cfg->me, 4, NULL, NULL, NULL, -1);
	B->stage = 1;
}

/* Stage 2, every note in the same order as stage 3 (I counts up): full
 * names with their strength. */
void regbuild_names(pg_regbuild *B, const pg_note *N, int i)
{
	if (B->stage < 1)
		stage_names(B);
	pg_registry *R = B->R;
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		if (r->ev & EV_ME)
			continue;
		const char *key = r->key;
		int strength = cand_strength(N, r, key);
		if (strength == CAND_LINK || strength == 1)
			strength = vetoed(R, key) ? 0 : strength == CAND_LINK ? 2 : 1;
		if (strength)
			cand_add(&B->idx, &B->cv, &B->cn, &B->ccap, r->text, strength,
				 r->src == SRC_LINK || r->src == SRC_PROSE || r->src == SRC_SUBJECT
					 ? r->alias
					 : NULL,
				 r->src == SRC_SUBJECT ? N->org : NULL,
				 r->src == SRC_SUBJECT ? N->role : NULL, i);
	}
}

/* Between stages 2 and 3: the candidates become people. */
static void stage_singles(pg_regbuild *B)
{
	if (B->stage < 1)
		stage_names(B);
	pg_registry *R = B->R;
	cand *cv = B->cv;
	size_t cn = B->cn;
	/* a name found only in prose is established once two notes use it;
	 * until then it never stands for a bare first name elsewhere */
	for (size_t i = 0; i < cn; i++)
		if (cv[i].strength == 1 && cv[i].nnotes >= 2)
			cv[i].strength = 2;
	sort_array(cv, cn, sizeof(*cv), cand_cmp);
	for (size_t i = 0; i < cn; i++) {
		cand *c = &cv[i];
		if (nwords(c->key) < 2 || strmap_get(&B->never, c->key))
			continue;
		if (c->strength < 2 && vetoed(R, c->key))
			continue;
		int p = find_merge(R, c->key);
		if (p == -2)
			continue; /* could be either of two people: leave it to context */
		if (p < 0)
			p = registry_add(R, c->display, c->strength);
		else
			registry_add_key(R, p, c->key);
		for (size_t a = 0; a < c->aliases.n; a++)
			alias_add(R, p, c->aliases.v[a]);
		if (c->org && !R->v[p].org)
			R->v[p].org = xstrdup(c->org);
		if (c->role && !R->v[p].role)
			R->v[p].role = xstrdup(c->role);
	}
	B->stage = 2;
}

/* Stage 3, every note: single names, list entries and prose with evidence,
 * when no known person answers to them; and the organisation hints. */
void regbuild_singles(pg_regbuild *B, const pg_note *N)
{
	if (B->stage < 2)
		stage_singles(B);
	pg_registry *R = B->R;
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		/* "Name (Org)", "Name from Org", an Org column: counted per name
		 * now, given to the person the name is once the registry is whole */
		if (r->org) {
			char *vk = xasprintf("%s\t%s", r->text, r->org);
			(*strmap_put(&B->votes, vk, 0))++;
			free(vk);
		}
		if (r->ev & (EV_ME | BAD_EV))
			continue;
		const char *key = r->key;
		int listed = (is_list_raw(r) || r->src == SRC_OWNER) &&
			     !strmap_get(&B->never, key) && !(r->ev & EV_PARENOWNER);
		/* a listed first name shared by several people stands for
		 * itself until the user says who it is (doctor reports it) */
		const intlist *same = list_get(R, &R->first, key);
		size_t established = 0;
		for (size_t q = 0; same && q < same->n; q++)
			established += R->v[same->v[q]].strength >= 2;
		/* someone established has it as surname: "Kjeldsen" is them;
		 * a given name ("Felix") stays a person of its own */
		const intlist *sur = list_get(R, &R->last, key);
		int surname = 0;
		for (size_t q = 0; sur && q < sur->n; q++)
			surname |= R->v[sur->v[q]].strength >= 2;
		int alone = listed && !list_has_key(R, same, key) && established != 1 &&
			    (!surname || lex_firstname(key));
		if (nwords(key) != 1 || is_initial(key) || strlen(key) < 2 || (same && !alone) ||
		    (list_get(R, &R->last, key) && !alone) ||
		    ((vetoed(R, key) || note_vetoes(N, key)) && !listed) || lex_stopword(key) ||
		    lex_month_or_day(key) || lex_org_suffix(r->text) ||
		    !strcasecmp(key, "myself")) {
			continue;
		}
		int ok = 0;
		if (r->ev & EV_PARENOWNER) {
			ok = 0;
		} else if (is_list_raw(r) || r->src == SRC_OWNER) {
			ok = 1;
		} else if ((r->src == SRC_PROSE || r->src == SRC_ATTEND_PROSE ||
			    r->src == SRC_JOINED || r->src == SRC_ABSENT)) {
			if ((r->ev & EV_FIRSTNAME) && (r->ev & (EV_SPEECH | EV_TITLE)))
				ok = 1;
			if (r->group && !(r->ev & EV_SENT_START)) {
				for (size_t q = 0; q < N->nraw && !ok; q++) {
					const pg_raw *o = &N->raw[q];
					if (q == k || o->group != r->group)
						continue;
					/* "Maneesh Sah and Renen", "John and Sarah":
					 * named beside someone the vault knows */
					const char *ok2 = o->key;
					int *v = strmap_get(&R->full, ok2);
					if (v && *v >= 0 && nwords(ok2) >= 2)
						ok = 1;
					else if (nwords(ok2) == 1 && !(o->ev & BAD_EV) &&
						 (r->ev & EV_FIRSTNAME) &&
						 list_get(R, &R->first, ok2) &&
						 !note_vetoes(N, ok2))
						ok = 1;
				}
			}
		}
		if (ok)
			registry_add(R, r->text, is_list_raw(r) ? 2 : 1);
	}
}

/* The end: organisations, the config's people, the owner; frees B. */
void regbuild_finish(pg_regbuild *B)
{
	if (B->stage < 2)
		stage_singles(B);
	pg_registry *R = B->R;
	const pg_config *cfg = B->cfg;
	/* organisations: person notes and the config first, then the hint seen
	 * most often */
	{
		strmap votes = STRMAP_INIT; /* "person\torg" */
		for (size_t i = 0; i < B->votes.cap; i++) {
			const char *nk = B->votes.slots[i].key;
			if (!nk)
				continue;
			const char *tab = strchr(nk, '\t');
			char *name = xstrndup(nk, (size_t)(tab - nk));
			const char *org = tab + 1;
			char *ok = text_fold(org);
			int veto_person = strmap_get(&R->full, ok) != NULL;
			free(ok);
			int p = registry_lookup(R, name);
			free(name);
			if (p < 0 || R->v[p].org || veto_person)
				continue;
			char *key = xasprintf("%d\t%s", p, org);
			*strmap_put(&votes, key, 0) += B->votes.slots[i].value;
			free(key);
		}
		int *best = xcalloc(R->n ? R->n : 1, sizeof(int));
		char **bestorg = xcalloc(R->n ? R->n : 1, sizeof(char *));
		for (size_t i = 0; i < votes.cap; i++) {
			const char *key = votes.slots[i].key;
			if (!key)
				continue;
			int p = atoi(key);
			const char *org = strchr(key, '\t') + 1;
			int c = votes.slots[i].value;
			if (c > best[p] || (c == best[p] && strcmp(org, bestorg[p]) < 0)) {
				best[p] = c;
				bestorg[p] = (char *)org;
			}
		}
		for (size_t p = 0; p < R->n; p++)
			if (bestorg[p] && !R->v[p].org)
				R->v[p].org = xstrdup(bestorg[p]);
		free(best);
		free(bestorg);
		strmap_release(&votes);
	}
	/* the config's organisations and roles also reach single-name people */
	for (size_t k = 0; k < cfg->npeople; k++) {
		int p = registry_lookup(R, cfg->people[k].name);
		if (p < 0)
			continue;
		if (cfg->people[k].org && !R->v[p].org)
			R->v[p].org = xstrdup(cfg->people[k].org);
		if (cfg->people[k].role && !R->v[p].role)
			R->v[p].role = xstrdup(cfg->people[k].role);
	}
	/* the owner */
	if (cfg->me) {
		int p = registry_lookup(R, cfg->me);
		if (p < 0)
			p = registry_add(R, cfg->me, 4);
		R->owner = p;
		R->v[p].is_owner = 1;
		registry_add_key(R, p, "myself");
	}
	for (size_t i = 0; i < B->cn; i++) {
		free(B->cv[i].key);
		free(B->cv[i].display);
		free(B->cv[i].org);
		free(B->cv[i].role);
		sl_release(&B->cv[i].aliases);
	}
	free(B->cv);
	strmap_release(&B->idx);
	strmap_release(&B->never);
	strmap_release(&B->weak);
	strmap_release(&B->votes);
	free(B);
}

void registry_build(pg_registry *R, pg_note *const *notes, size_t n, const pg_config *cfg)
{
	pg_regbuild *B = regbuild_new(R, cfg);
	for (size_t i = 0; i < n; i++)
		regbuild_vetoes(B, notes[i]);
	for (size_t i = 0; i < n; i++)
		regbuild_names(B, notes[i], (int)i);
	for (size_t i = 0; i < n; i++)
		regbuild_singles(B, notes[i]);
	regbuild_finish(B);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the strings up to a NULL. */
static void contrib_add(strbuf *sb, ...)
{
	va_list ap;
	va_start(ap, sb);
	for (const char *p; (p = va_arg(ap, const char *));)
		sb_adds(sb, p);
	va_end(ap);
}

/* Everything registry_build reads from one note, as canonical strings that
 * need no vault knowledge: vetoes, organisation tags, candidate names with
 * their strength, single names, organisation hints.  Sorted. */
void note_contribs(const pg_note *N, strlist *out)
{
	/* built with strbuf, not printf: every parsed note is hashed */
	strbuf sb = STRBUF_INIT;
#define CONTRIB(...)                                         \
	do {                                                 \
		sb_reset(&sb);                               \
		contrib_add(&sb, __VA_ARGS__, (char *)NULL); \
		sl_push(out, sb_str(&sb));                   \
	} while (0)
	for (size_t k = 0; k < N->vetoes.n; k++)
		CONTRIB("V", N->vetoes.v[k]);
	for (size_t k = 0; k < N->tags.n; k++)
		if (strchr(N->tags.v[k], '/') && strncasecmp(N->tags.v[k], "person/", 7))
			CONTRIB("T", N->tags.v[k]);
	if (N->person_note && N->org)
		CONTRIB("P", N->org);
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		if (r->ev & EV_ME)
			continue;
		const char *key = r->key;
		size_t w = nwords(key);
		int strength = cand_strength(N, r, key);
		if (strength) {
			char *clean = strip_title(r->text);
			char *disp = display_name(clean);
			char *ck = text_fold(disp);
			const char *alias =
				r->src == SRC_LINK || r->src == SRC_PROSE || r->src == SRC_SUBJECT
					? r->alias
					: NULL;
			char *ak = NULL;
			if (alias) {
				char *as = strip_title(alias);
				ak = text_fold(as);
				free(as);
			}
			char st[2] = {(char)('0' + strength), '\0'}; /* 0..9 */
			CONTRIB("C", st, "\t", ck, "\t", disp, "\t", ak ? ak : "", "\t",
				r->src == SRC_SUBJECT && N->org ? N->org : "", "\t",
				r->src == SRC_SUBJECT && N->role ? N->role : "");
			free(clean);
			free(disp);
			free(ck);
			free(ak);
		} else if (w == 1 && !(r->ev & BAD_EV) && !is_initial(key) && strlen(key) >= 2 &&
			   !lex_stopword(key) && !lex_month_or_day(key) &&
			   !lex_org_suffix(r->text) && strcmp(key, "myself")) {
			int listed =
				(is_list_raw(r) || r->src == SRC_OWNER) && !(r->ev & EV_PARENOWNER);
			/* only singles that could become a person (see registry_build) */
			int prose = (r->src == SRC_PROSE || r->src == SRC_ATTEND_PROSE ||
				     r->src == SRC_JOINED || r->src == SRC_ABSENT) &&
				    !(r->ev & EV_PARENOWNER) &&
				    (((r->ev & EV_FIRSTNAME) && (r->ev & (EV_SPEECH | EV_TITLE))) ||
				     (r->group && !(r->ev & EV_SENT_START)));
			if (listed || prose) {
				sb_reset(&sb);
				sb_addc(&sb, 'S');
				sb_add_int(&sb, listed);
				sb_addc(&sb, '\t');
				sb_adds(&sb, key);
				sb_addc(&sb, '\t');
				sb_add_int(&sb, r->ev);
				sb_addc(&sb, '\t');
				sb_add_int(&sb, r->group);
				sl_push(out, sb_str(&sb));
			}
		}
		if (r->org)
			CONTRIB("O\t", key, "\t", r->org);
	}
#undef CONTRIB
	sb_release(&sb);
	sort_array(out->v, out->n, sizeof(char *), str_cmp);
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "\xff", 1); /* not "" */
}

static uint64_t fnv_int(uint64_t h, int v)
{
	return fnv(h, &v, sizeof v);
}

/* Hashes what note_contribs reads, not what it makes of it: the
 * contributions are a function of these fields, so equal hashes mean
 * equal contributions, and it costs no folding, formatting or sorting on
 * every parsed note.  Unequal hashes only send the store to compare the
 * contributions themselves (contribs_absorbed). */
uint64_t note_facts_hash(const pg_note *N)
{
	uint64_t h = 1469598103934665603ULL;
	h = fnv_int(h, (int)N->vetoes.n);
	for (size_t k = 0; k < N->vetoes.n; k++)
		h = fnv_str(h, N->vetoes.v[k]);
	h = fnv_int(h, (int)N->tags.n);
	for (size_t k = 0; k < N->tags.n; k++)
		h = fnv_str(h, N->tags.v[k]);
	h = fnv_int(h, N->person_note);
	h = fnv_str(h, N->org);
	h = fnv_str(h, N->role);
	h = fnv_int(h, (int)N->nraw);
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		h = fnv_int(h, r->src);
		h = fnv_int(h, r->ev);
		h = fnv_int(h, r->group);
		h = fnv_str(h, r->text);
		h = fnv_str(h, r->alias);
		h = fnv_str(h, r->org);
	}
	return h;
}

/* Whether adding contribution C to the vault leaves R exactly as it is.
 * Conservative: "no" sends the caller to a full resolution. */
int registry_absorbs(const pg_registry *R, const char *c)
{
	char *s = xstrdup(c);
	char *f[7] = {0};
	int n = 0;
	f[n++] = s;
	for (char *p = s; *p && n < 7; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	int ok = 0;
	switch (s[0]) {
	case 'V': ok = vetoed(R, s[1] == '!' ? s + 2 : s + 1); break;
	case 'C': {
		if (n < 6)
			break;
		int strength = atoi(s + 1);
		int *v = strmap_get(&R->full, f[1]);
		if (!v || *v < 0)
			break;
		const pg_person *p = &R->v[*v];
		int need = strength == CAND_LINK ? 2 : strength < 2 ? 2 : strength;
		ok = p->strength >= need && (strcmp(p->key, f[1]) || !strcmp(p->name, f[2])) &&
		     (!*f[3] || sl_has(&p->keys, f[3])) &&
		     (!*f[4] || (p->org && !strcmp(p->org, f[4]))) &&
		     (!*f[5] || (p->role && !strcmp(p->role, f[5])));
		break;
	}
	case 'S': {
		if (n < 2)
			break;
		const char *key = f[1];
		const intlist *same = list_get(R, &R->first, key);
		if (list_has_key(R, same, key)) {
			ok = 1;
		} else if (s[1] == '1') {
			size_t est = 0;
			for (size_t i = 0; same && i < same->n; i++)
				est += R->v[same->v[i]].strength >= 2;
			ok = est == 1;
		} else {
			ok = same || list_get(R, &R->last, key) || vetoed(R, key);
		}
		break;
	}
	case 'O': {
		if (n < 3)
			break;
		int p = registry_lookup(R, f[1]);
		ok = p < 0 || (R->v[p].org && !strcasecmp(R->v[p].org, f[2]));
		break;
	}
	default: ok = 0; /* tags and person-note organisations: re-resolve */
	}
	free(s);
	return ok;
}

/* ---- resolving one note ---------------------------------------------------------- */

void resolved_release(pg_resolved *r)
{
	il_release(&r->people);
	il_release(&r->roles);
	il_release(&r->lines);
	free(r->task_owner);
	sl_release(&r->unresolved);
	sl_release(&r->topics);
	memset(r, 0, sizeof(*r));
}

static int src_role(int src)
{
	switch (src) {
	case SRC_FM_PARTICIPANT:
	case SRC_ATTENDEE:
	case SRC_ATTEND_PROSE:
	case SRC_JOINED: return ROLE_PARTICIPANT;
	case SRC_ABSENT: return ROLE_ABSENT;
	default: return ROLE_REFERENCED;
	}
}

typedef struct nctx {
	const pg_registry *R;
	const pg_note *N;
	intlist known;    /* people named in full (or by list) in this note */
	intlist attended; /* of those, the ones listed as taking part */
} nctx;

/* The people whose name ends in the folded surname SUR ("de la vega"):
 * those of the note first, else the established ones of the vault (any
 * seen with evidence, after a title: "Prof. de la Vega"). */
static void by_surname(const nctx *C, const char *sur, int titled, intlist *out)
{
	size_t sl = strlen(sur);
	for (int pass = 0; pass < 2 && !out->n; pass++) {
		size_t n = pass ? C->R->n : C->known.n;
		for (size_t i = 0; i < n; i++) {
			int p = pass ? (int)i : C->known.v[i];
			const pg_person *P = &C->R->v[p];
			size_t kl = strlen(P->key);
			if (kl <= sl + 1 || P->key[kl - sl - 1] != ' ' ||
			    strcmp(P->key + kl - sl, sur))
				continue;
			if (pass && P->strength < 2 && !titled)
				continue;
			if (!il_has(out, p))
				il_push(out, p);
		}
	}
}

/* Whether the handle KEY (one word, not a given name: "der.hans",
 * "nikomatsakis", "pnkfelix") is the given name W written as a handle: W
 * is one of its dotted parts, or it begins or ends with W. */
static int handle_of(const char *key, const char *w, size_t wl)
{
	if (wl < 4 || strchr(key, ' '))
		return 0;
	size_t kl = strlen(key);
	if (kl <= wl)
		return 0;
	int hit = !strncmp(key, w, wl) || !strcmp(key + kl - wl, w);
	for (const char *p = key; !hit && (p = strstr(p, w)); p++) {
		char before = p == key ? '.' : p[-1], after = p[wl] ? p[wl] : '.';
		hit = strchr("._-", before) && strchr("._-", after);
	}
	/* the lexicon last: most people fail the cheap tests */
	return hit && lex_firstname(w) && !lex_firstname(key);
}

/* Single word W (folded): people in the note it can mean. */
static void in_note(const nctx *C, const char *w, int by_last, intlist *out)
{
	size_t wl = strlen(w);
	int nick = by_last == 2 && lex_nick_any(w);
	for (size_t i = 0; i < C->known.n; i++) {
		const pg_person *p = &C->R->v[C->known.v[i]];
		int hit = 0;
		if (by_last == 1) {
			hit = nwords(p->key) >= 2 && !strcmp(p->last, w);
		} else if (by_last == 2) {
			/* nicknames: Bea -> Beatrix (a prefix), Bill -> William (usual) */
			hit = (wl >= 3 && !strncmp(p->first, w, wl)) ||
			      (nick && lex_nickname(w, p->first)) || handle_of(p->key, w, wl);
		} else {
			hit = !strcmp(p->first, w) || sl_has(&p->keys, w);
		}
		if (hit && !il_has(out, C->known.v[i]))
			il_push(out, C->known.v[i]);
	}
}

static int resolve_full(const nctx *C, const pg_raw *r, const char *key)
{
	const pg_registry *R = C->R;
	if (r->ev & EV_ME || !strcmp(key, "myself") || !strcmp(key, "me"))
		return R->owner;
	if (r->src == SRC_TAG) {
		/* person/first-last: match by slug */
		int *v = strmap_get(&R->slug, r->text);
		return v ? *v : -1;
	}
	if (nwords(key) < 2)
		return -1;
	int *v = strmap_get(&R->full, key);
	if (v && *v >= 0)
		return *v;
	int m = find_merge(R, key);
	return m >= 0 ? m : -1;
}

static void add_person(pg_resolved *out, int p, int role, int line)
{
	for (size_t i = 0; i < out->people.n; i++) {
		if (out->people.v[i] != p)
			continue;
		int cur = out->roles.v[i];
		/* joined/attended beats listed-absent beats referenced */
		if (role == ROLE_PARTICIPANT && cur != ROLE_ABSENT)
			out->roles.v[i] = ROLE_PARTICIPANT;
		else if (role == ROLE_ABSENT && cur != ROLE_ABSENT)
			out->roles.v[i] = -ROLE_ABSENT; /* resolved later */
		return;
	}
	il_push(&out->people, p);
	il_push(&out->roles, role);
	il_push(&out->lines, line);
}

/* Whether WORD stands in TEXT as a word of its own. */
static int has_word(const char *text, const char *word)
{
	size_t wl = strlen(word);
	if (!wl)
		return 0;
	for (const char *p = text; (p = strstr(p, word)); p++) {
		unsigned char before = p == text ? ' ' : (unsigned char)p[-1];
		unsigned char after = (unsigned char)p[wl];
		if (!isalnum(before) && before < 0x80 && !isalnum(after) && after < 0x80 &&
		    after != '\'')
			return 1;
	}
	return 0;
}

/* Whether folded KEY is never a person, whatever the sentence says: the
 * config's not_people and the companies named like people. */
static int never_person(const pg_config *cfg, const char *key)
{
	int never = 0;
	for (size_t k = 0; k < cfg->not_people.n && !never; k++) {
		char *f = text_fold(cfg->not_people.v[k]);
		never = !strcmp(f, key);
		free(f);
	}
	for (const char *const *o = lex_person_named_orgs(); *o && !never; o++) {
		char *f = text_fold(*o);
		never = !strcmp(f, key);
		free(f);
	}
	return never;
}

/* Keeps, of several candidates, the one whose organisation ORG names
 * ("Sam from Marlow": Marlow Foods' Sam), if exactly one. */
static void by_org(const pg_registry *R, const char *org, intlist *cands)
{
	char *of = text_fold(org);
	size_t ol = strlen(of);
	int hit = -1, n = 0;
	for (size_t i = 0; i < cands->n && ol >= 2; i++) {
		const char *po = R->v[cands->v[i]].org;
		if (!po)
			continue;
		char *pf = text_fold(po);
		size_t pl = strlen(pf);
		/* either is the other's first word(s): "Marlow", "Marlow Foods" */
		size_t m = ol < pl ? ol : pl;
		if (!strncmp(pf, of, m) && (pf[m] == '\0' || pf[m] == ' ') &&
		    (of[m] == '\0' || of[m] == ' '))
			hit = cands->v[i], n++;
		free(pf);
	}
	free(of);
	if (n == 1) {
		cands->n = 0;
		il_push(cands, hit);
	}
}

/* Whether raw K of N is coordinated ("A and B") with a raw already
 * resolved to a person. */
static int group_has_person(const pg_note *N, const int *raw_person, size_t k)
{
	int g = N->raw[k].group;
	if (!g || (N->raw[k].ev & EV_SENT_START))
		return 0;
	for (size_t q = 0; q < N->nraw; q++)
		if (q != k && N->raw[q].group == g && raw_person[q] >= 0)
			return 1;
	return 0;
}

/* A 1:1 whose attendees are not listed ("# 1:1 with Toby", "Sid / Inês"):
 * the one person its title names is the owner's counterpart. */
static void one_on_one_counterpart(const pg_note *N, const int *raw_person, int owner,
				   pg_resolved *out)
{
	for (size_t i = 0; i < out->people.n; i++)
		if (out->people.v[i] != owner && out->roles.v[i] == ROLE_PARTICIPANT)
			return;
	int who = -1;
	for (size_t k = 0; k < N->nraw; k++) {
		int p = raw_person[k];
		if (p < 0 || p == owner || p == who || !N->title ||
		    !has_word(N->title, N->raw[k].text))
			continue;
		if (who >= 0)
			return; /* two people in the title: not for us to pick */
		who = p;
	}
	if (who >= 0)
		add_person(out, who, ROLE_PARTICIPANT, 0);
}

typedef struct term_count {
	char *term;
	double w;
} term_count;

static int term_cmp(const void *a, const void *b)
{
	const term_count *x = a, *y = b;
	if (x->w != y->w)
		return y->w > x->w ? 1 : -1;
	return strcmp(x->term, y->term);
}

/* A topic term never holds a control character (a tag may, through a YAML
 * escape): note.topics separates its terms with \x1f, and tables and
 * graphs show them. */
static void add_term(term_count **tv, size_t *tn, size_t *tcap, const char *term, double w)
{
	char *t = xstrdup(term);
	for (char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	for (size_t i = 0; i < *tn; i++) {
		if (!strcasecmp((*tv)[i].term, t)) {
			(*tv)[i].w += w;
			free(t);
			return;
		}
	}
	ALLOC_GROW(*tv, *tn, *tcap);
	(*tv)[*tn].term = t;
	(*tv)[*tn].w = w;
	(*tn)++;
}

void resolve_note(const pg_registry *R, const pg_note *N, const pg_config *cfg, pg_resolved *out)
{
	nctx C;
	memset(&C, 0, sizeof(C));
	C.R = R;
	C.N = N;
	memset(out, 0, sizeof(*out));
	int *raw_person = xmalloc((N->nraw ? N->nraw : 1) * sizeof(int));

	/* pass 1: full names, aliases, owners, tags */
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		char *own;
		const char *key = untitled_key(r, &own);
		raw_person[k] = -1;
		int p = resolve_full(&C, r, key);
		if (p >= 0 && (r->ev & BAD_EV) && r->src == SRC_PROSE && nwords(key) < 2)
			p = -1;
		if (p < 0 && is_list_raw(r) && nwords(key) == 1 && !lex_firstname(key)) {
			/* a handle in a list ("nikomatsakis") is known to the note
			 * before its prose says "Niko" */
			const intlist *l = list_get(R, &R->first, key);
			for (size_t i = 0; l && i < l->n; i++)
				if (R->v[l->v[i]].strength >= 2 && !strcmp(R->v[l->v[i]].key, key))
					p = p < 0 ? l->v[i] : -2;
			if (p == -2)
				p = -1;
		}
		raw_person[k] = p;
		if (p >= 0 && !il_has(&C.known, p))
			il_push(&C.known, p);
		if (p >= 0 && src_role(r->src) == ROLE_PARTICIPANT && !il_has(&C.attended, p))
			il_push(&C.attended, p);
		free(own);
	}
	/* pass 2: single words, initials, title + surname: note first, then vault */
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		if (raw_person[k] >= 0 || r->src == SRC_TAG)
			continue;
		char *own;
		const char *key = untitled_key(r, &own);
		size_t w = nwords(key);
		intlist cands = {0};
		if (w == 1) {
			int titled = (r->ev & EV_TITLE) != 0;
			in_note(&C, key, titled, &cands);
			if (!cands.n && !titled)
				in_note(&C, key, 2, &cands);
			/* a surname alone ("Kjeldsen said"), but not a given name in a
			 * list of first names ("Andrew, Nathan") */
			if (!cands.n && !titled && !(lex_firstname(key) && (r->ev & EV_LIST)))
				in_note(&C, key, 1, &cands);
			if (cands.n > 1) {
				/* two people of that name in the note: the one who
				 * attended, when only one did */
				intlist att = {0};
				for (size_t i = 0; i < cands.n; i++)
					if (il_has(&C.attended, cands.v[i]))
						il_push(&att, cands.v[i]);
				if (att.n == 1) {
					il_release(&cands);
					cands = att;
				} else {
					il_release(&att);
				}
			}
			int listed = ((r->ev & EV_LIST) || r->src == SRC_OWNER) &&
				     !(r->ev & EV_PARENOWNER);
			/* a word the vault calls a place ("in Austin") may still be
			 * someone's given name where the sentence says it is a
			 * person: "Austin said", "Paris and Austin run it" */
			if (!cands.n &&
			    (listed || (!(r->ev & BAD_EV) && !note_vetoes(N, key) &&
					(!vetoed(R, key) || (lex_firstname(key) &&
							     ((r->ev & (EV_SPEECH | EV_TITLE)) ||
							      group_has_person(N, raw_person, k)) &&
							     !never_person(cfg, key))))) &&
			    (r->src != SRC_HEADING)) {
				registry_candidates(R, key, &cands);
				/* a name seen in one note's prose does not explain a bare
				 * first name in another */
				for (size_t i = 0; i < cands.n;)
					if ((R->v[cands.v[i]].strength < 2 &&
					     strcmp(R->v[cands.v[i]].key, key) &&
					     /* but "Dr. Strand" is the Astrid Strand
					      * a note named in full */
					     !(titled && !strcmp(R->v[cands.v[i]].last, key))) ||
					    /* a given name is not someone else's surname */
					    (lex_firstname(key) &&
					     strcmp(R->v[cands.v[i]].first, key) &&
					     !sl_has(&R->v[cands.v[i]].keys, key)))
						cands.v[i] = cands.v[--cands.n];
					else
						i++;
			}
		} else if (w >= 2 && starts_with_particle(key)) {
			/* "de la Vega", "Van der Hoek said": a surname with its
			 * particles, the person of the note, else of the vault */
			by_surname(&C, key, (r->ev & EV_TITLE) != 0, &cands);
		} else if (w == 2) {
			char *fw = first_word(key), *lw = last_word(key);
			if (is_initial(lw)) {
				intlist tmp = {0};
				in_note(&C, fw, 0, &tmp);
				for (size_t i = 0; i < tmp.n; i++)
					if (R->v[tmp.v[i]].last[0] == lw[0])
						il_push(&cands, tmp.v[i]);
				il_release(&tmp);
				if (!cands.n)
					registry_candidates(R, key, &cands);
			}
			free(fw);
			free(lw);
		}
		if (cands.n > 1 && r->org)
			by_org(R, r->org, &cands); /* "Sam from Marlow" */
		int exact = -1;
		if (cands.n > 1 && w == 1 && (r->ev & EV_LIST))
			for (size_t i = 0; i < cands.n; i++)
				if (!strcmp(R->v[cands.v[i]].key, key))
					exact = cands.v[i];
		if (cands.n == 1) {
			raw_person[k] = cands.v[0];
		} else if (exact >= 0) {
			raw_person[k] = exact;
			sl_push_owned(
				&out->unresolved,
				xasprintf(
					"%s\tlisted by first name only; several people share it\t%d",
					r->text, r->line));
		} else if (cands.n > 1 && !(r->ev & BAD_EV)) {
			strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "%s\tambiguous: ", r->text);
			for (size_t i = 0; i < cands.n && i < 5; i++)
				sb_addf(&sb, "%s%s", i ? ", " : "", R->v[cands.v[i]].name);
			sb_addf(&sb, "\t%d", r->line);
			sl_push_owned(&out->unresolved, sb_detach(&sb));
		} else if (!cands.n && w == 1 && !(r->ev & BAD_EV) &&
			   (r->ev & (EV_SPEECH | EV_POSS)) && (r->ev & EV_FIRSTNAME) &&
			   !vetoed(R, key)) {
			sl_push_owned(&out->unresolved,
				      xasprintf("%s\tsingle name not known elsewhere\t%d", r->text,
						r->line));
		}
		il_release(&cands);
		free(own);
	}
	/* roles */
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		int p = raw_person[k];
		if (p < 0)
			continue;
		int role = src_role(r->src);
		/* the `person:` of a 1:1 is the other side of the table */
		if (r->src == SRC_FM_PERSON && N->one_on_one && !N->person_note)
			role = ROLE_PARTICIPANT;
		add_person(out, p, role, r->line);
	}
	if (N->one_on_one && !N->person_note)
		one_on_one_counterpart(N, raw_person, R->owner, out);
	/* listed absent, never joined: absent */
	for (size_t i = 0; i < out->roles.n; i++)
		if (out->roles.v[i] == -ROLE_ABSENT)
			out->roles.v[i] = ROLE_ABSENT;
	/* a 1:1, or a note told in the first person, includes the owner
	 * unless the note says otherwise */
	if ((N->one_on_one || N->first_person) && R->owner >= 0 && !N->person_note) {
		int found = 0;
		for (size_t i = 0; i < out->people.n; i++)
			if (out->people.v[i] == R->owner) {
				found = 1;
				if (out->roles.v[i] == ROLE_REFERENCED)
					out->roles.v[i] = ROLE_PARTICIPANT;
			}
		if (!found)
			add_person(out, R->owner, ROLE_PARTICIPANT, 0);
	}
	if (N->person_note)
		for (size_t i = 0; i < out->roles.n; i++)
			out->roles.v[i] =
				out->roles.v[i] == ROLE_ABSENT ? ROLE_ABSENT : ROLE_REFERENCED;

	/* task owners */
	out->task_owner = xmalloc((N->ntasks ? N->ntasks : 1) * sizeof(int));
	for (size_t t = 0; t < N->ntasks; t++)
		out->task_owner[t] = -1;
	for (size_t k = 0; k < N->nraw; k++)
		if (N->raw[k].src == SRC_OWNER && N->raw[k].task >= 0 &&
		    (size_t)N->raw[k].task < N->ntasks)
			out->task_owner[N->raw[k].task] = raw_person[k];

	/* topics: tags, title phrases, recurring capitalised terms that are not people */
	term_count *tv = NULL;
	size_t tn = 0, tcap = 0;
	for (size_t k = 0; k < N->tags.n; k++) {
		const char *t = N->tags.v[k];
		if (config_tag_structural(cfg, t) || config_tag_private(cfg, t))
			continue;
		const char *sl = strrchr(t, '/');
		add_term(&tv, &tn, &tcap, sl && sl[1] ? sl + 1 : t, 3);
	}
	for (size_t k = 0; k < N->terms.n; k++)
		if (registry_lookup(R, N->terms.v[k]) < 0)
			add_term(&tv, &tn, &tcap, N->terms.v[k], 2);
	for (size_t k = 0; k < N->nraw; k++) {
		const pg_raw *r = &N->raw[k];
		if (raw_person[k] >= 0 || r->src != SRC_PROSE || strlen(r->text) < 3 ||
		    ((r->ev & EV_SENT_START) && !strchr(r->text, ' ')))
			continue;
		const char *key = r->key;
		if (!lex_stopword(key) && !lex_month_or_day(key) && !lex_firstname(key) &&
		    !lex_title(r->text))
			add_term(&tv, &tn, &tcap, r->text, 1);
	}
	sort_array(tv, tn, sizeof(*tv), term_cmp);
	for (size_t i = 0; i < tn; i++) {
		if (i < 8 && (tv[i].w >= 2 || i < 3)) {
			/* "%g\t%s"; weights are small whole numbers, written
			 * without printf (every note of a full run comes here) */
			double w = tv[i].w;
			if (w >= 0 && w < 1e6 && w == (double)(long)w) {
				strbuf sb = STRBUF_INIT;
				sb_add_int(&sb, (long)w);
				sb_addc(&sb, '\t');
				sb_adds(&sb, tv[i].term);
				sl_push_owned(&out->topics, sb_detach(&sb));
			} else {
				sl_push_owned(&out->topics, xasprintf("%g\t%s", w, tv[i].term));
			}
		}
		free(tv[i].term);
	}
	free(tv);
	free(raw_person);
	il_release(&C.known);
	il_release(&C.attended);
}
