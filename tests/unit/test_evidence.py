"""Sentence evidence features, driven directly on hand-written sentences."""
from assistant.ask.evidence.clauses import quote_span
from assistant.ask.evidence.figures import numbers
from assistant.ask.evidence.matching import term_match
from assistant.ask.evidence.scoring import (
    Sentence,
    lead_gap,
    place_quote,
    score_sentence,
)
from assistant.ask.question import analyse
from assistant.ask.tuning import load_tuning
from index.normalize import normalize

T = load_tuning()


def sentence(text: str, lead: str = "", previous: str = "") -> Sentence:
    return Sentence("r", 1, text, normalize(text), "", "", lead, normalize(lead), previous_norm=normalize(previous))


def test_term_match_synonyms_and_abbreviations():
    assert term_match("出庭率", "出庭应诉率达100%", T.match) == 0.9  # a lexicon variant, a little below the word itself
    assert term_match("出庭应诉率", "出庭应诉率达100%", T.match) == 1.0
    assert term_match("纠错率", "行政复议纠正错误率为5%", T.match) == 0.7  # characters in order, nearby
    assert term_match("一把手", "行政机关负责人出庭", T.match) == 0.9
    assert term_match("行政复议", "行政处罚决定书81件", T.match) == 0.0


def test_numbers_skip_years_dates_and_enumerations():
    found = [(n.value, n.unit, n.percent) for n in numbers(normalize("2023年1月9日,一是新收案件共5宗,出庭率达100%,培训十二名执法人员"))]
    assert (5.0, "宗", False) in found and (100.0, "", True) in found and (12.0, "名", False) in found
    assert all(v not in (2023.0, 1.0, 9.0) for v, _, _ in found)


def score(question: str, text: str, previous: str = ""):
    """The sentence `text` (after the sentence `previous`) scored for `question`, every asked word known."""
    q = analyse(question)
    return score_sentence(q, {t: 1.0 for t in q.terms}, sentence(text, previous=previous), set(q.terms), T)


def test_a_rate_must_be_the_asked_rate():
    asked = "哪些单位的行政机关负责人出庭率达到了100%?"
    good = score(asked, "新收行政一审案件共5宗,行政机关负责人出庭率达100%。")
    other = score(asked, "全年案件办结率达100%,群众满意度明显提升。")
    assert good.number and good.object_cov >= 0.5
    assert not other.number or other.object_cov < 0.5


def test_condition_filters_numbers():
    q = analyse("哪些单位的行政机关负责人出庭率达到了100%?")
    ev = score_sentence(q, {t: 1.0 for t in q.terms}, sentence("行政机关负责人出庭率达85%。"), set(q.terms), T)
    assert ev.number is None


def test_count_is_tied_to_the_counted_thing():
    ev = score("有多少名执法人员通过考试并领取了行政执法证?", "组织法律知识考试,12名执法人员通过考试并领取行政执法证。")
    assert ev.number.value == 12 and ev.object_cov >= 0.5
    unrelated = score("收到多少宗行政复议申请?", "共发现各类案件5024件,办结率达100%。")
    assert unrelated.object_cov < 0.5


def test_quotes_are_exact_substrings_and_keep_the_lead():
    long = "与某律师事务所签订了律师顾问协议," + "在重大事项、重大案件办理、签订重要合同等方面积极主动与法律顾问联系," * 3 + "推动工作进程。"
    s = sentence(long, lead="三是完善法律顾问聘任制度,防范风险。")
    q = analyse("哪些报告提到了律师顾问?")
    ev = place_quote(score_sentence(q, {t: 1.0 for t in q.terms}, s, set(q.terms), T), {t: 1.0 for t in q.terms}, T)
    assert ev.quote.startswith("三是完善法律顾问聘任制度") and (s.lead + s.text).startswith(ev.quote)
    start, end = quote_span(sentence(long), (long.index("推动"), long.index("推动") + 2), T.quote.max_chars)
    assert long[start:end] in long and end - start <= 120 and "推动工作进程" in long[start:end]


def test_documents_counted_in_fen_or_jian():
    ev = score("楚雄执法局公示了几份处罚决定?", "今年以来,我局通过门户网站共公示行政处罚决定书81件,召开案件集体讨论会11次。")
    assert ev.number and ev.number.value == 81


def test_a_count_between_1900_and_2099_is_a_count_not_a_year():
    found = [(n.value, n.unit) for n in numbers("本年度共办理占道经营柔性劝导事项2004件,2023年受理投诉12件。")]
    assert found == [(2004.0, "件"), (12.0, "件")]


def test_a_count_of_another_thing_of_the_same_kind_does_not_answer():
    """占道经营柔性劝导事项: 占道 stands in no report, and the sentence lacks 经营 and 柔性, which reports
    use: "共享单车违规停放劝导事项1017件" counts another 劝导事项. The same sentence naming the asked thing
    answers; and when every word is known, a missing one only lowers the coverage as before."""
    from assistant.ask.evidence.decide import qualifies
    from assistant.ask.evidence.matching import weights
    from assistant.ask.evidence.scoring import names_another_thing

    q = analyse("岚岚嵩市城管局2023年共办理占道经营柔性劝导事项多少件?")
    known = {"办理", "经营", "柔性", "劝导", "事项"}
    assert "占道" in q.object_terms and "占道" not in known
    w = weights(q.terms, {t: (3 if t in known else 0) for t in q.terms}, 400, T.match)
    other = sentence("本年度共办理共享单车违规停放劝导事项1017件。")
    asked = sentence("本年度共办理占道经营柔性劝导事项1017件。")
    target = [t for t in q.object_terms if t in known]
    assert names_another_thing(q, target, known, other.norm) and not names_another_thing(q, target, known, asked.norm)
    assert not qualifies(q, score_sentence(q, w, other, known, T), T.decide) \
        and qualifies(q, score_sentence(q, w, asked, known, T), T.decide)
    assert not names_another_thing(q, target, known | {"占道"}, other.norm)  # every word known: not this rule


def test_a_figure_continuing_the_sentence_before_is_linked_to_its_subject_and_preferred():
    """"受理1033件" continues "收到行政复议申请1113件" under a heading on 行政复议案件: its subject stands
    there. Scoring close to a sentence that lacks the asked 受理 ("复议案件共17件"), it is the one chosen."""
    from assistant.ask.evidence.decide import best_sentence
    from assistant.ask.evidence.matching import weights

    q = analyse("通州区2023年受理行政复议案件多少件?")
    known = set(q.terms)
    w = weights(q.terms, {t: 300 for t in q.terms} | {"受理": 40}, 4000, T.match)  # 受理 the rarer word
    section = normalize("一、行政复议案件情况 › (一)基本情况")
    asked_text, other_text = "受理1033件,其中,决定维持435件。", "以区政府为被申请人的复议案件共17件,案件类型涉及信息公开等。"
    asked = Sentence("r", 3, asked_text, normalize(asked_text), section, section,
                     previous_norm=normalize("2023年,区政府共收到行政复议申请1113件,同比增长99.5%。"))
    other = Sentence("r", 4, other_text, normalize(other_text), section, section,
                     previous_norm=normalize("区政府坚持依法应诉。"))
    with_context = score_sentence(q, w, asked, known, T)
    alone = score_sentence(q, w, Sentence("r", 3, asked_text, normalize(asked_text), "", ""), known, T)
    assert with_context.object_cov > alone.object_cov
    chosen = best_sentence(q, [score_sentence(q, w, s, known, T) for s in (asked, other)], known, T.decide)
    assert chosen.number.value == 1033


def test_a_figure_stated_roughly_and_exactly_is_quoted_exactly():
    from assistant.ask.evidence.decide import best_sentence, qualifies
    from assistant.ask.evidence.figures import hedged, rounds_to

    rough, exact = numbers("纠错率约为24%")[0], numbers("纠错率24.2%")[0]
    assert hedged("纠错率约为24%", rough) and not hedged("纠错率24.2%", exact)
    assert hedged("发布信息稿件40余篇", numbers("发布信息稿件40余篇")[0])
    assert rounds_to(exact, rough) and not rounds_to(numbers("纠错率25.2%")[0], rough)
    q = analyse("2023年行政复议案件的直接纠错率是多少?")
    t = load_tuning()
    scored = [score(q.text, "审结的行政复议案件977件中直接纠错236件,直接纠错率约为24%。"),
              score(q.text, "行政复议案件直接纠错236件,直接纠错率24.2%。")]
    assert all(qualifies(q, e, t.decide) for e in scored)
    chosen = best_sentence(q, scored, set(q.terms), t.decide)
    assert "24.2%" in chosen.sentence.text


def test_ordinals_count_nothing_and_thousands_commas_stay_in_the_figure():
    assert numbers("中共中央政治局第十次集体学习") == [] and numbers("第12次会议") == []
    # a quoted name's number is marked with the name's words after it (`fits` asks the question for them)
    assert [(n.value, n.quoted_tail) for n in numbers("聚焦“高效办成一件事”改革,全年产生办件量5.8万件")] == \
        [(1.0, "事"), (58000.0, None)]
    assert [(n.value, n.unit) for n in numbers("办理案件3,200件")] == [(3200.0, "件")]
    assert [n.value for n in numbers("受理40件,审结38件")] == [40.0, 38.0]


def test_a_number_without_a_measure_word_is_no_count_of_the_asked_kind():
    from assistant.ask.evidence.figures import fits

    q = analyse("哪些报告写明了学法的次数?")
    assert not fits(q, numbers("1.强化干部学法")[0]) and fits(q, numbers("会前学法15次")[0])


def test_a_sentence_lacking_the_specific_asked_term_does_not_answer_a_question_in_words():
    from assistant.ask.evidence.decide import qualifies

    q = analyse("行政复议案件")
    other = score(q.text, "在全省首创政法案件线索综合受理督察中心实体化平台。")
    own = score(q.text, "依法办理行政复议案件,纠正违法行政行为。")
    assert other.lacks_specific and not qualifies(q, other, T.decide)
    assert not own.lacks_specific and qualifies(q, own, T.decide)


def test_the_other_things_asked_of_the_best_report_stay_however_they_score():
    from assistant.ask.evidence.decide import decide

    q = analyse("甲镇2023年是哪两天召开专题学法会的?")
    high, low = score(q.text, "3月12日召开专题学法会。"), score(q.text, "9月30日再次召开会议,专题学习法律。")
    low.score = 0.5 * high.score  # the report's second asked thing, worded away from the question
    decision = decide(q, [high, low], T.decide)
    assert decision.status == "answered" and decision.found == [high, low]


def test_between_figures_that_link_equally_the_one_its_own_asked_word_leads_wins():
    q = analyse("审结行政复议案件多少件?")
    norm = "全年受理行政复议申请52件,审结50件,纠错率12.0%。"
    first, second = numbers(norm)[:2]
    assert lead_gap(q, norm, second) < lead_gap(q, norm, first)  # 审结 right before 50


def test_a_figure_of_another_kind_of_the_asked_measure_does_not_answer():
    """受理 and 审结, 行政复议 and 行政诉讼 are kinds of one measure (prompts/contrasts.txt): a figure whose
    own clause states another kind, and not the asked one, answers something else. Where the sentence
    states the asked kind too, its figure answers."""
    from assistant.ask.evidence.decide import qualifies

    closed = "全市复议机关2023年审结行政复议案件多少件?"
    only_received = score(closed, "全年共受理行政复议案件157件。")
    both = score(closed, "全年共受理行政复议案件160件,审结157件。")
    assert only_received.other_kind and not qualifies(analyse(closed), only_received, T.decide)
    assert not both.other_kind and both.number.value == 157 and qualifies(analyse(closed), both, T.decide)
    lawsuits = "2024年共收到行政诉讼申请多少宗?"
    assert score(lawsuits, "2024年复议机关共收到行政复议案件申请2929宗。").other_kind
    assert not score("受理和审结行政复议案件分别多少件?", "全年共受理行政复议案件157件。").other_kind


def test_a_lecture_is_no_exam_and_a_level_no_change():
    """讲座 is a kind of its own beside 培训, 考试 and 学法 (prompts/contrasts.txt); a change asked ("增长了多少")
    is answered by a figure stated as a change, never by a level."""
    exam = "叶城县2023年全县干部参加专题考试,一共有多少人次应考?"
    assert score(exam, "参加专题法治讲座36期,全县各级领导干部累计参加人数达15万余人次。").other_kind
    assert not score(exam, "全县各级干部参加专题考试6场次,累计参考人数32886人。").other_kind
    growth = "长春市政数局2024年归集的信用信息比上年增长了多少?"
    assert score(growth, "累计归集信用信息45.6亿条。").other_kind
    assert not score(growth, "累计归集信用信息45.6亿条,同比增长12.5%。").other_kind


def test_the_kind_of_a_figure_is_read_in_its_own_clause():
    """"集体学法6次,举办…法治培训、讲座2期": asked how many trainings, the 6 is of 学法, the 2 of 培训."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("县政府常务会集体培训多少次?")
    ev = score(q.text, "县政府常务会集体学法6次,举办领导干部专题法治培训、讲座2期,法律素养全面提高。")
    assert not (qualifies(q, ev, T.decide) and ev.number.value == 6)


def test_a_named_procedure_asked_must_stand_by_the_figure():
    """备案审查, written together in the reports, is what was done to the 文件 counted: "发布行政规范性
    文件指导性案例4批8件" does not answer how many were 备案审查. Light verbs (举办/开展) stay out."""
    from assistant.ask.evidence.decide import action_pairs

    q = analyse("2023年备案审查了多少件行政规范性文件?")
    assert action_pairs(q, lambda text: text == "备案审查") == [("备案", "审查")]
    assert action_pairs(q, lambda text: False) == []  # the reports never write the two together
    assert action_pairs(analyse("2023年举办法治宣传活动多少场?"), lambda text: True) == []


def test_the_modifier_of_a_rate_may_be_the_subject_its_sentence_opens_with():
    """"提升行政复议工作水平,全年受理…129件,审结122件,纠错率18.6%": the clauses share 行政复议."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("静海区2023年行政复议纠错率是多少?")
    ev = score(q.text, "全面提升行政复议工作水平,全年受理行政复议申请129件,审结122件,纠错率18.6%。")
    assert qualifies(q, ev, T.decide) and ev.number.value == 18.6


def test_a_figure_whose_sentence_names_nothing_asked_does_not_answer():
    """Only the sentence before names 行政复议 and 纠错: "承办案件53件…零败诉" counts lawsuits, not corrections;
    "受理1033件" after "收到行政复议申请1113件" names the asked 受理 itself and answers."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("静海区2023年行政复议纠错多少件?")
    ev = score(q.text, "承办案件53件,46起案件已判决或裁定,继续保持“零败诉”。", previous="全年受理行政复议申请129件,审结122件,纠错率18.6%。")
    assert ev.unnamed and not qualifies(q, ev, T.decide)
    assert not score("通州区2023年受理行政复议申请多少件?", "受理1033件。", previous="共收到行政复议申请1113件。").unnamed


def test_a_year_a_figure_is_compared_with_is_not_the_figures_year():
    from assistant.ask.evidence.figures import year_stated

    text = normalize("2024年,全市行政机关办理一审行政应诉案件1882件,比2023年上升2.8%。")
    assert year_stated(text, "2024年") and not year_stated(text, "2023年")
    assert not year_stated(normalize("较2022年增长5%"), "2022年") and not year_stated(normalize("与2023年相比"), "2023年")
    assert year_stated(normalize("2022年和2023年分别受理50件、60件"), "2023年")


def test_a_change_stated_against_a_year_is_read_after_its_figure():
    from assistant.ask.evidence.figures import stated_change

    text = normalize("2024年,全市行政机关办理一审行政应诉案件1882件,比2023年上升2.8%。")
    n = next(x for x in numbers(text) if x.value == 1882)
    assert stated_change(text, n, 2023, 2024) == "上升2.8%" and stated_change(text, n, 2022, 2024) is None
    text = normalize("全年受理行政复议案件120件,同比下降5%。")
    assert stated_change(text, numbers(text)[0], 2022, 2023) == "下降5%"  # 同比: against the year before
    assert stated_change(text, numbers(text)[0], 2021, 2023) is None


def test_a_figure_after_the_sentence_stating_the_asked_kind_is_not_that_kind():
    """"…审结122件,纠错率18.6%。承办案件53件,…零败诉": 审结 is said of a figure itself, and the sentence
    before states it: the 53 is not the count of 审结 cases. A topic (行政复议) may come from before."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("静海区2023年审结行政复议案件多少件?")
    ev = score(q.text, "承办案件53件,46起案件已判决或裁定,继续保持“零败诉”。", previous="全年受理行政复议申请129件,审结122件。")
    assert ev.kind_before and not qualifies(q, ev, T.decide)
    assert not score("通州区2023年受理行政复议申请多少件?", "受理1033件。", previous="共收到行政复议申请1113件。").kind_before


def test_a_figure_stated_of_another_year_is_not_the_asked_years():
    """"2022年中央污染防治攻坚战…全国排名第10位" in a 2023 report is 2022's; a year inside the named thing
    ("命名2022年…模范单位404个") is no time of the statement."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("湖南2023年在全国排名第几?")
    ev = score(q.text, "2022年中央污染防治攻坚战成效考核结果优秀,全国排名第10位。")
    assert ev.other_year and not qualifies(q, ev, T.decide)
    assert not score("昌都市2023年命名了多少个模范单位?", "全市共命名2022年昌都市民族团结进步模范单位404个。").other_year
    assert not score("中山市2024年一审行政应诉案件多少件?", "2024年,一审行政应诉案件1882件,比2023年上升2.8%。").other_year


def test_a_rank_asked_is_answered_only_by_a_rank():
    from assistant.ask.evidence.decide import qualifies

    q = analyse("湖南在全国污染防治攻坚战考核中排第几?")
    assert q.wants_ordinal and not q.wants_number
    assert qualifies(q, score(q.text, "污染防治攻坚战成效考核结果优秀,全国排名第10位。"), T.decide)
    assert not qualifies(q, score(q.text, "在全国污染防治攻坚战考核工作会议上作交流发言。"), T.decide)


def test_a_kind_of_thing_the_question_names_must_stand_in_the_sentence():
    """行政诉讼 is a kind of case the reports name as such: "审查案件248起" counts no 行政诉讼 cases."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("兴国县2022年行政诉讼案件有多少起?")
    ev = score(q.text, "全年开展行政执法案卷评查2次,审查案件248起。")
    assert ev.lacks_kind and not qualifies(q, ev, T.decide)
    assert not score(q.text, "全年办理行政应诉案件35起。").lacks_kind


def test_the_start_of_a_sentence_says_whose_figure_its_own_clause_names():
    q = analyse("叶城县2023年全县各级干部参加专题考试的累计参考人数是多少?")
    ev = score(q.text, "2023年全县各级干部参加专题考试6场次,累计参考单位583个,累计参考人数32886人,参考率在80%以上。")
    assert ev.number is not None and ev.number.value == 32886


def test_a_specific_term_no_report_uses_names_nothing_stated():
    """"经济损失" is in no report: the figures of "组建43个律师团队,走访企业145次" count other things."""
    from assistant.ask.evidence.decide import qualifies

    q = analyse("鞍山市2023年组建的律师团队为企业挽回了多少经济损失?")
    known = {t for t in q.terms if t != "经济损失"}
    ev = score_sentence(q, {t: 1.0 for t in q.terms}, sentence("组建43个律师团队,走访企业145次,解决企业问题146个。"), known, T)
    assert not qualifies(q, ev, T.decide)


def test_a_number_inside_a_quoted_name_is_asked_only_with_the_name():
    from assistant.ask.evidence.figures import fits

    named = numbers("深化“四位一体”法治建设,聚焦“高效办成一件事”改革")
    assert fits(analyse("深化的是几位一体的法治建设?"), named[0])
    assert not fits(analyse("跨地区办成的事项有多少件?"), named[1])


def test_a_figure_of_several_kinds_together_is_not_one_kinds():
    from assistant.ask.evidence.scoring import other_kind_figure

    q = analyse("某市2023年公布的权责事项中,行政处罚类有多少项?")
    norm = "公布市级3435项行政权责事项,包含行政许可、行政处罚等10项职权类型。"
    assert all(other_kind_figure(q, norm, n) for n in numbers(norm))  # the total, and the number of kinds
    norm = "办理行政许可412件,办理行政处罚案件37件。"
    assert [other_kind_figure(q, norm, n) for n in numbers(norm)] == [True, False]


def test_a_count_noun_typed_as_a_keyword_asks_a_number():
    assert analyse("日喀则 2023 权责事项 行政处罚 项数").wants_number


def test_a_figure_of_its_own_item_does_not_count_the_figureless_thing_beside_it():
    """"下放118项市级行政权力,向城市副中心下放第二批赋权事项": the 118 counts 市级行政权力, the next clause names
    the asked 赋权事项 with no figure; in "集中学习20次、专题学习6次、培训" no figure is the 培训's. A figure said
    of the items before it ("覆盖率、及时率100%") or of the subject in the clause before ("大讲堂自开班以来,
    已成功举办38期") still answers."""
    from assistant.ask.evidence.decide import qualifies

    def answers(question, text):
        q = analyse(question)
        ev = score(question, text)
        return ev.number is not None and not ev.other_kind and qualifies(q, ev, T.decide)

    assert not answers("北京市2021年向城市副中心下放的第二批赋权事项共有多少项?",
                       "向自贸区组团所在区及相关开发区下放118项市级行政权力,向城市副中心下放第二批赋权事项。")
    assert not answers("老军乡2025年组织乡村社干部参加了多少次培训?",
                       "组织乡村社干部开展集中学习20次、专题学习6次、培训")
    assert answers("“互联网+监管”事项覆盖率是多少?", "“互联网+监管”事项覆盖率、及时率100%。")
    assert answers("生态环保大讲堂开班以来办了多少期?", "生态环保大讲堂自开班以来,已成功举办38期,有效夯实干部职工法治素养。")
    assert answers("考试参考率和合格率是多少?", "组织开展新提任领导干部任前考法,考试参考率、合格率均达100%。")


def test_an_amount_in_dollars_is_a_figure():
    assert [(n.value, n.unit) for n in numbers(normalize("实际利用外资1.98亿美元,同比增长149.6%"))][0] == (1.98e8, "美元")


def test_a_number_in_a_documents_title_names_the_document():
    """"创新制定《…督察20条》" states no count of anything done: the 20 is the title's."""
    from assistant.ask.evidence.figures import fits

    q = analyse("吉林市2022年共有多少个行政执法部门被纳入管理系统?")
    assert not any(fits(q, n) for n in numbers(normalize("创新制定《行政检查执法备案智能管理改革工作督察20条》,提升质量。")))
    assert fits(q, numbers(normalize("全市已有196个行政执法部门纳入管理"))[0])


def test_working_days_answer_days_and_administrative_agreements_are_contracts():
    from assistant.ask.evidence.figures import fits

    q = analyse("项目审批总时限压缩到多少天?")
    assert fits(q, numbers(normalize("将项目审批总时限压缩至100个工作日以内"))[0])
    assert term_match("行政协议", "街道全年共签订行政合同15份", T.match) > 0


def test_an_anniversary_counts_years():
    from assistant.ask.evidence.figures import fits

    q = analyse("审计署开研讨会纪念审计法出台满多少年?")
    hit = numbers(normalize("举办纪念审计法颁布30周年专题研讨会"))[0]
    assert hit.value == 30 and hit.unit == "周年" and fits(q, hit)
    assert not any(fits(analyse("一共办了多少场?"), n) for n in numbers(normalize("举办纪念审计法颁布30周年专题研讨会")))


def test_each_of_several_things_asked_keeps_its_kind():
    """"会前培训多少次、会前学法多少次": "会前学法20次" counts 学法, not the 培训 asked first; 公职律师 are not
    法律顾问 (two institutions, though reports name them together)."""
    from assistant.ask.evidence.scoring import item_figure

    q = analyse("香坊区2023年开展区委常委会会前培训多少次、常务会会前学法多少次?")
    norm = normalize("全年共开展区委常委会会前学法20次、常务会会前学法9次")
    known = {w for item in q.items for w in item.words}
    assert item_figure(q.items[0], {}, norm, known, T) is None
    assert item_figure(q.items[1], {}, norm, known, T) is not None
    assert term_match("公职律师", "为辖区11个社区配备了兼职法律顾问", T.match) == 0.0


def test_a_quoted_phrase_is_found_as_typed_or_with_a_word_dropped():
    from assistant.ask.evidence.matching import quoted_in

    text = "打造线上线下融合“30分钟公共法律服务圈”,提供法律咨询7000余人次。"
    assert quoted_in("30分钟服务圈", text) and quoted_in("公共法律服务圈", text)
    assert not quoted_in("服务圈30分钟", text)  # reordered: another phrase
    assert not quoted_in("一个窗口全办结", "一窗通办率达95.5%")  # too far apart
    assert not quoted_in("放管", "管放")
