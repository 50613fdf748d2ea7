"""An index that answers a search's page of keys on its own, finer word statistics and the true cost of a
trigram comparison, on PostgreSQL.

A page of projects is chosen in two steps (`registry.paging`): the keys of the page,
then its rows. This index holds everything the first step of a search reads (the visible projects' names,
keys and search vectors), so that step is an index-only scan of a few tens of megabytes instead of a read
of the wide project rows: in name order it stops at the end of the page, and to rank by relevance or to
count the matches it reads the index through once. Keys in name order serve the API's default order.

PostgreSQL-only SQL, guarded as in 0012: other databases keep no search vector to cover.
"""

from django.db import migrations

from registry.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE INDEX registry_project_search_by_name ON registry_project (name, id) INCLUDE (search_vector) "
    "WHERE status <> 'hidden'",
    # PostgreSQL estimates a word it has no statistics for at half the rarest word it has; with the default
    # 100 that is 500 projects at 100,000, so a typo that matches nothing was sought by reading the whole
    # index in name order for a page it would never fill. At 1,000 the estimate is about 10 projects.
    "ALTER TABLE registry_project ALTER COLUMN search_vector SET STATISTICS 1000",
    # pg_trgm declares `%>` as cheap as `=`; it costs about 1.6 microseconds a name. Taken at its word, the
    # planner found the names close to 'lucie' by testing all 100,000 through the (name, id) index (130-170 ms)
    # rather than asking the trigram index (2-6 ms).
    # Only pg_trgm's owner may: a deployment whose role does not own it keeps the slower plan rather than fail.
    """DO $$ BEGIN
        ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'not the owner of pg_trgm: word_similarity_commutator_op keeps its declared cost';
    END $$""",
]
DROP = [
    "DROP INDEX IF EXISTS registry_project_search_by_name",
    "ALTER TABLE registry_project ALTER COLUMN search_vector SET STATISTICS -1",
    """DO $$ BEGIN
        ALTER FUNCTION word_similarity_commutator_op(text, text) COST 1;
    EXCEPTION WHEN insufficient_privilege THEN NULL;
    END $$""",
]


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0020_read_indexes"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
