"""Shapes of the API's answers."""

from datetime import datetime

from ninja import Schema


class ServiceOut(Schema):
    id: int
    name: str
    slug: str
    url: str


class TagOut(Schema):
    name: str
    url: str
    articles: int


class ArticleSummary(Schema):
    code: int
    url: str
    short_url: str
    title: str
    overline: str
    lead: str
    service: str
    tags: list[str]
    published_at: datetime
    updated_at: datetime | None


class ArticleDetail(ArticleSummary):
    agency: str
    byline: str
    body_text: str
    body_html: str
    related: list[str]


class ArticlePageOut(Schema):
    items: list[ArticleSummary]
    next: str | None


class TagPageOut(Schema):
    items: list[TagOut]
    next: str | None


class SearchOut(Schema):
    query: str
    total: int
    page: int
    loose: bool
    by_code: ArticleSummary | None
    items: list[ArticleSummary]


class ErrorOut(Schema):
    detail: str
