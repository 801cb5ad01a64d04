"""A realistic tree of city submissions: 11 cities, two quarters, CSV and xlsx, in UTF-8,
UTF-8 with BOM and GB18030, English and Chinese headers; and mistakes at known places."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

CITIES = [
    ("杭州市", "hangzhou"), ("宁波市", "ningbo"), ("温州市", "wenzhou"), ("嘉兴市", "jiaxing"),
    ("湖州市", "huzhou"), ("绍兴市", "shaoxing"), ("金华市", "jinhua"), ("衢州市", "quzhou"),
    ("舟山市", "zhoushan"), ("台州市", "taizhou"), ("丽水市", "lishui"),
]  # fmt: skip
PERIODS = [("2019Q3", "2019-09-30", 1.0), ("2019Q4", "2019-12-31", 1.1)]
EN = ["target_id", "region", "as_of", "value", "unit", "source"]
ZH = ["指标编号", "地区", "截至日期", "数值", "单位", "来源"]
KINDS = ["utf-8", "utf-8-sig", "gb18030", "xlsx"]


@dataclass
class Tree:
    root: Path
    files: list[Path] = field(default_factory=list)
    # (code, file name, line, column) of every deliberate mistake
    expected: list[tuple[str, str, int, int]] = field(default_factory=list)


def city_rows(index: int, city: str, as_of: str, growth: float) -> list[list[str]]:
    robots = round((3000 + 500 * index) * growth)
    firms = round((800 + 60 * index) * growth)
    return [
        ["industrial_robots_in_use", city, as_of, str(robots), "台", "市经信局"],
        ["small_to_large_firms", city, as_of, f"{firms:,}", "家", "市经信局"],
        ["green_demo_factories", city, as_of, str(2 + index % 3), "", "市经信局"],
    ]


def write(path: Path, kind: str, header: list[str], rows: list[list[str]]) -> None:
    if kind == "xlsx":
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("进度填报")
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                if value.startswith("="):
                    sheet.write_formula(r, c, value, None, 1234)
                elif value.isdigit() and c == 3:
                    sheet.write_number(r, c, int(value))
                else:
                    sheet.write_string(r, c, value)
        book.close()
        return
    text = "\n".join(",".join(f'"{v}"' if "," in v else v for v in row) for row in [header, *rows])
    path.write_bytes((text + "\n").encode(kind))


def build(root: Path, mistakes: bool = True) -> Tree:
    """Write the tree under ``root``; with ``mistakes``, one of each kind at a known place."""
    tree = Tree(root)
    for period, as_of, growth in PERIODS:
        folder = root / period
        folder.mkdir(parents=True)
        for index, (city, pinyin) in enumerate(CITIES):
            kind = KINDS[index % 4]
            header = ZH if index % 2 else EN
            rows = city_rows(index, city, as_of, growth)
            suffix = "xlsx" if kind == "xlsx" else "csv"
            name = f"{pinyin}-{period}.{suffix}"
            if mistakes and period == "2019Q4":
                rows += add_mistakes(tree, name, index, city, as_of, len(rows))
            path = folder / name
            write(path, kind, header, rows)
            tree.files.append(path)
    return tree


def add_mistakes(
    tree: Tree, name: str, index: int, city: str, as_of: str, n: int
) -> list[list[str]]:
    """Rows with mistakes for a few cities' 2019Q4 files; records where each one is."""
    line = n + 2  # header is line 1, rows start at 2
    extra: list[list[str]] = []

    def add(row: list[str], code: str, column: int) -> None:
        extra.append(row)
        tree.expected.append((code, name, line + len(extra) - 1, column))

    if index == 1:  # 宁波 (UTF-8 with BOM, Chinese headers)
        add(["industrial_robot_in_use", city, as_of, "100", "台", "x"], "unknown-target", 1)
        add(["small_to_large_firms", "宁波县", as_of, "100", "家", "x"], "unknown-region", 2)
        add(["specialised_sme_pool", city, "2019-13-01", "100", "家", "x"], "bad-date", 3)
        add(["specialised_sme_pool", city, as_of, "十万", "家", "x"], "not-a-number", 4)
        add(["big_data_leaders", city, as_of, "1", "台", "x"], "unit-mismatch", 5)
        add(["pilot_counties", city, as_of, "-2", "个", "x"], "negative-value", 4)
        add(["informatization_index", city, as_of, "90", "", "x"], "not-aggregated", 2)
        add(["green_demo_parks", city, as_of, "N/A", "个", "x"], "not-reported", 4)
        add(
            ["industrial_robots_in_use", "杭州市", "2019-06-30", "2500", "台", "x"],
            "foreign-region",
            2,
        )
    if index == 2:  # 温州 (GB18030): a figure that falls, a 10x jump, a future date
        add(["green_demo_factories", city, "2019-10-31", "1", "", "x"], "value-decreased", 4)
        add(["big_data_leaders", city, "2019-06-30", "1", "家", "x"], "", 0)
        add(["big_data_leaders", city, "2019-10-31", "20", "家", "x"], "ten-fold-jump", 4)
        add(["pilot_counties", city, "2031-01-01", "1", "个", "x"], "date-in-future", 3)
    if index == 3:  # 嘉兴 (xlsx): a formula cell (cached value used) and a bad cell
        add(["national_key_projects", city, as_of, "=1000+234", "个", "x"], "", 0)
        add(["specialised_sme_pool", city, as_of, "5abc", "家", "x"], "unit-mismatch", 4)
    tree.expected = [e for e in tree.expected if e[0]]
    return extra
