/*
 * cli/cmd_apikey.c: `budjetti apikey`, the operator's way to manage a
 * provider's API keys from the shell (as the system: no signed-in actor,
 * app/apikey.h), e.g. to give a care system its first key or to revoke a
 * leaked one at once.
 *
 *   budjetti apikey create --db PATH --provider ID --name NAME
 *                          --scopes commitments:read,events:write
 *
 * prints "id N" and "key bud_..." (the key, this once: it is stored only
 * as a hash).
 *
 *   budjetti apikey list --db PATH --provider ID
 *
 * prints one line a key, newest first, fields separated by tabs: id, how
 * the key begins, state, scopes, created and last used (UTC, "-" for
 * never), name.
 *
 *   budjetti apikey revoke --db PATH --id N
 *
 * Exit 0 on success, 1 when refused (the field and reason on stderr) or
 * the database fails, 2 on a usage error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/apikey.h"
#include "cli/cli.h"
#include "bud_limits.h"

#define APIKEY_USAGE \
	"usage: budjetti apikey create --db PATH --provider ID --name NAME\n" \
	"           --scopes commitments:read,events:write\n" \
	"       budjetti apikey list --db PATH --provider ID\n" \
	"       budjetti apikey revoke --db PATH --id N\n"

struct opts {
	const char *db, *provider, *name, *scopes, *id;
};

/* "--name VALUE" pairs; -1 on a usage error. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v || strncmp(k, "--", 2) != 0)
			return -1;
		if (strcmp(k, "--db") == 0)
			o->db = v;
		else if (strcmp(k, "--provider") == 0)
			o->provider = v;
		else if (strcmp(k, "--name") == 0)
			o->name = v;
		else if (strcmp(k, "--scopes") == 0)
			o->scopes = v;
		else if (strcmp(k, "--id") == 0)
			o->id = v;
		else
			return -1;
	}
	return o->db ? 0 : -1;
}

/* A positive id, or -1 (message printed). */
static int64_t id_of(const char *field, const char *s)
{
	long long v = 0;
	char *end = NULL;

	errno = 0;
	if (s)
		v = strtoll(s, &end, 10);
	if (!s || errno || end == s || *end || v <= 0) {
		fprintf(stderr, "budjetti apikey: --%s: a positive whole number\n", field);
		return -1;
	}
	return (int64_t)v;
}

/* "commitments:read,events:write" -> bits; 0 when a name is unknown. */
static unsigned scopes_of(const char *s)
{
	char word[32];
	unsigned bits = 0, bit;
	size_t n;

	while (s && *s) {
		n = strcspn(s, ", ");
		if (n == 0 || n >= sizeof(word))
			return 0;
		memcpy(word, s, n);
		word[n] = '\0';
		if (!(bit = bud_scope_parse(word)))
			return 0;
		bits |= bit;
		s += n;
		s += strspn(s, ", ");
	}
	return bits;
}

static int run_create(bud_app *app, const struct opts *o)
{
	struct bud_apikey_new in = {o->name, scopes_of(o->scopes)};
	char key[BUD_APIKEY_TEXT + 1];
	int64_t provider = id_of("provider", o->provider), id = 0;
	bud_err err;

	if (provider < 0 || !o->name || !o->scopes)
		return 2;
	bud_err_clear(&err);
	if (bud_apikey_create(app, NULL, provider, &in, &id, key, sizeof(key), &err))
		return bud_cli_fail("apikey", &err);
	printf("id %" PRId64 "\nkey %s\n", id, key);
	sodium_memzero(key, sizeof(key));
	return 0;
}

/* A Unix time as "YYYY-MM-DD HH:MM UTC", "-" for 0. */
static void when(json_t *v, char *out, size_t outsz)
{
	time_t t = (time_t)json_integer_value(v);
	struct tm tm;

	if (!json_is_integer(v) || !gmtime_r(&t, &tm) ||
	    !strftime(out, outsz, "%Y-%m-%d %H:%M UTC", &tm))
		snprintf(out, outsz, "-");
}

static int run_list(bud_app *app, const struct opts *o)
{
	int64_t provider = id_of("provider", o->provider);
	char made[32], used[32], sc[BUD_APIKEY_SCOPES_TEXT + 1];
	json_t *list = NULL, *k, *s;
	size_t i, j;
	bud_err err;

	if (provider < 0)
		return 2;
	bud_err_clear(&err);
	if (bud_apikey_list(app, NULL, provider, &list, &err))
		return bud_cli_fail("apikey", &err);
	json_array_foreach(list, i, k) {
		unsigned bits = 0;

		json_array_foreach(json_object_get(k, "scopes"), j, s)
			bits |= bud_scope_parse(json_string_value(s));
		bud_scopes_text(bits, sc, sizeof(sc));
		when(json_object_get(k, "created_at"), made, sizeof(made));
		when(json_object_get(k, "last_used_at"), used, sizeof(used));
		printf("%" JSON_INTEGER_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n",
		       json_integer_value(json_object_get(k, "id")),
		       json_string_value(json_object_get(k, "prefix")),
		       json_string_value(json_object_get(k, "state")), sc, made, used,
		       json_string_value(json_object_get(k, "name")));
	}
	json_decref(list);
	return 0;
}

static int run_revoke(bud_app *app, const struct opts *o)
{
	int64_t id = id_of("id", o->id);
	bud_err err;

	if (id < 0)
		return 2;
	bud_err_clear(&err);
	if (bud_apikey_revoke(app, NULL, id, &err))
		return bud_cli_fail("apikey", &err);
	printf("revoked %" PRId64 "\n", id);
	return 0;
}

int bud_cmd_apikey(int argc, char **argv)
{
	struct opts o;
	bud_app app;
	bud_err err;
	int rc;

	if (argc < 1 || parse_opts(argc - 1, argv + 1, &o) != 0) {
		fputs(APIKEY_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	if (bud_cli_open_app(o.db, NULL, &app, &err) != BUD_OK) {
		bud_db_close(app.db);
		return bud_cli_fail("apikey", &err);
	}
	if (strcmp(argv[0], "create") == 0)
		rc = run_create(&app, &o);
	else if (strcmp(argv[0], "list") == 0)
		rc = run_list(&app, &o);
	else if (strcmp(argv[0], "revoke") == 0)
		rc = run_revoke(&app, &o);
	else
		rc = 2;
	if (rc == 2)
		fputs(APIKEY_USAGE, stderr);
	bud_db_close(app.db);
	return rc;
}
