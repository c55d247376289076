"""Reading a question once: years with or without 年, places from the one vocabulary, several asked
things, dates, what a document question asks, whether a set question asks about content."""
from __future__ import annotations

import pytest

from assistant.ask.forms import document_ask
from assistant.ask.question import analyse, find_years
from assistant.ask.report_set import about_content, explained_words
from index import vocabulary as vocab
from index.normalize import normalize
from index.numerals import year_span, years_in


@pytest.mark.parametrize("text,years", [
    ("花都 2022 行政复议申请 多少宗", [2022]),  # a keyword question
    ("增城区城管局2023年新收多少宗", [2023]),
    ("广州在中国法治政府评估(2021-2022)中的名次", []),  # a range names no asked year
    ("大连 2023 2024 变化", [2023, 2024]),
])
def test_years_with_or_without_nian(text, years):
    assert find_years(text) == years


@pytest.mark.parametrize("text,years", [
    ("吉林市23年执法报备多少次", [2023]),  # typed in a chat by its last two digits
    ("大连23年和24年备案审查的规范性文件哪年多", [2023, 2024]),  # 连 of 大连 is no 连续
    ("22年度的报告有哪些", [2022]),
    ("连续15年保持全国文明城市", []),  # a span of years, not a year
    ("近10年来行政复议多少件", []),
    ("20年代", []),
])
def test_two_digit_years_are_years(text, years):
    assert analyse(text).years == years


@pytest.mark.parametrize("text,span", [
    # a bare 以前/以后: the year itself taken in, and marked as taken without the question saying so (said in the answer)
    ("哪些报告总结的是2021年以前的年度", (None, 2021, 2021, True)),
    ("回顾2021年之前那几年的情况", (None, 2021, 2021, True)),
    ("2022年及以后的报告", (2022, None, 2022, False)),  # 及: the year itself, said
    ("2020年度以后", (2020, None, 2020, True)),
    ("早于2021年的报告", (None, 2020, 2021, False)),  # 早于: never the year itself
    ("2023年前三季度", None),  # 前 alone is no span
    ("2023年办理多少件", None),
])
def test_a_span_of_years_bounded_by_one(text, span):
    assert year_span(text) == span


def test_a_span_is_no_year_asked():
    q = analyse("哪些报告总结的是2021年以前的年度?")
    assert q.years == [] and q.year_span == (None, 2021) and q.span_year_taken == 2021


def test_a_dated_year_is_no_year_of_the_report_asked():
    """"2024年4月" beside a report asked for its year is when it was written; a year alone is the year asked."""
    q = analyse("甲县林业局 2024年4月 法治政府建设报告 所属年度")
    assert q.forms.document.year and q.years == []
    assert analyse("甲县林业局2024年法治政府建设报告所属年度").years == [2024]
    assert analyse("甲县2024年4月召开了几次常务会议?").years == [2024]  # a fact's date is the year's work


def test_those_years_ask_no_figure():
    assert not analyse("哪些报告回顾的是2021年之前那几年的情况?").wants_number  # 那几年: those years
    assert analyse("这几年一共办了几年的培训?").wants_number


def test_an_agency_name_starts_at_its_place_after_polite_words():
    assert analyse("敬请告知十堰市人民政府2022年会前学法多少次?").agency_mentions[0] == "十堰市人民政府"
    assert "国家税务总局十堰市税务局" in analyse("国家税务总局十堰市税务局2022年").agency_mentions


@pytest.mark.parametrize("question, change", [
    ("长春市政数局2024年归集的信用信息比上年增长了多少?", True), ("信用信息归集同比增幅是多少?", True),
    ("长春政数局 2024 信用信息 归集 同比增长", True), ("长春市政数局2024年累计归集信用信息多少条?", False),
])
def test_a_change_asked(question, change):
    q = analyse(question)
    assert q.forms.change == change and q.wants_number


def test_kinds_of_places_are_no_places():
    for question in ("地级市整体的报告有哪些", "直辖市的报告有哪些", "哪些是自治区的报告"):
        assert analyse(question).places == [], question
    assert analyse("大同镇人民政府2024年").places == ["大同镇"]


def test_an_agency_name_never_spans_or():
    assert not [m for m in analyse("省级党委政府或省级厅局有哪几份?").agency_mentions if "或" in m]


def test_bare_years_only_where_asked_for():
    assert years_in("2023 行政复议") == [] and years_in("2023 行政复议", bare=True) == [2023]


@pytest.mark.parametrize("name,units", [
    ("绍兴市市场监管局", ["绍兴市"]),  # 市场 is no place
    ("广州市增城区城市管理和综合执法局", ["广州市", "增城区"]),
    ("鲤城区人民政府金龙街道办事处", ["鲤城区", "金龙街道"]),
    ("从化区", ["从化区"]), ("渝中区", ["渝中区"]), ("市中区", ["市中区"]),  # characters the old pattern excluded
    ("恩施土家族苗族自治州生态环境局", ["恩施土家族苗族自治州"]),
    ("重庆市彭水县大同镇", ["重庆市", "彭水县", "大同镇"]),
    ("郑州市郑东新区管理委员会", ["郑州市", "郑东新区"]),
    ("乌审旗人民政府", ["乌审旗"]),
    ("某某市东篱区人民政府", ["某某市", "东篱区"]),  # names the gazetteer does not know
    ("桐木漯瑶族乡人民政府", ["桐木漯瑶族乡"]),
    ("全镇各乡镇", []), ("请列出街道或乡镇一级单位的报告", []), ("哪些是街道或者乡镇的报告", []),
])
def test_place_units_come_from_the_vocabulary(name, units):
    assert vocab.place_units(name) == units


def test_questions_name_places_as_they_are_typed():
    assert vocab.place_units("花都 2022 行政复议申请", loose=True) == ["花都"]
    assert vocab.place_units("宁波的报告", loose=True) == ["宁波"]
    assert vocab.place_units("杭州留下街道2022年度", loose=True) == ["杭州", "留下街道"]
    assert vocab.place_units("平安建设") == []  # an everyday word


@pytest.mark.parametrize("a,b", [("增城区", "增城"), ("恩施州", "恩施土家族苗族自治州"), ("桐木漯乡", "桐木漯瑶族乡"),
                                 ("金龙街道", "金龙")])
def test_one_key_per_place(a, b):
    assert vocab.place_key(a) == vocab.place_key(b)


def test_departments_named_in_full_or_short_are_one():
    assert vocab.same_department("市场监督管理局", "市场监管局") and vocab.same_department("卫生健康委员会", "卫健委")
    assert not vocab.same_department("司法局", "司法厅") and not vocab.same_department("司法局", "民政局")
    assert vocab.without_party_body("生态环境局局党组") == "生态环境局"
    assert vocab.drop_tier_char("市生态环境局") == "生态环境局" and vocab.drop_tier_char("市场监管局") == "市场监管局"


def test_several_figures_asked_at_once_are_several_things():
    q = analyse("请问静海区司法局2023年度受理行政复议申请、审结案件的数量以及纠错率分别是多少?")
    assert [i.words for i in q.items] == [("受理", "行政复议", "申请"), ("审结", "案件"), ("纠错率",)]
    assert [i.rate for i in q.items] == [False, False, True]
    assert [i.unit for i in analyse("审查合同多少份？代理诉讼案件多少件？").items] == ["份", "件"]
    assert analyse("增城区城管局2023年新收行政一审案件多少宗?").items == []


def test_a_date_asked_is_a_figure_of_its_own():
    q = analyse("恩施州生态环境局于几月份采购法律法规汇编?")
    assert q.wants_date and q.wants_number and "月" not in q.units


@pytest.mark.parametrize("question,kinds", [
    ("这份报告是哪天挂网的?", ("published",)),
    ("是哪家媒体刊发的?刊发日期是哪天?", ("published", "source")),
    ("这份报告是哪个处发的 哪天发的", ("published", "source", "publisher")),
    ("太原市2024年报告的出处是哪个机关?", ("source",)),
    ("这份报告是什么时候挂到网上的?", ("published",)),
    ("叶城县2023年度报告是什么时候在网站上公布的?", ("published",)),
    ("该报告页面上标的日期是哪天?", ("published",)),
])
def test_page_fields_asked_as_people_ask(question, kinds):
    assert set(kinds) <= set(document_ask(question).page_kinds)


def test_the_place_above_and_the_field_asked():
    assert document_ask("城中区这份报告是哪个城市的?").above == ("市",)
    assert set(document_ask("芦台经济开发区管委会属于哪个省哪个市?").above) == {"省", "市"}  # both tiers
    assert document_ask("芦台经济开发区管委会属于哪个省哪个市?").who_or_when
    assert document_ask("这份报告属于哪个领域的部门?").field
    # typed as keywords: the tiers standing alone are asked
    keywords = analyse("芦台经济开发区 所属 省 市").forms.document
    assert set(keywords.above) == {"省", "市"} and keywords.who_or_when
    assert analyse("未央区 2022 报告 所属 城市").forms.document.above == ("市",)


@pytest.mark.parametrize("question", ["报告由哪两个机关联合报告?", "鞍山 2023 法治政府建设情况报告 署名机关"])
def test_whose_names_a_report_bears_is_asked(question):
    assert analyse(question).forms.document.who_or_when


@pytest.mark.parametrize("question", ["黔西南州2020年法治政府建设考评在全省的排名是多少?", "在全国排第几?", "排名情况如何"])
def test_a_rank_asked_in_other_words_is_a_rank(question):
    q = analyse(question)
    assert q.wants_ordinal and not q.wants_number


@pytest.mark.parametrize("question, who", [
    ("邻水县林业局是哪个省的?", True), ("包头市属于哪个省份?", True), ("城中区在哪个市?", True),
    ("哪个市的行政复议案件最多?", False), ("哪个省的法律顾问最多?", False), ("受理行政复议申请129件的是哪个区?", False),
])
def test_where_a_named_author_lies_is_asked_at_the_questions_end(question, who):
    assert document_ask(question).who_or_when == who


def test_a_set_question_asks_about_content_only_when_it_says_so():
    """The reports hold 属于, 一级, 普法, 宣传 and 法律顾问; nobody writes 这批 in a report."""
    df = lambda term: 0 if term == "这批" else 5  # noqa: E731
    listing = analyse("这批报告里,属于街道办事处或乡镇一级的是哪几份?")
    assert not about_content(listing, listing.norm, explained_words(listing.norm, [], []), df)  # one short word: 属于
    for question in ("哪些报告提到了法律顾问?", "哪些乡镇报告搞了普法宣传?", "哪些县级报告写明了复议案件数?"):
        q = analyse(question)
        assert about_content(q, q.norm, explained_words(q.norm, [], []), df), question


def test_an_agency_name_ends_before_a_function_character_the_segmenter_joined():
    q = analyse("被省市发文推广的优化营商环境案例里,青岛市交通运输局有几个?")  # jieba: "局有"
    assert q.agency_mentions == ["青岛市交通运输局"] and "交通运输" not in q.terms


def test_people_taking_part_are_counted_not_the_verb():
    q = analyse("那场基层应急管理能力提升培训有多少人参加?")
    assert q.head_term != "参加" and "那场" not in q.terms and q.units == ["人"]


@pytest.mark.parametrize("text,wants", [
    ("请列出江苏省人民政府2024年度在全国率先完成的几项工作。", False),  # several things listed
    ("江苏省政府2024年推出了几项营商环境改革事项?", True),
])
def test_listing_several_things_asks_no_count(text, wants):
    assert analyse(text).wants_number is wants


def test_the_general_measure_word_counts_anything_counted():
    assert "名" in vocab.same_kind_units("个") and "名" not in vocab.same_kind_units("件")


@pytest.mark.parametrize("text", ["请问青岛市交通运输局2022年度法治政府建设报告是以何种名义报告的?",
                                  "青岛交通局2022年那份报告是用谁的名义报的"])
def test_in_whose_name_a_report_is_made_is_a_document_question(text):
    assert analyse(text).forms.document.who_or_when


def test_everyday_words_ending_like_a_town_name_no_town():
    assert vocab.place_units("在住房和城乡建设部评估中", loose=True) == []
    assert vocab.place_units("开展送法下乡活动", loose=True) == []
    assert vocab.place_units("桐木漯瑶族乡人民政府") == ["桐木漯瑶族乡"]


def test_a_ministry_beside_a_named_place_is_no_author_of_its_reports():
    from assistant.ask.agency_match import agency_words

    q = analyse("在住房和城乡建设部2023年工改评估中,长春市综合排名第几?")
    assert vocab.national_body("住房和城乡建设部") and agency_words(q, []) == []
    assert not vocab.national_body("青岛市应急管理部") and not vocab.national_body("司法局")


def test_a_coordinating_body_beside_a_named_place_is_no_author_and_a_name_never_starts_with_the_years_du():
    from assistant.ask.agency_match import agency_words

    q = analyse("鄂尔多斯市委主要领导2023年度主持召开全面依法治市委员会会议共几次?")
    assert not any(m.startswith("度") for m in q.agency_mentions)
    assert agency_words(q, []) == []
    assert vocab.spoken_of_body("法治政府建设领导小组") and not vocab.spoken_of_body("鄂尔多斯市司法局")
    assert agency_words(analyse("鄂尔多斯市司法局2023年度办理行政复议多少件?"), []) == ["司法局"]


def test_when_and_by_whom_a_report_was_published_asks_the_page_date_and_source():
    for text in ["海口市人民政府2021年度法治政府建设情况报告是什么时候、由哪个部门发布的?",
                 "海口市政府2021年度法治政府建设报告啥时候发的 哪个部门发的"]:
        kinds = document_ask(normalize(text)).page_kinds
        assert "published" in kinds and "source" in kinds, text
    assert "published" not in document_ask(normalize("这份报告是什么时候印发的?")).page_kinds


def test_how_many_things_of_one_report_are_asked():
    assert analyse("江门农业局2024年专题学习是哪两天搞的").several == 2
    assert analyse("两次专题学习分别在哪一天?").several == 2
    assert analyse("哪三项制度").several == 3 and "三项" not in analyse("哪三项制度").terms
    assert analyse("受理和审结分别是多少?").several == 0


def test_words_about_the_listing_itself_are_no_topic_words():
    for text in ["哪些报告中出现了“100%”的指标?分别指什么?", "出现“100%”指标的是哪几份报告?这些100%分别指什么?"]:
        assert analyse(text).terms == [], text
    assert analyse("行政复议案件的数量在哪几份报告里有写?各是多少?").terms == ["行政复议", "案件"]


def test_the_figure_itself_and_a_rank_are_no_topic_words():
    assert analyse("哪些报告给出了“学法”次数的具体数字?").terms == ["学法", "次数"]
    q = analyse("广州在中国法治政府评估中的名次是多少?")
    assert not q.wants_number  # a rank is answered in words ("全国第四"), not a count


def test_who_a_report_is_sent_to_in_other_words():
    assert document_ask(normalize("古丈县司法局 2024年度 法治政府建设情况报告 报送对象")).recipient


def test_a_question_typed_as_keywords_asks_with_its_bare_measure_words_and_its_last_rate():
    q = analyse("静海区司法局 2023 受理行政复议申请 件 审结 件 纠错率")
    assert q.wants_number and [i.unit for i in q.items] == ["件", "件", ""] and q.items[2].rate
    assert analyse("下陆区 2024 学法 次").units == ["次"]
    assert analyse("江南区 2022 法治政府建设实施方案 起止年份").norm == normalize("江南区 2022 法治政府建设实施方案 起止年份")
    assert analyse("下陆区2024年学法几次?").norm == normalize("下陆区2024年学法几次?")  # it asks already


def test_a_keyword_question_asks_a_report_property_with_a_bare_property_word():
    """"房县 报告 年度" asks the year, "宁夏 报告 作者" who wrote it; a word inside a longer one
    ("年度报告") or in a question that asks already is left as it is."""
    assert analyse("房县 报告 年度").forms.document.year
    assert analyse("宁夏 报告 作者").forms.document.who_or_when
    assert analyse("霞山区统计局 级别").forms.document.level
    assert not analyse("房县 年度报告 学法 次").forms.document.year
    assert analyse("房县报告是哪个年度的?").norm == normalize("房县报告是哪个年度的?")
    assert document_ask(normalize("海口市人民政府 2021 报告 发布部门")).page_kinds


def test_to_whom_a_report_is_sent_needs_no_word_for_the_report():
    assert document_ask(normalize("华容县 报送给谁")).who_or_when


def test_a_bare_year_between_words_is_a_year_but_not_in_a_range_a_code_or_a_count():
    assert years_in("浚县2023县政府常务会集体学法多少次?", bare=True) == [2023]
    assert years_in("房县2023开展会前学法多少次?", bare=True) == [2023]
    for text in ["评估(2021-2022)中", "江法治办〔2024〕37号", "办理2023件", "PM2.5", "12345热线"]:
        assert years_in(text, bare=True) == [], text


def test_the_asked_count_and_the_whole_year_are_no_topic_words():
    assert analyse("下陆区2024年一整年共开展学法几次?").terms == ["开展", "学法"]


def test_what_is_counted_is_the_thing_after_a_light_verb_before_the_asked_count():
    q = analyse("下陆区2024年一整年共开展学法几次?")
    assert q.object_terms == ["学法"] and q.head_term == "学法"
    assert analyse("重庆市市场监督管理局2025年研究审议的法治建设方面议题共有几个?").head_term == "议题"


@pytest.mark.parametrize("question, lists", [
    ("哪些报告是2024年度的?", True), ("报告 2024", True), ("这批材料中 县人民政府 报告", True),
    ("报告 2024 多少件", False), ("花都 2022 行政复议申请 多少宗", False), ("2024年学法次数", False),
    ("有几份报告是街道的?", True), ("省级报告有几份?", True),
])
def test_a_question_of_reports_and_no_word_that_asks_lists_them(question, lists):
    from assistant.ask.forms import lists_reports

    assert lists_reports(normalize(question)) == lists


@pytest.mark.parametrize("question, level", [
    ("邻水县林业局是什么级别的单位?", True), ("湖南省生态环境厅的报告属于哪一级?", True), ("下蜀镇是县级还是乡镇级?", True),
    ("全年培训了哪个层级的干部?", False), ("出庭应诉率达到100%的是哪一级?", False),
])
def test_the_level_is_asked_of_the_author_the_question_names_first(question, level):
    assert document_ask(question).level == level


def test_where_a_report_was_carried_is_its_source():
    assert "source" in document_ask("陕西省政府的报告刊登在哪里?").page_kinds


def test_asking_words_before_a_name_are_no_part_of_it():
    q = analyse("请问河北唐山芦台经济开发区管委会2022年发放了多少本学习纲要?")
    assert all(not m.startswith(("请问", "问")) for m in q.agency_mentions)


def test_a_rate_word_after_a_function_character_is_no_measure():
    q = analyse("哪些报告里给出了100%这样的比率?")
    assert "的比率" not in q.terms and "这样" not in q.terms


def test_a_document_number_is_asked_as_a_name():
    q = analyse("郑州市2022年度报告的文号是多少?")
    assert not q.wants_number and "doc_no" in q.forms.document.page_kinds
    assert "doc_no" not in analyse("伊犁州水利局报告提到的实施方案通知文号是什么?").forms.document.page_kinds


def test_a_page_label_names_the_page_field():
    assert "published" in document_ask("湖南省生态环境厅2023年度报告的发文日期是哪天?").page_kinds
    assert "source" in document_ask("这份报告的信息来源是哪里?").page_kinds


@pytest.mark.parametrize("question, levels, government", [
    ("这批报告中,哪些是区县政府的职能部门(局)写的?", {"区县"}, False),
    ("哪些报告是县(市、区)一级的职能局写的?", {"区县"}, False),
    ("这批报告里哪些是省一级厅局写的?", {"省"}, False),
    ("哪些报告是政府工作部门(局、厅)而不是政府本身写的?", set(), False),
])
def test_departments_of_a_government_are_departments(question, levels, government):
    from assistant.ask.report_set import read_report_set

    q = analyse(question)
    listing = read_report_set(q, [], lambda term: 0)
    assert listing is not None and not listing.negated and not listing.agencies
    assert [(c.levels, c.government) for c in listing.alternatives] == [(levels, government)]


def test_a_level_widened_in_brackets_keeps_its_alternatives():
    """"省级(含直辖市)政府或省级部门": the bracket widens 省级, it does not cut "省级" from "政府"."""
    from assistant.ask.report_set import read_report_set

    listing = read_report_set(analyse("哪些报告出自省级(含直辖市)政府或省级部门?"), [], lambda term: 0)
    assert sorted((sorted(c.levels), c.government) for c in listing.alternatives) == [(["省"], False), (["省"], True)]


def test_listings_typed_with_explanations_exclusions_and_keywords():
    """Brackets that explain ("部门(厅局委)"), an exclusion after a comma ("不算政府和街镇的"), a body word that
    asks for any ("机关或街道"), and keywords naming levels and kinds together read as people mean them."""
    from assistant.ask.report_set import read_report_set

    def conditions(question, phrases=()):
        listing = read_report_set(analyse(question), list(phrases), lambda term: 0)
        return [(c.levels, c.government, c.place_kind, c.zone) for c in listing.alternatives], listing.agencies

    assert conditions("部门(厅局委)写的报告有哪些,不算政府和街镇的") == ([({"部委", "省", "市", "区县"}, False, None, False)], [])
    assert conditions("哪些报告出自广东境内的机关或街道?", ["广东"]) == ([], [])
    assert conditions("省级 直辖市 政府 厅局 报告 有哪些") == ([({"省"}, None, None, False)], [])
    assert conditions("请问哪些报告是由经济开发区、新区等功能区管理委员会提交的?") == ([(set(), None, None, True)], [])
    assert "这里" not in analyse("广东省的单位写的报告,这里有哪几份?").terms


@pytest.mark.parametrize("question", ["多宝街道2024年法治政府建设报告的正文前有没有标题?", "多宝街道 2024 法治政府建设报告 标题 有无",
                                      "山东省气象局2023年报告的标题是什么?"])
def test_whether_a_report_has_a_title_is_asked_of_the_document(question):
    ask = analyse(question).forms.document
    assert ask.title and ask.who_or_when


def test_more_ways_to_ask_a_level_a_province_a_number_or_a_signing_date():
    assert document_ask("邻水县林业局2024年度法治报告出自哪一级行政机关?").level
    assert document_ask("银川市2024年度法治报告所在的省级行政区是哪里?").above == ("省",)
    assert "doc_no" in document_ask("浙江省卫健委2023年度法治政府建设报告的公文编号是多少?").page_kinds
    assert "signed" in document_ask("浙江卫健委23年法治报告落款几号").page_kinds


def test_the_sender_is_the_author_and_a_unit_typed_as_a_keyword_asks_who_wrote_it():
    """报送机关 / 报送单位 are who sends the report (its author); 报送对象 whom it goes to."""
    assert not analyse("老军乡 2025 法治政府建设报告 报送机关 署名").forms.document.recipient
    assert analyse("老军乡2025年的报告报送对象是谁?").forms.document.recipient
    assert analyse("高水平法治服务保障交通运输高质量发展 2024 报告 单位").forms.document.who_or_when


def test_keywords_ending_in_an_amount_or_count_ask_its_figure_and_money_asks_yuan():
    assert analyse("乌审旗 2024 跨区域 办件量").wants_number
    assert analyse("为企业挽回的经济损失是多少,鞍山市2023年的律师团队?").units == ["元"]
    assert analyse("北京通州区2023年实际利用外资多少?").units == ["元"]
    assert analyse("办理了多少件?").units == ["件"]
    assert analyse("是几位一体的?").unit_phrases == ["位一体的?"]


def test_what_is_counted_stands_after_the_last_de():
    """"几场围绕主题的学习宣讲会": the 学习宣讲会 are counted; 围绕主题 says which."""
    q = analyse("西兴街道2024年组织了几场围绕主题的学习宣讲会?")
    assert q.head_term == "学习"
    assert analyse("多少名执法人员通过考试?").head_term == "执法人员"


def test_a_widening_parenthesis_names_no_agency_and_a_batch_frame_lists_by_place():
    from assistant.ask.report_set import read_report_set

    listing = read_report_set(analyse("这些年报中,哪几份是省一级(包括直辖市和省直厅局)出的?"), [], lambda term: 0)
    assert listing is not None and not listing.agencies and listing.alternatives[0].levels == {"省"}
    q = analyse("这批报告里出自天津机关的是哪些?")
    assert read_report_set(q, ["天津"], lambda term: 0) is not None  # the reports the place names


def test_words_naming_the_whole_batch_name_no_topic():
    from assistant.ask.report_set import read_report_set

    q = analyse("请列出本批材料中属于2023年度的全部法治政府建设报告。")
    assert "本批" not in q.terms and "全部" not in q.terms
    listing = read_report_set(q, [], lambda term: 0)
    assert listing is not None and listing.years == [2023]


@pytest.mark.parametrize("question", ["广东省市场监督管理局那份2023年度法治政府建设报告,是哪一级单位出的?", "广东省市监局23年报告是啥级别单位"])
def test_the_level_asked_after_a_comma_or_in_chat_words(question):
    assert analyse(question).forms.document.level


def test_whom_a_report_is_written_to_is_its_recipient():
    assert analyse("白沙路街道2021年法治政府建设情况报告是写给谁的?").forms.document.recipient


def test_a_parenthesis_that_counts_more_in_widens_a_listing():
    from assistant.ask.forms import form

    assert form("report_set.inclusion").search("哪些出自省级单位(直辖市的市级部门也算)?")


def test_an_organisations_party_group_follows_its_name():
    assert analyse("自然资源部党组会2021年传达学习了什么?").agency_mentions[:1] == ["自然资源部"]
    assert analyse("城管局党委书记2023年讲了几次法治课?").agency_mentions == ["城管局"]


def test_a_field_with_bumen_names_its_bodies_and_a_score_keyword_asks_a_figure():
    """"宜宾市教育部门" speaks of the city's education bodies (as "人社系统" does); a
    score or rank typed as a keyword ("… 得分", "… 名次") asks its figure."""
    assert analyse("宜宾市教育部门2023年集中专题学法共几场?").agency_mentions
    assert analyse("虹桥街道 2021 法治示范创建街镇 得分").wants_number
    assert analyse("虹桥街道 2021 法治示范创建街镇 名次").wants_ordinal


@pytest.mark.parametrize("question, asks", [
    ("石家庄2024年法治建设年报的撰写主体是哪几个机关?", "who"),  # 年报 is the report; 撰写主体 its author
    ("鞍山党委政府2023年度法治政府建设报告的上网公布日期是哪天?", "published"),
    ("湖北司法厅22年度法治建设年报的索引编号是多少?", "index_no"),
])
def test_reports_and_their_fields_as_people_name_them(question, asks):
    d = analyse(question).forms.document
    assert d.who_or_when if asks == "who" else asks in d.page_kinds


@pytest.mark.parametrize("question, units", [
    ("保定24年学法几小时", ["小时"]),  # a long measure word after 几 asks a figure of it
    ("保定24年学法时长", ["分钟", "天", "小时"]),  # a length of time, clipped with no asking word
    ("保定 2024 学法 时长", ["分钟", "天", "小时"]),
    ("审计署24年审计发现问题金额", ["元"]),  # clipped, ending with a figure's word: asks it
])
def test_figures_asked_without_an_asking_word_or_with_a_long_measure(question, units):
    q = analyse(question)
    assert q.wants_number and sorted(q.units) == sorted(units)


def test_how_often_is_not_a_length_of_time():
    assert not analyse("江门交通局党组中心组学法多久搞一次").units


def test_the_level_asked_of_an_author_named_with_a_de_clause():
    assert document_ask("出具2023年度法治政府建设报告的广东省市场监管局属于哪个行政层级?").level
    assert not document_ask("培训了哪个层级的干部?").level


@pytest.mark.parametrize("question, person", [
    ("西安市应急管理局2023年的一把手是谁?", True), ("领导小组组长是哪位?", True),
    ("这份报告是谁写的?", False), ("哪个单位发布的?", False),
])
def test_a_person_asked(question, person):
    assert analyse(question).forms.person == person


def test_a_leader_asked_without_a_title_or_a_name_outright_needs_a_name():
    assert analyse("西安市应急管理局2023年的一把手是谁?").forms.needs_name
    assert analyse("会议上专题讲法的领导叫什么名字?").forms.needs_name  # a name asked: a role is no answer
    assert analyse("专题讲法的领导姓名是什么?").forms.needs_name
    assert not analyse("领导小组组长是哪位?").forms.needs_name  # a title: any sentence that answers it
    assert not analyse("会议上是谁专题讲法?").forms.needs_name  # who: a role answers it ("主要领导带头讲法")


def listed(question: str):
    from assistant.ask.report_set import read_report_set
    return read_report_set(analyse(question), [], lambda term: 0)


def test_what_a_listing_sets_apart_says_what_it_asks():
    cities = listed("地级市整体的报告有哪些 不算市直部门").alternatives
    assert [(c.levels, c.government) for c in cities] == [({"市"}, True)]  # the city governments
    departments = listed("哪些是部门写的 不含部委").alternatives
    assert [(c.levels, c.government) for c in departments] == [({"省", "市", "区县", "街道乡镇"}, False)]


def test_province_kinds_are_one_level_and_a_span_of_years_lists():
    assert [c.levels for c in listed("省、自治区一级人民政府的报告有哪些?").alternatives] == [{"省"}]
    assert listed("哪些报告总结的是2021年以前的年度?").year_span == (None, 2021)


def test_the_script_a_report_is_named_by():
    assert analyse("这份繁体字的交通运输法治工作报告是哪个部门哪一年的?").forms.script_named == "traditional"
    assert analyse("交通运输法治工作报告是哪个部门的?").forms.script_named is None


def test_who_signed_is_the_author_and_when_signed_a_date():
    who = analyse("青岛交通局22年法治报告落款是谁").forms.document
    when = analyse("报告的落款日期是哪天?").forms.document
    assert who.who_or_when and "signed" not in who.page_kinds
    assert "signed" in when.page_kinds


def test_words_asking_a_name_are_no_topic():
    assert analyse("郑州中原区 2024 区长 姓名").terms == ["区长"]
    assert analyse("西安应急局23年的主要领导叫什么名字?").forms.person


def test_a_negation_stays_with_the_word_it_negates():
    q = analyse("兴国县 2022 案卷评查 不合格 案卷数")
    assert "不合格" in q.terms and "合格" not in q.terms and q.negated_terms == ["不合格"]
    assert analyse("不动产登记办了多少件?").negated_terms == []  # 不动产 negates nothing


def test_a_count_asked_without_its_measure_word_is_no_rate():
    assert analyse("行政机关负责人出庭应诉的案件数量是多少?").wants_count
    assert not analyse("行政复议案件数量比上一年增长了多少?").wants_count  # a change may be a percentage
    assert not analyse("出庭应诉率是多少?").wants_count


def test_a_leader_asked_without_a_title_is_looked_for_by_the_title_of_who_leads_the_body():
    assert vocab.head_title("西安市应急管理局") == "局长" and vocab.head_title("中原区人民政府") == "区长"
    assert analyse("西安市应急管理局2023年的一把手是谁?").term_groups == [["一把手"], ["局长"]]
    assert analyse("郑州市中原区2024年区政府的一把手是谁?").term_groups[-1] == ["区长"]
    assert len(analyse("领导小组组长是哪位?").term_groups) == 1  # a title asked: nothing to add


@pytest.mark.parametrize("question", ["白沙路街道 所属 县级市", "白沙路街道属于哪个县级市?", "白沙路街道所在县级市"])
def test_the_county_level_city_a_street_office_belongs_to_is_asked(question):
    ask = analyse(question).forms.document
    assert ask.above == ("区县",) and ask.who_or_when
