"""The vocabulary of places and agencies (index/vocabulary/) and the author chosen among candidates
(index/authors.py), driven directly on names and report shapes written for these tests."""
from __future__ import annotations

import re

import pytest

from index import vocabulary as vocab
from index.metadata import extract_meta
from index.numerals import count_words, to_arabic, value_of
from index.structure import split_paragraphs


def forms(text: str) -> list[str]:
    return [m.form for m in vocab.place_mentions(text)]


def test_places_come_from_the_gazetteer_with_their_tier_and_parents():
    assert [p.tier for p in vocab.places()["赵县"]] == ["区县"] and vocab.places()["房县"][0].parents[-1] == "十堰市"
    assert vocab.by_name("重庆市").tier == "省" and vocab.by_name("上海市").tier == "省"
    assert vocab.by_name("广西壮族自治区").short == "广西" and vocab.by_name("恩施土家族苗族自治州").short == "恩施"
    assert {p.parents[-1] for p in vocab.places()["白云区"]} == {"广州市", "贵阳市"}
    assert vocab.by_name("玉林市").parents == ("广西壮族自治区",)


@pytest.mark.parametrize("text, expected", [
    ("广州市白云区2023年收到行政复议申请多少宗", ["广州市", "白云区"]),
    ("绍兴市市场监管局在2023年度", ["绍兴市"]),  # not 绍兴市市 + 场监管局
    ("赵县县政府常务会议", ["赵县"]),
    ("北京通州2023年复议", ["北京", "通州"]),
    ("恩施州生态环境局", ["恩施"]),
    ("平安建设和光明大道", []),  # everyday words
    ("示范县创建,市政府和县委", []),  # 范县 and 和县 inside words
    ("鼓楼街道办事处、大同镇人民政府", []),  # towns named like a district or a city
    ("广州市公安局增城区分局", ["广州市", "增城区"]),  # 公安 is a field, not 公安县
])
def test_place_mentions(text, expected):
    assert forms(text) == expected


def test_a_short_form_before_a_tier_word_is_the_place_of_that_tier():
    (m,) = vocab.place_mentions("恩施州生态环境局")
    assert [p.name for p in vocab.resolve([m])] == ["恩施土家族苗族自治州"]
    mentions = vocab.place_mentions("广州市白云区")
    assert [p.parents[-1] for p in vocab.resolve(mentions)][1] == "广州市"


@pytest.mark.parametrize("name, tier", [
    ("重庆市市场监督管理局", "省"), ("福建省人力资源和社会保障厅", "省"), ("楚雄市综合行政执法局", "区县"),
    ("中华人民共和国生态环境部", "部委"), ("国家统计局", "部委"), ("高平市北城街街道办事处", "街道乡镇"),
    ("大同镇人民政府", "街道乡镇"), ("房县人民政府", "区县"), ("市市场监管局", "市"), ("州生态环境局", "市"),
])
def test_tier_of_a_name(name, tier):
    assert vocab.tier_of_name(name) == tier


def test_fields_and_their_short_forms():
    assert vocab.field_of("上城区人力社保局") == vocab.field_of("人社部门") == "人力资源和社会保障"
    assert vocab.field_of("市监局") == "市场监督管理" and vocab.field_of("大同镇人民政府") is None
    assert "人社" in vocab.forms_of_field("人力资源和社会保障") and vocab.forms_of_field(None) == []


@pytest.mark.parametrize("mention, agency", [
    ("赵县县政府", "赵县县政府"), ("绍兴市市场监管局", "绍兴市市场监管局"), ("组织党工委", "党工委"),
    ("百部", None), ("某某县人社局", "某某县人社局"), ("城管执法局", "城管执法局"),
    ("鞍山市数据局", "鞍山市数据局"), ("数据局", None),  # a field not listed, after a gazetteer place only
])
def test_an_agency_mention_is_read_with_the_vocabulary(mention, agency):
    assert vocab.read_agency(mention) == agency


def meta(body: str):
    return extract_meta(split_paragraphs(body), {})


def test_joint_authors_stay_joint_and_a_party_body_gives_its_organisation():
    joint = meta("中共某某县委\n某某县人民政府\n关于某某县2023年度法治政府建设工作的\n报 告\n"
                 "2023年,某某县坚持依法行政。现将相关工作情况报告如下:")
    assert joint.agency == "中共某某县委、某某县人民政府" and joint.authors == ["中共某某县委", "某某县人民政府"]
    assert joint.kind == "政府" and joint.level == "区县"
    body = meta("中共某某市交通运输局党组\n2022年度法治政府建设报告\n2022年,市交通运输局党组坚持依法行政。")
    assert body.agency == "某某市交通运输局" and body.authors == ["中共某某市交通运输局党组"]


def test_a_name_without_its_place_takes_the_place_the_report_names_most():
    m = meta("2023年,市市场监管局在市委市政府的坚强领导下,坚持依法行政。\n绍兴创新监管服务模式获评全省最佳。"
             "绍兴市成功入选试点。")
    assert m.agency == "绍兴市市场监管局" and m.sector == "市场监督管理"


def test_a_report_speaking_as_its_county_is_that_county_government():
    m = meta("2022年,我县深入贯彻习近平法治思想,扎实推进法治政府建设。\n一、推进情况\n"
             "制定《房县法治政府建设实施方案》,印发《房县人民政府2022年度领导干部学法计划》。")
    assert (m.agency, m.level, m.origin["agency"]) == ("房县人民政府", "区县", "self-reference")


def test_a_title_run_into_other_text_still_names_the_author():
    m = meta("秘书之家—全网资源每日更新www.example.com湖北省人民政府关于2023年度法治政府建设情况的报告2023年,"
             "省政府坚持以习近平新时代中国特色社会主义思想为指导,推进依法行政。")
    assert (m.agency, m.level, m.year) == ("湖北省人民政府", "省", 2023)


def test_the_report_year_is_not_a_documents_range_nor_after_publication():
    m = meta("根据《全面深化法治领域改革纲要(2023—2027年)》提出“实行法治建设年度报告制度”,以及市、区对法治建设工作的"
             "具体部署,2023年,清波街道以深入学习贯彻习近平法治思想为核心,全面开展法治政府建设。")
    assert (m.agency, m.year, m.level) == ("清波街道", 2023, "街道乡镇")


def test_a_fragment_loses_to_a_whole_name():
    m = meta("一、基本情况\n一是我委把习近平法治思想纳入学习内容。\n二是开展专题学习。\n某某区农业农村委员会\n2023年1月5日")
    assert m.agency == "某某区农业农村委员会"


def test_numerals_both_ways():
    assert value_of("一百二十") == 120 and value_of("二〇二四") == 2024 and value_of("百分之") is None
    assert count_words(2) == "两" and count_words(14) == "十四" and count_words(120) == "多"
    assert to_arabic("收到行政复议申请九千九百九十九宗,同比增长百分之三百") == "收到行政复议申请9999宗,同比增长300%"
    assert to_arabic("统一思想,一把手,十分重要,千方百计") == "统一思想,一把手,十分重要,千方百计"


def test_a_provinces_short_form_in_a_question_is_the_province_whatever_follows():
    assert [m.form for m in vocab.place_mentions("江苏上线的学习平台叫什么?", loose=True)] == ["江苏"]
    assert not vocab.place_mentions("江苏上线的学习平台叫什么?")  # in a report's own text it needs its tier word


def test_a_zone_goes_by_its_name_with_its_ending_as_people_shorten_it():
    assert vocab.place_key("芦台经济开发区") == vocab.place_key("芦台开发区")
    assert vocab.place_key("滨海高新技术产业开发区") == vocab.place_key("滨海高新区") != vocab.place_key("滨海新区")
    assert vocab.place_units("开发区高新区的报告有哪些", loose=True) == []  # two generic words, no zone


def test_a_zone_committee_is_a_government():
    from index.orgnames import kind_of

    assert kind_of("河北唐山芦台经济开发区管委会") == "政府"


def test_things_counted_in_the_general_measure_word():
    assert "个" in vocab.same_kind_units("条") and "件" in vocab.same_kind_units("条")
    assert "个" not in vocab.same_kind_units("人")  # a person is never 个 in a report


def test_the_scope_of_a_rank_is_the_nation_or_a_whole_jurisdiction():
    scopes = vocab.scope_words()
    assert {"全国", "全省", "全市", "全县"} <= set(scopes) and "我市" not in scopes


@pytest.mark.parametrize("text, person", [
    ("市应急管理局党委书记 局长姚涌同志定期听取", True), ("省委书记许勤主持召开", True), ("2023年度,蔡魏局长严格按照", True),
    ("由镇党委书记王金训、镇长文博担任双组长", True),
    ("成立以局主要领导为组长,党委委员为副组长", False),  # offices, no one named
    ("成立由党组书记、局长任组长的领导小组", False), ("习近平总书记关于法治建设的重要论述", False),
])
def test_a_person_is_named_by_a_title_and_a_name(text, person):
    assert vocab.names_person(text) == person


@pytest.mark.parametrize("name, street", [
    ("鲤城区人民政府金龙街道办事处", True), ("留下街道", True), ("新市街道办事处", True), ("万兴街", True),
    ("桐木漯瑶族乡人民政府", False), ("大同镇人民政府", False), ("下洋镇", False),
])
def test_a_street_office_is_told_from_a_township_of_its_tier(name, street):
    assert vocab.is_street_office(name) == street


def test_a_ministry_by_its_everyday_short_name():
    assert vocab.read_agency("环境部") == "生态环境部" and vocab.read_agency("国土部") == "自然资源部"
    assert vocab.read_agency("交通部") == "交通部"  # a field and 部: matched to 交通运输部 as an abbreviation


@pytest.mark.parametrize("name, author, placed", [("广州市民政局", True, True), ("省教育厅", True, True), ("区政府", True, True),
                                                  ("法治工作办公室", False, False), ("花都区", False, True),
                                                  ("乌审旗", False, True), ("乌兰苏木", False, True)])
def test_an_authors_ending_is_the_vocabularys(name, author, placed):
    """The question's reading and the agency matching ask one vocabulary what ends an author's name
    (data/vocabulary.toml [agencies] reporting, government; with places, the places' endings)."""
    assert bool(re.search(vocab.author_ending() + "$", name)) == author
    assert bool(re.search(vocab.author_ending(places=True) + "$", name)) == placed


def test_the_follow_up_reader_takes_places_and_bodies_by_the_vocabulary():
    from assistant.ask import followup

    assert followup.ENTITY.fullmatch("乌审旗")
    assert followup.ENTITY.fullmatch("海东市乐都区共和乡")
    assert followup.ENTITY.fullmatch("市司法局")


def test_towns_of_every_ending_are_regions_of_an_author():
    from index.orgnames import region_of

    assert region_of("锡林郭勒盟正镶白旗乌兰察布苏木") == "锡林郭勒盟正镶白旗乌兰察布苏木"
    assert region_of("广州市增城区城市管理和综合执法局") == "广州市增城区"
