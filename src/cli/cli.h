/*
 * cli/cli.h: the subcommands of the budjetti binary. Each takes the
 * arguments after its own name and returns the process exit code.
 */
#ifndef BUD_CLI_H
#define BUD_CLI_H

struct bud_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* one line, after "budjetti NAME " */
};

/* The table of subcommands, ended by a NULL name (main.c). */
extern const struct bud_cmd bud_commands[];

int bud_cmd_validate(int argc, char **argv);	/* cmd_validate.c */
int bud_cmd_finvoice(int argc, char **argv);	/* cmd_finvoice.c */
int bud_cmd_camt054(int argc, char **argv);	/* cmd_camt054.c */
int bud_cmd_pain001(int argc, char **argv);	/* cmd_pain001.c */
int bud_cmd_migrate(int argc, char **argv);	/* cmd_migrate.c */
int bud_cmd_demo(int argc, char **argv);	/* cmd_demo.c */
int bud_cmd_serve(int argc, char **argv);	/* cmd_serve.c */
int bud_cmd_user(int argc, char **argv);	/* cmd_user.c */
int bud_cmd_prices(int argc, char **argv);	/* cmd_prices.c */
int bud_cmd_check(int argc, char **argv);	/* cmd_check.c */

#endif
