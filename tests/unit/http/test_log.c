/*
 * Unit tests for http/log.c: each line is one JSON object with the time
 * in UTC with milliseconds, the level, the request id, the user id, the
 * route pattern, the status and the duration; a 5xx line names the error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/log.h"

static int h(bud_req *req)
{
	(void)req;
	return 0;
}

static const struct bud_route route = {BUD_GET, "/api/clients/{id}", h, 0, 0};

/* The one line written to f since the start, parsed. */
static json_t *line_of(FILE *f)
{
	char buf[4096];
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	assert_true(n > 0 && buf[n - 1] == '\n');
	assert_null(strchr(buf, '\n') + 1 < buf + n ? strchr(buf, '\n') + 1 : NULL);
	return json_loads(buf, 0, NULL);
}

static void test_time(void **state)
{
	char t[32];

	(void)state;
	bud_log_time(t, sizeof t);
	assert_int_equal(strlen(t), 24);	/* 2026-12-07T11:20:00.123Z */
	assert_true(t[4] == '-' && t[10] == 'T' && t[19] == '.' && t[23] == 'Z');
}

/* The sink's lines into f: written out when the sink closes. */
static bud_log_sink *sink_on(FILE *f)
{
	bud_log_sink *s = bud_log_sink_open(dup(fileno(f)));

	assert_non_null(s);
	return s;
}

static void test_access_line(void **state)
{
	FILE *f = tmpfile();
	bud_log_sink *s = sink_on(f);
	json_t *j;

	(void)state;
	bud_log_access(s, "abcd1234-7", 42, BUD_GET, &route, 200, 1234);
	bud_log_sink_close(s);
	j = line_of(f);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "level")), "info");
	assert_string_equal(json_string_value(json_object_get(j, "req")), "abcd1234-7");
	assert_int_equal(json_integer_value(json_object_get(j, "user")), 42);
	assert_string_equal(json_string_value(json_object_get(j, "method")), "GET");
	assert_string_equal(json_string_value(json_object_get(j, "route")), "/api/clients/{id}");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 200);
	assert_true(json_real_value(json_object_get(j, "ms")) == 1.234);
	assert_int_equal(strlen(json_string_value(json_object_get(j, "time"))), 24);
	json_decref(j);
	fclose(f);

	f = tmpfile();
	s = sink_on(f);
	bud_log_access(s, "abcd1234-8", 0, BUD_POST, NULL, 503, 5);
	bud_log_sink_close(s);
	j = line_of(f);
	assert_true(json_is_null(json_object_get(j, "user")));
	assert_string_equal(json_string_value(json_object_get(j, "route")), "-");
	assert_string_equal(json_string_value(json_object_get(j, "level")), "error");
	json_decref(j);
	fclose(f);
}

static void test_5xx_line(void **state)
{
	FILE *f = tmpfile();
	int saved = dup(STDERR_FILENO);
	bud_req req = {0};
	bud_err why;
	json_t *j;

	(void)state;
	req.method = BUD_GET;
	req.route = &route;
	req.actor.user_id = 7;
	bud_err_set(&why, BUD_EIO, NULL, "err.io", "disk \"full\"");
	fflush(stderr);
	dup2(fileno(f), STDERR_FILENO);
	bud_log_5xx(&req, "r-1", 500, &why);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	j = line_of(f);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "level")), "error");
	assert_int_equal(json_integer_value(json_object_get(j, "status")), 500);
	assert_int_equal(json_integer_value(json_object_get(j, "user")), 7);
	assert_string_equal(json_string_value(json_object_get(j, "detail")), "disk \"full\"");
	assert_string_equal(json_string_value(json_object_get(j, "error")), bud_rc_name(BUD_EIO));
	json_decref(j);
	fclose(f);
}

/* Access lines fill the sink's buffer many times over while messages go
 * straight to the same file (stderr): every line of the file is still one
 * whole JSON object, and none is lost. */
static void test_lines_never_cut(void **state)
{
	char path[] = "/tmp/bud-log-XXXXXX";
	int fd = mkstemp(path);
	int saved = dup(STDERR_FILENO);
	bud_log_sink *s;
	char line[4096];
	FILE *f;
	int i, n = 0;

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	s = bud_log_sink_open(dup(fd));
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	for (i = 0; i < 3000; i++) {
		bud_log_access(s, "abcd1234-9", i, BUD_GET, &route, 200, i);
		if (i % 7 == 0)
			bud_log_msg("info", "a message between access lines");
	}
	bud_log_sink_close(s);
	dup2(saved, STDERR_FILENO);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	while (fgets(line, sizeof line, f)) {
		json_t *j = json_loads(line, 0, NULL);

		assert_non_null(j);
		json_decref(j);
		n++;
	}
	assert_int_equal(n, 3000 + 3000 / 7 + 1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_access_line),
		cmocka_unit_test(test_5xx_line),
		cmocka_unit_test(test_lines_never_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
