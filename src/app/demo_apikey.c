/*
 * app/demo_apikey.c: the demo's API key (app/demo.h, bud_demo_apikey):
 * Kari Mäkelä, the admin of Apuviisas Oy, makes a key for the provider's
 * care system with both scopes, so that `scripts/start` shows the care
 * system's API working: `budjetti demo` prints the key once beside the
 * passwords (it is stored only as a hash), and with it
 *   curl -H "Authorization: Bearer KEY" http://127.0.0.1:8080/api/provider/commitments
 * lists Matti Korhonen's personal assistance.
 */
#include <stdio.h>
#include <string.h>

#include "app/apikey.h"
#include "app/demo.h"

/* Indexes into app/demo.c's tables. */
enum { PROV_APU = 0, ACC_PROVIDER = 4 };

int bud_demo_apikey(bud_app *app, struct bud_demo_result *r, bud_err *err)
{
	struct bud_apikey_new in = {"Apuviisas hoitojärjestelmä", BUD_SCOPE_ALL};
	bud_actor kari;

	memset(&kari, 0, sizeof(kari));
	kari.user_id = r->accounts[ACC_PROVIDER].user_id;
	kari.role = BUD_ROLE_PROVIDER_USER;
	kari.organiser_id = r->organiser_id;
	kari.provider_id = r->provider_ids[PROV_APU];
	snprintf(kari.username, sizeof(kari.username), "%s", r->accounts[ACC_PROVIDER].username);
	snprintf(kari.lang, sizeof(kari.lang), "fi");
	return bud_apikey_create(app, &kari, kari.provider_id, &in, &r->care_key_id,
				 r->care_key, sizeof(r->care_key), err);
}
