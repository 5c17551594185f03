/*
 * cli/routes.h: the service's route table (routes.c), the composition
 * root where web/ and api/ handlers meet http/. Tests that need the real
 * table (the OpenAPI drift test) link routes.c too.
 */
#ifndef BUD_CLI_ROUTES_H
#define BUD_CLI_ROUTES_H

#include "http/http.h"

/* Ended by an entry whose pattern is NULL. */
extern const struct bud_route bud_routes[];

#endif
