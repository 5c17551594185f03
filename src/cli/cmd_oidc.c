/*
 * cli/cmd_oidc.c: `budjetti oidc keygen [--bits N]`: a new key set for
 * signing in through OpenID Connect (formats/jose.h), printed as a JWKS of
 * private keys (one RSA key to sign client assertions, one to open
 * encrypted ID tokens; default 3072 bits). Keep it in a file only the
 * service's user may read and give it to `serve --oidc-keys FILE`; the
 * provider fetches the public halves from /oidc/jwks.json. Exit 0, 1 when
 * the keys cannot be made, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "formats/jose.h"

#define OIDC_USAGE "usage: budjetti oidc keygen [--bits 2048..4096]\n"
#define KEYGEN_BITS 3072	/* RSA size of a new key set: beyond 2030 (NIST SP 800-57) */

int bud_cmd_oidc(int argc, char **argv)
{
	int bits = KEYGEN_BITS, rc;
	bud_buf out;
	bud_err err;

	if (argc < 1 || strcmp(argv[0], "keygen") != 0 || (argc != 1 && argc != 3)) {
		fputs(OIDC_USAGE, stderr);
		return 2;
	}
	if (argc == 3) {
		char *end;
		long v;

		errno = 0;
		v = strtol(argv[2], &end, 10);
		if (strcmp(argv[1], "--bits") != 0 || errno || *end || v < 2048 || v > 4096) {
			fputs(OIDC_USAGE, stderr);
			return 2;
		}
		bits = (int)v;
	}
	bud_err_clear(&err);
	bud_buf_init(&out, 64 * 1024);
	rc = bud_jose_keygen(bits, &out, &err);
	if (rc == BUD_OK)
		printf("%s\n", bud_buf_str(&out));
	bud_buf_free(&out);
	return rc == BUD_OK ? 0 : bud_cli_fail("oidc", &err);
}
