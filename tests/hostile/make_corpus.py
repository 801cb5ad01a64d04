"""Write the hostile corpus of small files into a folder (tests/hostile/ by default).

Each file is one way a city file or a plan edit can be broken or malicious. `expected()`
says which problem codes each must produce. Run `python tests/hostile/make_corpus.py` to
regenerate; a test checks that the committed files are what this script writes.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

H = "target_id,region,as_of,value,unit,source\n"
OK = "small_to_large_firms,宁波市,2019-12-31,300,家,市经信局\n"
ESC = "\x1b"
PLAN_HEAD = """\
plan:
  doc_number: X〔2018〕1号
  title: 测试方案
  title_en: A test plan
  issuer: 测试
  issued: 2018-01-23
  start: 2018-01-01
  deadline: 2020-12-31
regions:
  - {name: 浙江省, short: 浙江, pinyin: Zhejiang, level: province}
  - {name: 宁波市, short: 宁波, pinyin: Ningbo, level: city}
targets:
  - id: small_to_large_firms
    section: 二(十二)
    name_zh: 小升规
    name_en: Firms
    comparator: reach
    value: 8000
    unit: 家
    measure: new
    aggregate: sum
    owners: [省经信委]
    quote: 新增“小升规”企业8000家
"""


def csv(body: str, encoding: str = "utf-8") -> bytes:
    return (H + body).encode(encoding)


def corpus() -> dict[str, bytes]:
    files: dict[str, bytes] = {
        # encodings
        "progress-utf8-bom.csv": codecs.BOM_UTF8 + csv(OK),
        "progress-gb18030.csv": csv(OK, "gb18030"),
        "progress-utf16-bom.csv": csv(OK, "utf-16"),
        "progress-utf16-no-bom.csv": csv(OK, "utf-16-le"),
        "progress-mixed-utf8-gbk.csv": csv(OK)
        + "small_to_large_firms,杭州市,2019-12-31,200,家,杭州\n".encode("gbk"),
        "progress-invalid-bytes.csv": csv(OK) + b"small_to_large_firms,\xff\xfe\xfa,2019,1,,x\n",
        "progress-nul-bytes.csv": csv("small_to_large_firms,宁波市,2019,3\x0000,家,x\n"),
        "progress-only-bom.csv": codecs.BOM_UTF8,
        # CSV structure
        "progress-empty.csv": b"",
        "progress-only-newlines.csv": b"\n\n\n\r\n",
        "progress-header-only.csv": H.encode(),
        "progress-huge-field.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家," + "x" * 200_000 + "\n" + OK
        ),
        "progress-unterminated-quote.csv": csv('small_to_large_firms,宁波市,2019,"300,家,x\n' + OK),
        "progress-ragged-short.csv": csv("small_to_large_firms,宁波市\n" + OK),
        "progress-ragged-long.csv": csv("small_to_large_firms,宁波市,2019,300,家,x,extra,cells\n"),
        "progress-duplicate-header.csv": b"target_id,region,as_of,value,value\n" + OK.encode(),
        "progress-empty-header-names.csv": b"target_id,,region,,as_of,value\nsmall_to_large_firms,,\xe5\xae\x81\xe6\xb3\xa2,,2019,3\n",
        "progress-cr-only.csv": csv(OK.replace("\n", "\r")).replace(b"\n", b"\r"),
        "progress-semicolon.csv": b"target_id;region;as_of;value\nsmall_to_large_firms;\xe5\xae\x81\xe6\xb3\xa2;2019;300\n",
        "progress-tab-separated.csv": b"target_id\tregion\tas_of\tvalue\nsmall_to_large_firms\tNingbo\t2019\t300\n",
        "progress-many-columns.csv": (
            H.rstrip("\n") + "".join(f",c{i}" for i in range(5000)) + "\n" + OK
        ).encode(),
        "progress-long-region.csv": csv("small_to_large_firms," + "宁" * 10_000 + ",2019,1,家,x\n"),
        # cells
        "progress-cells.csv": csv(
            "".join(
                f"small_to_large_firms,宁波市,{2000 + i}-12-31,{v},家,x\n"
                for i, v in enumerate(
                    [
                        '"1,234"',
                        "10万",
                        "1.5万",
                        "N/A",
                        "-",
                        "",
                        " 12 ",
                        "1e309",
                        "nan",
                        "inf",
                        "\u22125",
                        "１２３",
                        "1_000",
                        "5abc",
                        "-3",
                        "１０万家",
                    ]
                )
            )
        ),
        "progress-dates.csv": csv(
            "small_to_large_firms,宁波市,2019-02-30,1,家,x\n"
            "small_to_large_firms,宁波市,2099-01-01,1,家,x\n"
            "small_to_large_firms,宁波市,1899-12-31,1,家,x\n"
            "small_to_large_firms,宁波市,yesterday,1,家,x\n"
            "small_to_large_firms,宁波市,2019Q5,1,家,x\n"
        ),
        "progress-unknowns.csv": csv(
            "robots,宁波市,2019,1,,x\nsmall_to_large_firms,上海市,2019,1,,x\n"
            "small_to_large_firms,../../etc/passwd,2019,1,,x\n"
        ),
        "progress-conflict.csv": csv(OK + OK.replace(",300,", ",310,") + OK),
        "progress-huge-number.csv": csv(
            "small_to_large_firms,宁波市,2019,99999999999999999999,家,x\n"
        ),
        # text that reaches a terminal or a report
        "progress-rich-markup.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家,[bold red]red[/] [link=file:///etc/passwd]x[/link] 杭州[/]\n"
            "[bold]small_to_large_firms[/bold],宁波市,2019,1,家,x\n"
        ),
        "progress-ansi.csv": csv(
            f"small_to_large_firms,宁波市,2019,300,家,{ESC}[2J{ESC}[31mred{ESC}[0m\n"
            f"small_to_large_firms{ESC}[2J,宁波市,2019,1,家,x\n"
        ),
        "progress-osc.csv": csv(
            f"small_to_large_firms,宁波市,2019,300,家,{ESC}]8;;http://evil/{ESC}\\\\link{ESC}]8;;{ESC}\\\\\n"
            f"small_to_large_firms,杭州市,2019,300,家,{ESC}]0;pwned title\x07\n"
            f"small_to_large_firms,温州市,2019,300,家,{ESC}]52;c;cm0gLXJmIH4=\x07\n"
        ),
        "progress-c1-controls.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家,a\x9b2Jb\x85c\x07d\n"
        ),
        "progress-bidi.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家,\u202eevil.exe\u202c\n"
            "small_to_large_firms,\u202e宁波市,2019,1,家,x\n"
        ),
        "progress-zero-width.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家,a\u200bb\ufeffc\u2060d\n"
            "small_to_large\u200b_firms,宁波市,2019,1,家,x\n"
        ),
        "progress-formula.csv": csv(
            'small_to_large_firms,宁波市,2019,300,家,=HYPERLINK("http://evil";"x")\n'
            "small_to_large_firms,杭州市,2019,300,家,+cmd|' /C calc'!A0\n"
            "small_to_large_firms,温州市,2019,300,家,@SUM(1+1)\n"
            "small_to_large_firms,嘉兴市,2019,300,家,-2+3\n"
        ),
        "progress-html.csv": csv(
            "small_to_large_firms,宁波市,2019,300,家,<script>alert(1)</script>\n"
            'small_to_large_firms,杭州市,2019,300,家,"<img src=x onerror=alert(1)>"\n'
            "small_to_large_firms,温州市,2019,300,家,javascript:alert(1)\n"
            "small_to_large_firms,嘉兴市,2019,300,家,\"]]><!ENTITY x SYSTEM 'file:///etc/passwd'>\"\n"
        ),
        "progress-newlines-in-cells.csv": csv(
            'small_to_large_firms,宁波市,2019,300,家,"line1\nline2|pipe"\n'
        ),
        # plans
        "plan-alias-bomb.yaml": (
            PLAN_HEAD
            + "x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + "".join(
                f"x{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 9)}]\n"
                for i in range(9)
            )
        ).encode(),
        "plan-duplicate-key.yaml": (PLAN_HEAD + "    value: 9000\n").encode(),
        "plan-yaml11.yaml": PLAN_HEAD.replace("value: 8000", "value: 010")
        .replace("measure: new", "measure: no")
        .encode(),
        "plan-python-tag.yaml": (
            PLAN_HEAD + "extra: !!python/object/apply:os.system ['echo pwned']\n"
        ).encode(),
        "plan-binary-tag.yaml": PLAN_HEAD.replace(
            "quote: 新增", "quote: !!binary aGk=\n    note: 新增"
        ).encode(),
        "plan-set-tag.yaml": PLAN_HEAD.replace(
            "owners: [省经信委]", "owners: !!set {省经信委}"
        ).encode(),
        "plan-tabs.yaml": PLAN_HEAD.replace("    unit: 家", "\tunit: 家").encode(),
        "plan-deep.yaml": (PLAN_HEAD + "deep: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        "plan-inf-nan.yaml": PLAN_HEAD.replace("value: 8000", "value: .inf").encode(),
        "plan-bad-date.yaml": PLAN_HEAD.replace(
            "issued: 2018-01-23", "issued: 2024-02-30"
        ).encode(),
        "plan-huge-int.yaml": PLAN_HEAD.replace("value: 8000", "value: " + "9" * 5000).encode(),
        "plan-not-utf8.yaml": PLAN_HEAD.encode("gbk"),
        "plan-empty.yaml": b"",
        "plan-region-traversal.yaml": PLAN_HEAD.replace(
            "pinyin: Ningbo", "pinyin: ../../etc"
        ).encode(),
        "plan-hostile-names.yaml": PLAN_HEAD.replace(
            "name_zh: 小升规", 'name_zh: "\\e[31m小升规\\e]0;title\\a[bold]x[/] \\u202e"'
        )
        .replace("doc_number: X〔2018〕1号", 'doc_number: "[link=file:///etc]X[/link]\\e[2J"')
        .encode(),
    }
    return files


# The codes each file must produce (at least these); a valid file maps to an empty set.
EXPECTED: dict[str, set[str]] = {
    "progress-utf8-bom.csv": set(),
    "progress-gb18030.csv": set(),
    "progress-utf16-bom.csv": set(),
    "progress-utf16-no-bom.csv": {"binary-file"},
    "progress-mixed-utf8-gbk.csv": {"mixed-encoding"},
    "progress-invalid-bytes.csv": {"bad-encoding"},
    "progress-nul-bytes.csv": {"binary-file"},
    "progress-only-bom.csv": {"empty-file"},
    "progress-empty.csv": {"empty-file"},
    "progress-only-newlines.csv": {"empty-file"},
    "progress-header-only.csv": set(),
    "progress-huge-field.csv": {"cell-too-long"},
    "progress-unterminated-quote.csv": {"bad-csv"},
    "progress-ragged-short.csv": {"ragged-row"},
    "progress-ragged-long.csv": {"ragged-row"},
    "progress-duplicate-header.csv": {"duplicate-column"},
    "progress-empty-header-names.csv": set(),
    "progress-cr-only.csv": set(),
    "progress-semicolon.csv": set(),
    "progress-tab-separated.csv": set(),
    "progress-many-columns.csv": {"unknown-column"},
    "progress-long-region.csv": {"unknown-region"},
    "progress-cells.csv": {"not-reported", "not-a-number", "unit-mismatch", "negative-value"},
    "progress-dates.csv": {"bad-date", "date-in-future", "date-too-old"},
    "progress-unknowns.csv": {"unknown-target", "unknown-region"},
    "progress-conflict.csv": {"conflicting-value", "duplicate-row"},
    "progress-huge-number.csv": {"not-a-number"},
    "progress-rich-markup.csv": {"unknown-target"},
    "progress-ansi.csv": {"unsafe-text", "unknown-target"},
    "progress-osc.csv": {"unsafe-text"},
    "progress-c1-controls.csv": {"unsafe-text"},
    "progress-bidi.csv": {"unsafe-text", "unknown-region"},
    "progress-zero-width.csv": {"unsafe-text", "unknown-target"},
    "progress-formula.csv": set(),
    "progress-html.csv": set(),
    "progress-newlines-in-cells.csv": {"unsafe-text"},
    "plan-alias-bomb.yaml": {"yaml-alias"},
    "plan-duplicate-key.yaml": {"duplicate-key"},
    "plan-yaml11.yaml": {"wrong-type", "invalid-value"},
    "plan-python-tag.yaml": {"yaml-tag"},
    "plan-binary-tag.yaml": {"yaml-tag"},
    "plan-set-tag.yaml": {"yaml-tag"},
    "plan-tabs.yaml": {"yaml-syntax"},
    "plan-deep.yaml": {"yaml-too-deep"},
    "plan-inf-nan.yaml": {"wrong-type"},
    "plan-bad-date.yaml": {"invalid-value"},
    "plan-huge-int.yaml": {"wrong-type"},
    "plan-not-utf8.yaml": {"not-utf8"},
    "plan-empty.yaml": {"wrong-type"},
    "plan-region-traversal.yaml": {"invalid-value"},
    "plan-hostile-names.yaml": set(),
}


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in corpus().items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
