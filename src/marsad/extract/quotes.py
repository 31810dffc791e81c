"""Quotes and reported speech with their speakers, from the paragraphs of one article.

    extract_quotes(["وقال وزير الخارجية الألماني هايكو ماس: «في العراق وسوريا، تم صد داعش»."])
    # [QuoteMention(text="في العراق وسوريا، تم صد داعش", speaker="هايكو ماس",
    #               speaker_role="وزير الخارجية الألماني", ...)]

Shapes read:
- a speech verb (قال، أضاف، أكد، أوضح، حذر، دعا … with و/ف and feminine/plural forms) and its subject,
  then the statement: a quote in «…», “…”, "…" or '…' (unbalanced ones run to the end of the paragraph),
  a clause after أن/إن (reported speech), or the rest of the sentence (دعا، طالب، نفى، انتقد + object);
- the subject: a title and a name (`وزير الخارجية الأميركي أنتوني بلينكن`), a name and an apposition
  (`رضا بلحاج، الممثل القانوني لحزب نداء تونس`), an organisation (`وزارة الخارجية الأمريكية`,
  `خفر السواحل`), a country or capital speaking for its state (`وقالت موسكو إن`), a bare name, one
  whose words they are (`نقلت وكالة الأناضول على لسان أردوغان قوله`), a subject written before a verb
  with none after it (`صحيفة الشرق الأوسط قالت إنه`), or none (`وأضاف أن …`, `وقال: «…»`);
- attributions: `حسب العياري`, `بحسب ما أفادت صحيفة عكاظ`, `وفق تعبيره` (which only ends a statement);
  between a speaker and the words they are an aside (`ذكرت «بلومبرغ نيوز»، نقلاً عن مذكرة، أن …`);
- not statements: a present tense with neither أن nor a quote (`وتعتبر إسبانيا الوجهة …`: "is
  considered"), a verb inside someone's quoted words, a verb spelled like a noun where no clause starts
  (`أبرز الفرص`, `كتب التاريخ`);
- participles that go on with the same speaker (`مشيرا إلى أن`, `قائلا: "…"`), a quote after its
  statement's sentence (`“…”. “…”`) and a quote before its verb (`«…»، قال بلينكن`).

Speakers without a name are resolved in the article: a pronoun to the person last named as a subject
or the last speaker; a title (`وأضاف رئيس الحكومة الأسبق`) to the person last named with it, else to
the last speaker when the title is short or continues (`وأضاف الوزير`) and that speaker is a person of
no other title, else the title speaks as written (`المتحدث باسم الجيش المصري`); a generic noun
(`الوزارة`, `الخارجية`) to the last organisation with that head or word, a class of body (`الشركة`) to
the body named before whose name says no class, and otherwise the body speaks as written (`وقالت
الشرطة`, `أكد الكرملين`); a document (`البيان`) to the last speaker; a short name (`بلينكن`) to the
fullest form seen (`أنتوني بلينكن`). Arabic has no capitals, so names are told from titles by word
lists (titles, organisation heads, their usual complements and adjectives) and by the shape of the
phrase; a masculine verb before a feminine body (`وحض الحكومة على`) makes the body its object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from marsad.group.places import gazetteer
from marsad.text.normalize import match_key
from marsad.text.tokenize import sentences

# ------------------------------------------------------------------------------------------- word lists


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words.split())


def _verb_forms(words: str) -> frozenset[str]:
    """Past-tense speech verbs: masculine, feminine (-ت) and plural (-وا) forms as written below."""
    out: set[str] = set()
    for w in words.split():
        k = match_key(w)
        if k.endswith("ي"):  # نفى، رأى، ادعى، دعا is listed with its own forms
            out |= {k, k[:-1] + "ت", k[:-1] + "وا"}
        elif k.endswith("ا"):
            out |= {k, k[:-1] + "ت", k[:-1] + "وا"}
        else:
            out |= {k, k + "ت", k + "وا"}
    return frozenset(out)


# Verbs whose statement is a clause after أن/إن or a quote.
_SAY_WORDS = (
    "قال أضاف أكد أوضح أشار اعتبر لفت تابع أعلن صرح نفى رأى كشف أفاد ذكر أبرز أقر أردف استطرد زعم "
    "ادعى أبلغ أعلم لاحظ اعترف أفصح نبه أورد روى أكّد بيّن ذكّر رجح توقع قدر أفادت شدد أعرب نقل كتب غرد"
)
_SAY = _verb_forms(_SAY_WORDS)
# Verbs whose statement is the rest of the sentence (object, إلى/على/ب + noun, or أن + verb).
_URGE_WORDS = "دعا حض حث طالب ناشد انتقد استنكر ندد اقترح توعد اتهم عبر هدد تعهد رفض حمل أدان حذر"
_URGE = _verb_forms(_URGE_WORDS)
_SPEECH = _SAY | _URGE


def _masculine(*lists: str) -> frozenset[str]:
    """The masculine singular past forms of listed verbs (أفادت is listed beside أفاد: it is not one)."""
    bases = {match_key(w) for words in lists for w in words.split()}
    return frozenset(b for b in bases if not (b.endswith("ت") and b[:-1] in bases))


# A masculine verb does not agree with a feminine noun after it: that noun is its object, and the
# subject is someone named before (`وحض الحكومة على`, `واتهم الوكالة بالانحياز`, `أبلغ الشرطة أن`).
_MASCULINE_VERBS = _masculine(_SAY_WORDS, _URGE_WORDS)


# Continuations (وأضاف، وتابع) need a complement: `وأضاف كاسيميرو الهدف الثاني` is a goal, not a quote.
_CONTINUE = _verb_forms("أضاف تابع أردف استطرد")
# Verbs spelled like nouns or prepositions (طالب، كشف، عبر، بين): verbs only where a clause starts.
_HOMOGRAPHS = _verb_forms(
    "طالب كشف ذكر رفض حمل تعهد عبر بين نقل قدر توقع أبرز كتب"
)  # أبرز: also "most prominent"; كتب: also "books"
_PRESENT = _keys("يقول تقول يرى ترى يؤكد تؤكد يتوقع تتوقع يعتبر تعتبر يضيف تضيف يشير تشير يوضح توضح")
_PARTICIPLES = _keys(
    "مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة معتبرا معتبرة داعيا داعية محذرا محذرة قائلا قائلة "
    "لافتا لافتة مشددا مشددة مبينا مبينة مبرزا مبرزة منددا مندد معربا معربة متابعا متابعة مطالبا مطالبة "
    "مضيفين مؤكدين مشيرين داعين قائلين معتبرين محذرين مطالبين مشددين موضحين"
)
_COMPLEMENT = _keys(
    "أن أنه أنها أنهم أنهما أنهن أننا أنني أنّ إن إنه إنها إنهم إنهما إننا إنني بأن بأنه بأنها بأنهم "
    "بأنهما بأننا أنّه إنّ إنّه"
)
_NOT_BEFORE_COMPLEMENT = _keys("بعد قبل دون منذ رغم بدون لأن لان حتى في حين كما")
_PREPOSITIONS = _keys(
    "في عن من مع إلى الى على خلال أمام لدى عند حول بعد قبل منذ ضد نحو دون إثر عقب أثناء بين عبر تجاه "
    "وفي وعن ومن ومع وإلى وعلى وخلال وأمام ولدى وعند وحول وبعد وقبل ومنذ"
)
_TIME = _keys(
    "اليوم أمس غدا الليلة صباح مساء ظهر مؤخرا حاليا سابقا الآن الأحد الاثنين الإثنين الثلاثاء الأربعاء "
    "الخميس الجمعة السبت أيضا كذلك بدوره بدورها بدورهم أول ليلة عشية فجر يوم يومي صبيحة آنذاك حينها وقتها"
)
# Words of a time span that open no name (أعلن بداية هذا الشهر: when, not who), and adverbs written
# without their -ًا (وقال ردا على سؤال، ونفى بشكل قاطع).
_ADVERBS = _keys("ردا تعليقا بشكل مجددا مرارا تكرارا صراحة علنا استنادا")
_AGED = _keys("البالغ البالغة")  # آنا كامبل | البالغة من العمر 40 عاما: her age, no name and no object
_SPAN = _keys("بداية مطلع أواخر أوائل منتصف نهاية") | _ADVERBS | _AGED
_RELATIVE = _keys("الذي التي الذين اللذين اللتين اللواتي اللاتي")
_STOP = _keys(
    "كل بعض أي أية هذا هذه ذلك تلك هؤلاء هناك هنا لا لم لن قد لقد ما كما ثم أو أم هو هي هم نحن غير "
    "سوى جميع كافة مختلف عدد عدة العديد بعض جل معظم أكثر أغلب وهو وهي وهم وقد إنما وإنما لكن ولكن "
    "قوله قولها قولهم قولهما ذات نفس ذاته ذاتها نفسه نفسها "
    "به بها بهم له لها لهم عليه عليها منه منها إليه عنه عنها فيه فيها معه ل ب لـ بـ "
    "بعدما عندما حينما بينما فيما ريثما كلما"  # conjunctions: قائد الطائرة | بعدما …
)
_TITLES = _keys(
    "وزير وزيرة الوزير الوزيرة رئيس رئيسة الرئيس الرئيسة أمين الأمين أمينة الأمينة مدير مديرة المدير "
    "المديرة ناطق الناطق الناطقة متحدث المتحدث المتحدثة ممثل الممثل الممثلة مندوب المندوب المندوبة نائب "
    "النائب النائبة عضو العضو عضوة كاتب كاتبة زعيم الزعيم زعيمة قائد القائد قائدة مبعوث المبعوث المبعوثة "
    "سفير السفير السفيرة خبير الخبير الخبيرة محلل المحلل الأستاذ الأستاذة الدكتور الدكتورة القيادي القيادية "
    "مسؤول المسؤول المسؤولة مسؤولة مساعد مستشار المستشار المستشارة محافظ المحافظ والي الوالي المعتمد "
    "العميد اللواء العقيد الجنرال المشير الشيخ الأمير الأميرة الملك الملكة السلطان ولي الإمام البابا المرشد "
    "المرشح المرشحة المحامي المحامية الباحث الباحثة الصحفي الصحفية الناشط الناشطة المنسق المنسقة المفوض "
    "المفوضة المقرر القاضي قاضي الوكيل وكيل النقيب المدعي حاكم الحاكم منسق مفوض شقيق شقيقة أرملة زوجة "
    "والد والدة السيد السيدة رئيسا نائبا المدرب مدرب اللاعب لاعب الفنان الفنانة الكاتب الكاتبة البروفيسور "
    "المكلف المكلفة مراسل المراسل مراسلة ضيف الضيف المحامي المحامية محام عميد العميد رئيس الوزير "
    "الإعلامي الإعلامية الأكاديمي الأكاديمية النقابي النقابية الحقوقي الحقوقية المحلل "
    "العاهل عاهل النجم نجم مصدر مصادر شهود سكان تقارير"
)
# Subjects that name no one: وأعرب عدد من الأولياء، وقال بعض المسؤولين
_QUANTIFIERS = _keys("عدد بعض كل أحد إحدى جميع معظم أغلب العديد عديد مجموعة")
# Unnamed officials the article may name later.
_OFFICIALS = _keys("مسؤول مسؤولة متحدث ناطق مصدر")
# Honorifics that sit right before a name and belong to it in the variants outlets write.
_HONORIFICS = _keys("الأمير الأميرة الشيخ الملك الملكة السلطان الدكتور الدكتورة السيد السيدة")
_ORGS = _keys(
    "وزارة الوزارة رئاسة الرئاسة حكومة الحكومة حزب الحزب حركة الحركة منظمة المنظمة جمعية الجمعية نقابة "
    "النقابة اتحاد الاتحاد ديوان الديوان شركة الشركة بنك البنك وكالة الوكالة مكتب المكتب مركز المركز محكمة "
    "المحكمة هيئة الهيئة لجنة اللجنة مجلس المجلس جامعة الجامعة رابطة الرابطة جبهة الجبهة صحيفة الصحيفة "
    "جريدة الجريدة قناة القناة إذاعة الإذاعة موقع مؤسسة المؤسسة مصلحة المصلحة إدارة الإدارة مندوبية "
    "المندوبية سفارة السفارة مفوضية المفوضية البرلمان الكونغرس الجيش جيش الشرطة شرطة خفر قوات القوات "
    "التحالف تحالف الأمم الكرملين الخارجية الداخلية السلطات النيابة الادعاء المرصد مرصد الحرس "
    "الدفاع ائتلاف الائتلاف تنسيقية مجموعة المجموعة المفوضية الوكالات المنظمات النقابات المحاكم الحكومات "
    "تنظيم التنظيم كتلة الكتلة فرع الفرع شبكة الشبكة مجلة المجلة"
)
_ORG_HEADS = frozenset(k[2:] if k.startswith("ال") else k for k in _ORGS)
# Nouns for a class of body that stand for the one named before (`الشركة` for `الخطوط الجوية
# السعودية`), by the class they name (a newspaper is a صحيفة or a جريدة).
_CLASS_HEADS = {
    match_key(w): c
    for c, words in enumerate(
        ("شركة", "منظمة", "صحيفة جريدة", "وكالة", "قناة", "جمعية", "هيئة", "مؤسسة", "حزب", "حركة",
         "مجموعة", "موقع", "بنك", "إذاعة", "رابطة", "جامعة")
    )
    for w in words.split()
}  # fmt: skip
# "his/her/their saying": what a reporting verb quotes someone by (نقلت الوكالة عن الوزير قوله)
_SAYING_OF = _keys("قوله قولها قولهم قولهما")
# An organisation's name of two definite words (most such pairs are a noun and its object).
_ORG_PHRASES = frozenset(
    {
        ("البيت", "الابيض"),
        ("الصليب", "الاحمر"),
        ("للصليب", "الاحمر"),
        ("الهلال", "الاحمر"),
        ("للهلال", "الاحمر"),
    }
)
# Nouns that stand for a speaker named before: وأضاف البيان، حسب البلاغ.
_DOC_INDEFINITE = _keys("بيان بلاغ تقرير رسالة مذكرة")
_DOCUMENTS = _keys("البيان البلاغ التقرير الرسالة المذكرة المصدر المصادر")
# Complements of titles that are not names: ministries, fields, adjectives of office, nationalities.
_TITLE_WORDS = _keys(
    "الخارجية الداخلية الدفاع المالية العدل الصحة التربية التعليم النقل السياحة التجارة الصناعة الطاقة "
    "الاقتصاد الثقافة الشباب الرياضة المرأة الأسرة الطفولة الشؤون الفلاحة الزراعة البيئة التشغيل الإعلام "
    "الاتصال الحكومة الدولة الوزراء الجمهورية الشعب النواب البرلمان الحزب الحركة الجامعة الهيئة الإدارة "
    "العام العامة الأسبق السابق السابقة الرسمي الرسمية الأول الأولى الخاص الخاصة الجهوي الجهوية الوطني "
    "الوطنية المنتخب المنتخبة الدائم الدائمة التنفيذي التنفيذية المساعد المساعدة الأعلى العليا المكلف "
    "المكلفة القانوني القانونية المركزي المركزية الاقتصادي الاقتصادية السياسي السياسية الإقليمي الأممي "
    "الأممية المستقيل المستقلة المؤقت المؤقتة الحالي الحالية المقبل الجديد الجديدة باسم الأعلى للشؤون "
    "الأمريكي الأميركي الامريكي الروسي الفرنسي البريطاني الألماني الإيطالي الإسباني الصيني التركي "
    "الإيراني العراقي السوري اللبناني الأردني المصري السعودي الإماراتي القطري الكويتي البحريني العماني "
    "اليمني الليبي التونسي الجزائري المغربي الموريتاني السوداني الفلسطيني الإسرائيلي الأوكراني الياباني "
    "الهندي الباكستاني الأفغاني الكندي الأسترالي البلجيكي الهولندي السويدي النرويجي اليوناني البولندي "
    "النمساوي السويسري الأوروبي الأفريقي العربي الدولي الأمريكية الأميركية الروسية الفرنسية البريطانية "
    "الألمانية الإيطالية التركية الإيرانية العراقية السورية المصرية السعودية التونسية الجزائرية المغربية "
    "الليبية الفلسطينية الإسرائيلية الأوروبية العربية الدولية الأممية اليونانية "
    "الكرة القدم السلة اليد الطائرة"  # الاتحاد التونسي لكرة القدم: a federation's sport
)
_PARTICLES = _keys("بن ابن أبو أبي أبا آل عبد عبدال ولد بنت دي دو فان فون لو لا أم")
_SURNAME_PARTICLES = _PARTICLES - _keys("عبد عبدال أم")
# Regnal numbers end a name: الملك عبد الله الثاني | أعضاء الحكومة.
_REGNAL = _keys("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")
_PLACE_NOUNS = _keys("مدينة ولاية محافظة منطقة جهة معتمدية بلدية إقليم مقاطعة")
_ATTRIBUTION = _keys("حسب بحسب وفق وفقا طبقا حسبما نقلا")
_ATTENTION = _keys("الأنظار الانتباه النظر")
_DIRECTIONS = _keys("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي")
_SAYING = _keys("قائلا قائلة قائلين")
_SUBJECT_WORDS = 8  # most words of a subject written before its verb
# Words that open a clause: a subject written before a verb starts after them.
_CLAUSE_OPENERS = (
    _keys(
        "لكن ولكن بينما فيما كما حيث إذ اذ بعدما عندما حين لأن لان كان وكان كانت وكانت ثم فقد وقد "
        "لكنه ولكنه لكنها ولكنها فهو فهي وهو وهي هو هي والذي والتي والذين"
    )
    | _COMPLEMENT
    | _RELATIVE
)
_QUOTED_WORDS = 4  # a quote this long is someone's words, not a quoted name (`«داعش»`)
_PLACE_WORDS = 4  # the longest place name read as a speaker (`الولايات المتحدة الأمريكية`)
_ASIDE_WORDS = 12  # most tokens an attribution set off between commas spans (`، نقلا عن مصادر …،`)
_PRONOUN_SUFFIXED = re.compile(r"(ه|ها|هم|هما|هن)$")
_NAMED_QUOTE_BEFORE = _keys(
    "برنامج عنوان قناة موقع صحيفة مجلة إذاعة حملة عملية وكالة حزب حركة جمعية مجموعة شعار مبادرة مشروع "
    "بعنوان تسمى يسمى ما"
)
# Words after which a speech verb's spelling is a noun: تم كشف، عملية ذكر
_NOUN_CONTEXT = _keys("تم يتم وتم سيتم تمّ عملية إطار بعد قبل أجل")
# Words after which a verb starts a clause: كما قال، وقد أكد، من جهته أكد، من جانب آخر كشف
_BEFORE_VERB = _keys(
    "كما وقد قد لقد ثم إذ حيث فيما بينما كذلك فقد وكما وإذ جهته جانبه جهتها جانبها جهتهم آخر أخرى"
)
# Shapes of adjectives (nisba, feminine, plural, elative): البنك المركزي التونسي، الهيئة العليا المستقلة
_ADJECTIVE = re.compile(r"(ي|يه|ه|يين|يون|ا|ي)$")
_NISBA = ("ي", "يه", "يين", "يون")  # الأمريكية، الدولي: an adjective of origin
_GENERAL = _keys("العام العامة الأعلى")  # adjectives of office: المدعي العام، المجلس الأعلى
# Titles that are adjectives right after a body (المكتب الإعلامي); so is a feminine one (المنظمة الحقوقية).
_MEDIA = _keys("الإعلامي الإعلامية")
_MASDAR = re.compile(r"^إ\w\wا\wة?$")  # إطلاق، إعلان، إقامة: verbal nouns of form IV
_PARTICIPLE = re.compile(r"^م\w{2,}(ا|ين|ة)$")

_QUOTE_OPEN = "«“„\"'"
_QUOTE_CHARS = "«»“”„‟\"'"
_TOKEN = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670\u0640\u0671-\u06d3A-Za-z\u00c0-\u024f0-9٠-٩]+"
    r"(?:[.\-][0-9A-Za-z٠-٩]+)*|[^\s]"
)


# ------------------------------------------------------------------------------------------------ model


@dataclass(frozen=True)
class QuoteMention:
    """A statement and who made it. `text` is the quoted words without the quote marks (or the reported
    clause); `speaker` the name as written (the fullest form in the article), None when no one is named;
    `paragraph`/`sentence` index the article; `start`/`end` index `text` in that paragraph."""

    text: str
    speaker: str | None
    speaker_role: str | None = None
    speaker_type: str | None = None  # "PER" | "ORG"
    paragraph: int = 0
    sentence: int = 0
    start: int = 0
    end: int = 0
    kind: str = "reported"  # "direct" (between quote marks) | "reported" | "attributed" (حسب …)
    resolved: bool = False  # the speaker was not named at the verb but found in the article


@dataclass(frozen=True)
class _Tok:
    text: str
    key: str
    start: int
    end: int


@dataclass
class _Name:
    """A person or organisation named in the article (or a phrase standing for one)."""

    kind: str  # "PER" | "ORG" | "TITLE" | "GENERIC" | "NAME" | "PLURAL" | "UNNAMED"
    display: str | None  # the name as written (None for TITLE; a GENERIC's noun as written)
    keys: tuple[str, ...]  # keys of the name tokens
    role: str | None = None
    role_keys: tuple[str, ...] = ()
    head: str | None = None  # org or title head key, for generic and title-only references
    start: int = 0  # token range of the whole phrase
    end: int = 0
    pos: tuple[int, int] = (0, 0)  # (paragraph, char offset) in the article
    place: bool = False  # a country or city speaking for its state (an ORG the gazetteer names)


@dataclass
class _Para:
    index: int
    text: str
    toks: list[_Tok]
    sent_of: list[int]  # sentence index of each token
    sent_end: list[int]  # token index where each sentence ends (exclusive)
    quotes: list[tuple[int, int]]  # quote spans: (open mark offset, close mark offset or len(text))


@dataclass
class _State:
    known: list[_Name] = field(default_factory=list)
    last_speaker: _Name | None = None
    last_org: _Name | None = None
    last_pos: tuple[int, int] = (-1, -1)
    unnamed_last: bool = False  # the last statement's speaker was someone unnamed (`مصدر دبلوماسي`)


# ------------------------------------------------------------------------------------------ paragraphs


@lru_cache(maxsize=1 << 17)
def _key(word: str) -> str:
    """match_key of one word, cached: news vocabulary repeats, and keys are most of the tokenising cost."""
    return match_key(word)


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), _key(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """Positions of quote marks; ASCII single quotes only where they look like quotes, not apostrophes."""
    out = []
    for m in re.finditer(r"[«»“”„‟\"']", text):
        i, ch = m.start(), m.group()
        if ch == "'":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalpha() and after.isalpha():
                continue  # an apostrophe inside a word
        out.append((i, ch))
    return out


def _pair_symmetric(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Pairs of symmetric quotes; with an odd count, the mark whose spacing fits its role worst is
    left out (it becomes an unbalanced quote, handled by the caller)."""
    n = len(positions)
    if n % 2 == 0:
        return list(zip(positions[::2], positions[1::2], strict=True))

    def opens(i: int) -> int:
        nxt = text[i + 1] if i + 1 < len(text) else " "
        prev = text[i - 1] if i else " "
        return (not nxt.isspace()) + (prev.isspace() or prev in "(:«")

    def closes(i: int) -> int:
        nxt = text[i + 1] if i + 1 < len(text) else " "
        prev = text[i - 1] if i else " "
        return (not prev.isspace()) + (not nxt.isalnum())

    best, best_score = 0, (-1, 0)
    for k in range(n):
        rest = positions[:k] + positions[k + 1 :]
        fit = sum(opens(p) if j % 2 == 0 else closes(p) for j, p in enumerate(rest))
        covered = sum(c - o for o, c in zip(rest[::2], rest[1::2], strict=True))
        # Best spacing first; on a tie keep the pairing that quotes more text (`…للمرأة"."`).
        if (fit, covered) > best_score:
            best, best_score = k, (fit, covered)
    rest = positions[:best] + positions[best + 1 :]
    return list(zip(rest[::2], rest[1::2], strict=True))


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quote spans (open, close); an opening mark never closed runs to the end of the text."""
    marks = _quote_marks(text)
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in marks:
        if ch == "«":
            stack.append(i)
        elif ch == "»":
            if stack:
                o = stack.pop()
                if not stack:
                    spans.append((o, i))
    if stack:
        spans.append((stack[0], len(text)))
    for group in ("“”„‟", '"', "'"):
        pos = [i for i, ch in marks if ch in group]
        if not pos:
            continue
        pairs = _pair_symmetric(text, pos)
        paired = {p for pair in pairs for p in pair}
        spans.extend(pairs)
        for p in pos:
            if p not in paired and group != "'":
                nxt = text[p + 1] if p + 1 < len(text) else " "
                if not nxt.isspace() and nxt not in ".،,؛":
                    spans.append((p, len(text)))  # an opening mark that never closes
    spans.sort()
    out: list[tuple[int, int]] = []
    for o, c in spans:
        if out and o < out[-1][1]:
            continue  # inside an outer span
        out.append((o, c))
    return out


def _merge_dangling(paragraphs: list[str]) -> list[tuple[int, str]]:
    """Paragraphs as (index, text); one that ends on an opening quote mark is joined to the next."""
    out: list[tuple[int, str]] = []
    carry: tuple[int, str] | None = None
    for i, p in enumerate(paragraphs):
        if carry is not None:
            idx, text = carry
            p, i = text + " " + p, idx
            carry = None
        stripped = p.rstrip()
        if stripped and stripped[-1] in _QUOTE_OPEN and stripped.count(stripped[-1]) % 2 == 1:
            carry = (i, stripped)
            continue
        out.append((i, p))
    if carry is not None:
        out.append(carry)
    return out


def _para(index: int, text: str) -> _Para:
    toks = _tokens(text)
    bounds: list[int] = []
    cursor = 0
    for s in sentences(text):
        at = text.find(s, cursor)
        if at < 0:
            continue
        cursor = at + len(s)
        bounds.append(cursor)
    sent_of: list[int] = []
    si = 0
    for t in toks:
        while si < len(bounds) - 1 and t.start >= bounds[si]:
            si += 1
        sent_of.append(si)
    sent_end = [0] * len(toks)
    end = len(toks)
    for k in range(len(toks) - 1, -1, -1):
        if k + 1 < len(toks) and sent_of[k + 1] != sent_of[k]:
            end = k + 1
        sent_end[k] = end
    return _Para(index, text, toks, sent_of, sent_end, _quote_spans(text))


# ----------------------------------------------------------------------------------------------- names


def _head(key: str) -> str:
    """Key of a title or organisation head without its article (الوكالة → وكالة)."""
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _strip_clitic(key: str) -> str:
    for p in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل"):
        if key.startswith(p) and len(key) - len(p) >= 3:
            return key[len(p) :]
    return key


def _is_boundary(t: _Tok) -> bool:
    k = t.key
    return (
        not t.text[0].isalnum()
        or k in _COMPLEMENT
        or k in _PREPOSITIONS
        or k in _TIME
        or k in _RELATIVE
        or k in _SAY
        or k in _URGE
        or k[:1] in "وف"
        and (k[1:] in _SAY or k[1:] in _URGE)
        or k in _PARTICIPLES
        or k in _ATTRIBUTION
    )


def _is_participle(t: _Tok) -> bool:
    return t.key in _PARTICIPLES or (_PARTICIPLE.match(t.key) is not None and len(t.key) >= 5)


def _title_word(k: str) -> bool:
    """A word that belongs to a title or an organisation's name, not to a person's name."""
    return k in _TITLES or k in _ORGS or k in _TITLE_WORDS


def _unglued(k: str) -> str | None:
    """The organisation or title word under a glued ل/ب (لإذاعة → اذاعه، للشرطة → الشرطه), if any."""
    if k.startswith("لل") and ("ال" + k[2:] in _ORGS or _is_title("ال" + k[2:])):
        return "ال" + k[2:]
    if k[:1] in "لب" and len(k) > 3 and (k[1:] in _ORGS or k[1:] in _TITLES):
        return k[1:]
    return None


def _is_title(k: str) -> bool:
    """A title, with or without the article; honorifics only with it (سلطان، أمير are names too)."""
    if k in _TITLES:
        return True
    other = k[2:] if k.startswith("ال") else "ال" + k
    return other in _TITLES and other not in _HONORIFICS and k not in _HONORIFICS


def _lexical(k: str) -> bool:
    """A title, organisation or title-complement word, with or without the article (or و)."""
    if k in _TITLES or k in _ORGS or k in _TITLE_WORDS or k in _PLACE_NOUNS:
        return True
    if k[:1] == "و" and len(k) > 3 and _lexical(k[1:]):
        return True
    other = k[2:] if k.startswith("ال") else "ال" + k
    return other in _TITLES or other in _ORGS or other in _TITLE_WORDS or other in _PLACE_NOUNS


def _is_ali(toks: list[_Tok], j: int, limit: int) -> bool:
    """`علي` written with ي before a name word is the name Ali (قال علي محسن الأحمر), not the
    preposition على that it folds to."""
    if toks[j].text != "علي" or j + 1 >= limit:
        return False
    nxt = toks[j + 1]
    # not a noun in ة (أكد علي ضرورة، علي أهمية: the preposition misspelt)
    return (
        nxt.text[0].isalpha()
        and nxt.key not in _STOP
        and nxt.key not in _PREPOSITIONS
        and not nxt.text.endswith("ة")
    )


def _org_phrase(toks: list[_Tok], i: int, limit: int) -> bool:
    """Tokens i and i + 1 are one organisation's name of two definite words (`البيت الأبيض`)."""
    return i + 1 < limit and (toks[i].key, toks[i + 1].key) in _ORG_PHRASES


def _paren_end(toks: list[_Tok], i: int, limit: int) -> int | None:
    """The token after the `)` closing the `(` at i, within a few words; None when none closes it."""
    close = next((c for c in range(i + 1, min(limit, i + 8)) if toks[c].text == ")"), None)
    return None if close is None else close + 1


def _no_alias_word(k: str) -> bool:
    """A word no quoted alias holds (`"خلال قمتهما"`, `"… في تقرير السعودية إلى"`, `"… بأن"`): a
    preposition, a complement or a stop word (not the إم of "تي إم زي")."""
    return k in _PREPOSITIONS or k in _COMPLEMENT or k in _STOP and len(k) > 2


def _addressee(t: _Tok) -> bool:
    """ل + an outlet or organisation (`لوكالة`, `لـCNN`, `لفرانس24`): whom something was told."""
    k = t.key
    if k[:1] != "ل" or len(k) < 3:
        return False
    rest = k[1:]
    return t.text.startswith("لـ") or rest in _ORGS or any(c.isascii() and c.isalnum() for c in rest)


def _has_article(k: str) -> bool:
    return k.startswith(("ال", "وال", "بال", "لل", "فال"))


def _prefixed(k: str) -> bool:
    """ل/ب + a title or organisation word (للتربية، بديوان، لحزب، لوكالات): a complement of the title
    before it. Other ل/ب words may be names (لوبان، بلينكن)."""
    if k.startswith(("لل", "بال")):
        return True
    if len(k) < 4 or k[0] not in "لب":
        return False
    rest = k[1:]
    return (
        _title_word(rest)
        or (rest.endswith("ات") and _title_word(rest[:-2] + "ه"))
        or _title_word("ال" + rest)
    )


class _Phrase:
    """Reads the noun phrase that names a speaker, from a token index of a paragraph."""

    def __init__(self, para: _Para, state: _State) -> None:
        self.p = para
        self.toks = para.toks
        self.state = state

    def read(self, i: int, limit: int) -> _Name | None:
        toks = self.toks
        if i >= limit:
            return None
        t = toks[i]
        if t.text in _QUOTE_OPEN:
            return self._quoted_name(i, limit)
        phrase = t.key.startswith("لل") and _org_phrase(toks, i, limit)  # للصليب الأحمر
        bare = "ال" + t.key[2:] if phrase else _unglued(t.key)
        if bare is not None:
            # وفقا لإذاعة صوت إسرائيل، بيان للشرطة: the phrase starts after the glued preposition.
            name = self._org(i, limit) if bare in _ORGS or phrase else self._titled(i, limit)
            if name.display and name.kind in ("ORG", "PER") and name.display.startswith(t.text[:1]):
                cut = 2 if t.key.startswith("لل") else 1
                name.display = ("ال" if cut == 2 else "") + name.display[cut:]
                name.keys = (bare, *name.keys[1:])
            return name
        if t.key in _DOC_INDEFINITE and i + 1 < limit:
            # وأفاد بيان للشرطة / بيان الخارجية الأميركية: the statement's author speaks.
            nxt = toks[i + 1]
            if _unglued(nxt.key) is not None or nxt.key in _ORGS or _org_phrase(toks, i + 1, limit):
                author = self.read(i + 1, limit)
                if author is not None and author.kind in ("ORG", "PER"):
                    author.start = i
                    return author
            return _Name("GENERIC", None, (), head="ال" + t.key, start=i, end=i + 1)
        if (
            (_is_boundary(t) or t.key in _STOP)
            and not _is_ali(toks, i, limit)
            or _is_participle(t)
            or t.key in _SPAN
        ):
            return None
        if t.key in _DOCUMENTS:
            return _Name("GENERIC", None, (), head=t.key, start=i, end=i + 1)
        if _is_title(t.key) or t.key[:1] == "و" and _is_title(t.key[1:]) and i > 0:
            return self._titled(i, limit)  # (ووزير الخارجية الإيطالي لويجي دي مايو: a second person)
        if t.key in _ORGS or _org_phrase(toks, i, limit):
            return self._org(i, limit)
        place = self._place(i, limit)
        if place is not None:
            return place
        return self._bare(i, limit)

    def _place(self, i: int, limit: int) -> _Name | None:
        """A country or city speaking for its state (`وقالت روسيا`, `واعتبرت البحرين أن`, `أعلنت
        إسرائيل آنذاك`): an organisation named by the gazetteer, and no more words than its name."""
        toks = self.toks[i : min(limit, i + _PLACE_WORDS)]
        if not toks[0].text[0].isalpha():
            return None
        found = gazetteer().find([t.text for t in toks])
        if not found or found[0].start != 0 or found[0].nisba:
            return None
        end = i + found[0].end
        display = self.p.text[self.toks[i].start : self.toks[end - 1].end]
        keys = tuple(t.key for t in self.toks[i:end])
        return _Name("ORG", display, keys, head=_head(keys[0]), start=i, end=end, place=True)

    def _quoted_name(self, i: int, limit: int) -> _Name | None:
        """`وتتوقع "فيتش" أن`: a short quoted name as the subject."""
        toks = self.toks
        for j in range(i + 1, min(limit, i + 5)):
            if toks[j].text in _QUOTE_CHARS:
                words = toks[i + 1 : j]
                if not words or j + 1 >= len(toks):
                    return None
                after = toks[j + 1] if j + 1 < limit else None
                if after is None or (after.key not in _COMPLEMENT and after.text not in "،,:"):
                    return None
                display = self.p.text[words[0].start : words[-1].end]
                return _Name("NAME", display, tuple(w.key for w in words), start=i, end=j + 1)
        return None

    def _name_run(self, i: int, limit: int, cap: int = 3) -> int:
        """End of the run of name tokens from i: stops at boundaries, titles, organisation heads,
        participles and stop words; at most `cap` words plus particles (بن، أبو، عبد …)."""
        toks = self.toks
        j = i
        words = 0
        while j < limit:
            t = toks[j]
            k = t.key
            if j > i and toks[j - 1].text == "آل" and t.text[0].isalpha():
                words += 1  # تركي آل | الشيخ: the family's name, whatever word it is
                j += 1
                continue
            stop = (_is_boundary(t) or k in _STOP or k in _SPAN or k in _CLAUSE_OPENERS) and not (
                j == i and _is_ali(toks, j, limit)
            )  # (مصدر مسؤول في القنصلية في إسطنبول | كان قد نفى)
            if stop or _is_title(k) or k in _ORGS or k in _DOCUMENTS:
                break
            if _org_phrase(toks, j, limit):
                break  # مايك بنس | البيت الأبيض
            if k.startswith("ت") and k.endswith("ت") and len(k) >= 5:
                break  # العاهل الأردني | تناولت: a verb in the past (تفاعل، تناول …), no name
            if k[:1] == "و" and (_is_title(k[1:]) or k[1:] in _ORGS):
                break  # ورئيس حزب …: a second title
            if j > i and _is_participle(t) and toks[j - 1].key not in _PARTICLES:
                break  # (ستيفان دي ميستورا: after a particle, a name's word that looks like one)
            if not t.text[0].isalpha() or k.startswith(("بال", "لل")) or "\u064b" in t.text:
                break  # بالرد، للتسامح, an adverb in -ًا: not part of a name
            if _addressee(t):
                break  # رامي عبد الرحمن | لوكالة الأنباء الفرنسية، لـCNN: told to, no name
            if j > i and k.startswith("ال") and k.endswith(("يين", "ون")):
                break  # ستيوارت كاندي | الصحفيين: a plural noun, the object
            if k in _PARTICLES:
                j += 1
                continue
            if words >= cap:
                break
            if words >= 2 and _MASDAR.match(t.text):
                break  # الملك سلمان بن عبد العزيز | إطلاق تسمية: a verbal noun, the object
            if (
                words >= 2
                and k[:1] == "ب"
                and len(k) >= 4
                and j + 1 < limit
                and _has_article(toks[j + 1].key)
                and toks[j + 1].key not in _TIME
            ):
                break  # ديفيد بيكهام | بعيد الحب: a preposition and its noun (not جون إيف لودريان الاثنين)
            words += 1
            j += 1
            if j - 1 > i and k in _REGNAL:
                break
            if (
                j - 2 >= i
                and toks[j - 2].key in _SURNAME_PARTICLES
                and (j >= limit or toks[j].key not in _PARTICLES)
                and not (  # (but a kunya goes on to its nisba: أبو بكر البغدادي)
                    toks[j - 2].key == "ابو"
                    and j < limit
                    and _has_article(toks[j].key)
                    and toks[j].key.endswith("ي")
                )
            ):
                break  # أبو الغيط، بن فرحان، دي مايو: the word after a surname particle ends the name
        # A name does not end on a particle (أبو …).
        while j > i and toks[j - 1].key in _PARTICLES:
            j -= 1
        return self._known_cut(i, j)

    def _known_cut(self, i: int, j: int) -> int:
        """Cut a run after the words that end a name known in the article: `جلاد | موجها كلامه`,
        `بلينكن | أعضاء التحالف` (the full run, when known, is kept)."""
        raw = tuple(t.key for t in self.toks[i:j])
        if len(raw) < 2 or _find_known(self.state, raw):
            return j
        for n in range(len(raw) - 1, 0, -1):
            part = raw[:n]
            for name in self.state.known:
                if name.kind in ("PER", "NAME", "ORG") and len(name.keys) >= n and name.keys[-n:] == part:
                    return i + n
        return j

    def _bare(self, i: int, limit: int) -> _Name | None:
        j = self._name_run(i, limit)
        if j == i:
            return None
        toks = self.toks[i:j]
        if re.search(r"(ها|هم|هما|هن|كم)$", toks[0].key):
            return None  # وقائعها، مصادرهم: a noun with a pronoun, not a name
        if (
            len(toks) > 1
            and any(t.key.endswith("ات") for t in toks)
            and not _find_known(self.state, tuple(t.key for t in toks))
        ):
            return None  # فرض عقوبات: a noun phrase (object), not a name
        display = self.p.text[toks[0].start : toks[-1].end]
        name = _Name("NAME", display, tuple(t.key for t in toks), start=i, end=j)
        return self._apposition(name, limit)

    def _apposition(self, name: _Name, limit: int) -> _Name:
        """`رضا بلحاج، الممثل القانوني لحزب نداء تونس`: a title after the name is its role."""
        toks = self.toks
        j = name.end
        if j + 1 < limit and toks[j].text in "،," and _is_title(toks[j + 1].key):
            role = self._titled(j + 1, limit)
            k = role.end
            if k > j + 1:
                if name.role is None:
                    name.role = self.p.text[toks[j + 1].start : toks[k - 1].end]
                    name.role_keys = tuple(t.key for t in toks[j + 1 : k])
                name.end = k
        return name

    def _titled(self, i: int, limit: int) -> _Name:
        """Title, its complements, then the name: `الأمين العام لجامعة الدول العربية أحمد أبو الغيط`."""
        toks = self.toks
        j = i + 1
        lexical = [True]  # per role token: from a word list (True) or taken by position (False)
        construct = not _has_article(toks[i].key)  # an indefinite head takes a genitive: وزير الفلاحة
        while j < limit:
            t = toks[j]
            k = t.key
            if t.text in "،,":
                break
            if k in _PREPOSITIONS and j + 1 < limit:
                nxt = toks[j + 1].key
                name_like = (
                    j - i >= 3
                    and not any(lexical[-2:])
                    and all(toks[m].key.startswith("ال") for m in (j - 2, j - 1))
                )  # … البصري النوري اللجمي | عن: two unlisted words before the preposition are the name
                place = (
                    []
                    if name_like or _has_article(nxt)
                    else gazetteer().find([x.text for x in toks[j + 1 : min(limit, j + 4)]])
                )
                if place and place[0].start == 0 and not place[0].nisba:
                    # سفير بريطانيا لدى لبنان | هوغو شورتر: a place after the preposition is the title's
                    lexical.extend([True] * (1 + place[0].end))
                    j += 1 + place[0].end
                    construct = False
                    continue
                if not name_like and (_has_article(nxt) or _lexical(nxt) or _prefixed(nxt)):
                    lexical.append(True)
                    j += 1
                    construct = False
                    continue
                break
            if _is_boundary(t) or k in _STOP or _is_participle(t):
                break
            if j + 1 < limit and toks[j + 1].text == "آل":
                break  # … السعودية | تركي آل الشيخ: a name before its family's
            if _lexical(k) or _prefixed(k):
                lexical.append(_lexical(k) or _lexical(k[1:]))
                construct = not _has_article(k)
                j += 1
                continue
            # ألكسندر and ألمانيا fold to an article's shape: a hamza word is definite only after a
            # preposition (المقيمة في ألمانيا), else it starts the name (رئيس الوزراء أليكسيس تسيبراس)
            if construct or _has_article(k) and (t.text[:1] not in "أإآ" or toks[j - 1].key in _PREPOSITIONS):
                lexical.append(False)
                construct = False
                j += 1
                continue
            if k[:1] in "لب" and len(k) >= 5 and j + 1 < limit and _has_article(toks[j + 1].key):
                # المنسق العام لاعتصام الكامور طارق الحداد: لـ + noun takes the definite genitive after it
                lexical.append(False)
                construct = True
                j += 1
                continue
            break
        name_start, name_end = self._name_after_title(i, j, limit, lexical)
        if name_end > name_start and name_start > j:
            j = name_start
        role_toks = toks[i:name_start]
        while role_toks and not role_toks[-1].text[0].isalpha():
            role_toks = role_toks[:-1]
        skip = 1 if toks[i].key[:1] == "و" and not _is_title(toks[i].key) else 0  # ووزير → وزير
        role = self.p.text[role_toks[0].start + skip : role_toks[-1].end] if role_toks else None
        role_keys = tuple(t.key for t in role_toks)
        if name_end == name_start:
            return _Name("TITLE", None, (), role=role, role_keys=role_keys, head=_head(toks[i].key),
                         start=i, end=j)  # fmt: skip
        # An honorific before the name is part of the name as outlets write it (الأمير فيصل).
        if role_toks and role_toks[-1].key in _HONORIFICS:
            name_start -= 1
            role_toks = role_toks[:-1]
            role = self.p.text[role_toks[0].start : role_toks[-1].end] if role_toks else None
            role_keys = tuple(t.key for t in role_toks)
        names = toks[name_start:name_end]
        display = self.p.text[names[0].start : names[-1].end]
        return self._apposition(
            _Name("PER", display, tuple(t.key for t in names), role=role, role_keys=role_keys,
                  head=_head(toks[i].key), start=i, end=name_end),
            limit,
        )  # fmt: skip

    def _name_after_title(self, i: int, j: int, limit: int, lexical: list[bool]) -> tuple[int, int]:
        """(start, end) of the name after a title whose complements end at token j (start == end: none)."""
        toks = self.toks
        # `المدير الجهوي لشركة اتصالات تونس، حمادي عقير`: words up to a comma, then a name: the words
        # belong to the title and the name follows the comma.
        c = j
        while c < limit and c - j <= 6 and toks[c].text not in "،," and not _is_boundary(toks[c]):
            if toks[c].key in _STOP or _is_participle(toks[c]):
                break
            c += 1
        if c + 1 < limit and toks[c].text in "،,":
            e = self._name_run(c + 1, limit, cap=4)
            if e > c + 1 and (e >= limit or _is_boundary(toks[e]) or toks[e].key in _STOP):
                return c + 1, self._known_cut(c + 1, e)
            if e == c + 1 and toks[c + 1].key in _STOP and c + 2 < limit:
                # المبعوث الخاص لسوريا، غير بيدرسون، إن: a name between commas may start like a stop word
                e = self._name_run(c + 2, limit, cap=3)
                if e > c + 2 and e < limit and (toks[e].text in "،," or toks[e].key in _COMPLEMENT):
                    return c + 1, e
        if j + 2 < limit and toks[j].text in _QUOTE_OPEN:
            # المحامي اليهودي "ديفيد فريدمان"
            close = next((k for k in range(j + 2, min(limit, j + 6)) if toks[k].text in _QUOTE_CHARS), None)
            if close is not None and all(t.text[0].isalpha() for t in toks[j + 1 : close]):
                quoted = [t.key for t in toks[j + 1 : close] if t.key not in _PARTICLES]
                if (
                    quoted
                    and not _has_article(quoted[0])
                    and quoted[0] not in _SPAN
                    and all(len(w) > 2 for w in quoted)
                ):
                    # not مراسل "الجوهرة اف أم": an outlet, not a name
                    return j + 1, close
        e = self._name_run(j, limit, cap=8) if j < limit else j
        if e - j >= 3:
            # سامح شكري التزام بلاده الكامل: a word with a pronoun ends the name, and so does the noun
            # whose genitive it is.
            for m in range(j + 2, e):
                k = toks[m].key
                # (not the ة-word of a lineage, which reads like a pronoun: آل خليفة، أبو ردينة)
                pronoun = k.endswith(("ها", "هم", "هما", "هن")) or (
                    k.endswith("ه")
                    and len(k) >= 4
                    and not k.endswith("يه")
                    and toks[m - 1].key not in _PARTICLES
                )
                if not k.startswith("ال") and pronoun:
                    e = m - 1
                    break
        if e - j >= 3:
            # علي خامنئي | الولايات المتحدة: a place after two name words is the verb's object
            # (not one a direction places: مقاطعة نوردراين وستفالن غرب ألمانيا رالف ييغر)
            places = gazetteer().find([t.text for t in toks[j:e]])
            first = next(
                (
                    p.start
                    for p in places
                    if p.start >= 2 and not p.nisba and toks[j + p.start - 1].key not in _DIRECTIONS
                ),
                None,
            )
            if first is not None:
                e = j + first
        if (
            e > j
            and toks[j].key[:1] in "لب"
            and (_find_known(self.state, (toks[j].key[1:],)) or gazetteer().find([toks[j].text[1:]]))
        ):
            # to someone the article names or a place: the title's (المحامي الخاص لترامب رودي جولياني،
            # السفير السعودي السابق لواشنطن) when a name follows, else no name (العاهل السعودي | لترامب
            # في اتصال، المكتب الإعلامي للسفارة السعودية | بمصر)
            if j + 1 < limit and self._name_run(j + 1, limit) > j + 1:
                return self._name_after_title(i, j + 1, limit, [*lexical, True])
            return j, j
        if e > j:
            words = [t for t in toks[j:e] if t.key not in _PARTICLES]
            if (
                len(words) == 1
                and j > i
                and _find_known(self.state, (toks[j - 1].key, toks[j].key), ("ORG",))
            ):
                return j, j  # القيادي في حزب نداء تونس: the word ends an organisation's name
            if len(words) >= 3 and toks[j].key[:1] in "بل" and len(toks[j].key) > 3:
                j += 1  # كاتب عام الاتحاد الجهوي للشغل بتطاوين بشير السعيدي: بتطاوين is the title's
                words = words[1:]
            if len(words) == 1 and (
                words[0].key in _DIRECTIONS or any(p.nisba for p in gazetteer().find([words[0].text]))
            ):
                return j, j  # زعيم كوري | شمالي، العقيد | تركي: an adjective, no name
            if len(words) <= 3:
                return j, self._known_cut(j, e) if e > j else e
            if e >= limit or toks[e].key in _COMPLEMENT or toks[e].text in "،,:":
                # A long run before أن/comma: unknown genitives (مقاطعة نوردراين وستفالن غرب ألمانيا)
                # come first, the name last (رالف ييغر).
                start = e
                seen = 0
                while start > j and seen < 2:
                    start -= 1
                    if toks[start].key not in _PARTICLES:
                        seen += 1
                while start > j and toks[start - 1].key in _PARTICLES:
                    start -= 1
                return start, e
            return j, self._known_cut(j, self._name_run(j, limit, cap=3))
        # No plain word after the title: the last two role words may be the name (وزير الفلاحة الأسعد
        # الاشعل) when no word list claims them.
        role_end = j
        while role_end > i and not toks[role_end - 1].text[0].isalpha():
            role_end -= 1
        n_role = role_end - i
        if n_role >= 3 and len(lexical) >= n_role and not any(lexical[n_role - 2 : n_role]):
            last_two = [toks[k] for k in (role_end - 2, role_end - 1)]
            # (not an adjective of origin: الزعيم الكوري الشمالي is a title)
            if (
                all(t.key.startswith("ال") for t in last_two)
                and toks[role_end - 3].key not in _PREPOSITIONS
                and not gazetteer().find([t.text for t in last_two])
            ):  # (nor a place: المتحدث باسم الحكومة البريطانية في | الشرق الأوسط)
                return role_end - 2, role_end
        return j, j

    def _org(self, i: int, limit: int) -> _Name:
        """Organisation head and what names it: `وزارة الدفاع الجزائرية`, `وكالة "فيتش" للتصنيف الائتماني`."""
        toks = self.toks
        j = i + 1
        n = 0
        seen_definite = _has_article(toks[i].key)
        prev_indefinite = not seen_definite
        plain = 0
        while j < limit and n < 8:
            t = toks[j]
            k = t.key
            if t.text in _QUOTE_CHARS:
                close = next(
                    (c for c in range(j + 1, min(limit, j + 9)) if toks[c].text in _QUOTE_CHARS), None
                )
                if (
                    close is None
                    or close == j + 1
                    or any(_no_alias_word(toks[c].key) for c in range(j + 1, close))
                ):
                    break  # (البيت الأبيض "خلال قمتهما …", "… في تقرير السعودية إلى": a quote, no alias)
                j = close + 1
                # الاتحاد الدولي لكرة القدم "فيفا" | الحادثة: after the alias only adjectives and genitives
                # go on (شبكة "سي.بي.إس نيوز" التلفزيونية الإخبارية، وكالة "فيتش" للتصنيف الائتماني، not
                # whom it was told: لوكالة فرانس برس); a noun, definite or with a pronoun
                # (تنظيم "الدولة الإسلامية" | مسؤوليته), or an adverb (استنادا) is the object
                if j < limit and not (
                    toks[j].key.startswith("ال")
                    and toks[j].key.endswith(_NISBA)
                    or toks[j].key[:1] == "ل"
                    and len(toks[j].key) > 3
                    and not _addressee(toks[j])
                    or toks[j].text in _QUOTE_CHARS
                    or toks[j].key == "و"
                ):
                    break
                continue
            if toks[j - 1].text == "آل" and t.text[0].isalpha():
                j += 1  # مكتب تركي آل | الشيخ: the family's name
                n += 1
                continue
            if _org_phrase(toks, j - 1, limit):
                j += 1  # البيت | الأبيض: one name, though a definite noun after a definite one ends most,
                n += 1  # and only adjectives of origin follow it (البيت الأبيض الأمريكي)
                while j < limit and toks[j].key.startswith("ال") and toks[j].key.endswith(_NISBA):
                    j += 1
                break
            if k in ("في", "ب") and j + 1 < limit and toks[j + 1].key in _PLACE_NOUNS:
                j += 2
                n += 2
                prev_indefinite = True
                continue
            # المكتب الإعلامي، المركز الإعلامي: a title spelled like an adjective describes the head
            adjective = (
                j == i + 1 and seen_definite and (k in _MEDIA or _has_article(k) and t.text.endswith("ية"))
            )
            # مكتب رئيس الوزراء، مكتب النائب العام: an office is its holder's, title and all
            office = j == i + 1 and not seen_definite
            if (
                _is_boundary(t) or k in _STOP or _is_title(k) and not (adjective or office)
                or _is_participle(t) or not t.text[0].isalpha()
            ):  # fmt: skip
                break
            if not (_has_article(k) or _prefixed(k) or _lexical(k)):
                plain += 1
                if plain > 3:
                    break
            if k in _ORGS and not _has_article(k) and j > i + 1:
                break  # a second organisation: the object (ودعت النقابة رئاسة الحكومة)
            if k in _DOCUMENTS:
                break
            coordinated = k.startswith("وال") or toks[j - 1].key == "و"
            if seen_definite and not (_has_article(k) or _prefixed(k) or k == "و"):
                held = not _has_article(toks[i].key) and _is_title(toks[i + 1].key)  # مكتب رئيس …
                if held or any(x.key[:1] == "ل" and _is_title(x.key[1:]) for x in toks[i + 1 : j]):
                    # المكتب الإعلامي لرئيس الوزراء العراقي حيدر العبادي: the office of a named person,
                    # when the name ends where the phrase does (not مكتب النائب العام | اعتقال السلطات)
                    e = self._name_run(j, limit)
                    after = toks[e] if e < limit else None
                    if after is None or not after.text[0].isalpha() or (
                        after.key in _STOP or after.key in _PREPOSITIONS or after.key in _TIME
                        or after.key in _COMPLEMENT
                    ):  # fmt: skip
                        j = max(j, e)
                break  # وزارة المرأة والأسرة والطفولة | طريقة تناول …: the object begins
            if k.startswith("ال") and not (
                prev_indefinite or coordinated or _ADJECTIVE.search(k) or k in _GENERAL
            ):
                break  # after a definite noun only adjectives follow: الوكالة | الانتعاش الاقتصادي
            if j > i + 1 and k.startswith("ي") and not _has_article(k):
                break  # a present-tense verb: حركة نداء تونس | يقدّر
            seen_definite = seen_definite or _has_article(k)
            prev_indefinite = not _has_article(k) and k != "و"
            j += 1
            n += 1
        if j == i + 1 and toks[i].key.startswith("ال"):
            return _Name("GENERIC", toks[i].text, (), head=_head(toks[i].key), start=i, end=j)
        display = self.p.text[toks[i].start : toks[j - 1].end]
        while display and (display[-1] in "،," or display[-1] in _QUOTE_CHARS and _odd_quotes(display)):
            display = display[:-1].rstrip()
        keys = tuple(t.key for t in toks[i:j] if t.text[0].isalnum())
        return _Name("ORG", display, keys, head=_head(toks[i].key), start=i, end=j)


def _odd_quotes(text: str) -> bool:
    return sum(text.count(c) for c in _QUOTE_CHARS) % 2 == 1


def _contains(seq: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(seq[k : k + n] == part for k in range(len(seq) - n + 1))


def _find_known(
    state: _State, keys: tuple[str, ...], kinds: tuple[str, ...] = ("PER", "ORG", "NAME")
) -> _Name | None:
    """The fullest known name that holds `keys` as a run of words (بلينكن → أنتوني بلينكن); a person's
    before a body's (ترامب is دونالد ترامب, not إدارة الرئيس الأمريكي دونالد ترامب)."""
    if not keys:
        return None
    best = None
    for name in state.known:
        if name.kind in kinds and _contains(name.keys, keys):
            if best is None or (name.kind != "ORG", len(name.keys)) > (best.kind != "ORG", len(best.keys)):
                best = name
    return best


# ----------------------------------------------------------------------------------------- extraction


@dataclass
class _Statement:
    para: int
    sentence: int
    start: int
    end: int
    name: _Name | None
    kind: str
    speaker: _Name | None = None
    resolved: bool = False
    continues: bool = False  # framed by وأضاف/وتابع: the last statement's speaker goes on


class _Reader:
    def __init__(self, paragraphs: list[str]) -> None:
        self.paras = [_para(i, t) for i, t in _merge_dangling(paragraphs)]
        self.state = _State()

    # -- pass 1: every titled person and named organisation, so short names can be expanded
    def collect_names(self) -> None:
        """Organisations first (so a title's complement can be told from a name), then titled persons.
        Speakers named without a title (قال رضا بلحاج، …) join the list as their statements are read."""
        for kinds in (("ORG",), ("PER",)):
            for para in self.paras:
                reader = _Phrase(para, self.state)
                toks = para.toks
                i = 0
                while i < len(toks):
                    k = toks[i].key
                    head = (
                        (_is_title(k) or k[:1] == "و" and _is_title(k[1:]))
                        if kinds == ("PER",)
                        else k in _ORGS
                    )
                    if head:
                        name = reader.read(i, para.sent_end[i])
                        if name is not None and name.kind in kinds:
                            name.pos = (para.index, toks[i].start)
                            self.state.known.append(name)
                            i = max(i + 1, name.end)
                            continue
                    i += 1
        # A known person named again at the head of a sentence (كما أشاد بلينكين …) is its subject:
        # pronouns after it refer to them.
        persons = [n for n in self.state.known if n.kind == "PER"]
        for para in self.paras:
            toks = para.toks
            for i in range(len(toks)):
                if i > 0 and para.sent_of[i - 1] == para.sent_of[i]:
                    continue  # not the first token of a sentence
                for j in range(i + 1, min(i + 3, len(toks))):
                    key = _strip_clitic(toks[j].key) if toks[j].key[:1] == "و" else toks[j].key
                    match = next((n for n in persons if n.keys[-1] == key and len(key) > 3), None)
                    if match is not None and para.sent_of[j] == para.sent_of[i]:
                        self.state.known.append(
                            replace(match, start=j, end=j + 1, pos=(para.index, toks[j].start))
                        )
                        break
        self.state.known.sort(key=lambda n: n.pos)

    def _verbs(self, para: _Para) -> list[int]:
        toks = para.toks
        # words quoted at length are someone's: a verb inside them frames no statement of the article's
        # (`"… وبيني وبين جمهور الهلال علاقة ابدية …"`)
        # (closed ones, and of straight quotes only an even count: with an odd one the pairing is a guess)
        even = para.text.count('"') % 2 == 0
        quoted = [
            (o, c)
            for o, c in para.quotes
            if c < len(para.text)
            and (even or para.text[o] != '"')
            and len(para.text[o + 1 : c].split()) >= _QUOTED_WORDS
        ]
        out = []
        for i, t in enumerate(toks):
            if self._verb_key(t.key) is None:
                continue
            if any(o < t.start < c for o, c in quoted):
                continue
            prev = toks[i - 1] if i else None
            first_of_sentence = i == 0 or para.sent_of[i - 1] != para.sent_of[i]
            clause_start = (
                first_of_sentence
                or prev is None
                or not prev.text[0].isalnum()
                or prev.key in _BEFORE_VERB
                or (t.key[0] in "وف" and t.key[1:] in _SPEECH)
            )
            if prev is not None and (
                prev.key == "حسبما" or prev.key == "ما" and i > 1 and toks[i - 2].key in _ATTRIBUTION
            ):
                continue  # حسب ما صرح به X: an attribution, read with its marker
            verb = self._verb_key(t.key)
            if verb in ("عبر", "بين") and t.key == verb:
                # عبر (via) and بين (between) even after a comma: the verb only where a sentence starts
                if first_of_sentence or prev is not None and prev.key in _BEFORE_VERB:
                    out.append(i)
            elif verb in _HOMOGRAPHS or t.key in _HOMOGRAPHS:
                if clause_start:
                    out.append(i)
            elif clause_start or prev is None or not (prev.key in _PREPOSITIONS or prev.key in _NOUN_CONTEXT):
                out.append(i)
        return out

    @staticmethod
    def _verb_key(key: str) -> str | None:
        for k in (key, key[1:] if key[:1] in "وف" else None):
            if k and (k in _SAY or k in _URGE or k in _PRESENT):
                return k
        return None

    # -- pass 2: statements in reading order
    def statements(self) -> list[_Statement]:
        out: list[_Statement] = []
        for para in self.paras:
            consumed: list[tuple[int, int]] = []
            for i in range(len(para.toks)):
                t = para.toks[i]
                if any(a <= t.start < b for a, b in consumed):
                    continue
                st = self._at(para, i, out)
                if st is None:
                    continue
                if st.end - st.start < 2:
                    continue
                if (st.start, st.end) in consumed:
                    continue  # وغرد الوزير قائلا "…": the verb and its participle frame one quote
                out.append(st)
                consumed.append((st.start, st.end))
                self._attribute(st, out)
            self._hanging(para, out, consumed)
        return out

    def _at(self, para: _Para, i: int, prior: list[_Statement]) -> _Statement | None:
        toks = para.toks
        t = toks[i]
        limit = para.sent_end[i]
        if i in self._verb_set(para):
            verb = self._verb_key(t.key) or ""
            subj_at = i + 1
            if verb in ("نقل", "نقلت") and subj_at < limit and toks[subj_at].key == "عن":
                subj_at += 1
            name: _Name | None
            if verb in ("لفت", "لفتت") and subj_at < limit and toks[subj_at].key in _ATTENTION:
                return None  # لفت الأنظار / الانتباه: drew attention, said nothing
            svo = self._svo_subject(para, i) if i >= 2 else None
            told = subj_at  # (past whom it was told: وكانت مصادر أكدت لـCNN أن)
            while told < limit and (_addressee(toks[told]) or toks[told].text in "،,"):
                told += 1
            if svo is None and i >= 1 and t.key == verb and told < limit and toks[told].key in _COMPLEMENT:
                # لكن أردان قال إنه …: no subject after the verb, and no و on it tying it to the clause before
                svo = self._subject_before(para, i)
            if svo is not None:
                name, after = svo, subj_at  # وكان وزير … أنتوني بلينكن حض حلفاء …: what follows is the object
            elif verb.endswith("وا") and verb[:-2] + "ت" in _SPEECH | _PRESENT:
                name, after = (
                    _Name("PLURAL", None, ()),
                    subj_at,
                )  # قالوا، نددوا: "they", never a named subject
            elif subj_at < limit and toks[subj_at].key in _QUANTIFIERS:
                # وأعرب عدد من …: someone unnamed; but دعت كل المتضررين: "she" called on everyone
                name, after = (None if verb in _URGE else _Name("UNNAMED", None, ())), subj_at
            else:
                name = _Phrase(para, self.state).read(subj_at, limit)
                after = name.end if name is not None else subj_at
                name, after = self._on_the_tongue_of(para, name, after, limit, verb in ("نقل", "نقلت"))
                if name is not None and verb in _MASCULINE_VERBS and self._feminine_body(para, name):
                    if verb in _HOMOGRAPHS and not _has_article(toks[name.start].key):
                        return None  # ونقل سفارة بلاده: a noun (the moving of), no verb
                    # لكن الجيش الإسرائيلي اتهم حركة "حماس": the subject may be written before the verb
                    name, after = (self._subject_before(para, i) if i >= 1 else None), subj_at
            st = self._statement(para, i, after, name, verb in _URGE)
            if st is not None:
                st.continues = verb in _CONTINUE
            return st
        if _is_participle(t) and t.key in _PARTICIPLES:
            after = i + 1
            if after < limit and toks[after].key in ("الى", "إلى", "على"):
                after += 1
            st = self._statement(para, i, after, None, t.key.startswith(("داعي", "مطالب")), participle=True)
            return st
        if t.key in _ATTRIBUTION:
            return self._attribution(para, i, prior)
        return None

    def _on_the_tongue_of(
        self, para: _Para, name: _Name | None, after: int, limit: int, reports: bool = False
    ) -> tuple[_Name | None, int]:
        """`نقلت وكالة الأناضول على لسان أردوغان قوله: «…»`, and after نقل (`reports`) `نقلت الوكالة
        عن الوزير قوله`: the words are the one whose tongue the subject quotes, not the subject's."""
        toks = para.toks
        k = after
        while k < limit and toks[k].key in _TIME:
            k += 1
        if k + 2 < limit and toks[k].key in ("علي", "على") and toks[k + 1].key == "لسان":
            speaker = _Phrase(para, self.state).read(k + 2, limit)
            one = toks[k + 2]
            if (
                speaker is None
                and one.text[0].isalpha()
                and one.key not in _STOP
                and not _is_boundary(one)
                and not _PRONOUN_SUFFIXED.search(one.key)  # على لسان ممثلها: whose, not who
            ):
                # على لسان المالكي: one word, the short name of someone the article names in full
                speaker = _Name("NAME", one.text, (one.key,), start=k + 2, end=k + 3)
            if speaker is not None and speaker.kind in ("PER", "ORG", "NAME"):
                end = speaker.end
                if end < limit and toks[end].key in _SAYING_OF:
                    end += 1
                return speaker, end
        if reports and k + 1 < limit and toks[k].key == "عن":
            # ونقلت الوكالة عن وزير الثقافة عواد العواد قوله إن …: the words are the minister's
            speaker = _Phrase(para, self.state).read(k + 1, limit)
            if speaker is None:
                return name, after
            end = speaker.end
            if speaker.kind == "PER" and end + 1 < limit and toks[end + 1].key in _SAYING_OF:
                extra = toks[end]  # عواد بن صالح | العواد قوله: a name longer than a run is read
                start = para.text.find(speaker.display or "", toks[speaker.start].start)
                plain = extra.text[0].isalpha() and extra.key not in _STOP and not _is_boundary(extra)
                if plain and start >= 0:
                    speaker = replace(
                        speaker, display=para.text[start : extra.end], keys=(*speaker.keys, extra.key),
                        end=end + 1,
                    )  # fmt: skip
                    end += 1
            if end < limit and toks[end].key in _SAYING_OF:
                return speaker, end + 1
        return name, after

    def _verb_set(self, para: _Para) -> set[int]:
        cache = getattr(para, "_verbs_cache", None)
        if cache is None:
            cache = set(self._verbs(para))
            para._verbs_cache = cache  # type: ignore[attr-defined]
        return cache

    @staticmethod
    def _feminine_body(para: _Para, name: _Name) -> bool:
        """An organisation (or a noun standing for one) whose head noun is feminine: `الحكومة`,
        `وزارة الخارجية`, `السلطات` (a plural of things takes a feminine verb)."""
        if name.kind not in ("ORG", "GENERIC") or name.place or name.end <= name.start:
            return False
        head = para.toks[name.start].key
        return head.endswith(("ه", "ات")) and head not in _DOCUMENTS and not head.startswith("ب")

    def _svo_subject(self, para: _Para, v: int) -> _Name | None:
        """`وكان وزير الخارجية الأميركي أنتوني بلينكن حض …`: a known name right before the verb."""
        toks = para.toks
        end = v - 1 if toks[v - 1].key in ("قد",) else v
        for name in self.state.known:
            if name.pos[0] == para.index and name.kind == "PER" and name.end == end:
                if toks[name.start].start == name.pos[1]:
                    return name
        return None

    def _subject_before(self, para: _Para, v: int) -> _Name | None:
        """The subject written before a verb that has none after it (`صحيفة الشرق الأوسط قالت إنه`,
        `لكن أردان قال إنه`, `وبالرغم من أن الوزارة قالت إن`): the phrase from the clause's start
        that ends right at the verb (or at its قد), when it names someone."""
        toks = para.toks
        end = v - 1 if toks[v - 1].key == "قد" else v
        start = end
        while (
            start > 0
            and end - start < _SUBJECT_WORDS
            and para.sent_of[start - 1] == para.sent_of[v]
            and (toks[start - 1].text[0].isalnum() or toks[start - 1].text in _QUOTE_CHARS)
            and toks[start - 1].key not in _CLAUSE_OPENERS
        ):
            start -= 1
        if start >= end:
            return None
        name = _Phrase(para, self.state).read(start, end)
        if name is not None and name.kind == "ORG" and name.end < end:
            rest = toks[name.end : end]
            if all(t.key.startswith("ال") and t.text[0].isalpha() for t in rest):
                # صحيفة الشرق | الأوسط: definite words up to the verb still name the organisation
                name = replace(
                    name,
                    display=para.text[toks[name.start].start : toks[end - 1].end],
                    keys=(*name.keys, *(t.key for t in rest)),
                    end=end,
                )
        if name is None or name.end != end or name.kind not in ("PER", "ORG", "NAME", "GENERIC", "TITLE"):
            return None
        if name.kind == "NAME" and len(name.keys) == 1 and _find_known(self.state, name.keys) is None:
            return None  # في فبراير قال، بمباراة قال: one unknown word is no subject
        return name

    def _statement(
        self, para: _Para, v: int, after: int, name: _Name | None, urge: bool, participle: bool = False
    ) -> _Statement | None:
        """The statement governed by the verb at v, whose subject ends at token `after`."""
        toks = para.toks
        limit = para.sent_end[v]
        text = para.text
        j = after
        quote = None
        comp = None
        # `أعلنت الشرطة البريطانية الثلاثاء إلقاء القبض …`: an object right after the subject (past
        # punctuation and time words) is the statement; an أن further on belongs to another verb.
        k = after
        parenthesis = False
        while k < limit and (not toks[k].text[0].isalnum() and toks[k].text not in _QUOTE_CHARS + ":"
                             or toks[k].key in _TIME or toks[k].key in _ADVERBS):  # fmt: skip
            if toks[k].key == "بشكل" and k + 1 < limit:
                k += 2  # بشكل عابر: an adverb of two words
                continue
            aside = _paren_end(toks, k, limit) if toks[k].text == "(" else None
            if aside is not None:
                # المكتب الإعلامي لحزب (أرض الآباء) …، البيت الأزرق (مقر الرئاسة): an aside on the subject
                after = k = aside
                parenthesis = True
                continue
            k += 1
        # `وأفادت وكالة "سبأ"، التابعة لنظام هادي، أن …`: a definite word after a comma describes the
        # subject; it is no object
        apposition = (
            k < limit
            and _has_article(toks[k].key)
            and (after < k and toks[after].text in "،," or parenthesis and k == after or toks[k].key in _AGED)
        )  # (or after a parenthesis: عقيل كاظم (27 عاما) العاطل عن العمل; or آنا كامبل البالغة من العمر)
        if k < limit and self._object_word(toks[k]) and not apposition:
            urge = True
        while j < limit:
            t = toks[j]
            if j > after and (self._verb_key(t.key) and j in self._verb_set(para)):
                break
            if urge and j > max(after, k) + 1:
                break  # دعا/طالب/انتقد: the statement is what follows the subject, quoted or not
            aside = _paren_end(toks, j, limit) if t.text == "(" else None
            if aside is not None:
                j = aside  # (إس إن سي إف): no إن in parentheses opens what was said
                continue
            if t.key in _COMPLEMENT and (j == 0 or toks[j - 1].key not in _NOT_BEFORE_COMPLEMENT):
                comp = j
                break
            if t.text == ":" and j + 1 < len(toks):
                comp = j
                break
            if t.text in _QUOTE_OPEN:
                span = next((s for s in para.quotes if s[0] == t.start), None)
                if span is not None and self._quote_is_statement(para, j, span, after):
                    quote = span
                    break
            if j > after and self._attribution_at(para, j, limit):
                aside = self._aside_end(para, j, limit)
                if aside is None:
                    break
                j = aside  # `قال X، نقلا عن مصادر، إن …`: the source the speaker is reported through
                continue
            j += 1
        sentence = para.sent_of[v]
        if quote is not None:
            return _Statement(para.index, sentence, quote[0] + 1, quote[1], name, "direct")
        if comp is not None:
            start_tok = comp + 1
            if start_tok >= len(toks):
                return None
            nxt = toks[start_tok]
            if nxt.text in _QUOTE_OPEN:
                span = next((s for s in para.quotes if s[0] == nxt.start), None)
                if span is not None:
                    return _Statement(para.index, sentence, span[0] + 1, span[1], name, "direct")
            end = self._clause_end(para, start_tok, limit)
            return _Statement(para.index, sentence, nxt.start, end, name, "reported")
        if (
            after < limit
            and (urge or name is not None or len(toks[after:limit]) >= 4)
            and not participle
            and self._verb_key(toks[v].key) not in _CONTINUE
            # وتعتبر هذه الانتخابات حاسمة: a present tense says "is considered" unless أن or a quote follows
            and self._verb_key(toks[v].key) not in _PRESENT
        ):
            first = after  # `أعلنت الصين اليوم الاثنين عن …`: the time is when, not what was said
            while first + 1 < limit and (toks[first].key in _TIME or toks[first].text in "،,"):
                first += 1
            end = self._clause_end(para, first, limit)
            return _Statement(para.index, sentence, toks[first].start, end, name, "reported")
        if participle:
            return None
        # `«…»، قال بلينكن`: the quote just before the verb.
        before = text[: toks[v].start].rstrip(" ،,")
        for o, c in para.quotes:
            if (
                c < len(text)
                and text[c : c + 1] in _QUOTE_CHARS
                and before.endswith(text[c])
                and c == len(before) - 1
            ):
                return _Statement(para.index, para.sent_of[v], o + 1, c, name, "direct")
        return None

    @staticmethod
    def _aside_end(para: _Para, j: int, limit: int) -> int | None:
        """An attribution at token j between a speaker and the complement (`ذكرت «بلومبرغ نيوز»، نقلاً
        عن مذكرة داخلية، أن …`, `أكد العقيد المالكي وفقا للوكالة السعودية على أن …`): the complement's
        token. None when it is no aside (the attribution ends the statement): set off by a comma, it
        must close with one right before the complement; unset, it runs on words alone to it."""
        toks = para.toks
        set_off = j > 0 and toks[j - 1].text in "،,"
        for c in range(j + 1, min(limit, j + _ASIDE_WORDS + 1)):
            t = toks[c]
            if t.text in "،,":
                # the complement, or the quote itself (`وقال المصدر، بحسب وكالة سانا، "سوريا تدين …"`)
                if (
                    set_off
                    and c + 1 < limit
                    and (toks[c + 1].key in _COMPLEMENT or toks[c + 1].text in _QUOTE_OPEN)
                ):
                    return c + 1
                return None
            if not set_off and t.key in _COMPLEMENT:
                return c
            if not t.text[0].isalnum() and t.text not in _QUOTE_CHARS + "()":
                return None
        return None

    @staticmethod
    def _object_word(t: _Tok) -> bool:
        """A word that starts a verb's object, not an adjunct (في تصريح، بتونس) or an apposition."""
        k = t.key
        return (
            t.text[0].isalpha()
            and k not in _PREPOSITIONS
            and k not in _COMPLEMENT
            and k not in _RELATIVE
            and k not in _ATTRIBUTION
            and k not in _STOP
            and not _lexical(k)
            and not _is_participle(t)
            and not (k[:1] in "بلك" and len(k) > 3)
        )

    def _quote_is_statement(self, para: _Para, j: int, span: tuple[int, int], after: int) -> bool:
        toks = para.toks
        words = len(para.text[span[0] + 1 : span[1]].split())
        prev = toks[j - 1] if j else None
        if prev is not None and (prev.text == ":" or prev.key in _SAYING):
            return True  # وغرد الوزير قائلا "…": saying, then the words
        if j == after or (j == after + 1 and prev is not None and prev.text in "،,"):
            # وتابع بلحاج "…": a quote right after the subject, unless it is a short name (مراسل "…" أن)
            return words >= 4 or span[1] >= toks[para.sent_end[j] - 1].start
        glued = prev is not None and prev.end == toks[j].start and prev.text[0].isalpha()
        if glued or (prev is not None and prev.key in _NAMED_QUOTE_BEFORE):
            return False
        return words >= 5

    def _clause_end(self, para: _Para, start: int, limit: int) -> int:
        """End offset of a reported clause: the sentence end, a new speech verb, or an attribution."""
        toks = para.toks
        verbs = self._verb_set(para)
        j = start
        while j < limit:
            if j > start and j in verbs and self._opens_speech(para, j, limit):
                break
            if j > start and self._attribution_at(para, j, limit):
                break
            j += 1
        end = toks[j - 1].end if j > start else toks[start].end
        while end > toks[start].start and para.text[end - 1] in " ،,.؛":
            end -= 1
        return end

    def _attribution_at(self, para: _Para, j: int, limit: int) -> bool:
        """An attribution starts at token j: `وفق تعبيره`, `على حد قوله`, `على ما تؤكد السلطات`, `حسب
        العياري`, `بحسب ما أفادت صحيفة عكاظ`, `وفقا لإذاعة …` (but not `وفق الصيغة التي …`)."""
        toks = para.toks
        k = toks[j].key
        nxt = toks[j + 1].key if j + 1 < limit else ""
        if k in ("علي", "على") and nxt in ("حد", "ما"):
            return True
        if k not in _ATTRIBUTION:
            return False
        if _PRONOUN_SUFFIXED.search(nxt) and nxt.startswith(("تعبير", "قول", "لتعبير", "لقول", "رواي")):
            return True
        if nxt == "ما" or k == "حسبما":
            return True
        return self._attribution_name(para, j, limit) is not None

    def _attribution_name(self, para: _Para, j: int, limit: int) -> _Name | None:
        """The source named by an attribution at token j (حسب X، بحسب ما أفاد X، وفقا لـX)."""
        toks = para.toks
        i = j + 1
        if toks[j].key in ("وفقا", "طبقا", "نقلا") and i < limit and toks[i].key in ("ل", "عن"):
            i += 1
        if i < limit and toks[i].key == "ما":
            i += 1
            if i < limit and self._verb_key(toks[i].key):
                i += 1
        if i >= limit:
            return None
        name = _Phrase(para, self.state).read(i, limit)
        if name is None:
            return None
        if name.kind in ("PER", "ORG") or (name.kind == "GENERIC" and name.head in _DOCUMENTS | _ORG_HEADS):
            return name
        if name.kind == "NAME" and (_find_known(self.state, name.keys) or toks[j].key in ("حسب", "بحسب")):
            end = name.end
            if end >= limit or not toks[end].text[0].isalnum():
                return name
        return None

    def _opens_speech(self, para: _Para, j: int, limit: int) -> bool:
        """A verb inside a clause starts a new statement when its subject or complement follows."""
        toks = para.toks
        return j + 1 < limit and (toks[j + 1].key in _COMPLEMENT or toks[j + 1].text in ":" or
                                  toks[j].key[0] in "وف")  # fmt: skip

    def _attribution(self, para: _Para, i: int, prior: list[_Statement]) -> _Statement | None:
        """حسب العياري / بحسب ما أفادت صحيفة عكاظ: the words before (or after, at the start) are X's."""
        toks = para.toks
        limit = para.sent_end[i]
        name = self._attribution_name(para, i, limit)
        if name is None:
            return None
        sent = para.sent_of[i]
        if any(st.para == para.index and st.sentence == sent and st.start > toks[i].start for st in prior):
            return None  # an aside inside a statement already read (`وأكد X، حسب الوكالة، أن …`)
        first = next(k for k in range(i + 1) if para.sent_of[k] == sent)
        if i - first <= 1:
            # At the start: وبحسب وكالة الهجرة …، فقد قضى …
            k = name.end
            while k < limit and not toks[k].text[0].isalnum():
                k += 1
            if k >= limit:
                return None
            end = self._clause_end(para, k, limit)
            return _Statement(para.index, sent, toks[k].start, end, name, "attributed")
        seg_start = toks[first].start
        for st in prior:
            if st.para == para.index and seg_start <= st.end <= toks[i].start:
                seg_start = st.end + 1
        while seg_start < len(para.text) and not para.text[seg_start].isalnum():
            seg_start += 1
        end = toks[i].start
        while end > seg_start and para.text[end - 1] in " ،,.؛":
            end -= 1
        if len(para.text[seg_start:end].split()) < 3:
            return None
        return _Statement(para.index, sent, seg_start, end, name, "attributed")

    def _hanging(self, para: _Para, out: list[_Statement], consumed: list[tuple[int, int]]) -> None:
        """A quote that opens a sentence right after a quoted statement goes on with its speaker."""
        for o, c in para.quotes:
            if any(a - 1 <= o < b + 1 for a, b in consumed):
                continue
            before = para.text[:o].rstrip()
            last = out[-1] if out else None
            if last is None or last.speaker is None or last.kind != "direct":
                continue
            same_para = last.para == para.index and 0 <= o - last.end <= 4
            next_para = last.para == para.index - 1 and not before
            if not (same_para or next_para) or len(para.text[o + 1 : c].split()) < 3:
                continue
            st = _Statement(para.index, para.sent_of[0] if para.toks else 0, o + 1, c, None, "direct",
                            speaker=last.speaker, resolved=True)  # fmt: skip
            out.append(st)
            consumed.append((o, c))

    # -- who spoke
    def _attribute(self, st: _Statement, out: list[_Statement]) -> None:
        name = st.name
        pos = (st.para, st.start)
        speaker: _Name | None = None
        resolved = False
        if name is None:
            speaker, resolved = self._antecedent(pos), True
        elif name.kind == "PLURAL":
            speaker, resolved = self.state.last_org, True
        elif name.kind == "UNNAMED":
            speaker = None
        elif name.kind in ("PER", "ORG"):
            speaker = _find_known(self.state, name.keys, (name.kind,))
            if speaker is None or len(speaker.keys) <= len(name.keys):
                speaker = name
            if name.role and speaker is not name and not speaker.role:
                speaker = replace(speaker, role=name.role)
        elif name.kind == "NAME":
            speaker = _find_known(self.state, name.keys)
            if speaker is None:
                stripped = (_strip_clitic(name.keys[0]), *name.keys[1:])
                speaker = _find_known(self.state, stripped) or name
            if speaker is name and len(name.keys) == 1 and name.keys[0].startswith("ال"):
                speaker = None  # واعترف الرجل: a common noun, not a name
        elif name.kind == "TITLE":
            speaker, resolved = self._by_role(name, pos, st.continues), True
        elif name.kind == "GENERIC":
            speaker, resolved = self._by_head(name, pos), True
        if speaker is not None and speaker.kind == "PER" and resolved:
            fuller = _find_known(self.state, speaker.keys, ("PER",))
            if fuller is not None and len(fuller.keys) > len(speaker.keys):
                speaker = fuller  # الأمير فيصل → الأمير فيصل بن فرحان
        if speaker is not None and (speaker.display is None or "،" in speaker.display or (
            speaker.kind != "ORG" and any(c in speaker.display for c in _QUOTE_CHARS))
        ):  # fmt: skip
            speaker = None
        st.speaker, st.resolved = speaker, resolved
        if speaker is not None:
            self.state.last_speaker = speaker
            self.state.last_pos = pos
            self.state.unnamed_last = False
            if speaker.kind == "ORG":
                self.state.last_org = speaker
            # a name first met as a speaker, or a state (`أعلنت المملكة العربية السعودية`), is what a
            # short form later stands for (`وتوعدت المملكة`)
            if (speaker.kind == "NAME" or speaker.place) and speaker not in self.state.known:
                self.state.known.append(speaker)
        elif name is not None and (
            name.kind == "UNNAMED" or name.kind == "TITLE" and not self._definite_role(name)
        ):
            # `وقال مصدر دبلوماسي إن …`: someone unnamed spoke last; a `وأضاف` after it is theirs, not
            # the last named speaker's (`_antecedent`)
            self.state.last_speaker = None
            self.state.unnamed_last = True
            self.state.last_pos = pos

    def _recent_person(self, pos: tuple[int, int]) -> _Name | None:
        """The last person named as the subject of a sentence before `pos`."""
        best = None
        for name in self.state.known:
            if name.kind == "PER" and name.pos < pos and name.pos > self.state.last_pos:
                para = next(p for p in self.paras if p.index == name.pos[0])
                sent_first = next(
                    (k for k in range(name.start + 1) if para.sent_of[k] == para.sent_of[name.start]), 0
                )
                if name.start - sent_first <= 3 and (best is None or name.pos > best.pos):
                    best = name
        return best

    def _antecedent(self, pos: tuple[int, int]) -> _Name | None:
        """Who a pronoun subject is: the person last named as a sentence subject, else the last speaker."""
        recent = self._recent_person(pos)
        if recent is not None:
            return recent
        return self.state.last_speaker

    @staticmethod
    def _definite_role(name: _Name) -> bool:
        """A title that names someone known (`وزير الخارجية`), not a new unnamed one (`مصدر مسؤول`): a
        construct chain is definite when it ends in a definite noun."""
        raw = (name.role or "").split()  # raw text: ألماني is no ال- word though its key is الماني
        for n, (k, w) in enumerate(zip(name.role_keys, raw, strict=False)):
            if _has_article(k) and not w.startswith(("أل", "إل", "آل")):
                return True
            if n > 0 and w.endswith(("ي", "ية", "يون", "يين")):
                return False  # مسؤول سعودي | رفيع المستوى: an adjective ends the chain, indefinite
            if k in _PREPOSITIONS or k[:1] in "لب" and len(k) > 3:
                return False
        return False

    def _by_role(self, name: _Name, pos: tuple[int, int], continues: bool = False) -> _Name | None:
        if not self._definite_role(name):
            # `مصدر مسؤول`, `مراسل "…"`: a new, unnamed speaker. Only an official introduced first
            # and named later (اتهم مسؤول ألماني … رالف ييغر) is resolved, to the next titled person.
            if name.head not in _OFFICIALS or self.state.last_speaker is not None or self.state.unnamed_last:
                return None  # (after someone unnamed, a new unnamed official is not the next one named)
            later = [k for k in self.state.known if k.kind == "PER" and k.pos > pos]
            return min(later, key=lambda k: k.pos) if later else None
        role = tuple(_strip_clitic(k) for k in name.role_keys)
        bare = tuple(_head(k) for k in name.role_keys)  # (_strip_clitic reads الوزير as وزير, وزير as زير)
        for known in reversed(self.state.known):
            if known.kind not in ("PER", "NAME") or known.pos > pos:
                continue  # (a NAME spoke with its title after it: كريستيان ليندمير، المتحدث باسم …)
            if known.role_keys:
                kr = tuple(_strip_clitic(k) for k in known.role_keys)
                if role and (_contains(kr, role) or _contains(role, kr) or role[0] in kr):
                    return known
                if len(bare) == 1 and bare[0] in {_head(k) for k in known.role_keys}:
                    return known  # الوزير: وزير الخارجية
            if name.role_keys[:1] == known.keys[:1] and known.keys[0] in _HONORIFICS:
                return known  # الملك: الملك محمد السادس
        ante = self._antecedent(pos) if self.state.last_speaker is not None else self._recent_person(pos)
        person = ante is not None and ante.kind in ("PER", "NAME", "TITLE") and not ante.place
        if (
            person
            and not continues
            and ante is not None
            and ante.role_keys
            and bare
            and bare[0] not in _OFFICIALS
        ):
            # titles of different heads are two people (a king after a president or a spokesman);
            # `المسؤول` fits anyone in office
            person = bare[0] in {_head(_strip_clitic(k)) for k in ante.role_keys} | {
                _head(k) for k in ante.role_keys
            }
        if person and (continues or len(name.role_keys) < 3):
            return ante  # وأضاف الوزير الإسرائيلي، وأضافت رئيسة حزب الجبهة الوطنية: who spoke last
        # none known with that title: a long title names someone new (`أعلن المتحدث باسم الجيش
        # المصري`), and a body that spoke last is no person; the title speaks as written
        if len(name.role_keys) < 2 or not name.role:
            return None
        written = name.role
        if name.role_keys[-1] in _HONORIFICS:  # وزير خارجية الكويت الشيخ | صباح …: the name was missed
            written = written.rsplit(maxsplit=1)[0]
        return replace(name, display=written)

    @staticmethod
    def _body_name(name: _Name) -> bool:
        """A name of definite words with an adjective of origin, a body's and no person's
        (`الخطوط الجوية السعودية`; persons' names that start with ال, `الحبيب الصيد`, carry none)."""
        keys = name.keys
        return (
            len(keys) >= 2
            and all(k.startswith("ال") for k in keys)
            and any(k.endswith(_NISBA) for k in keys[1:])
        )

    def _by_head(self, name: _Name, pos: tuple[int, int]) -> _Name | None:
        if name.head in _DOCUMENTS:
            return self.state.last_speaker
        for known in reversed(self.state.known):
            if known.kind == "ORG" and known.head == name.head and known.pos <= pos:
                return known
        # the short form of a body named before (`الخارجية` for `وزارة الخارجية الروسية`, `الاتحاد` for
        # `مجلس إدارة الاتحاد المصري`): the last speaker, else the last body named, with that word
        word = match_key(name.display) if name.display else None
        last = self.state.last_speaker
        if word and last is not None and last.kind == "ORG" and word in last.keys:
            return last
        for known in reversed(self.state.known):
            if word and known.kind == "ORG" and word in known.keys and known.pos <= pos:
                return known
        # a class of body (`الشركة`) after a body whose name says no class (`الخطوط الجوية السعودية`)
        # spoke last: that body
        if name.head in _CLASS_HEADS and last is not None and not last.place and (
            last.kind == "ORG"
            and (last.head not in _ORG_HEADS or _CLASS_HEADS.get(last.head) == _CLASS_HEADS[name.head])
            or last.kind == "NAME" and self._body_name(last)
        ):  # fmt: skip
            return last
        # else the body speaks as the article names it (`وقالت الشرطة`, `أكد الكرملين`), not as whoever
        # spoke last (in 13 of 15 such quotes read on ANT, someone else)
        return replace(name, kind="ORG", keys=(match_key(name.display),)) if name.display else None


def extract_quotes(paragraphs: list[str]) -> list[QuoteMention]:
    """Statements of one article in reading order, each with its speaker (None when unnamed)."""
    if not paragraphs:
        return []
    reader = _Reader(paragraphs)
    reader.collect_names()
    out = []
    for st in reader.statements():
        para = next(p for p in reader.paras if p.index == st.para)
        text = para.text[st.start : st.end].strip(" ،,:؛.«»“”„‟\"'")
        if len(text.split()) < 2:
            continue
        sp = st.speaker
        out.append(
            QuoteMention(
                text=text,
                speaker=sp.display if sp else None,
                speaker_role=sp.role if sp else None,
                speaker_type=("ORG" if sp.kind == "ORG" else "PER") if sp else None,
                paragraph=st.para,
                sentence=st.sentence,
                start=st.start,
                end=st.end,
                kind=st.kind,
                resolved=st.resolved,
            )
        )
    return out
