#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* cmark-gfm keeps the characters its extensions react to ('~', '|', ...)
 * in one table for the whole process: a parse adds them before it parses
 * inlines and removes them after, so two parses at once can see '~~' as
 * plain text.  Inlines are parsed when a document is finished, and while
 * lines are fed only by the table extension, for a row once a delimiter
 * row was seen.  So finishing holds this lock, and feeding holds it only
 * when the text has a line that could be a delimiter row
 * (md_table_may_open); the rest of the parse runs on every core. */
static pthread_mutex_t md_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether some line of S could be a table's delimiter row ("|---|:-:",
 * "--|--"): only such characters, after the blockquote and list
 * indentation that may precede it, and a '-'.  A rule of three or more
 * dashes is not: it underlines a paragraph (a setext heading) or is a
 * thematic break, both tried before the extensions.  Errs towards yes. */
int md_table_may_open(const char *s, size_t len)
{
	const char *end = s + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		const char *p = s;
		int dash = 0;
		for (; p < e && *p && strchr(" \t\v\f\r>|:-", *p); p++)
			dash |= *p == '-';
		if (p == e && dash) {
			const char *q = s;
			while (q < e && q - s < 3 && *q == ' ')
				q++;
			const char *d = q;
			while (q < e && *q == '-')
				q++;
			size_t ndash = (size_t)(q - d);
			while (q < e && (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			if (q < e || ndash < 3)
				return 1;
		}
		s = nl ? nl + 1 : end;
	}
	return 0;
}

/* cmark allocates each node and string of a parse on its own, hundreds of
 * blocks for a note, and frees them one by one walking the tree; with
 * several threads parsing, that was a good part of the futex calls of an
 * index.  A parse's memory comes instead from an arena that goes at once
 * when the parse is done: cmark is never asked to free its tree.  cmark's
 * allocator takes no context, so the arena of the parse running on a
 * thread is found through MD_CUR.  Blocks of MD_BIG bytes or more (a
 * long paragraph's buffer, grown by realloc) are malloc'd one by one, so
 * that growing one leaves no copies behind.  Every block has a header:
 * its size (for realloc) and whether it is big. */
#define MD_BIG (16u << 10)
#define MD_CHUNK (64u << 10)
#define MD_HDR 16u

typedef struct md_chunk {
	struct md_chunk *next;
	size_t cap, used;
	max_align_t data[];
} md_chunk;

typedef struct md_arena {
	md_chunk *head;
	char **big; /* the headers of the big blocks */
	size_t nbig, capbig;
} md_arena;

static __thread md_arena *md_cur;

static size_t md_span(size_t n)
{
	return (n + MD_HDR + 15) & ~(size_t)15;
}

static void *md_block_new(size_t n)
{
	md_arena *a = md_cur;
	char *h;
	if (n >= MD_BIG) {
		h = xmalloc(MD_HDR + n);
		ALLOC_GROW(a->big, a->nbig, a->capbig);
		a->big[a->nbig++] = h;
	} else {
		md_chunk *c = a->head;
		if (!c || c->cap - c->used < md_span(n)) {
			c = xmalloc(sizeof(*c) + MD_CHUNK);
			c->cap = MD_CHUNK;
			c->used = 0;
			c->next = a->head;
			a->head = c;
		}
		h = (char *)c->data + c->used;
		c->used += md_span(n);
	}
	((size_t *)h)[0] = n;
	((size_t *)h)[1] = n >= MD_BIG;
	return h + MD_HDR;
}

static void *md_calloc(size_t n, size_t size)
{
	if (size && n > (SIZE_MAX >> 1) / size)
		return xcalloc(n, size); /* dies, as on any exhaustion */
	void *p = md_block_new(n * size);
	memset(p, 0, n * size);
	return p;
}

/* the index of big block H in A */
static size_t md_big_at(const md_arena *a, const char *h)
{
	size_t i = 0;
	while (i < a->nbig && a->big[i] != h)
		i++;
	return i;
}

static void *md_realloc(void *old, size_t n)
{
	if (!old)
		return md_block_new(n);
	md_arena *a = md_cur;
	char *h = (char *)old - MD_HDR;
	size_t have = ((size_t *)h)[0];
	if (((size_t *)h)[1]) {
		size_t i = md_big_at(a, h);
		h = xrealloc(h, MD_HDR + n);
		a->big[i] = h;
		((size_t *)h)[0] = n;
		return h + MD_HDR;
	}
	if (n <= have)
		return old;
	md_chunk *c = a->head;
	if (n < MD_BIG && h + md_span(have) == (char *)c->data + c->used &&
	    c->used - md_span(have) + md_span(n) <= c->cap) {
		/* the last block of its chunk grows in place */
		c->used += md_span(n) - md_span(have);
		((size_t *)h)[0] = n;
		return old;
	}
	void *p = md_block_new(n);
	memcpy(p, old, have);
	return p;
}

static void md_free(void *p)
{
	if (!p)
		return;
	char *h = (char *)p - MD_HDR;
	if (!((size_t *)h)[1])
		return; /* goes with the arena */
	md_arena *a = md_cur;
	size_t i = md_big_at(a, h);
	a->big[i] = a->big[--a->nbig];
	free(h);
}

static void md_arena_release(md_arena *a)
{
	while (a->head) {
		md_chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
	for (size_t i = 0; i < a->nbig; i++)
		free(a->big[i]);
	free(a->big);
	memset(a, 0, sizeof(*a));
}

static cmark_mem md_mem = {md_calloc, md_realloc, md_free};

void md_init(void)
{
	pthread_mutex_lock(&md_lock);
	cmark_gfm_core_extensions_ensure_registered();
	pthread_mutex_unlock(&md_lock);
}

/* Appends the inline text under NODE; nested lists and blocks are left out
 * when SKIP_BLOCKS (an item's own text only). */
static void inline_text(cmark_node *node, strbuf *sb, int skip_blocks)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		switch (t) {
		case CMARK_NODE_TEXT: {
			const char *s = cmark_node_get_literal(c);
			if (s)
				sb_adds(sb, s);
			break;
		}
		case CMARK_NODE_CODE: {
			/* backticks kept: extraction skips code, search still sees it */
			const char *s = cmark_node_get_literal(c);
			if (s && !strchr(s, '`')) {
				sb_addc(sb, '`');
				sb_adds(sb, s);
				sb_addc(sb, '`');
			} else if (s) {
				sb_adds(sb, s);
			}
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: sb_addc(sb, '\n'); break;
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_HTML_INLINE: break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			if (!skip_blocks)
				inline_text(c, sb, skip_blocks);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (sb->len && sb->buf[sb->len - 1] != '\n')
				sb_addc(sb, '\n');
			inline_text(c, sb, skip_blocks);
			break;
		default: inline_text(c, sb, skip_blocks); break;
		}
	}
}

static md_block *add_block(md_doc *doc, int kind, int level, int line, int section)
{
	ALLOC_GROW(doc->v, doc->n, doc->cap);
	md_block *b = &doc->v[doc->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->line = line;
	b->section = section;
	b->table = -1;
	return b;
}

static int list_depth(cmark_node *n)
{
	int d = 0;
	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LIST)
			d++;
	return d;
}

void md_parse(const char *body, size_t len, md_doc *doc)
{
	md_arena mem = {0};
	md_cur = &mem;
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &md_mem);
	static const char *exts[] = {"table", "strikethrough", "autolink"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	int table = md_table_may_open(body, len);
	if (table)
		pthread_mutex_lock(&md_lock);
	cmark_parser_feed(parser, body, len);
	if (!table)
		pthread_mutex_lock(&md_lock);
	cmark_node *root = cmark_parser_finish(parser);
	pthread_mutex_unlock(&md_lock);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int section = -1, tables = 0;
	strbuf sb = STRBUF_INIT;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *ts = cmark_node_get_type_string(n);
		int line = cmark_node_get_start_line(n);
		sb_reset(&sb);
		if (t == CMARK_NODE_HEADING) {
			inline_text(n, &sb, 1);
			md_block *b = add_block(doc, MD_HEADING, cmark_node_get_heading_level(n),
						line, section);
			b->text = xstrdup(sb_str(&sb));
			section = (int)doc->n - 1;
		} else if (t == CMARK_NODE_ITEM) {
			inline_text(n, &sb, 1);
			md_block *b = add_block(doc, MD_ITEM, list_depth(n), line, section);
			b->text = xstrdup(sb_str(&sb));
		} else if (t == CMARK_NODE_PARAGRAPH) {
			cmark_node *p = cmark_node_parent(n);
			if (p && cmark_node_get_type(p) == CMARK_NODE_ITEM)
				continue; /* part of its item's text */
			inline_text(n, &sb, 1);
			/* "##Participants": a heading without its space, which
			 * CommonMark reads as text, is taken for one (two #s at
			 * least: "#tag" alone on a line is an Obsidian tag) */
			const char *tx = sb_str(&sb);
			size_t h = strspn(tx, "#");
			if (h >= 2 && h <= 6 && isalpha((unsigned char)tx[h]) &&
			    !strchr(tx, '\n')) {
				md_block *b = add_block(doc, MD_HEADING, (int)h, line, section);
				b->text = xstrdup(tx + h);
				section = (int)doc->n - 1;
				continue;
			}
			md_block *b = add_block(doc, MD_PARA, 0, line, section);
			b->text = xstrdup(tx);
		} else if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
			md_block *b = add_block(doc, MD_CODE, 0, line, section);
			const char *lit = cmark_node_get_literal(n);
			b->text = xstrdup(t == CMARK_NODE_CODE_BLOCK && lit ? lit : "");
		} else if (ts && !strcmp(ts, "table")) {
			tables++;
		} else if (ts && (!strcmp(ts, "table_row") || !strcmp(ts, "table_header"))) {
			int header = cmark_gfm_extensions_get_table_row_is_header(n) ||
				     !strcmp(ts, "table_header");
			int first = 1;
			for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
				if (!first)
					sb_addc(&sb, '\t');
				first = 0;
				size_t before = sb.len;
				inline_text(c, &sb, 0);
				for (size_t k = before; k < sb.len; k++)
					if (sb.buf[k] == '\t' || sb.buf[k] == '\n')
						sb.buf[k] = ' ';
			}
			md_block *b = add_block(doc, MD_ROW, header, line, section);
			b->table = tables - 1;
			b->text = xstrdup(sb_str(&sb));
		}
	}
	sb_release(&sb);
	/* the iterator, the tree and the parser go with the arena */
	md_arena_release(&mem);
	md_cur = NULL;
}

void md_release(md_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->v[i].text);
	free(doc->v);
	memset(doc, 0, sizeof(*doc));
}
