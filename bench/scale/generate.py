"""Grow a prepared bench site to N articles and M comments with set-based SQL.

Run after ``bench/http/prepare.py`` on a PostgreSQL database::

    DJANGO_SETTINGS_MODULE=settings_bench PYTHONPATH=bench/http:src \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khabar_scale_big \\
    .venv/bin/python bench/scale/generate.py --articles 1000000 --comments 10000000

Every generated row is a copy of the reference article's rows (prepare.py's
story 1224974) with overrides, written by ``INSERT … SELECT … FROM
generate_series`` in one transaction: pages spread over the service pages
(treebeard paths, steplen 4, alphabet 0-9A-Z), Persian headlines and leads
made of a few words and the news code (from 2,000,000 up), publication
times over the past three years, three tags each from a pool of 5,000 (one
story in 20 also carries the demo tag «سپیددشت», a "hot" tag), the
search documents the search app keeps (the same folded keys, built from the
keys ``khabar.text`` gives each word, and the backend's own weighted
``tsvector`` expression) and approved comments, about 30 % of them replies.

The indexes and foreign keys of the tables written to are dropped first and
created again from their own definitions before the commit (much faster than
maintaining them row by row). A second run refuses: the generated news codes
exist already. At the end a sample of generated stories is indexed again by
``search.services.article_index`` (rolled back) and compared with the rows
written here.
"""

import argparse
import math
import sys
import time
from pathlib import Path

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402

from khabar.newsroom.models import ArticlePage, ServicePage  # noqa: E402
from khabar.newsroom.selectors import article_get_by_code, home_page_get  # noqa: E402
from khabar.search.backends.postgres import VECTOR  # noqa: E402
from khabar.search.documents import document_terms  # noqa: E402
from khabar.search.models import SearchDocument  # noqa: E402
from khabar.search.services import article_index  # noqa: E402
from khabar.text.search import KEY_VERSION, search_key, search_tokens  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "http"))
from prepare import NAMES, REFERENCE_CODE  # noqa: E402

FIRST_CODE = 2_000_000
TABLES = [
    "wagtailcore_page",
    "newsroom_articlepage",
    "newsroom_articletag",
    "search_searchdocument",
    "comments_comment",
]
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node alphabet

# Headline: «<who> <city> از برنامه تازه <topic> خبر داد؛ گزارش <code>».
WHO = ["وزیر", "نماینده", "استاندار", "شهردار", "سخنگوی دولت", "مدیرکل", "معاون"]
CITY = ["تهران", "اصفهان", "شیراز", "تبریز", "مشهد", "کرمان", "یزد", "رشت", "اهواز"]
TOPIC = ["آب", "راه", "بودجه", "مسکن", "آموزش", "سلامت", "انرژی", "حمل‌ونقل"]
LEAD = [
    "در نشستی با خبرنگاران جزئیات طرح و زمان اجرای آن اعلام شد.",
    "این طرح پس از بررسی در شورای برنامه‌ریزی استان تصویب شده است.",
    "به گفته مسئولان، بخش نخست طرح تا پایان سال به بهره‌برداری می‌رسد.",
    "کارشناسان می‌گویند اجرای این برنامه هزینه‌های مردم را کاهش می‌دهد.",
    "گزارش‌ها از استقبال شهروندان و فعالان اقتصادی از این تصمیم حکایت دارد.",
]
# Tag pool: «<subject> <place>», 100 × 50 = 5,000 names.
TAG_SUBJECT = [
    f"{word} {suffix}"
    for word in [
        "اقتصاد",
        "انتخابات",
        "ورزش",
        "فرهنگ",
        "محیط زیست",
        "فناوری",
        "آموزش",
        "سلامت",
        "مسکن",
        "انرژی",
    ]
    for suffix in [
        "ملی",
        "محلی",
        "جهانی",
        "دیجیتال",
        "پایدار",
        "نوین",
        "شهری",
        "روستایی",
        "منطقه‌ای",
        "بین‌المللی",
    ]
]
TAG_PLACE = [
    "تهران",
    "اصفهان",
    "شیراز",
    "تبریز",
    "مشهد",
    "کرمان",
    "یزد",
    "رشت",
    "اهواز",
    "همدان",
    "قم",
    "کرج",
    "ارومیه",
    "زاهدان",
    "ساری",
    "گرگان",
    "سنندج",
    "کرمانشاه",
    "اراک",
    "قزوین",
    "زنجان",
    "سمنان",
    "بوشهر",
    "بندرعباس",
    "بیرجند",
    "ایلام",
    "یاسوج",
    "شهرکرد",
    "خرم‌آباد",
    "بجنورد",
    "اردبیل",
    "کاشان",
    "آبادان",
    "دزفول",
    "نیشابور",
    "سبزوار",
    "بم",
    "جیرفت",
    "چابهار",
    "کیش",
    "قشم",
    "مریوان",
    "سقز",
    "خوی",
    "مراغه",
    "بناب",
    "ملایر",
    "نهاوند",
    "بروجرد",
    "ایران",
]
COMMENT = [
    "گزارش خوبی بود، ممنون از خبرنگار.",
    "امیدوارم این طرح واقعاً اجرا شود.",
    "چرا درباره هزینه‌ها چیزی نوشته نشده است؟",
    "در شهر ما هم همین مشکل هست.",
    "با این نظر موافقم.",
    "خبر کامل‌تری لازم است.",
]
TAGS_PER_ARTICLE = 3
# A demo tag (seven demo stories, a fictional town) that also labels one
# generated story in HOT_TAG_EVERY: the tag page and the search bench/scale
# loads. Not a word of the reference story's body, which every generated
# story shares (a body word matches every search document).
HOT_TAG = "سپیددشت"
HOT_TAG_EVERY = 20
REPLY_SHARE = 0.3


def say(message: str) -> None:
    print(message, flush=True)


class Text:
    """A text made of slots, and the folded keys ``khabar.text`` gives it.

    A slot is a fixed string, a choice from a list (cycling with the row
    number) or the row's number written in Persian digits. Slots are joined
    with spaces, so the text's keys are the slots' keys in order (checked).
    """

    def __init__(self, *slots):
        self.slots = slots
        self.strides = []
        stride = 1
        for slot in slots:
            self.strides.append(stride)
            if isinstance(slot, list):
                stride *= len(slot)

    def _pick(self, slot, stride, i):
        return slot[(i // stride) % len(slot)]

    def python(self, i: int, number: int) -> tuple[str, str]:
        """Return (text, key string) computed in Python, for the check."""
        texts, keys = [], []
        for slot, stride in zip(self.slots, self.strides, strict=True):
            if slot is int:
                texts.append(
                    str(number).translate(str.maketrans("0123456789", PERSIAN_DIGITS))
                )
                keys.append(str(number))
            else:
                piece = self._pick(slot, stride, i) if isinstance(slot, list) else slot
                texts.append(piece)
                keys.extend(search_tokens(piece))
        return " ".join(texts), " ".join(keys)

    def sql(self, i: str, number: str) -> tuple[str, str, list, list]:
        """Return SQL for (text, key string) of row ``i``, with their params."""
        texts, keys, text_params, key_params = [], [], [], []
        for slot, stride in zip(self.slots, self.strides, strict=True):
            if slot is int:
                texts.append(f"translate(({number})::text, '0123456789', %s)")
                text_params.append(PERSIAN_DIGITS)
                keys.append(f"({number})::text")
            elif isinstance(slot, list):
                pick = f"(({i}) / {stride}) %% {len(slot)} + 1"
                texts.append(f"(%s::text[])[{pick}]")
                text_params.append(slot)
                keys.append(f"(%s::text[])[{pick}]")
                key_params.append([" ".join(search_tokens(item)) for item in slot])
            else:
                texts.append("%s::text")
                text_params.append(slot)
                keys.append("NULLIF(%s::text, '')")
                key_params.append(" ".join(search_tokens(slot)))
        return (
            "concat_ws(' ', " + ", ".join(texts) + ")",
            "concat_ws(' ', " + ", ".join(keys) + ")",
            text_params,
            key_params,
        )

    def check(self, samples=2000) -> None:
        for i in range(samples):
            text, keys = self.python(i, FIRST_CODE + i)
            assert search_key(text) == keys, (text, search_key(text), keys)


HEADLINE = Text(WHO, CITY, "از برنامه تازه", TOPIC, "خبر داد؛ گزارش", int)
LEADS = Text(LEAD, "گزارش شماره", int)
COMMENTS = Text(COMMENT, "نظر", int)


class Step:
    def __init__(self):
        self.started = time.monotonic()
        self.timings: list[tuple[str, float]] = []

    def __call__(self, cursor, name: str, sql: str, params=None) -> int:
        began = time.monotonic()
        cursor.execute(sql, params)
        took = time.monotonic() - began
        self.timings.append((name, took))
        say(f"  {name}: {took:.1f} s ({max(cursor.rowcount, 0):,} rows)")
        return cursor.rowcount


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def copy_sql(cursor, table: str, template_where: str, overrides: dict, source: str):
    """INSERT INTO table SELECT <template's columns with overrides> FROM source."""
    cols = columns(cursor, table)
    unknown = set(overrides) - set(cols)
    assert not unknown, unknown
    exprs = [overrides.get(col, f"t.{col}") for col in cols]
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) "  # noqa: S608
        f"SELECT {', '.join(exprs)} FROM {source} "
        f"CROSS JOIN (SELECT * FROM {table} WHERE {template_where}) t"
    )


def drop_indexes(cursor) -> list[str]:
    """Drop plain indexes and foreign keys of TABLES; return SQL recreating them."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [TABLES],
    )
    fks = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
        "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = i.indexrelid)",
        [TABLES],
    )
    indexes = cursor.fetchall()
    for table, name, _ in fks:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in fks
    ]


def last_step(path: str, depth: int) -> int:
    """Return the number of the last child step under ``path`` (0 if none)."""
    last = (
        Page.objects.filter(path__startswith=path, depth=depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(last[-4:], 36) if last else 0


def base36(expr: str) -> str:
    """SQL for a 4-character treebeard step of the integer ``expr``."""
    return " || ".join(
        f"substr('{ALPHABET}', (({expr}) / {36**power}) %% 36 + 1, 1)"
        for power in (3, 2, 1, 0)
    )


def generate(articles: int, comments: int, tags: int) -> None:
    HEADLINE.check()
    LEADS.check()
    COMMENTS.check()
    if ArticlePage.objects.filter(news_code__gte=FIRST_CODE).exists():
        count = ArticlePage.objects.filter(news_code__gte=FIRST_CODE).count()
        sys.exit(
            f"refusing: {count:,} generated articles (news code ≥ {FIRST_CODE:,}) "
            "exist already; drop and prepare the database again to regenerate"
        )
    template = article_get_by_code(code=REFERENCE_CODE)
    if template is None:
        sys.exit("the reference article is missing: run bench/http/prepare.py first")
    services = list(
        ServicePage.objects.child_of(home_page_get())
        .order_by("path")
        .values_list("id", "path", "depth", "numchild", "url_path")
    )
    # New children are numbered after each service's last child (its path's
    # last step), as treebeard's add_child would.
    services = [
        (sid, path, depth, last_step(path, depth), url_path)
        for sid, path, depth, _numchild, url_path in services
    ]
    hot_tag = Tag.objects.filter(name=HOT_TAG).first()
    body_terms = SearchDocument.objects.get(article_id=template.pk).body
    steps = Step()
    per_article = max(1, round(comments / articles)) if comments else 0
    tops = max(1, math.ceil(per_article * (1 - REPLY_SHARE)))
    say(
        f"generating {articles:,} articles over {len(services)} services, "
        f"{comments:,} comments ({per_article} per story, {tops} top-level), "
        f"tag pool {tags:,}"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("LOCK TABLE wagtailcore_page IN SHARE ROW EXCLUSIVE MODE")
        began = time.monotonic()
        recreate = drop_indexes(cursor)
        steps.timings.append(("drop indexes", time.monotonic() - began))
        cursor.execute("SELECT max(id) FROM wagtailcore_page")
        page_base = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM comments_comment")
        comment_base = cursor.fetchone()[0] + 1

        # The plan: one row per story with everything derived from its number.
        cursor.execute(
            "CREATE TEMP TABLE scale_service (k int, id int, path text, depth int, "
            "last int, url_path text) ON COMMIT DROP"
        )
        cursor.executemany(
            "INSERT INTO scale_service VALUES (%s, %s, %s, %s, %s, %s)",
            [(k, *row) for k, row in enumerate(services)],
        )
        head_sql, head_keys, head_tp, head_kp = HEADLINE.sql("g.i", "g.code")
        lead_sql, lead_keys, lead_tp, lead_kp = LEADS.sql("g.i", "g.code")
        nservices = len(services)
        steps(
            cursor,
            "plan",
            f"""
            CREATE TEMP TABLE scale_article ON COMMIT DROP AS
            SELECT g.i, g.code, %s + g.i AS id, s.id AS service_id,
                   s.path || {base36(f"s.last + 1 + g.i / {nservices}")} AS path,
                   s.depth + 1 AS depth,
                   'story-' || g.code AS slug,
                   s.url_path || 'story-' || g.code || '/' AS url_path,
                   {head_sql} AS title,
                   {head_keys} AS title_key,
                   {lead_sql} AS lead,
                   {lead_keys} AS lead_key,
                   now() - interval '2 hours'
                     - interval '1095 days' * ((%s - g.i)::float8 / %s) AS published
            FROM (SELECT i, {FIRST_CODE} + i AS code
                  FROM generate_series(0, %s - 1) i) g
            JOIN scale_service s ON s.k = g.i %% {nservices}
            """,
            [page_base, *head_tp, *head_kp, *lead_tp, *lead_kp]
            + [articles, articles, articles],
        )
        cursor.execute("ALTER TABLE scale_article ADD PRIMARY KEY (i)")
        steps(
            cursor,
            "wagtailcore_page",
            copy_sql(
                cursor,
                "wagtailcore_page",
                f"id = {template.pk}",
                {
                    "id": "a.id",
                    "path": "a.path",
                    "depth": "a.depth",
                    "numchild": "0",
                    "title": "a.title",
                    "draft_title": "a.title",
                    "slug": "a.slug",
                    "url_path": "a.url_path",
                    "live": "true",
                    "has_unpublished_changes": "false",
                    "first_published_at": "a.published",
                    "last_published_at": "a.published",
                    "latest_revision_created_at": "NULL",
                    "live_revision_id": "NULL",
                    "latest_revision_id": "NULL",
                    "go_live_at": "NULL",
                    "expire_at": "NULL",
                    "expired": "false",
                    "locked": "false",
                    "locked_at": "NULL",
                    "locked_by_id": "NULL",
                    "alias_of_id": "NULL",
                    "translation_key": "gen_random_uuid()",
                },
                "scale_article a",
            ),
        )
        steps(
            cursor,
            "newsroom_articlepage",
            copy_sql(
                cursor,
                "newsroom_articlepage",
                f"page_ptr_id = {template.pk}",
                {
                    "page_ptr_id": "a.id",
                    "lead": "a.lead",
                    "news_code": "a.code",
                    "title_key": "left(a.title_key, 255)",
                    "breaking_until": "NULL",
                    "editors_pick": "false",
                    "embargo_until": "NULL",
                    "corrected_at": "NULL",
                    "correction_note": "''",
                    "trashed_at": "NULL",
                    "trashed_by_id": "NULL",
                    "trashed_live_revision_id": "NULL",
                },
                "scale_article a",
            ),
        )
        steps(
            cursor,
            "services' numchild",
            "UPDATE wagtailcore_page p SET numchild = p.numchild + c.n "
            "FROM (SELECT service_id, count(*) n FROM scale_article "
            "GROUP BY service_id) c WHERE p.id = c.service_id",
        )

        # Tags: a pool of names (existing ones are reused), three per story.
        pool = [f"{subject} {place}" for place in TAG_PLACE for subject in TAG_SUBJECT]
        pool = pool[:tags]
        cursor.execute(
            "CREATE TEMP TABLE scale_tag (j int PRIMARY KEY, name text, keys text[], "
            "tag_id int) ON COMMIT DROP"
        )
        cursor.execute(
            "INSERT INTO scale_tag (j, name, keys) SELECT j - 1, n, "
            "string_to_array(k, ' ') FROM unnest(%s::text[], %s::text[]) "
            "WITH ORDINALITY AS u(n, k, j)",
            [pool, [" ".join(search_tokens(name)) for name in pool]],
        )
        steps(
            cursor,
            "taggit_tag",
            "INSERT INTO taggit_tag (name, slug) SELECT name, replace(name, ' ', '-') "
            "FROM scale_tag ON CONFLICT DO NOTHING",
        )
        cursor.execute(
            "UPDATE scale_tag s SET tag_id = t.id "
            "FROM taggit_tag t WHERE t.name = s.name"
        )
        # Story i gets pool tags 7i, 13i+1 and 31i+2 (mod the pool: never equal
        # for a pool of 5,000), and every HOT_TAG_EVERY-th story the hot tag.
        picks = [(0, 7, 0), (1, 13, 1), (2, 31, 2)][:TAGS_PER_ARTICLE]
        cursor.execute(
            "CREATE TEMP TABLE scale_article_tag (i int, pos int, tag_id int, "
            "keys text[]) ON COMMIT DROP"
        )
        for pos, factor, offset in picks:
            cursor.execute(
                "INSERT INTO scale_article_tag SELECT a.i, %s, t.tag_id, t.keys "
                "FROM scale_article a JOIN scale_tag t "
                f"ON t.j = (a.i::bigint * {factor} + {offset}) %% {len(pool)}",
                [pos],
            )
        if hot_tag is not None:
            cursor.execute(
                "INSERT INTO scale_article_tag SELECT i, %s, %s, "
                "string_to_array(%s, ' ') FROM scale_article "
                f"WHERE i %% {HOT_TAG_EVERY} = 0",
                [len(picks), hot_tag.pk, " ".join(search_tokens(hot_tag.name))],
            )
        steps(
            cursor,
            "newsroom_articletag",
            "INSERT INTO newsroom_articletag (content_object_id, tag_id) "
            "SELECT a.id, x.tag_id FROM scale_article_tag x "
            "JOIN scale_article a USING (i) ORDER BY a.id, x.pos",
        )

        # The search documents: document_terms() in SQL (keys, then joined
        # neighbour pairs) and the backend's own VECTOR expression, with the
        # body's vector (the same for every story) computed once.
        cursor.execute(
            "CREATE FUNCTION pg_temp.doc_terms(k text[]) RETURNS text "
            "LANGUAGE sql IMMUTABLE AS $$ SELECT array_to_string(k || ARRAY("
            "SELECT k[n] || k[n + 1] FROM generate_series(1, cardinality(k) - 1) n "
            "ORDER BY n), ' ') $$"
        )
        body_weight = "setweight(to_tsvector('simple', body), 'C')"
        assert body_weight in VECTOR
        vector = VECTOR.replace(body_weight, "b.body_vector")
        title_prefix = search_tokens(template.overline)
        steps(
            cursor,
            "search_searchdocument",
            f"""
            INSERT INTO search_searchdocument
                (article_id, title, tags, lead, body, service_id, published_at,
                 key_version, document)
            SELECT d.article_id, d.title, d.tags, d.lead, d.body, d.service_id,
                   d.published_at, {KEY_VERSION}, {vector}
            FROM (
                SELECT a.id AS article_id,
                       pg_temp.doc_terms(%s::text[]
                           || string_to_array(a.title_key, ' ')) AS title,
                       pg_temp.doc_terms(coalesce(x.keys, '{{}}')) AS tags,
                       pg_temp.doc_terms(string_to_array(a.lead_key, ' ')) AS lead,
                       %s::text AS body,
                       a.service_id, a.published AS published_at
                FROM scale_article a
                LEFT JOIN (
                    SELECT i, array_agg(k ORDER BY pos, o) AS keys
                    FROM scale_article_tag, unnest(keys) WITH ORDINALITY u(k, o)
                    GROUP BY i
                ) x USING (i)
            ) d
            CROSS JOIN (SELECT setweight(to_tsvector('simple', %s::text), 'C')
                        AS body_vector) b
            """,
            [title_prefix, body_terms, body_terms],
        )

        # Comments: per_article per story (the first ones while they last),
        # the first `tops` top-level, the rest replies to them.
        if comments:
            text_sql, text_keys, text_tp, text_kp = COMMENTS.sql("c", "c")
            name_keys = [search_key(name) for name in NAMES]
            steps(
                cursor,
                "comments_comment",
                f"""
                INSERT INTO comments_comment
                    (id, name, email, text, status, ip_address, created_at,
                     moderated_at, article_id, moderated_by_id, parent_id, dedupe_key,
                     dislikes, likes, notify_replies, primary_rule, reasons, risk,
                     text_key, deleted_at, deleted_by_id)
                SELECT %s + c, (%s::text[])[c %% {len(NAMES)} + 1], '', x.text,
                       'approved', x.ip, x.created, x.created + interval '3 minutes',
                       a.id, NULL,
                       CASE WHEN x.j >= {tops} THEN %s + (c - x.j)
                            + (x.j - {tops}) %% {tops} END,
                       encode(sha256(convert_to(concat_ws(E'\\x1f', a.id, x.text_key,
                           host(x.ip), (%s::text[])[c %% {len(NAMES)} + 1], 'scale'),
                           'UTF8')), 'hex'),
                       c %% 5 * (c %% 3), c %% 13, false, '', '[]'::jsonb,
                       0.05 + (c %% 10) / 100.0, x.text_key, NULL, NULL
                FROM generate_series(0, %s - 1) c
                JOIN scale_article a ON a.i = c / {per_article}
                CROSS JOIN LATERAL (
                    SELECT c %% {per_article} AS j,
                           {text_sql} AS text,
                           encode(sha256(convert_to({text_keys}, 'UTF8')), 'hex')
                               AS text_key,
                           ('10.' || (c >> 16) %% 256 || '.' || (c >> 8) %% 256 || '.'
                               || c %% 256)::inet AS ip,
                           a.published + interval '7 minutes' * (c %% {per_article} + 1)
                               AS created
                ) x
                """,
                [comment_base, NAMES, comment_base, name_keys]
                + [min(comments, per_article * articles)]
                + text_tp
                + text_kp,
            )

        began = time.monotonic()
        for definition in recreate:
            t0 = time.monotonic()
            cursor.execute(definition)
            say(f"    {time.monotonic() - t0:6.1f} s  {definition[:110]}")
        steps.timings.append(("indexes and foreign keys", time.monotonic() - began))
        say(f"  indexes and foreign keys: {steps.timings[-1][1]:.1f} s")

        for table, column in [
            ("wagtailcore_page", "id"),
            ("comments_comment", "id"),
            ("newsroom_articletag", "id"),
            ("taggit_tag", "id"),
        ]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608
                f"(SELECT max({column}) FROM {table}))"
            )
        cursor.execute(
            "UPDATE newsroom_newscodesequence SET next_value = GREATEST(next_value, "
            "(SELECT max(news_code) + 1 FROM newsroom_articlepage)) WHERE name = 'news'"
        )
        say("  committing…")
        began = time.monotonic()
    steps.timings.append(("commit", time.monotonic() - began))

    began = time.monotonic()
    with connection.cursor() as cursor:
        for table in TABLES + ["taggit_tag"]:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    steps.timings.append(("vacuum analyze", time.monotonic() - began))
    say(f"  vacuum analyze: {steps.timings[-1][1]:.1f} s")
    check_sample(articles)
    total = time.monotonic() - steps.started
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    say(f"done in {total:.0f} s; database size {size}")
    for name, took in steps.timings:
        say(f"TIMING {name.replace(' ', '_')}={took:.1f}")
    say(f"TIMING total={total:.1f}")
    say(f"SIZE {size}")


def _stored_vector(article_id: int) -> str:
    """Return the stored full-text vector of ``article_id`` as text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document::text FROM search_searchdocument WHERE article_id = %s",
            [article_id],
        )
        return cursor.fetchone()[0]


def check_sample(articles: int) -> None:
    """Index a few generated stories with the app itself and compare (rolled back)."""
    numbers = sorted({0, 1, articles // 2, articles - 1})
    for number in numbers:
        article = ArticlePage.objects.get(news_code=FIRST_CODE + number)
        ours = SearchDocument.objects.get(article_id=article.pk)
        our_vector = _stored_vector(article.pk)
        with transaction.atomic():
            article_index(article=article)
            theirs = SearchDocument.objects.get(article_id=article.pk)
            their_vector = _stored_vector(article.pk)
            transaction.set_rollback(True)
        same = {
            field: getattr(ours, field) == getattr(theirs, field)
            for field in ("title", "lead", "body", "service_id", "published_at")
        }
        same["tags (as a set)"] = set(ours.tags.split()) == set(theirs.tags.split())
        same["tags"] = ours.tags == theirs.tags
        same["vector"] = our_vector == their_vector
        assert all(v for k, v in same.items() if k not in ("tags", "vector")), same
        say(f"  check {article.news_code}: {same}")
    assert document_terms  # the function the SQL mirrors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--comments", type=int, default=10_000_000)
    parser.add_argument("--tags", type=int, default=5_000)
    args = parser.parse_args()
    generate(args.articles, args.comments, args.tags)


if __name__ == "__main__":
    main()
