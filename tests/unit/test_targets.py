"""Matching a question to the reports it names, on hand-made report rows."""
from assistant.ask.question import analyse
from assistant.ask.report_names import is_abbreviation, place_units
from assistant.ask.targets import resolve

ROWS = [
    {"report_id": "zc", "agency": "广州市增城区城市管理和综合执法局", "region": "广州市增城区", "title": None, "year": 2023},
    {"report_id": "hd", "agency": "广州市花都区人民政府", "region": "广州市花都区", "title": None, "year": 2023},
    {"report_id": "cx", "agency": "楚雄市综合行政执法局", "region": "楚雄市", "title": None, "year": 2024},
    {"report_id": "rs", "agency": "某某县人力资源和社会保障局", "region": "某某县", "title": None, "year": 2023},
    {"report_id": "sf", "agency": "某某县司法局", "region": "某某县", "title": None, "year": 2023},
    {"report_id": "yd", "agency": None, "region": None, "title": "區城管依法行政要點", "year": None},
]


def never(text, ids=None):
    return False


def targets(question, in_reports=never):
    return resolve(analyse(question), ROWS, in_reports)


def test_place_units_and_abbreviations():
    assert place_units("广州市增城区城市管理和综合执法局") == ["广州市", "增城区"]
    assert is_abbreviation("城管局", "城市管理和综合执法局")
    assert is_abbreviation("人社局", "人力资源和社会保障局")
    assert not is_abbreviation("城管执法局", "综合行政执法局")


def test_most_specific_place_wins_and_two_places_keep_both():
    assert targets("广州市增城区城管局发布了多少篇新闻报道?").report_ids == ["zc"]
    assert sorted(targets("花都区和楚雄市的报告里各自提到的人大代表建议办理数量是多少?").report_ids) == ["cx", "hd"]
    assert sorted(targets("广州市的报告提到了什么?").report_ids) == ["hd", "zc"]


def test_agency_abbreviation_separates_reports_of_one_place():
    assert targets("某某县人社局2023年办理了多少件劳动仲裁案件?").report_ids == ["rs"]
    assert targets("某某县司法局2023年办理了多少件行政复议案件?").report_ids == ["sf"]


def test_title_names_a_report_without_agency():
    assert targets("区城管依法行政要点提出建立涵盖几个方面的标准化管理体系?").report_ids == ["yd"]


def test_unknown_place_and_missing_year():
    t = targets("深圳市城管局2023年收到多少宗行政复议申请?")
    assert t.unknown_places == ["深圳市"]
    t = targets("增城区城管局2022年新收行政一审案件多少宗?")
    assert t.missing_year == 2022
    # The named report states that year somewhere: only its sentences that say "2022年" may answer.
    t = targets("增城区城管局2022年…", lambda text, ids=None: text == "2022年")
    assert (t.report_ids, t.other_years, t.missing_year) == ([], ["zc"], 2022)


def test_no_names_means_every_report():
    assert targets("哪些单位的行政机关负责人出庭率达到了100%?").report_ids is None
    assert sorted(targets("有哪些2024年度的报告?").report_ids) == ["cx"]


def test_a_district_the_question_places_a_matched_street_in_is_no_unknown_place():
    rows = ROWS + [{"report_id": "xs", "agency": "新市街道办事处", "region": None, "title": None, "year": 2023}]
    t = resolve(analyse("广州市白云区新市街道2023年法律顾问审查合同多少份?"), rows, never)
    assert "xs" in t.report_ids and not t.unknown_places
    t = resolve(analyse("广州市白云区2023年法律顾问审查合同多少份?"), rows, never)
    assert t.unknown_places == ["白云区"]


def test_a_sector_named_as_a_system_is_its_departments_never_a_topic_word():
    q = analyse("某某县人社系统2023年执法人员受训共多少人次?")
    assert q.agency_mentions == ["人社系统"] and "人社" not in q.terms and "系统" not in q.terms
    assert targets("某某县人社系统2023年执法人员受训共多少人次?").report_ids == ["rs"]
    assert targets("广州市增城区人社系统2023年受训多少人次?").unknown_agency == "人社系统"


def test_strings_standing_in_a_question_are_found_the_same_by_lookup_as_by_search():
    from assistant.ask.report_names import Names

    strings = {f"岚{chr(0x4e00 + i)}区" for i in range(2000)} | {"增城区", "增城", "花都"}
    norm = "增城区城管局和花都区2023年办理多少件?"
    assert Names.of(strings).standing_in(norm) == {"增城区", "增城", "花都"} == {s for s in strings if s in norm}
    assert Names.of({"增城", "楚雄"}).standing_in(norm) == {"增城"}


def test_a_county_named_with_its_one_character_stem_is_matched_before_its_government():
    rows = ROWS + [{"report_id": "zx", "agency": "赵县人民政府", "region": "赵县", "title": None, "year": 2022, "kind": "政府"},
                   {"report_id": "fx", "agency": "房县人民政府", "region": "房县", "title": None, "year": 2022, "kind": "政府"}]
    t = resolve(analyse("赵县县政府常务会议2022年几次听取法治政府建设专题汇报?"), rows, never)
    assert t.report_ids == ["zx"]


def test_an_agency_of_a_province_is_found_in_its_report_that_names_no_place_of_its_own():
    """"福建省农业农村厅": the province's reports hold no 农业农村厅, but a "省农业农村厅" report names no
    place and mentions 福建 (《福建日报》): it is the one asked (its place unchecked), never "no such report"."""
    rows = [{"report_id": "xm", "agency": "厦门市生态环境局", "region": "厦门市", "title": None, "year": 2024},
            {"report_id": "ny", "agency": "省农业农村厅", "region": None, "title": None, "year": 2023}]

    def names_fujian(text, ids=None):
        return text.startswith("福建") and ids == ["ny"]

    t = resolve(analyse("福建省农业农村厅的报告是哪一年度的?"), rows, names_fujian)
    assert t.report_ids == ["ny"] and t.placeless == ["ny"] and t.unknown_agency is None
    t = resolve(analyse("福建省教育厅的报告是哪一年度的?"), rows, names_fujian)
    assert t.unknown_agency and "ny" not in (t.report_ids or [])


def test_a_place_written_inside_its_city_is_the_one_asked_not_the_city():
    """"哈尔滨香坊区…2022年": the district's report is of 2023, the city's of 2022; the question is about
    the district (written as one name with its city), so no report of that year. Named apart, both."""
    rows = [{"report_id": "hrb", "agency": "哈尔滨市", "region": "哈尔滨市", "title": None, "year": 2022},
            {"report_id": "xf", "agency": "香坊区", "region": "香坊区", "title": None, "year": 2023}]
    t = resolve(analyse("哈尔滨香坊区争创示范区,2022年拿到了什么?"), rows, never)
    assert t.report_ids == [] and t.missing_year == 2022
    assert resolve(analyse("哈尔滨香坊区2023年拿到了什么?"), rows, never).report_ids == ["xf"]
    assert sorted(resolve(analyse("哈尔滨和香坊区的报告分别是哪一年的?"), rows, never).report_ids) == ["hrb", "xf"]


GAZETTEER_ROWS = [
    {"report_id": "ms", "agency": "金寨县梅山镇人民政府", "region": None, "title": None, "year": 2024},
    {"report_id": "ls", "agency": "邻水县林业局", "region": None, "title": None, "year": 2024},
]


def test_places_outside_the_matched_reports_chain_name_another_place():
    """"宁波市北仑区梅山街道" matches 梅山镇 by its short form, but 宁波市 and 北仑区 are not 金寨县's: another place."""
    t = resolve(analyse("宁波市北仑区梅山街道2024年开展了多少次普法宣传活动?"), GAZETTEER_ROWS, never)
    assert set(t.unknown_places) == {"宁波市", "北仑区"}
    t = resolve(analyse("六安市金寨县梅山镇2024年开展了多少次普法宣传活动?"), GAZETTEER_ROWS, never)
    assert t.unknown_places == [] and t.report_ids == ["ms"]


def test_a_department_of_the_place_above_is_not_the_county_departments():
    """"广安市林业局" is the city's own bureau: 邻水县林业局 (in 广安市) does not answer for it."""
    t = resolve(analyse("广安市林业局2024年组织了多少次会前学法?"), GAZETTEER_ROWS, never)
    assert t.unknown_agency == "广安市林业局"  # the refusal route names it and the reports there are
    assert resolve(analyse("邻水县林业局2024年组织了多少次会前学法?"), GAZETTEER_ROWS, never).report_ids == ["ls"]


def test_a_report_is_named_by_its_index_or_document_number():
    rows = [{"report_id": "hn", "agency": "湖南省生态环境厅", "region": None, "title": None, "year": 2023,
             "page": [{"label": "索引号", "kind": "index_no", "value": "430S00/2024-016955", "quote": "索引号:430S00/2024-016955"}]},
            *GAZETTEER_ROWS]
    assert resolve(analyse("430S00/2024-016955这个索引号的法治报告是谁发的"), rows, never).report_ids == ["hn"]


def test_a_title_of_a_year_and_common_words_names_no_report():
    """A report titled only "2023年度法治政府建设情况报告" is not what "花都区2023年度法治政府建设情况报告" names."""
    rows = ROWS + [{"report_id": "gt", "agency": "某某市应急管理局", "region": "某某市", "title": "2023年度法治政府建设情况报告",
                    "year": 2023}]
    assert resolve(analyse("花都区2023年度法治政府建设情况报告出自哪个网站?"), rows, never).report_ids == ["hd"]
    # named by that title alone, it is the report titled so
    assert resolve(analyse("标题只写着《2023年度法治政府建设情况报告》的报告是哪个系统的?"), rows, never).report_ids == ["gt"]
