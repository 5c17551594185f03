/*
 * tokens: a build tool that turns the Suomi.fi design tokens (npm package
 * suomifi-design-tokens, dist/tokens.scss) into CSS custom properties and
 * appends budjetti's own stylesheet, so the service serves ONE stylesheet.
 *
 *   tokens TOKENS.scss OWN.css OUT.css
 *
 * TOKENS.scss is a sequence of `$name: value;` declarations and
 * `@mixin name { ... }` blocks, separated by white space. Every declaration
 * becomes `--name:value;` inside one `:root{...}` rule; mixins are skipped
 * (budjetti's own rules set typography themselves). Anything else, a value
 * that could break out of a CSS declaration, or a bound exceeded, is an error
 * naming file, line and column; OUT.css is then removed and the exit status
 * is 1. Usage errors exit with 2.
 *
 * Everything is bounded: file sizes, name and value lengths, the number of
 * variables and the nesting of braces and parentheses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKENS_MAX_FILE		(1024 * 1024)	/* either input file */
#define TOKENS_MAX_NAME		128		/* a variable or mixin name */
#define TOKENS_MAX_VALUE	1024		/* one variable's value */
#define TOKENS_MAX_VARS		4096		/* declarations in TOKENS.scss */
#define TOKENS_MAX_DEPTH	16		/* braces in a mixin, parens in a value */

/* The file being parsed: owns `data` (malloc'd, NUL-terminated). */
struct src {
	const char *path;
	char *data;
	size_t len;
	size_t pos;
};

/* Print "path:line:col: msg" for the position `at` of `s`; always -1. */
static int fail(const struct src *s, size_t at, const char *msg, const char *arg)
{
	size_t i, line = 1, col = 1;

	for (i = 0; i < at && i < s->len; i++) {
		if (s->data[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	fprintf(stderr, "tokens: %s:%zu:%zu: %s%s%s\n", s->path, line, col, msg,
		arg ? " " : "", arg ? arg : "");
	return -1;
}

/* Read all of `path` (at most TOKENS_MAX_FILE bytes, no NUL bytes) into s. */
static int read_all(const char *path, struct src *s)
{
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc = -1;

	memset(s, 0, sizeof *s);
	s->path = path;
	if (!in) {
		perror(path);
		return -1;
	}
	s->data = malloc(TOKENS_MAX_FILE + 2);
	if (!s->data) {
		fprintf(stderr, "tokens: out of memory\n");
		goto out;
	}
	n = fread(s->data, 1, TOKENS_MAX_FILE + 1, in);
	if (ferror(in)) {
		perror(path);
		goto out;
	}
	if (n > TOKENS_MAX_FILE) {
		fprintf(stderr, "tokens: %s: larger than %d bytes\n", path,
			TOKENS_MAX_FILE);
		goto out;
	}
	s->data[n] = '\0';
	s->len = n;
	if (memchr(s->data, '\0', n)) {
		fprintf(stderr, "tokens: %s: contains a NUL byte\n", path);
		goto out;
	}
	rc = 0;
out:
	fclose(in);
	return rc;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void skip_space(struct src *s)
{
	while (s->pos < s->len && is_space((unsigned char)s->data[s->pos]))
		s->pos++;
}

/*
 * Parse a name ([a-z][a-z0-9-]*, at most TOKENS_MAX_NAME) at s->pos into
 * name[TOKENS_MAX_NAME + 1].
 */
static int parse_name(struct src *s, char *name)
{
	size_t start = s->pos, n;

	if (s->pos >= s->len || s->data[s->pos] < 'a' || s->data[s->pos] > 'z')
		return fail(s, s->pos, "expected a name (a-z, 0-9, -)", NULL);
	while (s->pos < s->len && is_name_char((unsigned char)s->data[s->pos]))
		s->pos++;
	n = s->pos - start;
	if (n > TOKENS_MAX_NAME)
		return fail(s, start, "name too long", NULL);
	memcpy(name, s->data + start, n);
	name[n] = '\0';
	return 0;
}

/*
 * A value may hold letters, digits, space and . , % ( ) # + - / only, with
 * balanced parentheses and no comment opener: nothing that could end the
 * declaration or the :root rule, start a comment or a string.
 */
static int value_char_ok(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr(" .,%()#+-/", c) != NULL;
}

/* Parse a value up to ';' (consumed) into `value`, trailing space trimmed. */
static int parse_value(struct src *s, const char *name, char *value)
{
	size_t start = s->pos, n;
	int depth = 0;
	char c;

	for (;; s->pos++) {
		if (s->pos >= s->len)
			return fail(s, start, "missing ';' after the value of", name);
		c = s->data[s->pos];
		if (c == ';')
			break;
		if (c == '\n' || c == '\r' || !value_char_ok((unsigned char)c) ||
		    (c == '/' && s->data[s->pos + 1] == '*'))
			return fail(s, s->pos, "unexpected character in the value of", name);
		if (c == '(' && ++depth > TOKENS_MAX_DEPTH)
			return fail(s, s->pos, "parentheses nested too deep in", name);
		if (c == ')' && --depth < 0)
			return fail(s, s->pos, "unbalanced ')' in the value of", name);
	}
	if (depth != 0)
		return fail(s, s->pos, "unclosed '(' in the value of", name);
	n = s->pos - start;
	while (n > 0 && s->data[start + n - 1] == ' ')
		n--;
	if (n == 0)
		return fail(s, start, "empty value for", name);
	if (n > TOKENS_MAX_VALUE)
		return fail(s, start, "value too long for", name);
	memcpy(value, s->data + start, n);
	value[n] = '\0';
	s->pos++;	/* the ';' */
	return 0;
}

/* `$name: value;` at s->pos: write `--name:value;` to out. */
static int parse_decl(struct src *s, FILE *out)
{
	char name[TOKENS_MAX_NAME + 1];
	char value[TOKENS_MAX_VALUE + 1];

	s->pos++;	/* the '$' */
	if (parse_name(s, name) != 0)
		return -1;
	skip_space(s);
	if (s->pos >= s->len || s->data[s->pos] != ':')
		return fail(s, s->pos, "expected ':' after", name);
	s->pos++;
	skip_space(s);
	if (parse_value(s, name, value) != 0)
		return -1;
	fprintf(out, "--%s:%s;\n", name, value);
	return 0;
}

/* `@mixin name { ... }` at s->pos: skip it, braces nested at most MAX_DEPTH. */
static int skip_mixin(struct src *s)
{
	static const char kw[] = "@mixin";
	char name[TOKENS_MAX_NAME + 1];
	size_t open;
	int depth = 0;

	if (s->len - s->pos < sizeof kw - 1 ||
	    memcmp(s->data + s->pos, kw, sizeof kw - 1) != 0)
		return fail(s, s->pos, "expected '@mixin'", NULL);
	s->pos += sizeof kw - 1;
	skip_space(s);
	if (parse_name(s, name) != 0)
		return -1;
	skip_space(s);
	if (s->pos >= s->len || s->data[s->pos] != '{')
		return fail(s, s->pos, "expected '{' after @mixin", name);
	open = s->pos;
	for (; s->pos < s->len; s->pos++) {
		if (s->data[s->pos] == '{' && ++depth > TOKENS_MAX_DEPTH)
			return fail(s, s->pos, "braces nested too deep in @mixin", name);
		if (s->data[s->pos] == '}' && --depth == 0) {
			s->pos++;
			return 0;
		}
	}
	return fail(s, open, "unclosed '{' of @mixin", name);
}

/* Translate the whole of `s` into one :root rule on out. */
static int translate(struct src *s, FILE *out)
{
	size_t count = 0;

	fprintf(out, "/* generated by tools/tokens.c from suomifi-design-tokens "
		     "(MIT) and src/web/static/style.css: do not edit */\n:root{\n");
	for (;;) {
		skip_space(s);
		if (s->pos >= s->len)
			break;
		if (s->data[s->pos] == '$') {
			if (++count > TOKENS_MAX_VARS)
				return fail(s, s->pos, "too many variables", NULL);
			if (parse_decl(s, out) != 0)
				return -1;
		} else if (s->data[s->pos] == '@') {
			if (skip_mixin(s) != 0)
				return -1;
		} else {
			return fail(s, s->pos, "expected '$name: value;' or '@mixin'", NULL);
		}
	}
	if (count == 0)
		return fail(s, s->pos, "no variables found", NULL);
	fprintf(out, "}\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct src tokens = {0}, own = {0};
	FILE *out = NULL;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: tokens TOKENS.scss OWN.css OUT.css\n");
		return 2;
	}
	if (read_all(argv[1], &tokens) != 0 || read_all(argv[2], &own) != 0)
		goto out;
	out = fopen(argv[3], "w");
	if (!out) {
		perror(argv[3]);
		goto out;
	}
	if (translate(&tokens, out) != 0)
		goto out;
	if (fwrite(own.data, 1, own.len, out) != own.len) {
		perror(argv[3]);
		goto out;
	}
	rc = 0;
out:
	if (out && fclose(out) != 0 && rc == 0) {
		perror(argv[3]);
		rc = 1;
	}
	if (rc != 0 && out)
		remove(argv[3]);
	free(tokens.data);
	free(own.data);
	return rc;
}
