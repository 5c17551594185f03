/*
 * Unit tests for formats/fmt.c and formats/xml.c: exact decimals (the
 * amount parser every reader uses), dates, the pool, the problem list
 * (cap, order, summary), the safe parser on its own (DTDs, entities,
 * depth, size, encodings), schema validation from the embedded XSDs, and
 * element paths.
 */
#include "fmt_test.h"

#include "core/buf.h"
#include "formats/xml.h"

static int64_t dec(const char *s, char mark, int scale, int neg, int *rc)
{
	int64_t v = -12345;
	bud_err e;

	*rc = bud_fmt_decimal(s, mark, scale, neg, "f", &v, &e);
	return v;
}

static void test_decimal(void **state)
{
	int rc;
	char buf[40];

	(void)state;
	assert_int_equal(dec("900,00", ',', 2, 0, &rc), 90000);
	assert_int_equal(rc, BUD_OK);
	assert_int_equal(dec("1116", ',', 2, 0, &rc), 111600);
	assert_int_equal(dec("0,5", ',', 2, 0, &rc), 50);
	assert_int_equal(dec("-12,34", ',', 2, 1, &rc), -1234);
	assert_int_equal(dec("1,00000", ',', 2, 0, &rc), 100);
	assert_int_equal(rc, BUD_OK);
	assert_int_equal(dec("1234.50", '.', 2, 0, &rc), 123450);
	assert_int_equal(dec("1,5", ',', 3, 0, &rc), 1500);
	assert_int_equal(dec("0,12345", ',', 5, 0, &rc), 12345);
	assert_int_equal(dec("999999999999999999", '.', 0, 0, &rc), INT64_C(999999999999999999));
	assert_int_equal(rc, BUD_OK);
	/* refused */
	dec("1,005", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("-1", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("1.5", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("1,", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec(",5", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec(" 1", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("+1", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("1e3", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("1 000", ',', 2, 0, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	dec("--1", ',', 2, 1, &rc);
	assert_int_equal(rc, BUD_EINVAL);
	/* overflow: 19 digits, and 18 digits scaled by 10^2 */
	dec("1234567890123456789", '.', 0, 0, &rc);
	assert_int_equal(rc, BUD_EOVERFLOW);
	dec("999999999999999999", '.', 2, 0, &rc);
	assert_int_equal(rc, BUD_EOVERFLOW);
	assert_int_equal(dec("92233720368547758", '.', 2, 0, &rc), INT64_C(9223372036854775800));
	assert_int_equal(rc, BUD_OK);
	dec("92233720368547758.08", '.', 2, 0, &rc);
	assert_int_equal(rc, BUD_EOVERFLOW);
	/* formatting */
	assert_int_equal(bud_fmt_decimal_format(-123450, 2, buf, sizeof buf), BUD_OK);
	assert_string_equal(buf, "-1234.50");
	bud_fmt_decimal_format(5, 3, buf, sizeof buf);
	assert_string_equal(buf, "0.005");
	bud_fmt_decimal_format(INT64_MIN, 2, buf, sizeof buf);
	assert_string_equal(buf, "-92233720368547758.08");
	assert_int_equal(bud_fmt_decimal_format(123456, 2, buf, 5), BUD_ETOOBIG);
}

static void test_dates(void **state)
{
	char d[BUD_FMT_DATE];

	(void)state;
	assert_int_equal(bud_fmt_date8("20240229", d), BUD_OK);
	assert_string_equal(d, "2024-02-29");
	assert_int_equal(bud_fmt_date8("20230229", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8("20000229", d), BUD_OK);
	assert_int_equal(bud_fmt_date8("21000229", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8("20261301", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8("20260431", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8("2026091", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8("2026-9-1", d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date8(NULL, d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date_iso("2026-09-15", 0, d), BUD_OK);
	assert_string_equal(d, "2026-09-15");
	assert_int_equal(bud_fmt_date_iso("2026-09-15T10:00:00+02:00", 0, d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date_iso("2026-09-15T10:00:00+02:00", 1, d), BUD_OK);
	assert_int_equal(bud_fmt_date_iso("2026-09-15 10:00", 1, d), BUD_EINVAL);
	assert_int_equal(bud_fmt_date_iso("2026-09-31", 0, d), BUD_EINVAL);
}

static void test_pool(void **state)
{
	struct bud_fmt_pool *p = bud_fmt_pool_new();
	char *big, *s;
	int i;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < 10000; i++) {
		s = bud_fmt_pool_strdup(p, "abc");
		assert_string_equal(s, "abc");
		assert_int_equal((uintptr_t)s % sizeof(void *), 0);
	}
	big = bud_fmt_pool_alloc(p, 100000);	/* bigger than a chunk */
	assert_non_null(big);
	assert_int_equal(big[99999], 0);
	memset(big, 'x', 100000);
	s = bud_fmt_pool_strndup(p, "abcdef", 3);
	assert_string_equal(s, "abc");
	assert_null(bud_fmt_pool_strdup(p, NULL));
	assert_null(bud_fmt_pool_alloc(p, SIZE_MAX));
	bud_fmt_pool_free(p);
	bud_fmt_pool_free(NULL);
}

static void test_problems(void **state)
{
	struct bud_fmt_problems p;
	bud_err e;
	size_t i;

	(void)state;
	bud_fmt_problems_init(&p);
	assert_int_equal(bud_fmt_problems_to_err(&p, &e), BUD_OK);
	bud_fmt_problem_add(&p, "/A/B[2]/C", 30, "err.x.c", "third %d", 3);
	bud_fmt_problem_add(&p, "/A/B", 0, NULL, "no line");
	bud_fmt_problem_add(&p, "/A/D", 10, "err.x.d", "first");
	bud_fmt_problems_sort(&p);
	assert_string_equal(p.v[0].detail, "no line");
	assert_string_equal(p.v[0].key, "err.generic");
	assert_string_equal(p.v[1].path, "/A/D");
	assert_string_equal(p.v[2].detail, "third 3");
	assert_int_equal(bud_fmt_problems_to_err(&p, &e), BUD_EINVAL);
	assert_string_equal(e.field, "B");
	assert_string_equal(e.detail, "/A/B: no line (and 2 more problems)");
	for (i = 0; i < BUD_MAX_PROBLEMS + 10; i++)
		bud_fmt_problem_add(&p, "", 0, "k", "x");
	assert_int_equal(p.n, BUD_MAX_PROBLEMS);
	assert_int_equal(p.dropped, 13);
	assert_int_equal(bud_fmt_problems_count(&p), BUD_MAX_PROBLEMS + 13);
	bud_fmt_problems_free(&p);
	assert_int_equal(p.n, 0);
	bud_fmt_problems_free(NULL);
}

/* ---- xml.c ------------------------------------------------------------------- */

static int parse(const char *s, bud_err *e)
{
	xmlDoc *doc = NULL;
	int rc = bud_xml_parse(s, strlen(s), NULL, &doc, e);

	if (rc == BUD_OK)
		assert_non_null(doc);
	else
		assert_null(doc);
	xmlFreeDoc(doc);
	return rc;
}

static void test_safe_parse(void **state)
{
	bud_err e;
	bud_buf b;
	int i;

	(void)state;
	assert_int_equal(parse("<a><b>x</b></a>", &e), BUD_OK);
	assert_int_equal(parse("<a>&amp;&#228;</a>", &e), BUD_OK);
	assert_int_equal(parse("<a><b></a>", &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.xml.syntax");
	assert_non_null(strstr(e.detail, "line 1"));
	assert_int_equal(parse("<!DOCTYPE a><a/>", &e), BUD_EINVAL);
	assert_string_equal(e.key, "err.xml.dtd");
	assert_int_equal(parse("<!DOCTYPE a PUBLIC \"-//x//y\" \"http://127.0.0.1:9/a.dtd\"><a/>", &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.xml.dtd");
	assert_int_equal(parse("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
			       "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></a>", &e),
			 BUD_OK);	/* parsed, never processed */
	assert_int_equal(parse("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><a>\xe4\xa4</a>", &e),
			 BUD_OK);
	assert_int_equal(parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>\xe4</a>", &e),
			 BUD_EINVAL);
	assert_string_equal(e.key, "err.xml.encoding");
	/* exactly the depth limit passes, one more does not */
	bud_buf_init(&b, 4096);
	for (i = 0; i < BUD_MAX_XML_DEPTH; i++)
		bud_buf_adds(&b, "<a>");
	for (i = 0; i < BUD_MAX_XML_DEPTH; i++)
		bud_buf_adds(&b, "</a>");
	assert_int_equal(parse(bud_buf_str(&b), &e), BUD_OK);
	bud_buf_reset(&b);
	for (i = 0; i <= BUD_MAX_XML_DEPTH; i++)
		bud_buf_adds(&b, "<a>");
	for (i = 0; i <= BUD_MAX_XML_DEPTH; i++)
		bud_buf_adds(&b, "</a>");
	assert_int_equal(parse(bud_buf_str(&b), &e), BUD_ETOOBIG);
	assert_string_equal(e.key, "err.xml.depth");
	bud_buf_free(&b);
}

/* The text of an entity never reaches the tree: with or without a DTD. */
static void test_no_entity_text(void **state)
{
	static const char doc[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM "
				  "\"file:///etc/hostname\"><!ENTITY y \"inline\">]><a>&x;&y;</a>";
	xmlDoc *d = (xmlDoc *)1;
	bud_err e;

	(void)state;
	assert_int_equal(bud_xml_parse(doc, strlen(doc), NULL, &d, &e), BUD_EINVAL);
	assert_null(d);
	assert_string_equal(e.key, "err.xml.dtd");
	assert_null(strstr(e.detail, "inline"));
}

static void test_paths_and_validation(void **state)
{
	struct bud_fmt_problems probs;
	struct bud_fmt_pool *pool = bud_fmt_pool_new();
	static const char s[] =
		"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\n"
		"<BkToCstmrDbtCdtNtfctn>\n<GrpHdr><MsgId>M</MsgId><CreDtTm>nope</CreDtTm></GrpHdr>\n"
		"<Ntfctn><Id>1</Id></Ntfctn><Ntfctn><Id>2</Id></Ntfctn>\n"
		"</BkToCstmrDbtCdtNtfctn></Document>";
	const xmlNode *root, *n;
	xmlDoc *doc = NULL;
	char path[160];
	bud_err e;

	(void)state;
	assert_int_equal(bud_xml_parse(s, strlen(s), NULL, &doc, &e), BUD_OK);
	root = xmlDocGetRootElement(doc);
	n = bud_xml_next(bud_xml_get(root, "BkToCstmrDbtCdtNtfctn/Ntfctn"), "Ntfctn");
	bud_xml_node_path(n, path, sizeof path);
	assert_string_equal(path, "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[2]");
	assert_string_equal(bud_xml_text_at(pool, n, "Id"), "2");
	assert_int_equal(bud_xml_line(n), 4);
	assert_int_equal(bud_xml_count(bud_xml_first(root, NULL), "Ntfctn"), 2);
	bud_xml_node_path(n, path, 10);
	assert_string_equal(path, "/Document");
	bud_fmt_problems_init(&probs);
	assert_int_equal(bud_xml_validate(doc, BUD_XSD_CAMT054_02, &probs, &e), BUD_EINVAL);
	assert_problem(&probs, "err.xml.schema",
		       "/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/CreDtTm");
	assert_int_equal(probs.v[0].line, 3);
	assert_true(probs.n >= 2);	/* and the notifications' missing parts */
	bud_fmt_problems_free(&probs);
	assert_int_equal(bud_xml_validate(doc, "nope.xsd", &probs, &e), BUD_EINTERNAL);
	assert_non_null(bud_xml_xsd(BUD_XSD_FINVOICE, NULL));
	assert_non_null(bud_xml_xsd(BUD_XSD_PAIN001_03, NULL));
	assert_non_null(bud_xml_xsd(BUD_XSD_PAIN001_09, NULL));
	xmlFreeDoc(doc);
	bud_fmt_pool_free(pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_pool),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_safe_parse),
		cmocka_unit_test(test_no_entity_text),
		cmocka_unit_test(test_paths_and_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
