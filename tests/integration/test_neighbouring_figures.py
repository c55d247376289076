"""Near misses a second probe set wrote (session 19), each refused with what the reports do say: a city asked when
only a district inside it reported, a count asked where only a change in 个百分点 stands, a rate's level asked where
only its change stands, the date of another event than the one asked, and a part of a total the question gives
when the report breaks down another total, a body's name asked where none is named. The same words with the figure asked stay answered. Real place names,
invented texts."""
from __future__ import annotations

import pytest

from tests.conftest import ask_checked, index_written

WRITTEN = {
    "xialu-2024.txt": "黄石市下陆区2024年法治政府建设年度报告\n2024年,下陆区坚持依法行政。"
                      "挂牌成立行政争议化解工作室,全年化解行政争议9件。\n",
    "zengcheng-2023.txt": "广州市公安局增城区分局2023年法治政府建设年度报告\n2023年,增城区分局坚持依法行政。"
                          "全区刑事立案数同比下降13.4%,刑事案件破案率同比增加7.6个百分点。\n",
    "urumqi-2024.txt": "乌鲁木齐市2024年法治政府建设年度报告\n2024年,乌鲁木齐市坚持依法行政。"
                       "“法治讲堂·逢九必讲”法治培训参学率同比增长12.2%。\n",
    "baoshan-2023.txt": "保山市2023年法治政府建设年度报告\n2023年,保山市坚持依法行政。"
                        "《保山市水源地保护条例》经市人大常委会会议通过、省人大常委会会议批准,2024年1月1日公布施行。\n",
    "tongzhou-2023.txt": "北京市通州区2023年法治政府建设年度报告\n2023年,通州区坚持依法行政。区政府审结的复议案件977件,"
                         "其中行政强制类案件164件,信息公开类案件22件。以区政府为被申请人的复议案件共17件。区政府聘请北京天达律师事务所担任法律顾问。\n",
    "jinlong-2022.txt": "泉州市鲤城区金龙街道2022年法治政府建设年度报告\n2022年,金龙街道坚持依法行政。"
                        "为辖区11个社区配备了兼职法律顾问。\n",
    "changdu-2023.txt": "昌都市2023年法治政府建设年度报告\n2023年,我市共举办了法治政府建设暨依法行政、行政复议培训班2次,"
                        "参训人员近200人。\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return index_written(tmp_path_factory, WRITTEN, indexed=7)


@pytest.mark.integration
def test_a_city_asked_when_only_a_district_inside_it_reported_is_not_found_with_the_districts_figure(service):
    answer = ask_checked(service, "黄石市2024年全年化解行政争议多少件?")
    assert answer.status == "not_found" and "黄石市" in answer.answer and "9件" in answer.answer
    assert "下陆区" in answer.answer and "不是黄石市全部的数字" in answer.answer


@pytest.mark.integration
def test_the_district_asked_by_its_own_name_is_answered(service):
    answer = ask_checked(service, "下陆区2024年全年化解行政争议多少件?")
    assert answer.status == "answered" and "9件" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["广州市公安局增城区分局2023年刑事立案数是多少起?",
                                      "乌鲁木齐市2024年“法治讲堂·逢九必讲”法治培训的参学率是多少?",
                                      "《保山市水源地保护条例》是哪一天经市人大常委会会议通过的?",
                                      "2023年以通州区政府为被申请人的17件复议案件中,信息公开类有多少件?"])
def test_a_neighbouring_figure_is_no_answer(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize("question, figure", [("乌鲁木齐市2024年法治培训参学率同比增长了多少?", "12.2%"),
                                              ("增城区分局2023年刑事案件破案率提高了几个百分点?", "7.6"),
                                              ("《保山市水源地保护条例》哪一天起施行?", "2024年1月1日"),
                                              ("通州区2023年审结的977件复议案件中,信息公开类有多少件?", "22件")])
def test_the_figure_asked_in_its_own_words_is_answered(service, question, figure):
    answer = ask_checked(service, question)
    assert answer.status == "answered" and figure in answer.answer


@pytest.mark.integration
def test_the_body_whose_name_is_asked_must_be_named(service):
    refused = ask_checked(service, "金龙街道社区法律顾问是哪个律所的?")
    assert refused.status == "not_found"
    answer = ask_checked(service, "通州区2023年聘请哪家律所担任法律顾问?")
    assert answer.status == "answered" and "天达律师事务所" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize("question", ["昌都市2023年举办的两次法治培训班各有多少人参训?",
                                      "昌都市2023年办的两个法治培训班,每个班分别培训了多少学员?"])
def test_each_of_two_asked_where_only_their_total_stands_is_not_found(service, question):
    answer = ask_checked(service, question)
    assert answer.status == "not_found"


@pytest.mark.integration
def test_their_total_asked_is_answered(service):
    answer = ask_checked(service, "昌都市2023年举办法治培训班共多少人参训?")
    assert answer.status == "answered" and "200" in answer.answer
