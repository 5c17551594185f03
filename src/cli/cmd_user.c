/*
 * cli/cmd_user.c: `budjetti user add` and `budjetti user mandate`, the
 * administrator's way to create accounts and record mandates from the
 * shell (as the system: no signed-in actor).
 *
 *   budjetti user add --db PATH --username U --role R --name "Display Name"
 *                     [--lang fi|sv|en] [--provider ID] [--client ID]
 *                     [--unit ID] [--organiser ID]
 *
 * The password is read from stdin (one line) when stdin is not a terminal;
 * otherwise a random 20-character password is generated and printed once.
 * Prints the new id on the first line (and "password: ..." on the second
 * when generated).
 *
 *   budjetti user password --db PATH --username U
 *
 * sets a new password for an existing user (the same rules; read or
 * generated the same way) and ends every session of that user.
 *
 *   budjetti user mandate --db PATH --user ID --client ID --kind K
 *                     --scope view|act --from YYYY-MM-DD [--to YYYY-MM-DD]
 *
 * prints the new mandate's id.
 *
 *   budjetti user identity --db PATH --username U --hetu CODE
 *
 * ties an identity code to a representative's or a provider user's
 * account, for signing in by e-identification; prints the account's id. Exit 0 on success, 1 when the input is
 * refused (the field and the reason on stderr) or the database fails, 2 on
 * a usage error.
 */
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "app/account.h"
#include "app/oidc.h"
#include "cli/cli.h"
#include "bud_limits.h"

#define USER_USAGE \
	"usage: budjetti user add --db PATH --username U --role R --name NAME\n" \
	"           [--lang fi|sv|en] [--provider ID] [--client ID] [--unit ID]\n" \
	"           [--organiser ID]   (password from stdin, else generated)\n" \
	"       budjetti user password --db PATH --username U   (the same; ends\n" \
	"           the user's sessions)\n" \
	"       budjetti user mandate --db PATH --user ID --client ID\n" \
	"           --kind guardian|trustee|authorised --scope view|act\n" \
	"           --from YYYY-MM-DD [--to YYYY-MM-DD]\n" \
	"       budjetti user identity --db PATH --username U --hetu CODE\n"


/* The options both subcommands know; NULL when not given. */
struct user_opts {
	const char *db, *username, *role, *name, *lang;
	const char *provider, *client, *unit, *organiser, *user;
	const char *kind, *scope, *from, *to, *hetu;
};

static const char **opt_slot(struct user_opts *o, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{"db", offsetof(struct user_opts, db)},
		{"username", offsetof(struct user_opts, username)},
		{"role", offsetof(struct user_opts, role)},
		{"name", offsetof(struct user_opts, name)},
		{"lang", offsetof(struct user_opts, lang)},
		{"provider", offsetof(struct user_opts, provider)},
		{"client", offsetof(struct user_opts, client)},
		{"unit", offsetof(struct user_opts, unit)},
		{"organiser", offsetof(struct user_opts, organiser)},
		{"user", offsetof(struct user_opts, user)},
		{"kind", offsetof(struct user_opts, kind)},
		{"scope", offsetof(struct user_opts, scope)},
		{"from", offsetof(struct user_opts, from)},
		{"to", offsetof(struct user_opts, to)},
		{"hetu", offsetof(struct user_opts, hetu)},
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strcmp(opts[i].name, name) == 0)
			return (const char **)(void *)((char *)o + opts[i].off);
	return NULL;
}

/* Parse "--name VALUE" pairs; -1 on a usage error. */
static int parse_opts(int argc, char **argv, struct user_opts *o)
{
	const char **slot;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i += 2) {
		if (strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc)
			return -1;
		slot = opt_slot(o, argv[i] + 2);
		if (!slot) {
			fprintf(stderr, "budjetti user: unknown option '%s'\n", argv[i]);
			return -1;
		}
		*slot = argv[i + 1];
	}
	return o->db ? 0 : -1;
}

/* An id option: 0 when absent, -1 (message printed) when not a number. */
static int64_t id_opt(const char *field, const char *s)
{
	char *end;
	long long v;

	if (!s)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0) {
		fprintf(stderr, "budjetti user: %s: not a positive whole number\n",
			field);
		return -1;
	}
	return (int64_t)v;
}

/* One line of stdin into out, without its line end; -1 when too long or
 * empty input. */
static int read_password(char *out, size_t outsz)
{
	size_t n;

	if (!fgets(out, (int)outsz, stdin))
		return -1;
	n = strlen(out);
	if (n == outsz - 1 && out[n - 1] != '\n' && !feof(stdin))
		return -1;
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

static int user_add(struct user_opts *o)
{
	char pw[BUD_PASSWORD_MAX * 4 + 3];
	struct bud_new_user u;
	int generated = isatty(STDIN_FILENO), rc;
	int64_t id = 0;
	bud_app app;
	bud_err err;

	if (!o->username || !o->role || !o->name) {
		fputs(USER_USAGE, stderr);
		return 2;
	}
	memset(&u, 0, sizeof(u));
	u.username = o->username;
	u.display_name = o->name;
	u.role = o->role;
	u.lang = o->lang;
	u.provider_id = id_opt("provider", o->provider);
	u.client_id = id_opt("client", o->client);
	u.unit_id = id_opt("unit", o->unit);
	u.organiser_id = id_opt("organiser", o->organiser);
	if (u.provider_id < 0 || u.client_id < 0 || u.unit_id < 0 ||
	    u.organiser_id < 0)
		return 1;
	if (generated)
		rc = bud_account_random_password(pw, sizeof(pw), BUD_GEN_PASSWORD_LEN);
	else
		rc = read_password(pw, sizeof(pw));
	if (rc != 0) {
		fprintf(stderr, "budjetti user: password: no line on stdin, or too long\n");
		return 1;
	}
	u.password = pw;
	bud_err_clear(&err);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_account_create(&app, NULL, &u, &id, &err);
	bud_db_close(app.db);
	if (rc == BUD_OK) {
		printf("%" PRId64 "\n", id);
		if (generated)
			printf("password: %s\n", pw);
	}
	sodium_memzero(pw, sizeof(pw));
	return rc == BUD_OK ? 0 : bud_cli_fail("user", &err);
}

static int user_password(struct user_opts *o)
{
	char pw[BUD_PASSWORD_MAX * 4 + 3];
	int generated = isatty(STDIN_FILENO), rc;
	bud_app app;
	bud_err err;

	if (!o->username) {
		fputs(USER_USAGE, stderr);
		return 2;
	}
	if (generated)
		rc = bud_account_random_password(pw, sizeof(pw), BUD_GEN_PASSWORD_LEN);
	else
		rc = read_password(pw, sizeof(pw));
	if (rc != 0) {
		fprintf(stderr, "budjetti user: password: no line on stdin, or too long\n");
		return 1;
	}
	bud_err_clear(&err);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_account_set_password(&app, NULL, o->username, pw, &err);
	bud_db_close(app.db);
	if (rc == BUD_OK && generated)
		printf("password: %s\n", pw);
	sodium_memzero(pw, sizeof(pw));
	return rc == BUD_OK ? 0 : bud_cli_fail("user", &err);
}

static int user_mandate(struct user_opts *o)
{
	int64_t user_id = id_opt("user", o->user);
	int64_t client_id = id_opt("client", o->client);
	int64_t id = 0;
	bud_app app;
	bud_err err;
	int rc;

	if (user_id <= 0 || client_id <= 0) {
		if (user_id == 0 || client_id == 0)
			fputs(USER_USAGE, stderr);
		return user_id == 0 || client_id == 0 ? 2 : 1;
	}
	bud_err_clear(&err);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_account_add_mandate(&app, NULL, user_id, client_id, o->kind,
					     o->scope, o->from, o->to, &id, &err);
	bud_db_close(app.db);
	if (rc != BUD_OK)
		return bud_cli_fail("user", &err);
	printf("%" PRId64 "\n", id);
	return 0;
}

/* `user identity`: the identity code by which a representative or a
 * provider's user signs in through e-identification (app/oidc.h). */
static int user_identity(struct user_opts *o)
{
	int64_t id = 0;
	bud_app app;
	bud_err err;
	int rc;

	if (!o->username || !o->hetu) {
		fputs(USER_USAGE, stderr);
		return 2;
	}
	bud_err_clear(&err);
	rc = bud_cli_open_app(o->db, NULL, &app, &err);
	if (rc == BUD_OK)
		rc = bud_oidc_tie_hetu(&app, o->username, o->hetu, &id, &err);
	bud_db_close(app.db);
	if (rc != BUD_OK)
		return bud_cli_fail("user", &err);
	printf("%" PRId64 "\n", id);
	return 0;
}

int bud_cmd_user(int argc, char **argv)
{
	struct user_opts o;

	if (argc < 1 || parse_opts(argc - 1, argv + 1, &o) != 0) {
		fputs(USER_USAGE, stderr);
		return 2;
	}
	if (strcmp(argv[0], "add") == 0)
		return user_add(&o);
	if (strcmp(argv[0], "mandate") == 0)
		return user_mandate(&o);
	if (strcmp(argv[0], "password") == 0)
		return user_password(&o);
	if (strcmp(argv[0], "identity") == 0)
		return user_identity(&o);
	fputs(USER_USAGE, stderr);
	return 2;
}
