-- Applying rewrite rules again must not derive the same text from the same candidate twice: the
-- application inserts with ON CONFLICT DO NOTHING against this index. md5, because a btree entry
-- cannot hold a long answer's full text.
CREATE UNIQUE INDEX "candidates_rule_derived_once" ON "candidates" ("parent_id", md5("content")) WHERE "source" = 'RULE_DERIVED';
