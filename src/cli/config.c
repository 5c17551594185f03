/*
 * cli/config.c: the configuration file of a subcommand (today `serve`):
 * an INI file read with libinih, whose section [CMD] holds the command's
 * long options without their dashes:
 *
 *   [serve]
 *   db = /var/lib/budjetti/budjetti.db
 *   port = 8080
 *   trusted-proxy = 127.0.0.1     ; repeatable: every line counts
 *   secure-cookies = true         ; a flag: true/yes/on or false/no/off
 *
 * The file is turned into the arguments it stands for, put before the
 * command line's, and the command's own option parser reads them all:
 * an option added to the command later works in the file with no code
 * here. The keys allowed are the options named in the command's usage
 * text; a key there written "[--key]" is a flag, any other takes a value.
 * A key also given on the command line is dropped from the file's
 * arguments, so the command line wins, for repeatable options too.
 * Secrets are never options: they come from environment variables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "bud_limits.h"
#include "cli/cli.h"

struct conf {
	const char *cmd, *usage;
	int argc;		/* the command line's, without --config FILE */
	char **argv;
	char **out;		/* the file's arguments, then the command line's */
	int nout;
	char bad[160];		/* the first refusal, without its line */
};

/* How usage names --key: 0 not at all, 1 a flag ("[--key]"), 2 with a value. */
static int key_kind(const char *usage, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = strstr(usage, "--"); p; p = strstr(p + 2, "--"))
		if (strncmp(p + 2, key, n) == 0 && (p == usage || p[-1] != '-')) {
			if (p[2 + n] == ']')
				return 1;
			if (p[2 + n] == ' ' || p[2 + n] == '=' || p[2 + n] == '\0')
				return 2;
		}
	return 0;
}

static int on_command_line(const struct conf *c, const char *key)
{
	int i;

	for (i = 0; i < c->argc; i++)
		if (strncmp(c->argv[i], "--", 2) == 0 && strcmp(c->argv[i] + 2, key) == 0)
			return 1;
	return 0;
}

static int push(struct conf *c, const char *s)
{
	char *d = strdup(s);

	if (!d)
		return 0;
	c->out[c->nout++] = d;
	return 1;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
	struct conf *c = user;
	int kind = strcmp(key, "config") == 0 ? 0 : key_kind(c->usage, key);
	char opt[BUD_CONFIG_LINE_MAX + 3];

	if (c->bad[0])
		return 0;
	if (strcmp(section, c->cmd) != 0) {
		snprintf(c->bad, sizeof c->bad, "key '%.60s' outside [%s]", key, c->cmd);
		return 0;
	}
	if (kind == 0) {
		snprintf(c->bad, sizeof c->bad, "unknown key '%.60s' (not an option of %s)",
			 key, c->cmd);
		return 0;
	}
	if (on_command_line(c, key))
		return 1;	/* the command line wins */
	snprintf(opt, sizeof opt, "--%s", key);
	if (kind == 1) {
		if (!strcasecmp(value, "false") || !strcasecmp(value, "no") || !strcasecmp(value, "off"))
			return 1;
		if (strcasecmp(value, "true") && strcasecmp(value, "yes") && strcasecmp(value, "on")) {
			snprintf(c->bad, sizeof c->bad, "'%.60s' is a flag: true or false", key);
			return 0;
		}
		return push(c, opt);
	}
	return push(c, opt) && push(c, value);
}

/* The file into buf (NUL-ended); 0, or -1 with *why set. */
static int read_file(const char *path, char *buf, size_t bufsz, const char **why)
{
	FILE *f = fopen(path, "r");
	size_t n;
	char *p, *nl;

	*why = "cannot be read";
	if (!f)
		return -1;
	n = fread(buf, 1, bufsz - 1, f);
	buf[n] = '\0';
	if (ferror(f) || !feof(f) || fgetc(f) != EOF) {
		*why = ferror(f) ? "cannot be read" : "is too long";
		fclose(f);
		return -1;
	}
	fclose(f);
	*why = "has a line that is too long";
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if ((size_t)((nl ? nl : p + strlen(p)) - p) > BUD_CONFIG_LINE_MAX)
			return -1;
		if (!nl)
			break;
	}
	*why = strlen(buf) == n ? NULL : "holds a NUL byte";
	return *why ? -1 : 0;
}

/* The file named by --config FILE (taken out of argv into c) or by
 * BUDJETTI_CONFIG; NULL for none, "" on a usage error. */
static const char *config_path(struct conf *c, int argc, char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0) {
			if (i + 1 >= argc || path)
				return "";
			path = argv[++i];
		} else {
			c->argv[c->argc++] = argv[i];
		}
	}
	if (!path && getenv("BUDJETTI_CONFIG") && getenv("BUDJETTI_CONFIG")[0])
		path = getenv("BUDJETTI_CONFIG");
	return path;
}

/* Parse the file's text into c->out; 0, or the exit code (message printed). */
static int parse_text(struct conf *c, const char *path, const char *text)
{
	size_t lines = 1;
	const char *p;
	int line;

	for (p = text; *p; p++)
		lines += *p == '\n';
	c->out = calloc(2 * lines + (size_t)c->argc + 1, sizeof *c->out);
	if (!c->out)
		return fprintf(stderr, "budjetti %s: out of memory\n", c->cmd), 1;
	ini_allow_multiline = false;	/* an indented line is an error, not a continuation */
	line = ini_parse_string(text, on_key, c);
	if (line == 0)
		return 0;
	fprintf(stderr, "budjetti %s: %s:%d: %s\n", c->cmd, path, line,
		c->bad[0] ? c->bad : "not a line of an INI file (key = value, [section], ; comment)");
	return 2;
}

int bud_cli_config_load(const char *cmd, const char *usage, int argc, char **argv,
			int *out_argc, char ***out_argv)
{
	static char text[BUD_CONFIG_MAX + 1];
	struct conf c = {.cmd = cmd, .usage = usage};
	const char *path, *why;
	int i, rc = 0;

	*out_argc = 0;
	*out_argv = NULL;
	c.argv = calloc((size_t)argc + 1, sizeof *c.argv);
	if (!c.argv)
		return 1;
	path = config_path(&c, argc, argv);
	if (path && !path[0])
		rc = (fprintf(stderr, "budjetti %s: --config takes one FILE\n", cmd), 2);
	else if (path && read_file(path, text, sizeof text, &why) != 0)
		rc = (fprintf(stderr, "budjetti %s: %s: the configuration file %s\n", cmd, path, why), 1);
	else if (path)
		rc = parse_text(&c, path, text);
	else if (!(c.out = calloc((size_t)c.argc + 1, sizeof *c.out)))
		rc = 1;
	for (i = 0; rc == 0 && i < c.argc; i++)
		if (!push(&c, c.argv[i]))
			rc = 1;
	free(c.argv);
	if (rc != 0) {
		bud_cli_config_free(c.nout, c.out);
		return rc;
	}
	*out_argc = c.nout;
	*out_argv = c.out;
	return 0;
}

void bud_cli_config_free(int argc, char **argv)
{
	int i;

	if (!argv)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}
