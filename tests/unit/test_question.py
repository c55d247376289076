"""Question analysis, driven directly."""
from assistant.ask.figure_asked import counted_thing, parse_condition
from assistant.ask.question import analyse, find_years, place_candidates


def test_years_places_and_units():
    q = analyse("深圳市城管局2023年收到多少宗行政复议申请?")
    assert q.years == [2023] and q.places == ["深圳市"] and q.units == ["宗"]
    assert q.wants_number and not q.wants_rate and not q.aggregate
    assert "行政复议" in q.terms and "深圳市" not in q.terms


def test_rate_question_with_condition_and_aggregation():
    q = analyse("哪些单位的行政机关负责人出庭率达到了100%?")
    assert q.aggregate and q.wants_rate and q.wants_number
    assert q.condition == (">=", 100.0, True)
    assert q.head_term == "出庭率" and "出庭率" in q.terms


def test_conditions():
    assert parse_condition("办结率超过90%的单位") == (">", 90.0, True)
    assert parse_condition("案件不足10件") == ("<", 10.0, False)
    assert parse_condition("95%以上") == (">=", 95.0, True)
    assert parse_condition("2023年收到多少") is None
    assert parse_condition("哪些单位实现了零败诉") == ("==", 0.0, False)


def test_counted_thing_after_measure_word_or_before_asking_word():
    words, head = counted_thing("有多少名执法人员通过考试", [])
    assert head == "执法人员" and "考试" in words
    words, head = counted_thing("注册人数是多少", [])
    assert head == "注册"


def test_or_alternatives_are_separate_groups():
    q = analyse("哪些报告提到了常年法律顾问或律师顾问?")
    assert len(q.term_groups) == 2 and not q.wants_number
    assert "法律顾问" in q.term_groups[0]


def test_metadata_question():
    assert analyse("各份报告分别是哪个单位哪一年度的?").metadata
    assert not analyse("增城区城管局发布了多少篇新闻报道?").metadata


def test_traditional_question_is_normalised():
    q = analyse("增城區城管局發布了多少篇新聞報道?")
    assert "新闻报道" in q.terms and q.units == ["篇"]


def test_place_candidates_skip_generic_words():
    assert place_candidates("杭州市首次在全市范围内选树") == ["杭州市"]
    assert find_years("2023年度和2024年") == [2023, 2024]


def test_agency_endings_must_end_a_word():
    q = analyse("楚雄市今年办理人大代表建议和政协委员提案多少件?")
    assert q.agency_mentions == [] and {"人大代表", "政协委员"} <= set(q.terms)
    assert analyse("某某县人社局2023年办理多少件案件?").agency_mentions == ["某某县人社局"]


def test_quoted_phrases_are_kept_whole():
    assert analyse("哪些报告提到了“谁执法谁普法”?").phrases == ["谁执法谁普法"]


def test_a_threshold_makes_a_number_question_with_its_unit():
    q = analyse("哪些地方的政府信息公开申请超过500件?")
    assert q.wants_number and q.condition == (">", 500.0, False) and q.units == ["件"]


def test_a_compound_jieba_cuts_into_characters_stays_a_term():
    """占道 is cut into 占/道 by jieba; without it "占道经营柔性劝导" would match any other 劝导 measure."""
    from assistant.ask.question_words import join_single_characters

    assert "占道" in analyse("哪些单位办理了占道经营柔性劝导事项?").terms
    assert join_single_characters(["哪些", "单位", "办理", "了", "占", "道", "经营"]) == ["哪些", "单位", "办理", "了", "占道", "经营"]


def test_a_domain_wording_written_across_two_words_is_cut_out_of_them():
    from assistant.ask.question_words import cut_at_phrases

    assert cut_at_phrases(["集中学习", "法律"]) == ["集中", "学习法律"]  # 学习法律 = 学法 (prompts/lexicon.txt)
    assert cut_at_phrases(["人大代表", "建议"]) == ["人大代表", "建议"]  # whole words: each finds more
    assert "一年" not in analyse("一年里组织了几次集中学习法律?").terms  # 一年里 counts nothing


def test_words_after_the_last_alternative_are_said_of_each():
    """"行政诉讼或者复议的案子": 案子 is of both; "A的次数或B数" keeps each alternative's own words."""
    assert analyse("金华教育局2023年有没有行政诉讼或者复议的案子").term_groups == [["行政诉讼", "案子"], ["复议", "案子"]]
    groups = analyse("集体学法的次数或集中学法的次数是多少?").term_groups
    assert len(groups) == 2 and all(len(g) > 1 for g in groups)


def test_a_span_of_years_takes_its_year_in_unless_the_question_leaves_it_out():
    from index.numerals import year_span

    assert year_span("2024年以后的有哪些") == (2024, None, 2024, True)
    assert year_span("2022年以前(含2022)") == (None, 2022, 2022, False)
    assert year_span("2024年及以后") == (2024, None, 2024, False)
    assert year_span("2024年以后(不含2024年)") == (2025, None, 2024, False)
    assert year_span("年份在2024年之后(2024年本身除外)") == (2025, None, 2024, False)
    assert year_span("早于2021年") == (None, 2020, 2021, False)
