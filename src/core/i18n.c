/*
 * core/i18n.c: message lookup in fi, sv and en, and Accept-Language
 * negotiation.
 *
 * The catalogs are the files src/i18n/AREA.LANG.msg, embedded at build time
 * as bud_catalog_files (src/i18n/meson.build, tools/embed.c): core/ does no
 * I/O. At the first lookup (pthread_once) every file of a language is copied
 * once into memory owned by this module for the life of the program, cut
 * into NUL-terminated key and text strings, and sorted by key; afterwards
 * the tables are read-only, so lookups need no lock. A key defined twice in
 * one language keeps its first definition (file order, then line order);
 * the unit test refuses duplicates anyway.
 *
 * If the one allocation fails, the tables stay empty and every lookup
 * answers with the key itself: texts degrade, nothing crashes.
 */
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/i18n.h"
#include "bud_limits.h"

extern const struct bud_embed bud_catalog_files[];

/* One catalog line. seq keeps the order of definition for equal keys. */
struct msg {
	const char *key;
	const char *text;
	size_t seq;
};

struct catalog {
	struct msg *v;
	size_t n;
};

enum { LANG_FI, LANG_SV, LANG_EN, LANG_COUNT };
_Static_assert(LANG_COUNT == BUD_LANGS, "core/i18n.h BUD_LANGS");

static const char *const lang_codes[LANG_COUNT] = {"fi", "sv", "en"};
static struct catalog catalogs[LANG_COUNT];
static pthread_once_t catalogs_once = PTHREAD_ONCE_INIT;

static int lang_index(const char *lang)
{
	int i;

	for (i = 0; lang && i < LANG_COUNT; i++)
		if (strcmp(lang, lang_codes[i]) == 0)
			return i;
	return LANG_FI;
}

const char *bud_lang_code(int i)
{
	return i >= 0 && i < LANG_COUNT ? lang_codes[i] : lang_codes[LANG_FI];
}

int bud_lang_index(const char *lang)
{
	return lang_index(lang);
}

/* Whether file `name` belongs to language li: it ends in ".LANG.msg". */
static int file_is_lang(const char *name, int li)
{
	size_t n = strlen(name);

	return n > 7 && name[n - 7] == '.' &&
	       memcmp(name + n - 6, lang_codes[li], 2) == 0 &&
	       strcmp(name + n - 4, ".msg") == 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Cut one line (NUL-terminated, may be modified) into c->v[c->n]. */
static void parse_line(char *line, struct catalog *c, size_t *seq)
{
	char *eq, *end;

	while (is_blank(*line))
		line++;
	if (*line == '\0' || *line == '#')
		return;
	eq = strchr(line, '=');
	if (!eq || eq == line)
		return;
	for (end = eq; end > line && is_blank(end[-1]); end--)
		;
	*end = '\0';
	for (eq++; is_blank(*eq); eq++)
		;
	for (end = eq + strlen(eq); end > eq && is_blank(end[-1]); end--)
		;
	*end = '\0';
	c->v[c->n].key = line;
	c->v[c->n].text = eq;
	c->v[c->n].seq = (*seq)++;
	c->n++;
}

/* Copy file f to mem (len + 1 bytes) and add its lines to c. */
static void parse_file(const struct bud_embed *f, char *mem, struct catalog *c,
		       size_t *seq)
{
	char *p = mem, *nl;

	memcpy(mem, f->data, f->len);
	mem[f->len] = '\0';
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)	/* UTF-8 byte order mark */
		p += 3;
	for (; p; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		parse_line(p, c, seq);
	}
}

static int msg_cmp(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Build all tables from one allocation: the entries of every language
 * (at most one per line: lines <= newlines + 1 per file), then the text.
 */
static void load_catalogs(void)
{
	const struct bud_embed *f;
	size_t lines = 0, bytes = 0, seq = 0;
	struct msg *entries;
	char *text;
	int li;

	for (f = bud_catalog_files; f->name; f++) {
		const char *p = f->data, *e = f->data + f->len;

		lines += 1;
		for (; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
			lines++;
		bytes += f->len + 1;
	}
	entries = malloc(lines * sizeof *entries + bytes);
	if (!entries)
		return;
	text = (char *)(entries + lines);
	for (li = 0; li < LANG_COUNT; li++) {
		struct catalog *c = &catalogs[li];

		c->v = entries;
		for (f = bud_catalog_files; f->name; f++) {
			if (!file_is_lang(f->name, li))
				continue;
			parse_file(f, text, c, &seq);
			text += f->len + 1;
		}
		qsort(c->v, c->n, sizeof *c->v, msg_cmp);
		entries += c->n;
	}
	assert(seq <= lines);
}

static const struct catalog *catalog_of(const char *lang)
{
	pthread_once(&catalogs_once, load_catalogs);
	return &catalogs[lang_index(lang)];
}

/* The first entry with key, or NULL. */
static const struct msg *find(const struct catalog *c, const char *key)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(c->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->n && strcmp(c->v[lo].key, key) == 0)
		return &c->v[lo];
	return NULL;
}

const char *bud_msg(const char *lang, const char *key)
{
	const struct msg *m;

	if (!key)
		return "";
	m = find(catalog_of(lang), key);
	if (!m && lang_index(lang) != LANG_FI)
		m = find(catalog_of("fi"), key);
	return m ? m->text : key;
}

int bud_lang_valid(const char *lang)
{
	int i;

	for (i = 0; lang && i < LANG_COUNT; i++)
		if (strcmp(lang, lang_codes[i]) == 0)
			return 1;
	return 0;
}

size_t bud_msg_count(const char *lang)
{
	return catalog_of(lang)->n;
}

const char *bud_msg_key(const char *lang, size_t i)
{
	const struct catalog *c = catalog_of(lang);

	return i < c->n ? c->v[i].key : NULL;
}

/*
 * Accept-Language (RFC 9110, section 12.5.4):
 *   #( ( 1*8ALPHA *( "-" 1*8alphanum ) / "*" ) [ OWS ";" OWS "q=" qvalue ] )
 * A malformed element is skipped, not the whole header. A language's weight
 * is the highest q of the ranges whose primary tag names it ("sv-FI" counts
 * as sv); a language not named takes the weight of "*", if any. q=0 means
 * not acceptable. Ties go to the element listed first, then fi, sv, en.
 */
enum { RANGE_OTHER = -1, RANGE_STAR = LANG_COUNT };

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *skip_ows(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in 1/1000. */
static int parse_qvalue(const char **pp, const char *e, int *q)
{
	const char *p = *pp;
	int v, nd = 0, scale = 100;

	if (p == e || (*p != '0' && *p != '1'))
		return 0;
	v = (*p++ - '0') * 1000;
	if (p < e && *p == '.')
		for (p++; p < e && is_digit(*p) && nd < 3; p++, nd++, scale /= 10)
			v += (*p - '0') * scale;
	if (v > 1000)
		return 0;
	*q = v;
	*pp = p;
	return 1;
}

/* The language of a primary tag [p, p + n). */
static int range_lang(const char *p, size_t n)
{
	int i;

	if (n != 2)
		return RANGE_OTHER;
	for (i = 0; i < LANG_COUNT; i++)
		if ((p[0] | 0x20) == lang_codes[i][0] && (p[1] | 0x20) == lang_codes[i][1])
			return i;
	return RANGE_OTHER;
}

/* One element [p, e) without surrounding whitespace; 0 when malformed. */
static int parse_element(const char *p, const char *e, int *lang, int *q)
{
	size_t n;

	if (p < e && *p == '*') {
		*lang = RANGE_STAR;
		p++;
	} else {
		for (n = 0; p + n < e && is_alpha(p[n]); n++)
			;
		if (n == 0 || n > 8)
			return 0;
		*lang = range_lang(p, n);
		p += n;
		while (p < e && *p == '-') {
			for (p++, n = 0; p + n < e && (is_alpha(p[n]) || is_digit(p[n])); n++)
				;
			if (n == 0 || n > 8)
				return 0;
			p += n;
		}
	}
	*q = 1000;
	p = skip_ows(p, e);
	if (p == e)
		return 1;
	if (*p != ';')
		return 0;
	p = skip_ows(p + 1, e);
	if (e - p < 2 || (p[0] | 0x20) != 'q' || p[1] != '=')
		return 0;
	p += 2;
	if (!parse_qvalue(&p, e, q))
		return 0;
	return skip_ows(p, e) == e;
}

/* Weight and position of each language, and of "*". */
struct choice {
	int q[LANG_COUNT + 1];		/* -1: not named */
	int pos[LANG_COUNT + 1];
};

static void note_element(struct choice *c, const char *p, const char *e, int idx)
{
	int lang, q;

	p = skip_ows(p, e);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e || !parse_element(p, e, &lang, &q) || lang == RANGE_OTHER)
		return;
	if (q > c->q[lang]) {
		c->q[lang] = q;
		c->pos[lang] = idx;
	}
}

const char *bud_lang_negotiate(const char *hdr)
{
	struct choice c;
	const char *p, *e, *comma;
	int i, idx = 0, best = LANG_FI, best_q = 0, best_pos = 0, q, pos;

	if (!hdr)
		return lang_codes[LANG_FI];
	p = hdr;
	e = hdr + strnlen(hdr, BUD_MAX_ACCEPT_LANG + 1);
	if (e - p > BUD_MAX_ACCEPT_LANG)
		return lang_codes[LANG_FI];
	for (i = 0; i <= LANG_COUNT; i++) {
		c.q[i] = -1;
		c.pos[i] = 0;
	}
	for (;; idx++) {
		comma = memchr(p, ',', (size_t)(e - p));
		note_element(&c, p, comma ? comma : e, idx);
		if (!comma)
			break;
		p = comma + 1;
	}
	for (i = 0; i < LANG_COUNT; i++) {
		q = c.q[i] >= 0 ? c.q[i] : c.q[RANGE_STAR];
		pos = c.q[i] >= 0 ? c.pos[i] : c.pos[RANGE_STAR];
		if (q > best_q || (q == best_q && q > 0 && pos < best_pos)) {
			best = i;
			best_q = q;
			best_pos = pos;
		}
	}
	return lang_codes[best];
}
