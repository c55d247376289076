"""index.clean: chrome removed, metadata read, report text kept character for character."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.clean import iso_date, strip_chrome

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"


def clean_report(name: str) -> tuple[str, dict, str]:
    original = (REPORTS / name).read_text(encoding="utf-8")
    body, hints = strip_chrome(original)
    return body, hints, original


def removed_lines(original: str, body: str) -> list[str]:
    kept = set(body.split("\n"))
    return [line.strip() for line in original.split("\n") if line.strip() and line.strip() not in kept]


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_kept_lines_are_original_lines_in_order(name):
    body, _, original = clean_report(name)
    stripped = [line.strip() for line in original.split("\n")]
    position = 0
    for line in body.split("\n"):
        position = stripped.index(line, position) + 1  # raises if a line was altered
    assert "\n\n\n" not in body and body == body.strip("\n")
    assert all(line == line.strip() for line in body.split("\n"))


def test_zengcheng():
    body, hints, original = clean_report("zengcheng-chengguan-2023.txt")
    assert hints == {"published": "2024-01-09", "source_line": "广州市增城区城市管理和综合执法局"}
    assert removed_lines(original, body) == ["• 长者助手", "• 无障碍", "2024-01-09 来源: 广州市增城区城市管理和综合执法局",
                                             "【字号: 分享", "相关附件", "相关新闻"]
    assert body.startswith("广州市增城区城市管理和综合执法局关于2023年度法治政府建设情况的报告\n\n2023年,")
    assert body.endswith("制作典型案例汇编。\n\n广州市增城区城市管理和综合执法局\n\n2024年1月9日")


def test_huadu():
    body, hints, original = clean_report("huadu-district-2023.txt")
    assert hints == {"published": "2024-01-04", "source_line": "花都区司法局"}
    assert removed_lines(original, body) == [
        "headerBg",
        "发布日期:2024-01-04 16:49\xa0\xa0\xa0\xa0文章来源:花都区司法局\xa0\xa0 \xa0\xa0【\xa0字体:\xa0\xa0\xa0】\xa0\xa0访问量: -",
        "相关附件:", "分享到:"]
    assert body.startswith("广州市花都区人民政府关于2023年度法治政府建设情况的报告\n\n2023年,花都区")


def test_hangzhou():
    body, hints, original = clean_report("hangzhou-chengguan-2023.txt")
    assert hints == {"published": "2023-12-20", "source_line": "政策法规处"}
    assert removed_lines(original, body) == ["发布时间:2023-12-20 10:27浏览次数:来源:政策法规处"]
    assert body.startswith("杭州市城管局2023年法治政府建设年度报告\n\n2023年是全面贯彻")


def test_yaodian_traditional():
    body, hints, original = clean_report("district-chengguan-yaodian-2022.txt")
    assert hints == {"published": "2022-09-08"}
    removed = removed_lines(original, body)
    assert removed[0] == "時間:2022-09-08 10:52:42"
    assert removed[1].startswith("導語:區城管依法行政要點一文來源于網友上傳,不代表本站觀點")
    assert removed[2:] == ["- 上一篇:城市管理翻身仗實施方案", "- 下一篇:城管法律知識學習和行政執法培訓工作要點"]
    assert body.startswith("區城管依法行政要點\n一、著力強化依法行政意識\n1.加強憲法宣傳教育。")
    assert body.endswith("切實解決人民群眾通過信訪舉報反映的問題。")


def test_chuxiong_has_no_chrome():
    body, hints, original = clean_report("chuxiong-zonghe-zhifa-2024.txt")
    assert hints == {}
    assert body == original.strip()


SYNTHETIC_PAGE = """\
   您当前的位置：首页 > 政务公开 > 法治政府建设
 简体 | 繁體 | 无障碍 | 长者模式
关于2023年度法治政府建设工作情况的报告
發佈時間：2024年1月15日 09:30　　信息来源：某某市人民政府办公室　　作者：张三
【大 中 小】 【打印本页】 【关闭窗口】

　　2023年，我市深入学习贯彻习近平法治思想，扎实推进法治政府建设，现报告如下。
一、主要举措
　　（一）完善依法决策机制。本年度共审查重大行政决策12件，来源：各部门报送的议题，时间：全年。
来源：市司法局统计（本行为正文中的数据说明，须保留）

　　（二）严格规范公正文明执法。全市行政机关负责人出庭应诉率达100%，行政复议纠错率为8.5%。



某某市人民政府
2024年1月10日
上一篇：关于2022年度法治政府建设情况的报告
下一篇：无
分享到： 微信 微博 QQ空间
扫一扫在手机上打开当前页
主办单位：某某市人民政府办公室　网站标识码：1234000001　粤ICP备12345678号
"""


def test_synthetic_page():
    body, hints = strip_chrome(SYNTHETIC_PAGE)
    assert hints == {"published": "2024-01-15", "source_line": "某某市人民政府办公室"}
    assert body.split("\n") == [
        "关于2023年度法治政府建设工作情况的报告",
        "",
        "2023年，我市深入学习贯彻习近平法治思想，扎实推进法治政府建设，现报告如下。",
        "一、主要举措",
        "（一）完善依法决策机制。本年度共审查重大行政决策12件，来源：各部门报送的议题，时间：全年。",
        "来源：市司法局统计（本行为正文中的数据说明，须保留）",
        "",
        "（二）严格规范公正文明执法。全市行政机关负责人出庭应诉率达100%，行政复议纠错率为8.5%。",
        "",
        "某某市人民政府",
        "2024年1月10日",
    ]


def test_metadata_below_the_body_is_removed_and_read():
    text = "标题\n正文第一段，内容足够长，用来确定正文的范围，这里再写一些文字凑够四十个字符长度。\n来源：区司法局\n"
    assert strip_chrome(text) == ("标题\n正文第一段，内容足够长，用来确定正文的范围，这里再写一些文字凑够四十个字符长度。",
                                  {"source_line": "区司法局"})


def test_text_without_chrome_is_unchanged_except_whitespace():
    text = "  标题  \r\n\n\n\n  第一段。\t\n\u3000\u3000第二段。\n\n"
    assert strip_chrome(text.replace("\r\n", "\n")) == ("标题\n\n第一段。\n第二段。", {})


def test_a_source_that_is_not_an_organisation_name_is_skipped():
    _, hints = strip_chrome("标题\n2024-01-09 来源: http://example.com\n正文。")
    assert hints == {"published": "2024-01-09"}


@pytest.mark.parametrize("text, expected", [
    ("2024-01-09", "2024-01-09"), ("发布时间:2023-12-20 10:27", "2023-12-20"),
    ("2024年1月9日", "2024-01-09"), ("2024/1/9", "2024-01-09"), ("2024.01.09", "2024-01-09"),
    ("2023-12-20T10:27:00+08:00", "2023-12-20"), ("2023-13-45 then 2023-02-03", "2023-02-03"),
    ("访问量: -", None), ("1024-01-01", None),
])
def test_iso_date(text, expected):
    assert iso_date(text) == expected
