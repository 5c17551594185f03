-- 011: a placeholder on the rulebook-mail branch only. The migration
-- runner (store/migrate.c, bud_migrate_known) requires consecutive
-- numbers; 011 belongs to the documents branch. Drop this file at merge.
SELECT 1;
