"""Response models of the REST API: the export schema's records (CONTRACT.md) plus reader extras.

They document the API in OpenAPI (`/openapi.json`, `/docs`) and check every response against it.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")
Json = dict[str, object]


class ListPage(BaseModel, Generic[T]):
    """One page of a list: `items`, and `total` items in the whole list."""

    total: int = Field(description="items in the whole list")
    limit: int
    offset: int
    items: list[T]


class ErrorOut(BaseModel):
    detail: str = Field(description="what is wrong, in words a person can act on")


# --------------------------------------------------------------------------------------- articles


class DroppedLineOut(BaseModel):
    line: int | None = Field(description="line number in the page")
    text: str | None
    reason: str | None = Field(description="why the cleaner dropped it: caption, masthead, related_block, …")


class EntityRef(BaseModel):
    id: str
    name: str
    type: str
    mentions: int


class ArticleOut(BaseModel):
    id: str
    page: str = Field(description="the input file's base name, URL or record id it came from")
    title: str | None
    subtitle: str | None
    paragraphs: list[str]
    source: str | None
    published: str | None = Field(description="YYYY-MM-DD")
    language: str
    duplicate_of: str | None
    dateline: str | None = None
    url: str | None = None
    event: str | None = Field(None, description="id of the event this article reports")


class ArticleDetail(ArticleOut):
    dropped: list[DroppedLineOut] = Field(description="lines the cleaner removed from this article, with why")
    similarity: int | None = Field(None, description="% similarity to the original (near-duplicates)")
    event_title: str | None = None
    score: float | None = Field(None, description="score of the article against its event")
    explanation: Json | None = Field(None, description="why the article is in its event (parts of the score)")
    duplicates: list[str] = Field(default_factory=list, description="ids of articles that repeat this one")
    entities: list[EntityRef] = Field(default_factory=list)


# --------------------------------------------------------------------------------------- events


class SummarySentence(BaseModel):
    text: str
    articles: list[str] = Field(description="ids of the articles that support it")


class QuoteOut(BaseModel):
    speaker: str | None
    text: str
    article: str
    speaker_entity: str | None = None


class FactOut(BaseModel):
    text: str
    value: int | float | str | None
    unit: str | None
    articles: list[str]
    status: str = Field(description="agreed | conflict | single")
    mentions: dict[str, str] = Field(
        default_factory=dict, description="article id -> the number as that article wrote it"
    )


class EventOut(BaseModel):
    id: str
    title: str | None
    date: str | None = Field(description="when the event happened (YYYY-MM-DD), not when it was reported")
    place: str | None
    story: str | None
    articles: list[str]
    summary: list[SummarySentence]
    quotes: list[QuoteOut]
    facts: list[FactOut]


class SourceOut(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    page: str
    duplicate_of: str | None = None
    score: float | None
    explanation: Json = Field(description="the parts of the score, shared dates, places, actors, passages")


class EventDetail(EventOut):
    story_title: str | None = None
    sources: list[SourceOut]
    entities: list[EntityRef]


class BriefEvent(BaseModel):
    id: str
    title: str | None
    date: str | None
    place: str | None
    story: str | None
    articles_count: int
    reported: str | None = Field(description="earliest publication date of its articles")


# --------------------------------------------------------------------------------------- stories


class StoryOut(BaseModel):
    id: str
    title: str | None
    events: list[str] = Field(description="event ids in time order")
    events_count: int
    latest_date: str | None
    first_date: str | None


class StoryDetail(StoryOut):
    timeline: list[BriefEvent]


# --------------------------------------------------------------------------------------- entities


class EntityOut(BaseModel):
    id: str
    name: str
    type: str = Field(description="PER | ORG | LOC | MISC")
    variants: list[str] = Field(description="surface forms seen (in a list: the first 20, sorted)")
    events: list[str] = Field(description="in a list: the (at most 20) events it is named most in")
    mentions: int = 0
    articles_count: int = 0
    events_count: int = 0
    variants_count: int = 0


class EntityArticle(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    page: str
    duplicate_of: str | None = None
    mentions: int


class EntityQuote(BaseModel):
    """A quote of the entity: its speaker's canonical name and the speaker as the article wrote it."""

    speaker: str
    written: str
    text: str
    article: str
    event: str | None = None


class EntityDetail(BaseModel):
    id: str
    name: str
    type: str
    variants: list[str]
    events: list[str]
    mentions: int
    event_list: list[BriefEvent]
    articles: list[EntityArticle]
    quotes: list[EntityQuote]


# --------------------------------------------------------------------------------------- search, ingest


class SearchHit(BaseModel):
    kind: Literal["article", "event", "entity"]
    id: str
    title: str | None
    snippet: str
    score: float = Field(description="higher is better; comparable within one query")
    source: str | None = None
    published: str | None = None
    date: str | None = None
    place: str | None = None
    story: str | None = None
    type: str | None = None


class SkippedOut(BaseModel):
    name: str
    reason: str


class IngestOut(BaseModel):
    pages_read: int
    pages_unchanged: int
    articles: int = Field(description="new articles stored")
    duplicates: int
    skipped: list[SkippedOut] = Field(description="records or pages that could not be read, with why")
    article_ids: list[str] = Field(description="ids of the stored articles of the pages sent")
