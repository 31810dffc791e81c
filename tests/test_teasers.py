"""Teasers: another article's lead printed below an article of the same outlet is dropped by the store."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from marsad.clean.teasers import REASON, lead_key
from marsad.engine import ingest
from marsad.model import Article, RawPage
from marsad.store import Store
from marsad.store.schema import article_features, quotes

# Three leads of one outlet's stories of one day, as CNN Arabic closes an article with them.
FUEL = (
    'قال وزير الطاقة التونسي خالد قدور إن "رفع أسعار الوقود ضروري للحد من عجز الميزانية"، في بيان صدر السبت.'
)
ROSNEFT = (
    "وافقت اللجنة الحكومية الروسية للرقابة على الاستثمارات الأجنبية على بيع حصة تبلغ 14.16% من أسهم شركة "
    "روس نفط لصندوق قطر السيادي."
)
ERDOGAN = (
    'قال الرئيس التركي رجب طيب أردوغان إن الغرب لن يتمكن من "تركيع" الشعب التركي عبر الدولار، في إشارة '
    "إلى الأزمة بين أنقرة وواشنطن."
)
CHINA = [
    "تسعى الصين بخطى حثيثة نحو تعزيز تجارتها مع طهران والتوسع في الاستثمار بقطاع النفط الإيراني، متجاهلة "
    "العقوبات الأمريكية.",
    'وقال رئيس غرفة التجارة للإيرانيين المقيمين في الصين: "الصين لا تزال إلى جانب إيران ولا تتبع أي بلد".',
]


def _page(rid: str, title: str, paragraphs: list[str], source: str | None = "CNN") -> RawPage:
    return RawPage(
        page=rid, text="\n\n".join(paragraphs), origin="t.jsonl", kind="record", title=title, source=source
    )


def _articles(store: Store) -> dict[str, Article]:
    return {a.page: a for a in store.iter_articles()}


def _fuel() -> RawPage:
    return _page(
        "fuel", "تونس ترفع أسعار الوقود", [FUEL, "وهذه الزيادة الرابعة منذ مطلع العام الجاري في البلاد."]
    )


def _china(source: str | None = "CNN") -> RawPage:
    return _page("china", "الصين تتجاهل العقوبات", [*CHINA, FUEL, ROSNEFT, ERDOGAN], source)


def test_the_leads_of_earlier_articles_of_the_outlet_are_dropped_with_their_reason(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    rosneft = _page(
        "rosneft", "صندوق قطر في روس نفط", [ROSNEFT, "وتبلغ قيمة الصفقة نحو 4.5 مليار دولار بحسب مصادر."]
    )
    ingest(store, [_fuel(), rosneft, _china()])
    china = _articles(store)["china"]
    # the teasers of the fuel and Rosneft stories are gone; Erdogan's remark leads no article here,
    # and nothing in the text tells it from the article's own: it stays
    assert china.paragraphs == [*CHINA, ERDOGAN]
    gone = [d for d in china.dropped if d.reason == REASON]
    assert [d.text for d in gone] == [FUEL, ROSNEFT]
    # the minister's words are the fuel article's quote, not the China article's
    with store.engine.connect() as conn:
        quoted = conn.execute(
            select(quotes.c.article_id).where(quotes.c.text.contains("عجز الميزانية"))
        ).scalars()
        assert list(quoted) == [_articles(store)["fuel"].id]
        # and the Rosneft stake's 14.16% is the Rosneft article's fact only
        facts = conn.execute(select(article_features.c.article_id, article_features.c.features)).all()
        assert [aid for aid, row in facts if "14.16" in row] == [_articles(store)["rosneft"].id]


def test_another_outlet_is_no_teaser_and_the_store_and_the_batch_decide(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, [_fuel()])
    ingest(store, [_china(source="Reuters")])  # reuse across outlets is not a teaser
    assert FUEL in _articles(store)["china"].paragraphs
    other = Store.open(str(tmp_path / "o.db"))
    ingest(other, [_fuel()])
    ingest(other, [_china()])  # a second run knows the first run's leads
    assert FUEL not in _articles(other)["china"].paragraphs
    # the teased story just after the teaser, in the same batch of pages: the batch tells it
    soon = Store.open(str(tmp_path / "s2.db"))
    ingest(soon, [_china(), _fuel()])
    assert FUEL not in _articles(soon)["china"].paragraphs
    # in a later run: nothing stored before told it, and the stored article is not rewritten
    late = Store.open(str(tmp_path / "l.db"))
    ingest(late, [_china()])
    ingest(late, [_fuel()])
    assert FUEL in _articles(late)["china"].paragraphs


def test_short_or_unsourced_paragraphs_have_no_lead_key() -> None:
    assert lead_key(None, FUEL) is None
    assert lead_key("CNN", "والله ولي التوفيق") is None
    assert lead_key("CNN", FUEL) == lead_key("cnn", " ".join(FUEL.split()) + " ")
    assert lead_key("CNN", FUEL) != lead_key("BBC", FUEL)


def test_a_schema_5_store_learns_the_leads_it_holds(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    store = Store.open(path)
    ingest(store, [_fuel()])
    with store.transaction() as conn:
        conn.exec_driver_sql("DROP TABLE article_leads")
        conn.exec_driver_sql("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    store.close()
    store = Store.open(path)
    ingest(store, [_china()])
    assert FUEL not in _articles(store)["china"].paragraphs
