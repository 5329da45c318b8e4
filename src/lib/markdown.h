/*
 * markdown.h — the body of a note as a flat list of blocks, via cmark-gfm.
 *
 * Extraction works on blocks of plain text: headings, paragraphs, list items
 * (their own text, not nested lists), table rows (one cell each) and code
 * (kept only so line numbers stay right; never scanned for people).
 * Soft line breaks are kept as '\n' so "Date: ...\nAttendees: ..." lines that
 * form one paragraph can still be read line by line.
 */
#ifndef PG_MARKDOWN_H
#define PG_MARKDOWN_H

#include <stddef.h>

enum md_kind { MD_PARA, MD_HEADING, MD_ITEM, MD_ROW, MD_CODE };

typedef struct md_block {
	int kind;
	int level;   /* heading level; list depth for items */
	int line;    /* 1-based line in the body */
	int section; /* index of the heading block this block is under, or -1 */
	int table;   /* rows: a table number (0, 1, ...); header rows have level 1 */
	char *text;  /* items and paragraphs: the text; rows: cells joined by '\t' */
} md_block;

typedef struct md_doc {
	md_block *v;
	size_t n, cap;
} md_doc;

/* Registers cmark-gfm's extensions; call once before any thread parses. */
void md_init(void);
/* Parses BODY (LEN bytes) into DOC (which must be zeroed). */
void md_parse(const char *body, size_t len, md_doc *doc);
void md_release(md_doc *doc);
/* Whether S (LEN bytes) may hold a table: parsing it then excludes other
 * parses for longer (see markdown.c). */
int md_table_may_open(const char *s, size_t len);

#endif
